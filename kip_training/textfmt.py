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

#: Month names and common abbreviations (Indonesian, old Indonesian spellings, English).
MONTH_NUMBERS: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    MONTH_NUMBERS[_name.lower()] = _number
    MONTH_NUMBERS[_name[:3].lower()] = _number
for _number, _names in enumerate(
    (
        "jan january",
        "feb peb pebr pebruari febr february",
        "mrt mar march",
        "apr april",
        "may",
        "jun june",
        "jul july",
        "agt ags agst agu aug august",
        "sep sept september",
        "okt oct october",
        "nop nov nopember november",
        "des dec december",
    ),
    start=1,
):
    MONTH_NUMBERS.update(dict.fromkeys(_names.split(), _number))

#: Weekday names and abbreviations (Indonesian and English) that may precede a date.
_WEEKDAY_WORDS = (
    "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|sen|sel|rab|kam|jum|sab|min"
    "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur"
    "|thurs|fri|sat|sun"
)

#: How a date was written: ISO (2025-03-12), day/month/year (12/03/2025), in words
#: (12 Maret 2025, 12-Mar-25), year first with slashes or dots (2025/03/12), with a
#: two-digit year (12/03/25), or as an Excel serial number typed as text ("45728").
ISO, DMY, WORDS, YMD, SHORT_YEAR, SERIAL = "iso", "dmy", "words", "ymd", "yy", "serial"

EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_MIN, SERIAL_MAX = 29221, 73050  # 1980-01-01 .. 2099-12-31 as Excel serials

_TIME = r"(?:[ T]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?:\s*(?:am|pm|wib|wita|wit))?)?"
_WEEKDAY = re.compile(rf"^(?:{_WEEKDAY_WORDS})\.?(?:,\s*|\s+)", re.I)
_ISO = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}$", re.I)
_YMD = re.compile(rf"^(\d{{4}})[/.](\d{{1,2}})[/.](\d{{1,2}}){_TIME}$", re.I)
_DMY = re.compile(rf"^(\d{{1,2}})([/.-])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}$", re.I)
_WORDS = re.compile(rf"^(\d{{1,2}})[\s./-]*([a-z']+)\.?[\s./-]*(\d{{4}}|\d{{2}}){_TIME}$", re.I)
_WORDS_MDY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", re.I)  # March 3, 2025
_SERIAL_TEXT = re.compile(r"^\d{5}(?:\.0+)?$")


def _full_year(year: str) -> int:
    """A typed year: "25" is 2025 (two-digit years are this century up to 69, then 19xx)."""
    number = int(year)
    if len(year) == 2:
        return 2000 + number if number < 70 else 1900 + number
    return number


def read_date(text: str) -> tuple[dt.date, str]:
    """A date as people type it, and how it was written (:data:`ISO`, :data:`DMY`,
    :data:`WORDS`, :data:`YMD`, :data:`SHORT_YEAR`, :data:`SERIAL`).

    Accepted: "2025-03-12", "2025/03/12", "12/03/2025", "12-03-2025", "12.03.2025",
    "12/03/25", "12 Maret 2025", "12-Mar-25", "12 Mrt 2025", "March 12, 2025", an
    optional weekday before ("Rabu, 12 Maret 2025", "Wed 12/03/2025"), an optional time
    after ("2025-03-12 14:22:00", "12/03/2025 08.15"), and an Excel serial number typed
    as text ("45728"). Day before month: ``dd/mm`` is the Indonesian reading.

    Raises ValueError when the text is not a valid date.
    """
    value = _WEEKDAY.sub("", str(text).strip())
    if _SERIAL_TEXT.match(value):
        serial = int(float(value))
        if not SERIAL_MIN <= serial <= SERIAL_MAX:
            raise ValueError(f"not a date: {text!r}")
        return EXCEL_EPOCH + dt.timedelta(days=serial), SERIAL
    if m := _ISO.match(value):
        (year, month, day), form = m.groups(), ISO
    elif m := _YMD.match(value):
        (year, month, day), form = m.groups(), YMD
    elif m := _DMY.match(value):
        day, _, month, year = m.groups()
        form = DMY
    elif (m := _WORDS.match(value)) and m.group(2).lower() in MONTH_NUMBERS:
        day, month, year = m.group(1), MONTH_NUMBERS[m.group(2).lower()], m.group(3)
        form = WORDS
    elif (m := _WORDS_MDY.match(value)) and m.group(1).lower() in MONTH_NUMBERS:
        month, day, year = MONTH_NUMBERS[m.group(1).lower()], m.group(2), m.group(3)
        form = WORDS
    else:
        raise ValueError(f"not a date: {text!r}")
    if len(year) == 2:
        form = SHORT_YEAR
    return dt.date(_full_year(year), int(month), int(day)), form


def parse_date(text: str) -> dt.date:
    """The date of :func:`read_date`; raises ValueError when the text is not a date."""
    return read_date(text)[0]


class AmbiguousNumber(ValueError):
    """A number with two sensible readings ("2,500": 2500 with an English thousands
    comma, or 2,5 with an Indonesian decimal comma); ``readings`` holds both, the
    thousands reading first."""

    def __init__(self, text: str, readings: tuple[float, float]) -> None:
        super().__init__(f"ambiguous number: {text!r}")
        self.readings = readings


_DOTTED = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 5.000.000 or 1.234,5
_COMMAS = re.compile(r"^-?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$|^-?\d{1,3},\d{3}\.\d+$")  # 1,234,567
_AMBIGUOUS = re.compile(r"^-?\d{1,3},\d{3}$")  # 2,500: 2500 or 2,5?
_PLAIN = re.compile(r"^-?\d+(?:\.\d+)?$")  # 5000 or 12.5
_COMMA = re.compile(r"^-?\d+,\d+$")  # 12,5
_MULTIPLIERS = {"rb": 1e3, "ribu": 1e3, "k": 1e3, "jt": 1e6, "juta": 1e6}
_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*")
_MULTIPLIER = re.compile(r"\s*(rb|ribu|k|jt|juta)\.?$")


def _plain_number(clean: str) -> tuple[float, bool]:
    if _DOTTED.match(clean):
        return float(clean.replace(".", "").replace(",", ".")), True
    if _PLAIN.match(clean):
        return float(clean), False
    if _AMBIGUOUS.match(clean):
        raise AmbiguousNumber(
            clean, (float(clean.replace(",", "")), float(clean.replace(",", ".")))
        )
    if _COMMA.match(clean):
        return float(clean.replace(",", ".")), True
    if _COMMAS.match(clean):
        return float(clean.replace(",", "")), True
    raise ValueError(f"not a number: {clean!r}")


def read_number(text: str, units: tuple[str, ...] = ()) -> tuple[float, bool]:
    """A number as people type it, and whether it was reinterpreted.

    Accepted: "5000", "12.5" (as written); "5.000.000" and "1.234,5" (dots as thousands
    separators), "12,5" (decimal comma), "1,234,567" (commas as thousands separators),
    a leading "Rp", "Rp." or "IDR", a trailing ",-", a multiplier ("50rb", "50 ribu",
    "5 jt", "1,5 juta") (all reinterpreted); spaces anywhere; a leading minus; one
    trailing word of ``units`` ("hari kerja"). Raises :class:`AmbiguousNumber` for a
    single comma before three digits ("2,500"), ValueError for anything else.
    """
    clean = str(text).strip().lower()
    for unit in units:
        if clean.endswith(unit):
            clean = clean.removesuffix(unit)
            break
    typed = clean
    clean = _CURRENCY.sub("", clean).strip().removesuffix(",-").removesuffix(",00").strip()
    multiplier = 1.0
    if (m := _MULTIPLIER.search(clean)) and clean[: m.start()].strip():
        multiplier = _MULTIPLIERS[m.group(1)]
        clean = clean[: m.start()]
    clean = re.sub(r"\s+", "", clean)
    try:
        number, reinterpreted = _plain_number(clean)
    except AmbiguousNumber as ambiguous:  # "2,500 jt" is no likelier than 2,5 jt
        readings = tuple(r * multiplier for r in ambiguous.readings)
        raise AmbiguousNumber(text, readings) from None
    changed = multiplier != 1.0 or re.sub(r"\s+", "", typed) != clean
    return number * multiplier, reinterpreted or changed


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
