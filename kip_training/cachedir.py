"""The toolkit's cache folder: results that are slow to compute and safe to compute again.

``$KIP_CACHE`` when set (``KIP_CACHE=off`` turns every cache off), else
``kip-training`` in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``).
Holds loaded reports (``laporan/``, see :mod:`kip_training.reports.cache`) and the
national days off of the working-day calendar (``kalender/``). Deleting the folder
only costs time.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CACHE_ENV = "KIP_CACHE"
OFF_VALUES = {"0", "off", "tidak", "no", "false"}


def cache_home() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None and value.strip().lower() in OFF_VALUES:
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kip-training"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: a reader sees the old file or the new one, never a part.

    Commands may read the cache while another writes it. Raises OSError (a full or
    read-only disk); no temporary file is left behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
