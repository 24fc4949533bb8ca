"""Working-day calendar: hand-checked due dates under both readings of cuti bersama, and
properties of the arithmetic."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kip_training import law
from kip_training.calendar import WorkingCalendar, read_extra_days_off
from kip_training.config import load_config
from kip_training.errors import CalendarError

CAL = WorkingCalendar()  # the default reading: cuti bersama counted as working days
LIBUR = WorkingCalendar(cuti_bersama="libur")
D = dt.date

# Each case was counted by hand against the SKB 3 Menteri calendars of 2025 and 2026 and
# checked against the ``holidays`` package (ID: category ``public`` for national
# holidays, ``government`` for cuti bersama); the receipt day is day 0.
#
# Hand check of the first case, received Monday 16 March 2026, 10 working days.
# March-April 2026: Wed 18 cuti bersama Nyepi, Thu 19 Nyepi, Fri 20 cuti Idul Fitri,
# Sat 21-Sun 22 Idul Fitri (weekend), Mon 23 and Tue 24 cuti Idul Fitri, Fri 3 Apr Good
# Friday.
#   kerja: Tue 17 (1), Wed 18 (2), [Thu 19 off], Fri 20 (3), Mon 23 (4), Tue 24 (5),
#          Wed 25 (6), Thu 26 (7), Fri 27 (8), Mon 30 (9), Tue 31 March (10).
#   libur: Tue 17 (1), [18, 19, 20, 23, 24 off], Wed 25 (2), Thu 26 (3), Fri 27 (4),
#          Mon 30 (5), Tue 31 (6), Wed 1 Apr (7), Thu 2 (8), [Fri 3 off], Mon 6 (9),
#          Tue 7 April (10).
# Christmas 2026: Thu 24 Dec cuti, Fri 25 Dec Christmas, Fri 1 Jan and Tue 5 Jan 2027
# (Isra Mikraj) holidays; received Mon 21 Dec:
#   kerja: 22 (1), 23 (2), 24 (3), 28 (4), 29 (5), 30 (6), 31 (7), 4 Jan (8), 6 (9), 7 (10).
#   libur: 22, 23, 28, 29, 30, 31, 4 Jan, 6, 7, 8 January 2027 (10).
HAND_CHECKED = [
    # (received, kind, due counting cuti bersama as working days, due skipping it)
    # Nyepi (18-19 Mar, cuti + holiday), Idul Fitri cuti bersama (20, 23, 24 Mar), Good Friday
    (D(2026, 3, 16), "pemberitahuan", D(2026, 3, 31), D(2026, 4, 7)),
    (D(2026, 3, 16), "perpanjangan", D(2026, 4, 10), D(2026, 4, 16)),
    # received on a Saturday: Monday 16 is day 1; 14 days, Nyepi and Good Friday skipped
    (D(2026, 3, 14), "sengketa", D(2026, 4, 6), D(2026, 4, 10)),
    # received on a cuti bersama day (Nyepi cuti, Wed 18 Mar 2026)
    (D(2026, 3, 18), "pemberitahuan", D(2026, 4, 2), D(2026, 4, 8)),
    # Nyepi cuti 28 Mar 2025, Idul Fitri 31 Mar-1 Apr + cuti 2-4 and 7 Apr, Good Friday 18 Apr
    (D(2025, 3, 26), "pemberitahuan", D(2025, 4, 11), D(2025, 4, 21)),
    # Christmas 25 Dec + cuti 26 Dec 2025, New Year 1 Jan 2026
    (D(2025, 12, 22), "pemberitahuan", D(2026, 1, 7), D(2026, 1, 8)),
    # cuti 24 Dec + Christmas 25 Dec 2026, New Year and Isra Mikraj 2027
    (D(2026, 12, 21), "pemberitahuan", D(2027, 1, 7), D(2027, 1, 8)),
    # Independence Day cuti bersama, Monday 18 Aug 2025
    (D(2025, 8, 15), "pemberitahuan", D(2025, 8, 29), D(2025, 9, 1)),
    # Waisak + cuti 13 May, Ascension + cuti 30 May, Idul Adha + cuti 9 Jun, Islamic New Year
    (D(2025, 5, 8), "tanggapan_keberatan", D(2025, 6, 24), D(2025, 6, 30)),
    (D(2025, 5, 8), "keberatan", D(2025, 6, 24), D(2025, 6, 30)),
    # no cuti bersama in the window: both readings agree
    (D(2026, 6, 22), "pemberitahuan", D(2026, 7, 6), D(2026, 7, 6)),
]


@pytest.mark.parametrize(("received", "kind", "kerja", "libur"), HAND_CHECKED)
def test_due_dates_under_both_readings_match_the_official_calendar(received, kind, kerja, libur):
    assert CAL.due_date(received, kind).due == kerja
    assert LIBUR.due_date(received, kind).due == libur
    for calendar in (CAL, LIBUR):
        result = calendar.due_date(received, kind)
        assert (result.due_kerja, result.due_libur) == (kerja, libur)


def test_the_default_reading_counts_cuti_bersama_as_working_days():
    assert CAL.cuti_bersama == "kerja" and CAL.reading == "cuti_bersama_kerja"
    assert CAL.is_working_day(D(2025, 12, 26))  # cuti bersama Natal
    assert CAL.is_working_day(D(2026, 3, 24))  # cuti bersama Idul Fitri
    assert not CAL.is_working_day(D(2026, 3, 19))  # Nyepi: a national holiday
    assert not CAL.is_working_day(D(2026, 3, 28))  # Saturday


def test_the_libur_reading_skips_cuti_bersama_but_nothing_else_more():
    assert LIBUR.reading == "cuti_bersama_libur"
    assert not LIBUR.is_working_day(D(2025, 12, 26))
    assert not LIBUR.is_working_day(D(2026, 3, 24))
    assert LIBUR.is_working_day(D(2026, 3, 25))
    assert CAL.with_reading("libur").days_off == LIBUR.days_off
    assert LIBUR.with_reading("kerja").days_off == CAL.days_off
    assert CAL.with_reading("kerja") is CAL


def test_an_unknown_reading_is_refused():
    with pytest.raises(ValueError, match="kerja, libur"):
        WorkingCalendar(cuti_bersama="cuti")


def test_skipped_days_are_named_in_indonesian():
    result = LIBUR.due_date(D(2026, 3, 16), "pemberitahuan")
    names = {day.date: day.name for day in result.skipped}
    assert names[D(2026, 3, 19)] == "Hari Suci Nyepi"
    assert "Cuti Bersama" in names[D(2026, 3, 18)]
    assert "Idul Fitri" in names[D(2026, 3, 23)]
    assert D(2026, 3, 21) not in names  # a Saturday holiday skips nothing extra
    assert [d.date for d in result.skipped if d.cuti_bersama] == [
        D(2026, 3, 18),
        D(2026, 3, 20),
        D(2026, 3, 23),
        D(2026, 3, 24),
    ]


def test_the_kerja_reading_names_the_cuti_bersama_it_counted():
    result = CAL.due_date(D(2026, 3, 16), "pemberitahuan")
    assert [d.date for d in result.skipped] == [D(2026, 3, 19)]
    counted = {d.date: d.name for d in result.cuti_bersama_counted}
    assert list(counted) == [D(2026, 3, 18), D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24)]
    assert counted[D(2026, 3, 23)] == "Cuti Bersama Hari Raya Idul Fitri"


def test_explanation_states_the_conventions_and_both_dates():
    lines = CAL.due_date(D(2026, 3, 16), "pemberitahuan").convention_lines()
    text = "\n".join(lines)
    assert "bukan bunyi undang-undang" in lines[0] and "hari ke-0" in lines[0]
    assert "Bacaan yang dipakai: cuti bersama dihitung sebagai hari kerja." in text
    assert "(bawaan): Selasa, 31 Maret 2026." in text
    assert "cuti bersama dilewati: Selasa, 7 April 2026." in text
    assert "cuti kolektif ASN, bukan hari libur nasional" in text
    assert "lebih awal" in text


def test_explanation_shows_one_date_when_the_readings_agree():
    text = "\n".join(CAL.due_date(D(2026, 6, 22), "pemberitahuan").convention_lines())
    assert "hari ke-0" in text
    assert "dilewati" not in text and "Bacaan" not in text


def test_a_receipt_on_a_saturday_or_on_cuti_bersama_says_how_offices_differ():
    saturday = CAL.due_date(D(2026, 3, 14), "sengketa")
    assert saturday.received_day_off == "Sabtu"
    assert "Praktik kantor berbeda" in " ".join(saturday.convention_lines())
    cuti = CAL.due_date(D(2026, 3, 18), "pemberitahuan")
    assert cuti.received_day_off == "Cuti Bersama Hari Suci Nyepi"
    assert "Praktik kantor berbeda" in " ".join(cuti.convention_lines())
    assert CAL.due_date(D(2026, 3, 16), "pemberitahuan").received_day_off is None


def test_years_with_estimated_holidays_are_labelled_as_estimates():
    result = CAL.due_date(D(2026, 12, 21), "pemberitahuan")
    assert result.estimated_years == (2027,)
    assert "Tanggal libur tahun 2027 masih perkiraan" in " ".join(result.convention_lines())
    assert CAL.due_date(D(2026, 3, 16), "pemberitahuan").estimated_years == ()


def test_dispute_without_an_answer_runs_14_days_after_the_30_day_window():
    received = D(2026, 6, 22)
    window_end = CAL.due_date(received, "tanggapan_keberatan").due
    expected = CAL.due_date(window_end, "sengketa").due
    result = CAL.due_date(received, "sengketa_tanpa_tanggapan")
    assert result.due == expected == D(2026, 8, 24)
    assert CAL.working_days_between(received, result.due) == 44
    assert "hari kerja ke-44" in " ".join(result.convention_lines())


def test_calendar_from_config_takes_the_reading_and_local_days_off(tmp_path):
    (tmp_path / "libur.csv").write_text(
        "tanggal,keterangan\n26/03/2026,Hari Jadi Kota Contoh\n", encoding="utf-8"
    )
    (tmp_path / "kip.toml").write_text(
        '[data]\nlibur_tambahan = "libur.csv"\n[kalender]\ncuti_bersama = "libur"\n',
        encoding="utf-8",
    )
    calendar = WorkingCalendar.from_config(load_config(tmp_path / "kip.toml"))
    assert calendar.cuti_bersama == "libur"
    result = calendar.due_date(D(2026, 3, 16), "pemberitahuan")
    assert (result.due, result.due_kerja) == (D(2026, 4, 8), D(2026, 4, 1))
    assert "Hari Jadi Kota Contoh" in [d.name for d in result.skipped]


def test_calendar_from_the_active_config_is_read_at_each_call(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KIP_CONFIG", raising=False)
    assert WorkingCalendar.from_config().cuti_bersama == "kerja"
    (tmp_path / "kip.toml").write_text('[kalender]\ncuti_bersama = "libur"\n', encoding="utf-8")
    assert WorkingCalendar.from_config().cuti_bersama == "libur"


def test_local_extra_days_off_move_the_due_date_under_both_readings(tmp_path):
    extra = tmp_path / "libur.csv"
    extra.write_text("tanggal,keterangan\n02/04/2026,Hari Jadi Kota Contoh\n", encoding="utf-8")
    days = read_extra_days_off(extra)
    result = WorkingCalendar(days, cuti_bersama="libur").due_date(D(2026, 3, 16), "pemberitahuan")
    assert result.due == D(2026, 4, 8)
    assert "Hari Jadi Kota Contoh" in [d.name for d in result.skipped]
    earlier = WorkingCalendar({D(2026, 3, 26): "Hari Jadi Kota Contoh"})
    assert earlier.due_date(D(2026, 3, 16), "pemberitahuan").due == D(2026, 4, 1)


def test_bad_extra_days_file_names_line_and_value(tmp_path):
    extra = tmp_path / "libur.csv"
    extra.write_text("tanggal,keterangan\n2026-08-18,ok\n31/02/2026,salah\n", encoding="utf-8")
    with pytest.raises(CalendarError, match=r"baris 3.*'tanggal'.*31/02/2026"):
        read_extra_days_off(extra)


def test_extra_days_saved_from_excel_on_windows_are_read(tmp_path):
    extra = tmp_path / "libur.csv"
    extra.write_bytes(
        "tanggal;keterangan\r\n26/03/2026;Hari Jadi Kota Contoh — Perayaan\r\n".encode("cp1252")
    )
    assert read_extra_days_off(extra) == {D(2026, 3, 26): "Hari Jadi Kota Contoh — Perayaan"}


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
    assert list(LIBUR.count_working_days(starts, ends)) == [10, 10, 14]
    assert list(CAL.count_working_days(starts, ends)) == [14, 11, 18]


dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 6, 30))
readings = st.sampled_from([CAL, LIBUR])


@settings(max_examples=300, deadline=None)
@given(received=dates, kind=st.sampled_from(list(law.DEADLINES)))
def test_the_kerja_date_is_never_later_than_the_libur_date(received, kind):
    kerja = CAL.due_date(received, kind).due
    libur = LIBUR.due_date(received, kind).due
    assert kerja <= libur
    if not any(received < day <= libur for day in CAL.cuti_bersama_days):
        assert kerja == libur


@settings(max_examples=300, deadline=None)
@given(cal=readings, start=dates, n=st.integers(min_value=1, max_value=120))
def test_adding_working_days_never_lands_on_a_day_off(cal, start, n):
    assert cal.is_working_day(cal.add_working_days(start, n))


@settings(max_examples=300, deadline=None)
@given(cal=readings, start=dates, n=st.integers(min_value=0, max_value=120))
def test_adding_then_counting_gives_n_back(cal, start, n):
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@settings(max_examples=200, deadline=None)
@given(cal=readings, start=dates, n=st.integers(min_value=1, max_value=120))
def test_due_dates_grow_with_n(cal, start, n):
    assert cal.add_working_days(start, n) < cal.add_working_days(start, n + 1)


@settings(max_examples=200, deadline=None)
@given(cal=readings, start=dates, end=dates)
def test_counting_matches_a_day_by_day_walk(cal, start, end):
    if end < start:
        start, end = end, start
    walked = sum(
        cal.is_working_day(start + dt.timedelta(days=i)) for i in range(1, (end - start).days + 1)
    )
    assert cal.working_days_between(start, end) == walked


def test_calendar_travels_to_worker_processes():
    import pickle

    local = WorkingCalendar({D(2026, 4, 2): "Hari Jadi Kota Contoh"}, cuti_bersama="libur")
    assert local.due_date(D(2026, 3, 16), "pemberitahuan").due == D(2026, 4, 8)
    copy = pickle.loads(pickle.dumps(local))
    result = copy.due_date(D(2026, 3, 16), "pemberitahuan")
    assert (result.due, result.due_kerja, copy.cuti_bersama) == (
        D(2026, 4, 8),
        D(2026, 3, 31),
        "libur",
    )


def test_the_national_days_off_are_kept_in_the_cache_and_recomputed_when_damaged(
    tmp_path, monkeypatch
):
    from kip_training import calendar as module

    monkeypatch.setenv("KIP_CACHE", str(tmp_path))
    forget = module.national_days_off.cache_clear  # the in-process copy; each step is a new run
    forget()
    first = WorkingCalendar(cuti_bersama="libur").days_off
    (stored,) = (tmp_path / "kalender").glob("*.json")
    computed = []
    original = module._weekday_holidays
    monkeypatch.setattr(module, "_weekday_holidays", lambda *a: computed.append(a) or original(*a))
    forget()
    assert WorkingCalendar(cuti_bersama="libur").days_off == first and computed == []
    stored.write_text("{rusak", encoding="utf-8")
    forget()
    assert WorkingCalendar(cuti_bersama="libur").days_off == first
    assert {a[-1] for a in computed} == {"public", "government"}
    monkeypatch.setenv("KIP_CACHE", "off")
    computed.clear()
    forget()
    assert WorkingCalendar(cuti_bersama="libur").days_off == first and len(computed) == 2
