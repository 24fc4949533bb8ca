"""The toolkit's cache folder: results that are slow to compute and safe to compute again.

``$KIP_CACHE`` when set (``KIP_CACHE=off`` turns every cache off), else
``kip-training`` in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``).
Holds loaded reports (``laporan/``, see :mod:`kip_training.reports.cache`) and the
national days off of the working-day calendar (``kalender/``). Deleting the folder
only costs time.
"""

from __future__ import annotations

import os
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
