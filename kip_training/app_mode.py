"""What a notebook may read from the server when ``kip app`` serves it to a room.

``kip app`` sets ``KIP_APP=1`` and, with ``--folder-laporan``, ``KIP_APP_REPORTS``. In a
notebook served that way a participant can type a path into a box, so a path on the
server is read only when it lies inside that reports folder or the bundled sample
reports; without a reports folder the box is hidden and only uploads are checked.
Outside ``kip app`` (JupyterLab on one's own computer) every path may be read.
"""

from __future__ import annotations

import os
from pathlib import Path

from kip_training.errors import KipError
from kip_training.paths import DATA_DIR

APP_ENV = "KIP_APP"
REPORTS_ENV = "KIP_APP_REPORTS"
SAMPLE_REPORTS = DATA_DIR / "contoh" / "laporan"


def in_app() -> bool:
    """Whether this process runs under ``kip app``."""
    return os.environ.get(APP_ENV) == "1"


def reports_folder() -> Path | None:
    """The one server folder ``kip app --folder-laporan`` allows, else None."""
    folder = os.environ.get(REPORTS_ENV)
    return Path(folder).resolve() if in_app() and folder else None


def path_box_allowed() -> bool:
    """Whether a box for a server path may be shown."""
    return not in_app() or reports_folder() is not None


def check_server_path(path: Path) -> Path:
    """``path`` (``~`` expanded), or :class:`KipError` when ``kip app`` does not allow it.

    The check follows symbolic links, so a link inside the folder that points out of it
    is refused.
    """
    expanded = Path(path).expanduser()
    if not in_app():
        return expanded
    resolved = expanded.resolve()
    roots = [SAMPLE_REPORTS.resolve()]
    if (folder := reports_folder()) is not None:
        roots.append(folder)
    if any(resolved.is_relative_to(root) for root in roots):
        return expanded
    where = f"folder laporan {roots[-1]}" if len(roots) > 1 else "laporan contoh"
    raise KipError(
        f"Di aplikasi ini hanya {where} yang dapat dibaca dari server; "
        "unggah berkas laporan Anda dengan tombol Unggah laporan."
    )
