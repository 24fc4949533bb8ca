"""Where the files that ship with the package live, found with :mod:`importlib.resources`.

The defaults (``kip_default.toml``) sit in the package itself; the sample data, the
templates and the notebooks are package data under ``kip_training/_bundled/``. In a source
checkout those are symlinks to the top-level ``data/``, ``templates/`` and ``notebooks/``
folders (one copy of each file); a built wheel carries the files themselves. Paths are
resolved, so a checkout shows its top-level folders, as before.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE = Path(resources.files(__package__))
BUNDLE_DIR = (_PACKAGE / "_bundled").resolve()
DATA_DIR = (BUNDLE_DIR / "data").resolve()
TEMPLATES_DIR = (BUNDLE_DIR / "templates").resolve()
NOTEBOOKS_DIR = (BUNDLE_DIR / "notebooks").resolve()
DEFAULT_CONFIG = _PACKAGE / "kip_default.toml"
