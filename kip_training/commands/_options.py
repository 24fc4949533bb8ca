"""Option values shared by several subcommands (not a subcommand: the name starts with _)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kip_training.errors import KipError

if TYPE_CHECKING:
    from kip_training.reports import Period


def add_cache_option(parser) -> None:
    """``--tanpa-cache``: read every report again instead of using the cache of loaded reports."""
    parser.add_argument(
        "--tanpa-cache",
        action="store_true",
        help="baca ulang semua laporan, jangan pakai simpanan hasil baca sebelumnya "
        "(bawaan: laporan yang tidak berubah sejak dibaca terakhir diambil dari simpanan)",
    )


def cache_option(args):
    """The report cache the command uses (None with ``--tanpa-cache`` or ``KIP_CACHE=off``)."""
    if getattr(args, "tanpa_cache", False):
        return None
    from kip_training.reports.cache import default_cache

    return default_cache()


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
