"""Write a filled-in report workbook (used by the sample generator and by tests).

Fast (openpyxl write-only mode) and faithful to the template's layout: a Petunjuk
sheet, Identitas as label/value rows, one header row per data sheet. Headers can be
overridden per column to imitate how people rename them; extra columns are allowed.
Every text cell goes through :func:`kip_training.safe_export.neutralise`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from kip_training.reports import schema
from kip_training.safe_export import neutralise

DATE_FORMAT = "DD/MM/YYYY"


def _cell(ws, value):
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return neutralise(value)


def write_report(
    path: Path | str,
    identitas: Mapping[str, object],
    sheets: Mapping[str, Sequence[Mapping[str, object]]],
    headers: Mapping[str, Mapping[str, str]] | None = None,
    extra_columns: Mapping[str, Sequence[str]] | None = None,
    sheet_titles: Mapping[str, str] | None = None,
) -> Path:
    """Write one report.

    ``identitas`` maps Identitas field keys to values; ``sheets`` maps a sheet key
    ("permohonan", ...) to rows (dicts keyed by column key, or by an extra column name).
    ``headers[sheet][column_key]`` replaces a column's header text; ``extra_columns``
    adds columns after the schema's; ``sheet_titles`` renames sheets.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    headers = headers or {}
    extra_columns = extra_columns or {}
    sheet_titles = sheet_titles or {}
    wb = Workbook(write_only=True)
    petunjuk = wb.create_sheet(schema.PETUNJUK_TITLE)
    petunjuk.append(["Laporan semester PPID Pembantu. Lihat templat untuk petunjuk lengkap."])
    ws = wb.create_sheet(sheet_titles.get("identitas", schema.IDENTITAS.title))
    ws.append(["Isian", "Nilai", "Keterangan"])
    for column in schema.IDENTITAS.columns:
        ws.append([column.title, _cell(ws, identitas.get(column.key)), None])
    for sheet in schema.SHEETS[1:]:
        if sheet.key not in sheets:
            continue
        ws = wb.create_sheet(sheet_titles.get(sheet.key, sheet.title))
        keys = [c.key for c in sheet.columns] + list(extra_columns.get(sheet.key, ()))
        names = headers.get(sheet.key, {})
        titles = [
            names.get(k, sheet.column(k).title if k in {c.key for c in sheet.columns} else k)
            for k in keys
        ]
        ws.append([neutralise(t) for t in titles])
        for row in sheets[sheet.key]:
            ws.append([_cell(ws, row.get(k)) for k in keys])
    wb.save(path)
    return path
