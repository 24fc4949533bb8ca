"""What the deck's monev slide needs, as plain data (the deck decides how to draw it).

:func:`monev_slide` gathers last year's score and rank (kip.toml ``[monev]
nilai_tahun_lalu``, ``peringkat_tahun_lalu``; the band is the Komisi Informasi's, read
with the configured commission's bands), this year's checklist completeness and gaps by
OPD (from :func:`kip_training.monev.check.check_checklist`, when a checklist is given),
and the monev timeline (``[[monev.jadwal]]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kip_training.errors import KipError
from kip_training.monev.settings import ESTIMATE_LABEL, Stage

if TYPE_CHECKING:  # the check reads workbooks and PDFs: the deck imports it only to check
    from kip_training.monev.check import CheckResult


@dataclass(frozen=True)
class MonevSlide:
    """The monev slide's content. Fields are None where nothing is known."""

    tahun: int
    nilai_tahun_lalu: float | None
    peringkat_tahun_lalu: int | None
    #: The KI's band of last year's score (e.g. "Menuju Informatif"); None without a score.
    kualifikasi_tahun_lalu: str | None
    #: Share (0–1) of the checklist's items that are ready; None without a checklist.
    kelengkapan: float | None
    butir_siap: int
    butir_total: int
    #: (OPD label, number of gaps), most gaps first.
    kekurangan_per_opd: tuple[tuple[str, int], ...]
    #: Internal estimate (0–100) from the checklist; always shown with ``label_perkiraan``.
    perkiraan_nilai: float | None
    jadwal: tuple[Stage, ...]
    #: True when the checklist was made from the bundled example rubric.
    rubrik_contoh: bool = False
    label_perkiraan: str = ESTIMATE_LABEL


def monev_slide(config, year: int, result: CheckResult | None = None) -> MonevSlide:
    """The slide for the monev of ``year`` (last year = ``year - 1``)."""
    prep = config.monev_prep
    band = None
    if prep.nilai_tahun_lalu is not None:
        try:
            band = config.kualifikasi(prep.nilai_tahun_lalu, year - 1)
        except KipError:  # no bands that year (KI Pusat ranked before 2018)
            band = None
    gaps = ()
    if result is not None:
        gaps = tuple((opd, len(items)) for opd, items in result.gaps_by_opd().items())
    return MonevSlide(
        tahun=year,
        nilai_tahun_lalu=prep.nilai_tahun_lalu,
        peringkat_tahun_lalu=prep.peringkat_tahun_lalu,
        kualifikasi_tahun_lalu=band,
        kelengkapan=None if result is None else result.completeness,
        butir_siap=0 if result is None else result.ready,
        butir_total=0 if result is None else result.items,
        kekurangan_per_opd=gaps,
        perkiraan_nilai=None if result is None else result.estimate,
        jadwal=prep.jadwal,
        rubrik_contoh=bool(result and result.checklist.contoh),
    )
