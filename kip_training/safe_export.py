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
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

#: Characters that make a spreadsheet cell a formula (or a DDE payload) when first.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PREFIX = "'"

# A number, possibly signed, with spaces, dots or commas as separators.
_PLAIN_NUMBER = re.compile(r"^[+-]?\s*\d[\d\s.,]*$")
_TRIGGER_CLASS = "[" + re.escape("".join(TRIGGERS)) + "]"
_DANGEROUS = re.compile(_TRIGGER_CLASS)


def is_dangerous(value: Any) -> bool:
    """Whether ``value`` is text a spreadsheet program could run as a formula."""
    if not isinstance(value, str) or not value:
        return False
    return value[0] in TRIGGERS and not _PLAIN_NUMBER.match(value)


def neutralise(value: Any) -> Any:
    """Return ``value`` safe to write to a spreadsheet cell.

    Text starting with a formula trigger gets an apostrophe in front; anything else
    (numbers, dates, None, harmless text) is returned unchanged.

    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("-5"), neutralise(7), neutralise("Dinas")
    ('-5', 7, 'Dinas')
    """
    if is_dangerous(value):
        return PREFIX + value
    return value


def neutralise_series(series: pd.Series) -> pd.Series:
    """Vectorised :func:`neutralise` over one column (non-text values untouched)."""
    if not (
        pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)
    ):
        return series
    text = series.where(series.map(lambda v: isinstance(v, str)))  # NaN where not text
    text = text.astype("object")
    starts = text.str.match(_TRIGGER_CLASS, na=False)
    if not starts.any():
        return series
    plain = text.str.match(_PLAIN_NUMBER.pattern, na=False)
    mask = starts & ~plain
    if not mask.any():
        return series
    result = series.astype("object").copy()
    result[mask] = PREFIX + text[mask]
    return result


def neutralise_frame(frame: pd.DataFrame, columns: bool = True) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and, by default, header) neutralised."""
    result = frame.copy()
    for name in result.columns:
        result[name] = neutralise_series(result[name])
    if columns:
        result.columns = [neutralise(c) for c in result.columns]
    return result
