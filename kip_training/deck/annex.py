"""The xlsx annex written beside the deck (``X.pptx`` -> ``X_lampiran.xlsx``): the full
per-OPD tables the slides summarise, the check's findings and the Kendala sheet.

Every cell goes through :func:`kip_training.safe_export.write_row`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from kip_training.deck.facts import IntakeFacts
from kip_training.metrics import Comparison
from kip_training.reports import schema
from kip_training.safe_export import write_row, xlsx_workbook

SUFFIX = "_lampiran.xlsx"
DATE_FORMAT = "dd/mm/yyyy"

#: per_opd column -> header in the annex (in this order).
PER_OPD_COLUMNS = {
    "nama": "Nama OPD",
    "singkatan": "Singkatan",
    "kelompok": "Kelompok",
    "status": "Status laporan",
    "tanggal_laporan": "Tanggal laporan",
    "permohonan": "Permohonan",
    "dipenuhi_seluruhnya": "Dipenuhi seluruhnya",
    "dipenuhi_sebagian": "Dipenuhi sebagian",
    "ditolak": "Ditolak",
    "pemberitahuan": "Pemberitahuan",
    "tepat_10": "Tepat ≤10 HK",
    "tepat_17": "Tepat ≤17 HK (perpanjangan)",
    "terlambat": "Pemberitahuan terlambat",
    "persen_tepat_waktu": "Tepat waktu (%)",
    "hari_kerja_median": "Median hari kerja",
    "keberatan": "Keberatan",
    "sengketa": "Sengketa",
    "berkala_item": "Item berkala",
    "berkala_terbit": "Berkala terbit",
    "berkala_mutakhir": "Berkala mutakhir",
    "masalah_galat": "Galat",
    "masalah_peringatan": "Peringatan",
    "masalah_temuan": "Temuan",
    "indeks_kesiapan": "Indeks kesiapan (perkiraan internal)",
}
FIGURES = [k for k in PER_OPD_COLUMNS if k not in ("nama", "singkatan", "kelompok", "status")]


def annex_path(deck_path: Path | str) -> Path:
    path = Path(deck_path)
    return path.with_name(path.stem + SUFFIX)


def per_opd_table(comparison: Comparison) -> pd.DataFrame:
    """One row per roster OPD with every figure; no figure (empty cell) for an OPD whose
    report is missing or unusable, never 0."""
    per = comparison.current.per_opd.copy()
    usable = per["status_laporan"].isin(("tepat_waktu", "terlambat"))
    per["status"] = per["status_laporan"].map(schema.STATUS_LAPORAN)
    table = pd.DataFrame(index=per.index)
    for key in PER_OPD_COLUMNS:
        column = per[key] if key in per else pd.Series(None, index=per.index, dtype=object)
        if key in FIGURES:
            column = column.astype(object).where(usable, None)
        table[PER_OPD_COLUMNS[key]] = column
    pct = PER_OPD_COLUMNS["persen_tepat_waktu"]
    table[pct] = [None if v is None or pd.isna(v) else round(float(v) * 100, 1) for v in table[pct]]
    table.insert(0, "Kode OPD", [str(c) for c in per.index])
    if comparison.previous is not None and "persen_tepat_waktu" in comparison.previous.per_opd:
        before = comparison.previous.per_opd["persen_tepat_waktu"].reindex(per.index)
        before_pct = [None if pd.isna(v) else round(float(v) * 100, 1) for v in before]
        table[f"Tepat waktu {comparison.previous.period.title} (%)"] = before_pct
        table["Perubahan (poin persentase)"] = [
            None if a is None or b is None else round(a - b, 1)
            for a, b in zip(table[pct], before_pct, strict=True)
        ]
    return table.reset_index(drop=True)


#: Rows listed per kind of finding (the feedback workbooks of ``kip check`` list them all).
ROWS_LISTED = 20


FINDING_COLUMNS = (
    "Kode OPD",
    "Berkas",
    "Tingkat",
    "Lembar",
    "Kolom",
    "Jumlah",
    "Baris",
    "Yang perlu diperbaiki (contoh)",
)
_NUMBERS = re.compile(r"\d+")


def findings_table(findings) -> pd.DataFrame:
    """The check's findings grouped per OPD, severity, sheet, column and kind of message
    (its text with the numbers left out): how many, the rows, and one full message."""
    groups: dict[tuple, list] = {}
    kinds: dict[str, str] = {}  # message -> its kind: one OPD's findings repeat a few texts
    for f in findings:
        kind = kinds.get(f.message)
        if kind is None:
            kind = kinds[f.message] = _NUMBERS.sub("#", f.message)
        key = (f.kode_opd, f.file, f.severity, f.sheet, f.column, kind)
        group = groups.get(key)
        if group is None:
            groups[key] = group = [0, [], f.message]
        group[0] += 1
        if f.row is not None and not pd.isna(f.row):
            group[1].append(int(f.row))
    rows = [
        (*key[:5], count, _rows_listed(listed), example)
        for key, (count, listed, example) in groups.items()
    ]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


def _rows_listed(rows: list[int]) -> str:
    more = len(rows) - ROWS_LISTED
    return ", ".join(map(str, rows[:ROWS_LISTED])) + (f" dan {more} lainnya" if more > 0 else "")


def write_annex(comparison: Comparison, facts: IntakeFacts | None, path: Path | str) -> Path:
    """Write the annex workbook; raise :class:`DeckError` when it cannot be written."""
    target = Path(path)
    sheets = {"Per OPD": per_opd_table(comparison)}
    if facts is not None:
        sheets["Hasil pemeriksaan"] = findings_table(facts.findings)
        kendala = facts.kendala.rename(
            columns={"kode_opd": "Kode OPD", "jenis": "Jenis", "uraian": "Uraian"}
        )
        kendala["Jenis"] = kendala["Jenis"].map(lambda v: schema.JENIS_KENDALA.get(str(v), v))
        sheets["Kendala dan rekomendasi"] = kendala
    # xlsxwriter, row by row: a 1,000-OPD annex in a fraction of pandas' to_excel time
    with xlsx_workbook(target) as workbook:
        header = workbook.add_format({"bold": True})
        date = workbook.add_format({"num_format": DATE_FORMAT})
        for name, frame in sheets.items():
            sheet = workbook.add_worksheet(name)
            sheet.freeze_panes(1, 1)
            columns = [str(c) for c in frame.columns]
            for position, column in enumerate(columns):
                cells = [column] + [str(v) for v in frame[column].head(200) if v is not None]
                width = max(len(c) for c in cells)
                sheet.set_column(position, position, min(max(width, 8), 60))
            write_row(sheet, 0, columns, header)
            for number, values in enumerate(frame.itertuples(index=False, name=None), start=1):
                write_row(sheet, number, values, date_fmt=date)
    return target
