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


@pytest.mark.parametrize(
    ("text", "day", "form"),
    [
        ("5/3/25", dt.date(2025, 3, 5), "yy"),
        ("05/03/25", dt.date(2025, 3, 5), "yy"),
        ("2025/03/05", dt.date(2025, 3, 5), "ymd"),
        ("2025.03.05", dt.date(2025, 3, 5), "ymd"),
        ("05-Mar-25", dt.date(2025, 3, 5), "yy"),
        ("5-Agu-2025", dt.date(2025, 8, 5), "words"),
        ("5 Agt 2025", dt.date(2025, 8, 5), "words"),
        ("5 Ags 2025", dt.date(2025, 8, 5), "words"),
        ("5 Mrt 2025", dt.date(2025, 3, 5), "words"),
        ("5 Peb 2025", dt.date(2025, 2, 5), "words"),
        ("5 Pebruari 2025", dt.date(2025, 2, 5), "words"),
        ("5 Nop 2025", dt.date(2025, 11, 5), "words"),
        ("5 Nopember 2025", dt.date(2025, 11, 5), "words"),
        ("5 Okt 2025", dt.date(2025, 10, 5), "words"),
        ("5 Des 2025", dt.date(2025, 12, 5), "words"),
        ("5 Mei 2025", dt.date(2025, 5, 5), "words"),
        ("5 Juni 2025", dt.date(2025, 6, 5), "words"),
        ("5 Jul 2025", dt.date(2025, 7, 5), "words"),
        ("5 May 2025", dt.date(2025, 5, 5), "words"),
        ("5 October 2025", dt.date(2025, 10, 5), "words"),
        ("March 3, 2025", dt.date(2025, 3, 3), "words"),
        ("Senin, 3 Maret 2025", dt.date(2025, 3, 3), "words"),
        ("Jum'at, 7 Maret 2025", dt.date(2025, 3, 7), "words"),
        ("Mon 3/3/2025", dt.date(2025, 3, 3), "dmy"),
        ("Monday, 03/03/2025", dt.date(2025, 3, 3), "dmy"),
        ("2025-03-03 14:22:00", dt.date(2025, 3, 3), "iso"),
        ("2025-03-03T14:22", dt.date(2025, 3, 3), "iso"),
        ("03/03/2025 08.15", dt.date(2025, 3, 3), "dmy"),
        ("03/03/2025 08:15:00", dt.date(2025, 3, 3), "dmy"),
        ("03.03.2025", dt.date(2025, 3, 3), "dmy"),
        ("3-3-2025", dt.date(2025, 3, 3), "dmy"),
        ("45717", dt.date(2025, 3, 1), "serial"),
        ("45717.0", dt.date(2025, 3, 1), "serial"),
        # dd/mm is the Indonesian reading
        ("03/05/2025", dt.date(2025, 5, 3), "dmy"),
    ],
)
def test_read_date_reads_dates_as_people_type_them(text, day, form):
    assert read_date(text) == (day, form)


@pytest.mark.parametrize(
    "text", ["12345", "5/13/2025", "Senin", "3 Maretan 2025", "2025/13/01", "99999"]
)
def test_read_date_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        read_date(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rp 50.000", 50_000.0),
        ("Rp. 5.000,-", 5_000.0),
        ("Rp.5.000,-", 5_000.0),
        ("50rb", 50_000.0),
        ("50 rb", 50_000.0),
        ("50 ribu", 50_000.0),
        ("5.000,00", 5_000.0),
        ("IDR 5000", 5_000.0),
        ("5 jt", 5_000_000.0),
        ("1,5 juta", 1_500_000.0),
        ("2.500,5", 2_500.5),
        ("1,234,567", 1_234_567.0),
    ],
)
def test_read_number_reads_fees_as_people_type_them(text, value):
    assert read_number(text) == (value, True)


@pytest.mark.parametrize(
    ("text", "readings"), [("2,500", (2500.0, 2.5)), ("Rp 1,000", (1000.0, 1.0))]
)
def test_a_comma_before_three_digits_is_ambiguous(text, readings):
    from kip_training.textfmt import AmbiguousNumber

    with pytest.raises(AmbiguousNumber) as raised:
        read_number(text)
    assert raised.value.readings == readings


@pytest.mark.parametrize("text", ["-", "lima ribu", "rb", "Rp", "1.2.3"])
def test_read_number_refuses_nonsense(text):
    with pytest.raises(ValueError):
        read_number(text)


def test_zero_is_a_number_not_a_placeholder():
    assert read_number("0") == (0.0, False)
