"""Question types: one class per type, and a new type works by registering one class."""

from __future__ import annotations

import csv
import dataclasses
import json
import random
import sys
from collections.abc import Mapping
from typing import Any

import pytest
from test_quiz_export import parse_gift, parse_gift_question

from kip_training.paths import DATA_DIR
from kip_training.quiz import types
from kip_training.quiz.bank import validate_paths
from kip_training.quiz.engine import (
    build_quiz,
    make_item,
    response_for_correct,
    response_for_wrong,
    score_answer,
)
from kip_training.quiz.export import gift_question, question_rows, to_json, write_bank
from kip_training.quiz.types.base import Checker, QuestionType, QuizItem, gift_escape, text_field
from kip_training.quiz.types.pilihan import answer_length_cue
from kip_training.quiz.widgets import QuestionView

MOODLE_KINDS = {"multichoice", "multiple_answers", "truefalse", "numerical", "matching"}


# ----------------------------------------------------------------- a toy type


class Isian(QuestionType):
    """Short answer: the participant types a word; case and spaces do not matter."""

    name = "isian"
    label = "isian singkat"
    order = 70
    fields = frozenset({"answer"})

    def validate(self, c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
        q["answer"] = text_field(raw.get("answer"))
        if q["answer"] is None:
            c.add(qid, "answer", "jawaban singkat wajib diisi.")
            return False
        return True

    def parse(self, item: QuizItem, response: Any) -> str:
        return " ".join(str(response or "").split()).casefold()

    def score(self, item: QuizItem, value: str) -> float:
        return 1.0 if value == item.question.answer.casefold() else 0.0

    def expected_text(self, item: QuizItem) -> str:
        return item.question.answer

    def correct_response(self, item: QuizItem) -> str:
        return item.question.answer.upper()

    def wrong_response(self, item: QuizItem, rng: random.Random) -> str:
        return "bukan itu"

    def gift_body(self, item: QuizItem) -> str:
        return "=" + gift_escape(item.question.answer)

    def csv_answer(self, question) -> str:
        return question.answer


TOY_BANK = """topic: uji
judul: Topik uji
questions:
  - id: isi-01
    type: isian
    difficulty: 1
    prompt: Singkatan pejabat yang mengelola layanan informasi?
    answer: PPID
    explanation: Pejabat Pengelola Informasi dan Dokumentasi.
    reference: UU 14/2008 Pasal 1 angka 9
"""


@pytest.fixture
def isian():
    types.register(Isian)
    yield types.of("isian")
    types.unregister("isian")


def test_a_registered_type_is_validated_scored_shown_and_exported(isian, tmp_path, calendar):
    path = tmp_path / "uji.yaml"
    path.write_text(TOY_BANK, encoding="utf-8")
    bank, issues = validate_paths([path])
    assert issues == []
    question = bank["isi-01"]
    assert question.qtype is isian and not question.is_generated

    item = build_quiz(bank, seed=1, calendar=calendar)[0]
    right = score_answer(item, "  ppid ")
    assert right.correct and right.expected == "PPID"
    assert score_answer(item, "Atasan PPID").verdict == "Salah"

    view = QuestionView(item, 1, 1, "Topik uji")
    isian.fill_input(item, view.inputs, "Ppid")
    assert view.check().correct and "Benar" in view.feedback.value

    assert gift_question(question) == (
        "::isi-01::Singkatan pejabat yang mengelola layanan informasi?{=PPID "
        "####Pejabat Pengelola Informasi dan Dokumentasi. Rujukan\\: UU 14/2008 Pasal 1 angka 9.}"
    )
    (row,) = question_rows(bank)
    assert (row["jenis"], row["jawaban"]) == ("isian", "PPID")
    assert json.loads(to_json(bank))["soal"][0]["answer"] == "PPID"
    write_bank(bank, "csv", tmp_path / "bank.csv")
    rows = list(csv.DictReader((tmp_path / "bank.csv").open(encoding="utf-8-sig")))
    assert rows[0]["jawaban"] == "PPID"


def test_a_new_module_in_the_types_package_is_found_without_other_edits(tmp_path, monkeypatch):
    (tmp_path / "isian.py").write_text(
        "from test_quiz_types import Isian\n"
        "from kip_training.quiz.types import register\n\n"
        "register(Isian)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(types, "__path__", [*types.__path__, str(tmp_path)])
    monkeypatch.setattr(types, "_discovered", False)
    try:
        assert types.names()[-1] == "isian"
        path = tmp_path / "uji.yaml"
        path.write_text(TOY_BANK, encoding="utf-8")
        bank, issues = validate_paths([path])
        assert issues == [] and bank["isi-01"].qtype.label == "isian singkat"
    finally:
        types.unregister("isian")
        sys.modules.pop("kip_training.quiz.types.isian", None)


def test_a_type_checks_its_own_fields(isian, tmp_path):
    path = tmp_path / "uji.yaml"
    path.write_text(TOY_BANK.replace("answer: PPID", "options: [a, b]"), encoding="utf-8")
    _, issues = validate_paths([path])
    assert [(i.field, i.message) for i in issues] == [
        ("options", "kolom tidak dikenal untuk jenis 'isian'."),
        ("answer", "jawaban singkat wajib diisi."),
    ]


def test_an_unregistered_type_is_refused_and_listed_types_are_the_registered_ones(tmp_path):
    path = tmp_path / "uji.yaml"
    path.write_text(TOY_BANK, encoding="utf-8")
    _, issues = validate_paths([path])
    assert [i.field for i in issues] == ["type"]
    assert issues[0].message == (
        "'isian' tidak dikenal. Jenis yang sah: pilihan, pilihan_ganda, benar_salah, angka, "
        "pasangan, tenggat."
    )
    assert types.get(["pilihan"]) is None
    with pytest.raises(KeyError):
        types.of("isian")


# ----------------------------------------------------------------- the bundled types


@pytest.mark.parametrize("qtype", types.all_types(), ids=lambda t: t.name)
def test_every_type_round_trips_on_the_bundled_bank(qtype, calendar, tmp_path):
    bank, issues = validate_paths([DATA_DIR / "questions"])
    assert issues == []
    questions = [q for q in bank.questions if q.qtype is qtype]
    assert questions, f"no {qtype.name} question in the bundled bank"
    rng = random.Random(0)
    for question in questions:
        item = make_item(question, seed=5, calendar=calendar)
        # widget -> parse -> score: the full-marks answer typed or clicked in the widgets
        view = QuestionView(item, 1, 1, bank.title(question.topic))
        qtype.fill_input(item, view.inputs, response_for_correct(item))
        result = view.check()
        assert result is not None and result.correct, question.id
        assert result.expected, question.id
        assert score_answer(item, response_for_wrong(item, rng)).score < 1, question.id
        # export: the GIFT line follows the grammar Moodle reads
        parsed = parse_gift_question(gift_question(question, seed=5, calendar=calendar))
        assert parsed["kind"] in MOODLE_KINDS and parsed["id"] == question.id
        assert item.question.reference in parsed["feedback"]
    rows = {r["id"]: r for r in question_rows(bank, seed=5, calendar=calendar)}
    exported = {q["id"]: q for q in json.loads(to_json(bank, seed=5, calendar=calendar))["soal"]}
    for question in questions:
        assert rows[question.id]["jenis"] == exported[question.id]["type"] == qtype.name
    categories, _ = parse_gift(
        "\n\n".join(["$CATEGORY: kip/uji", *(gift_question(q, 5, calendar) for q in questions)])
    )
    assert categories == ["uji"]


# ----------------------------------------------------------------- the answer-length cue


def _bank(tmp_path, answers_longest: int, others: int):
    """A synthetic bank: some questions whose answer is the longest option, some not."""
    entries = []
    for i in range(answers_longest + others):
        longest = i < answers_longest
        answer = "jawaban yang panjang sekali" if longest else "pendek"
        distractor = "salah" if longest else "pengecoh yang jauh lebih panjang"
        entries.append(
            f"  - id: p-{i:02d}\n    type: pilihan\n    difficulty: 1\n    prompt: Soal {i}?\n"
            f"    options: [{answer}, {distractor}]\n    answer: {answer}\n"
            "    explanation: x\n    reference: UU 14/2008 Pasal 1\n"
        )
    entries.append(
        "  - id: bs-01\n    type: benar_salah\n    difficulty: 1\n    prompt: p\n"
        "    answer: true\n    explanation: x\n    reference: UU 14/2008 Pasal 1\n"
    )
    path = tmp_path / "uji.yaml"
    path.write_text("topic: uji\njudul: Uji\nquestions:\n" + "".join(entries), encoding="utf-8")
    return path


def test_answer_length_cue_counts_single_choice_only_and_ties(tmp_path):
    bank, _ = validate_paths([_bank(tmp_path, 2, 4)])
    cue = answer_length_cue(bank.questions)
    assert (cue.longest, cue.total) == (2, 6) and not cue.too_often
    bank, _ = validate_paths([_bank(tmp_path, 3, 5)])
    assert answer_length_cue(bank.questions).too_often
    tie = dataclasses.replace(bank["p-07"], options=("pendek", "sama!!"))
    assert answer_length_cue([tie]).longest == 1
    assert not answer_length_cue([]).too_often
