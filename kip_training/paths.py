"""Where the project's bundled files live (the package is installed in editable mode)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("KIP_HOME", Path(__file__).resolve().parent.parent))
DATA_DIR = PROJECT_ROOT / "data"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DEFAULT_CONFIG = Path(__file__).resolve().parent / "kip_default.toml"
