"""Start a participant's or trainer's server on JupyterHub with the toolkit ready to use.

JupyterHub starts every user's server with ``python -m kip_training.hub
jupyterhub-singleuser …`` (``deploy/jupyterhub_config.py``, the Helm values'
``singleuser.cmd``). Before handing over to the real command this:

- copies the bundled notebooks into ``~/pelatihan_kip/`` (files already there are kept,
  so a participant's own edits survive a restart);
- makes Voilà use the toolkit's Indonesian template and JupyterLab its Indonesian
  settings (:mod:`kip_training.voila_look`).

The same runs in the user's environment whatever the spawner (local processes, TLJH's
systemd units, Kubernetes pods), so the hub itself needs no kip-training installed.
``python -m kip_training.hub`` without a command only copies the notebooks.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from kip_training.paths import NOTEBOOKS_DIR
from kip_training.voila_look import lab_arguments, voila_environment

#: The folder in each user's home that holds the toolkit's notebooks.
FOLDER = "pelatihan_kip"
#: Where participants land (the quiz) and where the trainer lands (the dashboard).
PARTICIPANT_NOTEBOOK = "04_kuis_kewajiban_keterbukaan.ipynb"
TRAINER_NOTEBOOK = "06_dasbor_pelatih.ipynb"


def default_url(trainer: bool) -> str:
    """The page a user's server opens on: Voilà with the dashboard or the quiz."""
    notebook = TRAINER_NOTEBOOK if trainer else PARTICIPANT_NOTEBOOK
    return f"/voila/render/{FOLDER}/{notebook}"


def copy_notebooks(home: Path | str, source: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Copy the bundled notebooks into ``home/pelatihan_kip``; returns the files copied.

    A notebook already in the folder is left as it is.
    """
    target = Path(home) / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for notebook in sorted(Path(source).glob("*.ipynb")):
        destination = target / notebook.name
        if destination.exists():
            continue
        shutil.copyfile(notebook, destination)
        copied.append(destination)
    return copied


def server_command(command: Sequence[str]) -> list[str]:
    """``command`` with the options for JupyterLab in Indonesian and Voilà's template."""
    return [*command, *lab_arguments()]


def main(argv: Sequence[str] | None = None) -> int:
    """Copy the notebooks into ``$HOME``, then replace this process with the command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    home = Path(os.environ.get("HOME") or Path.home())
    copied = copy_notebooks(home)
    if copied:
        print(
            f"kip-training: {len(copied)} notebook disalin ke {home / FOLDER}",
            file=sys.stderr,
        )
    if not argv:
        return 0
    os.environ.update(voila_environment())
    # Spawners pass no PATH (JupyterHub keeps the hub's environment out): find the
    # server's programs next to this Python first.
    path = os.environ.get("PATH", os.defpath)
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), path])
    command = server_command(argv)
    os.execvp(command[0], command)
    return 1  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
