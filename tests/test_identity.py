"""Which OPD and period a report belongs to: every clue (code, name, file name, dates)."""

import datetime as dt
import os

import pandas as pd
from fixtures.reports.build import request, write

from kip_training.reports import load_file, load_reports
from kip_training.reports.model import GALAT, PERINGATAN, Period

ROSTER = {
    "DINKES": "Dinas Kesehatan",
    "DISDIK": "Dinas Pendidikan",
    "DPU-PR": "Dinas Pekerjaan Umum dan Penataan Ruang",
}


def roster_frame():
    return pd.DataFrame(
        {"kode": list(ROSTER), "nama": list(ROSTER.values()), "singkatan": "", "kelompok": "dinas"}
    )


def identity_issues(result, severity):
    return [i for i in result.issues if i.severity == severity and i.sheet == "Identitas"]


def test_a_code_typed_with_punctuation_or_spaces_is_the_roster_code(tmp_path):
    for typed in ("dpu pr", "DPU_PR", "DPUPR"):
        path = write(
            tmp_path,
            f"laporan_{typed}.xlsx",
            identitas={"kode_opd": typed, "nama_opd": ROSTER["DPU-PR"]},
        )
        result = load_file(path, ROSTER)
        assert result.used and result.kode_opd == "DPU-PR", typed
        assert not identity_issues(result, GALAT), typed


def test_an_unknown_code_gets_the_closest_roster_entries(tmp_path):
    path = write(tmp_path, "laporan.xlsx", identitas={"kode_opd": "DINKS", "nama_opd": "Puskesmas"})
    result = load_file(path, ROSTER)
    [error] = identity_issues(result, GALAT)
    assert "'DINKS' tidak ada di daftar OPD" in error.message
    assert "paling mirip" in error.message and "DINKES (Dinas Kesehatan)" in error.message
    assert (error.row, error.column) == (2, "Kode OPD")
    assert not result.used and result.kode_opd is None


def test_a_missing_code_is_taken_from_the_file_name_with_a_warning(tmp_path):
    path = write(tmp_path, "DISDIK_2025-S1.xlsx", identitas={"kode_opd": None, "nama_opd": None})
    result = load_file(path, ROSTER)
    assert result.used and result.kode_opd == "DISDIK"
    [note] = [i for i in identity_issues(result, PERINGATAN) if i.column == "Kode OPD"]
    assert "nama berkas 'DISDIK_2025-S1.xlsx'" in note.message and "DISDIK" in note.message


def test_a_colleagues_code_in_a_file_named_for_another_opd_is_credited_to_neither(tmp_path):
    write(
        tmp_path,
        "DISDIK_2025-S1.xlsx",
        identitas={"kode_opd": "DINKES", "nama_opd": "Dinas Pendidikan"},
        permohonan=[request(f"{n:03}") for n in range(1, 8)],
    )
    write(tmp_path, "DINKES_2025-S1.xlsx", permohonan=[request("001"), request("002")])
    reports = load_reports([tmp_path], roster=roster_frame())
    reused = next(r for r in reports.files if r.file.endswith("DISDIK_2025-S1.xlsx"))
    [error] = [i for i in reused.issues if "saling bertentangan" in i.message]
    assert error.severity == GALAT
    assert "DINKES (Dinas Kesehatan)" in error.message
    assert "DISDIK (Dinas Pendidikan)" in error.message
    assert not reused.used and reused.kode_opd is None
    # the genuine DINKES report is not displaced, and the seven rows go to nobody
    assert [r.file.rsplit("/", 1)[-1] for r in reports.files if r.used] == ["DINKES_2025-S1.xlsx"]
    assert len(reports.permohonan) == 2
    status = reports.opd_status()
    assert status["DINKES"] == "tepat_waktu"
    assert status["DISDIK"] == "tidak_dapat_dipakai"
    assert status["DPU-PR"] == "tidak_melapor"


def test_a_stale_identitas_sheet_gives_one_message_and_is_read_as_the_dates_semester(tmp_path):
    rows = [
        request(
            f"{n:03}",
            tanggal_diterima=dt.date(2025, 8, 4 + n),
            tanggal_pemberitahuan=dt.date(2025, 8, 20),
        )
        for n in range(12)
    ]
    path = write(
        tmp_path,
        "laporan.xlsx",
        identitas={"semester": "I", "tanggal_laporan": dt.date(2026, 1, 7)},
        permohonan=rows,
        keberatan=[],
    )
    result = load_file(path, ROSTER)
    stale = [i for i in result.issues if "Lembar Identitas masih menyebut" in i.message]
    assert len(stale) == 1
    assert stale[0].message.startswith(
        "Lembar Identitas masih menyebut 2025-S1, padahal tanggal permohonan berada di "
        "2025-S2: perbarui Tahun/Semester di lembar Identitas."
    )
    assert not [i for i in result.issues if "di luar" in i.message]
    assert result.period == Period(2025, 2)
    assert result.sheets["permohonan"].rows_accepted == 12


def test_dates_in_an_unrelated_semester_reject_the_report_with_one_message(tmp_path):
    rows = [
        request(
            f"{n:03}",
            tanggal_diterima=dt.date(2023, 8, 4 + n),
            tanggal_pemberitahuan=dt.date(2023, 8, 20),
        )
        for n in range(5)
    ]
    path = write(tmp_path, "laporan.xlsx", permohonan=rows, keberatan=[])
    result = load_file(path, ROSTER)
    assert len([i for i in result.issues if "Lembar Identitas menyebut 2025-S1" in i.message]) == 1
    assert not [i for i in result.issues if "di luar" in i.message]
    assert not result.used and result.sheets["permohonan"].rows_rejected == 5


def _two_reports(tmp_path, first_date, second_date):
    first = write(
        tmp_path,
        "DINKES_banyak.xlsx",
        identitas={"tanggal_laporan": first_date},
        permohonan=[request(f"{n:03}") for n in range(1, 10)],
    )
    second = write(
        tmp_path,
        "DINKES_sedikit.xlsx",
        identitas={"tanggal_laporan": second_date},
        permohonan=[request("001")],
    )
    return first, second


def used_names(reports):
    return [r.file.rsplit("/", 1)[-1] for r in reports.files if r.used]


def test_of_two_reports_the_later_report_date_wins_not_the_one_with_more_rows(tmp_path):
    first, second = _two_reports(tmp_path, dt.date(2025, 7, 3), dt.date(2025, 7, 8))
    os.utime(first, (2_000_000_000, 2_000_000_000))  # the bigger one was saved later
    reports = load_reports([tmp_path], roster=roster_frame())
    assert used_names(reports) == ["DINKES_sedikit.xlsx"]
    assert len(reports.permohonan) == 1
    loser = next(r for r in reports.files if not r.used)
    [note] = [i for i in loser.issues if "lebih dari satu laporan" in i.message]
    assert "DINKES_banyak.xlsx dan DINKES_sedikit.xlsx" in note.message


def test_with_equal_report_dates_the_later_modified_file_wins(tmp_path):
    first, second = _two_reports(tmp_path, dt.date(2025, 7, 7), dt.date(2025, 7, 7))
    os.utime(first, (1_700_000_000, 1_700_000_000))
    os.utime(second, (1_800_000_000, 1_800_000_000))
    reports = load_reports([tmp_path], roster=roster_frame())
    assert used_names(reports) == ["DINKES_sedikit.xlsx"]
    os.utime(first, (1_900_000_000, 1_900_000_000))
    assert used_names(load_reports([tmp_path], roster=roster_frame())) == ["DINKES_banyak.xlsx"]


def test_the_semester_may_be_spelled_with_its_months():
    from kip_training.reports import schema
    from kip_training.reports.normalise import interpret_value

    semester = schema.IDENTITAS.column("semester")
    for typed, code in (
        ("2 (Juli - Desember)", "2"),
        ("Semester II Tahun 2025", "2"),
        ("Juli s.d. Desember", "2"),
        ("Januari – Juni", "1"),
        ("Semester 1", "1"),
        ("ganjil", "1"),
    ):
        assert interpret_value(typed, semester)[0] == code, typed
    assert interpret_value("Maret", semester)[0] is None


def test_an_identitas_typed_as_a_form_reads_the_value_after_the_colon():
    import numpy as np

    from kip_training.reports.identity import parse_identitas
    from kip_training.reports.issues import IssueSink

    raw = np.array(
        [
            ["Kode OPD", ":", "DINKES"],
            ["Nama OPD :", "Dinas Kesehatan", "(wajib)"],
            ["Tahun: 2025", None, None],
            ["Semester", "=", "II"],
        ],
        dtype=object,
    )
    sink = IssueSink("f.xlsx")
    identity = parse_identitas(raw, "Identitas", sink)
    assert identity.values["kode_opd"] == "DINKES"
    assert identity.values["nama_opd"] == "Dinas Kesehatan"
    assert identity.values["tahun"] == 2025
    assert identity.values["semester"] == "2"
