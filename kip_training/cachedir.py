"""The toolkit's cache folder: results that are slow to compute and safe to compute again.

``$KIP_CACHE`` when set (``KIP_CACHE=off`` turns every cache off), else
``kip-training`` in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``).
Holds loaded reports (``laporan/``, see :mod:`kip_training.reports.cache`) and the
national days off of the working-day calendar (``kalender/``). Deleting the folder
only costs time.

The folders are private: created readable by their user only (0700), and a folder that
is a symbolic link, belongs to another user or can be written by others is not used
(one warning, then the command runs without a cache). Entries are data (JSON, Arrow),
never code.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kip_training.errors import os_reason

CACHE_ENV = "KIP_CACHE"
OFF_VALUES = {"0", "off", "tidak", "no", "false"}

_warned: set[Path] = set()  # folders already warned about in this process


def cache_home() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None and value.strip().lower() in OFF_VALUES:
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kip-training"


def private_folder(name: str) -> Path | None:
    """The sub-folder ``name`` of the cache folder, made private; None when off or unsafe.

    Both the cache folder and the sub-folder are created with mode 0700 when missing.
    An existing one that is a symbolic link, is owned by another user or is writable by
    its group or by everyone is refused: a warning on stderr (once), and None.
    """
    home = cache_home()
    if home is None:
        return None
    folder = home / name
    for path in (home, folder):
        try:
            problem = _make_private(path)
        except OSError as exc:
            problem = f"tidak dapat dibuat ({os_reason(exc)})"
        if problem:
            _warn(path, problem)
            return None
    return folder


def _make_private(path: Path) -> str | None:
    """Create ``path`` (0700) if missing; why it may not be used, or None when it may."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return "berupa tautan simbolik"
    if not stat.S_ISDIR(info.st_mode):
        return "bukan folder"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return "dimiliki pengguna lain"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "dapat ditulis pengguna lain"
    return None


def _warn(path: Path, problem: str) -> None:
    if path in _warned:
        return
    _warned.add(path)
    print(
        f"Peringatan: folder simpanan {path} {problem}; simpanan tidak dipakai "
        f"(perbaiki foldernya, atau atur {CACHE_ENV} ke folder milik Anda).",
        file=sys.stderr,
    )


@contextlib.contextmanager
def open_atomically(path: Path) -> Iterator[BinaryIO]:
    """A file to write ``path`` with: a reader sees the old file or the new one, never a part.

    Commands may read the cache while another writes it. The folder must exist (see
    :func:`private_folder`); the file is readable by its user only, and appears under
    its name only when the block ends without an exception. Raises OSError (a full or
    read-only disk); no temporary file is left behind.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`open_atomically`)."""
    with open_atomically(path) as out:
        out.write(data)
