"""Test-wide set-up: quiz answers and generated files go to a temporary folder.

The notebooks (run by nbval) and the tests read ``KIP_DB`` (quiz results store),
``KIP_OUTPUT`` (generated decks and sheets) and ``KIP_CACHE`` (loaded reports); without
this they would write into the user's data and cache folders and ``keluaran/``.
"""

import os
import tempfile
from pathlib import Path


def pytest_configure(config):
    scratch = Path(tempfile.mkdtemp(prefix="kip-test-"))
    os.environ.setdefault("KIP_DB", str(scratch / "hasil_kuis.sqlite"))
    os.environ.setdefault("KIP_OUTPUT", str(scratch / "keluaran"))
    os.environ.setdefault("KIP_CACHE", str(scratch / "simpanan"))
