"""The roster of OPDs: one reader, one way to compare codes."""

import pandas as pd
import pytest

from kip_training.errors import ReportError
from kip_training.quiz import roster as quiz_roster
from kip_training.roster import Opd, Roster, normalise_code, read_roster


def write(tmp_path, text):
    path = tmp_path / "opd.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("typed", ["DPUPR", "dpupr ", " DpuPr", "DPU-PR", "dpu pr", "DPU_PR"])
def test_codes_differing_in_case_spaces_and_punctuation_are_one_code(typed):
    assert normalise_code(typed) == "DPUPR"


def test_the_roster_keeps_its_codes_as_written_and_finds_them_typed_any_way(tmp_path):
    roster = read_roster(write(tmp_path, "kode,nama,singkatan,kelompok\nDPU-PR,Dinas PUPR,,x\n"))
    assert roster.codes == ["DPU-PR"]
    assert roster.get("dpu pr").kode == roster.get("DPUPR").kode == "DPU-PR"


def test_two_roster_codes_equal_without_punctuation_are_a_roster_error(tmp_path):
    path = write(tmp_path, "kode,nama,singkatan,kelompok\nDPU-PR,A,a,x\nDPUPR,B,b,x\n")
    with pytest.raises(ReportError, match="DPU-PR dan DPUPR sama bila tanda baca"):
        read_roster(path)


def test_reader_normalises_codes_and_keeps_file_order(tmp_path):
    path = write(
        tmp_path,
        "Kode, Nama ,Singkatan,Kelompok\n dinkes ,Dinas Kesehatan,Dinkes,dinas\n"
        "KEC-BARAT,Kecamatan Barat,Kec. Barat,kecamatan\n,,,\n",
    )
    roster = read_roster(path)
    assert roster.codes == ["DINKES", "KEC-BARAT"]
    assert roster.get("dinkes ") == Opd("DINKES", "Dinas Kesehatan", "Dinkes", "dinas")
    assert roster.get("KECBARAT").kode == "KEC-BARAT"
    assert roster.get("KECTIMUR") is None
    assert list(roster.frame().columns) == ["kode", "nama", "singkatan", "kelompok"]


def test_a_code_listed_twice_in_any_case_is_refused(tmp_path):
    path = write(tmp_path, "kode,nama,singkatan,kelompok\nDINKES,A,a,x\ndinkes ,B,b,x\n")
    with pytest.raises(ReportError, match="DINKES tercantum lebih dari sekali"):
        read_roster(path)


def test_a_missing_column_or_file_is_named(tmp_path):
    with pytest.raises(ReportError, match="kolom singkatan, kelompok tidak ada"):
        read_roster(write(tmp_path, "kode,nama\nDINKES,Dinas Kesehatan\n"))
    with pytest.raises(ReportError, match="tidak ditemukan"):
        read_roster(tmp_path / "tidak_ada.csv")


def test_quiz_falls_back_to_an_empty_roster(tmp_path):
    assert len(quiz_roster.load_roster(tmp_path / "tidak_ada.csv")) == 0


def test_a_table_gives_the_same_roster_as_the_file(tmp_path):
    text = "kode,nama,singkatan,kelompok\ndinkes,Dinas Kesehatan,Dinkes,dinas\n"
    table = pd.DataFrame(
        {
            "kode": ["dinkes"],
            "nama": ["Dinas Kesehatan"],
            "singkatan": ["Dinkes"],
            "kelompok": ["dinas"],
        }
    )
    assert Roster.from_frame(table) == read_roster(write(tmp_path, text))
    assert Roster.from_frame(table).get("DINKES").label == "Dinkes – Dinas Kesehatan"


ROWS = [
    ["kode", "nama", "singkatan", "kelompok"],
    ["DINKES", "Dinas Kesehatan", "Dinkes", "dinas"],
    ["KEC-ÇIBENING", "Kecamatan Çibening", "Kec. Çibening", "kecamatan"],
]


@pytest.mark.parametrize(
    ("name", "separator", "encoding"),
    [
        ("opd.csv", ";", "cp1252"),  # Excel (Indonesian locale) and LibreOffice on Windows
        ("opd.csv", ",", "utf-8-sig"),
        ("opd.txt", "\t", "utf-8"),
    ],
)
def test_a_roster_saved_from_a_spreadsheet_reads_the_same(tmp_path, name, separator, encoding):
    path = tmp_path / name
    path.write_bytes(("\r\n".join(separator.join(r) for r in ROWS) + "\r\n").encode(encoding))
    roster = read_roster(path)
    assert roster.codes == ["DINKES", "KEC-ÇIBENING"]
    assert roster.names["KEC-ÇIBENING"] == "Kecamatan Çibening"


def test_a_roster_kept_as_a_workbook_reads_its_first_sheet(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    for row in ROWS:
        workbook.active.append(row)
    workbook.save(tmp_path / "opd.xlsx")
    assert read_roster(tmp_path / "opd.xlsx").codes == ["DINKES", "KEC-ÇIBENING"]


def test_a_broken_roster_row_is_named_not_a_crash(tmp_path):
    path = tmp_path / "opd.csv"
    path.write_text("kode,nama,singkatan,kelompok\nA,Dinas A,a,dinas\nB,Dinas B,b,dinas,x\n")
    with pytest.raises(ReportError, match="baris 3 berisi 5 kolom"):
        read_roster(path)
