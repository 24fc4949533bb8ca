"""Turn raw cell columns into typed, schema-coded columns.

A column is factorised once (``pandas.factorize``, a C-level hash pass over the cells);
each *distinct* value is then interpreted once, and the results are broadcast back to
the cells with one numpy ``take``. A column of 300 requests holds a few dozen distinct
dates and a handful of distinct codes, so the interpretation cost does not grow with the
number of rows, and no Python code runs per cell.

Each interpretation yields a status: "ok", "blank", "error", or a warning kind (the value
was understood after reinterpreting it): "dmy" (text dd/mm/yyyy), "words" (month name),
"ymd" (yyyy/mm/dd), "yy" (a two-digit year), "serial" (an Excel serial number), "ribuan"
(dot thousands, "Rp", "50rb"), "ambigu" (a number with two readings, "2,500", read as thousands),
"gratis" ("gratis" in an amount, read as 0), "sinonim" (another spelling of a code), and
"kosong" (a placeholder for none, "-" or "nihil", read as blank). A value that cannot be
read is an error; the caller decides whether that costs the row (a required column) or
only the value (an optional one).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kip_training.reports import schema
from kip_training.textfmt import (
    DMY,
    EXCEL_EPOCH,
    SERIAL,
    SERIAL_MAX,
    SERIAL_MIN,
    SHORT_YEAR,
    WORDS,
    YMD,
    AmbiguousNumber,
    read_date,
    read_number,
)

OK, BLANK, ERROR = "ok", "blank", "error"
PLACEHOLDER, FREE = "kosong", "gratis"
WARNING_KINDS = ("dmy", "words", "ymd", "yy", "serial", "ribuan", "ambigu", FREE, "sinonim")

#: Warning kinds of the date forms of :func:`kip_training.textfmt.read_date`.
_DATE_STATUS = {DMY: "dmy", WORDS: "words", YMD: "ymd", SHORT_YEAR: "yy", SERIAL: "serial"}

#: What people type in a cell for "none" (compared after :func:`schema.normalise_key`,
#: so "N/A", "n.a." and "Tidak ada" match; "-", "–", "—" and "." normalise to "").
PLACEHOLDERS = frozenset(
    ("", "nihil", "tidak_ada", "tdk_ada", "n_a", "na", "none", "nil", "kosong", "belum_ada")
)
#: What people type in an amount for "no charge": read as 0.
FREE_WORDS = frozenset(
    ("gratis", "free", "tidak_dipungut_biaya", "tanpa_biaya", "tidak_ada_biaya", "nol")
)


@dataclass
class Parsed:
    """A parsed column: values (an array), and bool masks of the cells in error, the blank
    cells and the reinterpreted cells by kind."""

    values: object
    errors: np.ndarray
    warnings: dict[str, np.ndarray] = field(default_factory=dict)  # kind -> bool mask
    blank: np.ndarray | None = None


@dataclass
class Factorized:
    """A raw column as (codes, distinct values); code ``len(uniques)`` means missing."""

    codes: np.ndarray
    uniques: np.ndarray

    @classmethod
    def of(cls, values) -> Factorized:
        array = np.asarray(values, dtype=object)
        codes, uniques = pd.factorize(array, use_na_sentinel=True)
        uniques = np.asarray(uniques, dtype=object)
        codes = np.where(codes < 0, len(uniques), codes)
        return cls(codes, uniques)

    def blank(self) -> np.ndarray:
        # None and NaN are already the missing code; only texts of spaces remain.
        flags = np.zeros(len(self.uniques) + 1, dtype=bool)
        flags[-1] = True
        for position, u in enumerate(self.uniques):
            if isinstance(u, str) and (not u or u[0].isspace() or u[-1].isspace()):
                flags[position] = not u.strip()
        return flags[self.codes]


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


# --- per-distinct-value interpreters: value -> (result, status) ----------------------


#: Control characters a cell can hold (Excel stores them as "_x000B_"): Word's manual line
#: break (vertical tab) and page break become line breaks, the others are dropped. None
#: of them shows in a spreadsheet; XML documents (the annual report) cannot hold them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def _without_controls(text: str) -> str:
    return _CONTROL.sub("", text.translate(_LINE_BREAKS)).strip()


def _text(value: object) -> tuple[object, str]:
    if value.__class__ is str:  # the common case first
        text = value.strip()
        if _CONTROL.search(text):
            text = _without_controls(text)
        return (text, OK) if text else (None, BLANK)
    if is_blank(value):
        return None, BLANK
    if isinstance(value, str):
        return _without_controls(value), OK
    if isinstance(value, bool):
        return str(value), OK
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), OK
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(), OK
    if isinstance(value, dt.date):
        return value.isoformat(), OK
    return str(value), OK


def _date(value: object) -> tuple[object, str]:
    if value.__class__ is dt.datetime:  # the common case first: a real Excel date
        return value.date(), OK
    if is_blank(value):
        return None, BLANK
    if isinstance(value, dt.datetime):
        return value.date(), OK
    if isinstance(value, dt.date):
        return value, OK
    if isinstance(value, int | float) and not isinstance(value, bool):
        if SERIAL_MIN <= value <= SERIAL_MAX and float(value).is_integer():
            return EXCEL_EPOCH + dt.timedelta(days=int(value)), "serial"
        return None, ERROR
    if not isinstance(value, str):
        return None, ERROR
    try:
        day, form = read_date(value)
    except ValueError:  # not a date, or 31/02/2025 and the like
        return None, ERROR
    return day, _DATE_STATUS.get(form, OK)


def _number(value: object) -> tuple[object, str]:
    if is_blank(value):
        return None, BLANK
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (float(value), OK) if value >= 0 else (None, ERROR)
    if not isinstance(value, str):
        return None, ERROR
    if schema.normalise_key(value) in FREE_WORDS:
        return 0.0, FREE
    try:
        number, reinterpreted = read_number(value)
        status = "ribuan" if reinterpreted else OK
    except AmbiguousNumber as ambiguous:  # "2,500": an amount is whole rupiah
        number, status = ambiguous.readings[0], "ambigu"
    except ValueError:
        return None, ERROR
    return (None, ERROR) if number < 0 else (number, status)


def _integer(value: object) -> tuple[object, str]:
    number, status = _number(value)
    if number is not None and not float(number).is_integer():
        return None, ERROR
    return (int(number) if number is not None else None), status


def _code_interpreter(column: schema.Column) -> Callable[[object], tuple[object, str]]:
    lookup = schema.code_lookup(column)
    exact = schema.exact_spellings(column)
    letters = schema.LETTER_COLUMNS.get(column.key)
    letter_re = (
        re.compile(
            rf"^(?:(?:pasal|psl|ps)_)?(?:17|35)?_?(?:(?:ayat_|ay_)?1_)?(?:huruf_|hrf_|hr_)?"
            rf"([{letters}])(?:_|$)"
        )
        if letters
        else None
    )

    def interpret(value: object) -> tuple[object, str]:
        text, status = _text(value)
        if status == BLANK:
            return None, BLANK
        key = schema.normalise_key(text)
        code = lookup.get(key)
        if code is None and column.kind == schema.YESNO and not key:
            mark = text.strip()
            code = (
                "ya" if mark in schema.YES_MARKS else "tidak" if mark in schema.NO_MARKS else None
            )
        if code is None and letter_re is not None and (m := letter_re.match(key)):
            code = m[1]
        if code is None and column.key == "semester":
            code = schema.semester_of(key)
        if code is None:
            return None, ERROR
        plain_letter = letters is not None and len(key) == 1
        return code, OK if key in exact or plain_letter else "sinonim"

    return interpret


# Built once per schema column (the lookup tables cost more than the values they read).
_CODE_INTERPRETERS: dict[int, tuple[schema.Column, Callable[[object], tuple[object, str]]]] = {}


def _interpreter(column: schema.Column) -> Callable[[object], tuple[object, str]]:
    if column.kind == schema.DATE:
        return _date
    if column.kind == schema.NUMBER:
        return _number
    if column.kind == schema.INTEGER:
        return _integer
    if column.kind in (schema.CODE, schema.YESNO):
        cached = _CODE_INTERPRETERS.get(id(column))
        if cached is None or cached[0] is not column:
            cached = (column, _code_interpreter(column))
            _CODE_INTERPRETERS[id(column)] = cached
        return cached[1]
    return _text


def _typed(values: np.ndarray, column: schema.Column):
    """Cell results (objects) as the column's array type."""
    if column.kind == schema.DATE:
        return np.array(values, dtype="datetime64[D]").astype("datetime64[ns]")  # None -> NaT
    if column.kind == schema.NUMBER:
        return np.array(values, dtype="float64")  # None -> nan
    if column.kind == schema.INTEGER:
        return pd.array(list(values), dtype="Int64")
    return values


_STATUSES = (OK, BLANK, ERROR, PLACEHOLDER, *WARNING_KINDS)
_STATUS_CODE = {status: code for code, status in enumerate(_STATUSES)}
_OK_CODE, _BLANK_CODE, _ERROR_CODE = 0, 1, 2


def is_placeholder(value: object) -> bool:
    """A typed "none": "-", "–", "—", ".", "nihil", "tidak ada", "n/a", "NA" (not "0")."""
    return (
        isinstance(value, str)
        and 0 < len(value.strip()) <= 16
        and schema.normalise_key(value) in PLACEHOLDERS
    )


def _interpret_all(uniques: np.ndarray, column: schema.Column) -> list[tuple[object, str]]:
    """Each distinct value interpreted; placeholders read as blank (status "kosong")
    unless a coded column knows them as one of its choices."""
    interpret = _interpreter(column)
    coded = column.kind in (schema.CODE, schema.YESNO)
    results = []
    for value in uniques:
        if value.__class__ is str and is_placeholder(value):
            result = interpret(value) if coded else (None, ERROR)
            results.append(result if result[1] != ERROR else (None, PLACEHOLDER))
        else:
            results.append(interpret(value))
    return results


def parse_factorized(column_data: Factorized, column: schema.Column) -> Parsed:
    """Interpret each distinct value once and spread the results over the cells.

    Values are typed per distinct value too (dates to datetime64, amounts to float),
    and statuses are small integer codes, so spreading them over the cells is one
    ``take`` per column and the masks are integer comparisons.
    """
    results = _interpret_all(column_data.uniques, column)
    per_unique = _typed(np.array([r[0] for r in results] + [None], dtype=object), column)
    codes = column_data.codes
    values = per_unique[codes]
    kinds = {r[1] for r in results}
    if kinds <= {OK}:  # the common case: every value read as it is; only empty cells
        blank = codes == len(results)
        return Parsed(values, np.zeros(len(codes), dtype=bool), {}, blank)
    status_of_unique = np.array(
        [_STATUS_CODE[r[1]] for r in results] + [_BLANK_CODE], dtype=np.int8
    )
    status = status_of_unique[codes]
    warnings = {}
    for kind in (PLACEHOLDER, *WARNING_KINDS):  # in the documented order
        if kind in kinds:
            mask = status == _STATUS_CODE[kind]
            if mask.any():
                warnings[kind] = mask
    blank = (status == _BLANK_CODE) | (status == _STATUS_CODE[PLACEHOLDER])
    return Parsed(values, status == _ERROR_CODE, warnings, blank)


def interpret_value(value: object, column: schema.Column) -> tuple[object, str]:
    """Interpret one cell (used for the few fields of the Identitas sheet)."""
    return _interpreter(column)(value)


def to_date(value: object) -> dt.date | None:
    """A parsed Timestamp/date/NaT as a date (or None)."""
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()
