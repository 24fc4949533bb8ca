"""Exports: the question bank as GIFT (Moodle), CSV or JSON; results as CSV or XLSX.

GIFT: one ``$CATEGORY: kip/<topic>`` per topic, each question titled ``::id::``, the
special characters ``~ = # { } :`` (and backslash) escaped, general feedback (``####``)
from the explanation and the article. Generated ``tenggat`` questions are exported as
multiple-choice items with fixed dates (drawn with ``seed``).

Every CSV/XLSX text cell passes through :mod:`kip_training.safe_export`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from kip_training.quiz.bank import Question, QuestionBank
from kip_training.quiz.engine import PARTIAL_NOTE, QuizItem, _wrong_dates, make_item
from kip_training.textfmt import format_date

GIFT_SPECIAL = "~=#{}:"
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


def gift_escape(text: str) -> str:
    """Escape text for GIFT: backslash first, then ``~ = # { } :``; newlines to spaces."""
    text = " ".join(str(text).split())
    text = text.replace("\\", "\\\\")
    for char in GIFT_SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _weight(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return text


def _feedback(question: Question) -> str:
    text = question.explanation
    if question.type in PARTIAL_NOTE:
        k = len(question.answer) if question.type == "pilihan_ganda" else len(question.pairs)
        text = f"{text} {PARTIAL_NOTE[question.type].format(k=k)}"
    return f"####{gift_escape(f'{text} Rujukan: {question.reference}.')}"


def _tenggat_choices(item: QuizItem, calendar: Any) -> tuple[str, ...]:
    if item.options:
        return item.options
    from kip_training import law

    if calendar is None:
        from kip_training.calendar import default_calendar

        calendar = default_calendar()
    wrong = _wrong_dates(
        calendar, item.received, law.DEADLINES[item.question.kind].working_days, item.due
    )
    dates = sorted([item.due, *wrong[:3]])
    return tuple(format_date(d) for d in dates)


def gift_question(question: Question, seed: int = 0, calendar: Any = None) -> str:
    """One question in GIFT (a ``tenggat`` template becomes multiple choice)."""
    title = f"::{question.id}::"
    if question.type == "tenggat":
        item = make_item(question, seed=seed, calendar=calendar)
        concrete = item.question
        choices = _tenggat_choices(item, calendar)
        right = format_date(item.due)
        body = " ".join(("=" if c == right else "~") + gift_escape(c) for c in choices)
        return f"{title}{gift_escape(concrete.prompt)}{{{body} {_feedback(concrete)}}}"
    prompt = gift_escape(question.prompt)
    if question.type == "pilihan":
        body = " ".join(
            ("=" if o == question.answer else "~") + gift_escape(o) for o in question.options
        )
    elif question.type == "pilihan_ganda":
        k = len(question.answer)
        good, bad = _weight(100 / k), _weight(-100 / k)
        body = " ".join(
            f"~%{good if o in question.answer else bad}%{gift_escape(o)}" for o in question.options
        )
    elif question.type == "benar_salah":
        body = "T" if question.answer else "F"
    elif question.type == "angka":
        body = f"#{_number(question.answer)}:{_number(question.tolerance)}"
    elif question.type == "pasangan":
        body = " ".join(
            f"={gift_escape(left)} -> {gift_escape(right)}" for left, right in question.pairs
        )
    else:  # pragma: no cover - every type is handled above
        raise ValueError(question.type)
    return f"{title}{prompt}{{{body} {_feedback(question)}}}"


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
        q = question
        if q.type == "tenggat":
            item = make_item(q, seed=seed, calendar=calendar)
            q = dataclasses.replace(item.question, options=_tenggat_choices(item, calendar))
        if q.type == "pilihan_ganda":
            answer = " | ".join(q.answer)
        elif q.type == "benar_salah":
            answer = "Benar" if q.answer else "Salah"
        elif q.type == "angka":
            answer = _number(q.answer)
        elif q.type == "tenggat":
            answer = format_date(q.answer)
        elif q.type == "pasangan":
            answer = ""
        else:
            answer = q.answer
        rows.append(
            {
                "id": q.id,
                "topik": q.topic,
                "judul_topik": bank.title(q.topic),
                "jenis": q.type,
                "tingkat": q.difficulty,
                "pertanyaan": q.prompt,
                "pilihan": " | ".join(q.options),
                "jawaban": answer,
                "toleransi": _number(q.tolerance) if q.type == "angka" else "",
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
        q = question
        extra: dict[str, Any] = {}
        if q.type == "tenggat":
            item = make_item(q, seed=seed, calendar=calendar)
            q = item.question
            extra = {"diterima": item.received.isoformat(), "jatuh_tempo": item.due.isoformat()}
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
        import pandas as pd

        from kip_training.safe_export import neutralise_frame

        frame = neutralise_frame(pd.DataFrame(question_rows(bank, seed, calendar)))
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return path


# --------------------------------------------------------------------------- results


def results_frame(db_path: Path | str | None = None):
    """All stored answers with Indonesian headers, safe for spreadsheets."""
    from kip_training.quiz.store import ResultStore
    from kip_training.safe_export import neutralise_frame

    path = Path(db_path) if db_path is not None else None
    store = ResultStore(path)
    try:
        frame = store.frame()
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
    from kip_training.safe_export import neutralise_frame

    path = Path(path)
    frame = results_frame(db_path)
    if fmt == "csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    elif fmt == "xlsx":
        import pandas as pd

        summary = neutralise_frame(participant_summary(frame))
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            summary.to_excel(writer, sheet_name="Rekap peserta", index=False)
            frame.to_excel(writer, sheet_name="Jawaban", index=False)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return len(frame)


_GIFT_TITLE = re.compile(r"^::([^:]+)::")
