"""The trainer view redraws its charts when the dashboard is refreshed."""

from kip_training.exercises.trainer import TrainerView, opd_short_names
from kip_training.quiz.sample import fill_sample_results


def test_charts_follow_the_dashboard_after_muat_ulang(tmp_path):
    db = tmp_path / "kuis.sqlite"
    view = TrainerView(db)
    empty = bytes(view.topic_chart.value)
    assert empty.startswith(b"\x89PNG")
    assert view.dashboard.summary.answers == 0
    fill_sample_results(db, participants=3)
    view.dashboard.refresh_button.click()
    assert view.dashboard.summary.participants == 3
    assert bytes(view.topic_chart.value) != empty
    assert "kip-grafik-topik" in view.topic_chart._dom_classes


def test_opd_short_names_come_from_the_roster():
    names = opd_short_names()
    assert names["DINKES"] == "Dinkes"
