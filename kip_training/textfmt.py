"""Indonesian text helpers: dates and numbers in and out.

:func:`read_date` and :func:`read_number` are the one parser of dates and numbers as
people type them, shared by the report loader (which warns when a value was
reinterpreted), the quiz's answers, the command line and the configuration.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

#: Month names and common abbreviations (Indonesian and English) to month numbers.
MONTH_NUMBERS: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    MONTH_NUMBERS[_name.lower()] = _number
    MONTH_NUMBERS[_name[:3].lower()] = _number
MONTH_NUMBERS.update(
    {
        "pebruari": 2,
        "peb": 2,
        "agt": 8,
        "ags": 8,
        "nop": 11,
        "nopember": 11,
        "sept": 9,
        "january": 1,
        "february": 2,
        "march": 3,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "october": 10,
        "oct": 10,
        "december": 12,
        "dec": 12,
        "aug": 8,
    }
)

#: How a date was written: ISO (2025-03-12), day/month/year (12/03/2025), in words.
ISO, DMY, WORDS = "iso", "dmy", "words"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", re.I)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDS = re.compile(r"^(?:[a-z']+,\s*)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$", re.I)

_DOTTED = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 5.000.000 or 1.234,5
_PLAIN = re.compile(r"^-?\d+(?:\.\d+)?$")  # 5000 or 12.5
_COMMA = re.compile(r"^-?\d+,\d+$")  # 12,5


def read_date(text: str) -> tuple[dt.date, str]:
    """A date as people type it, and how it was written (:data:`ISO`, :data:`DMY`,
    :data:`WORDS`): "2025-03-12", "12/03/2025", "12 Maret 2025", "Rabu, 12 Maret 2025".

    Raises ValueError when the text is not a valid date.
    """
    value = str(text).strip()
    if m := _ISO.match(value):
        (year, month, day), form = (int(g) for g in m.groups()), ISO
    elif m := _DMY.match(value):
        (day, month, year), form = (int(g) for g in m.groups()), DMY
    elif (m := _WORDS.match(value)) and m.group(2).lower() in MONTH_NUMBERS:
        day, month, year = int(m.group(1)), MONTH_NUMBERS[m.group(2).lower()], int(m.group(3))
        form = WORDS
    else:
        raise ValueError(f"not a date: {text!r}")
    return dt.date(year, month, day), form


def parse_date(text: str) -> dt.date:
    """The date of :func:`read_date`; raises ValueError when the text is not a date."""
    return read_date(text)[0]


def read_number(text: str, units: tuple[str, ...] = ()) -> tuple[float, bool]:
    """A number as people type it, and whether it was reinterpreted.

    Accepted: "5000", "12.5" (as written); "5.000.000" and "1.234,5" (dots as thousands
    separators), "12,5" (decimal comma), a leading "Rp" and a trailing ",-" (all
    reinterpreted); spaces anywhere; a leading minus; one trailing word of ``units``
    ("hari kerja"). Raises ValueError otherwise.
    """
    clean = str(text).strip().lower()
    for unit in units:
        if clean.endswith(unit):
            clean = clean.removesuffix(unit)
            break
    had_rp = clean.startswith("rp")
    clean = re.sub(r"\s+", "", re.sub(r"^rp\.?", "", clean)).removesuffix(",-")
    if _DOTTED.match(clean):
        return float(clean.replace(".", "").replace(",", ".")), True
    if _PLAIN.match(clean):
        return float(clean), had_rp
    if _COMMA.match(clean):
        return float(clean.replace(",", ".")), True
    raise ValueError(f"not a number: {text!r}")


def format_date(day: dt.date, weekday: bool = True) -> str:
    """Indonesian long date: "Rabu, 8 April 2026" (or "8 April 2026")."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]}, {text}" if weekday else text


def format_number(value: float, decimals: int = 0) -> str:
    """Indonesian number: dot thousands separator, comma decimal ("1.234,5")."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_percent(value: float, decimals: int = 0) -> str:
    """Indonesian percentage of a 0–1 ratio: 0.875 -> "87,5%" (with decimals=1)."""
    return f"{format_number(value * 100, decimals)}%"
