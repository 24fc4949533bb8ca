"""Which sheet of a workbook is which report sheet.

A sheet is found by its name (any case or spacing, or a synonym), by the name of a copy
Excel or LibreOffice made of it ("Permohonan (2)", "Salinan Permohonan", "Permohonan
2025"), or, for a data sheet whose name says nothing ("Sheet1", "Data"), by the column
titles its header holds. When two sheets stand for the same report sheet, the one that
holds rows is read: a template sheet left empty beside a copy holding the rows gives way
to the copy. Every such choice is said; a second sheet holding rows that is not read is
an error naming how many rows it holds, so no row goes unreported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from kip_training.reports import schema, skiprows
from kip_training.reports.headers import (
    blank_matrix,
    cached_key,
    cell_matrix,
    match_headers,
    sheet_for_cells,
)
from kip_training.reports.issues import IssueSink
from kip_training.reports.model import GALAT, PERINGATAN
from kip_training.reports.normalise import Factorized

#: Sheets never read as data (instructions, the lists behind drop-downs).
IGNORED_SHEETS = schema.PETUNJUK_NAMES | {"daftar_pilihan", "daftar", "pilihan", "lists"}

# "salinan_permohonan", "copy_of_permohonan", "permohonan_2", "permohonan_2025", ...
_COPY = re.compile(
    r"^(?:salinan|copy_of|copy|kopi)_(?P<after>.+)$"
    r"|^(?P<before>.+?)_(?:\d{1,4}|salinan|copy|kopi|baru|revisi|rev|new|final)$"
)


@dataclass
class _Candidate:
    name: str  # the sheet's name in the workbook
    raw: np.ndarray
    how: str  # "name", "copy" or "header"
    rows: int | None = None  # data rows below its header (counted when it matters)


def _kind(name: str, raw: np.ndarray) -> tuple[schema.Sheet | None, str]:
    sheet = schema.sheet_for_name(name)
    if sheet is not None:
        return sheet, "name"
    if match := _COPY.match(schema.normalise_key(name)):
        sheet = schema.sheet_for_name(match["after"] or match["before"])
        if sheet is not None:
            return sheet, "copy"
    if raw.size:
        sheet = sheet_for_cells(raw)
        if sheet is not None:
            return sheet, "header"
    return None, ""


def _filled(raw: np.ndarray) -> np.ndarray:
    """Per row, whether any cell holds something."""
    if not raw.size:
        return np.zeros(len(raw), dtype=bool)
    return ~blank_matrix([Factorized.of(raw[:, c]) for c in range(raw.shape[1])]).all(axis=1)


def _data_rows(sheet: schema.Sheet, raw: np.ndarray) -> int:
    """Rows below the sheet's header holding something, the template's example row aside
    (the loader's own test: a real row that begins with "Contoh" counts)."""
    match = match_headers(raw, sheet)
    if match is None:
        return 0
    body = raw[match.last_row + 1 :]
    example = [isinstance(row[0], str) and skiprows.is_example(row[0]) for row in body]
    return int((_filled(body) & ~np.array(example, dtype=bool)).sum()) if len(body) else 0


def _said(candidate: _Candidate, sheet: schema.Sheet) -> str:
    why = {
        "copy": "salinan lembar",
        "header": "menurut judul kolomnya",
    }[candidate.how]
    return f"Lembar '{candidate.name}' dibaca sebagai lembar {sheet.title} ({why})"


def data_sheets(sheets: Mapping[str, np.ndarray], sink: IssueSink) -> dict[str, tuple]:
    """The report's sheets by schema key: (name in the file, cells); the others are named
    in warnings (unknown sheets holding something) or errors (a second sheet with rows)."""
    found: dict[str, list[_Candidate]] = {}
    by_key_sheet: dict[str, schema.Sheet] = {}
    for sheet_name, raw in sheets.items():
        if cached_key(sheet_name) in IGNORED_SHEETS:
            continue
        raw = cell_matrix(raw)
        sheet, how = _kind(sheet_name, raw)
        if sheet is None:
            if _filled(raw).any():
                sink.add(
                    PERINGATAN,
                    f"Lembar '{sheet_name}' tidak dikenal dan tidak dibaca. Nama lembar yang "
                    f"dibaca: {', '.join(s.title for s in schema.SHEETS)}.",
                    sheet_name,
                )
            continue
        found.setdefault(sheet.key, []).append(_Candidate(sheet_name, raw, how))
        by_key_sheet[sheet.key] = sheet
    chosen: dict[str, tuple[str, np.ndarray]] = {}
    for key, candidates in found.items():
        sheet = by_key_sheet[key]
        pick = _pick(sheet, candidates)
        chosen[key] = (pick.name, pick.raw)
        if pick.how != "name":
            named = [c for c in candidates if c.how == "name"]
            tail = f"; lembar '{named[0].name}' tidak berisi baris data" if named else ""
            sink.add(PERINGATAN, _said(pick, sheet) + tail + ".", pick.name)
        for other in candidates:
            if other is pick:
                continue
            if other.rows:
                sink.add(
                    GALAT,
                    f"Lembar '{other.name}' juga berisi {other.rows} baris {sheet.title} dan "
                    f"tidak dibaca; yang dibaca lembar '{pick.name}'. Satukan semua baris di "
                    f"satu lembar {sheet.title}, lalu hapus lembar lainnya.",
                    other.name,
                )
            elif other.rows is None:  # not counted (Identitas): named, not compared
                sink.add(
                    PERINGATAN,
                    f"Lembar '{other.name}' sama dengan lembar '{pick.name}' dan tidak "
                    "dibaca. Gabungkan isinya ke satu lembar.",
                    other.name,
                )
            elif pick.how == "name":  # an empty copy beside the sheet read
                sink.add(
                    PERINGATAN,
                    f"Lembar '{other.name}' sama dengan lembar '{pick.name}' dan tidak "
                    "dibaca (tidak berisi baris data).",
                    other.name,
                )
    return chosen


def _pick(sheet: schema.Sheet, candidates: list[_Candidate]) -> _Candidate:
    """The sheet to read among those standing for ``sheet``: by name first, unless it
    holds no rows and another does (rows are counted only when there is a choice)."""
    ordered = sorted(candidates, key=lambda c: ("name", "copy", "header").index(c.how))
    if len(ordered) == 1:
        return ordered[0]
    if sheet.key == schema.IDENTITAS.key:  # a form, not rows: the one named so
        return ordered[0]
    for candidate in ordered:
        candidate.rows = _data_rows(sheet, candidate.raw)
    with_rows = [c for c in ordered if c.rows]
    return with_rows[0] if with_rows else ordered[0]
