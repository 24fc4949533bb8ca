"""PeriodSummary-shaped fixtures for the deck tests (no report files needed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kip_training import law
from kip_training.metrics import period_totals
from kip_training.reports import schema
from kip_training.reports.model import Period

DECISIONS = tuple(schema.KEPUTUSAN)
KELOMPOK = ("dinas", "badan", "kecamatan", "bagian")


@dataclass
class FakeSummary:
    period: Period
    per_opd: pd.DataFrame
    totals: dict
    decisions: pd.Series
    refusals_by_letter: pd.Series
    objections_by_ground: pd.Series
    dispute_outcomes: pd.Series
    working_days_to_notice: pd.Series
    missing_opd: list = field(default_factory=list)
    late_opd: list = field(default_factory=list)


@dataclass
class FakeComparison:
    current: FakeSummary
    previous: FakeSummary | None

    def change(self, figure: str):
        if self.previous is None:
            return None
        return self.current.totals[figure] - self.previous.totals[figure]

    @property
    def changes(self):
        return {k: self.change(k) for k in self.current.totals}


def make_summary(period: Period, n_opd: int = 12, seed: int = 0, long_names: bool = False):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_opd):
        code = f"OPD{i + 1:02d}"
        status = ("tepat_waktu", "terlambat", "tidak_melapor")[0 if i % 5 else (1 if i % 10 else 2)]
        reported = status != "tidak_melapor"
        req = int(rng.integers(0, 40)) if reported else 0
        dec = rng.multinomial(req, [0.5, 0.2, 0.1, 0.1, 0.05, 0.05]) if req else [0] * 6
        t10 = int(req * 0.7)
        t17 = int(req * 0.2)
        late = req - t10 - t17
        name = (
            f"Dinas Kependudukan dan Pencatatan Sipil Wilayah Nomor {i + 1}"
            if long_names
            else f"Dinas Contoh {i + 1}"
        )
        rows.append(
            {
                "kode": code,
                "nama": name,
                "singkatan": f"D{i + 1}",
                "kelompok": KELOMPOK[i % len(KELOMPOK)],
                "status_laporan": status,
                "tanggal_laporan": pd.Timestamp(period.end + dt.timedelta(days=10 + i))
                if reported
                else pd.NaT,
                "permohonan": req,
                **{d: int(n) for d, n in zip(DECISIONS, dec, strict=True)},
                "hari_kerja_median": float(rng.integers(2, 15)) if req else np.nan,
                "hari_kerja_maks": 20.0 if req else np.nan,
                "tepat_10": t10,
                "tepat_17": t17,
                "terlambat": late,
                "pemberitahuan": req,
                "persen_tepat_waktu": (t10 + t17) / req if req else np.nan,
                "keberatan": int(rng.integers(0, 3)) if reported else 0,
                "sengketa": int(rng.integers(0, 2)) if reported else 0,
                "berkala_item": 8 if reported else 0,
                "berkala_terbit": 6 if reported else 0,
                "berkala_mutakhir": 5 if reported else 0,
                "masalah_galat": int(rng.integers(0, 3)) if reported else 0,
                "masalah_peringatan": int(rng.integers(0, 4)) if reported else 0,
                "masalah_temuan": late,
                "indeks_kesiapan": float(rng.integers(30, 98)) if reported else 0.0,
            }
        )
    per_opd = pd.DataFrame(rows).set_index("kode")
    per_opd["kualifikasi_internal"] = [
        law.kualifikasi(v, period.year) for v in per_opd["indeks_kesiapan"]
    ]
    days = pd.Series(rng.integers(0, 22, size=int(per_opd["permohonan"].sum())), dtype=int)
    totals = period_totals(per_opd, days)
    status = per_opd["status_laporan"]
    decisions = pd.Series({d: int(per_opd[d].sum()) for d in DECISIONS})
    refusals = pd.Series(0, index=list(law.PASAL_17))
    refusals["h"] = int(totals["ditolak"]) - 1 if totals["ditolak"] else 0
    refusals["a"] = 1 if totals["ditolak"] else 0
    grounds = pd.Series(0, index=list(law.PASAL_35_GROUNDS))
    grounds["c"] = int(totals["keberatan"])
    outcomes = pd.Series({"mediasi_berhasil": int(totals["sengketa"]), "ajudikasi": 0})
    return FakeSummary(
        period=period,
        per_opd=per_opd,
        totals=totals,
        decisions=decisions,
        refusals_by_letter=refusals,
        objections_by_ground=grounds,
        dispute_outcomes=outcomes,
        working_days_to_notice=days,
        missing_opd=list(per_opd.index[status == "tidak_melapor"]),
        late_opd=list(per_opd.index[status == "terlambat"]),
    )


def make_comparison(n_opd: int = 12, long_names: bool = False, previous: bool = True):
    current = make_summary(Period(2025, 2), n_opd, seed=1, long_names=long_names)
    before = make_summary(Period(2025, 1), n_opd, seed=2) if previous else None
    return FakeComparison(current, before)


@dataclass
class FakeTraining:
    participants: int = 31
    answers: int = 620
    quizzes: int = 4
    by_topic: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            {
                "topic": ["pengecualian", "tenggat", "keberatan", "kategori"],
                "judul": [
                    "Informasi yang dikecualikan",
                    "Tenggat layanan",
                    "Keberatan",
                    "Kategori informasi",
                ],
                "jawaban": [150, 160, 150, 160],
                "rata_rata": [0.48, 0.61, 0.7, 0.85],
            }
        )
    )
    by_opd: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["kode_opd", "peserta", "rata_rata"])
    )
    weakest_topics: list = field(default_factory=lambda: ["pengecualian", "tenggat"])
    question_difficulty: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def mean_score(self) -> float:
        by_topic = self.by_topic
        return float(
            (by_topic["rata_rata"] * by_topic["jawaban"]).sum() / by_topic["jawaban"].sum()
        )
