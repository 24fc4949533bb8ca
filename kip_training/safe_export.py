"""Formula-injection protection for every CSV/XLSX the toolkit writes.

A spreadsheet program treats a cell whose text starts with ``=``, ``+``, ``-`` or ``@``
(and, in some programs, a tab or carriage return) as a formula. Text that came from a
user (a request summary, a remark, a quiz answer) must never run as one, so every
writer passes its text through :func:`neutralise` (one value) or
:func:`neutralise_frame` (a whole DataFrame, vectorised) before writing.

Neutralising means prefixing the text with an apostrophe (``'``), the convention
spreadsheet programs themselves use for "this is text"; the visible text is kept.
Plain numbers written as text ("-5", "+62 812", "1.234,5") are left alone: they
cannot be formulas, and prefixing them would spoil harmless data.

A control character inside a value can end a cell or a row in a reader that splits
there (a bare carriage return does in Excel, LibreOffice and Python's csv), so every
piece after a line break or tab is checked too, carriage returns become line feeds,
other control characters become visible, and :func:`write_csv` quotes every field.

The same step keeps every xlsx writable: XML 1.0 forbids control characters, lone
surrogates (a file name that was not valid UTF-8) and the noncharacters U+FFFE and
U+FFFF, and openpyxl refuses to save a workbook holding one. Each becomes a visible
stand-in, so one hostile value costs nothing but its own odd look.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import math
import numbers
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from kip_training.errors import DeckError, os_reason

#: Characters that make a spreadsheet cell a formula (or a DDE payload) when first.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PREFIX = "'"

# A number, possibly signed, with spaces, dots or commas as separators.
_PLAIN_NUMBER = re.compile(r"^[+-]?\s*\d[\d\s.,]*$")
_TRIGGER_CLASS = "[" + re.escape("".join(TRIGGERS)) + "]"
# Control characters other than tab and line feed (C0, DEL, C1), lone surrogates and
# the noncharacters U+FFFE/U+FFFF (not allowed in XML); carriage returns are turned
# into line feeds first.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_CONTROL = re.compile(f"[{_UNSAFE}]")
_LINE_BREAK = re.compile("\r\n?")
#: Text that needs a look: a trigger first, or a control character (tab and line feed
#: included: a piece after one may start with a trigger) anywhere.
_NEEDS_WORK = re.compile(f"^{_TRIGGER_CLASS}|[\t\n\r{_UNSAFE}]")


def _picture(match: re.Match) -> str:
    """A visible stand-in for one control character (ESC becomes ``␛``)."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def is_dangerous(value: Any) -> bool:
    """Whether ``value`` is text a spreadsheet program could run as a formula."""
    if not isinstance(value, str) or not value:
        return False
    return value[0] in TRIGGERS and not _PLAIN_NUMBER.match(value)


def _neutralise_piece(text: str) -> str:
    return PREFIX + text if is_dangerous(text) else text


def _neutralise_line(line: str) -> str:
    """One line of a value: each tab-separated piece checked (a reader may split there)."""
    safe = "\t".join(_neutralise_piece(piece) for piece in line.split("\t"))
    return PREFIX + safe if line.startswith("\t") else safe


def neutralise(value: Any) -> Any:
    """Return ``value`` safe to write to a spreadsheet cell.

    Text starting with a formula trigger gets an apostrophe in front, and so does every
    piece of it after a line break or tab. Carriage returns become line feeds; other
    control characters become visible. Anything else (numbers, dates, None, harmless
    text) is returned unchanged.

    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("-5"), neutralise(7), neutralise("Dinas")
    ('-5', 7, 'Dinas')
    >>> neutralise("Budi\\r=1+1")
    "Budi\\n'=1+1"
    """
    if not isinstance(value, str) or not _NEEDS_WORK.search(value):
        return value
    text = _CONTROL.sub(_picture, _LINE_BREAK.sub("\n", value))
    safe = "\n".join(_neutralise_line(line) for line in text.split("\n"))
    return PREFIX + safe if text[0] == "\n" else safe


_CELL_TYPES = (str, numbers.Number, dt.date, dt.time, dt.timedelta, type(None))


def cell_value(value: Any) -> Any:
    """``value`` ready for an openpyxl cell: :func:`neutralise`\\ d, and anything that is
    not text, a number, a date or empty written as its text (openpyxl refuses other
    types); NaN and infinities (which Excel cannot open) become empty or text."""
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else str(value)
    if value is pd.NA or value is pd.NaT:
        return None
    if not isinstance(value, _CELL_TYPES):
        value = str(value)
    return neutralise(value)


@contextlib.contextmanager
def xlsx_workbook(path: Path) -> Iterator[xlsxwriter.Workbook]:
    """An xlsxwriter workbook, written to ``path`` when the block ends (rows go in with
    :func:`write_row`); a file that cannot be written raises :class:`DeckError` naming
    it, with the system's reason."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook = xlsxwriter.Workbook(path)
        yield workbook
        workbook.close()
    except (OSError, FileCreateError) as exc:
        cause = exc.args[0] if isinstance(exc, FileCreateError) and exc.args else exc
        reason = os_reason(cause) if isinstance(cause, OSError) else cause
        raise DeckError(f"Berkas {path} tidak dapat ditulis: {reason}.") from None


def write_row(sheet: Any, row: int, values: Any, fmt: Any = None, date_fmt: Any = None) -> None:
    """Write one row of an xlsxwriter worksheet (0-based ``row``) safely and quickly.

    Each value passes :func:`cell_value`; text is always written as text (never read as
    a formula or a link), numbers as numbers, dates with ``date_fmt``, empties as blanks.
    """
    for col, raw in enumerate(values):
        kind = raw.__class__
        if kind is str:  # the common cases first, without the general conversion
            if raw or fmt is not None:
                sheet.write_string(row, col, neutralise(raw), fmt)
            continue
        if kind is int or (kind is float and math.isfinite(raw)):
            sheet.write_number(row, col, raw, fmt)
            continue
        value = cell_value(bool(raw) if isinstance(raw, np.bool_) else raw)
        if value is None:
            if fmt is not None:
                sheet.write_blank(row, col, None, fmt)
        elif isinstance(value, str):
            sheet.write_string(row, col, value, fmt)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, numbers.Number):
            sheet.write_number(row, col, value, fmt)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, value, date_fmt or fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)


def neutralise_series(series: pd.Series) -> pd.Series:
    """Vectorised :func:`neutralise` over one column (non-text values untouched)."""
    if not (
        pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)
    ):
        return series
    text = series.where(series.map(lambda v: isinstance(v, str)))  # NaN where not text
    text = text.astype("object")
    mask = text.str.contains(_NEEDS_WORK, na=False)
    if not mask.any():
        return series
    result = series.astype("object").copy()
    result[mask] = text[mask].map(neutralise)
    return result


def neutralise_frame(frame: pd.DataFrame, columns: bool = True) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and, by default, header) neutralised."""
    result = frame.copy()
    for name in result.columns:
        result[name] = neutralise_series(result[name])
    if columns:
        result.columns = [neutralise(c) for c in result.columns]
    return result


def write_csv(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write ``frame`` as CSV (UTF-8 with BOM, for Excel): neutralised, every field quoted."""
    path = Path(path)
    neutralise_frame(frame).to_csv(path, index=False, encoding="utf-8-sig", quoting=csv.QUOTE_ALL)
    return path
