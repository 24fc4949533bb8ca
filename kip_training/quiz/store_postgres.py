"""The results store's PostgreSQL engine (psycopg 3), for many machines sharing one store.

``KIP_DB=postgresql://user:password@host:5432/database`` selects it. Only what
PostgreSQL does differently lives here: ``%s`` placeholders, a ``seq`` column for the
insertion order (SQLite has ``rowid``), the schema version in a ``schema_version`` table
(SQLite has ``PRAGMA user_version``), advisory locks where SQLite's ``BEGIN IMMEDIATE``
serialises writers, and the server's errors turned into Indonesian. The password in the
URL never appears in a message: the address is shown as ``postgresql://user:***@…``.

The connection runs in autocommit mode (every statement its own transaction, as with
SQLite); writes of several statements open a transaction explicitly. A connection the
server closed (restart, idle timeout) is opened again on the next call.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from urllib.parse import parse_qsl, unquote, urlsplit

import psycopg
from psycopg import errors as pg_errors

from kip_training.errors import StoreError
from kip_training.quiz.db_url import redact

CONNECT_TIMEOUT_S = 10
#: Words of the shared SQL that differ between engines (see ``store._sql``).
TOKENS = {
    "real": "DOUBLE PRECISION",  # PostgreSQL's REAL is a 4-byte float
    "seq_column": ",\n    seq BIGINT GENERATED ALWAYS AS IDENTITY",
    "seq": "seq",
    # byte order, as SQLite sorts, whatever the database's locale
    "collate": ' COLLATE "C"',
}
#: Run after migrating a version-1 answers table: it gains the ordering column.
MIGRATE_V1 = (
    "ALTER TABLE answers ADD COLUMN IF NOT EXISTS seq BIGINT GENERATED ALWAYS AS IDENTITY",
)
SCHEMA_LOCK = "kip-training:schema"


def _secrets(url: str) -> list[str]:
    """The password in ``url`` (as written and decoded), to scrub from server messages."""
    found: list[str] = []
    with contextlib.suppress(ValueError):
        parts = urlsplit(url)
        user = parts.netloc.rpartition("@")[0]
        if ":" in user:
            found.append(user.split(":", 1)[1])
        found += [v for k, v in parse_qsl(parts.query) if k.lower() == "password"]
    found += [unquote(s) for s in found]
    return sorted({s for s in found if s}, key=len, reverse=True)


@functools.lru_cache(maxsize=256)
def _placeholders(sql: str) -> str:
    """The shared SQL's ``?`` placeholders as psycopg's ``%s`` (the SQL has no ``%``)."""
    return sql.replace("?", "%s")


class PostgresEngine:
    """Connection and dialect of one PostgreSQL database."""

    name = "PostgreSQL"
    IntegrityError = psycopg.IntegrityError
    tokens = TOKENS
    migrate_v1 = MIGRATE_V1

    def __init__(self, url: str, timeout_ms: int, read_only: bool) -> None:
        self.url = url.strip()
        self.location = redact(self.url)
        self.timeout_ms = timeout_ms
        self.read_only = read_only
        self._secrets = _secrets(self.url)

    # ------------------------------------------------------------------ connection
    def exists(self) -> bool:
        return True  # a server: whether it answers shows when connecting

    def connect(self) -> psycopg.Connection:
        with self.errors("dibuka"):
            try:
                conn = psycopg.connect(
                    self.url,
                    autocommit=True,
                    connect_timeout=CONNECT_TIMEOUT_S,
                    application_name="kip-training",
                )
            except psycopg.ProgrammingError as exc:  # libpq could not read the address
                raise StoreError(self._message("dibuka", self._bad_url(exc))) from None
        try:
            with self.errors("dibuka"):
                # SQLite's busy timeout: a writer waits this long for a lock, then gives up
                conn.execute(f"SET lock_timeout = {int(self.timeout_ms)}")
                if self.read_only:
                    conn.execute("SET default_transaction_read_only = on")
        except BaseException:
            conn.close()
            raise
        return conn

    def prepare(self, conn: psycopg.Connection) -> None:
        """Nothing to set for a writer (durability is the server's setting)."""

    @staticmethod
    def usable(conn: psycopg.Connection) -> bool:
        return not (conn.closed or conn.broken)

    # ------------------------------------------------------------------ dialect
    @staticmethod
    def execute(conn: psycopg.Connection, sql: str, params: tuple | list = ()) -> psycopg.Cursor:
        return conn.execute(_placeholders(sql), params or None)

    @classmethod
    def version(cls, conn: psycopg.Connection) -> int:
        if not cls.has_table(conn, "schema_version"):
            return 0
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return row[0] or 0

    @staticmethod
    def set_version(conn: psycopg.Connection, version: int) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (int(version),))

    @staticmethod
    def has_table(conn: psycopg.Connection, name: str) -> bool:
        row = conn.execute(
            "SELECT 1 FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name = %s",
            (name,),
        ).fetchone()
        return row is not None

    @staticmethod
    @contextlib.contextmanager
    def transaction(conn: psycopg.Connection, lock: str | None = None) -> Iterator[None]:
        """One transaction; with ``lock``, writers with the same key take turns in it.

        (SQLite's ``BEGIN IMMEDIATE`` serialises every writer; here only those that read
        before they write, such as the next attempt number, need to.)
        """
        with conn.transaction():
            if lock is not None:
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (lock,))
            yield

    @staticmethod
    def integrity_detail(exc: Exception) -> str:
        """The refused constraint, worded like SQLite's message."""
        diag = exc.diag
        if isinstance(exc, pg_errors.NotNullViolation):
            return f"NOT NULL constraint failed: {diag.table_name}.{diag.column_name}"
        if isinstance(exc, pg_errors.CheckViolation):
            return f"CHECK constraint failed: {diag.constraint_name}"
        if isinstance(exc, pg_errors.UniqueViolation):
            return f"UNIQUE constraint failed: {diag.constraint_name}"
        return diag.message_primary or type(exc).__name__

    # ------------------------------------------------------------------ errors
    def _scrub(self, text: str) -> str:
        text = text.replace(self.url, self.location)
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text.strip()

    def _message(self, doing: str, reason: str) -> str:
        return f"Basis data hasil kuis {self.location} tidak dapat {doing}: {reason}."

    def _bad_url(self, exc: Exception) -> str:
        return (
            "alamatnya tidak sah (bentuknya postgresql://pengguna:katasandi@host:5432/nama_basis"
            f"_data; {self._scrub(str(exc))})"
        )

    @contextlib.contextmanager
    def errors(self, doing: str) -> Iterator[None]:
        """Turn any psycopg error into a :class:`StoreError` saying what failed."""
        try:
            yield
        except psycopg.IntegrityError as exc:
            raise StoreError(
                f"Jawaban tidak dapat disimpan ke {self.location}: isinya tidak sah "
                f"({self.integrity_detail(exc)})."
            ) from None
        except pg_errors.ReadOnlySqlTransaction:
            raise StoreError(self._message(doing, "hanya dapat dibaca")) from None
        except pg_errors.LockNotAvailable:
            raise StoreError(
                self._message(
                    doing,
                    f"sedang dipakai proses lain lebih dari {self.timeout_ms // 1000} detik; "
                    "coba lagi sebentar lagi",
                )
            ) from None
        except pg_errors.DiskFull:
            raise StoreError(self._message(doing, "ruang disk server penuh")) from None
        except pg_errors.InsufficientPrivilege:
            raise StoreError(
                self._message(
                    doing,
                    "pengguna basis data itu tidak berhak (minta pengelola server memberi hak "
                    "pada tabel answers, sessions, attempts dan schema_version)",
                )
            ) from None
        except pg_errors.UndefinedTable:
            raise StoreError(
                self._message(doing, "belum berisi tabel hasil kuis (belum pernah dipakai)")
            ) from None
        except psycopg.OperationalError as exc:
            raise StoreError(self._message(doing, self._operational(exc))) from None
        except psycopg.Error as exc:
            raise StoreError(self._message(doing, self._scrub(str(exc)))) from None

    def _operational(self, exc: psycopg.OperationalError) -> str:
        text = str(exc).lower()
        if exc.sqlstate == "53300" or "too many" in text:
            return (
                "server menolak sambungan baru karena terlalu banyak sambungan (naikkan "
                "max_connections di server atau pakai pgbouncer)"
            )
        if exc.sqlstate == "28P01" or "password" in text or "authentication" in text:
            return "nama pengguna atau kata sandi ditolak server"
        if exc.sqlstate == "3D000" or ("database" in text and "does not exist" in text):
            return "basis data itu tidak ada di server (buat dulu dengan createdb)"
        if exc.sqlstate == "28000" or ("role" in text and "does not exist" in text):
            return "nama pengguna itu tidak dikenal server"
        if "invalid" in text and ("connection option" in text or "uri" in text):
            return self._bad_url(exc)
        if any(
            word in text
            for word in (
                "connection refused",
                "could not connect",
                "failed to resolve",
                "timeout expired",
                "no route",
                "network is unreachable",
            )
        ):
            return (
                "server tidak dapat dihubungi (periksa alamat dan port, dan apakah "
                "PostgreSQL berjalan)"
            )
        if "closed" in text or "terminat" in text or "lost" in text or "bad" in text:
            return "sambungan ke server terputus; coba lagi"
        return self._scrub(str(exc))
