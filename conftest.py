"""Test-wide set-up: quiz answers and generated files go to a temporary folder.

The notebooks (run by nbval) and the tests read ``KIP_DB`` (quiz results store) and
``KIP_OUTPUT`` (generated decks and sheets); without this they would write into the
user's data folder and ``keluaran/``.
"""

import os
import tempfile
from pathlib import Path


def pytest_configure(config):
    scratch = Path(tempfile.mkdtemp(prefix="kip-test-"))
    os.environ.setdefault("KIP_DB", str(scratch / "hasil_kuis.sqlite"))
    os.environ.setdefault("KIP_OUTPUT", str(scratch / "keluaran"))
