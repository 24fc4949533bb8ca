"""Quiz engine (no widgets): build a quiz, generate deadline questions, score answers.

A quiz is built from topics, a count and a seed: the same seed gives the same
questions in the same order with the same option order and the same generated
deadline dates. ``tenggat`` templates become concrete questions here: a receipt date
is drawn from the template's range (preferring dates whose window crosses a day off),
the due date comes from the working-day calendar, and the explanation lists the days
off that were skipped.

How an answer is read and scored belongs to its question type
(:mod:`kip_training.quiz.types`): most types score 1 or 0, ``pilihan_ganda`` and
``pasangan`` give partial credit, stated in the explanation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kip_training import law
from kip_training.calendar import WorkingCalendar
from kip_training.errors import QuestionBankError
from kip_training.quiz.bank import Question, QuestionBank
from kip_training.quiz.types.base import AnswerFormatError, QuizItem
from kip_training.textfmt import format_date, parse_date, read_number

VERDICT_RIGHT = "Benar"
VERDICT_WRONG = "Salah"
VERDICT_PARTIAL = "Sebagian benar"
#: Chance that a generated receipt date is drawn among those whose window crosses a day off.
HOLIDAY_BIAS = 0.8


@dataclass
class Quiz:
    """An ordered set of quiz items."""

    name: str
    seed: int
    items: list[QuizItem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __getitem__(self, index: int) -> QuizItem:
        return self.items[index]

    @property
    def topics(self) -> list[str]:
        seen: dict[str, None] = {}
        for item in self.items:
            seen.setdefault(item.question.topic, None)
        return list(seen)


@dataclass(frozen=True)
class Result:
    """The outcome of one answer."""

    question_id: str
    topic: str
    correct: bool
    score: float
    verdict: str
    given: str
    expected: str
    explanation: str
    reference: str
    answer_value: Any = None
    #: The kind of mistake behind a wrong answer ("" when right or not known; the
    #: deadline codes are in :data:`kip_training.quiz.types.tenggat.MISTAKE_LABELS`).
    mistake: str = ""


# --------------------------------------------------------------------------- parsing


#: Words an answer may end with after its number ("10 hari kerja").
ANSWER_UNITS = ("hari kerja", "hari", "tahun", "rupiah")


def parse_number(text: Any) -> float:
    """Read a number as people type it: "10", "10,0", "10.0", "Rp5.000.000", "1,5".

    A comma is the decimal mark (Indonesian); dots in groups of three are thousands
    separators; a single dot otherwise is a decimal mark. Raises
    :class:`AnswerFormatError` with an Indonesian message.
    """
    if isinstance(text, bool):
        raise AnswerFormatError("Jawaban harus berupa angka.")
    if isinstance(text, int | float):
        return float(text)
    raw = str(text or "").strip()
    try:
        return read_number(raw, ANSWER_UNITS)[0]
    except ValueError:
        raise AnswerFormatError(
            f"'{raw}' bukan angka. Tulis misalnya 10, 10,5 atau 5.000.000."
        ) from None


def parse_answer_date(text: Any) -> dt.date:
    """Read a date answer: ISO, dd/mm/yyyy, "7 April 2026" or "Selasa, 7 April 2026"."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    raw = str(text or "").strip()
    try:
        return parse_date(raw)
    except ValueError:
        raise AnswerFormatError(
            f"'{raw}' bukan tanggal. Tulis misalnya 2026-04-07, 07/04/2026 atau 7 April 2026."
        ) from None


# --------------------------------------------------------------------------- tenggat


def _calendar(calendar: Any = None):
    if calendar is not None:
        return calendar
    return WorkingCalendar.from_config()  # the active kip.toml, read at this call


def deadline_explanation(result: Any) -> str:
    """The worked explanation of a deadline (a :class:`~kip_training.calendar.DueDate`):
    rule, counting, days off skipped, and the counting conventions with both dates
    when the readings of cuti bersama differ."""
    rule = result.deadline
    lines = [
        f"{rule.label}: {rule.working_days} hari kerja sejak {rule.counted_from} ({rule.basis}).",
        f"Diterima {format_date(result.received)}: hari itu hari ke-0 dan tidak dihitung; "
        f"hari kerja ke-{rule.total_working_days} jatuh pada {format_date(result.due)}.",
    ]
    if result.skipped:
        names = "; ".join(f"{format_date(d.date)} ({d.name})" for d in result.skipped)
        lines.append(f"Hari libur yang dilewati selain Sabtu dan Minggu: {names}.")
    else:
        lines.append("Tidak ada hari libur selain Sabtu dan Minggu dalam rentang ini.")
    return " ".join([*lines, *result.convention_lines()])


def _wrong_dates(cal: Any, received: dt.date, n: int, due: dt.date) -> list[dt.date]:
    """Typical mistakes: calendar days, ignoring holidays, counting day 0, one day off."""
    weekdays_only = received
    counted = 0
    while counted < n:
        weekdays_only += dt.timedelta(days=1)
        if weekdays_only.weekday() < 5:
            counted += 1
    candidates = [
        weekdays_only,
        received + dt.timedelta(days=n),
        cal.add_working_days(received, n - 1) if n > 1 else received,
        cal.add_working_days(received, n + 1),
        cal.add_working_days(received, n + 2),
        cal.add_working_days(received, max(n - 2, 0)),
    ]
    seen: list[dt.date] = []
    for day in candidates:
        if day != due and day not in seen:
            seen.append(day)
    return seen


def deadline_distractors(cal: Any, received: dt.date, kind: str, result: Any) -> list[dt.date]:
    """Three wrong due dates for a deadline question (typical counting mistakes).

    The other reading's date of cuti bersama is not wrong, only another convention: it is
    never a distractor.
    """
    wrong = _wrong_dates(cal, received, law.DEADLINES[kind].total_working_days, result.due)
    return [d for d in wrong if d not in (result.due_kerja, result.due_libur)][:3]


def instantiate_tenggat(
    template: Question,
    rng: random.Random,
    calendar: Any = None,
    received: dt.date | None = None,
) -> QuizItem:
    """A concrete deadline question from a ``tenggat`` template.

    The receipt date is ``received`` when given (a day off only for a question about
    that case: the explanation then says how offices differ), else a working day under
    both readings of cuti bersama drawn from the template's range with ``rng``: with
    probability :data:`HOLIDAY_BIAS` among the dates whose window crosses a weekday off
    (when there are any).
    """
    cal = _calendar(calendar)
    kind = template.kind
    if received is None:
        start, end = template.date_range
        span = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        days = [d for d in span if cal.day_off_name(d) is None] or span
        crossing = [d for d in days if cal.due_date(d, kind).skipped]
        pool = crossing if crossing and rng.random() < HOLIDAY_BIAS else days
        received = rng.choice(pool)
    result = cal.due_date(received, kind)
    explanation = deadline_explanation(result)
    if template.explanation:
        explanation = f"{template.explanation} {explanation}"
    prompt = template.prompt.replace("{diterima}", format_date(received))
    options: tuple[str, ...] = ()
    if template.answer_format == "pilihan":
        dates = [result.due, *deadline_distractors(cal, received, kind, result)]
        rng.shuffle(dates)
        options = tuple(format_date(d) for d in dates)
    question = dataclasses.replace(
        template,
        prompt=prompt,
        explanation=explanation,
        answer=result.due,
        options=options,
    )
    return QuizItem(question, options=options, received=received, due=result.due)


# --------------------------------------------------------------------------- building


def make_item(
    question: Question, seed: int = 0, calendar: Any = None, shuffle: bool = True
) -> QuizItem:
    """A quiz item for one question (options shuffled reproducibly with ``seed``)."""
    return question.qtype.make_item(question, seed, calendar, shuffle)


def build_quiz(
    bank: QuestionBank,
    topics: Iterable[str] | None = None,
    count: int | None = None,
    seed: int = 0,
    calendar: Any = None,
    name: str | None = None,
    shuffle: bool = True,
    include_generated: bool = True,
) -> Quiz:
    """A quiz of ``count`` questions (all when None) from ``topics`` (all when None).

    Questions and options are shuffled with ``seed``: the same arguments give the same
    quiz. Raises :class:`QuestionBankError` for an unknown topic or an empty selection.
    """
    wanted = list(topics) if topics else list(bank.topics)
    unknown = [t for t in wanted if t not in bank.topics]
    if unknown:
        raise QuestionBankError(
            f"Topik tidak dikenal: {', '.join(unknown)}. Topik yang ada: {', '.join(bank.topics)}."
        )
    pool = [
        q for q in bank.questions if q.topic in wanted and (include_generated or not q.is_generated)
    ]
    if not pool:
        raise QuestionBankError("Tidak ada soal untuk topik yang dipilih.")
    if shuffle:
        random.Random(f"{seed}:urutan").shuffle(pool)
    if count is not None:
        if count < 1:
            raise QuestionBankError("Jumlah soal harus paling sedikit 1.")
        pool = pool[:count]
    items = [make_item(q, seed, calendar, shuffle) for q in pool]
    label = name or (f"kuis-{'-'.join(wanted)}" if topics else "kuis-semua-topik")
    return Quiz(label, seed, items)


# --------------------------------------------------------------------------- scoring


def score_answer(item: QuizItem | Question, response: Any, calendar: Any = None) -> Result:
    """Score one answer and explain it.

    ``response`` is read by the question's type (``QuestionType.parse``): the option
    text (``pilihan``, ``tenggat`` with options), a list of option texts
    (``pilihan_ganda``), True/False or "Benar"/"Salah" (``benar_salah``), a number or
    text such as "10,0" (``angka``), a mapping item -> match (``pasangan``), or a date /
    date text (``tenggat``). Raises :class:`AnswerFormatError` when it cannot be read.
    A wrong answer carries the kind of mistake its type recognises; ``calendar`` is the
    working-day calendar deadline mistakes are classified with (the configured one when
    None).
    """
    if isinstance(item, Question):
        if item.is_generated:
            raise ValueError("instantiate a generated template with make_item() first")
        item = QuizItem(item, item.options, tuple(left for left, _ in item.pairs))
    q = item.question
    qtype = q.qtype
    value = qtype.parse(item, response)
    score = qtype.score(item, value)
    given = qtype.given_text(item, response, value)
    mistake = qtype.mistake(item, value, calendar) if score < 1 - 1e-9 else ""
    if isinstance(value, dt.date):
        value = value.isoformat()
    verdict = (
        VERDICT_RIGHT if score >= 1 - 1e-9 else VERDICT_WRONG if score <= 1e-9 else VERDICT_PARTIAL
    )
    note = qtype.feedback_note(q)
    explanation = f"{q.explanation} {note}" if note else q.explanation
    return Result(
        question_id=q.id,
        topic=q.topic,
        correct=verdict == VERDICT_RIGHT,
        score=round(score, 4),
        verdict=verdict,
        given=given,
        expected=qtype.expected_text(item),
        explanation=explanation,
        reference=q.reference,
        answer_value=value,
        mistake=mistake,
    )


def score_by_topic(results: Iterable[Result], bank: QuestionBank | None = None) -> list[dict]:
    """Per topic: title, answers, total score and share (0–1), in first-seen order."""
    table: dict[str, dict] = {}
    for r in results:
        row = table.setdefault(
            r.topic,
            {
                "topic": r.topic,
                "judul": bank.title(r.topic) if bank else r.topic,
                "jawaban": 0,
                "nilai": 0.0,
            },
        )
        row["jawaban"] += 1
        row["nilai"] += r.score
    for row in table.values():
        row["persen"] = row["nilai"] / row["jawaban"] if row["jawaban"] else 0.0
    return list(table.values())


def response_for_correct(item: QuizItem) -> Any:
    """The response that scores full marks (for tests, demos and sample data)."""
    return item.question.qtype.correct_response(item)


def response_for_wrong(item: QuizItem, rng: random.Random | None = None) -> Any:
    """A plausible wrong response (for sample data)."""
    return item.question.qtype.wrong_response(item, rng or random.Random(0))
