"""Exports: the question bank as GIFT (Moodle), CSV or JSON; results as CSV or XLSX.

GIFT: one ``$CATEGORY: kip/<topic>`` per topic, each question titled ``::id::``, the
special characters ``~ = # { } :`` (and backslash) escaped, general feedback (``####``)
from the explanation and the article. Each question type writes its own answer block,
CSV answer and JSON extras (:mod:`kip_training.quiz.types`); generated ``tenggat``
questions are exported as multiple-choice items with fixed dates (drawn with ``seed``).

A session's results (:func:`session_workbook`) are one workbook of three sheets:
"Peserta" (the counted attempt of each participant, score, passed, time), "Per soal"
(question text, how answers spread over the options, share right, kinds of mistake)
and "Jawaban" (every answer of the session); headers in Indonesian, times in WIB.

Every CSV/XLSX text cell passes through :mod:`kip_training.safe_export`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment

from kip_training.quiz.analytics import answers_frame
from kip_training.quiz.bank import Question, QuestionBank, default_bank
from kip_training.quiz.results import (
    SessionResults,
    format_duration,
    format_wib,
    mistake_label,
    session_results,
)
from kip_training.quiz.store import ResultStore
from kip_training.quiz.types.base import gift_escape
from kip_training.safe_export import cell_value, neutralise_frame, write_csv
from kip_training.xlsx_header import header_row

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
    store = ResultStore(db_path, read_only=True)  # a file or a postgresql:// URL
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


# --------------------------------------------------------------------------- sessions

PARTICIPANT_SHEET = "Peserta"
QUESTION_SHEET = "Per soal"
ANSWER_SHEET = "Jawaban"
PARTICIPANT_HEADERS = {
    "Nama peserta": 28,
    "OPD": 16,
    "Percobaan dihitung": 12,
    "Jumlah percobaan": 12,
    "Soal dijawab": 10,
    "Jawaban benar": 10,
    "Jumlah soal": 10,
    "Nilai (%)": 10,
    "Lulus": 8,
    "Waktu pengerjaan": 16,
    "Mulai (WIB)": 20,
    "Selesai (WIB)": 20,
    "Status": 18,
}
QUESTION_HEADERS = {
    "No.": 6,
    "Kode soal": 12,
    "Soal": 60,
    "Jawaban benar": 30,
    "Jumlah jawaban": 10,
    "Benar": 8,
    "Persen benar": 10,
    "Sebaran jawaban": 60,
    "Jenis kesalahan": 40,
}
ANSWER_HEADERS = {
    "Nama peserta": 28,
    "OPD": 16,
    "Percobaan": 10,
    "Kode soal": 12,
    "Topik": 22,
    "Jawaban": 40,
    "Benar": 8,
    "Nilai": 8,
    "Jenis kesalahan": 28,
    "Lama menjawab (detik)": 12,
    "Waktu (WIB)": 20,
}


def _status(person) -> str:
    if person.in_progress:
        return "sedang mengerjakan"
    return "selesai" if person.finished else "belum selesai"


def _sheet(book: Workbook, title: str, headers: dict[str, int], rows: list[list[Any]]) -> None:
    sheet = book.create_sheet(title)
    header_row(sheet, list(headers), list(headers.values()))
    for row in rows:
        sheet.append([cell_value(v) for v in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def session_workbook(results: SessionResults) -> bytes:
    """The session's results as xlsx bytes (sheets Peserta, Per soal, Jawaban)."""
    book = Workbook()
    book.remove(book.active)
    people = [
        [
            p.participant,
            p.opd,
            p.attempt,
            p.attempts,
            p.answered,
            p.correct,
            p.questions,
            round(p.score * 100, 1),
            "ya" if p.passed else "tidak",
            format_duration(p.seconds),
            format_wib(p.started_at),
            format_wib(p.finished_at),
            _status(p),
        ]
        for p in results.participants
    ]
    _sheet(book, PARTICIPANT_SHEET, PARTICIPANT_HEADERS, people)
    questions = []
    for q in results.questions:
        spread = "; ".join(
            f"{o.letter + '. ' if o.letter else ''}{o.text}: {o.count}"
            + (" (benar)" if o.correct else "")
            for o in q.options
        )
        mistakes = "; ".join(f"{mistake_label(code)}: {n}" for code, n in q.mistakes)
        questions.append(
            [
                q.number,
                q.question_id,
                q.prompt,
                q.expected,
                q.answers,
                q.correct,
                round(q.share_correct * 100, 1) if q.answers else None,
                spread,
                mistakes,
            ]
        )
    _sheet(book, QUESTION_SHEET, QUESTION_HEADERS, questions)
    answers = [
        [
            a.participant,
            a.opd,
            a.attempt,
            a.question_id,
            a.topic,
            a.answer,
            "ya" if a.correct else "tidak",
            a.score,
            mistake_label(a.mistake) if a.mistake else "",
            round(a.seconds, 1),
            format_wib(a.answered_at),
        ]
        for a in results.answers
    ]
    _sheet(book, ANSWER_SHEET, ANSWER_HEADERS, answers)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_session_results(
    db_path: Path | str | None, session: str, path: Path | str, bank: QuestionBank | None = None
) -> SessionResults:
    """Write one session's results workbook (its id or join code) to ``path``."""
    store = ResultStore(db_path, read_only=True)  # a file or a postgresql:// URL
    try:
        results = session_results(store, session, bank or default_bank())
    finally:
        store.close()
    Path(path).write_bytes(session_workbook(results))
    return results
