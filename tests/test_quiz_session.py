"""Training sessions: join codes, one question set for the room, per-participant option
order, names as one person, attempts and which one counts."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kip_training import law
from kip_training.quiz import session as sessions
from kip_training.quiz.engine import instantiate_tenggat, score_answer
from kip_training.quiz.results import participant_result
from kip_training.quiz.session import (
    CODE_ALPHABET,
    Session,
    SessionError,
    create_session,
    normalise_name,
    open_session,
    parse_quiz_spec,
    participant_quiz,
    questions_for,
    shuffled_options,
)
from kip_training.quiz.store import AnswerRecord, ResultStore
from kip_training.quiz.types.tenggat import (
    MISTAKE_CALENDAR_DAYS,
    MISTAKE_DAY_ZERO,
    MISTAKE_HOLIDAYS,
    MISTAKE_LABELS,
    MISTAKE_OTHER,
    MISTAKE_READING,
    classify_deadline_mistake,
    weekdays_only,
)


@pytest.fixture
def store(tmp_path):
    with ResultStore(tmp_path / "kelas.sqlite") as store:
        yield store


def test_names_differing_in_case_and_spaces_are_one_person():
    assert normalise_name("Siti Rahmawati") == normalise_name("  siti   rahmawati ")
    assert normalise_name("SITI RAHMAWATI") == "Siti Rahmawati"
    assert normalise_name("ma'ruf amin") == "Ma'ruf Amin"
    assert normalise_name("nur-aini, s.kom.") == "Nur-Aini, S.Kom."
    assert normalise_name("   ") == ""


def test_a_session_has_an_id_a_short_unique_code_and_the_agreed_spec(store, bank, calendar):
    made = [
        create_session(store, f"Sesi {i}", bank, count=5, seed=i, calendar=calendar)
        for i in range(20)
    ]
    codes = [s.code for s in made]
    assert len(set(codes)) == 20
    for s in made:
        assert len(s.code) == 6 and set(s.code) <= set(CODE_ALPHABET)
        assert len(s.session_id) == 32 and int(s.session_id, 16) >= 0
    assert not set("01OIL") & set(CODE_ALPHABET)
    row = store.session(made[0].code)
    assert set(row.spec) == {
        "kuis",
        "topik",
        "jumlah",
        "benih",
        "soal",
        "batas_waktu_soal",
        "batas_waktu_kuis",
        "nilai_lulus",
        "percobaan",
        "dihitung",
    }
    assert row.spec["soal"] == list(made[0].question_ids) and row.spec["jumlah"] == 5
    assert row.spec["batas_waktu_soal"] is None and row.spec["nilai_lulus"] == 0.7


def test_the_session_is_found_by_code_in_any_case_or_by_id(store, bank, calendar):
    made = create_session(
        store,
        "Pelatihan PPID Pembantu 2026-1",
        bank,
        topics=["keberatan", "sengketa"],
        count=6,
        seed=11,
        question_seconds=30,
        quiz_seconds=600,
        pass_mark=0.8,
        max_attempts=3,
        counted="terakhir",
        calendar=calendar,
    )
    for key in (
        made.code,
        made.code.lower(),
        f" {made.code[:3]} {made.code[3:]} ",
        made.session_id,
    ):
        found = open_session(store, key)
        assert found == made
    assert (found.question_seconds, found.quiz_seconds) == (30, 600)
    assert (found.pass_mark, found.max_attempts, found.counted) == (0.8, 3, "terakhir")
    assert {bank[q].topic for q in found.question_ids} <= {"keberatan", "sengketa"}
    with pytest.raises(SessionError, match="tidak ditemukan"):
        open_session(store, "XXXXXX")


def test_everyone_gets_the_same_questions_in_the_same_order(store, bank, calendar):
    session = create_session(store, "Uji", bank, count=12, seed=5, calendar=calendar)
    again = Session.from_row(store.session(session.code))
    first = questions_for(session, bank, calendar)
    assert [i.id for i in first] == list(session.question_ids)
    second = questions_for(again, bank, calendar)
    assert [(i.id, i.received, i.due) for i in first] == [(i.id, i.received, i.due) for i in second]
    siti = participant_quiz(session, bank, "Siti Rahmawati", calendar)
    budi = participant_quiz(session, bank, "Budi", calendar)
    assert [i.id for i in siti] == [i.id for i in budi] == list(session.question_ids)
    assert siti.name == budi.name == "Uji"


def test_options_are_shuffled_per_participant_and_stay_put_on_reload(store, bank, calendar):
    ids = [q.id for q in bank.questions if q.type == "pilihan" and len(q.options) >= 4][:8]
    session = create_session(store, "Uji", bank, quiz_spec=",".join(ids), seed=1)
    items = questions_for(session, bank, calendar)
    orders = {
        name: [shuffled_options(session, name, item).options for item in items]
        for name in ("Siti Rahmawati", "siti  rahmawati ", "Budi Santoso")
    }
    assert orders["Siti Rahmawati"] == orders["siti  rahmawati "]  # one person, a reload
    assert orders["Siti Rahmawati"] != orders["Budi Santoso"]
    for mine, item in zip(orders["Budi Santoso"], items, strict=True):
        assert sorted(mine) == sorted(item.options)
    # Shuffled options still score by their text.
    item = shuffled_options(session, "Budi Santoso", items[0])
    assert score_answer(item, item.question.answer).correct


def test_a_quiz_spec_names_questions_and_topics(bank):
    first = bank.questions[0].id
    assert parse_quiz_spec(first, bank) == [first]
    ids = parse_quiz_spec(f"{first}, keberatan:2 # dua soal keberatan\nsanksi:1", bank, seed=3)
    assert ids[0] == first and len(ids) == 4
    assert [bank[q].topic for q in ids[1:]] == ["keberatan", "keberatan", "sanksi"]
    assert ids == parse_quiz_spec(f"{first}, keberatan:2\nsanksi:1", bank, seed=3)
    with pytest.raises(SessionError, match="tidak dikenal: bukan-soal"):
        parse_quiz_spec("bukan-soal", bank)


def test_unusable_settings_are_refused_in_indonesian(store, bank):
    for kwargs, message in (
        ({"count": 0}, "paling sedikit 1"),
        ({"pass_mark": 1.5}, "antara 0 dan 100"),
        ({"max_attempts": 0}, "percobaan"),
        ({"counted": "rata-rata"}, "terbaik atau terakhir"),
        ({"question_seconds": 0}, "lebih dari 0"),
    ):
        with pytest.raises(SessionError, match=message):
            create_session(store, "Uji", bank, **kwargs)
    with pytest.raises(SessionError, match="Judul"):
        create_session(store, "  ", bank)
    assert store.sessions() == []


def record(session, name, attempt, qid, score, seconds=10.0):
    return AnswerRecord(
        participant=name,
        opd="DINKES",
        quiz=session.title,
        question_id=qid,
        topic="t",
        answer="x",
        correct=score == 1,
        score=score,
        session=session.session_id,
        attempt=attempt,
        seconds=seconds,
    )


def test_attempts_are_limited_and_the_best_or_last_one_counts(store, bank):
    best = create_session(store, "Terbaik", bank, count=2, seed=1, max_attempts=2)
    last = Session(**{**best.__dict__, "counted": "terakhir"})
    name = "Siti Rahmawati"
    q1, q2 = best.question_ids
    assert sessions.start_attempt(store, best, "siti rahmawati", "DINKES") == 1
    store.record_many([record(best, name, 1, q1, 1.0), record(best, name, 1, q2, 1.0)])
    sessions.finish_attempt(store, best, name, "DINKES", 1)
    assert sessions.attempts_left(store, best, " SITI  rahmawati", "DINKES") == 1
    assert sessions.start_attempt(store, best, name, "DINKES") == 2
    store.record_many([record(best, name, 2, q1, 0.0), record(best, name, 2, q2, 1.0)])
    sessions.finish_attempt(store, best, name, "DINKES", 2)
    with pytest.raises(SessionError, match="sudah habis"):
        sessions.start_attempt(store, best, name, "DINKES")

    counted = participant_result(store, best, name, "DINKES")
    assert (counted.attempt, counted.score, counted.passed) == (1, 1.0, True)
    counted = participant_result(store, last, name, "DINKES")
    assert (counted.attempt, counted.score, counted.passed) == (2, 0.5, False)


def test_deadline_mistakes_are_classified_by_their_kind(calendar):
    received = dt.date(2026, 3, 16)  # Monday; Nyepi (Thursday 19 March) in the window
    kind = "pemberitahuan"
    due = calendar.due_date(received, kind).due
    assert classify_deadline_mistake(received, kind, due, calendar) == ""
    ignoring_holidays = weekdays_only(received, 10)
    assert ignoring_holidays != due
    assert classify_deadline_mistake(received, kind, ignoring_holidays, calendar) == (
        MISTAKE_HOLIDAYS
    )
    calendar_days = received + dt.timedelta(days=10)
    assert classify_deadline_mistake(received, kind, calendar_days, calendar) == (
        MISTAKE_CALENDAR_DAYS
    )
    assert classify_deadline_mistake(received, kind, due + dt.timedelta(days=40), calendar) == (
        MISTAKE_OTHER
    )
    # A window without holidays: one working day early is day 0 counted.
    plain = dt.date(2026, 2, 2)
    plain_due = calendar.due_date(plain, kind)
    assert not plain_due.skipped
    early = calendar.add_working_days(plain, 9)
    assert classify_deadline_mistake(plain, kind, early, calendar) == MISTAKE_DAY_ZERO
    # Every code has an Indonesian label for the dashboard.
    for code in (MISTAKE_HOLIDAYS, MISTAKE_CALENDAR_DAYS, MISTAKE_DAY_ZERO, MISTAKE_OTHER):
        assert MISTAKE_LABELS[code]
    assert MISTAKE_LABELS["waktu_habis"]


def test_skipping_cuti_bersama_is_read_as_the_other_convention(calendar):
    for received in (dt.date(2026, 3, 10) + dt.timedelta(days=i) for i in range(40)):
        result = calendar.due_date(received, "pemberitahuan")
        if result.readings_differ and calendar.is_working_day(received):
            break
    else:
        pytest.fail("no window with cuti bersama found")
    code = classify_deadline_mistake(received, "pemberitahuan", result.due_libur, calendar)
    assert code == MISTAKE_READING


def test_a_wrong_generated_deadline_answer_carries_its_mistake(bank, calendar):
    template = next(q for q in bank.questions if q.type == "tenggat")
    received = dt.date(2026, 3, 16)
    item = instantiate_tenggat(template, random.Random(0), calendar, received=received)
    n = law.DEADLINES[template.kind].total_working_days
    result = score_answer(item, (received + dt.timedelta(days=n)).isoformat(), calendar)
    assert not result.correct and result.mistake == MISTAKE_CALENDAR_DAYS
    right = score_answer(item, item.due.isoformat(), calendar)
    assert right.correct and right.mistake == ""
