"""``benar_salah``: true or false. ``answer`` is true (benar) or false (salah)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

from kip_training.quiz.bank import Question
from kip_training.quiz.engine import VERDICT_RIGHT, VERDICT_WRONG
from kip_training.quiz.types import register
from kip_training.quiz.types.base import AnswerFormatError, Checker, QuestionType, QuizItem

_TRUE = ("benar", "b", "true", "ya", "1")
_FALSE = ("salah", "s", "false", "tidak", "0")


def parse_bool(value: Any) -> bool:
    """True/False from a bool or from "Benar"/"Salah" (and "ya", "tidak", "1", "0")."""
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise AnswerFormatError("Pilih Benar atau Salah.")


def _label(value: bool) -> str:
    return VERDICT_RIGHT if value else VERDICT_WRONG


@register
class BenarSalah(QuestionType):
    name = "benar_salah"
    label = "benar/salah"
    order = 30
    fields = frozenset({"answer"})

    def validate(self, c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
        answer = raw.get("answer")
        q["answer"] = answer
        if not isinstance(answer, bool):
            c.add(qid, "answer", "harus true (benar) atau false (salah).")
            return False
        return True

    def parse(self, item: QuizItem, response: Any) -> bool:
        return parse_bool(response)

    def score(self, item: QuizItem, value: bool) -> float:
        return 1.0 if value == item.question.answer else 0.0

    def given_text(self, item: QuizItem, response: Any, value: bool) -> str:
        return _label(value)

    def expected_text(self, item: QuizItem) -> str:
        return _label(item.question.answer)

    def correct_response(self, item: QuizItem) -> bool:
        return item.question.answer

    def wrong_response(self, item: QuizItem, rng: random.Random) -> bool:
        return not item.question.answer

    def build_input(self, item: QuizItem, ui: ModuleType) -> tuple[Any, list[Any]]:
        options = [_label(True), _label(False)]
        radio = ui.RadioButtons(options=options, value=None, layout=ui.Layout(width="auto"))
        return radio, [radio]

    def fill_input(self, item: QuizItem, inputs: Sequence[Any], response: Any) -> None:
        inputs[0].value = _label(parse_bool(response))

    def gift_body(self, item: QuizItem) -> str:
        return "T" if item.question.answer else "F"

    def csv_answer(self, question: Question) -> str:
        return _label(question.answer)
