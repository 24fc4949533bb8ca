"""The follow-up register (``tindak_lanjut_*.xlsx``) read for the annual report's last section.

Read by its column titles (Kode OPD, Masalah, Tindakan yang disepakati, Penanggung jawab,
Tenggat, Status) on the first sheet that has them, in any column order and header case.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from kip_training.errors import ReportError
from kip_training.reports.schema import normalise_key
from kip_training.textfmt import format_date

COLUMNS = (
    "Kode OPD",
    "Masalah",
    "Tindakan yang disepakati",
    "Penanggung jawab",
    "Tenggat",
    "Status",
)
REQUIRED = ("Masalah", "Tindakan yang disepakati")
MAX_ROWS = 5000
HEADER_ROWS = 10


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value, weekday=False)
    return str(value).strip()


def _header(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    wanted = {normalise_key(c): c for c in COLUMNS}
    for index, row in enumerate(rows[:HEADER_ROWS]):
        found = {
            wanted[normalise_key(v)]: i
            for i, v in enumerate(row)
            if v is not None and normalise_key(v) in wanted
        }
        if all(c in found for c in REQUIRED):
            return index, found
    return None


def read_followup(path: Path | str) -> pd.DataFrame:
    """The register's rows (columns :data:`COLUMNS`, text); raises ReportError naming the file."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ReportError(f"Register tindak lanjut {path} tidak ditemukan.") from None
    except Exception as exc:  # openpyxl raises many types for a file that is no workbook
        raise ReportError(
            f"Register tindak lanjut {path.name} tidak dapat dibaca ({type(exc).__name__}); "
            "simpan ulang sebagai .xlsx."
        ) from None
    try:
        for sheet in workbook.worksheets:
            rows = list(sheet.iter_rows(max_row=MAX_ROWS + HEADER_ROWS, values_only=True))
            found = _header(rows)
            if found is None:
                continue
            start, columns = found
            records = []
            for row in rows[start + 1 :]:
                record = {c: _text(row[i]) if i < len(row) else "" for c, i in columns.items()}
                if any(record.values()):
                    records.append(record)
            return pd.DataFrame(records, columns=list(COLUMNS)).fillna("")
    finally:
        workbook.close()
    raise ReportError(
        f"Register tindak lanjut {path.name}: tidak ada lembar dengan kolom "
        + ", ".join(REQUIRED)
        + " (judul kolom yang dibaca: "
        + ", ".join(COLUMNS)
        + ")."
    )
