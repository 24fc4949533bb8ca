"""``pilihan_ganda``: several right options. ``options`` and ``answer`` (a list of options).

Partial credit: each right option ticked adds 1/k, each wrong option ticked takes 1/k
away (k = number of right options), never below 0.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
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

PARTIAL_NOTE = (
    "Penilaian sebagian: setiap pilihan benar yang dicentang menambah 1/{k} nilai, "
    "setiap pilihan salah yang dicentang mengurangi 1/{k} (nilai terendah 0)."
)


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


@register
class PilihanGanda(QuestionType):
    name = "pilihan_ganda"
    label = "pilihan ganda (lebih dari satu jawaban benar)"
    order = 20
    fields = frozenset({"options", "answer"})

    def validate(self, c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
        options = check_options(c, qid, raw)
        q["options"] = options or ()
        if options is None:
            return False
        answer = raw.get("answer")
        answers = answer if isinstance(answer, list) else [answer]
        answers = [str(a).strip() for a in answers if a is not None]
        missing = [a for a in answers if a not in options]
        if not answers:
            c.add(qid, "answer", "wajib berisi paling sedikit satu pilihan yang benar.")
        elif missing:
            c.add(qid, "answer", f"jawaban tidak ada di antara pilihan: {', '.join(missing)}.")
        elif len(set(answers)) != len(answers):
            c.add(qid, "answer", "jawaban yang sama tertulis dua kali.")
        else:
            q["answer"] = tuple(a for a in options if a in answers)
            return True
        return False

    def parse(self, item: QuizItem, response: Any) -> list[str]:
        options = item.question.options
        if response is None:
            picked: list[str] = []
        elif isinstance(response, str):
            picked = [response]
        else:
            picked = [str(r) for r in response]
        unknown = [p for p in picked if p not in options]
        if unknown:
            raise AnswerFormatError(f"Pilihan tidak dikenal: {', '.join(unknown)}.")
        return [o for o in options if o in picked]

    def score(self, item: QuizItem, value: list[str]) -> float:
        correct = set(item.question.answer)
        hits = sum(1 for p in value if p in correct)
        misses = len(value) - hits
        return max(0.0, (hits - misses) / len(correct))

    def given_text(self, item: QuizItem, response: Any, value: list[str]) -> str:
        return "; ".join(value) or "(tidak ada yang dipilih)"

    def expected_text(self, item: QuizItem) -> str:
        return "; ".join(item.question.answer)

    def feedback_note(self, question: Question) -> str:
        return PARTIAL_NOTE.format(k=len(question.answer))

    def correct_response(self, item: QuizItem) -> list[str]:
        return list(item.question.answer)

    def wrong_response(self, item: QuizItem, rng: random.Random) -> list[str]:
        q = item.question
        wrong = [o for o in q.options if o not in q.answer]
        some = [a for a in q.answer if rng.random() < 0.5]
        return some + ([rng.choice(wrong)] if wrong else [])

    def build_input(self, item: QuizItem, ui: ModuleType) -> tuple[Any, list[Any]]:
        boxes = [
            ui.Checkbox(value=False, description=o, indent=False, layout=ui.Layout(width="auto"))
            for o in item.options
        ]
        hint = ui.HTML("<i>Pilih semua jawaban yang benar.</i>")
        return ui.VBox([hint, *boxes]), boxes

    def read_input(self, item: QuizItem, inputs: Sequence[Any]) -> list[str]:
        return [box.description for box in inputs if box.value]

    def fill_input(self, item: QuizItem, inputs: Sequence[Any], response: Any) -> None:
        for box in inputs:
            box.value = box.description in response

    def gift_body(self, item: QuizItem) -> str:
        answer = item.question.answer
        k = len(answer)
        good, bad = _weight(100 / k), _weight(-100 / k)
        return " ".join(f"~%{good if o in answer else bad}%{gift_escape(o)}" for o in item.options)

    def csv_answer(self, question: Question) -> str:
        return " | ".join(question.answer)
