"""Collect issues by file: single issues, one per flagged row, or one per kind of warning.

Every issue's value and message pass through :func:`~kip_training.reports.personal.mask`
here, so no echo of a cell (JSON, console, feedback workbook, cache, notebooks) carries
a NIK, phone number, e-mail or name typed into it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd

from kip_training.reports import personal
from kip_training.reports.model import PERINGATAN, Issue

MAX_ROWS_LISTED = 5


def clean_value(value: Any) -> Any:
    """A cell value fit for an issue: text, number or ISO date (None when empty)."""
    if value is None or value.__class__ is str or value.__class__ is int:
        return value  # the common cases first
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp | np.datetime64):
        return pd.Timestamp(value).date().isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def _as_objects(values) -> np.ndarray | None:
    """Cells as Python objects (dates as Timestamps, not numpy's bare integers)."""
    if values is None:
        return None
    values = np.asarray(values)
    if values.dtype.kind == "M":  # numpy turns datetime64[ns] into bare integers
        return pd.DatetimeIndex(values).to_numpy(dtype=object)
    return values.astype(object)


class IssueSink:
    """Issues of one file, located by sheet, Excel row and column title."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[Issue] = []

    def add(
        self,
        severity: str,
        message: str,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
    ) -> None:
        value = clean_value(value)
        if value.__class__ is str:
            value = personal.mask(value)
        self.issues.append(
            Issue(severity, self.file, sheet, row, column, value, personal.mask(message))
        )

    def personal_field(
        self, value: object, key: str, sheet: str, row: int | None, column: str
    ) -> object:
        """An Identitas field with its personal data masked (one warning when there was some).

        The official fields (:data:`~kip_training.reports.personal.OFFICIAL_FIELDS`) may
        hold the office's phone, e-mail and the official's name; a NIK is masked anywhere.
        """
        allowed = personal.OFFICIAL_ALLOWED if key in personal.OFFICIAL_FIELDS else frozenset()
        found = personal.scan(value, allowed)
        if found is None:
            return value
        self.add(
            PERINGATAN,
            personal.warning_text(column, found.kinds) + ".",
            sheet,
            row,
            column,
            found.items,
        )
        return found.masked

    def grouped(
        self,
        mask,
        rows,
        sheet: str,
        column: str,
        values,
        message: str,
        severity: str = PERINGATAN,
    ) -> None:
        """One warning for all flagged rows of a column, naming the first few rows."""
        flags = np.asarray(mask, dtype=bool)
        if not flags.any():
            return
        flagged = np.flatnonzero(flags)
        row_numbers = np.asarray(rows)
        listed = ", ".join(str(int(row_numbers[i])) for i in flagged[:MAX_ROWS_LISTED])
        more = (
            f" dan {len(flagged) - MAX_ROWS_LISTED} baris lain"
            if len(flagged) > MAX_ROWS_LISTED
            else ""
        )
        first = flagged[0]
        cells = _as_objects(values)
        text = f"{message} ({len(flagged)} sel: baris {listed}{more})."
        value = cells[first] if cells is not None else None
        self.add(severity, text, sheet, int(row_numbers[first]), column, value)

    def with_opd(self, kode_opd: str | None) -> list[Issue]:
        return [dataclasses.replace(i, kode_opd=kode_opd) for i in self.issues]


def _cells_at(values, positions: np.ndarray) -> np.ndarray | None:
    """The cells of ``values`` at ``positions`` as objects (only those: converting a whole
    column of dates to Timestamps costs more than the check that flagged a few rows)."""
    if values is None:
        return None
    if isinstance(values, pd.Series):
        values = values.array
    return _as_objects(values[positions])


def _runs(owners: np.ndarray) -> list[tuple[int, int, int]]:
    """(file, start, end) of each run of one file in ``owners`` (a file's rows are
    contiguous)."""
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    ends = np.r_[starts[1:], len(owners)]
    return [(int(owners[a]), a, b) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]


class ChunkSink:
    """Issues of the rows of several files at once; each issue goes to its file's sink.

    ``files`` arguments are, per row, the index of the row's file in ``sinks``; rows of
    one file are contiguous. ``sheet`` is one sheet name, or a sequence of names by file.
    Within a file, issues are added in the order of the calls, as :class:`IssueSink`
    would add them file by file.
    """

    def __init__(self, sinks: list[IssueSink]) -> None:
        self.sinks = sinks

    def per_row(
        self,
        mask,
        files: np.ndarray,
        rows,
        severity: str,
        sheet,
        column: str | None,
        values,
        message,
    ) -> None:
        """One issue per flagged row; ``message`` is text or f(value, position)."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        cells = _cells_at(values, positions)
        row_numbers = np.asarray(rows)[positions].tolist()
        owners = files[positions].tolist()
        names = isinstance(sheet, str)
        for k, position in enumerate(positions.tolist()):
            value = cells[k] if cells is not None else None
            text = message(value, position) if callable(message) else message
            owner = owners[k]
            self.sinks[owner].add(
                severity,
                text,
                sheet if names else sheet[owner],
                row_numbers[k],
                column,
                value,
            )

    def personal(
        self,
        masked: personal.MaskedColumn,
        codes: np.ndarray,
        has: np.ndarray,
        files: np.ndarray,
        rows,
        sheet,
        column: str,
    ) -> None:
        """Per file, one warning for the cells of a column that held personal data (their
        kinds in that file), with the masked pieces of the first as its value."""
        positions = np.flatnonzero(masked.flagged(codes) & has)
        if not len(positions):
            return
        cell_codes = codes[positions]
        row_numbers = np.asarray(rows)[positions]
        for owner, start, end in _runs(files[positions]):
            found = [masked.found[c] for c in cell_codes[start:end].tolist()]
            kinds = {kind for item in found for kind in item.kinds}
            self.sinks[owner].grouped(
                np.ones(end - start, dtype=bool),
                row_numbers[start:end],
                sheet if isinstance(sheet, str) else sheet[owner],
                column,
                [item.items for item in found],
                personal.warning_text(column, kinds),
            )

    def grouped(
        self,
        mask,
        files: np.ndarray,
        rows,
        sheet,
        column: str,
        values,
        message: str,
        severity: str = PERINGATAN,
    ) -> None:
        """Per file, one warning for all its flagged rows (as :meth:`IssueSink.grouped`)."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        cells = _cells_at(values, positions)
        row_numbers = np.asarray(rows)[positions]
        for owner, start, end in _runs(files[positions]):
            self.sinks[owner].grouped(
                np.ones(end - start, dtype=bool),
                row_numbers[start:end],
                sheet if isinstance(sheet, str) else sheet[owner],
                column,
                cells[start:end] if cells is not None else None,
                message,
                severity,
            )
