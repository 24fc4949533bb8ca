"""Collect issues for one file: single issues, one per flagged row, or one per kind of warning."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd

from kip_training.reports.model import GALAT, PERINGATAN, Issue

MAX_ROWS_LISTED = 5


def clean_value(value: Any) -> Any:
    """A cell value fit for an issue: text, number or ISO date (None when empty)."""
    if value is None:
        return None
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
    if values is None:
        return None
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=object)
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
        self.issues.append(
            Issue(severity, self.file, sheet, row, column, clean_value(value), message)
        )

    def per_row(
        self,
        mask,
        rows,
        severity: str,
        sheet: str,
        column: str | None,
        values,
        message,
    ) -> None:
        """One issue per row where ``mask`` is True; ``message`` is text or f(value, position).

        ``mask``, ``rows`` (Excel row numbers) and ``values`` are aligned by position
        (Series with a RangeIndex, or arrays); positions equal the frame's index labels.
        """
        flags = np.asarray(mask, dtype=bool)
        if not flags.any():
            return
        row_numbers = np.asarray(rows)
        cells = _as_objects(values)
        for position in np.flatnonzero(flags):
            value = cells[position] if cells is not None else None
            text = message(value, position) if callable(message) else message
            self.add(severity, text, sheet, int(row_numbers[position]), column, value)

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

    def has_errors(self) -> bool:
        return any(i.severity == GALAT for i in self.issues)
