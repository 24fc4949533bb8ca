"""The follow-up register as plain data: one row per problem of one OPD.

A row carries a problem (``masalah``) to an agreed action (``tindakan``), an owner
(``penanggung_jawab``), a due date (``tenggat``) and a status. The deck proposes the
rows; the meeting edits them in the workbook; the next meeting reads them back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kip_training.reports.model import Period

#: Status values of a row, in the order the drop-down lists them.
BELUM, SEDANG, SELESAI = "Belum dikerjakan", "Sedang dikerjakan", "Selesai"
STATUSES = (BELUM, SEDANG, SELESAI)

#: Severity levels, most severe first; the register is ordered by them.
TINGGI, MENENGAH, RENDAH = "Tinggi", "Sedang", "Rendah"
LEVELS = (TINGGI, MENENGAH, RENDAH)


def level_rank(level: str) -> int:
    """0 for the most severe level; unknown levels last."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def raised(level: str) -> str:
    """One level more severe (a problem that repeats); ``Tinggi`` stays ``Tinggi``."""
    return LEVELS[max(0, level_rank(level) - 1)] if level in LEVELS else level


SHORT_LIMIT = 60


def first_sentence(text: str, limit: int = SHORT_LIMIT) -> str:
    """The first clause of ``text`` (up to ".", ";" or "("), cut to ``limit`` characters."""
    head = text.strip()
    for stop in (". ", "; ", " ("):
        if stop in head:
            head = head.split(stop, 1)[0]
    head = head.rstrip(".;")
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Item:
    """One row of the register.

    ``kind`` names the trigger (``tidak_melapor``, ``pemberitahuan_terlambat``, ...) and
    is empty for rows read back from a workbook. ``row`` is the workbook row it was read
    from (None for proposed rows).
    """

    kode_opd: str
    opd: str
    masalah: str
    tingkat: str
    tindakan: str
    penanggung_jawab: str
    tenggat: dt.date | None
    status: str = BELUM
    catatan: str = ""
    kind: str = ""
    row: int | None = None
    ringkas: str = ""  # the problem in a few words, for the slide
    tindakan_ringkas: str = ""  # the action in a few words, for the slide

    @property
    def short(self) -> str:
        """The problem in a few words: ``ringkas``, or the first sentence of ``masalah``."""
        return self.ringkas or first_sentence(self.masalah)

    @property
    def short_action(self) -> str:
        return self.tindakan_ringkas or first_sentence(self.tindakan)

    def overdue(self, on: dt.date) -> bool:
        """Whether the row is not done and its due date lies before ``on``."""
        return self.status != SELESAI and self.tenggat is not None and self.tenggat < on


@dataclass(frozen=True)
class Register:
    """The rows agreed at one meeting (``period``: the semester the meeting discussed)."""

    period: Period
    meeting: dt.date
    items: tuple[Item, ...] = ()
    next_report_due: dt.date | None = None

    @property
    def file_name(self) -> str:
        """``tindak_lanjut_2025-S2.xlsx``: the workbook written beside the deck."""
        return f"tindak_lanjut_{self.period.label}.xlsx"

    def opd_codes(self) -> list[str]:
        """The OPDs with rows, in register order."""
        return list(dict.fromkeys(item.kode_opd for item in self.items))

    def of(self, code: str) -> list[Item]:
        return [item for item in self.items if item.kode_opd == code]


@dataclass
class OpdProgress:
    """How far one OPD got with last meeting's rows."""

    kode_opd: str
    opd: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    overdue: list[Item] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def progress(items: list[Item] | tuple[Item, ...], on: dt.date) -> list[OpdProgress]:
    """Per OPD (in order of first appearance): rows per status and the overdue rows."""
    table: dict[str, OpdProgress] = {}
    for item in items:
        entry = table.setdefault(item.kode_opd, OpdProgress(item.kode_opd, item.opd))
        entry.counts[item.status] = entry.counts.get(item.status, 0) + 1
        if item.overdue(on):
            entry.overdue.append(item)
    return list(table.values())
