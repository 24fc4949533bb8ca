"""A throwaway PostgreSQL server for tests: ``initdb`` + ``pg_ctl`` in a temporary folder.

``postgres_cluster(tmp_dir)`` yields a ``postgresql://`` URL of a fresh database on a free
local port, and stops the server (``pg_ctl stop -m immediate``) and removes its files when
the block ends. PostgreSQL's server programs come from Debian's ``postgresql`` package
(``/usr/lib/postgresql/<version>/bin``) or from ``PATH``.

``initdb`` refuses to run as root, so as root (CI) the server programs run as the
``postgres`` account the Debian package creates (else ``nobody``), in a folder of their
own under the system temporary folder (pytest's own folders are closed to other users).
The server listens on 127.0.0.1 only and asks for a password over TCP (scram-sha-256), so
tests can also check what a wrong password does.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

USER = "kip"
PASSWORD = "rahasia-uji-123"
DATABASE = "kip"
#: Accounts the server may run as when the tests run as root, in order of preference.
SERVER_ACCOUNTS = ("postgres", "nobody")


#: Longest data folder path: the server's socket (``<data>/.s.PGSQL.<port>``) must fit
#: in 107 bytes.
MAX_DATA_PATH = 80


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server programs are not installed."""


class PostgresFailed(RuntimeError):
    """A server program failed; the message has its output."""


def bin_dir() -> Path:
    """The folder with ``initdb`` and ``pg_ctl`` (newest Debian version first, then PATH)."""

    def version(initdb: str) -> int:
        name = Path(initdb).parent.parent.name
        return int(name) if name.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    raise PostgresUnavailable(
        "PostgreSQL server programs (initdb, pg_ctl) not found: "
        "apt-get install postgresql (or run .ci/run)"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_account() -> str | None:
    """The account to run the server as: None for the current (non-root) user."""
    if os.geteuid() != 0:
        return None
    for name in SERVER_ACCOUNTS:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise PostgresUnavailable("running as root and no 'postgres' or 'nobody' account exists")


def _run(args: list[str], account: str | None, **kwargs) -> subprocess.CompletedProcess:
    prefix = ["runuser", "-u", account, "--"] if account else []
    try:
        return subprocess.run(
            prefix + args, check=True, capture_output=True, text=True, cwd="/", **kwargs
        )
    except subprocess.CalledProcessError as exc:
        raise PostgresFailed(
            f"{' '.join(prefix + args)} failed ({exc.returncode}):\n{exc.stdout}\n{exc.stderr}"
        ) from None


@contextlib.contextmanager
def postgres_cluster(
    tmp_dir: Path | str, fsync: bool = False, max_connections: int = 120
) -> Iterator[str]:
    """Start a throwaway PostgreSQL server; yield the URL of an empty database on it.

    Its files go in a new folder in ``tmp_dir`` (as root, or when that path is too long
    for the server's socket: in the system temporary folder), removed afterwards.
    ``fsync=False`` (the default) makes it faster and is fine for data thrown away.
    """
    programs = bin_dir()
    account = _server_account()
    short = len(str(Path(tmp_dir).resolve())) + len("/pg-xxxxxxxx/data") <= MAX_DATA_PATH
    root = Path(tempfile.mkdtemp(prefix="kip-pg-", dir=tmp_dir if short and not account else None))
    if account:
        uid, gid = pwd.getpwnam(account).pw_uid, pwd.getpwnam(account).pw_gid
        os.chown(root, uid, gid)
    data, log = root / "data", root / "server.log"
    password_file = root / "password"
    password_file.write_text(PASSWORD + "\n")
    if account:
        os.chown(password_file, uid, gid)
    started = False
    try:
        _run(
            [
                str(programs / "initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                f"--pwfile={password_file}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            account,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -k {data} -c max_connections={max_connections} "
            f"-c fsync={'on' if fsync else 'off'}"
        )
        for _ in range(5):  # another process may take the free port first
            port = free_port()
            try:
                _run(
                    [
                        str(programs / "pg_ctl"),
                        "start",
                        "-w",
                        "-t",
                        "60",
                        "-D",
                        str(data),
                        "-l",
                        str(log),
                        "-o",
                        f"-p {port} {options}",
                    ],
                    account,
                )
            except PostgresFailed:
                time.sleep(0.2)
                continue
            started = True
            break
        if not started:
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start:\n{detail}")
        _run(
            [str(programs / "createdb"), "-h", str(data), "-p", str(port), "-U", USER, DATABASE],
            account,
        )
        yield f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{port}/{DATABASE}"
    finally:
        if started:
            with contextlib.suppress(PostgresFailed):
                _run(
                    [str(programs / "pg_ctl"), "stop", "-m", "immediate", "-w", "-D", str(data)],
                    account,
                )
        shutil.rmtree(root, ignore_errors=True)


def new_database(url: str, name: str) -> str:
    """Create an empty database ``name`` on the server of ``url``; return its URL."""
    with psycopg.connect(url, autocommit=True) as conn:
        # FILE_COPY (PostgreSQL 15+) is about twice as fast here as the default WAL_LOG
        strategy = " STRATEGY FILE_COPY" if conn.info.server_version >= 150000 else ""
        conn.execute(f'CREATE DATABASE "{name}"{strategy}')
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def new_schema(url: str, name: str) -> str:
    """Create an empty schema ``name`` in the database of ``url``; return a URL using it.

    Much faster than a database (a fraction of a millisecond): the URL sets
    ``search_path`` so every table is made and found in that schema.
    """
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, f"options=-csearch_path%3D{name}"]))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
