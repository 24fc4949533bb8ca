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


def test_slides_follow_the_meeting_order(comparison, config):
    deck = content.build_content(comparison, config, FakeTraining())
    keys = [s.key for s in deck.slides]
    assert keys == [
        "judul",
        "agenda",
        "pesan_utama",
        "headline",
        "pelapor",
        "ketepatan",
        "pareto",
        "perubahan",
        "berkala",
        "kesiapan",
        "keberatan",
        "keputusan",
        "kualitas",
        "pelatihan",
        "tindak_lanjut",
        "penutup",
        "bagian_lampiran",
        "lampiran",
        "lampiran_pengawasan",
        "dasar_hukum",
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


def test_every_content_slide_has_notes_with_figures(comparison, config):
    import re

    deck = content.build_content(comparison, config, FakeTraining())
    for slide in deck.slides:
        if slide.layout == "isi":
            assert len(slide.notes) > 80, slide.key
            assert re.search(r"\d", slide.notes), slide.key


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


def test_on_time_chart_covers_every_opd_sorted_with_threshold_and_counts(comparison, config):
    slide = content.build_content(comparison, config).slide("ketepatan")
    charts = [b for b in _blocks(slide) if isinstance(b, Chart)]
    per_opd = comparison.current.per_opd
    rated = per_opd[per_opd["persen_tepat_waktu"].notna()]
    values = [v for c in charts for v in c.series[0].values]
    assert len(values) == len(rated)
    assert values == sorted(values)  # weakest first
    chart = charts[0]
    assert chart.threshold == config.ontime_threshold
    first = rated.sort_values(["persen_tepat_waktu", "singkatan"]).iloc[0]
    assert chart.point_labels[0] == f"n={first['pemberitahuan']}"
    below = (rated["persen_tepat_waktu"] < config.ontime_threshold).sum()
    assert [t for c in charts for t in c.point_tones].count("buruk") == below
    assert slide.title.startswith(f"{below} OPD di bawah ambang 80%")


def test_refusals_are_labelled_with_their_pasal_17_letter(comparison, config):
    slide = content.build_content(comparison, config).slide("keputusan")
    refusals = [b for b in _blocks(slide) if isinstance(b, Chart)][1]
    assert refusals.categories[-1] == f"Huruf h: {law.PASAL_17_SHORT['h']}"
    assert f"Huruf h: {law.PASAL_17['h']}." in slide.notes  # the longer label, for the presenter


def test_every_pasal_17_letter_has_a_chart_label_short_enough_for_the_axis():
    assert law.PASAL_17_SHORT.keys() == law.PASAL_17.keys()
    assert all(len(f"Huruf {k}: {v}") <= 34 for k, v in law.PASAL_17_SHORT.items())


def test_readiness_slide_says_it_is_an_internal_estimate(comparison, config):
    slide = content.build_content(comparison, config).slide("kesiapan")
    texts = [p for b in _blocks(slide) if isinstance(b, Text) for p in b.paragraphs]
    assert "Perkiraan internal — bukan nilai monev Komisi Informasi" in texts
    scores = [v for b in _blocks(slide) if isinstance(b, Chart) for v in b.series[0].values]
    assert scores == sorted(scores)
    assert "Perkiraan internal" in slide.notes


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
    close = content.build_content(comparison, config).slide("penutup")
    steps = [t for b in _blocks(close) if isinstance(b, Bullets) for _, t in b.items]
    assert "Rapat koordinasi berikutnya: Rabu, 22 Juli 2026." in steps
    assert "Laporan Semester I 2026 paling lambat Selasa, 14 Juli 2026." in steps
    assert close.title == "Langkah berikut: rapat berikutnya 22 Juli 2026"


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


def test_agenda_has_times_and_the_decisions_to_take(comparison, config):
    deck = content.build_content(comparison, config, FakeTraining())
    agenda = deck.slide("agenda")
    items = [t for b in _blocks(agenda) if isinstance(b, Bullets) for _, t in b.items]
    assert items[0].startswith("09.00–09.10")
    assert "Keputusan yang diambil:" in items
    assert any(t.startswith("batas laporan Semester I 2026: ") for t in items)
    assert any(t.startswith("tanggal rapat berikutnya: 22 Juli 2026") for t in items)
    assert agenda.title == f"Agenda: {len(items) - 7} keputusan yang perlu diambil hari ini"


def test_training_slide_names_problem_opds_that_did_not_take_part(comparison, config):
    import pandas as pd

    per_opd = comparison.current.per_opd
    training = FakeTraining(
        by_opd=pd.DataFrame(
            {"kode_opd": ["OPD02", "OPD03"], "peserta": [2, 1], "rata_rata": [0.5, 0.9]}
        )
    )
    slide = content.build_content(comparison, config, training).slide("pelatihan")
    chart = next(b for b in _blocks(slide) if isinstance(b, Chart))
    assert chart.categories == ("D2", "D3") and chart.series[0].values == (0.5, 0.9)
    problems = content.problem_opd(comparison.current, config)
    absent = [per_opd.loc[c, "singkatan"] for c in problems if c not in ("OPD02", "OPD03")]
    bullets = next(b for b in _blocks(slide) if isinstance(b, Bullets))
    assert (0, f"OPD bermasalah yang belum ikut: {len(absent)}") in bullets.items
    assert f"{len(absent)} OPD dengan masalah layanan belum ikut" in slide.title
    assert absent[0] in slide.notes


def test_appendix_has_one_row_per_opd_over_two_tables_of_all_figures(comparison, config):
    deck = content.build_content(comparison, config)
    service, oversight = (
        deck.slide("lampiran").blocks[0],
        deck.slide("lampiran_pengawasan").blocks[0],
    )
    for table in (service, oversight):
        assert len(table.rows) == len(comparison.current.per_opd)
        assert all(len(r) == len(table.columns) for r in table.rows)
        assert len(table.columns) <= 7  # readable on a 4:3 slide too
    assert [r[0] for r in service.rows] == [r[0] for r in oversight.rows]
    assert len(service.columns) + len(oversight.columns) - 1 == len(content.APPENDIX_COLUMNS)


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


def test_each_key_message_figure_equals_the_metrics(comparison, config):
    summary = comparison.current
    per_opd, totals = summary.per_opd, summary.totals
    messages = content.key_messages(comparison, config)
    assert 3 <= len(messages) <= 5
    values = {k: v for m in messages for k, v in m.values.items()}
    rated = per_opd[per_opd["status_laporan"].isin(("tepat_waktu", "terlambat"))]
    assert values["persen_tepat_waktu"] == totals["persen_tepat_waktu"]
    assert values["opd_bawah_ambang"] == (rated["persen_tepat_waktu"] < 0.8).sum()
    late = rated["terlambat"].sort_values(ascending=False)
    k = int(values["opd_penyumbang"])
    assert values["terlambat"] == late.sum() == totals["terlambat"]
    assert values["porsi_terlambat"] == pytest.approx(late.iloc[:k].sum() / late.sum())
    assert late.iloc[: k - 1].sum() / late.sum() < 0.5 <= values["porsi_terlambat"] or k == 3
    assert values["opd_tepat_waktu"] == totals["opd_tepat_waktu"]
    assert values["opd_tanpa_laporan"] == (per_opd["status_laporan"] == "tidak_melapor").sum()
    assert values["keberatan"] == totals["keberatan"]
    before = comparison.previous.totals["persen_tepat_waktu"]
    assert values["perubahan_poin"] == pytest.approx(
        round(totals["persen_tepat_waktu"] * 100, 1) - round(before * 100, 1)
    )
    first, second = messages[0].text, messages[1].text
    assert first.startswith(content.fmt_percent(totals["persen_tepat_waktu"]))
    assert f"{content.format_percent(values['porsi_terlambat'])} dari" in second
    slide = content.build_content(comparison, config).slide("pesan_utama")
    assert [t for b in _blocks(slide) for _, t in b.items] == [m.text for m in messages]


def test_percentage_point_changes_come_from_the_rounded_figures():
    # 80,4% after 80,0%: the raw difference is 0,498 points, the figures shown differ by 0,4
    assert content.pp_change(0.80449, 0.79951) == pytest.approx(0.4)
    assert content.fmt_pp(content.pp_change(0.80449, 0.79951)) == "▲ 0,4 poin persentase"
    assert content.pp_change(None, 0.5) is None


def test_headline_percent_change_is_in_points_of_the_rounded_figures(config):
    comparison = make_comparison(6)
    now, before = comparison.current.totals, comparison.previous.totals
    now["persen_tepat_waktu"], before["persen_tepat_waktu"] = 0.80449, 0.79951
    rows = {r["label"]: r for r in content.headline_rows(comparison)}
    assert content.fmt_change(rows["Pemberitahuan tepat waktu"]["change"], "percent") == (
        "▲ 0,4 poin"
    )


def test_change_slide_uses_the_comparison_per_opd(comparison, config):
    slide = content.build_content(comparison, config).slide("perubahan")
    rows = content.measures.change_rows(comparison)
    code, name, old, new, change = rows[0]
    assert change == round(new - old, 1)
    assert old == round(comparison.previous.per_opd.loc[code, "persen_tepat_waktu"] * 100, 1)
    chart = next(b for b in _blocks(slide) if isinstance(b, Chart))
    assert chart.categories[0] == name and chart.series[0].values[0] == change
    worse = sum(1 for r in rows if r[4] < 0)
    assert f"{worse} OPD memburuk" in slide.title


def test_a_300_opd_deck_is_grouped_and_stays_under_35_slides(config):
    from kip_training.deck import draw, template

    big = make_comparison(300)
    deck = content.build_content(big, config, FakeTraining())
    appendix = deck.slide("lampiran")
    table = next(b for b in _blocks(appendix) if isinstance(b, Table))
    assert [r[0] for r in table.rows] == ["Badan", "Bagian", "Dinas", "Kecamatan"]
    assert sum(int(r[1]) for r in table.rows) == 300
    ontime = deck.slide("ketepatan")
    charts = [b for b in _blocks(ontime) if isinstance(b, Chart)]
    assert len(charts[0].categories) == config.top_n
    assert charts[1].kind == "bar_stacked" and len(charts[1].categories) == 4
    prs = draw.draw_deck(deck, template.open_template(None))
    assert len(prs.slides) < 35


def test_an_unusable_opd_is_named_beside_the_charts_and_empty_in_the_annex(tmp_path, config):
    import pandas as pd
    from fixtures.reports.build import request, write

    from kip_training.deck import annex
    from kip_training.metrics import compare, summarize
    from kip_training.reports import load_reports

    roster = pd.DataFrame(
        {
            "kode": ["DINKES", "DISDIK"],
            "nama": ["Dinas Kesehatan", "Dinas Pendidikan"],
            "singkatan": ["Dinkes", "Disdik"],
            "kelompok": "dinas",
        }
    )
    write(tmp_path, "DINKES_2025-S1.xlsx", permohonan=[request("001")])
    (tmp_path / "DISDIK_2025-S1.xlsx").write_bytes(b"bukan xlsx")
    summary = summarize(load_reports([tmp_path], roster=roster, period=Period(2025, 1)))
    deck = content.build_content(compare(summary, None), config)
    for key in ("ketepatan", "berkala", "kesiapan"):
        slide = deck.slide(key)
        charts = [b for b in _blocks(slide) if isinstance(b, Chart)]
        assert all("Disdik" not in c.categories for c in charts), key
        texts = [p for b in _blocks(slide) if isinstance(b, Text) for p in b.paragraphs]
        assert any("tidak dapat dipakai: Disdik" in t for t in texts), key
    table = annex.per_opd_table(compare(summary, None)).set_index("Kode OPD")
    assert table.loc["DISDIK", "Status laporan"] == "Tidak dapat dipakai"
    assert table.loc["DISDIK", "Permohonan"] is None
    assert table.loc["DINKES", "Permohonan"] == 1
