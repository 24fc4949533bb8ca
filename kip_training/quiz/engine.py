"""Quiz engine (no widgets): build a quiz, generate deadline questions, score answers.

A quiz is built from topics, a count and a seed: the same seed gives the same
questions in the same order with the same option order and the same generated
deadline dates. ``tenggat`` templates become concrete questions here: a receipt date
is drawn from the template's range (preferring dates whose window crosses a day off),
the due date comes from the working-day calendar, and the explanation lists the days
off that were skipped.

Scoring: ``pilihan``, ``benar_salah``, ``angka`` and ``tenggat`` score 1 or 0;
``pilihan_ganda`` and ``pasangan`` give partial credit (stated in the explanation):

- ``pilihan_ganda``: each correct option ticked adds 1/k, each wrong option ticked takes
  away 1/k (k = number of correct options), never below 0;
- ``pasangan``: the share of items matched correctly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kip_training import law
from kip_training.errors import KipError, QuestionBankError
from kip_training.quiz.bank import Question, QuestionBank
from kip_training.textfmt import format_date, format_number, parse_date

PARTIAL_NOTE = {
    "pilihan_ganda": (
        "Penilaian sebagian: setiap pilihan benar yang dicentang menambah 1/{k} nilai, "
        "setiap pilihan salah yang dicentang mengurangi 1/{k} (nilai terendah 0)."
    ),
    "pasangan": ("Penilaian sebagian: nilai = banyaknya pasangan yang benar dibagi {k} pasangan."),
}
VERDICT_RIGHT = "Benar"
VERDICT_WRONG = "Salah"
VERDICT_PARTIAL = "Sebagian benar"
#: Chance that a generated receipt date is drawn among those whose window crosses a day off.
HOLIDAY_BIAS = 0.8


class AnswerFormatError(KipError, ValueError):
    """An answer that cannot be read (not a number, not a date...): ask again."""


@dataclass(frozen=True)
class QuizItem:
    """One question as shown in a quiz: options and pairs in their shuffled order."""

    question: Question
    options: tuple[str, ...] = ()
    lefts: tuple[str, ...] = ()
    match_options: tuple[str, ...] = ()
    received: dt.date | None = None
    due: dt.date | None = None

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def type(self) -> str:
        return self.question.type


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


# --------------------------------------------------------------------------- parsing


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


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
    value = re.sub(r"(?i)^rp\.?\s*", "", raw)
    value = re.sub(r"(?i)\s*(hari kerja|hari|tahun|rupiah)$", "", value).replace(" ", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".", 1)
    elif _THOUSANDS.match(value):
        value = value.replace(".", "")
    try:
        return float(value)
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


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in ("benar", "b", "true", "ya", "1"):
        return True
    if text in ("salah", "s", "false", "tidak", "0"):
        return False
    raise AnswerFormatError("Pilih Benar atau Salah.")


# --------------------------------------------------------------------------- tenggat


def _calendar(calendar: Any = None):
    if calendar is not None:
        return calendar
    from kip_training.calendar import default_calendar

    return default_calendar()


def deadline_explanation(received: dt.date, kind: str, due: dt.date, skipped: Sequence) -> str:
    """The worked explanation of a deadline: rule, counting, and days off skipped."""
    rule = law.DEADLINES[kind]
    lines = [
        f"{rule.label}: {rule.working_days} hari kerja sejak {rule.counted_from} ({rule.basis}).",
        f"Diterima {format_date(received)}: hari itu hari ke-0 dan tidak dihitung; "
        f"hari kerja ke-{rule.working_days} jatuh pada {format_date(due)}.",
    ]
    if skipped:
        names = "; ".join(f"{format_date(d.date)} ({d.name})" for d in skipped)
        lines.append(f"Hari libur yang dilewati selain Sabtu dan Minggu: {names}.")
    else:
        lines.append("Tidak ada hari libur selain Sabtu dan Minggu dalam rentang ini.")
    return " ".join(lines)


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


def instantiate_tenggat(
    template: Question,
    rng: random.Random,
    calendar: Any = None,
    received: dt.date | None = None,
) -> QuizItem:
    """A concrete deadline question from a ``tenggat`` template.

    The receipt date is ``received`` when given, else drawn from the template's range
    with ``rng``: with probability :data:`HOLIDAY_BIAS` among the dates whose window
    crosses a weekday off (when there are any).
    """
    cal = _calendar(calendar)
    kind = template.kind
    if received is None:
        start, end = template.date_range
        days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        crossing = [d for d in days if cal.due_date(d, kind).skipped]
        pool = crossing if crossing and rng.random() < HOLIDAY_BIAS else days
        received = rng.choice(pool)
    result = cal.due_date(received, kind)
    explanation = deadline_explanation(received, kind, result.due, result.skipped)
    if template.explanation:
        explanation = f"{template.explanation} {explanation}"
    prompt = template.prompt.replace("{diterima}", format_date(received))
    options: tuple[str, ...] = ()
    if template.answer_format == "pilihan":
        wrong = _wrong_dates(cal, received, law.DEADLINES[kind].working_days, result.due)
        dates = [result.due, *wrong[:3]]
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


def _item_rng(seed: int, question_id: str, purpose: str) -> random.Random:
    return random.Random(f"{seed}:{question_id}:{purpose}")


def make_item(
    question: Question, seed: int = 0, calendar: Any = None, shuffle: bool = True
) -> QuizItem:
    """A quiz item for one question (options shuffled reproducibly with ``seed``)."""
    rng = _item_rng(seed, question.id, "opsi")
    if question.type == "tenggat":
        return instantiate_tenggat(question, _item_rng(seed, question.id, "tanggal"), calendar)
    options = list(question.options)
    lefts = [left for left, _ in question.pairs]
    matches = list(question.match_options)
    if shuffle:
        rng.shuffle(options)
        rng.shuffle(lefts)
        rng.shuffle(matches)
    return QuizItem(question, tuple(options), tuple(lefts), tuple(matches))


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


def _expected_text(item: QuizItem) -> str:
    q = item.question
    if q.type == "pilihan":
        return q.answer
    if q.type == "pilihan_ganda":
        return "; ".join(q.answer)
    if q.type == "benar_salah":
        return VERDICT_RIGHT if q.answer else VERDICT_WRONG
    if q.type == "angka":
        decimals = 0 if float(q.answer).is_integer() else 2
        text = format_number(q.answer, decimals)
        return f"{text} {q.unit}" if q.unit else text
    if q.type == "pasangan":
        return "; ".join(f"{left} → {right}" for left, right in q.pairs)
    return format_date(q.answer)


def _pilihan_ganda(q: Question, response: Any) -> tuple[float, str, Any]:
    if response is None:
        picked: list[str] = []
    elif isinstance(response, str):
        picked = [response]
    else:
        picked = [str(r) for r in response]
    unknown = [p for p in picked if p not in q.options]
    if unknown:
        raise AnswerFormatError(f"Pilihan tidak dikenal: {', '.join(unknown)}.")
    picked = [o for o in q.options if o in picked]
    correct = set(q.answer)
    k = len(correct)
    hits = sum(1 for p in picked if p in correct)
    misses = sum(1 for p in picked if p not in correct)
    score = max(0.0, (hits - misses) / k)
    return score, "; ".join(picked) or "(tidak ada yang dipilih)", picked


def _pasangan(q: Question, response: Any) -> tuple[float, str, Any]:
    given = dict(response or {})
    unknown = [k for k in given if k not in dict(q.pairs)]
    if unknown:
        raise AnswerFormatError(f"Butir tidak dikenal: {', '.join(map(str, unknown))}.")
    right = sum(1 for left, match in q.pairs if given.get(left) == match)
    text = "; ".join(f"{left} → {given.get(left) or '(kosong)'}" for left, _ in q.pairs)
    return right / len(q.pairs), text, {left: given.get(left) for left, _ in q.pairs}


def score_answer(item: QuizItem | Question, response: Any) -> Result:
    """Score one answer and explain it.

    ``response``: the option text (``pilihan``, ``tenggat`` with options), a list of
    option texts (``pilihan_ganda``), True/False or "Benar"/"Salah" (``benar_salah``),
    a number or text such as "10,0" (``angka``), a mapping item -> match
    (``pasangan``), or a date / date text (``tenggat``). Raises
    :class:`AnswerFormatError` when the answer cannot be read.
    """
    if isinstance(item, Question):
        if item.type == "tenggat":
            raise ValueError("instantiate a tenggat template with make_item() first")
        item = QuizItem(item, item.options, tuple(left for left, _ in item.pairs))
    q = item.question
    value: Any = response
    if q.type == "pilihan" or (q.type == "tenggat" and item.options):
        if response is None or str(response) not in item.options:
            if response is None or str(response).strip() == "":
                raise AnswerFormatError("Pilih salah satu jawaban.")
            if q.type == "tenggat":
                # A typed date is accepted too.
                value = parse_answer_date(response)
                score = 1.0 if value == q.answer else 0.0
                given = format_date(value)
            else:
                raise AnswerFormatError(f"Pilihan tidak dikenal: {response}.")
        else:
            expected = q.answer if q.type == "pilihan" else format_date(q.answer)
            score = 1.0 if str(response) == expected else 0.0
            given = str(response)
            value = str(response)
    elif q.type == "pilihan_ganda":
        score, given, value = _pilihan_ganda(q, response)
    elif q.type == "benar_salah":
        value = _parse_bool(response)
        score = 1.0 if value == q.answer else 0.0
        given = VERDICT_RIGHT if value else VERDICT_WRONG
    elif q.type == "angka":
        value = parse_number(response)
        score = 1.0 if abs(value - q.answer) <= q.tolerance + 1e-9 else 0.0
        given = str(response).strip() if isinstance(response, str) else format_number(value)
    elif q.type == "pasangan":
        score, given, value = _pasangan(q, response)
    else:  # tenggat, typed date
        value = parse_answer_date(response)
        score = 1.0 if value == q.answer else 0.0
        given = format_date(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    verdict = (
        VERDICT_RIGHT if score >= 1 - 1e-9 else VERDICT_WRONG if score <= 1e-9 else VERDICT_PARTIAL
    )
    explanation = q.explanation
    if q.type in PARTIAL_NOTE:
        k = len(q.answer) if q.type == "pilihan_ganda" else len(q.pairs)
        explanation = f"{explanation} {PARTIAL_NOTE[q.type].format(k=k)}"
    return Result(
        question_id=q.id,
        topic=q.topic,
        correct=verdict == VERDICT_RIGHT,
        score=round(score, 4),
        verdict=verdict,
        given=given,
        expected=_expected_text(item),
        explanation=explanation,
        reference=q.reference,
        answer_value=value,
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
    q = item.question
    if q.type == "pilihan":
        return q.answer
    if q.type == "pilihan_ganda":
        return list(q.answer)
    if q.type == "benar_salah":
        return q.answer
    if q.type == "angka":
        return q.answer
    if q.type == "pasangan":
        return dict(q.pairs)
    return format_date(q.answer) if item.options else q.answer.isoformat()


def response_for_wrong(item: QuizItem, rng: random.Random | None = None) -> Any:
    """A plausible wrong response (for sample data)."""
    rng = rng or random.Random(0)
    q = item.question
    if q.type == "pilihan" or (q.type == "tenggat" and item.options):
        expected = q.answer if q.type == "pilihan" else format_date(q.answer)
        return rng.choice([o for o in item.options if o != expected])
    if q.type == "pilihan_ganda":
        wrong = [o for o in q.options if o not in q.answer]
        some = [a for a in q.answer if rng.random() < 0.5]
        return some + ([rng.choice(wrong)] if wrong else [])
    if q.type == "benar_salah":
        return not q.answer
    if q.type == "angka":
        return q.answer + rng.choice([-3, -1, 1, 2, 5]) * max(1.0, q.tolerance + 1)
    if q.type == "pasangan":
        matches = list(q.match_options)
        return {left: rng.choice(matches) for left, _ in q.pairs}
    return (q.answer + dt.timedelta(days=rng.choice([1, 2, 3]))).isoformat()
