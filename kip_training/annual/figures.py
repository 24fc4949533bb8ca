"""The annual report's figures, as tables: UU KIP Pasal 12 per OPD and in total, objections
and disputes, obstacles grouped, and how complete the data is.

Tables are DataFrames with Indonesian column titles and plain numbers (the Word
document formats them the Indonesian way; the workbook keeps them as numbers). Every
figure is computed over the accepted rows of both semesters together, so a median is
the median of the year, not a mean of two medians.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kip_training import law
from kip_training.annual.load import YearReports
from kip_training.reports import schema
from kip_training.reports.model import GALAT, Period, ReportSet

ANSWER_DAYS = law.DEADLINES["tanggapan_keberatan"].working_days
OTHER_DECISIONS = ("tidak_dikuasai", "belum_didokumentasikan", "dalam_proses")
UNCLASSIFIED = "Tidak digolongkan"


@dataclass
class DataNote:
    """How complete one semester's data is: files and rows in use, and what was left out."""

    period: Period
    files: int
    files_used: int
    rows_read: int
    rows_rejected: int
    errors: int
    excluded: list[tuple[str, str]]  # (file name, why it is not used)
    missing_opd: list[str]
    unusable_opd: list[str]
    incomplete_opd: list[str]


@dataclass
class AnnualFigures:
    """Everything the annual report shows, for one year."""

    year: int
    totals: dict[str, float]
    per_semester: pd.DataFrame
    per_opd: pd.DataFrame
    refusals: pd.DataFrame
    objection_grounds: pd.DataFrame
    objection_answers: pd.DataFrame
    disputes: pd.DataFrame
    obstacles: pd.DataFrame
    recommendations: pd.DataFrame
    notice_days: pd.Series
    notes: list[DataNote] = field(default_factory=list)
    other_years: list[tuple[str, str]] = field(default_factory=list)
    semesters_missing: list[Period] = field(default_factory=list)


def _concat(year: YearReports, sheet: str) -> pd.DataFrame:
    frames = [r.frame(sheet).assign(semester=r.period.label) for r in year.loaded]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _days(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").dropna()


def _request_row(req: pd.DataFrame) -> dict[str, float]:
    """The Pasal 12 figures of some requests (a semester, an OPD, the year)."""
    decisions = req["keputusan"].value_counts()
    days = _days(req["hari_kerja"])
    return {
        "Permohonan": len(req),
        "Dipenuhi seluruhnya": int(decisions.get("dipenuhi_seluruhnya", 0)),
        "Dipenuhi sebagian": int(decisions.get("dipenuhi_sebagian", 0)),
        "Ditolak": int(decisions.get("ditolak", 0)),
        "Tidak dikuasai": int(decisions.get("tidak_dikuasai", 0)),
        "Belum didokumentasikan": int(decisions.get("belum_didokumentasikan", 0)),
        "Dalam proses": int(decisions.get("dalam_proses", 0)),
        "Median hari kerja": float(days.median()) if len(days) else np.nan,
        "Maks. hari kerja": float(days.max()) if len(days) else np.nan,
    }


def _per_semester(req: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    rows = []
    for period in periods:
        row = _request_row(req[req["semester"] == period.label]) if len(req) else {}
        rows.append({"Periode": period.title, **row})
    rows.append({"Periode": "Jumlah setahun", **_request_row(req)})
    return pd.DataFrame(rows).fillna({"Permohonan": 0})


def _per_opd(req: pd.DataFrame, obj: pd.DataFrame, roster: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for code, name in zip(roster["kode"], roster["nama"], strict=True):
        mine = req[req["kode_opd"] == code]
        row = _request_row(mine)
        row["Keberatan"] = int((obj["kode_opd"] == code).sum()) if len(obj) else 0
        rows.append({"Kode": code, "OPD": name, **row})
    table = pd.DataFrame(rows)
    total = {"Kode": "", "OPD": "Jumlah", **_request_row(req), "Keberatan": len(obj)}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def _refusals(req: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    refused = req[req["keputusan"] == "ditolak"] if len(req) else req
    rows = []
    for letter, label in law.PASAL_17.items():
        row = {"Huruf Pasal 17": letter, "Alasan (UU KIP Pasal 17)": label}
        for period in periods:
            mine = refused[refused["semester"] == period.label] if len(refused) else refused
            row[period.title] = int((mine["pasal_17"] == letter).sum()) if len(mine) else 0
        row["Jumlah"] = int((refused["pasal_17"] == letter).sum()) if len(refused) else 0
        rows.append(row)
    without = int(refused["pasal_17"].isna().sum()) if len(refused) else 0
    if without:
        row = {"Huruf Pasal 17": "-", "Alasan (UU KIP Pasal 17)": "huruf tidak diisi"}
        for period in periods:
            mine = refused[refused["semester"] == period.label]
            row[period.title] = int(mine["pasal_17"].isna().sum())
        rows.append({**row, "Jumlah": without})
    return pd.DataFrame(rows)


def _objection_grounds(obj: pd.DataFrame) -> pd.DataFrame:
    rows = [
        {
            "Huruf Pasal 35 ayat (1)": letter,
            "Alasan keberatan": label,
            "Jumlah": int((obj["alasan"] == letter).sum()) if len(obj) else 0,
        }
        for letter, label in law.PASAL_35_GROUNDS.items()
    ]
    return pd.DataFrame(rows)


def _objection_answers(obj: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, float]]:
    n = len(obj)
    days = _days(obj["hari_kerja_tanggapan"]) if n else pd.Series(dtype=float)
    answered = len(days)
    within = int((days <= ANSWER_DAYS).sum())
    figures = {
        "keberatan": n,
        "keberatan_ditanggapi": answered,
        "tanggapan_tepat": within,
        "tanggapan_terlambat": answered - within,
        "keberatan_belum_ditanggapi": n - answered,
        "tanggapan_median": float(days.median()) if answered else np.nan,
        "tanggapan_maks": float(days.max()) if answered else np.nan,
    }
    rows = [
        ("Keberatan diterima", n),
        ("Ditanggapi Atasan PPID", answered),
        (f"Ditanggapi paling lambat {ANSWER_DAYS} hari kerja", within),
        (f"Ditanggapi lebih dari {ANSWER_DAYS} hari kerja", answered - within),
        ("Belum ditanggapi (tanpa tanggal tanggapan)", n - answered),
        ("Median lama menanggapi (hari kerja)", figures["tanggapan_median"]),
        ("Lama menanggapi terpanjang (hari kerja)", figures["tanggapan_maks"]),
    ]
    return pd.DataFrame(rows, columns=["Uraian", "Jumlah"]), figures


def _disputes(obj: pd.DataFrame) -> pd.DataFrame:
    disputes = obj[obj["ke_komisi"] == "ya"] if len(obj) else obj
    rows = [
        {
            "Hasil sengketa di Komisi Informasi": label,
            "Jumlah": int((disputes["hasil_sengketa"] == code).sum()) if len(disputes) else 0,
        }
        for code, label in schema.HASIL_SENGKETA.items()
    ]
    blank = int(disputes["hasil_sengketa"].isna().sum()) if len(disputes) else 0
    if blank:
        rows.append({"Hasil sengketa di Komisi Informasi": "Hasil tidak diisi", "Jumlah": blank})
    return pd.DataFrame(rows)


def _same_text(text: object) -> str:
    return re.sub(r"[\W_]+", " ", str(text).lower()).strip()


def _grouped(kendala: pd.DataFrame, kinds: tuple[str, ...]) -> pd.DataFrame:
    """Statements of the given kinds, the same statement once, with every OPD that made it."""
    columns = ["Jenis", "Uraian", "OPD", "Jumlah OPD"]
    if not len(kendala):
        return pd.DataFrame(columns=columns)
    jenis = kendala["jenis"].where(kendala["jenis"].notna(), None)
    chosen = kendala[jenis.isin(kinds) | (jenis.isna() & ("kendala_internal" in kinds))]
    order = {kind: i for i, kind in enumerate(kinds)}
    groups: dict[tuple[str, str], dict] = {}
    for row in chosen.itertuples(index=False):
        kind = row.jenis if isinstance(row.jenis, str) else ""
        key = (kind, _same_text(row.uraian))
        group = groups.setdefault(key, {"uraian": str(row.uraian).strip(), "opd": set()})
        group["opd"].add(row.kode_opd)
    rows = [
        {
            "Jenis": schema.JENIS_KENDALA.get(kind, UNCLASSIFIED),
            "Uraian": group["uraian"],
            "OPD": ", ".join(sorted(group["opd"])),
            "Jumlah OPD": len(group["opd"]),
            "_order": (order.get(kind, len(order)), -len(group["opd"]), group["uraian"]),
        }
        for (kind, _), group in groups.items()
    ]
    rows.sort(key=lambda r: r["_order"])
    return pd.DataFrame(rows, columns=[*columns, "_order"]).drop(columns="_order")


def _why_unused(result) -> str:
    whole = [i for i in result.issues if i.row is None and i.severity in (GALAT, "peringatan")]
    if whole:
        return whole[0].message
    return "berkas tidak dapat dipakai"


def data_note(reports: ReportSet) -> DataNote:
    table = reports.opd_table()
    return DataNote(
        period=reports.period,
        files=len(reports.files),
        files_used=sum(1 for f in reports.files if f.used),
        rows_read=sum(f.rows_read for f in reports.files),
        rows_rejected=sum(f.rows_rejected for f in reports.files),
        errors=reports.count(GALAT),
        excluded=[(f.file, _why_unused(f)) for f in reports.files if not f.used],
        missing_opd=reports.missing_opd(),
        unusable_opd=reports.unusable_opd(),
        incomplete_opd=[o["kode"] for o in table if not o["lengkap"]],
    )


def annual_figures(year: YearReports) -> AnnualFigures:
    """The report's tables for ``year`` (both semesters; a missing one counts as empty)."""
    periods = [Period(year.year, 1), Period(year.year, 2)]
    roster = year.loaded[0].roster if year.loaded else pd.DataFrame(columns=["kode", "nama"])
    req = _concat(year, "permohonan")
    obj = _concat(year, "keberatan")
    kendala = _concat(year, "kendala")
    per_semester = _per_semester(req, periods)
    answers, objection_figures = _objection_answers(obj)
    totals = dict(per_semester.iloc[-1].drop("Periode"))
    totals.update(objection_figures)
    totals["sengketa"] = int((obj["ke_komisi"] == "ya").sum()) if len(obj) else 0
    return AnnualFigures(
        year=year.year,
        totals=totals,
        per_semester=per_semester,
        per_opd=_per_opd(req, obj, roster),
        refusals=_refusals(req, periods),
        objection_grounds=_objection_grounds(obj),
        objection_answers=answers,
        disputes=_disputes(obj),
        obstacles=_grouped(kendala, ("kendala_internal", "kendala_eksternal")),
        recommendations=_grouped(kendala, ("rekomendasi", "tindak_lanjut")),
        notice_days=_days(req["hari_kerja"]) if len(req) else pd.Series(dtype=float),
        notes=[data_note(r) for r in year.loaded],
        other_years=[
            (f.file, f.period.title if f.period else "periode tidak diketahui")
            for f in year.other_years
        ],
        semesters_missing=[p for p, r in year.semesters.items() if r is None],
    )
