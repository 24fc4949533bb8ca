"""Working-day calendar: hand-checked due dates and properties of the arithmetic."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kip_training.calendar import WorkingCalendar, read_extra_days_off
from kip_training.errors import CalendarError

CAL = WorkingCalendar()
D = dt.date

# Each case was counted by hand against the SKB 3 Menteri calendars of 2025 and 2026
# (national holidays and cuti bersama); the receipt day is day 0.
HAND_CHECKED = [
    # Nyepi (18-19 Mar, cuti + holiday), Idul Fitri cuti bersama (20, 23, 24 Mar), Good Friday
    (D(2026, 3, 16), "pemberitahuan", D(2026, 4, 7)),
    (D(2026, 3, 16), "perpanjangan", D(2026, 4, 16)),
    # received on a Saturday: Monday is day 1
    (D(2026, 3, 14), "sengketa", D(2026, 4, 10)),
    # Nyepi cuti 28 Mar 2025, Idul Fitri 31 Mar-1 Apr + cuti 2-4 and 7 Apr, Good Friday 18 Apr
    (D(2025, 3, 26), "pemberitahuan", D(2025, 4, 21)),
    # Christmas 25 Dec + cuti 26 Dec 2025, New Year 1 Jan 2026
    (D(2025, 12, 22), "pemberitahuan", D(2026, 1, 8)),
    # Independence Day cuti bersama, Monday 18 Aug 2025
    (D(2025, 8, 15), "pemberitahuan", D(2025, 9, 1)),
    # Waisak + cuti, Ascension + cuti, Idul Adha + cuti, Islamic New Year 2025
    (D(2025, 5, 8), "tanggapan_keberatan", D(2025, 6, 30)),
    (D(2025, 5, 8), "keberatan", D(2025, 6, 30)),
]


@pytest.mark.parametrize(("received", "kind", "due"), HAND_CHECKED)
def test_due_dates_match_the_official_calendar(received, kind, due):
    assert CAL.due_date(received, kind).due == due


def test_skipped_days_are_named_in_indonesian():
    result = CAL.due_date(D(2026, 3, 16), "pemberitahuan")
    names = {day.date: day.name for day in result.skipped}
    assert names[D(2026, 3, 19)] == "Hari Suci Nyepi"
    assert "Cuti Bersama" in names[D(2026, 3, 18)]
    assert "Idul Fitri" in names[D(2026, 3, 23)]
    assert D(2026, 3, 21) not in names  # a Saturday holiday skips nothing extra


def test_cuti_bersama_is_not_a_working_day():
    assert not CAL.is_working_day(D(2025, 12, 26))
    assert not CAL.is_working_day(D(2026, 3, 24))
    assert CAL.is_working_day(D(2026, 3, 25))
    assert not CAL.is_working_day(D(2026, 3, 28))  # Saturday


def test_local_extra_days_off_move_the_due_date(tmp_path):
    extra = tmp_path / "libur.csv"
    extra.write_text("tanggal,keterangan\n02/04/2026,Hari Jadi Kota Contoh\n", encoding="utf-8")
    local = WorkingCalendar.from_file(extra)
    result = local.due_date(D(2026, 3, 16), "pemberitahuan")
    assert result.due == D(2026, 4, 8)
    assert ("Hari Jadi Kota Contoh") in [d.name for d in result.skipped]


def test_bad_extra_days_file_names_line_and_value(tmp_path):
    extra = tmp_path / "libur.csv"
    extra.write_text("tanggal,keterangan\n2026-08-18,ok\n31/02/2026,salah\n", encoding="utf-8")
    with pytest.raises(CalendarError, match=r"baris 3.*'tanggal'.*31/02/2026"):
        read_extra_days_off(extra)


def test_extra_days_file_without_required_columns(tmp_path):
    extra = tmp_path / "libur.csv"
    extra.write_text("date;name\n", encoding="utf-8")
    with pytest.raises(CalendarError, match="tanggal.*keterangan"):
        read_extra_days_off(extra)


def test_unknown_kind_lists_valid_kinds():
    with pytest.raises(CalendarError, match="pemberitahuan, perpanjangan"):
        CAL.due_date(D(2026, 1, 5), "banding")


def test_vectorised_count_agrees_with_single_count():
    starts = [D(2026, 3, 16), D(2025, 12, 22), D(2026, 3, 14)]
    ends = [D(2026, 4, 7), D(2026, 1, 8), D(2026, 4, 10)]
    assert list(CAL.count_working_days(starts, ends)) == [10, 10, 14]


dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 6, 30))


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=120))
def test_adding_working_days_never_lands_on_a_day_off(start, n):
    assert CAL.is_working_day(CAL.add_working_days(start, n))


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=120))
def test_adding_then_counting_gives_n_back(start, n):
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=120))
def test_due_dates_grow_with_n(start, n):
    assert CAL.add_working_days(start, n) < CAL.add_working_days(start, n + 1)


@settings(max_examples=200, deadline=None)
@given(start=dates, end=dates)
def test_counting_matches_a_day_by_day_walk(start, end):
    if end < start:
        start, end = end, start
    walked = sum(
        CAL.is_working_day(start + dt.timedelta(days=i)) for i in range(1, (end - start).days + 1)
    )
    assert CAL.working_days_between(start, end) == walked


def test_calendar_travels_to_worker_processes():
    import pickle

    local = WorkingCalendar({D(2026, 4, 2): "Hari Jadi Kota Contoh"})
    assert local.is_working_day(D(2026, 4, 1))  # builds the numpy calendar first
    copy = pickle.loads(pickle.dumps(local))
    assert copy.due_date(D(2026, 3, 16), "pemberitahuan").due == D(2026, 4, 8)


def test_the_national_days_off_are_kept_in_the_cache_and_recomputed_when_damaged(
    tmp_path, monkeypatch
):
    from kip_training import calendar as module

    monkeypatch.setenv("KIP_CACHE", str(tmp_path))
    first = WorkingCalendar().days_off
    (stored,) = (tmp_path / "kalender").glob("*.json")
    computed = []
    original = module._weekday_holidays
    monkeypatch.setattr(module, "_weekday_holidays", lambda *a: computed.append(a) or original(*a))
    assert WorkingCalendar().days_off == first and computed == []
    stored.write_text("{rusak", encoding="utf-8")
    assert WorkingCalendar().days_off == first and len(computed) == 1
    monkeypatch.setenv("KIP_CACHE", "off")
    assert WorkingCalendar().days_off == first and len(computed) == 2
