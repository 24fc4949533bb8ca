"""Exports: the question bank as GIFT (Moodle), CSV or JSON; results as CSV or XLSX.

GIFT: one ``$CATEGORY: kip/<topic>`` per topic, each question titled ``::id::``, the
special characters ``~ = # { } :`` (and backslash) escaped, general feedback (``####``)
from the explanation and the article. Each question type writes its own answer block,
CSV answer and JSON extras (:mod:`kip_training.quiz.types`); generated ``tenggat``
questions are exported as multiple-choice items with fixed dates (drawn with ``seed``).

Every CSV/XLSX text cell passes through :mod:`kip_training.safe_export`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd

from kip_training.quiz.analytics import answers_frame
from kip_training.quiz.bank import Question, QuestionBank
from kip_training.quiz.store import ResultStore
from kip_training.quiz.types.base import gift_escape
from kip_training.safe_export import neutralise_frame, write_csv

RESULT_HEADERS = {
    "participant": "peserta",
    "opd": "kode_opd",
    "quiz": "kuis",
    "question_id": "soal",
    "topic": "topik",
    "answer": "jawaban",
    "correct": "benar",
    "score": "nilai",
    "answered_at": "waktu_utc",
}


# --------------------------------------------------------------------------- GIFT


def _feedback(question: Question) -> str:
    note = question.qtype.feedback_note(question)
    text = f"{question.explanation} {note}" if note else question.explanation
    return f"####{gift_escape(f'{text} Rujukan: {question.reference}.')}"


def gift_question(question: Question, seed: int = 0, calendar: Any = None) -> str:
    """One question in GIFT (a ``tenggat`` template becomes multiple choice)."""
    qtype = question.qtype
    item = qtype.export_item(question, seed, calendar)
    q = item.question
    return f"::{q.id}::{gift_escape(q.prompt)}{{{qtype.gift_body(item)} {_feedback(q)}}}"


def to_gift(bank: QuestionBank, seed: int = 0, calendar: Any = None) -> str:
    """The whole bank in GIFT, one ``$CATEGORY`` per topic."""
    lines = [
        "// Bank soal kip-training (UU 14/2008 tentang Keterbukaan Informasi Publik)",
        f"// Dibuat {dt.date.today().isoformat()}; soal tenggat dibangkitkan dengan seed {seed}.",
        "",
    ]
    for topic in bank.topics.values():
        questions = bank.by_topic(topic.key)
        if not questions:
            continue
        lines += [f"$CATEGORY: kip/{topic.key}", "", f"// {topic.title}", ""]
        for question in questions:
            lines += [gift_question(question, seed, calendar), ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- CSV / JSON


def question_rows(bank: QuestionBank, seed: int = 0, calendar: Any = None) -> list[dict]:
    """One flat row per question (tenggat instantiated with ``seed``)."""
    rows = []
    for question in bank.questions:
        qtype = question.qtype
        item = qtype.export_item(question, seed, calendar)
        q = item.question
        rows.append(
            {
                "id": q.id,
                "topik": q.topic,
                "judul_topik": bank.title(q.topic),
                "jenis": q.type,
                "tingkat": q.difficulty,
                "pertanyaan": q.prompt,
                "pilihan": " | ".join(item.options),
                "jawaban": qtype.csv_answer(q),
                "toleransi": qtype.csv_tolerance(q),
                "pasangan": " | ".join(f"{a} -> {b}" for a, b in q.pairs),
                "penjelasan": q.explanation,
                "rujukan": q.reference,
            }
        )
    return rows


def to_json(bank: QuestionBank, seed: int = 0, calendar: Any = None) -> str:
    """The bank as JSON: topics and questions (tenggat instantiated with ``seed``)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Path):
            return value.name
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        return value

    questions = []
    for question in bank.questions:
        item = question.qtype.export_item(question, seed, calendar)
        q = item.question
        extra = question.qtype.json_extra(item)
        data = {k: plain(v) for k, v in dataclasses.asdict(q).items() if v not in (None, (), "")}
        data.pop("source", None)
        data.update(extra)
        questions.append(data)
    payload = {
        "topik": [{"topic": t.key, "judul": t.title} for t in bank.topics.values()],
        "soal": questions,
    }
    return json.dumps(payload, ensure_ascii=False, indent=1)


def write_bank(
    bank: QuestionBank, fmt: str, path: Path | str, seed: int = 0, calendar: Any = None
) -> Path:
    """Write the bank to ``path`` in ``fmt`` (gift, csv, json)."""
    path = Path(path)
    if fmt == "gift":
        path.write_text(to_gift(bank, seed, calendar), encoding="utf-8")
    elif fmt == "json":
        path.write_text(to_json(bank, seed, calendar), encoding="utf-8")
    elif fmt == "csv":
        write_csv(pd.DataFrame(question_rows(bank, seed, calendar)), path)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return path


# --------------------------------------------------------------------------- results


def stored_answers(store: ResultStore) -> pd.DataFrame:
    """All answers of ``store`` as a DataFrame (store columns), oldest first."""
    return answers_frame(store.answers())


def results_frame(db_path: Path | str | None = None):
    """All stored answers with Indonesian headers, safe for spreadsheets."""
    path = Path(db_path) if db_path is not None else None
    store = ResultStore(path, read_only=True)
    try:
        frame = stored_answers(store)
    finally:
        store.close()
    frame = frame.drop(columns=["uid"]).rename(columns=RESULT_HEADERS)
    frame["benar"] = frame["benar"].map({True: "ya", False: "tidak"})
    return neutralise_frame(frame)


def participant_summary(frame) -> Any:
    """Per participant and OPD: answers, correct answers and mean score (0–100)."""
    grouped = frame.groupby(["peserta", "kode_opd"], as_index=False).agg(
        jawaban=("soal", "size"),
        benar=("benar", lambda s: int((s == "ya").sum())),
        nilai_rata_rata=("nilai", "mean"),
    )
    grouped["nilai_rata_rata"] = (grouped["nilai_rata_rata"] * 100).round(1)
    return grouped


def write_results(db_path: Path | str | None, fmt: str, path: Path | str) -> int:
    """Export stored answers for HR or an LMS; returns the number of answers written."""
    path = Path(path)
    frame = results_frame(db_path)
    if fmt == "csv":
        write_csv(frame, path)
    elif fmt == "xlsx":
        summary = neutralise_frame(participant_summary(frame))
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            summary.to_excel(writer, sheet_name="Rekap peserta", index=False)
            frame.to_excel(writer, sheet_name="Jawaban", index=False)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return len(frame)
