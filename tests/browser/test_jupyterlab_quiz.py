"""The quiz notebook in JupyterLab, in a real browser, as a participant uses it.

Run all cells, create the quiz, enter a name and an OPD, answer one question wrongly
and the next rightly with "Periksa", and check what the participant sees (Benar/Salah,
the explanation, the reference) and what the trainer gets (two answers in ``KIP_DB``).

The quiz is drawn at random in the browser, so the right and wrong answers are not
hard-coded: the question shown is looked up in the same question bank by its prompt
(generated deadline questions by their template and the receipt date in the prompt).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

import pytest

from kip_training.calendar import WorkingCalendar
from kip_training.quiz.bank import Question, default_bank
from kip_training.quiz.engine import instantiate_tenggat, make_item, score_answer
from kip_training.quiz.roster import load_roster
from kip_training.textfmt import format_date, format_number, parse_date

NOTEBOOK = "04_kuis_kewajiban_keterbukaan.ipynb"
PARTICIPANT = "Peserta Uji Peramban"

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Plan:
    """How to answer one question on screen: the bank's question and both responses."""

    question: Question
    right: Any
    wrong: Any
    item: Any

    def result(self, correct: bool):
        """The engine's verdict, explanation and reference for the planned response."""
        return score_answer(self.item, self.right if correct else self.wrong)


def find_question(prompt: str) -> Plan:
    """The bank question whose prompt is on screen, with a right and a wrong response."""
    bank = default_bank()
    shown = _norm(prompt)
    for q in bank.questions:
        if q.type != "tenggat" and _norm(q.prompt) == shown:
            return _plan(make_item(q, 0, shuffle=False))
    for q in bank.questions:
        if q.type != "tenggat":
            continue
        before, _, after = _norm(q.prompt).partition("{diterima}")
        match = re.fullmatch(re.escape(before) + "(.+?)" + re.escape(after), shown)
        if match:
            received = parse_date(match.group(1))
            calendar = WorkingCalendar.from_config()
            item = instantiate_tenggat(q, random.Random(0), calendar, received=received)
            return _plan(item)
    raise AssertionError(f"Soal di layar tidak ada di bank soal: {prompt!r}")


def _plan(item) -> Plan:
    q = item.question
    if q.type == "pilihan":
        right, wrong = q.answer, next(o for o in item.options if o != q.answer)
    elif q.type == "benar_salah":
        right, wrong = ("Benar", "Salah") if q.answer else ("Salah", "Benar")
    elif q.type == "pilihan_ganda":
        wrong_options = [o for o in q.options if o not in q.answer]
        right, wrong = list(q.answer), wrong_options[:1]
    elif q.type == "pasangan":
        right = dict(q.pairs)
        wrong = {left: next(m for m in item.match_options if m != match) for left, match in q.pairs}
    elif q.type == "angka":
        right = format_number(q.answer, 0 if float(q.answer).is_integer() else 2)
        wrong = format_number(q.answer + q.tolerance + 7, 0)
    elif item.options:  # tenggat, choose a date
        right = format_date(q.answer)
        wrong = next(o for o in item.options if o != right)
    else:  # tenggat, type a date
        right = q.answer.isoformat()
        wrong = (q.answer + dt.timedelta(days=3)).isoformat()
    plan = Plan(q, right, wrong, item)
    assert plan.result(True).verdict == "Benar" and plan.result(False).verdict == "Salah"
    return plan


def _tick(box, label: str) -> None:
    """Click an option's label (as people do: long labels wrap over the small input)."""
    from playwright.sync_api import expect

    option = box.locator(".kip-jawaban label").filter(
        has_text=re.compile(rf"^\s*{re.escape(_norm(label))}\s*$")
    )
    option.click()
    expect(option.locator("input")).to_be_checked()


def answer(box, plan: Plan, correct: bool) -> None:
    """Give the planned response in the question box, the way a participant does."""
    response = plan.right if correct else plan.wrong
    kind = plan.question.type
    if kind in ("pilihan", "benar_salah") or (kind == "tenggat" and plan.item.options):
        _tick(box, response)
    elif kind == "pilihan_ganda":
        for option in response:
            _tick(box, option)
    elif kind == "pasangan":
        rows = box.locator(".kip-jawaban .widget-hbox")
        for i in range(rows.count()):
            row = rows.nth(i)
            left = _norm(row.locator(".widget-html-content").inner_text())
            match = next(m for lft, m in response.items() if _norm(lft) == left)
            row.locator("select").select_option(label=match)
    else:  # angka, tenggat typed
        box.locator(".kip-jawaban input").fill(str(response))


def test_quiz_in_jupyterlab_gives_feedback_and_stores_answers(
    start_server, page, screenshots
) -> None:
    from playwright.sync_api import expect

    server = start_server("lab", NOTEBOOK)
    opd = load_roster()[0]

    page.goto(server.url(f"lab/tree/{NOTEBOOK}"))
    page.get_by_text("| Idle").wait_for()
    screenshots.take(page, "notebook-terbuka")

    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    create = page.locator(".kip-buat-kuis")
    create.wait_for()
    screenshots.take(page, "semua-sel-dijalankan", focus=create)

    create.click()
    page.locator(".kip-nama input").fill(PARTICIPANT)
    page.locator(".kip-opd select").select_option(label=opd.label)
    screenshots.take(page, "peserta-diisi", focus=page.locator(".kip-mulai"))
    page.locator(".kip-mulai").click()

    # Question 1: a wrong answer.
    box = page.locator(".kip-soal")
    number = box.locator(".kip-nomor")
    number.wait_for()
    total = int(re.search(r"Soal 1 dari (\d+)", number.inner_text()).group(1))
    first = find_question(box.locator(".kip-pertanyaan").inner_text())
    answer(box, first, correct=False)
    screenshots.take(page, "soal-1-dijawab-salah", focus=box.locator(".kip-periksa"))
    box.locator(".kip-periksa").click()
    feedback = box.locator(".kip-umpan-balik")
    expect(feedback).to_have_class(re.compile(r"\bkip-salah\b"))
    text = _norm(feedback.inner_text())
    expected = first.result(False)
    assert text.startswith("Salah"), f"umpan balik soal 1: {text!r}"
    assert _norm(f"Jawaban yang benar: {expected.expected}") in text
    assert _norm(expected.explanation) in text
    assert _norm(f"Rujukan: {first.question.reference}") in text
    screenshots.take(page, "soal-1-umpan-balik-salah", focus=feedback)

    # Question 2: a right answer.
    page.locator(".kip-berikutnya").click()
    page.get_by_text(f"Soal 2 dari {total}").wait_for()
    second = find_question(box.locator(".kip-pertanyaan").inner_text())
    answer(box, second, correct=True)
    box.locator(".kip-periksa").click()
    expect(feedback).to_have_class(re.compile(r"\bkip-benar\b"))
    text = _norm(feedback.inner_text())
    expected = second.result(True)
    assert text.startswith("Benar"), f"umpan balik soal 2: {text!r}"
    assert "Jawaban yang benar" not in text
    assert _norm(expected.explanation) in text
    assert _norm(f"Rujukan: {second.question.reference}") in text
    # The progress line is updated after the answer is stored.
    page.get_by_text(f"2 dari {total} soal dijawab").wait_for()
    screenshots.take(page, "soal-2-umpan-balik-benar", focus=feedback)

    with sqlite3.connect(server.db_path) as db:
        rows = db.execute(
            "SELECT participant, opd, question_id, correct FROM answers ORDER BY answered_at, rowid"
        ).fetchall()
    assert rows == [
        (PARTICIPANT, opd.kode, first.question.id, 0),
        (PARTICIPANT, opd.kode, second.question.id, 1),
    ]
