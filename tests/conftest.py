"""Fixtures shared by several test modules."""

import pytest

from kip_training.calendar import WorkingCalendar
from kip_training.paths import DATA_DIR
from kip_training.quiz.bank import load_bank


@pytest.fixture(scope="session")
def bank():
    """The bundled question bank."""
    return load_bank([DATA_DIR / "questions"])


@pytest.fixture(scope="session")
def calendar():
    """The national working-day calendar, without local extra days off."""
    return WorkingCalendar()
