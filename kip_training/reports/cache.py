"""A cache of loaded reports: ``kip deck`` after ``kip check`` does not read every workbook again.

The PPID Utama checks the reports, asks some OPDs to fix and resend, checks again,
then builds the deck: each step used to read and validate every workbook (about 4 s
for 1,000 reports on two cores). The cache keeps the last loaded
:class:`~kip_training.reports.model.ReportSet` of each set of inputs and hands it back
while nothing it depends on has changed:

- every report file (path, size, modification and change time, inode: a file added,
  removed, re-saved or copied over changes the key),
- the roster of OPDs, the report due date rule and the extra days off of the calendar,
- the requested period,
- the loader's own code (a hash of the source of :mod:`kip_training.reports`,
  :mod:`kip_training.law` and :mod:`kip_training.calendar`) and the versions of Python,
  pandas and holidays.

Entries are pickles in ``laporan/`` of the toolkit's cache folder (``$KIP_CACHE``,
default ``~/.cache/kip-training``, see :mod:`kip_training.cachedir`); ``KIP_CACHE=off``
turns the cache off, and the commands take ``--tanpa-cache``. The folder belongs to the
user (a pickle is trusted input); it keeps the :data:`MAX_ENTRIES` most recently used
entries. A damaged or unreadable
entry is ignored and the reports are read again; a cache that cannot be written only
costs speed, never a result.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MAX_ENTRIES = 8
SUFFIX = ".pickle"


def default_cache(background: bool = False) -> ReportCache | None:
    """The cache in the toolkit's cache folder; None when caching is turned off.

    ``background``: see :class:`ReportCache` (the commands use it and wait at the end).
    """
    from kip_training.cachedir import cache_home

    home = cache_home()
    return None if home is None else ReportCache(home / "laporan", background)


@cache
def code_version() -> str:
    """A hash of the loader's source and of the libraries whose results it caches."""
    import holidays
    import pandas as pd

    from kip_training import calendar, law
    from kip_training.reports import __file__ as reports_init

    digest = hashlib.sha256()
    sources = sorted(Path(reports_init).parent.glob("*.py"))
    for path in [*sources, Path(law.__file__), Path(calendar.__file__)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for version in (sys.version, pd.__version__, holidays.__version__):
        digest.update(version.encode())
    return digest.hexdigest()


def cache_key(
    files: Sequence[Path],
    roster,
    due_working_days: int,
    calendar,
    period,
) -> str:
    """The key of one load: what the loaded reports depend on (see the module docstring)."""
    digest = hashlib.sha256(code_version().encode())
    for path in files:
        stat = path.stat()
        # ctime and inode too: a copy that keeps the old modification time still differs
        signature = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        digest.update(f"{path.resolve()}\0{signature}\n".encode())
    digest.update(roster.to_csv(index=False).encode())
    extra = sorted((day.isoformat(), name) for day, name in calendar.extra_days_off.items())
    digest.update(repr((due_working_days, extra, calendar.first_year, calendar.last_year)).encode())
    digest.update(str(period).encode())
    return digest.hexdigest()[:32]


def _can_fork() -> bool:
    """Whether a child process may be forked safely (POSIX, and no other thread running)."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


@dataclass(frozen=True)
class ReportCache:
    """Loaded report sets, one pickle per key, in ``directory``.

    With ``background``, :meth:`put` writes the entry in a forked child process while
    the caller goes on (printing the check, drawing the deck: writing 1,000 reports
    takes about 0.2 s); :meth:`wait` waits for it, and the commands call it before they
    end, so the next command finds the entry.
    """

    directory: Path
    background: bool = False
    _writers: list[int] = field(default_factory=list, compare=False, repr=False)

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}{SUFFIX}"

    def get(self, key: str):
        """The ReportSet stored under ``key``, or None (missing, damaged or unreadable)."""
        path = self._path(key)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:  # no entry, or no cache folder
            return None
        try:
            value = pickle.loads(data)
        except Exception:  # damaged, truncated, or from an incompatible version: read again
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # most recently used: pruned last
        return value

    def put(self, key: str, report_set) -> None:
        """Store ``report_set`` under ``key`` (atomically); failures are ignored."""
        if self.background and _can_fork():
            pid = os.fork()
            if pid == 0:  # the child writes, then ends without the parent's exit handlers
                try:
                    self._write(key, report_set)
                finally:
                    os._exit(0)
            self._writers.append(pid)
            return
        self._write(key, report_set)

    def wait(self) -> None:
        """Wait until the entries stored in the background are written."""
        while self._writers:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._writers.pop(), 0)

    def _write(self, key: str, report_set) -> None:
        from kip_training.cachedir import write_atomically

        try:
            data = pickle.dumps(report_set, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomically(self._path(key), data)
            self.prune()
        except Exception:  # read-only or full disk, or anything else: it only saves time
            return

    def prune(self, keep: int = MAX_ENTRIES) -> None:
        """Remove all but the ``keep`` most recently used entries."""
        entries = sorted(
            self.directory.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for path in entries[keep:]:
            path.unlink(missing_ok=True)
