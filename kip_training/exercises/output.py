"""Where the notebooks write their files (light: the quiz notebooks import it)."""

from __future__ import annotations

import os
from pathlib import Path


def output_dir() -> Path:
    """Folder for files the notebooks write: ``KIP_OUTPUT``, else ``keluaran/`` in the cwd.

    ``kip lab`` and ``kip app`` set ``KIP_OUTPUT`` to ``keluaran/`` in the folder they were
    started from; tests and unattended runs set it to a temporary folder.
    """
    path = Path(os.environ.get("KIP_OUTPUT") or Path.cwd() / "keluaran")
    path.mkdir(parents=True, exist_ok=True)
    return path
