"""Indonesian dates and numbers in and out."""

import datetime as dt

import pytest

from kip_training.textfmt import format_date, format_number, format_percent, parse_date


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-12",
        "12/03/2025",
        "12-03-2025",
        "12 Maret 2025",
        "12 maret 2025",
        "Rabu, 12 Mar 2025",
    ],
)
def test_parse_date_accepts_what_people_type(text):
    assert parse_date(text) == dt.date(2025, 3, 12)


@pytest.mark.parametrize("text", ["", "kemarin", "31/02/2025", "2025-13-01", "12 Maretz 2025"])
def test_parse_date_refuses_nonsense(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_format_date_in_indonesian():
    assert format_date(dt.date(2026, 4, 8)) == "Rabu, 8 April 2026"
    assert format_date(dt.date(2026, 4, 8), weekday=False) == "8 April 2026"


def test_numbers_use_indonesian_separators():
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_percent(0.875, 1) == "87,5%"
