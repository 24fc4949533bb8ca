"""Results of a training session: per participant, per question, and the leaderboard.

Pure functions over what the store holds (answers, attempts and the session's ``spec``
dict), no widgets and no pandas, shared by the trainer's dashboard, the xlsx export
and the certificates.

Per participant (name and OPD; names compared without case and extra spaces) the
counted attempt is chosen as the session says (``spec["dihitung"]``): "terbaik" the
best finished attempt (ties: the faster, then the earlier), "terakhir" the last finished
one; while none is finished, the attempt in progress. The score is the share of the
session's questions scored (0–1; an unanswered question counts 0); a participant passes
with a score of at least ``spec["nilai_lulus"]``. The time taken is from the start to
the end of the attempt (the attempts table), else from its first to its last answer.

Per question (one answer per participant: the one in their counted attempt) the answers
spread over the options, the share right and, for deadline questions, the kinds of
mistake behind wrong answers (:data:`MISTAKE_LABELS`).

Times are stored in UTC; :func:`to_wib` and :func:`format_wib` show them in WIB
(Asia/Jakarta).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from kip_training.errors import KipError
from kip_training.quiz.bank import QuestionBank
from kip_training.quiz.engine import make_item, parse_answer_date
from kip_training.quiz.session import (
    COUNT_BEST,
    COUNT_LAST,
    DEFAULT_PASS_MARK,
    Session,
    normalise_name,
    participant_attempts,
)
from kip_training.quiz.store import AnswerRecord, AttemptRow, ResultStore, SessionRow
from kip_training.quiz.types.base import AnswerFormatError, QuizItem

try:  # the codes and labels live with the deadline question type
    from kip_training.quiz.types.tenggat import MISTAKE_LABELS as _TYPE_LABELS
    from kip_training.quiz.types.tenggat import MISTAKE_OTHER as _TYPE_OTHER
except ImportError:  # pragma: no cover - a type module without them
    _TYPE_LABELS, _TYPE_OTHER = {}, "lain"

WIB = ZoneInfo("Asia/Jakarta")
#: The pass mark when the spec has none (answers outside a session).
LEADERBOARD_SIZE = 10
#: How the projector names participants: real names, "Peserta 1..n", or initials.
NICKNAMES = {"nama": "Nama asli", "nomor": "Nomor peserta", "inisial": "Inisial"}
#: Kinds of mistake behind a wrong deadline answer (code -> Indonesian label).
MISTAKE_LABELS: dict[str, str] = {
    "hari_kalender": "hari kalender, bukan hari kerja",
    "libur_tidak_dilewati": "hari libur/cuti bersama tidak dilewati",
    "hari_nol_dihitung": "hari ke-0 ikut dihitung",
    "waktu_habis": "waktu habis",
    "lain": "lainnya",
    **_TYPE_LABELS,  # the type module's wording wins
}
#: The code of a wrong answer whose kind of mistake is not known.
OTHER_MISTAKE = _TYPE_OTHER
UNANSWERED = "(tidak dijawab)"
OTHERS = "(jawaban lain)"
#: Free answers (numbers, typed dates, pairs): the most frequent shown, the rest merged.
FREE_ANSWERS_SHOWN = 6
#: Question types whose answer is one of the item's options.
_CHOICE_TYPES = ("pilihan", "tenggat")
_MULTI_SEPARATOR = "; "


class ResultsError(KipError):
    """A session that cannot be found (message in Indonesian)."""


# --------------------------------------------------------------------------- times


def to_wib(stamp: str) -> dt.datetime | None:
    """A stored ISO time (UTC when it has no zone) in WIB; None when unreadable."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(WIB)


def format_wib(stamp: str | None, date: bool = True) -> str:
    """ "22/01/2026 16.05 WIB" (or "16.05.30 WIB" without the date); "–" when unknown."""
    moment = to_wib(stamp) if stamp else None
    if moment is None:
        return "–"
    if date:
        return f"{moment:%d/%m/%Y %H.%M} WIB"
    return f"{moment:%H.%M.%S} WIB"


def wib_date(stamp: str) -> dt.date | None:
    moment = to_wib(stamp)
    return moment.date() if moment else None


def format_duration(seconds: float | None) -> str:
    """ "12 mnt 05 dtk", "45 dtk"; "–" when unknown."""
    if seconds is None:
        return "–"
    whole = int(round(seconds))
    minutes, rest = divmod(whole, 60)
    return f"{minutes} mnt {rest:02d} dtk" if minutes else f"{rest} dtk"


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class ParticipantResult:
    """One participant's result: their counted attempt and how it scored."""

    participant: str
    opd: str
    attempt: int  # the counted attempt's number
    attempts: int  # attempts made
    answered: int  # questions answered in the counted attempt (a time-out is not)
    correct: int  # fully right in the counted attempt
    questions: int  # questions in the session
    score: float  # 0–1
    passed: bool
    seconds: float | None
    started_at: str | None
    finished_at: str | None
    in_progress: bool  # an attempt without finished_at (still working)
    order: int  # 1, 2, ... in the order they joined (for "Peserta n")

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class OptionCount:
    """How many answers picked one option (or gave one free answer)."""

    text: str
    count: int
    correct: bool
    letter: str = ""


@dataclass(frozen=True)
class QuestionStats:
    """One question of the session: its text, how answers spread and the share right."""

    number: int
    question_id: str
    type: str
    topic: str
    prompt: str
    expected: str
    answers: int
    correct: int
    options: tuple[OptionCount, ...]
    mistakes: tuple[tuple[str, int], ...] = ()  # (code, count), most frequent first
    deadline: bool = False
    last_answer: str = ""

    @property
    def share_correct(self) -> float:
        return self.correct / self.answers if self.answers else 0.0

    @property
    def key(self) -> tuple:
        """What a chart of this question shows (equal keys: nothing to redraw)."""
        return (
            self.question_id,
            self.prompt,
            self.answers,
            self.correct,
            tuple((o.text, o.count, o.correct) for o in self.options),
            self.mistakes,
        )


@dataclass(frozen=True)
class LeaderRow:
    """One line of the leaderboard."""

    rank: int
    name: str  # as shown (a nickname when asked)
    opd: str
    score: float
    seconds: float | None
    in_progress: bool


@dataclass(frozen=True)
class SessionResults:
    """Everything the dashboard, the export and the certificates need about a session."""

    session_id: str
    code: str
    title: str
    spec: Mapping[str, Any]
    created_at: str
    participants: tuple[ParticipantResult, ...]
    questions: tuple[QuestionStats, ...]
    answers: tuple[AnswerRecord, ...] = field(repr=False)

    @property
    def pass_mark(self) -> float:
        return _pass_mark(self.spec)

    @property
    def passed(self) -> list[ParticipantResult]:
        return [p for p in self.participants if p.passed]

    @property
    def in_progress(self) -> list[ParticipantResult]:
        return [p for p in self.participants if p.in_progress]

    @property
    def mean_score(self) -> float:
        if not self.participants:
            return 0.0
        return sum(p.score for p in self.participants) / len(self.participants)

    def question(self, question_id: str) -> QuestionStats | None:
        return next((q for q in self.questions if q.question_id == question_id), None)

    def counted_answers(self) -> tuple[AnswerRecord, ...]:
        """The answers of each participant's counted attempt (what the scores are made of;
        the per-topic and per-OPD tables use these, so a worse retry does not count)."""
        counted = {person_key(p.participant, p.opd): p.attempt for p in self.participants}
        return tuple(
            a
            for a in self.answers
            if counted.get(person_key(a.participant, a.opd), a.attempt) == a.attempt
        )

    def leaderboard(self, top: int = LEADERBOARD_SIZE, nicknames: str = "nama") -> list[LeaderRow]:
        return leaderboard(self.participants, top, nicknames)

    @property
    def latest_question(self) -> QuestionStats | None:
        """The question answered last (the one the room is on)."""
        answered = [q for q in self.questions if q.last_answer]
        return max(answered, key=lambda q: (q.last_answer, q.number)) if answered else None


# --------------------------------------------------------------------------- helpers


def _pass_mark(spec: Mapping[str, Any]) -> float:
    value = spec.get("nilai_lulus")
    return DEFAULT_PASS_MARK if value is None else float(value)


def person_key(participant: str, opd: str) -> tuple[str, str]:
    """The identity of a participant: name and OPD without case and extra spaces."""
    return (" ".join(participant.split()).casefold(), " ".join(opd.split()).casefold())


def _elapsed(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    a, b = to_wib(start), to_wib(end)
    if a is None or b is None:
        return None
    return max((b - a).total_seconds(), 0.0)


@dataclass
class _Attempt:
    number: int
    records: dict[str, AnswerRecord] = field(default_factory=dict)  # question -> last answer
    started_at: str | None = None
    finished_at: str | None = None
    has_row: bool = False

    def score(self, total: int) -> float:
        points = sum(r.score for r in self.records.values())
        return points / total if total else 0.0

    def seconds(self) -> float | None:
        stamps = sorted(r.answered_at for r in self.records.values())
        if self.started_at and self.finished_at:
            return _elapsed(self.started_at, self.finished_at)
        if self.started_at and stamps:
            return _elapsed(self.started_at, stamps[-1])
        if stamps:
            return _elapsed(stamps[0], stamps[-1])
        return None

    def first_seen(self) -> str:
        stamps = [r.answered_at for r in self.records.values()]
        return min([*stamps, *([self.started_at] if self.started_at else [])], default="")


def _finished(attempt: _Attempt, total_questions: int | None) -> bool:
    if attempt.has_row:
        return attempt.finished_at is not None
    # Without an attempts row (imported answers): finished once every question is in.
    return total_questions is None or len(attempt.records) >= total_questions


def _finished_at(attempt: _Attempt, known: int | None) -> str | None:
    """When the attempt ended: its row's time, else (when complete) its last answer's."""
    if attempt.has_row:
        return attempt.finished_at
    if attempt.records and _finished(attempt, known):
        return max(r.answered_at for r in attempt.records.values())
    return None


def _counted(attempts: list[_Attempt], counting: str, total: int, known: int | None) -> _Attempt:
    pool = [a for a in attempts if _finished(a, known)] or attempts
    if counting == COUNT_LAST:
        return max(pool, key=lambda a: a.number)
    inf = math.inf

    def rank(a: _Attempt) -> tuple:
        seconds = a.seconds()
        return (-round(a.score(total), 9), seconds if seconds is not None else inf, a.number)

    return min(pool, key=rank)


def participant_results(
    answers: Iterable[AnswerRecord],
    attempts: Iterable[AttemptRow] = (),
    spec: Mapping[str, Any] | None = None,
) -> tuple[list[ParticipantResult], dict[tuple[str, str], int]]:
    """Per participant the counted attempt (see the module doc), in joining order.

    Also returns, per participant key (:func:`person_key`), the counted attempt's number
    (the per-question figures use those answers).
    """
    spec = spec or {}
    question_ids = list(spec.get("soal") or ())
    counting = (
        spec.get("dihitung") if spec.get("dihitung") in (COUNT_BEST, COUNT_LAST) else (COUNT_BEST)
    )
    pass_mark = _pass_mark(spec)
    people: dict[tuple[str, str], dict[int, _Attempt]] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for row in attempts:
        key = person_key(row.participant, row.opd)
        names.setdefault(key, (row.participant, row.opd))
        attempt = people.setdefault(key, {}).setdefault(row.attempt, _Attempt(row.attempt))
        attempt.started_at, attempt.finished_at, attempt.has_row = (
            row.started_at,
            row.finished_at,
            True,
        )
    for record in answers:
        key = person_key(record.participant, record.opd)
        names.setdefault(key, (record.participant, record.opd))
        attempt = people.setdefault(key, {}).setdefault(record.attempt, _Attempt(record.attempt))
        attempt.records[record.question_id] = record  # the last answer to a question counts
    results: list[tuple[str, ParticipantResult]] = []
    counted_numbers: dict[tuple[str, str], int] = {}
    for key, by_number in people.items():
        tries = [by_number[n] for n in sorted(by_number)]
        answered_ids = {q for a in tries for q in a.records}
        total = len(question_ids) if question_ids else max(len(a.records) for a in tries)
        known = len(question_ids) if question_ids else None
        chosen = _counted(tries, counting, total, known)
        score = chosen.score(total)
        counted_numbers[key] = chosen.number
        name, opd = names[key]
        unfinished = [a for a in tries if not _finished(a, known)]
        results.append(
            (
                min(a.first_seen() for a in tries),
                ParticipantResult(
                    participant=name,
                    opd=opd,
                    attempt=chosen.number,
                    attempts=len(tries),
                    answered=sum(1 for r in chosen.records.values() if r.answer != ""),
                    correct=sum(1 for r in chosen.records.values() if r.correct),
                    questions=total or len(answered_ids),
                    score=round(score, 4),
                    passed=bool(chosen.records) and score >= pass_mark - 1e-9,
                    seconds=chosen.seconds(),
                    started_at=chosen.started_at or chosen.first_seen() or None,
                    finished_at=_finished_at(chosen, known),
                    in_progress=bool(unfinished),
                    order=0,
                ),
            )
        )
    results.sort(key=lambda pair: (pair[0], pair[1].participant.casefold()))
    ordered = [
        ParticipantResult(**{**p.__dict__, "order": number})
        for number, (_, p) in enumerate(results, start=1)
    ]
    return ordered, counted_numbers


def participant_result(
    store: ResultStore, session: Session, participant: str, opd: str
) -> ParticipantResult | None:
    """One participant's counted attempt in ``session``, read from the store (the same
    rule as the dashboard's: :func:`participant_results`)."""
    name = normalise_name(participant)
    answers = store.answers(participant=name, opd=opd, session=session.session_id)
    attempts = participant_attempts(store, session, name, opd)
    people, _ = participant_results(answers, attempts, session.spec())
    return people[0] if people else None


# --------------------------------------------------------------------------- questions

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _item(bank: QuestionBank | None, qid: str, seed: int, calendar: Any) -> QuizItem | None:
    if bank is None or qid not in bank:
        return None
    try:
        return make_item(bank[qid], seed, calendar, shuffle=False)
    except Exception:  # a bank that changed since the session: show what was answered
        return None


def _option_order(item: QuizItem) -> list[str]:
    """The item's options in a stable order: file order, dates chronologically."""
    options = list(item.options)
    if item.question.type == "tenggat":
        with contextlib.suppress(AnswerFormatError):
            options.sort(key=parse_answer_date)
    return options


def _choices(item: QuizItem | None) -> tuple[list[str], set[str], bool]:
    """(options to chart, the right ones, multiple answers per response)."""
    if item is None:
        return [], set(), False
    q = item.question
    if q.type == "benar_salah":
        right = q.qtype.expected_text(item)
        return ["Benar", "Salah"], {right}, False
    if q.type == "pilihan_ganda":
        return list(item.options), set(q.answer or ()), True
    if q.type in _CHOICE_TYPES and item.options:
        return _option_order(item), {q.qtype.expected_text(item)}, False
    return [], {q.qtype.expected_text(item)}, False


#: Matching questions: answers grouped by how much of them is right.
PARTIAL_BUCKETS = {
    "benar": "Semua pasangan benar",
    "sebagian": "Sebagian benar",
    "salah": "Semua salah",
}


def _bucket(record: AnswerRecord) -> str:
    if record.correct:
        return "benar"
    return "sebagian" if record.score > 0 else "salah"


def question_stats(
    answers: Sequence[AnswerRecord],
    question_ids: Sequence[str],
    bank: QuestionBank | None = None,
    seed: int = 0,
    calendar: Any = None,
) -> list[QuestionStats]:
    """Per question (in ``question_ids`` order, then any other answered): text and spread.

    ``answers`` should hold one answer per participant and question (see
    :func:`session_results`); every answer is counted.
    """
    by_question: dict[str, list[AnswerRecord]] = {}
    for record in answers:
        by_question.setdefault(record.question_id, []).append(record)
    order = list(dict.fromkeys([*question_ids, *by_question]))
    stats = []
    for number, qid in enumerate(order, start=1):
        records = by_question.get(qid, [])
        item = _item(bank, qid, seed, calendar)
        options, right, multiple = _choices(item)
        counts: Counter[str] = Counter()
        partial = item is not None and item.question.type == "pasangan"
        for record in records:
            if partial and record.answer.strip():  # long answers: right, partly, wrong
                counts[PARTIAL_BUCKETS[_bucket(record)]] += 1
            elif not record.answer.strip():
                counts[UNANSWERED] += 1
            elif multiple:
                picked = [p for p in record.answer.split(_MULTI_SEPARATOR) if p in options]
                counts.update(picked or [record.answer])
            else:
                counts[record.answer] += 1
        rows: list[OptionCount] = []
        if partial:
            options, right = list(PARTIAL_BUCKETS.values()), {PARTIAL_BUCKETS["benar"]}
        if options:
            rows = [OptionCount(text, counts.pop(text, 0), text in right) for text in options]
            extra = counts.pop(UNANSWERED, 0)
            rows += [OptionCount(t, n, t in right) for t, n in counts.most_common()]
            if extra:
                rows.append(OptionCount(UNANSWERED, extra, False))
        else:
            unanswered = counts.pop(UNANSWERED, 0)
            common = counts.most_common()
            shown = common[:FREE_ANSWERS_SHOWN]
            rows = [OptionCount(t, n, t in right) for t, n in shown]
            rest = sum(n for _, n in common[FREE_ANSWERS_SHOWN:])
            if rest:
                rows.append(OptionCount(OTHERS, rest, False))
            if unanswered:
                rows.append(OptionCount(UNANSWERED, unanswered, False))
        lettered = options and not partial and not (item and item.question.type == "benar_salah")
        # Only the question's own options get a letter, never "(tidak dijawab)".
        lettered_rows = min(len(options), len(LETTERS)) if lettered else 0
        rows = [
            OptionCount(o.text, o.count, o.correct, LETTERS[i] if i < lettered_rows else "")
            for i, o in enumerate(rows)
        ]
        deadline = (item is not None and item.question.type == "tenggat") or any(
            r.mistake for r in records
        )
        mistakes: Counter[str] = Counter(
            r.mistake or OTHER_MISTAKE for r in records if not r.correct
        )
        stats.append(
            QuestionStats(
                number=number,
                question_id=qid,
                type=item.question.type if item else "",
                topic=item.question.topic if item else (records[0].topic if records else ""),
                prompt=item.question.prompt if item else qid,
                expected=item.question.qtype.expected_text(item) if item else "",
                answers=len(records),
                correct=sum(1 for r in records if r.correct),
                options=tuple(rows),
                mistakes=tuple(mistakes.most_common()) if deadline else (),
                deadline=deadline,
                last_answer=max((r.answered_at for r in records), default=""),
            )
        )
    return stats


# --------------------------------------------------------------------------- sessions


def compute_results(
    answers: Sequence[AnswerRecord],
    attempts: Sequence[AttemptRow] = (),
    session: SessionRow | None = None,
    bank: QuestionBank | None = None,
    calendar: Any = None,
) -> SessionResults:
    """:class:`SessionResults` of these answers and attempts (of one session, or of
    answers outside sessions when ``session`` is None)."""
    spec = dict(session.spec) if session else {}
    people, counted = participant_results(answers, attempts, spec)
    chosen = [r for r in answers if counted.get(person_key(r.participant, r.opd)) == r.attempt]
    last: dict[tuple, AnswerRecord] = {}
    for record in chosen:  # one answer per participant and question
        last[(person_key(record.participant, record.opd), record.question_id)] = record
    questions = question_stats(
        list(last.values()),
        list(spec.get("soal") or ()),
        bank,
        int(spec.get("benih") or 0),
        calendar,
    )
    return SessionResults(
        session_id=session.session_id if session else "",
        code=session.code if session else "",
        title=session.title if session else "Jawaban di luar sesi",
        spec=spec,
        created_at=session.created_at if session else "",
        participants=tuple(people),
        questions=tuple(questions),
        answers=tuple(answers),
    )


def session_results(
    store: ResultStore,
    session: str | SessionRow | None,
    bank: QuestionBank | None = None,
    calendar: Any = None,
    quiz: str | None = None,
    day: dt.date | None = None,
) -> SessionResults:
    """The results of a session (its id, join code or row; None: answers outside
    sessions), optionally only of one quiz and of one day (WIB).

    Raises :class:`ResultsError` for an unknown session.
    """
    if isinstance(session, str):
        row = store.session(session)
        if row is None:
            raise ResultsError(f"Sesi '{session}' tidak ditemukan di basis data hasil.")
        session = row
    session_id = session.session_id if session else ""
    answers = store.answers(session=session_id, quiz=quiz)
    attempts = store.attempts(session=session_id) if session_id else []
    if day is not None:
        answers = [a for a in answers if wib_date(a.answered_at) == day]
        attempts = [a for a in attempts if wib_date(a.started_at) == day]
    return compute_results(answers, attempts, session, bank, calendar)


# --------------------------------------------------------------------------- leaderboard


def initials(name: str) -> str:
    """ "Siti Rahmawati" -> "S.R."; "" -> "?"."""
    letters = [word[0].upper() for word in name.replace("-", " ").split() if word[0].isalpha()]
    return "".join(f"{c}." for c in letters[:3]) or "?"


def display_name(person: ParticipantResult, nicknames: str = "nama") -> str:
    """The participant as the projector names them (see :data:`NICKNAMES`)."""
    if nicknames == "nomor":
        return f"Peserta {person.order}"
    if nicknames == "inisial":
        return (
            f"{initials(person.participant)} ({person.opd})"
            if person.opd
            else initials(person.participant)
        )
    return person.participant


def leaderboard(
    participants: Iterable[ParticipantResult],
    top: int = LEADERBOARD_SIZE,
    nicknames: str = "nama",
) -> list[LeaderRow]:
    """The ``top`` participants by score (highest first), then time (fastest first).

    Participants who have not answered anything are left out; equal scores and times
    share a rank.
    """
    if nicknames not in NICKNAMES:
        raise ValueError(f"unknown nickname mode {nicknames!r}")
    pool = [p for p in participants if p.answered or p.correct]

    def sort_key(p: ParticipantResult) -> tuple:
        return (-p.score, p.seconds if p.seconds is not None else math.inf, p.order)

    pool.sort(key=sort_key)
    rows: list[LeaderRow] = []
    previous: tuple | None = None
    for index, person in enumerate(pool[:top], start=1):
        tie = (person.score, person.seconds)
        rank = rows[-1].rank if previous == tie and rows else index
        previous = tie
        rows.append(
            LeaderRow(
                rank=rank,
                name=display_name(person, nicknames),
                opd=person.opd,
                score=person.score,
                seconds=person.seconds,
                in_progress=person.in_progress,
            )
        )
    return rows


def mistake_label(code: str) -> str:
    return MISTAKE_LABELS.get(code, code or MISTAKE_LABELS[OTHER_MISTAKE])
