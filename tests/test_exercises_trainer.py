"""The trainer view: dashboard plus charts that follow it; the sample session."""

from kip_training.exercises.trainer import (
    SAMPLE_CODE,
    TrainerView,
    fill_sample_session,
    opd_short_names,
    session_from_query,
)
from kip_training.quiz.results import session_results
from kip_training.quiz.store import AnswerRecord, ResultStore


def test_charts_follow_the_dashboard_when_it_refreshes(tmp_path, bank, calendar):
    db = tmp_path / "kuis.sqlite"
    view = TrainerView(db, interval=None, bank=bank, calendar=calendar)
    empty = bytes(view.topic_chart.value)
    assert empty.startswith(b"\x89PNG")
    assert view.dashboard.summary.answers == 0
    with ResultStore(db) as store:
        store.record(
            AnswerRecord("Peserta 01", "DINKES", "k", "keb-01", "keberatan", "x", False, 0)
        )
    assert view.dashboard.tick() is True, view.dashboard.status.value
    assert view.dashboard.summary.participants == 1
    assert bytes(view.topic_chart.value) != empty
    assert "kip-grafik-topik" in view.topic_chart._dom_classes
    view.close()


def test_sample_session_has_passes_failures_retries_and_people_still_working(
    tmp_path, bank, calendar
):
    db = tmp_path / "contoh.sqlite"
    fill_sample_session(db, bank=bank, calendar=calendar)
    fill_sample_session(db, bank=bank, calendar=calendar)  # again: nothing added
    with ResultStore(db) as store:
        assert len(store.sessions()) == 1
        results = session_results(store, SAMPLE_CODE, bank, calendar)
    people = results.participants
    assert len(people) == 12 and all(p.participant.startswith("Peserta ") for p in people)
    assert results.passed and len(results.passed) < len(people)
    assert any(p.attempts == 2 for p in people) and results.in_progress
    assert any(q.mistakes for q in results.questions if q.deadline)


def test_session_comes_from_the_page_address(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "sesi=ABC123&x=1")
    assert session_from_query() == "ABC123"
    monkeypatch.setenv("QUERY_STRING", "")
    assert session_from_query() is None


def test_opd_short_names_come_from_the_roster():
    names = opd_short_names()
    assert names["DINKES"] == "Dinkes"
