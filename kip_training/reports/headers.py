"""Find a sheet's header row and name its columns; cell matrices and their blank cells."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from kip_training.reports import schema
from kip_training.reports.normalise import Factorized

HEADER_SEARCH_ROWS = 10


def cell_matrix(raw) -> np.ndarray:
    """A raw sheet (DataFrame or 2-D array of cells) as a 2-D object array."""
    if isinstance(raw, np.ndarray) and raw.dtype == object and raw.ndim == 2:
        return raw
    if raw is None:
        return np.empty((0, 0), dtype=object)
    matrix = np.asarray(raw, dtype=object)
    return matrix if matrix.ndim == 2 else matrix.reshape(len(matrix), -1)


_HEADER_LOOKUPS: dict[str, dict[str, str]] = {}
_KEYS: dict[object, str] = {}


def cached_key(text: object) -> str:
    """:func:`schema.normalise_key`, remembered: headers and sheet names repeat in every file."""
    try:
        return _KEYS[text]
    except KeyError:
        normalised = schema.normalise_key(text)
        if len(_KEYS) < 10_000:
            _KEYS[text] = normalised
        return normalised
    except TypeError:  # unhashable cell value
        return schema.normalise_key(text)


def header_lookup(sheet: schema.Sheet) -> dict[str, str]:
    if sheet.key in _HEADER_LOOKUPS and sheet is schema.SHEETS_BY_KEY.get(sheet.key):
        return _HEADER_LOOKUPS[sheet.key]
    lookup: dict[str, str] = {}
    for column in sheet.columns:
        for name in column.header_names():
            lookup.setdefault(name, column.key)
    if sheet is schema.SHEETS_BY_KEY.get(sheet.key):
        _HEADER_LOOKUPS[sheet.key] = lookup
    return lookup


def find_header(raw: np.ndarray, lookup: Mapping[str, str]) -> int | None:
    """The row (0-based) among the first few that holds most known column headers."""
    best, best_hits = None, 0
    cells = raw[:HEADER_SEARCH_ROWS]
    for position, row in enumerate(cells):
        names = [cached_key(v) for v in row if isinstance(v, str) and v.strip()]
        hits = sum(1 for n in names if n in lookup)
        if hits > best_hits:
            best, best_hits = position, hits
        if hits >= 3:  # a real header row: stop looking
            break
    return best


def blank_matrix(columns: list[Factorized]) -> np.ndarray:
    """rows x columns: True where the cell is empty."""
    if not columns:
        return np.zeros((0, 0), dtype=bool)
    return np.column_stack([c.blank() for c in columns])


def column_letter(position: int) -> str:
    """The Excel letter of a 0-based column position (0 -> "A", 26 -> "AA").

    Computed here: importing openpyxl would cost every report load about 0.2 s.
    """
    letters = ""
    number = position + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
