"""The true content of each file of the messy corpus: what a perfect loader would read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PERIOD = "2025-S2"
#: A cell whose true value cannot be read from the file (a formula never calculated).
UNKNOWN = "?"


@dataclass
class Request:
    """One real request row: the cells as typed (``cells``) and what they truly mean."""

    cells: dict[str, object]  # column key -> the value in the template's own writing
    diterima: dt.date
    pemberitahuan: dt.date | None | str  # str: UNKNOWN
    keputusan: str  # schema code
    biaya: float | None | str  # None: blank; str: UNKNOWN
    baris: int = 0  # the Excel row (CSV line) it ends up on


@dataclass
class Truth:
    """One file of the corpus and what it truly holds."""

    kind: str  # "07-tukar-hari-bulan": the kind of mess, as test ids show it
    what: str  # one line, for assertion messages
    file: str  # file name in the corpus folder
    kode_opd: str | None  # the OPD it truly belongs to
    requests: list[Request] = field(default_factory=list)
    usable: bool = True  # False: sent but unusable (tidak dapat dipakai)
    used: bool = True  # False: another file of the same OPD wins, or a colleague's file
    #: Each entry: words that one issue of this file (column + message) must all contain.
    notes: tuple[tuple[str, ...], ...] = ()
    berkala_rows: int | None = None  # true rows of Informasi Berkala, when this kind is about them
    kendala_rows: int | None = None
    berkala_dates: dict[int, dt.date] = field(default_factory=dict)  # baris -> date
    personal: tuple[str, ...] = ()  # personal-data values typed into this file

    @property
    def rows(self) -> int:
        return len(self.requests)

    def label(self) -> str:
        return f"[{self.kind}: {self.what}; {self.file}]"
