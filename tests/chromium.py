"""Debian's Chromium as the browser tests start it (Playwright never downloads one)."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("KIP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
