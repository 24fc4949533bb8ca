import datetime as dt
import shutil

import pandas as pd
from fixtures.reports.build import IDENTITAS, request, write
from fixtures.reports.ods import write_ods
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kip_training.reports import (
    GALAT,
    PERINGATAN,
    Period,
    load_file,
    load_raw,
    load_reports,
    schema,
)

ROSTER = {"DINKES": "Dinas Kesehatan", "DISDIK": "Dinas Pendidikan dan Kebudayaan"}
S1 = Period(2025, 1)


def roster_frame():
    return pd.DataFrame(
        {
            "kode": list(ROSTER),
            "nama": list(ROSTER.values()),
            "singkatan": ["Dinkes", "Disdik"],
            "kelompok": ["dinas", "dinas"],
        }
    )


def load(path, **kwargs):
    return load_file(path, ROSTER, **kwargs)


def errors(result):
    return [i for i in result.issues if i.severity == GALAT]


def test_a_clean_report_loads_without_problems(tmp_path):
    result = load(write(tmp_path))
    assert result.used and result.kode_opd == "DINKES" and result.period == S1
    assert errors(result) == []
    frame = result.frames["permohonan"]
    assert frame.loc[0, "keputusan"] == "dipenuhi_seluruhnya"
    assert frame.loc[0, "tanggal_diterima"] == pd.Timestamp("2025-01-06")
    assert frame.loc[0, "hari_kerja"] == 4
    assert frame.loc[0, "baris"] == 2  # Excel row of the first data row


def test_headers_are_matched_whatever_their_case_spacing_or_synonym(tmp_path):
    headers = {
        "permohonan": {
            "no_registrasi": "  NO. REG ",
            "tanggal_diterima": "tgl diterima",
            "keputusan": "STATUS PERMOHONAN",
            "biaya": "biaya (rp.)",
        }
    }
    result = load(write(tmp_path, headers=headers))
    assert errors(result) == []
    frame = result.frames["permohonan"]
    assert frame.loc[0, "no_registrasi"] == "001"
    assert frame.loc[0, "keputusan"] == "dipenuhi_seluruhnya"


def test_messy_values_are_understood_and_warned_about(tmp_path):
    rows = [
        request("001", dikuasai="YA", perpanjangan="y", biaya="1.500.000"),
        request("002", tanggal_diterima="12 Maret 2025", tanggal_pemberitahuan="14/03/2025"),
        request("003", tanggal_diterima=45700.0, tanggal_pemberitahuan="2025-02-14"),
    ]
    result = load(write(tmp_path, permohonan=rows, keberatan=[]))
    assert errors(result) == []
    frame = result.frames["permohonan"].set_index("no_registrasi")
    assert frame.loc["001", "dikuasai"] == "ya"
    assert frame.loc["001", "perpanjangan"] == "ya"
    assert frame.loc["001", "biaya"] == 1_500_000
    assert frame.loc["002", "tanggal_diterima"] == pd.Timestamp("2025-03-12")
    assert frame.loc["002", "tanggal_pemberitahuan"] == pd.Timestamp("2025-03-14")
    assert frame.loc["003", "tanggal_diterima"] == pd.Timestamp("2025-02-12")  # Excel serial
    warned = {(i.column, i.row) for i in result.issues if i.severity == PERINGATAN}
    assert ("Biaya (Rp)", 2) in warned
    assert ("Perpanjangan Waktu", 2) in warned
    assert ("Tanggal Diterima", 3) in warned  # month name
    assert ("Tanggal Diterima", 4) in warned  # serial number
    assert ("Informasi Dikuasai", 2) not in warned  # "YA" is just upper case


def test_an_unreadable_value_is_an_error_located_as_in_excel(tmp_path):
    rows = [request("001"), request("002", tanggal_diterima="kemarin sore")]
    result = load(write(tmp_path, permohonan=rows, keberatan=[]))
    [issue] = errors(result)
    assert (issue.sheet, issue.row, issue.column, issue.value) == (
        "Permohonan",
        3,
        "Tanggal Diterima",
        "kemarin sore",
    )
    assert "bukan tanggal" in issue.message and "15/03/2025" in issue.message
    assert result.sheets["permohonan"].rows_rejected == 1


def test_trailing_blank_rows_and_the_example_row_are_not_counted(tmp_path):
    rows = [
        request("CONTOH-001", informasi_diminta="contoh"),
        request("001"),
        {},
        {},
    ]
    result = load(write(tmp_path, permohonan=rows, keberatan=[]))
    assert result.sheets["permohonan"].rows_read == 1


def test_personal_data_columns_are_dropped_with_a_warning(tmp_path):
    rows = [request("001", **{"Nama Pemohon": "Budi Santoso", "NIK": "3604012345678901"})]
    path = write(
        tmp_path,
        permohonan=rows,
        keberatan=[],
        extra_columns={"permohonan": ["Nama Pemohon", "NIK"]},
    )
    result = load(path)
    frame = result.frames["permohonan"]
    assert "Budi Santoso" not in frame.to_string()
    assert "3604012345678901" not in frame.to_string()
    dropped = [i for i in result.issues if "data pribadi" in i.message]
    assert {i.column for i in dropped} == {"Nama Pemohon", "NIK"}
    assert all(i.severity == PERINGATAN for i in dropped)
    assert "Budi" not in str([i.as_dict() for i in result.issues])


def test_the_ppid_official_in_identitas_is_not_mistaken_for_a_requester(tmp_path):
    result = load(write(tmp_path))
    assert not [i for i in result.issues if "data pribadi" in i.message]
    assert result.frames["identitas"].loc[0, "nama_ppid"] == IDENTITAS["nama_ppid"]


def test_xlsm_and_ods_files_are_read(tmp_path):
    xlsm = tmp_path / "laporan.xlsm"
    shutil.copy(write(tmp_path), xlsm)
    assert load(xlsm).used
    ods = write_ods(
        tmp_path / "laporan.ods",
        {
            "Identitas": [
                ["Isian", "Nilai"],
                ["Kode OPD", "DINKES"],
                ["Tahun", 2025],
                ["Semester", "I"],
                ["Tanggal Laporan", dt.date(2025, 7, 1)],
            ],
            "Permohonan": [
                [c.title for c in schema.PERMOHONAN.columns],
                ["1", dt.date(2025, 2, 3), "Surat", "Media", "APBD", "Ya", "Dalam proses"],
            ],
        },
    )
    result = load(ods)
    assert result.used and errors(result) == []
    assert result.frames["permohonan"].loc[0, "kategori_pemohon"] == "media"


def test_csv_files_of_one_report_are_grouped_by_their_suffix(tmp_path):
    (tmp_path / "DINKES_2025-S1_identitas.csv").write_text(
        "isian;nilai\nKode OPD;DINKES\nTahun;2025\nSemester;I\nTanggal Laporan;07/07/2025\n"
    )
    (tmp_path / "DINKES_2025-S1_permohonan.csv").write_text(
        "Nomor Registrasi,Tanggal Diterima,Cara Permohonan,Kategori Pemohon,"
        "Informasi yang Diminta,Keputusan,Tanggal Pemberitahuan Tertulis\n"
        "1,2025-02-03,surat,perorangan,APBD,dipenuhi seluruhnya,2025-02-05\n"
        "2,2025-02-04,email,perorangan,DPA,ditolak,2025-02-05\n"
    )
    reports = load_reports([tmp_path], roster=roster_frame())
    [result] = reports.files
    assert result.kode_opd == "DINKES"
    assert result.sheets["permohonan"].rows_read == 2
    assert result.sheets["permohonan"].rows_rejected == 1  # refused without a letter
    assert len(reports.permohonan) == 1


def test_a_csv_with_a_lembar_column_keeps_its_line_numbers(tmp_path):
    path = tmp_path / "laporan.csv"
    path.write_text(
        "lembar,Nomor Registrasi,Tanggal Diterima,Isian,Nilai\n"
        "Identitas,,,Kode OPD,DINKES\n"
        "Permohonan,1,bukan tanggal,,\n"
    )
    result = load(path)
    issue = next(i for i in result.issues if i.column == "Tanggal Diterima")
    assert issue.row == 3


def test_unreadable_files_give_one_message_each_and_the_rest_still_load(tmp_path):
    write(tmp_path, "baik.xlsx")
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04 ini bukan zip yang utuh")
    (tmp_path / "sandi.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    (tmp_path / "surat.xlsx").write_text("Yth. Bapak Kepala Dinas")
    (tmp_path / "kosong.csv").write_text("")
    reports = load_reports([tmp_path], roster=roster_frame())
    by_name = {r.file.rsplit("/", 1)[-1]: r for r in reports.files}
    assert by_name["baik.xlsx"].used
    for name in ("rusak.xlsx", "sandi.xlsx", "kosong.xlsx", "surat.xlsx", "kosong.csv"):
        result = by_name[name]
        assert not result.readable
        [issue] = result.issues
        assert issue.severity == GALAT and name in issue.message
    assert "kata sandi" in by_name["sandi.xlsx"].issues[0].message
    assert len(reports.permohonan) == 1


def test_an_opd_not_in_the_roster_is_an_error_and_its_rows_are_not_used(tmp_path):
    reports = load_reports(
        [write(tmp_path, identitas={"kode_opd": "DINASX", "nama_opd": "Dinas X"})],
        roster=roster_frame(),
    )
    [result] = reports.files
    assert not result.used
    assert any("DINASX" in i.message and i.severity == GALAT for i in result.issues)
    assert result.sheets["permohonan"].rows_rejected == result.sheets["permohonan"].rows_read
    assert reports.permohonan.empty
    assert reports.missing_opd() == ["DINKES", "DISDIK"]


def test_the_same_opd_twice_keeps_the_latest_report_and_says_why(tmp_path):
    write(tmp_path, "awal.xlsx", identitas={"tanggal_laporan": dt.date(2025, 7, 3)})
    write(
        tmp_path,
        "revisi.xlsx",
        identitas={"tanggal_laporan": dt.date(2025, 7, 8)},
        permohonan=[request("001"), request("002")],
    )
    reports = load_reports([tmp_path], roster=roster_frame())
    used = [r.file.rsplit("/", 1)[-1] for r in reports.files if r.used]
    assert used == ["revisi.xlsx"]
    old = next(r for r in reports.files if not r.used)
    [note, *_] = [i for i in old.issues if "lebih dari satu laporan" in i.message]
    assert "revisi.xlsx" in note.message and "paling akhir" in note.message
    assert old.rows_accepted == 0 and old.rows_rejected == old.rows_read
    assert len(reports.permohonan) == 2


def test_missing_opds_and_late_reports_are_listed(tmp_path):
    write(tmp_path, identitas={"tanggal_laporan": dt.date(2025, 8, 1)})
    reports = load_reports([tmp_path], roster=roster_frame())
    assert reports.missing_opd() == ["DISDIK"]
    assert reports.late_opd() == ["DINKES"]
    assert reports.totals()["missing_opd"] == [
        {"kode": "DISDIK", "nama": "Dinas Pendidikan dan Kebudayaan"}
    ]


def test_a_report_of_another_period_is_not_used_for_the_chosen_period(tmp_path):
    path = write(tmp_path)
    result = load(path, expected_period=Period(2025, 2))
    assert not result.used
    assert any("Semester I 2025" in i.message for i in errors(result))


# --- the accounting invariant, on generated messy rows -------------------------------

CELL = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["ya", "YA", "tidak", "x", "ditolak", "Dipenuhi seluruhnya", "a", "17 h"]),
    st.sampled_from(["12 Maret 2025", "31/02/2025", "2025-04-01", "01/13/2025", "-"]),
    st.sampled_from(["=1+1", "1.500.000", "Rp 2.000", "-5", "001", "002"]),
    st.dates(dt.date(2024, 10, 1), dt.date(2025, 9, 30)),
    st.floats(-10, 50000, allow_nan=False),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(CELL, min_size=12, max_size=12), max_size=12),
    st.lists(st.lists(CELL, min_size=9, max_size=9), max_size=6),
)
def test_every_row_read_is_accepted_or_rejected_with_an_issue(requests, objections):
    ident = pd.DataFrame(
        [["Isian", "Nilai"], ["Kode OPD", "DINKES"], ["Tahun", 2025.0], ["Semester", "I"]],
        dtype=object,
    )
    raw = {
        "Identitas": ident,
        "Permohonan": pd.DataFrame(
            [[c.title for c in schema.PERMOHONAN.columns], *requests], dtype=object
        ),
        "Keberatan": pd.DataFrame(
            [[c.title for c in schema.KEBERATAN.columns], *objections], dtype=object
        ),
    }
    result = load_raw(raw, "acak.xlsx", ROSTER)
    for key, count in result.sheets.items():
        assert count.rows_read == count.rows_accepted + count.rows_rejected, key
    for key in ("permohonan", "keberatan"):
        count = result.sheets[key]
        # an unusable report (e.g. all its dates in an unrelated semester) keeps no rows
        accepted = result.frames.get(key, pd.DataFrame({"baris": []}))
        assert len(accepted) == count.rows_accepted
        title = count.sheet
        error_rows = {i.row for i in result.issues if i.sheet == title and i.severity == GALAT}
        sheet_level = any(
            i.row is None and i.sheet == title and i.severity == GALAT for i in result.issues
        )
        raw_frame = raw[title]
        filled = {
            n + 1: [
                v
                for v in raw_frame.iloc[n]
                if v not in (None, "") and not (isinstance(v, str) and not v.strip())
            ]
            for n in range(1, len(raw_frame))
        }
        numbered = {row for row, values in filled.items() if _only_a_row_number(values)}
        read_rows = {row for row, values in filled.items() if values} - numbered
        rejected_rows = read_rows - set(accepted["baris"])
        assert len(read_rows) == count.rows_read
        assert sheet_level or rejected_rows <= error_rows
        notes = [i.message for i in result.issues if i.sheet == title and "nomor urut" in i.message]
        assert bool(numbered) == bool(notes)  # skipped, and said so


def _only_a_row_number(values: list) -> bool:
    """A row holding one whole number from 1 to 99,999 and nothing else: not data."""
    if len(values) != 1:
        return False
    (value,) = values
    if isinstance(value, str):
        text = value.strip().rstrip(".")
        return text.isdigit() and 1 <= int(text) <= 99_999 and len(text.lstrip("0")) <= 5
    return isinstance(value, float | int) and float(value).is_integer() and 1 <= value <= 99_999


def test_a_missing_required_column_rejects_the_sheet_with_one_issue(tmp_path):
    path = tmp_path / "DINKES_permohonan.csv"
    (tmp_path / "DINKES_identitas.csv").write_text(
        "isian,nilai\nKode OPD,DINKES\nTahun,2025\nSemester,I\nTanggal Laporan,2025-07-07\n"
    )
    path.write_text("Nomor Registrasi,Cara Permohonan,Keputusan\n1,surat,dalam proses\n")
    reports = load_reports([tmp_path], roster=roster_frame())
    [result] = reports.files
    count = result.sheets["permohonan"]
    assert (count.rows_read, count.rows_rejected) == (1, 1)
    [issue] = [i for i in result.issues if "Kolom wajib" in i.message]
    assert "'Tanggal Diterima'" in issue.message and issue.severity == GALAT


def test_a_file_result_can_cross_a_process_boundary(tmp_path):
    import pickle

    result = load(write(tmp_path))
    copy = pickle.loads(pickle.dumps(result))
    assert copy.frames["permohonan"].equals(result.frames["permohonan"])
    assert copy.issues == result.issues


def test_control_characters_pasted_into_cells_never_reach_a_frame(tmp_path):
    """Text pasted from Word keeps its manual line breaks (vertical tab), stored by Excel
    as "_x000B_"; XML documents (the annual report) cannot hold them."""
    import shutil
    import zipfile

    from kip_training.reports import load_file

    path = write(
        tmp_path,
        kendala=[{"jenis": "Kendala internal", "uraian": "Petugas VTAB merangkap BELL tugas"}],
    )
    edited = tmp_path / "edit.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(edited, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info).replace(b"VTAB", b"_x000B_").replace(b"BELL", b"_x0007_")
            zout.writestr(info, data)
    shutil.move(edited, path)
    result = load_file(path)
    [text] = list(result.frames["kendala"]["uraian"])
    assert text == "Petugas \n merangkap  tugas"
    assert not any(ord(c) < 32 and c != "\n" for c in text)
