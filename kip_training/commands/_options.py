"""Option values shared by several subcommands (not a subcommand: the name starts with _)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kip_training.errors import KipError

if TYPE_CHECKING:
    from kip_training.reports import Period


def period_option(text: str | None) -> Period | None:
    """The ``--periode`` value ("2025-S2") as a Period; None when not given.

    Raises KipError (shown as "Galat: …", exit status 2) when the text is no period.
    """
    if not text:
        return None
    from kip_training.reports import Period

    try:
        return Period.parse(text)
    except ValueError as exc:
        raise KipError(str(exc)) from None
