"""Shared helpers of the deck's content: number formats, OPD rows and names, statuses.

Every number on a slide is formatted here, Indonesian style ("1.234", "80,5%").
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_extension_array_dtype, is_object_dtype

from kip_training import law
from kip_training.calendar import WorkingCalendar
from kip_training.deck.model import Tone
from kip_training.reports import Period
from kip_training.textfmt import format_date, format_number, format_percent

NO_DATA = "—"

INTERNAL_ESTIMATE = "Perkiraan internal — bukan nilai monev Komisi Informasi"
MEETING_WORKING_DAYS_AFTER_PERIOD = 15
#: An OPD is followed up when less than this share of its periodic information is fresh.
BERKALA_MIN_FRESH = 0.5


# --------------------------------------------------------------------------- formatting


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def fmt_count(value: Any) -> str:
    return NO_DATA if _missing(value) else format_number(float(value))


def fmt_percent(value: Any) -> str:
    return NO_DATA if _missing(value) else format_percent(float(value), 1)


def fmt_days(value: Any) -> str:
    if _missing(value):
        return NO_DATA
    value = float(value)
    return format_number(value, 0 if value == int(value) else 1)


def _arrow(change: float) -> str:
    if change > 0:
        return "▲"
    if change < 0:
        return "▼"
    return "="


def fmt_change(change: float | None, kind: str) -> str:
    """A change as shown in the headline table: "▲ 12", "▼ 3,5 poin", "= 0 hari"."""
    if _missing(change):
        return NO_DATA
    assert change is not None
    arrow = _arrow(change)
    if kind == "percent":
        return f"{arrow} {format_number(abs(change) * 100, 1)} poin"
    if kind == "days":
        return f"{arrow} {fmt_days(abs(change))} hari"
    return f"{arrow} {fmt_count(abs(change))}"


def _tone(change: float | None, better: str | None) -> Tone:
    if _missing(change) or not change or better is None:
        return None
    assert change is not None
    up_is_good = better == "naik"
    return "baik" if (change > 0) == up_is_good else "buruk"


def _code_label(code: str, labels: Mapping[str, str]) -> str:
    return labels.get(code) or str(code).replace("_", " ").capitalize()


# --------------------------------------------------------------------------- helpers


def _get(row: Mapping[str, Any], key: str, default: Any = 0) -> Any:
    value = row.get(key, default)
    return default if value is None else value


def _num(value: Any) -> float:
    return 0.0 if _missing(value) else float(value)


def short_name(row: Mapping[str, Any], code: str = "") -> str:
    """The OPD's abbreviation for chart labels (its name, or code, when it has none)."""
    for key in ("singkatan", "nama"):
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return str(code)


USABLE_STATUS = ("tepat_waktu", "terlambat")
INCOMPLETE_MARK = "*"
INCOMPLETE_NOTE = (
    "* Angka tidak lengkap: sebagian baris laporan OPD ini ditolak saat pemeriksaan "
    "(lihat hasil pemeriksaan per OPD); angkanya batas bawah, bukan nol."
)


def usable(row: Mapping[str, Any]) -> bool:
    """Whether the OPD's report gives figures (on time or late; not unusable, not missing)."""
    return row.get("status_laporan") in USABLE_STATUS


def incomplete(row: Mapping[str, Any]) -> bool:
    """Whether the OPD's figures are incomplete: a usable report with rows rejected."""
    return usable(row) and row.get("lengkap") is not None and not bool(row.get("lengkap"))


def _with_status(rows: Mapping[str, Mapping[str, Any]], status: str) -> list[str]:
    """The codes of the OPDs (rows by code) with that reporting status, in order."""
    return [code for code, row in rows.items() if row.get("status_laporan") == status]


def long_name(row: Mapping[str, Any], code: str = "") -> str:
    value = row.get("nama")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return short_name(row, code)


def _rows(per_opd: pd.DataFrame) -> list[tuple[str, dict[str, Any]]]:
    """(code, row dict) for every OPD of the summary, in roster order.

    The same dicts as ``per_opd.to_dict("records")`` (Python scalars: int, float, str,
    Timestamp, NaN/NaT), built from whole columns: ``Series.tolist`` converts a column
    in one go, where ``to_dict`` boxes every cell on its own (3x slower on 1,000 OPDs).
    """
    codes = [str(code) for code in per_opd.index]
    names = list(per_opd.columns)
    columns = []
    for j in range(len(names)):
        column = per_opd.iloc[:, j]
        values = column.tolist()
        if is_object_dtype(column.dtype) or is_extension_array_dtype(column.dtype):
            values = [_native(v) for v in values]  # as to_dict boxes these columns
        columns.append(values)
    records = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
    if not names:  # zip(*[]) yields nothing; to_dict gives one empty dict per row
        records = [{} for _ in codes]
    return list(zip(codes, records, strict=True))


def _native(value: Any) -> Any:
    """A cell of an object or extension column as ``to_dict`` gives it: NA as None,
    NumPy scalars as Python ones (datetimes as Timestamp)."""
    if value is pd.NA:
        return None
    if isinstance(value, np.datetime64 | np.timedelta64):
        return pd.Timestamp(value) if isinstance(value, np.datetime64) else pd.Timedelta(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def _top_with_rest(
    items: Sequence[tuple[str, float]], top_n: int, rest_label: str = "Lainnya"
) -> list[tuple[str, float]]:
    """The top_n items by value, then one item grouping the rest (when there is a rest)."""
    ordered = sorted(items, key=lambda item: -item[1])
    head, rest = ordered[:top_n], ordered[top_n:]
    if rest:
        head.append((f"{rest_label} ({len(rest)} OPD)", sum(v for _, v in rest)))
    return head


def default_meeting_date(period: Period, calendar: WorkingCalendar | None = None) -> dt.date:
    """The meeting date when config sets none: the 15th working day after the semester.

    A meeting is never set on a cuti bersama day, whatever reading the deadlines use.
    """
    if calendar is None:
        calendar = WorkingCalendar.from_config()
    calendar = calendar.with_reading(law.CUTI_BERSAMA_LIBUR)
    return calendar.add_working_days(period.end, MEETING_WORKING_DAYS_AFTER_PERIOD)


def six_months_on(day: dt.date, calendar: WorkingCalendar | None = None) -> dt.date:
    """The same day six months later (clamped to the month's end), moved to a working day."""
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for dom in range(day.day, 0, -1):
        try:
            result = dt.date(year, month, dom)
            break
        except ValueError:
            continue
    if calendar is not None:
        calendar = calendar.with_reading(law.CUTI_BERSAMA_LIBUR)
        while not calendar.is_working_day(result):
            result += dt.timedelta(days=1)
    return result


# --------------------------------------------------------------------------- slides


def _fmt_date(value: Any) -> str:
    if value is None or _missing_date(value):
        return NO_DATA
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value, weekday=False)
    return str(value)


def _missing_date(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def rounded_percent(value: Any) -> float | None:
    """A 0–1 ratio as the percentage shown on the slides (one decimal), as a number."""
    if _missing(value):
        return None
    return float(f"{float(value) * 100:.1f}")


def pp_change(now: Any, before: Any) -> float | None:
    """Change in percentage points between two 0–1 ratios, computed from the rounded
    figures the slides show (so 80,4% after 80,0% is 0,4 poin, whatever the decimals)."""
    a, b = rounded_percent(now), rounded_percent(before)
    if a is None or b is None:
        return None
    return round(a - b, 1)


def fmt_pp(change: float | None) -> str:
    """A percentage-point change: "▲ 0,4 poin persentase"."""
    if change is None:
        return NO_DATA
    return f"{_arrow(change)} {format_number(abs(change), 1)} poin persentase"


NUMBER_WORDS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
)


def count_words(n: int, noun: str = "OPD", capital: bool = False) -> str:
    """ "Dua OPD" / "12 OPD": small counts in words, as in a spoken sentence."""
    text = f"{NUMBER_WORDS[n]} {noun}" if 0 <= n < len(NUMBER_WORDS) else f"{fmt_count(n)} {noun}"
    return text[0].upper() + text[1:] if capital else text


def join_names(names: Sequence[str], limit: int = 5) -> str:
    """ "A, B dan C"; beyond ``limit`` names: "A, B, C, D, E dan 7 OPD lainnya"."""
    names = list(names)
    if not names:
        return ""
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" dan {len(names) - limit} OPD lainnya"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " dan " + names[-1]
