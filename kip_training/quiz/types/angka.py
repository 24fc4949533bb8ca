"""``angka``: a number. ``answer`` (a number), optional ``tolerance`` (default 0) and ``unit``.

A question about a KIP deadline carries ``law_ref`` (a key of
:data:`kip_training.law.DEADLINES`, or ``tambahan_perpanjangan``) and a question about a
sanction carries ``sanction_ref`` ("51.denda", "53.penjara"); the answer must equal the
figure in ``law.py``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

from kip_training import law
from kip_training.quiz.bank import Question
from kip_training.quiz.engine import parse_number
from kip_training.quiz.types import register
from kip_training.quiz.types.base import Checker, QuestionType, QuizItem, plain_number, text_field
from kip_training.textfmt import format_number

# Articles whose angka answers must be checked against law.py.
_DEADLINE_ARTICLES = re.compile(r"Pasal\s+(22|36|37|38)\b")
_SANCTION_ARTICLES = re.compile(r"Pasal\s+(51|52|53)\b")
SANCTION_FIELDS = ("denda", "penjara")
#: ``law_ref`` keys besides those of law.DEADLINES: (working days, label, basis).
EXTRA_LAW_REFS: dict[str, tuple[int, str, str]] = {
    "tambahan_perpanjangan": (
        law.EXTENSION_DAYS,
        "Perpanjangan waktu pemberitahuan",
        law.DEADLINES["perpanjangan"].basis,
    ),
}


def law_ref_days(ref: str) -> tuple[int, str, str] | None:
    """(working days, label, basis) of a ``law_ref`` key, or None when unknown."""
    if ref in law.DEADLINES:
        d = law.DEADLINES[ref]
        return d.working_days, d.label, d.basis
    return EXTRA_LAW_REFS.get(ref)


def sanction_figure(ref: str) -> float | None:
    """The figure of a ``sanction_ref`` ("51.denda" in rupiah, "53.penjara" in years)."""
    article, _, what = ref.partition(".")
    sanction = law.SANCTIONS.get(article)
    if sanction is None or what not in SANCTION_FIELDS:
        return None
    if what == "denda":
        return float(sanction.max_fine_rp) if sanction.max_fine_rp is not None else None
    match = re.match(r"\s*(\d+)", sanction.max_prison)
    return float(match.group(1)) if match else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _check_law_ref(c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
    law_ref, answer = raw.get("law_ref"), q["answer"]
    if law_ref is None:
        if _DEADLINE_ARTICLES.search(q.get("reference", "")):
            c.add(
                qid, "law_ref", "soal angka tentang tenggat wajib memakai law_ref (kunci tenggat)."
            )
            return False
        return True
    q["law_ref"] = str(law_ref)
    found = law_ref_days(str(law_ref))
    if found is None:
        known = ", ".join([*law.DEADLINES, *EXTRA_LAW_REFS])
        c.add(qid, "law_ref", f"'{law_ref}' tidak dikenal. Pilihan: {known}.")
        return False
    if answer != found[0]:
        c.add(
            qid,
            "answer",
            f"{answer:g} tidak sesuai dengan law.py: {found[1]} = "
            f"{found[0]} hari kerja ({found[2]}).",
        )
        return False
    return True


def _check_sanction_ref(c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
    sanction_ref, answer = raw.get("sanction_ref"), q["answer"]
    if sanction_ref is None:
        if _SANCTION_ARTICLES.search(q.get("reference", "")):
            c.add(qid, "sanction_ref", "soal angka tentang sanksi wajib memakai sanction_ref.")
            return False
        return True
    q["sanction_ref"] = str(sanction_ref)
    figure = sanction_figure(str(sanction_ref))
    if figure is None:
        c.add(
            qid,
            "sanction_ref",
            f"'{sanction_ref}' tidak dikenal. Tulis seperti 51.denda atau 53.penjara "
            f"(pasal: {', '.join(law.SANCTIONS)}).",
        )
        return False
    if answer != figure:
        c.add(qid, "answer", f"{answer:g} tidak sesuai dengan law.py ({figure:g}).")
        return False
    return True


@register
class Angka(QuestionType):
    name = "angka"
    label = "isian angka"
    order = 40
    fields = frozenset({"answer", "tolerance", "law_ref", "sanction_ref", "unit"})

    def validate(self, c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
        answer = _number(raw.get("answer"))
        if answer is None:
            c.add(qid, "answer", f"harus berupa angka (ditemukan: {raw.get('answer')!r}).")
            return False
        ok = True
        tolerance = _number(raw.get("tolerance", 0))
        if tolerance is None or tolerance < 0:
            c.add(qid, "tolerance", "harus berupa angka 0 atau lebih.")
            ok = False
        q["answer"], q["tolerance"] = answer, tolerance or 0.0
        q["unit"] = text_field(raw.get("unit"))
        ok = _check_law_ref(c, qid, raw, q) and ok
        return _check_sanction_ref(c, qid, raw, q) and ok

    def parse(self, item: QuizItem, response: Any) -> float:
        return parse_number(response)

    def score(self, item: QuizItem, value: float) -> float:
        q = item.question
        return 1.0 if abs(value - q.answer) <= q.tolerance + 1e-9 else 0.0

    def given_text(self, item: QuizItem, response: Any, value: float) -> str:
        return response.strip() if isinstance(response, str) else format_number(value)

    def expected_text(self, item: QuizItem) -> str:
        q = item.question
        decimals = 0 if float(q.answer).is_integer() else 2
        text = format_number(q.answer, decimals)
        return f"{text} {q.unit}" if q.unit else text

    def correct_response(self, item: QuizItem) -> float:
        return item.question.answer

    def wrong_response(self, item: QuizItem, rng: random.Random) -> float:
        q = item.question
        return q.answer + rng.choice([-3, -1, 1, 2, 5]) * max(1.0, q.tolerance + 1)

    def build_input(self, item: QuizItem, ui: ModuleType) -> tuple[Any, list[Any]]:
        unit = f" ({item.question.unit})" if item.question.unit else ""
        text = ui.Text(placeholder=f"Tulis angka, misalnya 10{unit}")
        return text, [text]

    def fill_input(self, item: QuizItem, inputs: Sequence[Any], response: Any) -> None:
        inputs[0].value = str(response).replace(".", ",")  # the Indonesian decimal comma

    def missing_answer(self, item: QuizItem, response: Any) -> str | None:
        return None if str(response).strip() else "Tulis jawaban Anda dulu."

    def gift_body(self, item: QuizItem) -> str:
        q = item.question
        return f"#{plain_number(q.answer)}:{plain_number(q.tolerance)}"

    def csv_answer(self, question: Question) -> str:
        return plain_number(question.answer)

    def csv_tolerance(self, question: Question) -> str:
        return plain_number(question.tolerance)
