"""A cache of loaded reports: ``kip deck`` after ``kip check`` does not read every workbook again.

The PPID Utama checks the reports, asks some OPDs to fix and resend, checks again,
then builds the deck: each step would read and validate every workbook. The cache
keeps the last loaded :class:`~kip_training.reports.model.ReportSet` of each set of
inputs and hands it back while nothing it depends on has changed:

- every report file (path, size, modification and change time, inode: a file added,
  removed, re-saved or copied over changes the key),
- the roster of OPDs, the report due date rule and the extra days off of the calendar,
- the requested period,
- the toolkit's version and the source of every module that shapes a loaded report
  (:data:`SOURCE_MODULES`, plus every module of :mod:`kip_training.reports`), and the
  versions of Python, pandas, pyarrow and holidays.

An entry is data, never code: one zip file holding ``data.json`` (periods, counts,
issues, dates) and one Arrow IPC file per table. Reading it builds only the toolkit's
own report types. No entry holds personal data: the loader masks NIKs, phone numbers,
e-mails and names in every cell before a value reaches a frame or an issue (see
:mod:`~kip_training.reports.personal`), and free text of requests is stored masked.
Entries live in ``laporan/`` of the toolkit's private cache folder
(see :func:`kip_training.cachedir.private_folder`); ``KIP_CACHE=off`` turns the cache off
and the commands take ``--tanpa-cache``. The :data:`MAX_ENTRIES` most recently used
entries are kept. A damaged or unreadable entry is ignored and the reports are read
again; a cache that cannot be written only costs speed, never a result.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import io
import json
import operator
import os
import re
import stat
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import holidays
import numpy as np
import pandas as pd
import pyarrow as pa

import kip_training
from kip_training.cachedir import open_atomically, private_folder
from kip_training.reports.model import FileResult, Issue, Period, ReportSet, SheetCount
from kip_training.reports.parallel import gc_paused

MAX_ENTRIES = 8
#: Entries are ``<32 hex digits>.zip``; pruning touches no other file.
ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.zip")
#: The largest entry read back (a bigger file in the folder is not ours: ignored).
MAX_ENTRY_BYTES = 2 * 2**30
FORMAT = 1

#: Modules outside :mod:`kip_training.reports` whose code shapes a loaded report.
SOURCE_MODULES = (
    *("textfmt.py", "textfile.py", "calendar.py", "law.py", "errors.py", "config.py"),
    "roster.py",
)

#: The report types an entry may hold, by name: reading builds these and nothing else.
_TYPES = {cls.__name__: cls for cls in (ReportSet, FileResult, SheetCount, Issue)}


def default_cache() -> ReportCache | None:
    """The cache in the toolkit's cache folder; None when caching is off or unsafe."""
    folder = private_folder("laporan")
    return None if folder is None else ReportCache(folder)


def source_files() -> list[Path]:
    """The source files whose code shapes a loaded report (see :func:`code_version`)."""
    package = Path(kip_training.__file__).parent
    reports = sorted((package / "reports").glob("*.py"))
    return [*reports, *(package / name for name in SOURCE_MODULES)]


def code_version() -> str:
    """A hash of the toolkit's version, its loader's source and the libraries it relies on."""
    digest = hashlib.sha256(f"{FORMAT}\0{_package_version()}\0".encode())
    for path in source_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for version in (sys.version, pd.__version__, pa.__version__, holidays.__version__):
        digest.update(version.encode())
    return digest.hexdigest()


def _package_version() -> str:
    try:
        return importlib.metadata.version("kip-training")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        return "?"


def cache_key(
    files: Sequence[Path],
    roster,
    due_working_days: int,
    calendar,
    period,
    limits=None,
) -> str:
    """The key of one load: what the loaded reports depend on (see the module docstring),
    the read limits of kip.toml ``[batas]`` included (a file refused under one limit may
    be read under another)."""
    digest = hashlib.sha256(code_version().encode())
    for path in files:
        info = path.stat()
        # ctime and inode too: a copy that keeps the old modification time still differs
        signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        # the path as given too: the reports' file labels are what the user typed
        digest.update(os.fsencode(f"{path}\0{path.resolve()}\0{signature}\n"))
    digest.update(roster.to_csv(index=False).encode())
    extra = sorted((day.isoformat(), name) for day, name in calendar.extra_days_off.items())
    years = (calendar.first_year, calendar.last_year)
    digest.update(repr((due_working_days, extra, years, calendar.cuti_bersama)).encode())
    digest.update(str(period).encode())
    digest.update(repr(limits).encode())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class ReportCache:
    """Loaded report sets, one zip file of JSON and Arrow tables per key, in ``directory``."""

    directory: Path

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.zip"

    def get(self, key: str) -> ReportSet | None:
        """The ReportSet stored under ``key``, or None (missing, damaged or unreadable)."""
        path = self._path(key)
        try:
            data = _read_regular_file(path)
        except OSError:  # no entry, no cache folder, a link or a file too large
            return None
        try:
            with gc_paused():  # many objects, no cycles: the collector would only walk them
                value = decode(data)
        except Exception:  # damaged, truncated, or from an incompatible version: read again
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path, follow_symlinks=False)  # most recently used: pruned last
        return value

    def put(self, key: str, report_set: ReportSet) -> None:
        """Store ``report_set`` under ``key`` (atomically); failures are ignored."""
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            with open_atomically(self._path(key)) as out, gc_paused():
                encode(report_set, out)
            self.prune()
        except Exception:  # read-only or full disk, a value it cannot store: it only saves time
            return

    def prune(self, keep: int = MAX_ENTRIES) -> None:
        """Remove all but the ``keep`` most recently used entries (regular files named as ours)."""
        entries = []
        with os.scandir(self.directory) as found:
            for entry in found:
                if ENTRY_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                    entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
        for _, path in sorted(entries, reverse=True)[keep:]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of ``path``; OSError when it is a link, not a regular file, or too large."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            raise OSError(f"{path}: not a cache entry")
        return file.read()


# --------------------------------------------------------------------------- the format


def encode(report_set: ReportSet, out: BinaryIO) -> None:
    """Write ``report_set`` to ``out``: a zip of ``data.json`` and Arrow IPC files.

    The frames are one Arrow file each (``tabel<n>.arrow``, LZ4-compressed: it reads
    several times faster than zstd); every :class:`Issue` is stored once, as a row of
    ``masalah.arrow``, and lists of issues refer to those rows. Raises TypeError for a
    value it cannot store as data (the set is then not cached).
    """
    writer = _Writer()
    data = {"format": FORMAT, "value": writer.value(report_set)}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False))
        _write_table(archive, "masalah.arrow", writer.issue_table())
        for n, frame in enumerate(writer.frames):
            _write_table(archive, f"tabel{n}.arrow", pa.Table.from_pandas(frame))


def decode(data: bytes) -> ReportSet:
    """The ReportSet of an entry written by :func:`encode`; an exception when it is none."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        stored = json.loads(archive.read("data.json"))
        if stored.get("format") != FORMAT:
            raise ValueError("another cache format")
        value = _Reader(archive).value(stored["value"])
    if not isinstance(value, ReportSet):
        raise ValueError("no report set")
    return value


def _write_table(archive: zipfile.ZipFile, name: str, table: pa.Table) -> None:
    options = pa.ipc.IpcWriteOptions(compression="lz4")
    with (
        archive.open(name, "w", force_zip64=True) as member,
        pa.ipc.new_file(member, table.schema, options=options) as writer,
    ):
        writer.write_table(table)


def _read_table(archive: zipfile.ZipFile, name: str) -> pa.Table:
    with pa.ipc.open_file(pa.py_buffer(archive.read(name))) as reader:
        return reader.read_all()


def _fields(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


_FIELDS = {name: _fields(cls) for name, cls in _TYPES.items()}
_ISSUE_FIELDS = _FIELDS["Issue"]


class _Writer:
    """Turns a report set into JSON values, frames and the rows of the issues table."""

    def __init__(self) -> None:
        self.frames: list[pd.DataFrame] = []
        self._issues: dict[int, int] = {}  # id(issue) -> its row
        self._rows: list[Issue] = []

    def value(self, value):
        """A JSON value for ``value``; objects other than plain values become ``{"$kind": …}``."""
        if value is None or isinstance(value, str | bool | int | float):
            return value
        if isinstance(value, list):
            if value and all(type(item) is Issue for item in value):
                rows = self._issue_rows(value)
                if rows == list(range(rows[0], rows[0] + len(rows))):  # the usual case
                    return {"$masalah": {"dari": rows[0], "sampai": rows[-1] + 1}}
                return {"$masalah": rows}
            return [self.value(item) for item in value]
        if isinstance(value, pd.DataFrame):  # typed columns in Arrow, object columns here
            objects = [name for name, dtype in value.dtypes.items() if dtype == np.dtype(object)]
            self.frames.append(value.drop(columns=objects))
            return {
                "$tabel": {
                    "arrow": len(self.frames) - 1,
                    "columns": [str(name) for name in value.columns],
                    "object": {str(n): self.value(value[n].tolist()) for n in objects},
                }
            }
        if isinstance(value, Period):
            return {"$periode": [value.year, value.semester]}
        if isinstance(value, pd.Timestamp):
            return {"$timestamp": value.isoformat()}
        if isinstance(value, dt.datetime):
            return {"$datetime": value.isoformat()}
        if isinstance(value, dt.date):
            return {"$date": value.isoformat()}
        if isinstance(value, np.generic):
            return self.value(value.item())
        if isinstance(value, tuple):
            return {"$tuple": [self.value(item) for item in value]}
        if isinstance(value, dict) and all(isinstance(k, str) for k in value):
            return {"$dict": {k: self.value(v) for k, v in value.items()}}
        name = type(value).__name__
        if _TYPES.get(name) is type(value):
            return {"$" + name: {f: self.value(getattr(value, f)) for f in _FIELDS[name]}}
        raise TypeError(f"cannot cache a {name}")

    def _issue_rows(self, issues: list[Issue]) -> list[int]:
        """The rows of ``issues`` in the issues table (added once: lists share issues)."""
        known = self._issues
        rows = [known.get(id(issue), -1) for issue in issues]
        for n, issue in enumerate(issues):
            if rows[n] < 0:
                rows[n] = known[id(issue)] = len(self._rows)
                self._rows.append(issue)
        return rows

    def issue_table(self) -> pa.Table:
        """One row per issue; ``value`` as text when every value is text, else as JSON."""
        if not self._rows:
            return pa.table({f: pa.array([], pa.string()) for f in _ISSUE_FIELDS})
        rows = zip(*map(operator.attrgetter(*_ISSUE_FIELDS), self._rows), strict=True)
        columns = dict(zip(_ISSUE_FIELDS, map(list, rows), strict=True))
        values = columns["value"]
        if not all(v is None or type(v) is str for v in values):
            columns["value"] = [json.dumps(self.value(v), ensure_ascii=False) for v in values]
            return pa.table(columns, metadata={"value": "json"})
        return pa.table(columns)


class _Reader:
    """Builds the report types back from an entry's JSON and tables."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self._issues: list[Issue] | None = None

    def value(self, value):
        if not isinstance(value, dict):
            if isinstance(value, list):
                return [self.value(item) for item in value]
            return value
        ((kind, content),) = value.items()
        if kind == "$masalah":
            issues = self._issue_rows()
            if isinstance(content, dict):
                return issues[content["dari"] : content["sampai"]]
            return [issues[row] for row in content]
        if kind == "$tabel":
            table = _read_table(self._archive, f"tabel{int(content['arrow'])}.arrow")
            frame = table.to_pandas()
            for name, values in content["object"].items():
                frame[name] = pd.Series(self.value(values), index=frame.index, dtype=object)
            return frame[content["columns"]]
        if kind == "$periode":
            return Period(*content)
        if kind == "$timestamp":
            return pd.Timestamp(content)
        if kind == "$datetime":
            return dt.datetime.fromisoformat(content)
        if kind == "$date":
            return dt.date.fromisoformat(content)
        if kind == "$tuple":
            return tuple(self.value(item) for item in content)
        if kind == "$dict":
            return {k: self.value(v) for k, v in content.items()}
        cls = _TYPES[kind[1:]]  # KeyError: not a type an entry may hold
        return cls(**{k: self.value(v) for k, v in content.items()})

    def _issue_rows(self) -> list[Issue]:
        if self._issues is None:
            table = _read_table(self._archive, "masalah.arrow")
            columns = [table.column(f).to_pylist() for f in _ISSUE_FIELDS]
            if (table.schema.metadata or {}).get(b"value") == b"json":
                position = _ISSUE_FIELDS.index("value")
                columns[position] = [self.value(json.loads(v)) for v in columns[position]]
            self._issues = [
                _issue(dict(zip(_ISSUE_FIELDS, row, strict=True)))
                for row in zip(*columns, strict=True)
            ]
        return self._issues


def _issue(fields: dict) -> Issue:
    """An Issue from its fields without the frozen dataclass's per-field checks (as pickle)."""
    issue = Issue.__new__(Issue)
    issue.__dict__.update(fields)
    return issue
