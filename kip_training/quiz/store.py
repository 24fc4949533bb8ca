"""Quiz results, saved answer by answer in SQLite.

The database file is ``$KIP_DB`` when set, else ``hasil_kuis.sqlite`` in the user's
data folder (platformdirs). It runs in WAL mode with a busy timeout, and every write is
one short transaction retried on contention, so a room of participants on one
JupyterHub sharing one file loses nothing.

Offline collection: a participant writes their answers to one JSON file
(:meth:`ResultStore.export_participant`); the trainer imports many files
(:meth:`ResultStore.import_files`). Every answer has a unique ``uid``, so importing the
same file twice does not count anything twice.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from kip_training.errors import KipError

DB_ENV = "KIP_DB"
DB_FILENAME = "hasil_kuis.sqlite"
EXPORT_FORMAT = "kip-training/hasil-kuis"
EXPORT_VERSION = 1
BUSY_TIMEOUT_MS = 30_000
MAX_RETRIES = 50

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
)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    uid TEXT PRIMARY KEY,
    participant TEXT NOT NULL,
    opd TEXT NOT NULL,
    quiz TEXT NOT NULL,
    question_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL,
    score REAL NOT NULL,
    answered_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_participant ON answers (participant, opd);
CREATE INDEX IF NOT EXISTS answers_question ON answers (question_id);
"""


class StoreError(KipError):
    """The results database or an import file cannot be used."""


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
        )

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> AnswerRecord:
        """Build from a mapping (an import file row); raises KeyError/ValueError."""
        missing = [c for c in COLUMNS if c not in data]
        if missing:
            raise KeyError(", ".join(missing))
        score = float(data["score"])
        if not 0 <= score <= 1:
            raise ValueError(f"nilai {score} di luar 0–1")
        return cls(
            participant=str(data["participant"]),
            opd=str(data["opd"]),
            quiz=str(data["quiz"]),
            question_id=str(data["question_id"]),
            topic=str(data["topic"]),
            answer=str(data["answer"]),
            correct=bool(data["correct"]),
            score=score,
            answered_at=str(data["answered_at"]),
            uid=str(data["uid"]),
        )


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
    """The results database (SQLite, WAL mode, busy timeout, retried writes)."""

    def __init__(self, path: Path | str | None = None, timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.timeout_ms = timeout_ms
        self.retries = 0
        self._conn: sqlite3.Connection | None = None

    # ------------------------------------------------------------------ connection
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"Folder basis data hasil kuis {self.path.parent} tidak dapat dibuat: {exc}."
                ) from None
            try:
                conn = sqlite3.connect(
                    self.path,
                    timeout=self.timeout_ms / 1000,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.Error as exc:
                raise StoreError(
                    f"Basis data hasil kuis {self.path} tidak dapat dibuka: {exc}."
                ) from None
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout_ms)}")
            self._conn = conn
            self._retry(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
            conn.execute("PRAGMA synchronous = NORMAL")
            self._retry(lambda: conn.executescript(_SCHEMA))
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _retry(self, action):
        """Run ``action``; on "database is locked/busy" wait and retry (counted)."""
        delay = 0.01
        for attempt in range(MAX_RETRIES + 1):
            try:
                return action()
            except sqlite3.OperationalError as exc:
                message = str(exc).lower()
                if ("locked" not in message and "busy" not in message) or attempt == MAX_RETRIES:
                    raise StoreError(
                        f"Basis data hasil kuis {self.path} tidak dapat ditulis: {exc}."
                    ) from None
                self.retries += 1
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
        raise AssertionError("unreachable")  # pragma: no cover

    # ------------------------------------------------------------------ writing
    def record(self, record: AnswerRecord) -> bool:
        """Save one answer now (its own transaction). False when its uid exists."""
        conn = self.conn
        placeholders = ", ".join("?" * len(COLUMNS))
        cursor = self._retry(
            lambda: conn.execute(
                f"INSERT OR IGNORE INTO answers ({', '.join(COLUMNS)}) VALUES ({placeholders})",
                record.row(),
            )
        )
        return cursor.rowcount == 1

    def record_many(self, records: Iterable[AnswerRecord]) -> int:
        """Save many answers in one transaction; returns how many were new."""
        rows = [r.row() for r in records]
        conn = self.conn
        placeholders = ", ".join("?" * len(COLUMNS))

        def write() -> int:
            conn.execute("BEGIN IMMEDIATE")
            try:
                before = conn.total_changes
                conn.executemany(
                    f"INSERT OR IGNORE INTO answers ({', '.join(COLUMNS)}) VALUES ({placeholders})",
                    rows,
                )
                added = conn.total_changes - before
                conn.execute("COMMIT")
                return added
            except BaseException:
                conn.execute("ROLLBACK")
                raise

        return self._retry(write)

    # ------------------------------------------------------------------ reading
    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def answers(
        self, participant: str | None = None, opd: str | None = None, quiz: str | None = None
    ) -> list[AnswerRecord]:
        """Stored answers (optionally of one participant / OPD / quiz), oldest first."""
        where, params = [], []
        for column, value in (("participant", participant), ("opd", opd), ("quiz", quiz)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = f"SELECT {', '.join(COLUMNS)} FROM answers"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY answered_at, rowid"
        return [self._from_row(row) for row in self.conn.execute(sql, params)]

    def __iter__(self) -> Iterator[AnswerRecord]:
        return iter(self.answers())

    @staticmethod
    def _from_row(row: tuple) -> AnswerRecord:
        data = dict(zip(COLUMNS, row, strict=True))
        data["correct"] = bool(data["correct"])
        return AnswerRecord(**data)

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
            records = []
            for number, row in enumerate(payload.get("jawaban") or [], start=1):
                try:
                    records.append(AnswerRecord.from_mapping(row))
                except (KeyError, ValueError, TypeError, AttributeError) as exc:
                    report.problems.append(f"{path}, jawaban ke-{number}: tidak lengkap ({exc}).")
            report.files += 1
            report.read += len(records)
            added = self.record_many(records) if records else 0
            report.added += added
            report.duplicates += len(records) - added
        return report
