"""Quiz engine: seeded building, scoring of every type, generated deadline questions."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kip_training import law
from kip_training.errors import QuestionBankError
from kip_training.quiz.engine import (
    AnswerFormatError,
    build_quiz,
    instantiate_tenggat,
    make_item,
    parse_number,
    response_for_correct,
    score_answer,
    score_by_topic,
)
from kip_training.textfmt import format_date


def test_same_seed_same_quiz(bank, calendar):
    a = build_quiz(bank, count=15, seed=7, calendar=calendar)
    b = build_quiz(bank, count=15, seed=7, calendar=calendar)
    c = build_quiz(bank, count=15, seed=8, calendar=calendar)
    assert [(i.id, i.options, i.lefts, i.received) for i in a] == [
        (i.id, i.options, i.lefts, i.received) for i in b
    ]
    assert [i.id for i in a] != [i.id for i in c]
    assert len(a) == 15


def test_options_are_shuffled_but_keep_the_same_set(bank, calendar):
    question = bank["bp-03"]
    orders = {make_item(question, seed=s, calendar=calendar).options for s in range(10)}
    assert len(orders) > 1
    assert all(sorted(o) == sorted(question.options) for o in orders)


def test_topics_filter_and_unknown_topic(bank, calendar):
    quiz = build_quiz(bank, topics=["sanksi", "keberatan"], seed=1, calendar=calendar)
    assert {i.question.topic for i in quiz} == {"sanksi", "keberatan"}
    assert len(quiz) == len(bank.by_topic("sanksi")) + len(bank.by_topic("keberatan"))
    with pytest.raises(QuestionBankError, match="Topik tidak dikenal: pidana"):
        build_quiz(bank, topics=["pidana"])


def test_pilihan_and_benar_salah(bank):
    q = bank["keb-01"]
    assert score_answer(q, "Atasan PPID").score == 1
    wrong = score_answer(q, "Komisi Informasi")
    assert (wrong.correct, wrong.verdict, wrong.expected) == (False, "Salah", "Atasan PPID")
    assert wrong.reference == "UU 14/2008 Pasal 35 ayat (1) dan Pasal 36"
    tf = bank["bp-02"]  # answer: false
    assert score_answer(tf, False).verdict == "Benar"
    assert score_answer(tf, "Salah").verdict == "Benar"
    assert score_answer(tf, "Benar").verdict == "Salah"


@pytest.mark.parametrize("text", ["10", "10,0", "10.0", " 10 ", "10 hari kerja", 10])
def test_angka_accepts_indonesian_and_english_decimals(bank, text):
    assert score_answer(bank["pro-01"], text).correct


def test_angka_thousands_and_wrong_and_unreadable(bank):
    assert score_answer(bank["snk-01"], "Rp5.000.000").correct
    assert score_answer(bank["snk-01"], "5000000").correct
    assert not score_answer(bank["pro-01"], "14").correct
    assert parse_number("1,5") == 1.5
    with pytest.raises(AnswerFormatError, match="bukan angka"):
        score_answer(bank["pro-01"], "sepuluh")


def test_angka_tolerance(bank):
    q = bank["pro-01"].__class__(**{**bank["pro-01"].__dict__, "tolerance": 0.5})
    assert score_answer(q, "10,4").correct
    assert not score_answer(q, "10,6").correct


def test_pilihan_ganda_partial_credit_is_explained(bank):
    q = bank["kat-04"]  # 3 correct of 5
    right = list(q.answer)
    assert score_answer(q, right).score == 1
    two = score_answer(q, right[:2])
    assert two.score == pytest.approx(2 / 3, abs=1e-3) and two.verdict == "Sebagian benar"
    assert "Penilaian sebagian" in two.explanation and "1/3" in two.explanation
    wrong = [o for o in q.options if o not in q.answer]
    assert score_answer(q, right[:2] + wrong[:1]).score == pytest.approx(1 / 3, abs=1e-3)
    assert score_answer(q, wrong).score == 0
    assert score_answer(q, right + wrong).score == pytest.approx(1 / 3, abs=1e-3)


def test_pasangan_partial_credit(bank):
    q = bank["kat-01"]
    pairs = dict(q.pairs)
    assert score_answer(q, pairs).score == 1
    half = dict(pairs)
    keys = list(half)
    half[keys[0]], half[keys[1]] = half[keys[1]], half[keys[0]]
    result = score_answer(q, half)
    assert result.score == 0.5 and result.verdict == "Sebagian benar"
    assert "4 pasangan" in result.explanation


def test_tenggat_answer_from_calendar_with_skipped_days(bank, calendar):
    template = bank["pro-t1"]  # pemberitahuan, typed date
    calendar = calendar.with_reading("libur")  # cuti bersama skipped, as configured
    item = instantiate_tenggat(template, random.Random(0), calendar, dt.date(2026, 3, 16))
    # 16 March 2026 + 10 working days, skipping Nyepi, cuti bersama and Idul Fitri leave.
    assert item.due == calendar.due_date(dt.date(2026, 3, 16), "pemberitahuan").due
    assert item.due == dt.date(2026, 4, 7)
    explanation = item.question.explanation
    assert "hari kerja (bawaan): Selasa, 31 Maret 2026" in explanation
    assert "Kamis, 19 Maret 2026 (Hari Suci Nyepi)" in explanation
    assert "Jumat, 3 April 2026 (Wafat Yesus Kristus)" in explanation
    assert law.DEADLINES["pemberitahuan"].basis in explanation
    assert "Senin, 16 Maret 2026" in item.question.prompt
    for text in ("2026-04-07", "07/04/2026", "7 April 2026", "Selasa, 7 April 2026"):
        assert score_answer(item, text).correct, text
    wrong = score_answer(item, "2026-03-30")
    assert not wrong.correct and wrong.expected == "Selasa, 7 April 2026"
    with pytest.raises(AnswerFormatError, match="bukan tanggal"):
        score_answer(item, "minggu depan")


def test_tenggat_multiple_choice_has_four_distinct_dates(bank, calendar):
    for seed in range(5):
        item = make_item(bank["pro-t2"], seed=seed, calendar=calendar)
        assert len(item.options) == 4 == len(set(item.options))
        assert format_date(item.due) in item.options
        assert score_answer(item, format_date(item.due)).correct
        wrong = next(o for o in item.options if o != format_date(item.due))
        assert not score_answer(item, wrong).correct


def test_generated_dates_stay_in_range_and_mostly_cross_holidays(bank, calendar):
    template = bank["sen-t1"]
    start, end = template.date_range
    crossing = 0
    for seed in range(20):
        item = make_item(template, seed=seed, calendar=calendar)
        assert start <= item.received <= end
        crossing += bool(calendar.due_date(item.received, template.kind).skipped)
    assert crossing >= 12


def test_every_item_of_a_full_quiz_scores_full_marks_with_its_key(bank, calendar):
    quiz = build_quiz(bank, seed=3, calendar=calendar)
    results = [score_answer(item, response_for_correct(item)) for item in quiz]
    assert all(r.correct for r in results)
    table = score_by_topic(results, bank)
    assert {row["topic"] for row in table} == set(bank.topics)
    assert all(row["persen"] == 1 for row in table)
