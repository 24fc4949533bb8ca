"""``kip lab``: open JupyterLab on the bundled notebooks folder, in Indonesian.

What the notebooks write goes to ``keluaran/`` in the folder ``kip lab`` was started from
(``KIP_OUTPUT``, unless already set), not next to the notebooks.

JupyterLab starts with the settings of :mod:`kip_training.voila_look`: the Indonesian
language pack, no Jupyter news pop-up, and Voilà's Indonesian template for "Render with
Voilà". The bundled notebooks are signed as trusted in the user's Jupyter notebook
signature store first, so JupyterLab and Voilà render them without asking.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NAME = "lab"
HELP = "buka JupyterLab (berbahasa Indonesia) pada folder notebooks/"
ORDER = 80


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8888, help="port server (bawaan: 8888)")
    parser.add_argument("--no-browser", action="store_true", help="jangan buka peramban")


def trust_notebooks(folder: Path) -> list[Path]:
    """Sign every notebook in ``folder`` as trusted (Jupyter's signature store); the paths."""
    import nbformat
    from nbformat.sign import NotebookNotary

    notary = NotebookNotary()
    signed = []
    for path in sorted(folder.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        if not notary.check_signature(notebook):
            notary.sign(notebook)
        signed.append(path)
    return signed


def lab_command(
    folder: Path, port: int, no_browser: bool, user_settings: Path | None = None
) -> list[str]:
    """The ``jupyter lab`` command line ``kip lab`` runs (Indonesian locale seeded)."""
    from kip_training.voila_look import lab_arguments, lab_user_settings_dir, seed_lab_locale

    user_settings = user_settings or lab_user_settings_dir()
    seed_lab_locale(user_settings)
    command = [sys.executable, "-m", "jupyter", "lab", str(folder), f"--port={port}"]
    command += lab_arguments(user_settings)
    if no_browser:
        command.append("--no-browser")
    return command


def run(args: argparse.Namespace) -> int:
    from kip_training.paths import NOTEBOOKS_DIR
    from kip_training.voila_look import voila_environment

    os.environ.setdefault("KIP_OUTPUT", os.path.abspath("keluaran"))
    os.environ.update(voila_environment())
    trust_notebooks(NOTEBOOKS_DIR)
    command = lab_command(NOTEBOOKS_DIR, args.port, args.no_browser)
    os.execv(sys.executable, command)
    return 0  # pragma: no cover
