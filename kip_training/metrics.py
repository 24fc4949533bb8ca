"""Figures of one reporting period, per OPD and in total, and their change against the last.

Every deck number and chart comes from :func:`summarize` (one period) and
:func:`compare` (current against previous). Counts follow UU KIP Pasal 12: requests
received, time to the written notice, granted and refused, reasons for refusal; plus
objections (Pasal 35), disputes, periodic information (Pasal 9) and reporting status.

Readiness index (``indeks_kesiapan``, 0–100) — *perkiraan internal, bukan nilai monev
Komisi Informasi*. For each OPD four components, each 0–100:

- ``pelaporan``: 100 when the report came on time, 50 when late, 0 when missing;
- ``ketepatan_waktu``: 100 × (notices within 10 working days, or within 17 with an
  extension) / (requests with a notice date);
- ``informasi_berkala``: 100 × (items published *and* updated within the six months
  before the period end) / max(items reported, items in the template list);
- ``kualitas_data``: 100 − :data:`ERROR_PENALTY` × (errors in its report), at least 0.

``indeks = Σ w_c · component_c / Σ w_c`` over the components that apply, with the
weights ``config.readiness_weights``. A component does not apply when there is nothing
to measure (``ketepatan_waktu`` without any notice): its weight is left out. An OPD
that did not report scores 0. The score is mapped to a monev band with
``config.kualifikasi(score, period.year)``; the band is only a reading aid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kip_training import law
from kip_training.reports import schema
from kip_training.reports.model import GALAT, PERINGATAN, TEMUAN, Period, ReportSet

INDEX_LABEL = "perkiraan internal, bukan nilai monev Komisi Informasi"
ERROR_PENALTY = 10.0
STATUS_SCORES = {"tepat_waktu": 100.0, "terlambat": 50.0, "tidak_melapor": 0.0}
FRESH_MONTHS = 6

COUNT_COLUMNS = (
    "permohonan",
    *schema.KEPUTUSAN,
    "tepat_10",
    "tepat_17",
    "terlambat",
    "pemberitahuan",
    "keberatan",
    "sengketa",
    "berkala_item",
    "berkala_terbit",
    "berkala_mutakhir",
    "masalah_galat",
    "masalah_peringatan",
    "masalah_temuan",
)


@dataclass
class PeriodSummary:
    """The figures of one period (see the module docstring for the readiness index)."""

    period: Period
    per_opd: pd.DataFrame
    totals: dict[str, float]
    decisions: pd.Series
    refusals_by_letter: pd.Series
    objections_by_ground: pd.Series
    dispute_outcomes: pd.Series
    working_days_to_notice: pd.Series
    missing_opd: list[str]
    late_opd: list[str]
    report_due: object = None
    index_label: str = INDEX_LABEL
    components: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass
class Comparison:
    """The current period against the previous one (``previous`` may be None)."""

    current: PeriodSummary
    previous: PeriodSummary | None
    changes: dict[str, float | None]
    per_opd_change: pd.DataFrame

    def change(self, figure: str) -> float | None:
        """Current minus previous total of ``figure`` (None without a previous period)."""
        if self.previous is None:
            return None
        return self.changes.get(figure)


def _counts(values: pd.Series, index) -> pd.Series:
    counts = values.value_counts()
    return counts.reindex(list(index), fill_value=0).astype("int64")


def _by_opd(frame: pd.DataFrame, mask: pd.Series | None, codes: pd.Index) -> pd.Series:
    data = frame if mask is None else frame[mask]
    return data.groupby("kode_opd").size().reindex(codes, fill_value=0).astype("int64")


def _issue_counts(reports: ReportSet, codes: pd.Index) -> pd.DataFrame:
    rows = [
        (issue.kode_opd, issue.severity)
        for result in reports.files
        if result.used
        for issue in result.issues
    ]
    frame = pd.DataFrame(rows, columns=["kode_opd", "severity"])
    table = pd.crosstab(frame["kode_opd"], frame["severity"]) if len(frame) else pd.DataFrame()
    table = table.reindex(index=codes, columns=[GALAT, PERINGATAN, TEMUAN], fill_value=0)
    table.columns = ["masalah_galat", "masalah_peringatan", "masalah_temuan"]
    return table.fillna(0).astype("int64")


def _working_days(permohonan: pd.DataFrame, calendar) -> pd.Series:
    if "hari_kerja" in permohonan:
        return permohonan["hari_kerja"]
    from kip_training.reports.validate import working_days

    return working_days(
        calendar, permohonan["tanggal_diterima"], permohonan["tanggal_pemberitahuan"]
    )


def _readiness(per_opd: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    reported = per_opd["status_laporan"] != "tidak_melapor"
    components = pd.DataFrame(index=per_opd.index)
    components["pelaporan"] = per_opd["status_laporan"].map(STATUS_SCORES).astype(float)
    components["ketepatan_waktu"] = 100 * per_opd["persen_tepat_waktu"]
    denominator = np.maximum(per_opd["berkala_item"], len(schema.BERKALA_ITEMS))
    components["informasi_berkala"] = 100 * per_opd["berkala_mutakhir"] / denominator
    components["kualitas_data"] = (100 - ERROR_PENALTY * per_opd["masalah_galat"]).clip(lower=0)
    components = components.where(reported, 0.0)
    w = pd.Series({k: float(weights.get(k, 0.0)) for k in components.columns})
    present = components.notna()
    weighted = components.fillna(0).mul(w, axis=1).sum(axis=1)
    total_weight = present.mul(w, axis=1).sum(axis=1)
    components["indeks_kesiapan"] = (weighted / total_weight.replace(0, np.nan)).round(1)
    return components


def period_totals(per_opd: pd.DataFrame, notice_days: pd.Series) -> dict[str, float]:
    """Figures over all OPDs: counts summed; rate, median and max recomputed on all notices."""
    totals: dict[str, float] = {k: int(per_opd[k].sum()) for k in COUNT_COLUMNS}
    totals["persen_tepat_waktu"] = (
        (totals["tepat_10"] + totals["tepat_17"]) / totals["pemberitahuan"]
        if totals["pemberitahuan"]
        else float("nan")
    )
    totals["hari_kerja_median"] = float(notice_days.median()) if len(notice_days) else float("nan")
    totals["hari_kerja_maks"] = float(notice_days.max()) if len(notice_days) else float("nan")
    totals["opd_wajib"] = len(per_opd)
    totals["opd_melapor"] = int((per_opd["status_laporan"] != "tidak_melapor").sum())
    for state, key in (
        ("tepat_waktu", "opd_tepat_waktu"),
        ("terlambat", "opd_terlambat"),
        ("tidak_melapor", "opd_tidak_melapor"),
    ):
        totals[key] = int((per_opd["status_laporan"] == state).sum())
    reported = per_opd["status_laporan"] != "tidak_melapor"
    totals["indeks_kesiapan_rata"] = (
        float(per_opd.loc[reported, "indeks_kesiapan"].mean()) if reported.any() else float("nan")
    )
    return totals


def summarize(reports: ReportSet, config=None, calendar=None) -> PeriodSummary:
    """All figures of ``reports`` (one period), per roster OPD and in total."""
    if config is None:
        from kip_training.config import load_config

        config = load_config()
    period = reports.period
    if period is None:
        raise ValueError("reports.period is None: load at least one report or pass period=")
    roster = reports.roster.set_index("kode")
    codes = roster.index
    req = reports.permohonan
    per = pd.DataFrame(index=codes)
    per.index.name = "kode"
    per["nama"] = roster["nama"]
    per["singkatan"] = roster["singkatan"]
    per["kelompok"] = roster["kelompok"]

    ident = reports.identitas.drop_duplicates("kode_opd", keep="last").set_index("kode_opd")
    status = ident.get("status_laporan", pd.Series(dtype=object)).reindex(codes)
    per["status_laporan"] = status.fillna("tidak_melapor")
    per["tanggal_laporan"] = (
        pd.to_datetime(ident["tanggal_laporan"]).reindex(codes)
        if len(ident)
        else pd.Series(pd.NaT, index=codes)
    )

    per["permohonan"] = _by_opd(req, None, codes)
    for code in schema.KEPUTUSAN:
        per[code] = _by_opd(req, req["keputusan"] == code, codes)
    days = _working_days(req, calendar)
    with_notice = req.assign(hari_kerja=days)[days.notna()]
    grouped = with_notice.groupby("kode_opd")["hari_kerja"]
    per["hari_kerja_median"] = grouped.median().astype(float).reindex(codes)
    per["hari_kerja_maks"] = grouped.max().astype(float).reindex(codes)
    ketepatan = req.get("ketepatan", pd.Series(index=req.index, dtype=object))
    for key in ("tepat_10", "tepat_17", "terlambat"):
        per[key] = _by_opd(req, ketepatan == key, codes)
    per["pemberitahuan"] = per["tepat_10"] + per["tepat_17"] + per["terlambat"]
    per["persen_tepat_waktu"] = (
        (per["tepat_10"] + per["tepat_17"]) / per["pemberitahuan"].replace(0, np.nan)
    ).astype(float)

    obj = reports.keberatan
    per["keberatan"] = _by_opd(obj, None, codes)
    per["sengketa"] = _by_opd(obj, obj["ke_komisi"] == "ya", codes)

    berkala = reports.berkala
    published = berkala["diumumkan"] == "ya"
    cutoff = pd.Timestamp(period.end) - pd.DateOffset(months=FRESH_MONTHS)
    fresh = published & (berkala["tanggal_mutakhir"] > cutoff)
    per["berkala_item"] = _by_opd(berkala, None, codes)
    per["berkala_terbit"] = _by_opd(berkala, published, codes)
    per["berkala_mutakhir"] = _by_opd(berkala, fresh, codes)

    per = per.join(_issue_counts(reports, codes))
    components = _readiness(per, config.readiness_weights)
    per["indeks_kesiapan"] = components["indeks_kesiapan"].fillna(0.0)
    per["kualifikasi_internal"] = [
        config.kualifikasi(float(score), period.year) for score in per["indeks_kesiapan"]
    ]

    refused = req[req["keputusan"] == "ditolak"]
    disputes = obj[obj["ke_komisi"] == "ya"]
    notice_days = with_notice["hari_kerja"].astype("int64").reset_index(drop=True)
    totals = period_totals(per, notice_days)

    return PeriodSummary(
        period=period,
        per_opd=per,
        totals=totals,
        decisions=_counts(req["keputusan"], schema.KEPUTUSAN),
        refusals_by_letter=_counts(refused["pasal_17"], law.PASAL_17),
        objections_by_ground=_counts(obj["alasan"], law.PASAL_35_GROUNDS),
        dispute_outcomes=_counts(disputes["hasil_sengketa"], schema.HASIL_SENGKETA),
        working_days_to_notice=notice_days,
        missing_opd=[c for c in codes if per.at[c, "status_laporan"] == "tidak_melapor"],
        late_opd=[c for c in codes if per.at[c, "status_laporan"] == "terlambat"],
        report_due=reports.report_due,
        components=components,
    )


def compare(current: PeriodSummary, previous: PeriodSummary | None) -> Comparison:
    """The change of every total (and every per-OPD figure) against ``previous``."""
    if previous is None:
        changes: dict[str, float | None] = {k: None for k in current.totals}
        return Comparison(current, None, changes, pd.DataFrame(index=current.per_opd.index))
    changes = {}
    for key, value in current.totals.items():
        before = previous.totals.get(key)
        if before is None or pd.isna(before) or pd.isna(value):
            changes[key] = None
        else:
            changes[key] = float(value) - float(before)
    numeric = [
        c
        for c in current.per_opd.columns
        if pd.api.types.is_numeric_dtype(current.per_opd[c]) and c in previous.per_opd
    ]
    per_opd_change = current.per_opd[numeric].sub(
        previous.per_opd[numeric].reindex(current.per_opd.index)
    )
    return Comparison(current, previous, changes, per_opd_change)
