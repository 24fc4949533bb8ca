"""Figures of one reporting period, per OPD and in total, and their change against the last.

Every deck number and chart comes from :func:`summarize` (one period) and
:func:`compare` (current against previous). Counts follow UU KIP Pasal 12: requests
received, time to the written notice, granted and refused, reasons for refusal; plus
objections (Pasal 35), disputes, periodic information (Pasal 9) and reporting status.

Readiness index (``indeks_kesiapan``, 0–100) — *perkiraan internal, bukan nilai monev
Komisi Informasi*. For each OPD four components, each 0–100:

- ``pelaporan``: 100 when the report came on time, 50 when late, 0 when missing or
  sent but unusable;
- ``ketepatan_waktu``: 100 × (notices within 10 working days, or within 17 with an
  extension) / (requests with a notice date);
- ``informasi_berkala``: 100 × (items published *and* updated within the six months
  before the period end) / max(items reported, items in the template list);
- ``kualitas_data``: 100 − :data:`ERROR_PENALTY` × (errors in its report), at least 0.

``indeks = Σ w_c · component_c / Σ w_c`` over the components that apply, with the
weights ``config.readiness_weights``. A component does not apply when there is nothing
to measure (``ketepatan_waktu`` without any notice): its weight is left out. An OPD
without a usable report scores 0. The score is mapped to a monev band with
``config.kualifikasi(score, period.year)``; the band is only a reading aid.

Per OPD, ``status_laporan`` is :func:`derive.opd_status` (one of
``schema.STATUS_LAPORAN``); ``baris_dibaca``/``baris_diterima``/``baris_ditolak`` and
``baris_diterima_persen`` count the data rows of its report in use, and ``lengkap`` is
False when some of them were rejected: its figures are then incomplete (a lower bound).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kip_training import law
from kip_training.config import load_config
from kip_training.reports import derive, schema
from kip_training.reports.model import Period, ReportSet
from kip_training.reports.schema import Severity

INDEX_LABEL = "perkiraan internal, bukan nilai monev Komisi Informasi"
ERROR_PENALTY = 10.0
STATUS_SCORES = {
    "tepat_waktu": 100.0,
    "terlambat": 50.0,
    "tidak_dapat_dipakai": 0.0,
    "tidak_melapor": 0.0,
}
USABLE = ("tepat_waktu", "terlambat")
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
    report_due: dt.date | None = None
    unusable_opd: list[str] = field(default_factory=list)
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
    """How often each code of ``index`` occurs in ``values`` (codes outside ``index`` ignored)."""
    counts = values.value_counts()
    return counts.reindex(list(index), fill_value=0).astype("int64")


def _positions(values, labels) -> np.ndarray:
    """Position of each of ``values`` in ``labels``; -1 when missing or not among them.

    Used to turn the OPD code of every row into its roster position (and a coded
    answer into its position in the schema's list) once, so that every figure after
    that is a :func:`numpy.bincount` on small integers instead of a string groupby.
    """
    return pd.Index(list(labels)).get_indexer(values)


def _tally(opd: np.ndarray, n_opd: int, mask=None) -> np.ndarray:
    """Rows per roster OPD, only those where ``mask`` holds when given.

    Rows whose OPD is not in the roster (position -1) are not counted.
    """
    keep = opd >= 0
    if mask is not None:
        keep &= np.asarray(mask, dtype=bool)
    return np.bincount(opd[keep], minlength=n_opd).astype("int64")


def _crosstab(opd: np.ndarray, n_opd: int, category: np.ndarray, n_category: int) -> np.ndarray:
    """Rows per roster OPD (axis 0) and category position (axis 1), as an int64 array.

    Rows outside the roster or without a known category (position -1) are not counted.
    """
    keep = (opd >= 0) & (category >= 0)
    flat = opd[keep] * n_category + category[keep]
    table = np.bincount(flat, minlength=n_opd * n_category).astype("int64")
    return table.reshape(n_opd, n_category)


def _code_counts(category: np.ndarray, labels, name: str) -> pd.Series:
    """Rows per code of ``labels`` over all rows (as :func:`_counts` does on the raw values)."""
    counts = np.bincount(category[category >= 0], minlength=len(labels)).astype("int64")
    return pd.Series(counts, index=pd.Index(list(labels), name=name), name="count")


def _issue_counts(reports: ReportSet, codes: pd.Index) -> pd.DataFrame:
    """Issues of the files in use per roster OPD: ``masalah_galat/_peringatan/_temuan``."""
    issues = [issue for result in reports.files if result.used for issue in result.issues]
    opd = _positions(pd.Series([i.kode_opd for i in issues], dtype=object), codes)
    severities = pd.Series([str(i.severity) for i in issues], dtype=object)
    severity = _positions(severities, [str(s) for s in Severity])
    table = _crosstab(opd, len(codes), severity, len(Severity))
    columns = [f"masalah_{s}" for s in Severity]
    return pd.DataFrame(table, index=codes, columns=columns)


def _notice_stats(opd: np.ndarray, n_opd: int, days: pd.Series) -> pd.DataFrame:
    """Median and maximum working days to the notice per roster OPD (float, NaN if none).

    Only requests with a notice date count; the median of an even number of requests is
    the mean of the middle two.
    """
    keep = days.notna().to_numpy() & (opd >= 0)
    values = days.to_numpy(dtype="float64", na_value=np.nan)[keep]
    stats = pd.Series(values).groupby(opd[keep]).agg(["median", "max"])
    return stats.reindex(range(n_opd)).astype(float)


def _request_figures(
    req: pd.DataFrame, opd: np.ndarray, n_opd: int, decision: np.ndarray, days: pd.Series
) -> dict[str, np.ndarray]:
    """Per roster OPD, in column order: requests, requests per decision, median and
    maximum working days to the notice, and notices per timeliness class.

    ``decision`` is the position of each request's ``keputusan`` in ``schema.KEPUTUSAN``;
    ``days`` the working days from receipt to notice (NA without a notice).
    """
    figures = {"permohonan": _tally(opd, n_opd)}
    table = _crosstab(opd, n_opd, decision, len(schema.KEPUTUSAN))
    figures.update({code: table[:, i] for i, code in enumerate(schema.KEPUTUSAN)})
    stats = _notice_stats(opd, n_opd, days)
    figures["hari_kerja_median"] = stats["median"].to_numpy()
    figures["hari_kerja_maks"] = stats["max"].to_numpy()
    timeliness = ("tepat_10", "tepat_17", "terlambat")
    ketepatan = req.get("ketepatan", pd.Series(index=req.index, dtype=object))
    table = _crosstab(opd, n_opd, _positions(ketepatan, timeliness), len(timeliness))
    figures.update({key: table[:, i] for i, key in enumerate(timeliness)})
    return figures


def _readiness(per_opd: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """The four readiness components and ``indeks_kesiapan`` per OPD (module docstring)."""
    reported = per_opd["status_laporan"].isin(USABLE)
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


def _bands(scores: pd.Series, config, year: int) -> list[str]:
    """The KI band name each score falls in (``config.kualifikasi``), once per distinct score.

    The names are the Komisi Informasi's bands (``law.monev_regime(year).basis`` says
    whose), applied to an internal estimate: every display must say both. Before 2018
    there are no bands, and every score gets :data:`NO_BAND`.
    """
    try:
        band = {score: config.kualifikasi(score, year) for score in set(scores.tolist())}
    except law.NoBandsError:
        return [NO_BAND] * len(scores)
    return [band[score] for score in scores.tolist()]


NO_BAND = "tanpa kualifikasi (belum ada batas KI sebelum 2018)"


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
    totals["opd_melapor"] = int(per_opd["status_laporan"].isin(USABLE).sum())
    for state, key in (
        ("tepat_waktu", "opd_tepat_waktu"),
        ("terlambat", "opd_terlambat"),
        ("tidak_dapat_dipakai", "opd_tidak_dapat_dipakai"),
        ("tidak_melapor", "opd_tidak_melapor"),
    ):
        totals[key] = int((per_opd["status_laporan"] == state).sum())
    if "lengkap" in per_opd:
        totals["opd_tidak_lengkap"] = int((~per_opd["lengkap"].astype(bool)).sum())
    reported = per_opd["status_laporan"].isin(USABLE)
    totals["indeks_kesiapan_rata"] = (
        float(per_opd.loc[reported, "indeks_kesiapan"].mean()) if reported.any() else float("nan")
    )
    return totals


def summarize(reports: ReportSet, config=None) -> PeriodSummary:
    """All figures of ``reports`` (one period), per roster OPD and in total.

    Working days, timeliness and reporting status are the loader's derived columns
    (:mod:`kip_training.reports.derive`).
    """
    if config is None:
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
    reporting = derive.opd_status(codes, reports.identitas, reports.files, period)
    per["status_laporan"] = reporting.to_numpy()
    rows = derive.opd_rows(codes, reports.files)
    for column in derive.ROW_COLUMNS:
        per[column] = rows[column].to_numpy()
    per["lengkap"] = ~derive.incomplete(reporting, rows).to_numpy()
    per["tanggal_laporan"] = (
        pd.to_datetime(ident["tanggal_laporan"]).reindex(codes)
        if len(ident)
        else pd.Series(pd.NaT, index=codes)
    )

    n_opd = len(codes)
    opd = _positions(req["kode_opd"], codes)
    decision = _positions(req["keputusan"], schema.KEPUTUSAN)
    days = req["hari_kerja"]
    for key, values in _request_figures(req, opd, n_opd, decision, days).items():
        per[key] = values
    per["pemberitahuan"] = per["tepat_10"] + per["tepat_17"] + per["terlambat"]
    per["persen_tepat_waktu"] = (
        (per["tepat_10"] + per["tepat_17"]) / per["pemberitahuan"].replace(0, np.nan)
    ).astype(float)

    obj = reports.keberatan
    obj_opd = _positions(obj["kode_opd"], codes)
    to_commission = (obj["ke_komisi"] == "ya").to_numpy()
    per["keberatan"] = _tally(obj_opd, n_opd)
    per["sengketa"] = _tally(obj_opd, n_opd, to_commission)

    berkala = reports.berkala
    berkala_opd = _positions(berkala["kode_opd"], codes)
    published = (berkala["diumumkan"] == "ya").to_numpy()
    cutoff = pd.Timestamp(period.end) - pd.DateOffset(months=FRESH_MONTHS)
    fresh = published & (berkala["tanggal_mutakhir"] > cutoff).to_numpy()
    per["berkala_item"] = _tally(berkala_opd, n_opd)
    per["berkala_terbit"] = _tally(berkala_opd, n_opd, published)
    per["berkala_mutakhir"] = _tally(berkala_opd, n_opd, fresh)

    per = per.join(_issue_counts(reports, codes))
    components = _readiness(per, config.readiness_weights)
    per["indeks_kesiapan"] = components["indeks_kesiapan"].fillna(0.0)
    per["kualifikasi_internal"] = _bands(per["indeks_kesiapan"], config, period.year)

    refused = decision == list(schema.KEPUTUSAN).index("ditolak")
    has_notice = days.notna().to_numpy()
    notice_days = days[has_notice].astype("int64").reset_index(drop=True).rename("hari_kerja")
    totals = period_totals(per, notice_days)
    status = per["status_laporan"].to_numpy()
    return PeriodSummary(
        period=period,
        per_opd=per,
        totals=totals,
        decisions=_code_counts(decision, schema.KEPUTUSAN, "keputusan"),
        refusals_by_letter=_counts(req["pasal_17"][refused], law.PASAL_17),
        objections_by_ground=_counts(obj["alasan"], law.PASAL_35_GROUNDS),
        dispute_outcomes=_counts(obj["hasil_sengketa"][to_commission], schema.HASIL_SENGKETA),
        working_days_to_notice=notice_days,
        missing_opd=list(codes[status == "tidak_melapor"]),
        late_opd=list(codes[status == "terlambat"]),
        unusable_opd=list(codes[status == "tidak_dapat_dipakai"]),
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
        if pd.api.types.is_numeric_dtype(current.per_opd[c])
        and not pd.api.types.is_bool_dtype(current.per_opd[c])
        and c in previous.per_opd
    ]
    per_opd_change = current.per_opd[numeric].sub(
        previous.per_opd[numeric].reindex(current.per_opd.index)
    )
    return Comparison(current, previous, changes, per_opd_change)
