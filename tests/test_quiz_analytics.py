"""Figures for the dashboard and the deck, from the results store."""

from __future__ import annotations

import pytest

from kip_training.calendar import WorkingCalendar
from kip_training.quiz.analytics import (
    DIFFICULTY_COLUMNS,
    OPD_COLUMNS,
    TOPIC_COLUMNS,
    load_answers,
    participant_progress,
    score_distribution,
    training_summary,
)
from kip_training.quiz.sample import fill_sample_results
from kip_training.quiz.store import AnswerRecord, ResultStore


def rec(participant, opd, question, topic, answer, score):
    return AnswerRecord(participant, opd, "kuis", question, topic, answer, score == 1, score)


@pytest.fixture
def small_db(tmp_path):
    path = tmp_path / "hasil.sqlite"
    with ResultStore(path) as store:
        store.record_many(
            [
                rec("Peserta 01", "DINKES", "keb-01", "keberatan", "Atasan PPID", 1.0),
                rec("Peserta 02", "DINKES", "keb-01", "keberatan", "Komisi Informasi", 0.0),
                rec("Peserta 03", "DISDIK", "keb-01", "keberatan", "Komisi Informasi", 0.0),
                rec("Peserta 03", "DISDIK", "keb-02", "keberatan", "30", 1.0),
                rec("Peserta 01", "DINKES", "snk-01", "sanksi", "Rp5.000.000", 1.0),
                rec("Peserta 02", "DINKES", "kat-04", "kategori_informasi", "a; b", 0.5),
            ]
        )
    return path


def test_summary_of_a_small_session(small_db):
    summary = training_summary(small_db)
    assert (summary.participants, summary.answers, summary.quizzes) == (3, 6, 1)
    assert list(summary.by_topic.columns) == TOPIC_COLUMNS
    assert list(summary.by_topic["topic"]) == ["kategori_informasi", "keberatan", "sanksi"]
    assert list(summary.by_topic["rata_rata"]) == [0.5, 0.5, 1.0]
    assert summary.by_topic.loc[1, "judul"] == "Keberatan (Pasal 35–36)"
    assert summary.weakest_topics[:2] == [
        "Empat Kategori Informasi Publik",
        "Keberatan (Pasal 35–36)",
    ]
    assert list(summary.by_opd.columns) == OPD_COLUMNS
    assert summary.by_opd.to_dict("records") == [
        {"kode_opd": "DINKES", "peserta": 2, "rata_rata": 0.625},
        {"kode_opd": "DISDIK", "peserta": 1, "rata_rata": 0.5},
    ]
    difficulty = summary.question_difficulty.set_index("question_id")
    assert list(summary.question_difficulty.columns) == DIFFICULTY_COLUMNS
    assert difficulty.loc["keb-01", "persen_benar"] == pytest.approx(33.3)
    assert difficulty.loc["keb-01", "jawaban_salah_terbanyak"] == "Komisi Informasi"
    assert difficulty.loc["snk-01", "jawaban_salah_terbanyak"] is None
    assert summary.mean_score == pytest.approx(3.5 / 6)


def test_missing_database_gives_an_empty_summary_without_creating_it(tmp_path):
    path = tmp_path / "tidak-ada.sqlite"
    summary = training_summary(path)
    assert (summary.participants, summary.answers, summary.weakest_topics) == (0, 0, [])
    assert list(summary.by_topic.columns) == TOPIC_COLUMNS and summary.by_topic.empty
    assert not path.exists()


def test_progress_and_distribution(small_db):
    answers = load_answers(small_db)
    progress = participant_progress(answers)
    assert list(progress["peserta"]) == ["Peserta 01", "Peserta 02", "Peserta 03"]
    assert list(progress["jawaban"]) == [2, 2, 2] and list(progress["benar"]) == [2, 0, 1]
    distribution = score_distribution(answers)
    assert distribution["peserta"].sum() == 3
    assert distribution.set_index("rentang").loc["80–100%", "peserta"] == 1


def test_sample_results_are_realistic_and_idempotent(tmp_path):
    path = tmp_path / "contoh.sqlite"
    calendar = WorkingCalendar()
    added = fill_sample_results(path, seed=0, calendar=calendar)
    assert fill_sample_results(path, seed=0, calendar=calendar) == 0
    summary = training_summary(path)
    assert summary.answers == added and summary.participants == 30
    assert summary.by_opd["kode_opd"].nunique() >= 8
    assert 0.4 < summary.mean_score < 0.9
    assert len(summary.weakest_topics) == 3
    names = set(load_answers(path)["participant"])
    assert names == {f"Peserta {n:02d}" for n in range(1, 31)}


def test_path_with_spaces_and_hash(tmp_path):
    path = tmp_path / "hasil kuis #1.sqlite"
    with ResultStore(path) as store:
        store.record(rec("Peserta 01", "DINKES", "keb-01", "keberatan", "Atasan PPID", 1.0))
    assert training_summary(path).answers == 1
