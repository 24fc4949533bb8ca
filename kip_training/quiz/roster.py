"""The OPD roster for the quiz's participant form (see :mod:`kip_training.roster`)."""

from __future__ import annotations

from pathlib import Path

from kip_training.errors import KipError
from kip_training.roster import Opd, Roster, read_roster

__all__ = ["Opd", "load_roster"]


def load_roster(path: Path | str | None = None) -> Roster:
    """The OPDs of the roster, in file order; an empty roster when it is missing or unusable.

    The quiz then falls back to a free-text OPD field, so a missing roster never
    stops a training session.
    """
    try:
        return read_roster(path)
    except (KipError, OSError, ValueError):  # the quiz falls back to free text
        return Roster()
