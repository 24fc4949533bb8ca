"""The deck's monev slide: last year's Komisi Informasi result, this year's evidence
checklist and the monev timeline (data from :mod:`kip_training.monev.slide`)."""

from __future__ import annotations

from kip_training.deck.common import join_names
from kip_training.deck.model import (
    Bullets,
    Columns,
    Figure,
    Figures,
    Slide,
    Text,
)
from kip_training.monev.slide import MonevSlide
from kip_training.textfmt import format_date, format_number, format_percent

#: OPDs listed with their gaps on the slide (the rest are counted in the notes).
TOP_GAPS = 8


def has_content(monev: MonevSlide) -> bool:
    """Whether there is anything to show: a score of last year, a checklist or a timeline."""
    return bool(monev.nilai_tahun_lalu is not None or monev.butir_total or monev.jadwal)


def _title(monev: MonevSlide) -> str:
    if monev.butir_total:
        return (
            f"Monev {monev.tahun}: {monev.butir_siap} dari {monev.butir_total} butir bukti "
            f"siap; {len(monev.kekurangan_per_opd)} OPD masih punya kekurangan"
        )
    if monev.nilai_tahun_lalu is not None:
        return (
            f"Monev {monev.tahun}: berangkat dari nilai {monev.tahun - 1} "
            f"{format_number(monev.nilai_tahun_lalu, 2)}"
        )
    return f"Monev {monev.tahun}: jadwal persiapan"


def monev_slide(monev: MonevSlide) -> Slide:
    """One slide: last year's result (the KI's own band), checklist completeness with the
    internal estimate labelled as such, gaps per OPD, and the timeline."""
    figures = []
    if monev.nilai_tahun_lalu is not None:
        band = (
            f" ({monev.kualifikasi_tahun_lalu}, menurut batas KI)"
            if (monev.kualifikasi_tahun_lalu)
            else ""
        )
        rank = (
            f"peringkat {monev.peringkat_tahun_lalu}"
            if monev.peringkat_tahun_lalu is not None
            else ""
        )
        figures.append(
            Figure(
                f"Nilai monev {monev.tahun - 1}",
                format_number(monev.nilai_tahun_lalu, 2),
                (rank + band).strip(),
            )
        )
    if monev.butir_total:
        figures.append(
            Figure(
                "Bukti siap",
                format_percent(monev.kelengkapan or 0.0),
                f"{monev.butir_siap} dari {monev.butir_total} butir",
            )
        )
    if monev.perkiraan_nilai is not None:
        figures.append(
            Figure("Perkiraan nilai", format_number(monev.perkiraan_nilai, 1), "perkiraan internal")
        )
    blocks: list = []
    if figures:
        blocks.append(Figures(tuple(figures)))
    if monev.perkiraan_nilai is not None:
        blocks.append(Text((monev.label_perkiraan,), emphasis=True))
    side: list = []
    if monev.kekurangan_per_opd:
        shown = monev.kekurangan_per_opd[:TOP_GAPS]
        rest = len(monev.kekurangan_per_opd) - len(shown)
        side.append(
            Bullets(
                ((0, "Kekurangan bukti per OPD:"),)
                + tuple((1, f"{opd}: {n} butir") for opd, n in shown)
                + (((1, f"dan {rest} OPD lain"),) if rest else ())
            )
        )
    if monev.jadwal:
        side.append(
            Bullets(
                ((0, "Jadwal monev:"),)
                + tuple(
                    (
                        1,
                        f"{stage.tahap}: {format_date(stage.mulai, weekday=False)}"
                        + (
                            f" – {format_date(stage.selesai, weekday=False)}"
                            if stage.selesai
                            else ""
                        ),
                    )
                    for stage in monev.jadwal
                )
            )
        )
    if len(side) == 2:
        blocks.append(Columns(tuple(side)))
    else:
        blocks.extend(side)
    gaps = [f"{opd} ({n})" for opd, n in monev.kekurangan_per_opd]
    notes = [f"Persiapan monev keterbukaan informasi {monev.tahun} oleh Komisi Informasi."]
    if monev.nilai_tahun_lalu is not None:
        notes.append(
            f"Nilai {monev.tahun - 1}: {format_number(monev.nilai_tahun_lalu, 2)}"
            + (f", peringkat {monev.peringkat_tahun_lalu}" if monev.peringkat_tahun_lalu else "")
            + (
                f"; kualifikasi {monev.kualifikasi_tahun_lalu} menurut batas Komisi Informasi."
                if monev.kualifikasi_tahun_lalu
                else "."
            )
        )
    if monev.butir_total:
        notes.append(
            f"Daftar bukti: {monev.butir_siap} dari {monev.butir_total} butir siap. "
            f"OPD dengan kekurangan: {join_names(gaps, 20) or 'tidak ada'}. "
            f"{monev.label_perkiraan}."
        )
    if monev.rubrik_contoh:
        notes.append("Daftar bukti dibuat dari rubrik CONTOH, bukan rubrik resmi Komisi Informasi.")
    notes.append("Tanyakan: bukti mana yang bisa dilengkapi OPD sebelum tahap berikutnya?")
    return Slide(
        key="monev",
        layout="isi",
        title=_title(monev),
        agenda="Persiapan monev",
        blocks=tuple(blocks),
        notes=" ".join(notes),
    )
