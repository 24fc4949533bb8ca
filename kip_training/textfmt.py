"""Indonesian text helpers: dates in and out, numbers, yes/no."""

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

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDS = re.compile(r"^(?:[A-Za-z']+,\s*)?(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")


def parse_date(text: str) -> dt.date:
    """Parse a date as people type it: ISO, dd/mm/yyyy, or "12 Maret 2025".

    Raises ValueError when the text is not a valid date.
    """
    value = str(text).strip()
    if m := _ISO.match(value):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.match(value):
        day, month, year = (int(g) for g in m.groups())
    elif (m := _WORDS.match(value)) and m.group(2).lower() in MONTH_NUMBERS:
        day, month, year = int(m.group(1)), MONTH_NUMBERS[m.group(2).lower()], int(m.group(3))
    else:
        raise ValueError(f"not a date: {text!r}")
    return dt.date(year, month, day)


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
