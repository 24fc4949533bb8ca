"""Find dates whose day and month were swapped, per date column of each report.

Excel set to an English locale reads a typed "03/05/2025" as 5 March (month first) and
stores a real date, while "17/05/2025" (no 17th month) stays text, which the loader reads
day first. Two signs, per column of one file:

(a) the column mixes real dates with day <= 12 and dd/mm text with day > 12, and holds
    no real date with day > 12 (an English-locale Excel makes real dates only of typed
    dd/mm whose month, read as the day, is at most 12): the real dates were typed dd/mm
    and read mm/dd;
(b) (columns that must lie in the semester) dates fall outside the report's semester
    but inside it when day and month are swapped back: at least two of them, and more
    than the dates outside the semester that a swap would not explain.

Only dates whose day is at most 12 and differs from the month can be swapped: a date
with day > 12 is unambiguous and never touched. A swap is never silent: the caller
writes one warning per column and file naming the number of cells.

The work is per distinct value (whether it is a real date, dd/mm text with day > 12,
swappable) and per (file, distinct value) pair; rows are only visited by numpy.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kip_training.reports.model import Period
from kip_training.textfmt import format_date

LOCALE, SEMESTER = "locale", "semester"
#: Date columns that must lie in the report's semester (sign (b) applies to them).
IN_SEMESTER = frozenset(("tanggal_diterima", "tanggal_keberatan"))
#: Sign (b) needs this many dates of a column that a swap brings into the semester: one
#: stray date is reported as outside the semester (with a hint), not read back.
MIN_SEMESTER_SWAPS = 2
_DMY_TEXT = re.compile(r"^\s*(?:[A-Za-z']+,?\s+)?(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")


@dataclass
class Swaps:
    """Rows whose date is to be read with day and month swapped, the swapped dates, and
    per file the sign that gave it away (:data:`LOCALE` or :data:`SEMESTER`)."""

    rows: np.ndarray  # bool, per row
    values: np.ndarray  # datetime64[ns], per row: the dates with the swaps applied
    sign: dict[int, str]


def _kinds(uniques: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct value: is it a real date cell; is it dd/mm text with day > 12."""
    real = np.array([isinstance(u, dt.date) for u in uniques] + [False], dtype=bool)
    late_day = np.zeros(len(uniques) + 1, dtype=bool)
    for position, u in enumerate(uniques):
        if isinstance(u, str) and (m := _DMY_TEXT.match(u)) and int(m[1]) > 12:
            late_day[position] = True
    return real, late_day


def _swapped(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: the date with day and month swapped, whether it can be (day <= 12, day
    differing from the month), and whether its day is above 12. Worked out once per
    distinct date."""
    distinct, inverse = np.unique(values, return_inverse=True)
    index = pd.DatetimeIndex(distinct)
    known = ~np.isnat(distinct)
    can = known & (index.day <= 12) & (index.day != index.month)
    swapped = np.full(len(distinct), np.datetime64("NaT"), dtype="datetime64[ns]")
    if can.any():
        year, month, day = (
            np.asarray(a[can], dtype="int64") for a in (index.year, index.day, index.month)
        )
        months = ((year - 1970) * 12 + month - 1).astype("datetime64[M]")
        swapped[can] = months.astype("datetime64[D]") + (day - 1)
    late = known & (index.day > 12)
    inverse = inverse.reshape(-1)
    return swapped[inverse], np.asarray(can, dtype=bool)[inverse], late[inverse]


def find_swaps(
    codes: np.ndarray,
    uniques: np.ndarray,
    values: np.ndarray,
    files: np.ndarray,
    periods: list[Period | None],
    in_semester: bool,
) -> Swaps:
    """The swapped dates of one date column of several files.

    ``codes``/``uniques`` are the column's factorised raw cells (code ``len(uniques)``:
    missing), ``values`` the dates read (datetime64[ns], per row), ``files`` each row's
    file, ``periods`` each file's semester (None: unknown), ``in_semester`` whether the
    column's dates must lie in the semester (the date a request or objection arrived).
    """
    values = np.asarray(values, dtype="datetime64[ns]")
    none = Swaps(np.zeros(len(values), dtype=bool), values, {})
    if not len(values):
        return none
    real, late_day = _kinds(uniques)
    if not in_semester and not late_day.any():
        return none  # neither sign can show
    swapped, can, late_date = _swapped(values)
    if not can.any():
        return none
    is_real, is_late = real[codes], late_day[codes]
    n_files = len(periods)
    nat = np.datetime64("NaT", "ns")
    start = np.array([np.datetime64(p.start, "ns") if p else nat for p in periods])[files]
    end = np.array([np.datetime64(p.end, "ns") if p else nat for p in periods])[files]
    known = ~np.isnat(start)
    inside = known & (values >= start) & (values <= end)
    inside_swapped = known & (swapped >= start) & (swapped <= end)

    # (a) real dates next to dd/mm text that only a day-first reading accepts, and no
    # real date with day > 12 (which an English-locale Excel cannot have made of dd/mm)
    late_real = is_real & late_date
    locale_files = (np.bincount(files, weights=is_late, minlength=n_files) > 0) & (
        np.bincount(files, weights=late_real, minlength=n_files) == 0
    )
    locale = can & is_real & locale_files[files] & ~(inside & ~inside_swapped)
    # (b) outside the semester unless swapped back
    semester = np.zeros(len(values), dtype=bool)
    if in_semester:
        fixable = can & known & ~inside & inside_swapped & ~locale
        unfixable = known & ~np.isnat(values) & ~inside & ~fixable & ~locale
        fixed = np.bincount(files, weights=fixable, minlength=n_files)
        other = np.bincount(files, weights=unfixable, minlength=n_files)
        semester = fixable & ((fixed >= MIN_SEMESTER_SWAPS) & (fixed > other))[files]
    rows = locale | semester
    if not rows.any():
        return none
    sign = {int(f): LOCALE for f in np.unique(files[locale])}
    for f in np.unique(files[semester]):
        sign.setdefault(int(f), SEMESTER)
    corrected = values.copy()
    corrected[rows] = swapped[rows]
    return Swaps(rows, corrected, sign)


def message(count: int, title: str, sign: str, before, after, period: Period | None) -> str:
    """The warning for one column of one file (Indonesian); ``before``/``after`` are the
    first swapped date as read and as corrected."""
    example = (
        f"{format_date(pd.Timestamp(before).date(), weekday=False)} menjadi "
        f"{format_date(pd.Timestamp(after).date(), weekday=False)}"
    )
    if sign == LOCALE:
        why = (
            "format Excel berbahasa Inggris: sel lain di kolom ini berisi teks dd/mm "
            "dengan hari di atas 12"
        )
    else:
        why = f"di luar {period.title} bila dibaca apa adanya" if period else "di luar semester"
    return (
        f"{count} tanggal di kolom '{title}' tampaknya tertukar hari/bulan ({why}); "
        f"dibaca ulang sebagai dd/mm, misalnya {example}. Periksa tanggalnya dan ketik "
        "tanggal sebagai dd/mm/yyyy dengan pengaturan bahasa Indonesia"
    )
