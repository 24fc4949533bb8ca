"""``pilihan``: single choice. ``options`` (a list) and ``answer`` (one of the options).

Also the answer-length cue: how often the right option is the longest one, which lets a
participant guess without knowing the law (:func:`answer_length_cue`).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import ModuleType
from typing import Any

from kip_training.quiz.bank import Question
from kip_training.quiz.types import register
from kip_training.quiz.types.base import (
    AnswerFormatError,
    Checker,
    QuestionType,
    QuizItem,
    check_options,
    gift_escape,
)

#: At most this share of single-choice questions may have the longest option as answer.
MAX_LONGEST_SHARE = Fraction(1, 3)


def choose_one(item: QuizItem, response: Any) -> str:
    """The option picked; asks again when none is picked or it is not an option."""
    if response is None or str(response).strip() == "":
        raise AnswerFormatError("Pilih salah satu jawaban.")
    if str(response) not in item.options:
        raise AnswerFormatError(f"Pilihan tidak dikenal: {response}.")
    return str(response)


def radio_input(item: QuizItem, ui: ModuleType) -> tuple[Any, list[Any]]:
    """Radio buttons with the item's options, none picked."""
    radio = ui.RadioButtons(options=list(item.options), value=None, layout=ui.Layout(width="auto"))
    return radio, [radio]


@register
class Pilihan(QuestionType):
    name = "pilihan"
    label = "pilihan tunggal"
    order = 10
    fields = frozenset({"options", "answer"})

    def validate(self, c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
        options = check_options(c, qid, raw)
        q["options"] = options or ()
        if options is None:
            return False
        answer = raw.get("answer")
        if isinstance(answer, list) or answer is None or str(answer).strip() not in options:
            c.add(qid, "answer", f"jawaban {answer!r} tidak ada di antara pilihan.")
            return False
        q["answer"] = str(answer).strip()
        return True

    def parse(self, item: QuizItem, response: Any) -> str:
        return choose_one(item, response)

    def score(self, item: QuizItem, value: str) -> float:
        return 1.0 if value == item.question.answer else 0.0

    def expected_text(self, item: QuizItem) -> str:
        return item.question.answer

    def correct_response(self, item: QuizItem) -> str:
        return item.question.answer

    def wrong_response(self, item: QuizItem, rng: random.Random) -> str:
        return rng.choice([o for o in item.options if o != item.question.answer])

    def build_input(self, item: QuizItem, ui: ModuleType) -> tuple[Any, list[Any]]:
        return radio_input(item, ui)

    def gift_body(self, item: QuizItem) -> str:
        answer = item.question.answer
        return " ".join(("=" if o == answer else "~") + gift_escape(o) for o in item.options)

    def csv_answer(self, question: Question) -> str:
        return question.answer


@dataclass(frozen=True)
class AnswerLengthCue:
    """How many single-choice questions have the longest option as their answer."""

    longest: int
    total: int

    @property
    def share(self) -> float:
        return self.longest / self.total if self.total else 0.0

    @property
    def too_often(self) -> bool:
        """True when more than :data:`MAX_LONGEST_SHARE` of the questions give it away."""
        return bool(self.total) and Fraction(self.longest, self.total) > MAX_LONGEST_SHARE


def answer_length_cue(questions: Iterable[Question]) -> AnswerLengthCue:
    """Count the single-choice questions whose answer is the longest option (ties count)."""
    single: Sequence[Question] = [q for q in questions if q.type == Pilihan.name]
    longest = sum(1 for q in single if len(q.answer) == max(len(o) for o in q.options))
    return AnswerLengthCue(longest, len(single))
