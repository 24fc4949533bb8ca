"""Quiz results, saved answer by answer in SQLite.

The database file is ``$KIP_DB`` when set, else ``hasil_kuis.sqlite`` in the user's
data folder (platformdirs). It runs in WAL mode with SQLite's busy timeout (a writer
waits up to 30 s for another), and every write is one short transaction, so a room of
participants on one JupyterHub sharing one file loses nothing. The schema version is
kept in ``PRAGMA user_version``.

Offline collection: a participant writes their answers to one JSON file
(:meth:`ResultStore.export_participant`); the trainer imports many files
(:meth:`ResultStore.import_files`). Every answer has a unique ``uid``, so importing the
same file twice does not count anything twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from kip_training.errors import StoreError

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
#: The schema version in ``PRAGMA user_version``. 0 (before versions): the first ten
#: columns without CHECK constraints; 1: with them; 2: sessions and attempts. Older
#: versions are migrated on opening.
SCHEMA_VERSION = 2
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
    score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
    answered_at TEXT NOT NULL,
    session TEXT NOT NULL DEFAULT '',
    attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    mistake TEXT NOT NULL DEFAULT '',
    seconds REAL NOT NULL DEFAULT 0 CHECK (seconds >= 0)
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
    finished_at TEXT,
    PRIMARY KEY (session, participant, opd, attempt)
)""",
    "CREATE INDEX answers_session ON answers (session, participant, opd, attempt)",
)
_V2_COLUMNS = (
    "ALTER TABLE answers ADD COLUMN session TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE answers ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1)",
    "ALTER TABLE answers ADD COLUMN mistake TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE answers ADD COLUMN seconds REAL NOT NULL DEFAULT 0 CHECK (seconds >= 0)",
)
_V1_COLUMNS = COLUMNS[:10]
_INSERT = (
    f"INSERT INTO answers ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))}) "
    "ON CONFLICT(uid) DO NOTHING"
)


def default_db_path() -> Path:
    """``$KIP_DB``, else ``hasil_kuis.sqlite`` in the user's data folder."""
    if env := os.environ.get(DB_ENV):
        return Path(env)
    return Path(user_data_dir("kip-training", appauthor=False)) / DB_FILENAME


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


class ResultStore:
    """The results database (SQLite, WAL mode, SQLite's own busy timeout).

    ``read_only=True`` opens an existing database without the right to change it (for
    exports). Opening checks the file (``PRAGMA quick_check``) and its schema version:
    a newer one is refused, an older one is migrated. Every SQLite error becomes a
    :class:`StoreError` with an Indonesian message.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        timeout_ms: int = BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.timeout_ms = timeout_ms
        self.read_only = read_only
        self._conn: sqlite3.Connection | None = None

    # ------------------------------------------------------------------ connection
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = self._connect()
            try:
                with self._errors("dibuka"):
                    conn.execute(f"PRAGMA busy_timeout = {int(self.timeout_ms)}")
                    self._quick_check(conn)
                    self._check_version(conn)  # before anything is written
                    if not self.read_only:
                        conn.execute("PRAGMA journal_mode = WAL").fetchone()
                        conn.execute("PRAGMA synchronous = NORMAL")
                        self._prepare_schema(conn)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            if not self.path.is_file():
                raise StoreError(f"Basis data hasil kuis {self.path} tidak ditemukan.")
            target, uri = f"{self.path.resolve().as_uri()}?mode=ro", True
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"Folder basis data hasil kuis {self.path.parent} tidak dapat dibuat: "
                    f"{exc.strerror or exc}."
                ) from None
            target, uri = str(self.path), False
        with self._errors("dibuka"):
            return sqlite3.connect(
                target,
                timeout=self.timeout_ms / 1000,
                isolation_level=None,
                check_same_thread=False,
                uri=uri,
            )

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Turn any SQLite error into a :class:`StoreError` saying what failed."""
        try:
            yield
        except sqlite3.IntegrityError as exc:
            raise StoreError(
                f"Jawaban tidak dapat disimpan ke {self.path}: isinya tidak sah ({exc})."
            ) from None
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "locked" in text or "busy" in text:
                reason = (
                    f"sedang dipakai proses lain lebih dari {self.timeout_ms // 1000} detik; "
                    "coba lagi sebentar lagi"
                )
            elif "readonly" in text or "read-only" in text:
                reason = "hanya dapat dibaca (periksa izin berkas dan foldernya)"
            elif "unable to open" in text:
                reason = "berkasnya tidak dapat dibuka (periksa path dan izinnya)"
            elif "full" in text:
                reason = "ruang disk penuh"
            else:
                reason = str(exc)
            raise StoreError(
                f"Basis data hasil kuis {self.path} tidak dapat {doing}: {reason}."
            ) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"Basis data hasil kuis {self.path} rusak atau bukan basis data SQLite "
                f"({exc}); tidak dapat {doing}. Simpan salinan berkas itu untuk diperiksa "
                "dan pakai berkas basis data baru (KIP_DB atau --db)."
            ) from None

    def _quick_check(self, conn: sqlite3.Connection) -> None:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            raise StoreError(
                f"Basis data hasil kuis {self.path} rusak (pemeriksaan SQLite: "
                f"{'; '.join(map(str, rows[:3]))}). Simpan salinan berkas itu untuk diperiksa "
                "dan pakai berkas basis data baru (KIP_DB atau --db)."
            )

    def _check_version(self, conn: sqlite3.Connection) -> int:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"Basis data hasil kuis {self.path} dibuat oleh kip-training yang lebih baru "
                f"(skema versi {version}; versi ini mengenal sampai {SCHEMA_VERSION}). "
                "Perbarui kip-training; berkas itu tidak diubah."
            )
        return version

    def _prepare_schema(self, conn: sqlite3.Connection) -> None:
        """Create the schema, or migrate an older one, in one write transaction."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = self._check_version(conn)
            if version < SCHEMA_VERSION:
                old = conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'answers'"
                ).fetchone()
                if old and version == 0:  # the first columns without CHECK constraints
                    conn.execute("DROP INDEX IF EXISTS answers_participant")
                    conn.execute("DROP INDEX IF EXISTS answers_question")
                    conn.execute("ALTER TABLE answers RENAME TO answers_v0")
                if not old or version == 0:
                    for statement in _SCHEMA:
                        conn.execute(statement)
                elif version == 1:
                    for statement in _V2_COLUMNS:
                        conn.execute(statement)
                if old and version == 0:
                    columns = ", ".join(_V1_COLUMNS)
                    conn.execute(
                        f"INSERT INTO answers ({columns}) SELECT {columns} FROM answers_v0"
                    )
                    conn.execute("DROP TABLE answers_v0")
                for statement in _SESSION_SCHEMA:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

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
        conn = self.conn
        with self._errors("ditulis"):
            cursor = conn.execute(_INSERT, record.row())
        return cursor.rowcount == 1

    def record_many(self, records: Iterable[AnswerRecord]) -> int:
        """Save many answers in one transaction; returns how many were new.

        One answer the schema refuses raises :class:`StoreError` and nothing is saved.
        """
        added, refused = self._write(records)
        if refused:
            number, reason = refused[0]
            raise StoreError(
                f"Jawaban ke-{number} tidak dapat disimpan ke {self.path}: {reason}. "
                "Tidak ada jawaban yang disimpan."
            )
        return added

    def _write(
        self, records: Iterable[AnswerRecord], keep_going: bool = False
    ) -> tuple[int, list[tuple[int, str]]]:
        """Insert ``records`` in one transaction: (new answers, [(number, reason)])."""
        rows = [r.row() for r in records]
        conn = self.conn
        refused: list[tuple[int, str]] = []
        added = 0
        with self._errors("ditulis"):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for number, row in enumerate(rows, start=1):
                    try:
                        added += conn.execute(_INSERT, row).rowcount
                    except sqlite3.IntegrityError as exc:
                        refused.append((number, f"isinya tidak sah ({exc})"))
                        if not keep_going:
                            break
                conn.execute("ROLLBACK" if refused and not keep_going else "COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        return (0 if refused and not keep_going else added), refused

    # ------------------------------------------------------------------ reading
    def count(self) -> int:
        conn = self.conn
        with self._errors("dibaca"):
            return conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def answers(
        self,
        participant: str | None = None,
        opd: str | None = None,
        quiz: str | None = None,
        session: str | None = None,
    ) -> list[AnswerRecord]:
        """Stored answers (optionally of one participant / OPD / quiz / session), oldest first."""
        where, params = [], []
        filters = (("participant", participant), ("opd", opd), ("quiz", quiz), ("session", session))
        for column, value in filters:
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = f"SELECT {', '.join(COLUMNS)} FROM answers"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY answered_at, rowid"
        conn = self.conn
        with self._errors("dibaca"):
            return [self._from_row(row) for row in conn.execute(sql, params)]

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
        conn = self.conn
        with self._errors("ditulis"):
            conn.execute(
                "INSERT INTO sessions (session_id, code, title, spec, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    session.session_id,
                    session.code,
                    session.title,
                    json.dumps(session.spec, ensure_ascii=False, sort_keys=True),
                    session.created_at,
                ),
            )

    def session(self, key: str) -> SessionRow | None:
        """The session whose id or join code (any case) is ``key``, or None."""
        conn = self.conn
        with self._errors("dibaca"):
            row = conn.execute(
                "SELECT session_id, code, title, spec, created_at FROM sessions "
                "WHERE session_id = ? OR upper(code) = upper(?)",
                (key.strip(), key.strip()),
            ).fetchone()
        return self._session_from_row(row) if row else None

    def sessions(self) -> list[SessionRow]:
        """Every stored session, newest first."""
        conn = self.conn
        with self._errors("dibaca"):
            rows = conn.execute(
                "SELECT session_id, code, title, spec, created_at FROM sessions "
                "ORDER BY created_at DESC, session_id"
            ).fetchall()
        return [self._session_from_row(row) for row in rows]

    @staticmethod
    def _session_from_row(row: tuple) -> SessionRow:
        session_id, code, title, spec, created_at = row
        return SessionRow(session_id, code, title, json.loads(spec), created_at)

    def start_attempt(self, session: str, participant: str, opd: str) -> int:
        """Open the participant's next attempt in ``session``; returns its number (1, 2, …)."""
        conn = self.conn
        with self._errors("ditulis"):
            conn.execute("BEGIN IMMEDIATE")
            try:
                last = conn.execute(
                    "SELECT COALESCE(MAX(attempt), 0) FROM attempts "
                    "WHERE session = ? AND participant = ? AND opd = ?",
                    (session, participant, opd),
                ).fetchone()[0]
                conn.execute(
                    "INSERT INTO attempts (session, participant, opd, attempt, started_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (session, participant, opd, last + 1, _now()),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return last + 1

    def finish_attempt(self, session: str, participant: str, opd: str, attempt: int) -> None:
        """Mark an attempt finished (now); finishing twice keeps the first time."""
        conn = self.conn
        with self._errors("ditulis"):
            conn.execute(
                "UPDATE attempts SET finished_at = ? WHERE session = ? AND participant = ? "
                "AND opd = ? AND attempt = ? AND finished_at IS NULL",
                (_now(), session, participant, opd, attempt),
            )

    def attempts(self, session: str | None = None) -> list[AttemptRow]:
        """Attempts (of one session, or all), oldest first."""
        sql = "SELECT session, participant, opd, attempt, started_at, finished_at FROM attempts"
        params: list[str] = []
        if session is not None:
            sql += " WHERE session = ?"
            params.append(session)
        conn = self.conn
        with self._errors("dibaca"):
            rows = conn.execute(sql + " ORDER BY started_at, rowid", params).fetchall()
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
