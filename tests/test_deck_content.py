"""What the deck says, checked on the slide models (no PowerPoint involved)."""

import dataclasses
import datetime as dt

import pytest
from deck_fixtures import FakeTraining, make_comparison

from kip_training import law
from kip_training.config import load_config
from kip_training.deck import content
from kip_training.deck.model import Bullets, Chart, Columns, Table, Text
from kip_training.reports.model import Period


@pytest.fixture(scope="module")
def config():
    return dataclasses.replace(load_config(), meeting_date=dt.date(2026, 1, 22))


@pytest.fixture(scope="module")
def comparison():
    return make_comparison(12)


def _blocks(slide):
    for block in slide.blocks:
        if isinstance(block, Columns):
            yield from block.blocks
        else:
            yield block


def test_slides_follow_the_issue_order(comparison, config):
    deck = content.build_content(comparison, config, FakeTraining())
    keys = [s.key for s in deck.slides]
    assert keys == [
        "judul",
        "agenda",
        "dasar_hukum",
        "headline",
        "pelapor",
        "permohonan",
        "keputusan",
        "ketepatan",
        "keberatan",
        "berkala",
        "kualitas",
        "kesiapan",
        "pelatihan",
        "tindak_lanjut",
        "bagian_lampiran",
        "lampiran",
    ]


def test_title_names_period_body_place_and_date(comparison, config):
    title = content.build_content(comparison, config).slide("judul")
    assert title.title == "Rapat Koordinasi PPID — Laporan Semester II 2025"
    assert config.body_name in title.subtitle
    assert config.meeting_place in title.subtitle
    assert config.ppid_unit in title.subtitle
    assert "22 Januari 2026" in title.subtitle


def test_training_slide_only_with_training_results(comparison, config):
    keys = [s.key for s in content.build_content(comparison, config).slides]
    assert "pelatihan" not in keys


def test_every_content_slide_has_speaker_notes(comparison, config):
    deck = content.build_content(comparison, config, FakeTraining())
    for slide in deck.slides:
        if slide.layout == "isi":
            assert len(slide.notes) > 80, slide.key


def test_headline_numbers_and_changes_come_from_the_totals(comparison, config):
    rows = {r["label"]: r for r in content.headline_rows(comparison)}
    now, before = comparison.current.totals, comparison.previous.totals
    assert rows["Permohonan informasi"]["current"] == now["permohonan"]
    assert rows["Permohonan informasi"]["change"] == now["permohonan"] - before["permohonan"]
    fulfilled = rows["Dipenuhi (seluruhnya + sebagian)"]
    assert fulfilled["current"] == now["dipenuhi_seluruhnya"] + now["dipenuhi_sebagian"]
    assert rows["Keberatan"]["previous"] == before["keberatan"]
    table = content.build_content(comparison, config).slide("headline").blocks[0]
    assert [c.header for c in table.columns] == [
        "Indikator",
        "Semester I 2025",
        "Semester II 2025",
        "Perubahan",
    ]
    first = table.rows[0]
    assert first[2] == content.fmt_count(now["permohonan"])
    assert first[3].startswith("▲" if now["permohonan"] > before["permohonan"] else "▼")


def test_headline_without_previous_period_has_no_change_column(config):
    deck = content.build_content(make_comparison(6, previous=False), config)
    table = deck.slide("headline").blocks[0]
    assert [c.header for c in table.columns] == ["Indikator", "Semester II 2025"]


def test_fewer_days_and_higher_on_time_rate_are_shown_as_good():
    assert content._tone(-2.0, "turun") == "baik"
    assert content._tone(0.05, "naik") == "baik"
    assert content._tone(3.0, "turun") == "buruk"
    assert content._tone(5.0, None) is None
    assert content.fmt_change(0.052, "percent") == "▲ 5,2 poin"
    assert content.fmt_change(-1.5, "days") == "▼ 1,5 hari"
    assert content.fmt_change(None, "count") == "—"


def test_requests_chart_shows_top_n_and_groups_the_rest(comparison, config):
    small = dataclasses.replace(config, top_n=5)
    slide = content.build_content(comparison, small).slide("permohonan")
    chart = next(b for b in _blocks(slide) if isinstance(b, Chart))
    assert len(chart.categories) == 6
    assert chart.categories[-1].startswith("Lainnya (")
    assert sum(chart.series[0].values) == comparison.current.totals["permohonan"]


def test_refusals_are_labelled_with_their_pasal_17_letter(comparison, config):
    slide = content.build_content(comparison, config).slide("keputusan")
    refusals = [b for b in _blocks(slide) if isinstance(b, Chart)][1]
    assert refusals.categories[-1] == f"Huruf h: {law.PASAL_17['h']}"


def test_readiness_slide_says_it_is_an_internal_estimate(comparison, config):
    slide = content.build_content(comparison, config).slide("kesiapan")
    texts = [p for b in _blocks(slide) if isinstance(b, Text) for p in b.paragraphs]
    assert "Perkiraan internal — bukan nilai monev Komisi Informasi" in texts
    table = next(b for b in _blocks(slide) if isinstance(b, Table))
    scores = [float(r[1].replace(",", ".")) for r in table.rows]
    assert scores == sorted(scores, reverse=True)


def test_working_day_bins_follow_the_legal_deadlines():
    bins = content.working_day_bins([0, 5, 6, 10, 11, 17, 18, 40])
    assert [n for _, n in bins] == [2, 2, 2, 2]
    assert bins[1][0] == f"6–{law.NOTICE_DAYS} hari kerja"


def test_follow_up_names_opds_and_why(comparison, config):
    row = {
        "status_laporan": "tepat_waktu",
        "persen_tepat_waktu": 0.5,
        "masalah_galat": 2,
        "berkala_item": 10,
        "berkala_mutakhir": 2,
    }
    reasons = content.attention_reasons(row, 0.8)
    assert any("50,0%" in r and "80%" in r for r in reasons)
    assert "2 galat data pada laporan" in reasons
    assert any("2 dari 10 informasi berkala" in r for r in reasons)
    assert content.attention_reasons({"status_laporan": "tidak_melapor"}, 0.8) == [
        "belum menyampaikan laporan semester"
    ]
    slide = content.build_content(comparison, config).slide("tindak_lanjut")
    lead = slide.blocks[0]
    assert "Rapat koordinasi berikutnya" in lead.paragraphs[0]
    assert "Juli 2026" in lead.paragraphs[0]


def test_next_meeting_is_six_months_on_a_working_day():
    from kip_training.calendar import WorkingCalendar

    calendar = WorkingCalendar.from_config()
    day = content.six_months_on(dt.date(2026, 1, 22), calendar)
    assert day == dt.date(2026, 7, 22)
    clamped = content.six_months_on(dt.date(2025, 8, 31), None)
    assert clamped == dt.date(2026, 2, 28)
    weekend = content.six_months_on(dt.date(2026, 1, 25), calendar)  # 25 Jul 2026 is Saturday
    assert weekend == dt.date(2026, 7, 27)


def test_default_meeting_date_is_after_the_semester(comparison):
    day = content.default_meeting_date(Period(2025, 2))
    assert dt.date(2026, 1, 10) < day < dt.date(2026, 2, 15)


def test_agenda_lists_every_topic(comparison, config):
    deck = content.build_content(comparison, config, FakeTraining())
    agenda = deck.slide("agenda")
    items = [t for b in _blocks(agenda) if isinstance(b, Bullets) for _, t in b.items]
    assert len(items) == sum(1 for s in deck.slides if s.agenda) + 1
    assert items[0] == "1. Dasar hukum dan ritme pelaporan"


def test_training_slide_shows_weakest_topics_by_title(comparison, config):
    slide = content.build_content(comparison, config, FakeTraining()).slide("pelatihan")
    bullets = next(b for b in _blocks(slide) if isinstance(b, Bullets))
    assert (1, "Informasi yang dikecualikan") in bullets.items
    chart = next(b for b in _blocks(slide) if isinstance(b, Chart))
    assert chart.number_format == "0%"
    assert chart.series[0].values[0] == pytest.approx(0.48)


def test_appendix_has_one_row_per_opd(comparison, config):
    slide = content.build_content(comparison, config).slide("lampiran")
    table = slide.blocks[0]
    assert len(table.rows) == len(comparison.current.per_opd)
    assert all(len(r) == len(table.columns) for r in table.rows)


def _same(a, b) -> bool:
    return type(a) is type(b) and (a == b or a is b or (a != a and b != b))


def test_opd_rows_are_the_records_pandas_gives(comparison):
    import numpy as np
    import pandas as pd

    frame = comparison.current.per_opd.copy()
    frame.loc[frame.index[0], "persen_tepat_waktu"] = np.nan
    frame["tanggal_laporan"] = pd.to_datetime(frame["tanggal_laporan"]).astype("datetime64[s]")
    frame.loc[frame.index[1], "tanggal_laporan"] = pd.NaT
    frame.loc[frame.index[2], "singkatan"] = np.nan
    frame["opsional"] = pd.array([1, None] * (len(frame) // 2), dtype="Int64")
    mixed = [np.int64(3), "x", None, np.float64(1.5), np.bool_(True), np.datetime64("2025-01-02")]
    mixed = mixed * (len(frame) // len(mixed))
    frame["campuran"] = pd.Series(mixed, index=frame.index, dtype=object)
    rows = content._rows(frame)
    assert [code for code, _ in rows] == [str(c) for c in frame.index]
    for (_, got), expected in zip(rows, frame.to_dict("records"), strict=True):
        assert list(got) == list(expected)
        assert all(_same(got[k], expected[k]) for k in expected), (got, expected)
    assert content._rows(frame.iloc[:0]) == []
    assert content._rows(frame[[]]) == [(str(c), {}) for c in frame.index]


def test_an_unusable_opd_is_not_shown_as_zero_and_partial_figures_are_starred(tmp_path, config):
    import pandas as pd
    from fixtures.reports.build import request, write

    from kip_training.metrics import summarize
    from kip_training.reports import load_reports

    roster = pd.DataFrame(
        {
            "kode": ["DINKES", "DISDIK", "DLH"],
            "nama": ["Dinas Kesehatan", "Dinas Pendidikan", "Dinas Lingkungan Hidup"],
            "singkatan": ["Dinkes", "Disdik", "DLH"],
            "kelompok": "dinas",
        }
    )
    write(
        tmp_path, "DINKES_2025-S1.xlsx", permohonan=[request("001"), request("002", keputusan="?")]
    )
    (tmp_path / "DISDIK_2025-S1.xlsx").write_bytes(b"bukan xlsx")
    summary = summarize(load_reports([tmp_path], roster=roster, period=Period(2025, 1)))
    rows = {row[0]: row for row in content.appendix_rows(summary)}
    assert rows["Disdik"][1] == "Tidak dapat dipakai" and rows["Disdik"][2] == content.NO_DATA
    assert rows["DLH"][1] == "Tidak melapor"
    assert rows["Dinkes"][2] == "1*"
    slide = content._reporting_slide(summary, config)
    [table] = [b for b in slide.blocks if isinstance(b, Table)]
    assert ("Dinas Pendidikan", "Tidak dapat dipakai", content.NO_DATA) in table.rows
    assert "Tidak dapat dipakai" in [f.label for f in slide.blocks[0].items]
