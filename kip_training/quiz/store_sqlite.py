"""The results store's SQLite engine: one file, WAL mode, SQLite's busy timeout.

Only what SQLite does differently lives here: opening the file (read-only by URI),
``PRAGMA quick_check`` and ``journal_mode = WAL``, the schema version in
``PRAGMA user_version``, ``BEGIN IMMEDIATE`` for writes, and SQLite's error texts turned
into Indonesian. The SQL itself is shared (:mod:`kip_training.quiz.store`).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from kip_training.errors import StoreError, os_reason

#: Words of the shared SQL that differ between engines (see ``store._sql``).
TOKENS = {
    "real": "REAL",  # SQLite's REAL is a double
    "seq_column": "",  # rowid keeps the insertion order
    "seq": "rowid",
    "collate": "",  # SQLite compares text byte by byte
}
FRESH_DATABASE_HINT = "pakai berkas basis data baru (KIP_DB atau --db)"


class SqliteEngine:
    """Connection and dialect of one SQLite file."""

    name = "SQLite"
    IntegrityError = sqlite3.IntegrityError
    tokens = TOKENS

    def __init__(self, path: Path, timeout_ms: int, read_only: bool) -> None:
        self.path = path
        self.location = str(path)
        self.timeout_ms = timeout_ms
        self.read_only = read_only

    # ------------------------------------------------------------------ connection
    def exists(self) -> bool:
        return self.path.is_file()

    def connect(self) -> sqlite3.Connection:
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
                    f"{os_reason(exc)}."
                ) from None
            target, uri = str(self.path), False
        with self.errors("dibuka"):
            conn = sqlite3.connect(
                target,
                timeout=self.timeout_ms / 1000,
                isolation_level=None,
                check_same_thread=False,
                uri=uri,
            )
        try:
            with self.errors("dibuka"):
                conn.execute(f"PRAGMA busy_timeout = {int(self.timeout_ms)}")
                self._quick_check(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def prepare(self, conn: sqlite3.Connection) -> None:
        """Settings for a writer, after the version check and before the schema."""
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = NORMAL")

    def usable(self, conn: sqlite3.Connection) -> bool:
        return True  # a file connection does not break

    def _quick_check(self, conn: sqlite3.Connection) -> None:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            raise StoreError(
                f"Basis data hasil kuis {self.path} rusak (pemeriksaan SQLite: "
                f"{'; '.join(map(str, rows[:3]))}). Simpan salinan berkas itu untuk diperiksa "
                f"dan {FRESH_DATABASE_HINT}."
            )

    # ------------------------------------------------------------------ dialect
    @staticmethod
    def execute(conn: sqlite3.Connection, sql: str, params: tuple | list = ()) -> sqlite3.Cursor:
        return conn.execute(sql, params)

    @staticmethod
    def version(conn: sqlite3.Connection) -> int:
        return conn.execute("PRAGMA user_version").fetchone()[0]

    @staticmethod
    def set_version(conn: sqlite3.Connection, version: int) -> None:
        conn.execute(f"PRAGMA user_version = {int(version)}")

    @staticmethod
    def has_table(conn: sqlite3.Connection, name: str) -> bool:
        row = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    @staticmethod
    @contextlib.contextmanager
    def transaction(conn: sqlite3.Connection, lock: str | None = None) -> Iterator[None]:
        """One write transaction; ``BEGIN IMMEDIATE`` already keeps other writers out."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @staticmethod
    def integrity_detail(exc: Exception) -> str:
        return str(exc)

    # ------------------------------------------------------------------ errors
    @contextlib.contextmanager
    def errors(self, doing: str) -> Iterator[None]:
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
                f"dan {FRESH_DATABASE_HINT}."
            ) from None
