"""Training sessions: one fixed quiz for a room, a join code, attempts and time limits.

A trainer creates a session (:func:`create_session`, or ``kip sesi mulai``): an id
(a uuid), a short join code of six unambiguous capitals and digits, a title, and the
question set, chosen from topics, a count and a seed or written out in a quiz spec
(:func:`parse_quiz_spec`). Everybody gets the same questions in the same order and the
same generated deadline dates; only the order of the options differs from one
participant to another (:func:`shuffled_options`), and it is the same again for the
same participant after a reload (it comes from the session id and the participant's
normalised name).

A session may limit the seconds per question and/or the seconds for the whole quiz,
sets the pass mark (a share 0–1), how many attempts a participant has, and which
attempt counts ("terbaik": the best, "terakhir": the last finished one).

The session is stored with :meth:`ResultStore.save_session`; its settings are the
``spec`` dict, the contract shared with the trainer's dashboard (:meth:`Session.spec`).

Participant names are compared after :func:`normalise_name`: "Siti Rahmawati" and
"siti  rahmawati " are one person, stored as "Siti Rahmawati".
"""

from __future__ import annotations

import dataclasses
import random
import re
import secrets
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kip_training.errors import KipError, QuestionBankError
from kip_training.quiz.bank import Question, QuestionBank
from kip_training.quiz.engine import Quiz, build_quiz, make_item
from kip_training.quiz.store import AttemptRow, ResultStore, SessionRow
from kip_training.quiz.types.base import QuizItem

#: Join-code characters: capitals and digits without 0/O, 1/I/L, 2/Z, 5/S, 8/B.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"
CODE_LENGTH = 6
#: Which attempt counts: the best one or the last finished one.
COUNT_BEST, COUNT_LAST = "terbaik", "terakhir"
COUNTED = (COUNT_BEST, COUNT_LAST)
DEFAULT_COUNT = 10
DEFAULT_PASS_MARK = 0.7
#: The mistake code of a question left unanswered when its time ran out.
TIMEOUT_MISTAKE = "waktu_habis"
_CODE_TRIES = 50
_CAPITAL_AFTER = re.compile(r"(^|[\s\-.(/])(\w)")


class SessionError(KipError):
    """A session that cannot be created or found (message in Indonesian)."""


# --------------------------------------------------------------------------- names


def normalise_name(text: Any) -> str:
    """A participant's name as stored: spaces collapsed, each word capitalised.

    "siti  rahmawati " -> "Siti Rahmawati"; "ma'ruf amin" -> "Ma'ruf Amin" (no capital
    after an apostrophe); "nur-aini, s.kom." -> "Nur-Aini, S.Kom.". Two spellings that
    differ only in case and spacing give the same text.
    """
    text = unicodedata.normalize("NFC", " ".join(str(text or "").split()))
    return _CAPITAL_AFTER.sub(lambda m: m.group(1) + m.group(2).upper(), text.casefold())


def name_key(text: Any) -> str:
    """The identity of a name (:func:`normalise_name`, casefolded)."""
    return normalise_name(text).casefold()


def normalise_opd(text: Any) -> str:
    """An OPD as stored: spaces collapsed (a roster code or free text)."""
    return " ".join(str(text or "").split())


# --------------------------------------------------------------------------- the session


@dataclass(frozen=True)
class Session:
    """A training session: its join code, fixed questions and rules."""

    session_id: str
    code: str
    title: str
    question_ids: tuple[str, ...]
    quiz_spec: str = ""
    topics: tuple[str, ...] = ()
    count: int = 0
    seed: int = 0
    question_seconds: int | None = None
    quiz_seconds: int | None = None
    pass_mark: float = DEFAULT_PASS_MARK
    max_attempts: int = 1
    counted: str = COUNT_BEST
    created_at: str = ""

    def spec(self) -> dict[str, Any]:
        """The settings as stored in :class:`SessionRow` (keys shared with the dashboard)."""
        return {
            "kuis": self.quiz_spec,
            "topik": list(self.topics),
            "jumlah": self.count,
            "benih": self.seed,
            "soal": list(self.question_ids),
            "batas_waktu_soal": self.question_seconds,
            "batas_waktu_kuis": self.quiz_seconds,
            "nilai_lulus": self.pass_mark,
            "percobaan": self.max_attempts,
            "dihitung": self.counted,
        }

    def row(self) -> SessionRow:
        kwargs = {"created_at": self.created_at} if self.created_at else {}
        return SessionRow(self.session_id, self.code, self.title, self.spec(), **kwargs)

    @classmethod
    def from_row(cls, row: SessionRow) -> Session:
        spec = row.spec

        def seconds(key: str) -> int | None:
            value = spec.get(key)
            return int(value) if value else None

        return cls(
            session_id=row.session_id,
            code=row.code,
            title=row.title,
            question_ids=tuple(spec.get("soal") or ()),
            quiz_spec=spec.get("kuis") or "",
            topics=tuple(spec.get("topik") or ()),
            count=int(spec.get("jumlah") or len(spec.get("soal") or ())),
            seed=int(spec.get("benih") or 0),
            question_seconds=seconds("batas_waktu_soal"),
            quiz_seconds=seconds("batas_waktu_kuis"),
            pass_mark=float(spec.get("nilai_lulus", DEFAULT_PASS_MARK)),
            max_attempts=max(int(spec.get("percobaan") or 1), 1),
            counted=spec.get("dihitung") if spec.get("dihitung") in COUNTED else COUNT_BEST,
            created_at=row.created_at,
        )

    @property
    def quiz_name(self) -> str:
        """The ``quiz`` column of this session's answers: its title."""
        return self.title

    def __len__(self) -> int:
        return len(self.question_ids)


def new_code(rng: random.Random | None = None) -> str:
    """A join code: :data:`CODE_LENGTH` characters of :data:`CODE_ALPHABET`."""
    pick = rng.choice if rng is not None else secrets.choice
    return "".join(pick(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def parse_quiz_spec(text: str, bank: QuestionBank, seed: int = 0) -> list[str]:
    """The question ids of a quiz spec, in its order.

    The spec is a text (or the path of a text file) of entries separated by commas,
    spaces or lines; ``#`` starts a comment. An entry is a question id (``keb-01``), a
    topic key (all its questions, in bank order) or ``topic:N`` (N of its questions drawn
    with ``seed``). A question is taken once. Raises :class:`SessionError` naming the
    entries it does not know.
    """
    path = Path(text.strip()) if text.strip() and "\n" not in text else None
    if path is not None and path.suffix in (".txt", ".kuis", ".csv") and path.is_file():
        text = path.read_text(encoding="utf-8")
    entries = [
        entry
        for line in text.splitlines()
        for entry in re.split(r"[,;\s]+", line.split("#", 1)[0])
        if entry
    ]
    chosen: dict[str, None] = {}
    unknown: list[str] = []
    for entry in entries:
        topic, _, number = entry.partition(":")
        if entry in bank:
            chosen.setdefault(entry, None)
        elif topic in bank.topics and (not number or number.isdigit()):
            pool = [q.id for q in bank.by_topic(topic) if q.id not in chosen]
            if number:
                random.Random(f"{seed}:{topic}").shuffle(pool)
                pool = pool[: int(number)]
            for qid in pool:
                chosen.setdefault(qid, None)
        else:
            unknown.append(entry)
    if unknown:
        raise SessionError(
            f"Spesifikasi kuis memuat soal atau topik yang tidak dikenal: {', '.join(unknown)}. "
            f"Tulis id soal (misalnya {next(iter(bank.questions)).id}) atau kunci topik "
            f"({', '.join(bank.topics)}), boleh dengan :JUMLAH."
        )
    if not chosen:
        raise SessionError("Spesifikasi kuis tidak memuat satu soal pun.")
    return list(chosen)


def create_session(
    store: ResultStore,
    title: str,
    bank: QuestionBank,
    *,
    quiz_spec: str = "",
    topics: Sequence[str] | None = None,
    count: int | None = None,
    seed: int | None = None,
    question_seconds: int | None = None,
    quiz_seconds: int | None = None,
    pass_mark: float = DEFAULT_PASS_MARK,
    max_attempts: int = 1,
    counted: str = COUNT_BEST,
    calendar: Any = None,
) -> Session:
    """Create a session, store it, and return it.

    The questions are those of ``quiz_spec`` when given (:func:`parse_quiz_spec`), else
    ``count`` questions (:data:`DEFAULT_COUNT` when None) of ``topics`` (all when None)
    drawn with ``seed`` as :func:`~kip_training.quiz.engine.build_quiz` draws them; with
    a spec, ``count`` (when given) keeps its first questions. ``seed`` None draws one.
    ``pass_mark`` is a share (0.7 = 70 %). Raises :class:`SessionError` (or
    :class:`QuestionBankError`) with an Indonesian message for unusable settings.
    """
    title = " ".join(str(title or "").split())
    if not title:
        raise SessionError("Judul sesi wajib diisi.")
    if count is not None and count < 1:
        raise SessionError("Jumlah soal harus paling sedikit 1.")
    for label, value in (("per soal", question_seconds), ("kuis", quiz_seconds)):
        if value is not None and value < 1:
            raise SessionError(f"Batas waktu {label} harus lebih dari 0.")
    if not 0 <= pass_mark <= 1:
        raise SessionError("Nilai lulus harus antara 0 dan 100.")
    if max_attempts < 1:
        raise SessionError("Jumlah percobaan harus paling sedikit 1.")
    if counted not in COUNTED:
        raise SessionError(f"Percobaan yang dihitung harus {' atau '.join(COUNTED)}.")
    seed = secrets.randbelow(1_000_000) if seed is None else int(seed)
    if quiz_spec.strip():
        ids = parse_quiz_spec(quiz_spec, bank, seed)
        ids = ids[:count] if count is not None else ids
        topics = list(dict.fromkeys(bank[q].topic for q in ids))
    else:
        count = DEFAULT_COUNT if count is None else count
        quiz = build_quiz(bank, topics=topics, count=count, seed=seed, calendar=calendar)
        ids = [item.id for item in quiz]
        topics = list(topics) if topics else []
    taken = {s.code for s in store.sessions()}
    code = next((c for c in (new_code() for _ in range(_CODE_TRIES)) if c not in taken), None)
    if code is None:  # pragma: no cover - 24**6 codes
        raise SessionError("Tidak dapat membuat kode sesi yang belum dipakai; coba lagi.")
    session = Session(
        session_id=uuid.uuid4().hex,
        code=code,
        title=title,
        question_ids=tuple(ids),
        quiz_spec=quiz_spec.strip(),
        topics=tuple(topics),
        count=len(ids),
        seed=seed,
        question_seconds=question_seconds,
        quiz_seconds=quiz_seconds,
        pass_mark=float(pass_mark),
        max_attempts=int(max_attempts),
        counted=counted,
    )
    store.save_session(session.row())
    stored = store.session(session.session_id)
    return Session.from_row(stored) if stored else session


def open_session(store: ResultStore, code_or_id: str) -> Session:
    """The session with this join code (any case, spaces ignored) or id.

    Raises :class:`SessionError` when there is none.
    """
    key = "".join(str(code_or_id or "").split())
    row = store.session(key) if key else None
    if row is None:
        raise SessionError(
            f"Sesi dengan kode {key or '(kosong)'} tidak ditemukan. Periksa kode sesi yang "
            "diberikan pelatih."
        )
    return Session.from_row(row)


def sessions(store: ResultStore) -> list[Session]:
    """Every stored session, newest first."""
    return [Session.from_row(row) for row in store.sessions()]


# --------------------------------------------------------------------------- questions


def _question(bank: QuestionBank, qid: str) -> Question:
    if qid not in bank:
        raise QuestionBankError(
            f"Soal {qid} dari sesi ini tidak ada di bank soal. Pakai bank soal yang sama "
            "dengan saat sesi dibuat."
        )
    return bank[qid]


def questions_for(session: Session, bank: QuestionBank, calendar: Any = None) -> list[QuizItem]:
    """The session's questions in its fixed order, the same for everybody.

    Generated deadline questions get their dates from the session's seed; options are in
    the order the session's seed gives (see :func:`shuffled_options` for a participant's).
    """
    return [make_item(_question(bank, q), session.seed, calendar) for q in session.question_ids]


def _shuffle_key(session: Session, participant: str, question_id: str) -> str:
    return f"{session.session_id}:{name_key(participant)}:{question_id}"


def shuffled_options(
    session: Session,
    participant: str,
    question: Question | QuizItem,
    calendar: Any = None,
) -> QuizItem:
    """The question as ``participant`` sees it: its options (and matching items) in an
    order of their own, the same on every reload (session id + normalised name)."""
    item = question
    if not isinstance(item, QuizItem):
        item = make_item(question, session.seed, calendar)
    rng = random.Random(_shuffle_key(session, participant, item.id))
    options, lefts, matches = list(item.options), list(item.lefts), list(item.match_options)
    rng.shuffle(options)
    rng.shuffle(lefts)
    rng.shuffle(matches)
    return dataclasses.replace(
        item, options=tuple(options), lefts=tuple(lefts), match_options=tuple(matches)
    )


def participant_quiz(
    session: Session, bank: QuestionBank, participant: str, calendar: Any = None
) -> Quiz:
    """The session's quiz for one participant (:func:`shuffled_options` on every item)."""
    fixed = questions_for(session, bank, calendar)
    items = [shuffled_options(session, participant, item) for item in fixed]
    return Quiz(session.quiz_name, session.seed, items)


# --------------------------------------------------------------------------- attempts


def participant_attempts(
    store: ResultStore, session: Session, participant: str, opd: str
) -> list[AttemptRow]:
    """The participant's attempts in ``session`` (names compared after normalising)."""
    key = name_key(participant)
    return [
        a
        for a in store.attempts(session=session.session_id)
        if name_key(a.participant) == key and a.opd == opd
    ]


def attempts_left(store: ResultStore, session: Session, participant: str, opd: str) -> int:
    """How many more attempts the participant may start."""
    used = len(participant_attempts(store, session, participant, opd))
    return max(session.max_attempts - used, 0)


def start_attempt(store: ResultStore, session: Session, participant: str, opd: str) -> int:
    """Open the participant's next attempt; :class:`SessionError` when none is left."""
    if attempts_left(store, session, participant, opd) < 1:
        raise SessionError(
            f"Kesempatan mengerjakan kuis sesi ini sudah habis ({session.max_attempts} kali)."
        )
    return store.start_attempt(session.session_id, normalise_name(participant), opd)


def finish_attempt(
    store: ResultStore, session: Session, participant: str, opd: str, attempt: int
) -> None:
    store.finish_attempt(session.session_id, normalise_name(participant), opd, attempt)
