"""The session fixture: the corpus is built (LibreOffice included) and run through once."""

from __future__ import annotations

import pytest

from .corpus import build_corpus
from .run import Outputs, run_all


@pytest.fixture(scope="session")
def messy(tmp_path_factory) -> Outputs:
    root = tmp_path_factory.mktemp("messy")
    folder, truths = build_corpus(root)
    return run_all(root, folder, truths)
