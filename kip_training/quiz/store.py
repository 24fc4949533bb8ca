"""Quiz results, saved answer by answer: in SQLite (default) or on a PostgreSQL server.

The store is ``$KIP_DB`` when set, else ``hasil_kuis.sqlite`` in the user's data folder
(platformdirs). ``$KIP_DB`` (or ``--db``) is either a file, for SQLite, or a
``postgresql://user:password@host:5432/database`` address, for a shared server when a
training outgrows one machine (many JupyterHub users, one store). Both engines have the
same tables, constraints, schema versions and migrations, and give the same answers in
the same order; the SQL is written once here, with the few words the dialects force
filled in by the engine (:mod:`~kip_training.quiz.store_sqlite`,
:mod:`~kip_training.quiz.store_postgres`).

SQLite runs in WAL mode with its busy timeout (a writer waits up to 30 s for another),
and every write is one short transaction, so a room of participants sharing one file
loses nothing. The schema version is kept in ``PRAGMA user_version`` (SQLite) or a
``schema_version`` table (PostgreSQL).

Offline collection: a participant writes their answers to one JSON file
(:meth:`ResultStore.export_participant`); the trainer imports many files
(:meth:`ResultStore.import_files`). Every answer has a unique ``uid``, so importing the
same file twice does not count anything twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from platformdirs import user_data_dir

from kip_training.errors import StoreError
from kip_training.quiz.db_url import is_url, redact
from kip_training.quiz.store_sqlite import SqliteEngine

if TYPE_CHECKING:
    pass

__all__ = [
    "COLUMNS",
    "SCHEMA_VERSION",
    "AnswerRecord",
    "AttemptRow",
    "ImportReport",
    "ResultStore",
    "SessionRow",
    "StoreError",
    "db_target",
    "default_db_path",
    "default_db_target",
    "describe_target",
    "is_url",
    "store_exists",
]

DB_ENV = "KIP_DB"
DB_FILENAME = "hasil_kuis.sqlite"
EXPORT_FORMAT = "kip-training/hasil-kuis"
EXPORT_VERSION = 2
BUSY_TIMEOUT_MS = 30_000

COLUMNS = (
    "uid",
    "participant",
    "opd",
    "quiz",
    "question_id",
    "topic",
    "answer",
    "correct",
    "score",
    "answered_at",
    "session",
    "attempt",
    "mistake",
    "seconds",
)
#: Columns an import file of version 1 may lack (they came with sessions), and their
#: values then.
SESSION_DEFAULTS: dict[str, Any] = {"session": "", "attempt": 1, "mistake": "", "seconds": 0.0}
#: The schema version (``PRAGMA user_version`` in SQLite, table ``schema_version`` in
#: PostgreSQL). 0 (before versions): the first ten columns without CHECK constraints;
#: 1: with them; 2: sessions and attempts. Older versions are migrated on opening.
SCHEMA_VERSION = 2

# The SQL of both engines. Words in braces are the engine's (``tokens``): {real} a
# double-precision column type, {seq_column} an insertion-order column where the engine
# has no rowid, {seq} that column, {collate} byte-order sorting of text.
_SCHEMA = (
    """CREATE TABLE answers (
    uid TEXT PRIMARY KEY CHECK (length(uid) > 0),
    participant TEXT NOT NULL CHECK (length(participant) > 0),
    opd TEXT NOT NULL,
    quiz TEXT NOT NULL,
    question_id TEXT NOT NULL CHECK (length(question_id) > 0),
    topic TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    score {real} NOT NULL CHECK (score BETWEEN 0 AND 1),
    answered_at TEXT NOT NULL,
    session TEXT NOT NULL DEFAULT '',
    attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    mistake TEXT NOT NULL DEFAULT '',
    seconds {real} NOT NULL DEFAULT 0 CHECK (seconds >= 0){seq_column}
)""",
    "CREATE INDEX answers_participant ON answers (participant, opd)",
    "CREATE INDEX answers_question ON answers (question_id)",
)
#: Added by version 2: sessions a trainer runs, and each participant's attempts.
_SESSION_SCHEMA = (
    """CREATE TABLE sessions (
    session_id TEXT PRIMARY KEY CHECK (length(session_id) > 0),
    code TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
    title TEXT NOT NULL,
    spec TEXT NOT NULL,
    created_at TEXT NOT NULL
)""",
    """CREATE TABLE attempts (
    session TEXT NOT NULL,
    participant TEXT NOT NULL CHECK (length(participant) > 0),
    opd TEXT NOT NULL,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    started_at TEXT NOT NULL,
    finished_at TEXT{seq_column},
    PRIMARY KEY (session, participant, opd, attempt)
)""",
    "CREATE INDEX answers_session ON answers (session, participant, opd, attempt)",
)
_V2_COLUMNS = (
    "ALTER TABLE answers ADD COLUMN session TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE answers ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1)",
    "ALTER TABLE answers ADD COLUMN mistake TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE answers ADD COLUMN seconds {real} NOT NULL DEFAULT 0 CHECK (seconds >= 0)",
)
_V1_COLUMNS = COLUMNS[:10]
_INSERT = (
    f"INSERT INTO answers ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))}) "
    "ON CONFLICT (uid) DO NOTHING"
)
_SESSION_COLUMNS = "session_id, code, title, spec, created_at"
_ATTEMPT_COLUMNS = "session, participant, opd, attempt, started_at, finished_at"

T = TypeVar("T")


@functools.lru_cache(maxsize=256)
def _dialect(sql: str, engine: type) -> str:
    """``sql`` with the engine's words filled in."""
    return sql.format(**engine.tokens) if "{" in sql else sql


def default_db_target() -> Path | str:
    """``$KIP_DB`` (a file, or a ``postgresql://`` address), else the user's data file."""
    if env := os.environ.get(DB_ENV):
        return env.strip() if is_url(env) else Path(env)
    return Path(user_data_dir("kip-training", appauthor=False)) / DB_FILENAME


def default_db_path() -> Path:
    """The SQLite file: ``$KIP_DB`` when it is a file, else the user's data folder's.

    For callers that need a file; :func:`default_db_target` also gives a server address.
    """
    target = default_db_target()
    if isinstance(target, Path):
        return target
    return Path(user_data_dir("kip-training", appauthor=False)) / DB_FILENAME


def db_target(value: Path | str | None = None) -> Path | str:
    """What ``value`` (``--db``, a widget's ``db_path``) names: a file Path or a server URL.

    None gives :func:`default_db_target`. Use this rather than ``Path(value)``, which
    spoils a URL (``postgresql://`` becomes ``postgresql:/``).
    """
    if value is None:
        return default_db_target()
    if is_url(value):
        return str(value).strip()
    return Path(value)


def describe_target(value: Path | str | None = None) -> str:
    """The store's address fit to show: a file path, or a URL with its password hidden."""
    target = db_target(value)
    return redact(target) if isinstance(target, str) else str(target)


def store_exists(value: Path | str | None = None) -> bool:
    """Whether there is anything to read: the file exists (always True for a server)."""
    target = db_target(value)
    return True if isinstance(target, str) else target.is_file()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class AnswerRecord:
    """One answer as stored: who, which quiz and question, what, and how it scored."""

    participant: str
    opd: str
    quiz: str
    question_id: str
    topic: str
    answer: str
    correct: bool
    score: float
    answered_at: str = field(default_factory=_now)
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    #: The session id ("" outside a session), the participant's attempt number in it,
    #: the kind of mistake behind a wrong answer ("" when none is known; see
    #: :mod:`kip_training.quiz.types`) and the seconds spent on the question.
    session: str = ""
    attempt: int = 1
    mistake: str = ""
    seconds: float = 0.0

    def row(self) -> tuple:
        return (
            self.uid,
            self.participant,
            self.opd,
            self.quiz,
            self.question_id,
            self.topic,
            self.answer,
            int(bool(self.correct)),
            float(self.score),
            self.answered_at,
            self.session,
            int(self.attempt),
            self.mistake,
            float(self.seconds),
        )

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> AnswerRecord:
        """Build from a mapping (an import file row); raises KeyError/ValueError/TypeError.

        Types are checked, not converted: ``"correct": "false"`` is refused, never read
        as true.
        """
        if not isinstance(data, dict):
            raise TypeError("harus berupa pemetaan kolom ke nilai")
        missing = [c for c in _V1_COLUMNS if c not in data]
        if missing:
            raise KeyError(", ".join(missing))
        data = {**SESSION_DEFAULTS, **data}
        for name in COLUMNS:
            if name in ("correct", "score", "attempt", "seconds"):
                continue
            if not isinstance(data[name], str):
                raise TypeError(f"{name} harus berupa teks (ditemukan: {data[name]!r})")
        attempt = data["attempt"]
        if isinstance(attempt, bool) or not isinstance(attempt, int) or attempt < 1:
            raise TypeError(f"attempt harus bilangan bulat ≥ 1 (ditemukan: {attempt!r})")
        seconds = data["seconds"]
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise TypeError(f"seconds harus angka ≥ 0 (ditemukan: {seconds!r})")
        correct = data["correct"]
        if not isinstance(correct, bool):
            raise TypeError(f"correct harus true atau false (ditemukan: {correct!r})")
        score = data["score"]
        if isinstance(score, bool) or not isinstance(score, int | float):
            raise TypeError(f"score harus berupa angka (ditemukan: {score!r})")
        if not 0 <= score <= 1:
            raise ValueError(f"nilai {score} di luar 0–1")
        return cls(
            participant=data["participant"],
            opd=data["opd"],
            quiz=data["quiz"],
            question_id=data["question_id"],
            topic=data["topic"],
            answer=data["answer"],
            correct=correct,
            score=float(score),
            answered_at=data["answered_at"],
            uid=data["uid"],
            session=data["session"],
            attempt=attempt,
            mistake=data["mistake"],
            seconds=float(seconds),
        )


@dataclass(frozen=True)
class SessionRow:
    """A training session as stored: id, join code, title and its settings (JSON)."""

    session_id: str
    code: str
    title: str
    spec: dict[str, Any]
    created_at: str = field(default_factory=_now)


@dataclass(frozen=True)
class AttemptRow:
    """One participant's attempt in a session; ``finished_at`` is None while in progress."""

    session: str
    participant: str
    opd: str
    attempt: int
    started_at: str
    finished_at: str | None


@dataclass
class ImportReport:
    """What an import did: files read, answers added and already present, problems."""

    files: int = 0
    read: int = 0
    added: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.files} berkas dibaca, {self.read} jawaban: {self.added} ditambahkan, "
            f"{self.duplicates} sudah ada (tidak dihitung dua kali)."
        )
        if self.problems:
            text += " Masalah: " + " ".join(self.problems)
        return text


class _Rollback(Exception):
    """Raised inside a write transaction to undo it without an error."""


class ResultStore:
    """The results store: a SQLite file or a PostgreSQL database, one interface.

    ``ResultStore(path_or_url)``; None means :func:`default_db_target`. ``read_only=True``
    opens an existing store without the right to change it (for exports). Opening checks
    the store (SQLite: ``PRAGMA quick_check``) and its schema version: a newer one is
    refused, an older one is migrated. Every database error becomes a
    :class:`StoreError` with an Indonesian message.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        timeout_ms: int = BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> None:
        self.target = db_target(path)
        self.timeout_ms = timeout_ms
        self.read_only = read_only
        self._engine: SqliteEngine | PostgresEngine
        if isinstance(self.target, str):
            # imported here: the driver loads only for a PostgreSQL target (see db_url)
            from kip_training.quiz.store_postgres import PostgresEngine

            self._engine = PostgresEngine(self.target, timeout_ms, read_only)
            #: The SQLite file; None for a server (see :attr:`location`).
            self.path: Path | None = None
        else:
            self._engine = SqliteEngine(self.target, timeout_ms, read_only)
            self.path = self.target
        self._conn: Any = None

    @property
    def engine(self) -> str:
        """The engine's name: SQLite or PostgreSQL."""
        return self._engine.name

    @property
    def location(self) -> str:
        """The file path, or the server URL with its password hidden: fit to show."""
        return self._engine.location

    # ------------------------------------------------------------------ connection
    @property
    def conn(self) -> Any:
        """The open connection (sqlite3 or psycopg), opened and checked on first use."""
        if self._conn is not None and not self._engine.usable(self._conn):
            self.close()  # the server closed it (restart, idle timeout): open a new one
        if self._conn is None:
            engine = self._engine
            conn = engine.connect()
            try:
                with engine.errors("dibuka"):
                    self._check_version(conn)  # before anything is written
                    if not self.read_only:
                        engine.prepare(conn)
                        self._prepare_schema(conn)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def _execute(self, conn: Any, sql: str, params: tuple | list = ()) -> Any:
        return self._engine.execute(conn, _dialect(sql, type(self._engine)), params)

    def _do(self, doing: str, work: Callable[[Any], T]) -> T:
        """Run ``work(conn)`` with errors in Indonesian; once more if the server hung up."""
        for again in (False, True):
            conn = self.conn
            try:
                with self._engine.errors(doing):
                    return work(conn)
            except StoreError:
                if again or self._engine.usable(conn):
                    raise
                self.close()
        raise AssertionError("unreachable")

    def _check_version(self, conn: Any) -> int:
        version = self._engine.version(conn)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"Basis data hasil kuis {self.location} dibuat oleh kip-training yang lebih "
                f"baru (skema versi {version}; versi ini mengenal sampai {SCHEMA_VERSION}). "
                "Perbarui kip-training; basis data itu tidak diubah."
            )
        return version

    def _prepare_schema(self, conn: Any) -> None:
        """Create the schema, or migrate an older one, in one write transaction."""
        engine = self._engine
        if engine.version(conn) == SCHEMA_VERSION:
            return
        run = functools.partial(self._execute, conn)
        with engine.transaction(conn, lock="kip-training:schema"):
            version = self._check_version(conn)  # another process may have been first
            if version == SCHEMA_VERSION:
                return
            old = engine.has_table(conn, "answers")
            if old and version == 0:  # the first columns without CHECK constraints
                run("DROP INDEX IF EXISTS answers_participant")
                run("DROP INDEX IF EXISTS answers_question")
                run("ALTER TABLE answers RENAME TO answers_v0")
            if not old or version == 0:
                for statement in _SCHEMA:
                    run(statement)
            elif version == 1:
                for statement in _V2_COLUMNS + getattr(engine, "migrate_v1", ()):
                    run(statement)
            if old and version == 0:
                columns = ", ".join(_V1_COLUMNS)
                run(f"INSERT INTO answers ({columns}) SELECT {columns} FROM answers_v0")
                run("DROP TABLE answers_v0")
            for statement in _SESSION_SCHEMA:
                run(statement)
            engine.set_version(conn, SCHEMA_VERSION)

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            with contextlib.suppress(Exception):  # a broken connection: nothing to close
                conn.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing
    def record(self, record: AnswerRecord) -> bool:
        """Save one answer now (its own transaction). False when its uid exists.

        An answer the schema refuses (an empty field, a score outside 0–1) raises
        :class:`StoreError`; it is never counted as already present.
        """
        row = record.row()
        cursor = self._do("ditulis", lambda conn: self._execute(conn, _INSERT, row))
        return cursor.rowcount == 1

    def record_many(self, records: Iterable[AnswerRecord]) -> int:
        """Save many answers in one transaction; returns how many were new.

        One answer the schema refuses raises :class:`StoreError` and nothing is saved.
        """
        added, refused = self._write(records)
        if refused:
            number, reason = refused[0]
            raise StoreError(
                f"Jawaban ke-{number} tidak dapat disimpan ke {self.location}: {reason}. "
                "Tidak ada jawaban yang disimpan."
            )
        return added

    def _write(
        self, records: Iterable[AnswerRecord], keep_going: bool = False
    ) -> tuple[int, list[tuple[int, str]]]:
        """Insert ``records`` in one transaction: (new answers, [(number, reason)]).

        With ``keep_going`` each answer has its own savepoint, so a refused one (which
        ends a PostgreSQL transaction) leaves the others in.
        """
        rows = [r.row() for r in records]
        engine = self._engine

        def work(conn: Any) -> tuple[int, list[tuple[int, str]]]:
            refused: list[tuple[int, str]] = []
            added = 0
            try:
                with engine.transaction(conn):
                    for number, row in enumerate(rows, start=1):
                        if keep_going:
                            self._execute(conn, "SAVEPOINT kip_answer")
                        try:
                            added += self._execute(conn, _INSERT, row).rowcount
                        except engine.IntegrityError as exc:
                            refused.append(
                                (number, f"isinya tidak sah ({engine.integrity_detail(exc)})")
                            )
                            if not keep_going:
                                raise _Rollback from None
                            self._execute(conn, "ROLLBACK TO SAVEPOINT kip_answer")
                        else:
                            if keep_going:
                                self._execute(conn, "RELEASE SAVEPOINT kip_answer")
            except _Rollback:
                return 0, refused
            return added, refused

        return self._do("ditulis", work)

    # ------------------------------------------------------------------ reading
    def count(self) -> int:
        return self._do(
            "dibaca", lambda conn: self._execute(conn, "SELECT COUNT(*) FROM answers").fetchone()[0]
        )

    def answers(
        self,
        participant: str | None = None,
        opd: str | None = None,
        quiz: str | None = None,
        session: str | None = None,
    ) -> list[AnswerRecord]:
        """Stored answers (optionally of one participant / OPD / quiz / session), oldest first.

        Oldest first: by ``answered_at``, then in the order they were stored.
        """
        where, params = [], []
        filters = (("participant", participant), ("opd", opd), ("quiz", quiz), ("session", session))
        for column, value in filters:
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = f"SELECT {', '.join(COLUMNS)} FROM answers"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY answered_at{collate}, {seq}"
        rows = self._do("dibaca", lambda conn: self._execute(conn, sql, params).fetchall())
        return [self._from_row(row) for row in rows]

    def __iter__(self) -> Iterator[AnswerRecord]:
        return iter(self.answers())

    @staticmethod
    def _from_row(row: tuple) -> AnswerRecord:
        data = dict(zip(COLUMNS, row, strict=True))
        data["correct"] = bool(data["correct"])
        return AnswerRecord(**data)

    # ------------------------------------------------------------------ sessions
    def save_session(self, session: SessionRow) -> None:
        """Store a new session; a used id or join code raises :class:`StoreError`."""
        params = (
            session.session_id,
            session.code,
            session.title,
            json.dumps(session.spec, ensure_ascii=False, sort_keys=True),
            session.created_at,
        )
        sql = f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?)"
        self._do("ditulis", lambda conn: self._execute(conn, sql, params))

    def session(self, key: str) -> SessionRow | None:
        """The session whose id or join code (any case) is ``key``, or None."""
        sql = (
            f"SELECT {_SESSION_COLUMNS} FROM sessions "
            "WHERE session_id = ? OR upper(code) = upper(?)"
        )
        params = (key.strip(), key.strip())
        row = self._do("dibaca", lambda conn: self._execute(conn, sql, params).fetchone())
        return self._session_from_row(row) if row else None

    def sessions(self) -> list[SessionRow]:
        """Every stored session, newest first."""
        sql = (
            f"SELECT {_SESSION_COLUMNS} FROM sessions "
            "ORDER BY created_at{collate} DESC, session_id{collate}"
        )
        rows = self._do("dibaca", lambda conn: self._execute(conn, sql).fetchall())
        return [self._session_from_row(row) for row in rows]

    @staticmethod
    def _session_from_row(row: tuple) -> SessionRow:
        session_id, code, title, spec, created_at = row
        return SessionRow(session_id, code, title, json.loads(spec), created_at)

    def start_attempt(self, session: str, participant: str, opd: str) -> int:
        """Open the participant's next attempt in ``session``; returns its number (1, 2, …).

        Two starts at once (two browser tabs, two machines) get two numbers.
        """
        engine = self._engine
        key = json.dumps(["attempt", session, participant, opd])

        def work(conn: Any) -> int:
            with engine.transaction(conn, lock=key):
                last = self._execute(
                    conn,
                    "SELECT COALESCE(MAX(attempt), 0) FROM attempts "
                    "WHERE session = ? AND participant = ? AND opd = ?",
                    (session, participant, opd),
                ).fetchone()[0]
                self._execute(
                    conn,
                    f"INSERT INTO attempts ({_ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, NULL)",
                    (session, participant, opd, last + 1, _now()),
                )
            return last + 1

        return self._do("ditulis", work)

    def finish_attempt(self, session: str, participant: str, opd: str, attempt: int) -> None:
        """Mark an attempt finished (now); finishing twice keeps the first time."""
        sql = (
            "UPDATE attempts SET finished_at = ? WHERE session = ? AND participant = ? "
            "AND opd = ? AND attempt = ? AND finished_at IS NULL"
        )
        params = (_now(), session, participant, opd, attempt)
        self._do("ditulis", lambda conn: self._execute(conn, sql, params))

    def attempts(self, session: str | None = None) -> list[AttemptRow]:
        """Attempts (of one session, or all), oldest first."""
        sql = f"SELECT {_ATTEMPT_COLUMNS} FROM attempts"
        params: list[str] = []
        if session is not None:
            sql += " WHERE session = ?"
            params.append(session)
        sql += " ORDER BY started_at{collate}, {seq}"
        rows = self._do("dibaca", lambda conn: self._execute(conn, sql, params).fetchall())
        return [AttemptRow(*row) for row in rows]

    # ------------------------------------------------------------------ exchange
    def export_participant(self, path: Path | str, participant: str, opd: str | None = None) -> int:
        """Write one participant's answers to a JSON file; returns how many."""
        records = self.answers(participant=participant, opd=opd)
        payload = {
            "format": EXPORT_FORMAT,
            "versi": EXPORT_VERSION,
            "peserta": participant,
            "kode_opd": opd,
            "dibuat": _now(),
            "jawaban": [asdict(r) for r in records],
        }
        Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")
        return len(records)

    def import_files(self, paths: Iterable[Path | str]) -> ImportReport:
        """Import participants' result files; answers already present are skipped."""
        report = ImportReport()
        for raw in paths:
            path = Path(raw)
            try:
                payload = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                report.problems.append(f"{path}: berkas tidak ditemukan.")
                continue
            except (UnicodeDecodeError, json.JSONDecodeError, IsADirectoryError):
                report.problems.append(f"{path}: bukan berkas hasil kuis (JSON) yang sah.")
                continue
            if not isinstance(payload, dict) or payload.get("format") != EXPORT_FORMAT:
                report.problems.append(
                    f"{path}: bukan berkas hasil kuis kip-training (format '{EXPORT_FORMAT}')."
                )
                continue
            records, numbers = [], []
            answers = payload.get("jawaban") or []
            if not isinstance(answers, list):
                report.problems.append(f"{path}: 'jawaban' harus berupa daftar.")
                continue
            for number, row in enumerate(answers, start=1):
                try:
                    records.append(AnswerRecord.from_mapping(row))
                    numbers.append(number)
                except KeyError as exc:
                    report.problems.append(
                        f"{path}, jawaban ke-{number}: tidak lengkap ({exc.args[0]})."
                    )
                except (ValueError, TypeError, AttributeError) as exc:
                    report.problems.append(f"{path}, jawaban ke-{number}: tidak sah ({exc}).")
            report.files += 1
            report.read += len(records)
            added, refused = self._write(records, keep_going=True) if records else (0, [])
            for index, reason in refused:
                report.problems.append(f"{path}, jawaban ke-{numbers[index - 1]}: {reason}.")
            report.added += added
            report.duplicates += len(records) - added - len(refused)
        return report
