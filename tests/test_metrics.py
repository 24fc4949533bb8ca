"""Metrics on a small hand-computed fixture (numbers worked out in the comments)."""

import datetime as dt
import math

import pandas as pd
import pytest
from fixtures.reports.build import objection, periodic, request, write

from kip_training.config import load_config
from kip_training.metrics import INDEX_LABEL, compare, summarize
from kip_training.reports import Period, load_reports

D = dt.date
ROSTER = pd.DataFrame(
    {
        "kode": ["DINKES", "DISDIK", "DLH"],
        "nama": ["Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan", "Dinas Lingkungan Hidup"],
        "singkatan": ["Dinkes", "Disdik", "DLH"],
        "kelompok": ["dinas", "dinas", "dinas"],
    }
)


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    folder = tmp_path_factory.mktemp("s1")
    # DINKES, on time (7 Jul; due 14 Jul = 10 working days after 30 Jun).
    # Received Mon 6 Jan 2025: Fri 10 Jan is working day 4, Tue 21 Jan is day 11.
    write(
        folder,
        "dinkes.xlsx",
        permohonan=[
            request("001"),  # 4 days, within 10
            request(
                "002", keputusan="Ditolak", pasal_17="h", tanggal_pemberitahuan=D(2025, 1, 21)
            ),  # 11 days, no extension: late
            request(
                "003",
                keputusan="Dipenuhi sebagian",
                perpanjangan="Ya",
                tanggal_pemberitahuan=D(2025, 1, 21),
            ),  # 11 days with extension: within 17
            request(
                "004",
                tanggal_diterima=D(2025, 6, 2),
                keputusan="Dalam proses",
                tanggal_pemberitahuan=None,
            ),
        ],
        keberatan=[
            objection(
                "K01",
                "002",
                alasan="a",
                ke_komisi="Ya",
                tanggal_sengketa=D(2025, 3, 3),
                hasil_sengketa="Mediasi berhasil",
            )
        ],
        berkala=[
            periodic("Profil OPD", tanggal_mutakhir=D(2025, 5, 2)),  # fresh
            periodic("Laporan keuangan", tanggal_mutakhir=D(2024, 6, 1)),  # stale
            periodic("DIP", diumumkan="Tidak", tautan=None, tanggal_mutakhir=None),
        ],
    )
    # DISDIK, late (1 Aug), one duplicate number (1 error), 2 working days to notice.
    write(
        folder,
        "disdik.xlsx",
        identitas={
            "kode_opd": "DISDIK",
            "nama_opd": "Dinas Pendidikan dan Kebudayaan",
            "tanggal_laporan": D(2025, 8, 1),
        },
        permohonan=[
            request("001", tanggal_diterima=D(2025, 2, 3), tanggal_pemberitahuan=D(2025, 2, 5)),
            request("001", tanggal_diterima=D(2025, 2, 3), tanggal_pemberitahuan=D(2025, 2, 5)),
        ],
        keberatan=[],
        berkala=[],
    )
    # DLH did not report.
    config = load_config()
    return summarize(load_reports([folder], roster=ROSTER, config=config), config)


def test_requests_and_decisions_per_opd(summary):
    row = summary.per_opd.loc["DINKES"]
    assert row["permohonan"] == 4
    assert (row["dipenuhi_seluruhnya"], row["dipenuhi_sebagian"], row["ditolak"]) == (1, 1, 1)
    assert row["dalam_proses"] == 1 and row["tidak_dikuasai"] == 0
    assert summary.per_opd.loc["DISDIK", "permohonan"] == 1  # the duplicate is rejected
    assert summary.decisions.to_dict() == {
        "dipenuhi_seluruhnya": 2,
        "dipenuhi_sebagian": 1,
        "ditolak": 1,
        "tidak_dikuasai": 0,
        "belum_didokumentasikan": 0,
        "dalam_proses": 1,
    }


def test_working_days_and_timeliness(summary):
    row = summary.per_opd.loc["DINKES"]
    assert (row["hari_kerja_median"], row["hari_kerja_maks"]) == (11, 11)
    assert (row["tepat_10"], row["tepat_17"], row["terlambat"]) == (1, 1, 1)
    assert row["persen_tepat_waktu"] == pytest.approx(2 / 3)
    assert sorted(summary.working_days_to_notice) == [2, 4, 11, 11]
    assert summary.totals["hari_kerja_median"] == 7.5  # over all requests, not averaged
    assert summary.totals["persen_tepat_waktu"] == pytest.approx(3 / 4)
    assert math.isnan(summary.per_opd.loc["DLH", "persen_tepat_waktu"])


def test_refusals_objections_and_disputes(summary):
    assert summary.refusals_by_letter["h"] == 1
    assert summary.refusals_by_letter.sum() == 1
    assert list(summary.refusals_by_letter.index) == list("abcdefghij")
    assert summary.objections_by_ground.to_dict() == {
        "a": 1,
        "b": 0,
        "c": 0,
        "d": 0,
        "e": 0,
        "f": 0,
        "g": 0,
    }
    assert summary.dispute_outcomes["mediasi_berhasil"] == 1
    assert (summary.totals["keberatan"], summary.totals["sengketa"]) == (1, 1)


def test_periodic_information(summary):
    row = summary.per_opd.loc["DINKES"]
    assert (row["berkala_item"], row["berkala_terbit"], row["berkala_mutakhir"]) == (3, 2, 1)


def test_reporting_status(summary):
    status = summary.per_opd["status_laporan"].to_dict()
    assert status == {"DINKES": "tepat_waktu", "DISDIK": "terlambat", "DLH": "tidak_melapor"}
    assert summary.missing_opd == ["DLH"] and summary.late_opd == ["DISDIK"]
    totals = summary.totals
    assert (totals["opd_wajib"], totals["opd_melapor"]) == (3, 2)
    assert (totals["opd_tepat_waktu"], totals["opd_terlambat"], totals["opd_tidak_melapor"]) == (
        1,
        1,
        1,
    )


def test_readiness_index_follows_the_documented_formula(summary):
    # weights 20/30/30/20 (kip_default.toml)
    # DINKES: 100, 66.7 (2 of 3 on time), 11.1 (1 fresh of max(3, 9)), 100 -> 63.3
    # DISDIK: 50 (late), 100, 0, 90 (one error) -> 58.0
    index = summary.per_opd["indeks_kesiapan"].to_dict()
    assert index == {"DINKES": 63.3, "DISDIK": 58.0, "DLH": 0.0}
    bands = summary.per_opd["kualifikasi_internal"].to_dict()
    assert bands == {
        "DINKES": "Cukup Informatif",
        "DISDIK": "Kurang Informatif",
        "DLH": "Tidak Informatif",
    }
    assert summary.index_label == INDEX_LABEL
    assert INDEX_LABEL == "perkiraan internal, bukan nilai monev Komisi Informasi"


def test_issue_counts_per_opd(summary):
    assert summary.per_opd.loc["DISDIK", "masalah_galat"] == 1
    assert summary.per_opd.loc["DINKES", "masalah_temuan"] == 1  # the late notice


def test_compare_gives_the_change_of_each_figure(summary, tmp_path):
    write(
        tmp_path,
        identitas={"tahun": 2024, "semester": "II", "tanggal_laporan": D(2025, 1, 6)},
        permohonan=[
            request("001", tanggal_diterima=D(2024, 10, 7), tanggal_pemberitahuan=D(2024, 10, 9))
        ],
        keberatan=[],
    )
    previous = summarize(load_reports([tmp_path], roster=ROSTER))
    assert previous.period == Period(2024, 2)
    comparison = compare(summary, previous)
    assert comparison.change("permohonan") == 5 - 1
    assert comparison.change("opd_tidak_melapor") == 1 - 2
    assert comparison.per_opd_change.loc["DINKES", "permohonan"] == 4 - 1
    alone = compare(summary, None)
    assert alone.change("permohonan") is None
