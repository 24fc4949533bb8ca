"""How the notebooks look to trainees: Voilà in Indonesian, JupyterLab in Indonesian.

- **Voilà** (``kip app``, and "Render with Voilà" inside ``kip lab``) uses the template
  ``kip`` shipped in ``kip_training/look/voila/templates/kip``: Voilà's lab template
  with the loading text in Indonesian ("Menyiapkan halaman…", "Menyiapkan bagian 3 dari
  12…" instead of "Running …", "Executing 3 of 12"), the page language ``id``, and text
  marked ``<div class="kip-lab-saja">`` (how to run cells in JupyterLab) hidden. Voilà
  finds templates under ``<folder>/voila/templates`` for every folder on
  ``JUPYTER_PATH``, so :func:`voila_environment` puts ``kip_training/look`` there.
- **JupyterLab** (``kip lab``) reads :data:`LAB_SETTINGS` as its application settings
  folder: ``overrides.json`` there selects the Indonesian language pack and turns the
  Jupyter news pop-up and update check off. Users' own settings still win. The server
  translates menus only for a locale in the *user* settings (an override is not read
  there), so ``kip lab`` also keeps its own user-settings folder
  (:func:`lab_user_settings_dir`, in the user's data folder) and writes the Indonesian
  locale into it unless a locale was chosen there already.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

LOOK_DIR = Path(__file__).resolve().parent / "look"
#: The Voilà template's name (folder ``look/voila/templates/kip``).
TEMPLATE = "kip"
TEMPLATE_DIR = LOOK_DIR / "voila" / "templates" / TEMPLATE
#: JupyterLab's application settings folder for ``kip lab`` (holds ``overrides.json``).
LAB_SETTINGS = LOOK_DIR / "lab_settings"
#: Class of Markdown blocks meant only for JupyterLab (hidden by the Voilà template).
LAB_ONLY_CLASS = "kip-lab-saja"
LOCALE = "id_ID"
_LOCALE_FILE = Path("@jupyterlab") / "translation-extension" / "plugin.jupyterlab-settings"


def voila_arguments() -> list[str]:
    """Command-line options that make Voilà (or its server extension) use the template."""
    return [f"--VoilaConfiguration.template={TEMPLATE}", "--HTMLExporter.language_code=id"]


def voila_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables to set so Voilà finds the template: ``JUPYTER_PATH`` with ``look/``."""
    environ = os.environ if environ is None else environ
    paths = [p for p in environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(LOOK_DIR) not in paths:
        paths.insert(0, str(LOOK_DIR))
    return {"JUPYTER_PATH": os.pathsep.join(paths)}


def lab_user_settings_dir() -> Path:
    """JupyterLab's user-settings folder of ``kip lab`` (in the user's data folder)."""
    return Path(user_data_dir("kip-training", appauthor=False)) / "jupyterlab-user-settings"


def seed_lab_locale(folder: Path) -> Path:
    """Write the Indonesian locale into a user-settings folder unless it has one; the file."""
    path = Path(folder) / _LOCALE_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"locale": LOCALE}, indent=2) + "\n", encoding="utf-8")
    return path


def lab_arguments(user_settings_dir: Path | None = None) -> list[str]:
    """Command-line options for ``jupyter lab``: Indonesian, no news, Voilà's template."""
    user = [f"--LabApp.user_settings_dir={user_settings_dir}"] if user_settings_dir else []
    return [
        *user,
        f"--LabApp.app_settings_dir={LAB_SETTINGS}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *voila_arguments(),
    ]
