"""Metrics on a small hand-computed fixture (numbers worked out in the comments)."""

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from fixtures.reports.build import objection, periodic, request, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kip_training.config import load_config
from kip_training.metrics import INDEX_LABEL, compare, summarize
from kip_training.reports import Period, load_reports, schema
from kip_training.reports.model import FileResult, Issue, ReportSet

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


# --- per-OPD figures against a row-by-row count, on generated report sets -----------------

CODES = ["A", "B", "C", "D"]  # roster; "X" below is an OPD outside it
DECISIONS = [*schema.KEPUTUSAN, None]
TIMELINESS = ["tepat_10", "tepat_17", "terlambat", None]

request_rows = st.lists(
    st.tuples(
        st.sampled_from([*CODES, "X", None]),
        st.sampled_from(DECISIONS),
        st.one_of(st.none(), st.integers(0, 30)),
        st.sampled_from(TIMELINESS),
    ),
    max_size=25,
)
objection_rows = st.lists(
    st.tuples(st.sampled_from([*CODES, "X"]), st.sampled_from(["ya", "tidak"])), max_size=6
)
periodic_rows = st.lists(
    st.tuples(
        st.sampled_from([*CODES, "X"]),
        st.sampled_from(["ya", "tidak"]),
        st.one_of(st.none(), st.dates(dt.date(2024, 1, 1), dt.date(2025, 6, 30))),
    ),
    max_size=8,
)
issue_rows = st.lists(
    st.tuples(st.sampled_from([*CODES, "X", None]), st.sampled_from(["galat", "temuan"])),
    max_size=6,
)


def _report_set(requests, objections, periodic_items, issues, reported) -> ReportSet:
    """A ReportSet built directly (no files): only the columns summarize reads."""
    text = pd.StringDtype(na_value=np.nan)
    permohonan = pd.DataFrame(
        {
            "kode_opd": pd.array([r[0] for r in requests], dtype=text),
            "keputusan": pd.array([r[1] for r in requests], dtype=text),
            "pasal_17": pd.array(
                ["h" if r[1] == "ditolak" else None for r in requests], dtype=text
            ),
            "hari_kerja": pd.array([r[2] for r in requests], dtype="Int64"),
            "ketepatan": pd.array([r[3] for r in requests], dtype=text),
        }
    )
    keberatan = pd.DataFrame(
        {
            "kode_opd": pd.array([o[0] for o in objections], dtype=text),
            "ke_komisi": pd.array([o[1] for o in objections], dtype=text),
            "alasan": pd.array(["a"] * len(objections), dtype=text),
            "hasil_sengketa": pd.array(
                ["dicabut" if o[1] == "ya" else None for o in objections], dtype=text
            ),
        }
    )
    berkala = pd.DataFrame(
        {
            "kode_opd": pd.array([b[0] for b in periodic_items], dtype=text),
            "diumumkan": pd.array([b[1] for b in periodic_items], dtype=text),
            "tanggal_mutakhir": pd.to_datetime([b[2] for b in periodic_items]).astype(
                "datetime64[ns]"
            ),
        }
    )
    identitas = pd.DataFrame(
        {
            "kode_opd": pd.array(list(reported), dtype=text),
            "status_laporan": pd.array(list(reported.values()), dtype=text),
            "tanggal_laporan": pd.to_datetime([dt.date(2025, 7, 7)] * len(reported)),
        }
    )
    roster = pd.DataFrame({"kode": CODES, "nama": CODES, "singkatan": CODES, "kelompok": "dinas"})
    found = [
        Issue(severity, "f.xlsx", None, None, None, None, "m", code) for code, severity in issues
    ]
    return ReportSet(
        period=Period(2025, 1),
        roster=roster,
        identitas=identitas,
        permohonan=permohonan,
        keberatan=keberatan,
        berkala=berkala,
        kendala=pd.DataFrame(),
        issues=found,
        files=[
            FileResult("f.xlsx", issues=found),
            FileResult("old.xlsx", issues=found, used=False),
        ],
    )


DEFAULT_CONFIG = load_config()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request_rows, objection_rows, periodic_rows, issue_rows)
def test_per_opd_figures_count_each_row_of_that_opd_once(requests, objections, items, issues):
    reported = {"A": "tepat_waktu", "B": "terlambat", "C": "tepat_waktu"}  # D did not report
    summary = summarize(_report_set(requests, objections, items, issues, reported), DEFAULT_CONFIG)
    per = summary.per_opd
    cutoff = dt.date(2024, 12, 30)  # six calendar months before 30 June 2025
    for code in CODES:
        mine = [r for r in requests if r[0] == code]
        row = per.loc[code]
        assert row["permohonan"] == len(mine)
        for decision in schema.KEPUTUSAN:
            assert row[decision] == sum(r[1] == decision for r in mine)
        for key in ("tepat_10", "tepat_17", "terlambat"):
            assert row[key] == sum(r[3] == key for r in mine)
        days = sorted(r[2] for r in mine if r[2] is not None)
        if days:
            assert row["hari_kerja_median"] == float(np.median(days))
            assert row["hari_kerja_maks"] == float(days[-1])
        else:
            assert math.isnan(row["hari_kerja_median"]) and math.isnan(row["hari_kerja_maks"])
        assert row["keberatan"] == sum(o[0] == code for o in objections)
        assert row["sengketa"] == sum(o == (code, "ya") for o in objections)
        assert row["berkala_item"] == sum(b[0] == code for b in items)
        assert row["berkala_terbit"] == sum(b[0] == code and b[1] == "ya" for b in items)
        fresh = [b for b in items if b[0] == code and b[1] == "ya" and b[2] and b[2] > cutoff]
        assert row["berkala_mutakhir"] == len(fresh)
        assert row["masalah_galat"] == sum(i == (code, "galat") for i in issues)
        assert row["masalah_temuan"] == sum(i == (code, "temuan") for i in issues)
    # Totals over all requests, including those of an OPD outside the roster.
    assert summary.decisions.to_dict() == {
        d: sum(r[1] == d for r in requests) for d in schema.KEPUTUSAN
    }
    assert summary.refusals_by_letter["h"] == sum(r[1] == "ditolak" for r in requests)
    assert sorted(summary.working_days_to_notice) == sorted(
        r[2] for r in requests if r[2] is not None
    )
    assert summary.missing_opd == ["D"] and summary.late_opd == ["B"]
    assert per.loc["D", "indeks_kesiapan"] == 0.0


def _unusable_and_partial(tmp_path):
    write(
        tmp_path, "DINKES_2025-S1.xlsx", permohonan=[request("001"), request("002", keputusan="??")]
    )
    (tmp_path / "DISDIK_2025-S1.xlsx").write_bytes(b"PK\x03\x04 rusak")
    return summarize(load_reports([tmp_path], roster=ROSTER, period=Period(2025, 1)))


def test_an_unreadable_file_makes_its_opd_unusable_not_zero_and_not_missing(tmp_path):
    summary = _unusable_and_partial(tmp_path)
    per = summary.per_opd
    assert per.loc["DISDIK", "status_laporan"] == "tidak_dapat_dipakai"
    assert per.loc["DLH", "status_laporan"] == "tidak_melapor"
    assert summary.unusable_opd == ["DISDIK"] and summary.missing_opd == ["DLH"]
    assert summary.totals["opd_tidak_dapat_dipakai"] == 1
    assert summary.totals["opd_tidak_melapor"] == 1


def test_an_opd_with_rejected_rows_is_marked_incomplete_with_its_accepted_share(tmp_path):
    per = _unusable_and_partial(tmp_path).per_opd
    assert not per.loc["DINKES", "lengkap"]
    assert 0 < per.loc["DINKES", "baris_diterima_persen"] < 100
    assert per.loc["DINKES", "permohonan"] == 1
