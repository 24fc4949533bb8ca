"""Charts for the notebooks: what a reader sees on each figure."""

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kip_training import charts
from kip_training.calendar import WorkingCalendar
from kip_training.reports import schema


def texts(fig: Figure) -> list[str]:
    found = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
    return [t for t in found if t]


def fake_summary() -> SimpleNamespace:
    per_opd = pd.DataFrame(
        {
            "singkatan": ["Dinkes", "Disdik", "Kec. Barat"],
            "permohonan": [12, 30, 0],
            "persen_tepat_waktu": [0.5, 0.95, np.nan],
        },
        index=["1.02", "1.01", "7.01"],
    )
    return SimpleNamespace(
        period=SimpleNamespace(title="Semester II 2025"),
        per_opd=per_opd,
        decisions=pd.Series(
            [20, 5, 4, 3, 0, 10],
            index=list(schema.KEPUTUSAN),
        ),
        working_days_to_notice=pd.Series([2, 5, 9, 10, 12, 16, 20]),
    )


def test_deadline_calendar_numbers_working_days_and_names_days_off():
    due = WorkingCalendar(cuti_bersama="libur").due_date(dt.date(2026, 3, 16), "pemberitahuan")
    fig = charts.deadline_calendar(due)
    shown = texts(fig)
    assert "10" in shown and "0" in shown
    assert shown.count("L") == 6  # Nyepi, four cuti bersama, Wafat Yesus Kristus
    caption = "\n".join(shown)
    assert "Kamis, 19 Maret 2026: Hari Suci Nyepi" in caption
    assert "jatuh tempo Selasa, 7 April 2026" in caption
    assert "UU 14/2008 Pasal 22 ayat (7)" in caption


def test_deadline_calendar_without_holidays_says_so():
    due = WorkingCalendar().due_date(dt.date(2026, 6, 22), "pemberitahuan")
    assert any("Tidak ada hari libur" in t for t in texts(charts.deadline_calendar(due)))


def test_requests_per_opd_largest_first_with_counts():
    fig = charts.requests_per_opd(fake_summary())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Disdik", "Dinkes", "Kec. Barat"]
    assert [p.get_width() for p in ax.patches] == [30, 12, 0]
    assert "Semester II 2025" in ax.get_title()


def test_decisions_shows_every_code_with_share():
    fig = charts.decisions(fake_summary())
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "Dipenuhi seluruhnya" and "Belum didokumentasikan" in labels
    assert " 20 (48%)" in texts(fig)


def test_ontime_colours_by_threshold_and_marks_opd_without_data():
    fig = charts.ontime_per_opd(fake_summary(), threshold=0.8)
    ax = fig.axes[0]
    bars = dict(zip([t.get_text() for t in ax.get_yticklabels()], ax.patches, strict=True))
    assert bars["Dinkes"].get_facecolor()[:3] != bars["Disdik"].get_facecolor()[:3]
    assert " tidak ada data" in texts(fig)
    assert " 95%" in texts(fig)


def test_histogram_marks_the_legal_limits():
    fig = charts.working_days_histogram(fake_summary())
    shown = "\n".join(texts(fig))
    assert "Pasal 22 ayat (7)" in shown and "Pasal 22 ayat (8)" in shown
    assert sum(p.get_height() for p in fig.axes[0].patches) == 7


def test_figures_render_to_png(tmp_path):
    fig = charts.decisions(fake_summary())
    fig.savefig(tmp_path / "k.png")
    assert (tmp_path / "k.png").read_bytes().startswith(b"\x89PNG")


def fake_training(empty: bool = False) -> SimpleNamespace:
    topics = pd.DataFrame(
        {
            "topic": ["sanksi", "keberatan"],
            "judul": ["Sanksi", "Keberatan"],
            "jawaban": [10, 4],
            "rata_rata": [0.45, 0.9],
        }
    )
    opds = pd.DataFrame(
        {"kode_opd": ["DINKES", "DISDIK"], "peserta": [3, 1], "rata_rata": [0.8, 0.5]}
    )
    if empty:
        topics, opds = topics.head(0), opds.head(0)
    return SimpleNamespace(by_topic=topics, by_opd=opds)


def test_quiz_scores_by_topic_shows_percent_and_answers():
    fig = charts.quiz_scores_by_topic(fake_training())
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Sanksi", "Keberatan"]
    assert " 45% (10 jawaban)" in texts(fig)


def test_quiz_scores_by_opd_uses_opd_names():
    fig = charts.quiz_scores_by_opd(fake_training(), {"DINKES": "Dinas Kesehatan"})
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Dinas Kesehatan", "DISDIK"]
    assert " 80% (3 peserta)" in texts(fig)


def test_quiz_charts_without_answers_say_so():
    for chart in (charts.quiz_scores_by_topic, charts.quiz_scores_by_opd):
        assert "Belum ada jawaban kuis." in texts(chart(fake_training(empty=True)))


def test_show_gives_an_ipython_png_image():
    image = charts.show(charts.quiz_scores_by_topic(fake_training()))
    assert image.format == "png" and image.data.startswith(b"\x89PNG")


def test_ontime_names_the_threshold_line():
    fig = charts.ontime_per_opd(fake_summary(), threshold=0.8)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "ambang tindak lanjut 80%"
    ]


def test_requests_per_opd_top_n_says_so_in_the_title():
    fig = charts.requests_per_opd(fake_summary(), top=2)
    assert "(2 OPD teratas)" in fig.axes[0].get_title()
    assert len(fig.axes[0].patches) == 2


def test_deadline_calendar_names_each_month_once_per_row():
    due = WorkingCalendar().due_date(dt.date(2026, 12, 1), "keberatan")
    shown = texts(charts.deadline_calendar(due))
    assert "November 2026" not in shown
    assert shown.count("Desember 2026") == 1 and shown.count("Januari 2027") == 1


def test_decision_chart_labels_are_the_deck_slide_labels():
    from kip_training.deck.content import _decisions_slide

    chart_labels = [
        t.get_text() for t in charts.decisions(fake_summary()).axes[0].get_yticklabels()
    ]
    decisions = fake_summary().decisions
    slide = _decisions_slide(
        SimpleNamespace(
            decisions=decisions,
            refusals_by_letter=pd.Series(dtype=int),
            totals={"permohonan": int(decisions.sum()), "ditolak": 0},
        )
    )
    slide_chart = slide.blocks[0].blocks[0]
    assert "Ditolak (dikecualikan)" in chart_labels
    assert chart_labels == list(slide_chart.categories)
