"""``kip lab``: open JupyterLab on the bundled notebooks folder.

What the notebooks write goes to ``keluaran/`` in the folder ``kip lab`` was started from
(``KIP_OUTPUT``, unless already set), not next to the notebooks.
"""

from __future__ import annotations

import argparse
import os
import sys

NAME = "lab"
HELP = "buka JupyterLab pada folder notebooks/"
ORDER = 80


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8888, help="port server (bawaan: 8888)")
    parser.add_argument("--no-browser", action="store_true", help="jangan buka peramban")


def run(args: argparse.Namespace) -> int:
    from kip_training.paths import NOTEBOOKS_DIR

    os.environ.setdefault("KIP_OUTPUT", os.path.abspath("keluaran"))
    command = [sys.executable, "-m", "jupyter", "lab", str(NOTEBOOKS_DIR), f"--port={args.port}"]
    if args.no_browser:
        command.append("--no-browser")
    os.execv(sys.executable, command)
    return 0  # pragma: no cover
