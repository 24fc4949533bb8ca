"""``kip app NOTEBOOK``: show one notebook without code, in Voilà.

A bare name is looked up in the bundled notebooks. What the notebook writes goes to
``keluaran/`` in the folder ``kip app`` was started from (``KIP_OUTPUT``, unless already set).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NAME = "app"
HELP = "tampilkan satu notebook tanpa kode (Voilà)"
ORDER = 81


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebook", metavar="NOTEBOOK", help="berkas .ipynb di notebooks/")
    parser.add_argument("--port", type=int, default=8866, help="port server (bawaan: 8866)")
    parser.add_argument("--no-browser", action="store_true", help="jangan buka peramban")


def run(args: argparse.Namespace) -> int:
    from kip_training.paths import NOTEBOOKS_DIR

    path = Path(args.notebook)
    if not path.is_file() and (NOTEBOOKS_DIR / path.name).is_file():
        path = NOTEBOOKS_DIR / path.name
    if not path.is_file() or path.suffix != ".ipynb":
        available = ", ".join(p.name for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb")))
        print(
            f"Galat: notebook '{args.notebook}' tidak ditemukan. Yang tersedia: {available}.",
            file=sys.stderr,
        )
        return 2
    os.environ.setdefault("KIP_OUTPUT", os.path.abspath("keluaran"))
    command = [sys.executable, "-m", "voila", str(path), f"--port={args.port}"]
    if args.no_browser:
        command.append("--no-browser")
    os.execv(sys.executable, command)
    return 0  # pragma: no cover
