"""``kip monev periksa``: the gaps of a filled checklist and an internal score estimate.

An item is **ready** when its status is "Siap", a responsible OPD is chosen, it names
evidence, and every piece of evidence passes :mod:`kip_training.monev.evidence`. Every
other item is a gap, with the reasons. The estimate per indicator is
``weight × ready items / items`` — *perkiraan internal, bukan nilai monev Komisi
Informasi*: the commission grades the content of the evidence, which no tool can.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kip_training.monev import checklist as layout
from kip_training.monev.evidence import check_evidence
from kip_training.monev.reading import Checklist, InputProblem, Row, read_checklist
from kip_training.roster import Roster, read_roster

ESTIMATE_LABEL = layout.ESTIMATE_LABEL
NO_OPD = "(OPD penanggung jawab belum dipilih)"

# Kinds of gap beyond the evidence problems of kip_training.monev.evidence.
NO_EVIDENCE = "tanpa_bukti"
NOT_READY = "belum_siap"
NO_OWNER = "tanpa_opd"


@dataclass(frozen=True)
class Gap:
    """One reason an item is not ready."""

    row: int
    kode_butir: str
    butir: str
    opd: str
    kind: str
    message: str

    @property
    def where(self) -> str:
        return f"sheet '{layout.CHECKLIST_TITLE}', baris {self.row}"


@dataclass(frozen=True)
class IndicatorScore:
    kode: str
    nama: str
    bobot: float
    butir: int
    siap: int

    @property
    def perkiraan(self) -> float:
        return self.bobot * self.siap / self.butir if self.butir else 0.0


@dataclass
class CheckResult:
    checklist: Checklist
    folder: Path
    limit_bytes: int
    gaps: list[Gap] = field(default_factory=list)
    scores: list[IndicatorScore] = field(default_factory=list)
    label: str = ESTIMATE_LABEL

    @property
    def problems(self) -> list[InputProblem]:
        return self.checklist.problems

    @property
    def items(self) -> int:
        return sum(s.butir for s in self.scores)

    @property
    def ready(self) -> int:
        return sum(s.siap for s in self.scores)

    @property
    def completeness(self) -> float:
        return self.ready / self.items if self.items else 0.0

    @property
    def estimate(self) -> float:
        return sum(s.perkiraan for s in self.scores)

    def gaps_by_opd(self) -> dict[str, list[Gap]]:
        """Gaps grouped by responsible OPD (most gaps first, then by name)."""
        groups: dict[str, list[Gap]] = {}
        for gap in self.gaps:
            groups.setdefault(gap.opd, []).append(gap)
        return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))

    @property
    def exit_code(self) -> int:
        return 1 if self.gaps or self.problems else 0


def _row_gaps(row: Row, folder: Path, limit_bytes: int) -> list[Gap]:
    owner = row.opd.label if row.opd else NO_OPD

    def gap(kind: str, message: str) -> Gap:
        return Gap(row.row, row.kode_butir, row.butir, owner, kind, message)

    gaps = []
    if row.opd is None:
        gaps.append(gap(NO_OWNER, "OPD penanggung jawab belum dipilih."))
    if not row.evidence:
        if row.status == layout.READY:
            gaps.append(gap(NO_EVIDENCE, "status 'Siap' tetapi berkas bukti atau tautan kosong."))
        else:
            gaps.append(gap(NO_EVIDENCE, "bukti belum ada."))
        return gaps
    for entry in row.evidence:
        gaps += [gap(p.kind, p.message) for p in check_evidence(folder, entry, limit_bytes)]
    if row.status != layout.READY:
        now = f" (masih '{row.status}')" if row.status else ""
        gaps.append(gap(NOT_READY, f"status belum 'Siap'{now}; ubah menjadi 'Siap' bila final."))
    return gaps


def check_checklist(
    path: Path | str, folder: Path | str, roster: Roster, limit_bytes: int
) -> CheckResult:
    """Read the checklist at ``path`` and check every item's evidence in ``folder``."""
    checklist = read_checklist(path, roster)
    result = CheckResult(checklist, Path(folder), limit_bytes)
    ready: dict[str, int] = {}
    for row in checklist.rows:
        gaps = _row_gaps(row, result.folder, limit_bytes)
        result.gaps += gaps
        if not gaps:
            ready[row.kode_indikator] = ready.get(row.kode_indikator, 0) + 1
    result.scores = [
        IndicatorScore(i.kode, i.nama, i.bobot, i.butir, min(ready.get(i.kode, 0), i.butir))
        for i in checklist.indicators
    ]
    return result


def check_checklist_files(
    config, checklist: Path | str, bukti: Path | str | None = None
) -> CheckResult:
    """:func:`check_checklist` with the roster and evidence size limit of ``config``;
    ``bukti`` defaults to the folder ``bukti`` next to the checklist."""
    checklist = Path(checklist)
    folder = Path(bukti) if bukti else checklist.parent / "bukti"
    return check_checklist(
        checklist, folder, read_roster(config.roster_path), config.monev_prep.limit_bytes
    )
