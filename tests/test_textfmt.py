"""Indonesian dates and numbers in and out."""

import datetime as dt

import pytest

from kip_training.textfmt import (
    format_date,
    format_number,
    format_percent,
    parse_date,
    read_date,
    read_number,
)


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


@pytest.mark.parametrize(
    ("text", "form"),
    [("2025-03-12", "iso"), ("12/03/2025", "dmy"), ("Rabu, 12 Maret 2025", "words")],
)
def test_read_date_says_how_the_date_was_written(text, form):
    assert read_date(text) == (dt.date(2025, 3, 12), form)


@pytest.mark.parametrize(
    ("text", "value", "reinterpreted"),
    [
        ("5000", 5000.0, False),
        ("12.5", 12.5, False),
        ("5.000.000", 5_000_000.0, True),
        ("1.234,5", 1234.5, True),
        ("12,5", 12.5, True),
        ("Rp 5.000,-", 5000.0, True),
        ("Rp5000", 5000.0, True),
    ],
)
def test_read_number_reads_indonesian_numbers(text, value, reinterpreted):
    assert read_number(text) == (value, reinterpreted)


def test_report_cells_and_quiz_answers_read_numbers_alike():
    from kip_training.quiz.engine import AnswerFormatError, parse_number
    from kip_training.reports.normalise import _number

    for text in ("5.000.000", "1.234,5", "12,5", "Rp 5.000,-", "10"):
        assert _number(text)[0] == parse_number(text)
    assert parse_number("10 hari kerja") == 10.0
    with pytest.raises(ValueError):
        read_number("10 hari kerja")
    with pytest.raises(AnswerFormatError):
        parse_number("1.2.3")
