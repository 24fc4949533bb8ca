"""Reference tables for the notebooks, built from :mod:`kip_training.law` (Indonesian headers).

The notebooks show these instead of typing legal numbers into their text, so a change
in ``law.py`` reaches every training module.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from kip_training import law
from kip_training.monev import registry as monev_registry
from kip_training.textfmt import format_number

CONFIDENCE_LABELS = {
    law.TEKS: "teks pasal",
    law.SEKUNDER: "sumber sekunder",
    law.BELUM_PASTI: "belum pasti",
}


def deadline_table() -> pd.DataFrame:
    """Every KIP deadline: what, how many working days, counted from, article."""
    return pd.DataFrame(
        [
            {
                "Tenggat": d.label,
                "Hari kerja": d.working_days,
                "Dihitung sejak": d.counted_from,
                "Dasar hukum": d.basis,
            }
            for d in law.DEADLINES.values()
        ]
    ).set_index("Tenggat")


def category_table() -> pd.DataFrame:
    """The four categories of public information with their article and content."""
    return pd.DataFrame(
        [
            {
                "Kategori": c.label,
                "Pasal": c.article,
                "Isi": c.description,
                "Keyakinan": CONFIDENCE_LABELS[c.confidence],
            }
            for c in law.CATEGORIES.values()
        ]
    ).set_index("Kategori")


def pasal_17_table() -> pd.DataFrame:
    """Pasal 17 letters a–j, with whether the exemption is time-limited (Pasal 20 ayat (1))."""
    return pd.DataFrame(
        [
            {
                "Huruf": letter,
                "Informasi yang bila dibuka dapat…": text,
                "Tidak permanen (Pasal 20 ayat (1))": "ya"
                if letter in law.PASAL_17_NOT_PERMANENT
                else "",
            }
            for letter, text in law.PASAL_17.items()
        ]
    ).set_index("Huruf")


def sanction_table() -> pd.DataFrame:
    """The sanctions of UU KIP Pasal 51–53 (the ones the toolkit states with figures)."""
    return pd.DataFrame(
        [
            {
                "Pasal": s.article,
                "Siapa / perbuatan": s.subject,
                "Pidana paling lama": s.max_prison,
                "Denda paling banyak": f"Rp{format_number(s.max_fine_rp)}" if s.max_fine_rp else "",
            }
            for s in law.SANCTIONS.values()
        ]
    ).set_index("Pasal")


def objection_table() -> pd.DataFrame:
    """The grounds of an objection (Pasal 35 ayat (1)) and which may be settled by deliberation."""
    return pd.DataFrame(
        [
            {
                "Huruf": letter,
                "Alasan keberatan": text,
                "Dapat diselesaikan musyawarah (Pasal 35 ayat (2))": "ya"
                if letter in law.PASAL_35_MUSYAWARAH
                else "",
            }
            for letter, text in law.PASAL_35_GROUNDS.items()
        ]
    ).set_index("Huruf")


def monev_table() -> pd.DataFrame:
    """The monev qualification bands of each registry entry that has bands, with its years."""
    rows = []
    for entry in monev_registry.registry().entries:
        bands = entry.bands
        for index, band in enumerate(bands):
            upper = "100" if index == 0 else f"< {bands[index - 1].minimum:g}"
            rows.append(
                {
                    "Berlaku": entry.label,
                    "Kualifikasi": band.kualifikasi,
                    "Nilai": f"{band.minimum:g} sampai {upper}",
                    "Keyakinan": CONFIDENCE_LABELS[entry.confidence],
                }
            )
    return pd.DataFrame(rows).set_index(["Berlaku", "Kualifikasi"])


TABLE_STYLE = (
    "<style>.kip-tabel{border-collapse:collapse;margin:4px 0}"
    ".kip-tabel td,.kip-tabel th{text-align:left !important;vertical-align:top;"
    "line-height:1.35;padding:4px 8px;border-bottom:1px solid #ddd}"
    ".kip-tabel th{background:#f3f3f3}</style>"
)


def table_html(frame: pd.DataFrame, index: bool = True) -> str:
    """A table as HTML: every cell in full (no "..."), text left-aligned, values escaped."""
    with pd.option_context("display.max_colwidth", None):
        body = frame.to_html(classes="kip-tabel", escape=True, border=0, index=index, na_rep="")
    return TABLE_STYLE + body


def show(frame: pd.DataFrame, index: bool = True):
    """Display a table in a notebook (JupyterLab and Voilà) without cutting long text."""
    return HTML(table_html(frame, index))
