"""``pasangan``: matching. ``pairs`` (item: match, at least 3) and optional ``distractors``.

Partial credit: the share of items matched correctly.
"""

from __future__ import annotations

import html
import random
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

from kip_training.quiz.bank import Question
from kip_training.quiz.types import register
from kip_training.quiz.types.base import (
    CHOOSE,
    AnswerFormatError,
    Checker,
    QuestionType,
    QuizItem,
    gift_escape,
)

PARTIAL_NOTE = "Penilaian sebagian: nilai = banyaknya pasangan yang benar dibagi {k} pasangan."


@register
class Pasangan(QuestionType):
    name = "pasangan"
    label = "menjodohkan"
    order = 50
    fields = frozenset({"pairs", "distractors"})

    def validate(self, c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
        ok = True
        pairs = raw.get("pairs")
        if not isinstance(pairs, Mapping) or len(pairs) < 3:
            c.add(
                qid,
                "pairs",
                "harus berupa pemetaan paling sedikit 3 pasangan (butir: padanan), "
                "syarat soal menjodohkan di Moodle.",
            )
            ok = False
        else:
            cleaned = [(str(k).strip(), str(v).strip()) for k, v in pairs.items()]
            if any(not k or not v or v == "None" for k, v in cleaned):
                c.add(qid, "pairs", "setiap butir dan padanannya wajib diisi.")
                ok = False
            q["pairs"] = tuple(cleaned)
        distractors = raw.get("distractors", [])
        if not isinstance(distractors, list):
            c.add(qid, "distractors", "harus berupa daftar.")
            return False
        q["distractors"] = tuple(str(d).strip() for d in distractors)
        rights = {v for _, v in q.get("pairs", ())}
        clash = [d for d in q["distractors"] if d in rights]
        if clash:
            c.add(qid, "distractors", f"pengecoh sama dengan padanan: {', '.join(clash)}.")
            ok = False
        return ok

    def parse(self, item: QuizItem, response: Any) -> dict[str, str | None]:
        pairs = item.question.pairs
        given = dict(response or {})
        unknown = [k for k in given if k not in dict(pairs)]
        if unknown:
            raise AnswerFormatError(f"Butir tidak dikenal: {', '.join(map(str, unknown))}.")
        return {left: given.get(left) for left, _ in pairs}

    def score(self, item: QuizItem, value: dict[str, str | None]) -> float:
        pairs = item.question.pairs
        return sum(1 for left, match in pairs if value[left] == match) / len(pairs)

    def given_text(self, item: QuizItem, response: Any, value: dict[str, str | None]) -> str:
        return "; ".join(f"{left} → {value[left] or '(kosong)'}" for left, _ in item.question.pairs)

    def expected_text(self, item: QuizItem) -> str:
        return "; ".join(f"{left} → {right}" for left, right in item.question.pairs)

    def feedback_note(self, question: Question) -> str:
        return PARTIAL_NOTE.format(k=len(question.pairs))

    def correct_response(self, item: QuizItem) -> dict[str, str]:
        return dict(item.question.pairs)

    def wrong_response(self, item: QuizItem, rng: random.Random) -> dict[str, str]:
        matches = list(item.question.match_options)
        return {left: rng.choice(matches) for left, _ in item.question.pairs}

    def build_input(self, item: QuizItem, ui: ModuleType) -> tuple[Any, list[Any]]:
        choices = [(CHOOSE, None), *[(m, m) for m in item.match_options]]
        rows, inputs = [], []
        for left in item.lefts:
            dropdown = ui.Dropdown(options=choices, value=None, layout=ui.Layout(width="auto"))
            inputs.append(dropdown)
            rows.append(ui.HBox([ui.HTML(html.escape(left)), dropdown]))
        return ui.VBox(rows), inputs

    def read_input(self, item: QuizItem, inputs: Sequence[Any]) -> dict[str, str]:
        return {
            left: dd.value
            for left, dd in zip(item.lefts, inputs, strict=True)
            if dd.value is not None
        }

    def fill_input(self, item: QuizItem, inputs: Sequence[Any], response: Any) -> None:
        for left, dropdown in zip(item.lefts, inputs, strict=True):
            dropdown.value = response.get(left)

    def missing_answer(self, item: QuizItem, response: Any) -> str | None:
        return "Pasangkan semua butir dulu." if len(response) < len(item.lefts) else None

    def gift_body(self, item: QuizItem) -> str:
        return " ".join(
            f"={gift_escape(left)} -> {gift_escape(right)}" for left, right in item.question.pairs
        )

    def csv_answer(self, question: Question) -> str:
        return ""
