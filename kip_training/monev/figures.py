"""What the six-monthly reports already show, as one note per rubric data link.

A rubric sub-item may name a figure of the reports (``data: dip_terbit``); the evidence
checklist then starts with a note such as "dari laporan 2025-S2: 29 dari 36 OPD
mengumumkan DIP; belum: …". The notes are read from :func:`kip_training.metrics.summarize`
and the loaded periodic-information rows, so they say what ``kip check`` counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kip_training.textfmt import format_number, format_percent

#: Data link key -> what it shows (the keys a rubric's ``data`` may name).
LINKS: Mapping[str, str] = {
    "dip_terbit": "OPD yang mengumumkan Daftar Informasi Publik (DIP)",
    "berkala_mutakhir": "OPD yang memutakhirkan informasi berkala dalam enam bulan terakhir",
    "layanan_permohonan": "permohonan informasi, keputusan, dan ketepatan waktu pemberitahuan",
    "keberatan_sengketa": "keberatan dan sengketa informasi",
    "pelaporan_opd": "OPD yang menyampaikan laporan semester",
}
MAX_NAMES = 5
DIP_BASIS = "dip"


@dataclass(frozen=True)
class ReportFigures:
    """The notes of one period's reports, per data link."""

    period: str
    notes: Mapping[str, str] = field(default_factory=dict)
    issues: int = 0


def _names(labels: Iterable[str]) -> str:
    labels = list(labels)
    shown = ", ".join(labels[:MAX_NAMES])
    more = len(labels) - MAX_NAMES
    return shown + (f" (dan {more} lainnya)" if more > 0 else "")


def _n(value: float) -> str:
    return format_number(value)


def notes_from_summary(summary, berkala: pd.DataFrame) -> ReportFigures:
    """The notes for every link in :data:`LINKS`, from a period summary."""
    per = summary.per_opd
    totals = summary.totals
    n_opd = len(per)
    label = summary.period.label
    prefix = f"dari laporan {label}: "
    short = per["singkatan"].where(per["singkatan"].astype(bool), per["nama"])

    dip = berkala[berkala["dasar"] == DIP_BASIS]
    dip_codes = set(dip.loc[dip["diumumkan"] == "ya", "kode_opd"])
    without_dip = [short[c] for c in per.index if c not in dip_codes]
    dip_note = f"{len(dip_codes & set(per.index))} dari {n_opd} OPD mengumumkan DIP"
    if without_dip:
        dip_note += f"; belum: {_names(without_dip)}"

    fresh = per["berkala_mutakhir"] > 0
    berkala_note = (
        f"{int(fresh.sum())} dari {n_opd} OPD memutakhirkan informasi berkala dalam enam "
        f"bulan terakhir; {_n(totals['berkala_mutakhir'])} dari {_n(totals['berkala_item'])} "
        "butir yang dilaporkan mutakhir"
    )
    if not fresh.all():
        berkala_note += f"; belum: {_names(short[~fresh])}"

    service = f"{_n(totals['permohonan'])} permohonan informasi"
    if totals["pemberitahuan"]:
        service += (
            f"; {format_percent(totals['persen_tepat_waktu'])} diberi pemberitahuan tertulis "
            "tepat waktu"
        )
    service += (
        f"; {_n(totals['dipenuhi_seluruhnya'])} dipenuhi seluruhnya, "
        f"{_n(totals['dipenuhi_sebagian'])} sebagian, {_n(totals['ditolak'])} ditolak"
    )
    objections = (
        f"{_n(totals['keberatan'])} keberatan, {_n(totals['sengketa'])} di antaranya diajukan "
        "ke Komisi Informasi"
    )
    reporting = (
        f"{totals['opd_melapor']} dari {n_opd} OPD menyampaikan laporan yang dapat dipakai "
        f"({totals['opd_tepat_waktu']} tepat waktu, {totals['opd_terlambat']} terlambat)"
    )
    missing = [short[c] for c in summary.missing_opd + summary.unusable_opd]
    if missing:
        reporting += f"; belum: {_names(missing)}"
    notes = {
        "dip_terbit": dip_note,
        "berkala_mutakhir": berkala_note,
        "layanan_permohonan": service,
        "keberatan_sengketa": objections,
        "pelaporan_opd": reporting,
    }
    caveat = ""
    if totals.get("opd_tidak_lengkap"):
        caveat = (
            f" (laporan {totals['opd_tidak_lengkap']} OPD memuat baris yang ditolak: angka ini "
            "batas bawah)"
        )
    # Reporting status counts whole reports: rejected rows do not lower it.
    return ReportFigures(
        label,
        {k: prefix + v + ("" if k == "pelaporan_opd" else caveat) for k, v in notes.items()},
    )


def load_figures(paths: Iterable[Path | str], config) -> ReportFigures:
    """Load the reports under ``paths`` (one period) and return their notes.

    :class:`kip_training.errors.ReportError` when no report could be read.
    """
    from kip_training.errors import ReportError
    from kip_training.metrics import summarize
    from kip_training.reports import load_reports
    from kip_training.reports.cache import default_cache

    paths = list(paths)
    reports = load_reports(paths, config=config, cache=default_cache())
    if reports.period is None:
        where = ", ".join(str(p) for p in paths)
        raise ReportError(f"tidak ada laporan semester yang dapat dibaca di {where}.")
    figures = notes_from_summary(summarize(reports, config), reports.berkala)
    return ReportFigures(figures.period, figures.notes, len(reports.issues))
