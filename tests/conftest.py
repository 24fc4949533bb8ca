"""Fixtures shared by several test modules."""

import pytest
from pgcluster import postgres_cluster

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


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory):
    """URL of an empty database on a throwaway PostgreSQL server (one per test run)."""
    with postgres_cluster(tmp_path_factory.mktemp("pg")) as url:
        yield url
