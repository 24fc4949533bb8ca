"""Dates whose day and month were swapped (Excel in an English locale, or typed mm/dd)
are found per column and file, read back day first, and never swapped silently."""

import csv
import datetime as dt
import shutil
import subprocess

import pandas as pd
import pytest
from fixtures.reports.build import request, write

from kip_training.reports import GALAT, PERINGATAN, schema
from kip_training.reports.load import load_raw, read_report

ROSTER = {"DINKES": "Dinas Kesehatan"}
D = dt.date
S2 = {"tahun": 2025, "semester": "II", "tanggal_laporan": D(2026, 1, 7)}


def received(result) -> dict:
    frame = result.frames["permohonan"].set_index("no_registrasi")
    return {k: pd.Timestamp(v).date() for k, v in frame["tanggal_diterima"].items()}


def swap_notes(result, title="Tanggal Diterima"):
    return [i for i in result.issues if i.column == title and "tertukar hari/bulan" in i.message]


def _english_excel(tmp_path, rows: list[dict]):
    """The Permohonan sheet typed as dd/mm/yyyy text, opened by LibreOffice Calc with
    the en-US locale (as an Excel set to English would), saved as xlsx: its cells."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed to build this report")
    columns = schema.PERMOHONAN.columns
    source = tmp_path / "permohonan.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow([c.title for c in columns])
        for row in rows:
            out.writerow([row.get(c.key, "") for c in columns])
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--infilter=CSV:44,34,76,1,,1033",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    [cells] = read_report(tmp_path / "permohonan.xlsx").sheets.values()
    return cells


def _typed(number: str, day: str, notice: str) -> dict:
    return {
        "no_registrasi": number,
        "tanggal_diterima": day,
        "saluran": "Email",
        "kategori_pemohon": "Perorangan",
        "informasi_diminta": "Rencana kerja 2025",
        "dikuasai": "Ya",
        "keputusan": "Dipenuhi seluruhnya",
        "perpanjangan": "Tidak",
        "tanggal_pemberitahuan": notice,
        "biaya": "0",
    }


def test_a_column_mangled_by_an_english_excel_is_read_back_with_one_warning(tmp_path):
    typed = [  # (typed received date, typed notice date, true received date)
        ("P-001", "03/05/2025", "13/05/2025", D(2025, 5, 3)),  # becomes 5 March
        ("P-002", "07/04/2025", "14/04/2025", D(2025, 4, 7)),  # becomes 4 July
        ("P-003", "02/06/2025", "13/06/2025", D(2025, 6, 2)),  # becomes 6 February
        ("P-004", "05/05/2025", "15/05/2025", D(2025, 5, 5)),  # same either way
        ("P-005", "17/05/2025", "23/05/2025", D(2025, 5, 17)),  # stays text
        ("P-006", "20/03/2025", "27/03/2025", D(2025, 3, 20)),  # stays text
        ("P-007", "14/02/2025", "19/02/2025", D(2025, 2, 14)),  # stays text
    ]
    cells = _english_excel(tmp_path, [_typed(n, d, t) for n, d, t, _ in typed])
    # the mess is real: LibreOffice stored 5 March for "03/05/2025"
    assert cells[1, 1] == D(2025, 3, 5) and cells[5, 1] == "17/05/2025"
    sheets = read_report(write(tmp_path, keberatan=[])).sheets
    sheets["Permohonan"] = cells
    result = load_raw(sheets, "inggris.xlsx", ROSTER)
    assert result.sheets["permohonan"].rows_accepted == 7
    assert received(result) == {n: day for n, _, _, day in typed}
    [note] = swap_notes(result)
    assert note.severity == PERINGATAN and note.sheet == "Permohonan"
    assert note.message.startswith("3 tanggal di kolom 'Tanggal Diterima' tampaknya tertukar")
    assert "format Excel berbahasa Inggris" in note.message and "(3 sel: baris 2, 3, 4)" in (
        note.message
    )
    # the notice dates stayed text with day > 12: read as typed, nothing swapped
    assert not swap_notes(result, "Tanggal Pemberitahuan Tertulis")
    assert not [i for i in result.issues if i.severity == GALAT]


def test_dates_outside_the_semester_unless_swapped_are_read_back(tmp_path):
    true_and_stored = [  # typed mm/dd: 3 August stored as 8 March, and so on
        ("001", D(2025, 8, 3), D(2025, 3, 8), D(2025, 8, 14)),
        ("002", D(2025, 9, 5), D(2025, 5, 9), D(2025, 9, 16)),
        ("003", D(2025, 12, 2), D(2025, 2, 12), D(2025, 12, 15)),
        ("004", D(2025, 8, 20), D(2025, 8, 20), D(2025, 8, 27)),
        ("005", D(2025, 9, 15), D(2025, 9, 15), D(2025, 9, 22)),
        ("006", D(2025, 10, 14), D(2025, 10, 14), D(2025, 10, 21)),
        ("007", D(2025, 11, 25), D(2025, 11, 25), D(2025, 11, 28)),
        ("008", D(2025, 7, 18), D(2025, 7, 18), D(2025, 7, 25)),
    ]
    rows = [
        request(n, tanggal_diterima=stored, tanggal_pemberitahuan=notice)
        for n, _, stored, notice in true_and_stored
    ]
    result = load_raw(
        read_report(write(tmp_path, identitas=S2, permohonan=rows, keberatan=[])).sheets,
        "semester.xlsx",
        ROSTER,
    )
    assert received(result) == {n: true for n, true, _, _ in true_and_stored}
    assert result.sheets["permohonan"].rows_accepted == 8
    [note] = swap_notes(result)
    assert note.message.startswith("3 tanggal di kolom 'Tanggal Diterima'")
    assert "di luar Semester II 2025" in note.message and "8 Maret 2025 menjadi 3 Agustus" in (
        note.message
    )


def test_one_stray_date_outside_the_semester_is_an_error_with_a_hint_not_a_swap(tmp_path):
    rows = [request("001", tanggal_diterima=D(2025, 7, 1), tanggal_pemberitahuan=D(2025, 7, 2))]
    result = load_raw(
        read_report(write(tmp_path, permohonan=rows, keberatan=[])).sheets, "x.xlsx", ROSTER
    )
    assert not swap_notes(result)
    [error] = [i for i in result.issues if i.severity == GALAT]
    assert "di luar Semester I 2025" in error.message
    assert "Mungkin hari dan bulannya tertukar (7 Januari 2025" in error.message


@pytest.mark.parametrize(
    "dates",
    [
        # real dates only, day <= 12 and day > 12 alike, all in the semester
        [D(2025, 3, 5), D(2025, 4, 7), D(2025, 6, 2), D(2025, 5, 17), D(2025, 2, 14)],
        # text dd/mm only
        ["03/05/2025", "07/04/2025", "17/05/2025", "20/03/2025"],
        # real dates with day > 12 next to text: typed in an Indonesian Excel, not mangled
        [D(2025, 3, 5), D(2025, 4, 7), D(2025, 5, 17), "20/03/2025"],
    ],
)
def test_a_column_that_is_fine_is_not_touched(tmp_path, dates):
    rows = [
        request(f"00{n}", tanggal_diterima=day, tanggal_pemberitahuan=None)
        for n, day in enumerate(dates, 1)
    ]
    result = load_raw(
        read_report(write(tmp_path, permohonan=rows, keberatan=[])).sheets, "x.xlsx", ROSTER
    )
    assert not [i for i in result.issues if "tertukar" in i.message]
    expected = [
        d if isinstance(d, dt.date) else dt.datetime.strptime(d, "%d/%m/%Y").date() for d in dates
    ]
    assert list(received(result).values()) == expected
