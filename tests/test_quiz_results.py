"""Session results: counted attempt, pass mark, per-option spread, mistakes, leaderboard."""

from __future__ import annotations

import datetime as dt

import pytest

from kip_training.quiz.engine import make_item, response_for_correct, score_answer
from kip_training.quiz.results import (
    MISTAKE_LABELS,
    compute_results,
    format_wib,
    initials,
    session_results,
)
from kip_training.quiz.store import AnswerRecord, AttemptRow, ResultStore, SessionRow

QUESTIONS = ["bp-01", "keb-t1", "bp-02"]
START = dt.datetime(2026, 1, 22, 2, 0, tzinfo=dt.UTC)  # 09.00 WIB


def spec(counted="terbaik", pass_mark=0.6):
    return {
        "kuis": "",
        "topik": [],
        "jumlah": 3,
        "benih": 7,
        "soal": QUESTIONS,
        "batas_waktu_soal": None,
        "batas_waktu_kuis": None,
        "nilai_lulus": pass_mark,
        "percobaan": 2,
        "dihitung": counted,
    }


def session(counted="terbaik", pass_mark=0.6):
    return SessionRow("s1", "ABC123", "Pelatihan PPID 2026-1", spec(counted, pass_mark))


class Room:
    """Writes answers as a participant's quiz would: the option text, right or not."""

    def __init__(self, bank, calendar):
        self.items = {q: make_item(bank[q], 7, calendar) for q in QUESTIONS}
        self.answers: list[AnswerRecord] = []
        self.attempts: list[AttemptRow] = []

    def wrong(self, qid):
        item = self.items[qid]
        if item.question.type == "benar_salah":
            return not item.question.answer
        expected = item.question.qtype.expected_text(item)
        return sorted(o for o in item.options if o != expected)[0]

    def take(self, name, opd, attempt, rights, minute, seconds=60, finished=True, mistake=""):
        start = START + dt.timedelta(minutes=minute)
        moment = start
        for qid, right in zip(QUESTIONS, rights, strict=False):
            item = self.items[qid]
            result = score_answer(item, response_for_correct(item) if right else self.wrong(qid))
            moment += dt.timedelta(seconds=seconds / len(QUESTIONS))
            kind = "" if right or item.question.type != "tenggat" else mistake
            self.answers.append(
                AnswerRecord(
                    name, opd, "Pelatihan PPID 2026-1", qid, item.question.topic, result.given,
                    result.correct, result.score, answered_at=moment.isoformat(),
                    session="s1", attempt=attempt, mistake=kind,
                )
            )  # fmt: skip
        end = (start + dt.timedelta(seconds=seconds)).isoformat() if finished else None
        self.attempts.append(AttemptRow("s1", name, opd, attempt, start.isoformat(), end))


@pytest.fixture
def room(bank, calendar):
    return Room(bank, calendar)


def test_best_attempt_counts_and_pass_mark_decides(room, bank, calendar):
    room.take("Siti Rahmawati", "DINKES", 1, [True, False, False], 0)
    room.take("Siti Rahmawati", "DINKES", 2, [True, True, False], 5)
    room.take("Budi Santoso", "DISDIK", 1, [True, True, True], 1)
    room.take("Ani Lestari", "BAPPEDA", 1, [False], 2, finished=False)
    results = compute_results(room.answers, room.attempts, session(), bank, calendar)
    people = {p.participant: p for p in results.participants}
    siti = people["Siti Rahmawati"]
    assert (siti.attempt, siti.attempts, siti.correct) == (2, 2, 2)
    assert siti.score == pytest.approx(2 / 3, abs=1e-3) and siti.passed
    assert people["Budi Santoso"].score == 1.0 and people["Budi Santoso"].passed
    ani = people["Ani Lestari"]
    assert ani.in_progress and not ani.passed and ani.answered == 1 and ani.questions == 3
    assert [p.participant for p in results.in_progress] == ["Ani Lestari"]
    assert [p.participant for p in results.passed] == ["Siti Rahmawati", "Budi Santoso"]

    strict = compute_results(room.answers, room.attempts, session(pass_mark=0.7), bank, calendar)
    assert [p.participant for p in strict.passed] == ["Budi Santoso"]


def test_only_the_counted_attempt_feeds_the_topic_and_opd_tables(room, bank, calendar):
    room.take("Citra Dewi", "DINKES", 1, [True, True, False], 0)
    room.take("Citra Dewi", "DINKES", 2, [False, False, False], 5)  # a worse retry
    results = compute_results(room.answers, room.attempts, session(), bank, calendar)
    counted = results.counted_answers()
    assert {a.attempt for a in counted} == {1} and len(counted) == 3
    assert sum(a.score for a in counted) == pytest.approx(2)


def test_last_attempt_counts_when_the_session_says_so(room, bank, calendar):
    room.take("Siti Rahmawati", "DINKES", 1, [True, True, True], 0)
    room.take("Siti Rahmawati", "DINKES", 2, [True, False, False], 5)
    room.take("Siti Rahmawati", "DINKES", 3, [False], 9, finished=False)  # still working
    last = compute_results(room.answers, room.attempts, session("terakhir"), bank, calendar)
    siti = last.participants[0]
    assert (siti.attempt, siti.score, siti.passed, siti.in_progress) == (2, 0.3333, False, True)
    best = compute_results(room.answers, room.attempts, session("terbaik"), bank, calendar)
    assert (best.participants[0].attempt, best.participants[0].score) == (1, 1.0)


def test_names_differing_in_case_and_spaces_are_one_participant(room, bank, calendar):
    room.take("Siti Rahmawati", "DINKES", 1, [True, True], 0, finished=False)
    room.answers.append(
        AnswerRecord(
            "siti  rahmawati ", "DINKES", "k", "bp-02", "badan_publik", "Salah", True, 1.0,
            answered_at=(START + dt.timedelta(minutes=1)).isoformat(), session="s1",
        )
    )  # fmt: skip
    results = compute_results(room.answers, room.attempts, session(), bank, calendar)
    assert len(results.participants) == 1 and results.participants[0].correct == 3


def test_time_taken_comes_from_the_attempt_or_its_answers(room, bank, calendar):
    room.take("Siti Rahmawati", "DINKES", 1, [True, True, True], 0, seconds=300)
    results = compute_results(room.answers, room.attempts, session(), bank, calendar)
    assert results.participants[0].seconds == 300
    without_rows = compute_results(room.answers, [], session(), bank, calendar)
    assert without_rows.participants[0].seconds == 200  # first to last answer
    assert without_rows.participants[0].finished  # every question answered


def test_per_question_spread_share_right_and_text_from_the_bank(room, bank, calendar):
    room.take("A Satu", "DINKES", 1, [True, True, True], 0)
    room.take("B Dua", "DISDIK", 1, [True, False, True], 1, mistake="hari_kalender")
    room.take("C Tiga", "BAPPEDA", 1, [False, False, False], 2, mistake="libur_tidak_dilewati")
    room.take("D Empat", "DINSOS", 1, [True, False, False], 3, mistake="hari_kalender")
    results = compute_results(room.answers, room.attempts, session(), bank, calendar)
    first = results.questions[0]
    assert first.prompt == bank["bp-01"].prompt
    assert [o.text for o in first.options] == list(bank["bp-01"].options)  # bank order
    assert [o.letter for o in first.options] == ["A", "B", "C", "D"]
    assert sum(o.count for o in first.options) == 4
    right = [o for o in first.options if o.correct]
    assert len(right) == 1 and right[0].count == 3
    assert first.share_correct == 0.75

    deadline = results.questions[1]
    assert deadline.deadline and "{diterima}" not in deadline.prompt
    assert "Maret 2026" in deadline.prompt or "2026" in deadline.prompt
    assert dict(deadline.mistakes) == {"hari_kalender": 2, "libur_tidak_dilewati": 1}
    assert deadline.mistakes[0] == ("hari_kalender", 2)  # most frequent first
    assert sum(o.count for o in deadline.options) == 4 and deadline.correct == 1

    true_false = results.questions[2]
    assert [o.text for o in true_false.options] == ["Benar", "Salah"]
    assert true_false.mistakes == () and not true_false.deadline


def test_a_question_left_unanswered_is_counted_but_gets_no_option_letter(room, bank, calendar):
    room.take("A Satu", "DINKES", 1, [True, True, True], 0)
    timed_out = AnswerRecord(
        "B Dua", "DISDIK", "Pelatihan PPID 2026-1", "keb-t1", "keberatan", "", False, 0.0,
        answered_at=START.isoformat(), session="s1", mistake="waktu_habis",
    )  # fmt: skip
    results = compute_results([*room.answers, timed_out], room.attempts, session(), bank, calendar)
    deadline = results.questions[1]
    assert [o.letter for o in deadline.options] == ["A", "B", "C", "D", ""]
    assert (deadline.options[-1].text, deadline.options[-1].count) == ("(tidak dijawab)", 1)


def test_only_the_counted_attempt_feeds_the_question_figures(room, bank, calendar):
    room.take("Siti Rahmawati", "DINKES", 1, [False, False, False], 0)
    room.take("Siti Rahmawati", "DINKES", 2, [True, True, True], 5)
    results = compute_results(room.answers, room.attempts, session(), bank, calendar)
    assert [q.answers for q in results.questions] == [1, 1, 1]
    assert all(q.correct == 1 for q in results.questions)
    assert len(results.answers) == 6  # the answers sheet still holds both attempts


def test_leaderboard_by_score_then_time_with_nicknames(room, bank, calendar):
    room.take("Siti Rahmawati", "DINKES", 1, [True, True, False], 0, seconds=100)
    room.take("Budi Santoso", "DISDIK", 1, [True, True, True], 1, seconds=400)
    room.take("Citra Dewi", "BAPPEDA", 1, [True, True, False], 2, seconds=50)
    room.take("Dodi", "DINSOS", 1, [True, True, False], 3, seconds=50)
    results = compute_results(room.answers, room.attempts, session(), bank, calendar)
    board = results.leaderboard()
    assert [r.name for r in board] == ["Budi Santoso", "Citra Dewi", "Dodi", "Siti Rahmawati"]
    assert [r.rank for r in board] == [1, 2, 2, 4]  # same score and time: same rank
    numbered = results.leaderboard(nicknames="nomor")
    assert [r.name for r in numbered] == ["Peserta 2", "Peserta 3", "Peserta 4", "Peserta 1"]
    assert results.leaderboard(nicknames="inisial")[0].name == "B.S. (DISDIK)"
    assert len(results.leaderboard(top=2)) == 2
    assert initials("siti nur-aini") == "S.N.A."


def test_leaderboard_keeps_ten(bank, calendar):
    room = Room(bank, calendar)
    for n in range(12):
        room.take(f"Peserta {n:02d}", "DINKES", 1, [True, n % 2 == 0, n % 3 == 0], n)
    results = compute_results(room.answers, room.attempts, session(), bank, calendar)
    board = results.leaderboard()
    assert len(board) == 10
    assert [r.score for r in board] == sorted((r.score for r in board), reverse=True)


def test_session_results_reads_the_store_and_filters_by_day(tmp_path, room, bank, calendar):
    room.take("Siti Rahmawati", "DINKES", 1, [True, True, True], 0)
    room.take("Budi Santoso", "DISDIK", 1, [True, False, True], 60 * 24)  # the next day
    with ResultStore(tmp_path / "hasil.sqlite") as store:
        store.save_session(session())
        store.record_many(room.answers)
        results = session_results(store, "abc123", bank, calendar)
        assert results.title == "Pelatihan PPID 2026-1" and results.code == "ABC123"
        assert {p.participant for p in results.participants} == {"Siti Rahmawati", "Budi Santoso"}
        one_day = session_results(store, "s1", bank, calendar, day=dt.date(2026, 1, 22))
        assert [p.participant for p in one_day.participants] == ["Siti Rahmawati"]
        outside = session_results(store, None, bank, calendar)
        assert outside.participants == ()


def test_times_are_shown_in_wib_and_mistakes_have_indonesian_labels():
    assert format_wib("2026-01-22T02:05:00+00:00") == "22/01/2026 09.05 WIB"
    assert format_wib("2026-01-22T17:30:00+00:00") == "23/01/2026 00.30 WIB"
    assert format_wib(None) == "–"
    for code in ("hari_kalender", "libur_tidak_dilewati", "hari_nol_dihitung", "waktu_habis"):
        assert MISTAKE_LABELS[code] and code not in MISTAKE_LABELS[code]
