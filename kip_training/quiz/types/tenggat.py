"""``tenggat``: a template for generated deadline questions.

Fields: ``kind`` (a key of :data:`kip_training.law.DEADLINES`), ``dari`` and ``sampai``
(the range of receipt dates), optional ``format`` (``tanggal``: the participant types
the date; ``pilihan``: four dates to choose from). ``explanation`` and ``reference`` may
be left out (the reference defaults to the deadline's article). The prompt holds
``{diterima}``, replaced by the receipt date drawn for each quiz
(:func:`kip_training.quiz.engine.instantiate_tenggat`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from kip_training import law
from kip_training.calendar import FIRST_YEAR, LAST_YEAR
from kip_training.quiz.bank import Question
from kip_training.quiz.engine import (
    _calendar,
    deadline_distractors,
    instantiate_tenggat,
    parse_answer_date,
)
from kip_training.quiz.types import register
from kip_training.quiz.types.base import (
    AnswerFormatError,
    Checker,
    QuestionType,
    QuizItem,
    gift_escape,
    item_rng,
)
from kip_training.quiz.types.pilihan import radio_input
from kip_training.textfmt import format_date, parse_date

TENGGAT_FORMATS = ("tanggal", "pilihan")


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            return None
    return None


@register
class Tenggat(QuestionType):
    name = "tenggat"
    label = "hitung tenggat"
    order = 60
    fields = frozenset({"kind", "dari", "sampai", "format"})
    optional_texts = frozenset({"explanation", "reference"})
    generated = True

    def validate(self, c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
        ok = True
        kind = raw.get("kind")
        if kind not in law.DEADLINES:
            c.add(qid, "kind", f"'{kind}' tidak dikenal. Pilihan: {', '.join(law.DEADLINES)}.")
            return False
        q["kind"] = kind
        if "{diterima}" not in q["prompt"]:
            c.add(qid, "prompt", "soal tenggat wajib memuat {diterima} (tanggal diterima).")
            ok = False
        q["reference"] = q["reference"] or law.DEADLINES[kind].basis
        start, end = _date(raw.get("dari")), _date(raw.get("sampai"))
        for name, value in (("dari", start), ("sampai", end)):
            if value is None:
                c.add(qid, name, f"harus berupa tanggal (ditemukan: {raw.get(name)!r}).")
                ok = False
            elif not FIRST_YEAR <= value.year <= LAST_YEAR - 1:
                c.add(qid, name, f"di luar rentang kalender ({FIRST_YEAR}–{LAST_YEAR - 1}).")
                ok = False
        if ok and start > end:
            c.add(qid, "sampai", "tanggal akhir sebelum tanggal awal.")
            ok = False
        q["date_range"] = (start, end) if ok else None
        fmt = raw.get("format", "tanggal")
        if fmt not in TENGGAT_FORMATS:
            c.add(qid, "format", f"'{fmt}' tidak dikenal. Pilihan: {', '.join(TENGGAT_FORMATS)}.")
            ok = False
        q["answer_format"] = fmt
        return ok

    def make_item(self, question: Question, seed: int, calendar: Any, shuffle: bool) -> QuizItem:
        return instantiate_tenggat(question, item_rng(seed, question.id, "tanggal"), calendar)

    def parse(self, item: QuizItem, response: Any) -> str | dt.date:
        """An option's text when there are options, else (or when typed) a date."""
        if item.options:
            if response is not None and str(response) in item.options:
                return str(response)
            if response is None or str(response).strip() == "":
                raise AnswerFormatError("Pilih salah satu jawaban.")
        return parse_answer_date(response)

    def score(self, item: QuizItem, value: str | dt.date) -> float:
        due = item.question.answer
        return 1.0 if value == (format_date(due) if isinstance(value, str) else due) else 0.0

    def given_text(self, item: QuizItem, response: Any, value: str | dt.date) -> str:
        return value if isinstance(value, str) else format_date(value)

    def expected_text(self, item: QuizItem) -> str:
        return format_date(item.question.answer)

    def correct_response(self, item: QuizItem) -> str:
        due = item.question.answer
        return format_date(due) if item.options else due.isoformat()

    def wrong_response(self, item: QuizItem, rng: random.Random) -> str:
        due = item.question.answer
        if item.options:
            return rng.choice([o for o in item.options if o != format_date(due)])
        return (due + dt.timedelta(days=rng.choice([1, 2, 3]))).isoformat()

    def build_input(self, item: QuizItem, ui: ModuleType) -> tuple[Any, list[Any]]:
        if item.options:
            return radio_input(item, ui)
        text = ui.Text(placeholder="Tanggal, misalnya 2026-04-07 atau 7 April 2026")
        return text, [text]

    def missing_answer(self, item: QuizItem, response: Any) -> str | None:
        if item.options or str(response).strip():
            return None
        return "Tulis jawaban Anda dulu."

    def export_item(self, question: Question, seed: int, calendar: Any) -> QuizItem:
        """A concrete question drawn with ``seed``, always with four dates to choose from."""
        item = self.make_item(question, seed, calendar, shuffle=True)
        if item.options:
            return item
        cal = _calendar(calendar)
        result = cal.due_date(item.received, question.kind)
        wrong = deadline_distractors(cal, item.received, question.kind, result)
        choices = tuple(format_date(d) for d in sorted([item.due, *wrong]))
        return dataclasses.replace(item, options=choices)

    def gift_body(self, item: QuizItem) -> str:
        right = format_date(item.due)
        return " ".join(("=" if c == right else "~") + gift_escape(c) for c in item.options)

    def csv_answer(self, question: Question) -> str:
        return format_date(question.answer)

    def json_extra(self, item: QuizItem) -> dict[str, Any]:
        return {"diterima": item.received.isoformat(), "jatuh_tempo": item.due.isoformat()}
