"""Per-OPD feedback workbooks (``kip check --feedback``): hostile text, failures, names, size."""

import shutil
import subprocess

import pandas as pd
import pytest
from fixtures.reports.build import request, write
from openpyxl import load_workbook

from kip_training.cli import main
from kip_training.reports import feedback, load_reports
from kip_training.reports.feedback import file_names, write_feedback

NAME = "{}_2025-S1_hasil_pemeriksaan.xlsx"
# Written as an xlsx escape: a reader turns it into ESC (the start of a terminal sequence).
XLSX_ESC = "_x001B_"
# A CSV pair whose file names hold an ESC sequence, with U+FFFE (forbidden in XML) and
# a vertical tab in echoed values: before, saving the workbook raised and the OPDs after
# it got nothing.
HOSTILE_PREFIX = "DINSOS\x1b[1m"
IDENTITAS_CSV = "isian,nilai\nKode OPD,DINSOS\nTahun,2025\nSemester,I\nTanggal Laporan,2025-07-07\n"
PERMOHONAN_CSV = (
    "Nomor Registrasi,Tanggal Diterima,Cara Permohonan,Kategori Pemohon,"
    "Informasi yang Diminta,Keputusan\n"
    "001,besok\ufffe,Email,Perorangan,APBD,Dipenuhi seluruhnya\n"
    "002,lusa\x0b=1+1,Email,Perorangan,APBD,Dipenuhi seluruhnya\n"
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Three OPDs; the middle one (in name order) hostile, the first with 5 errors."""
    root = tmp_path_factory.mktemp("laporan")
    bad_dates = [request(f"00{i}", tanggal_diterima=f"besok{XLSX_ESC}[2J{i}") for i in range(5)]
    write(root, "dinkes.xlsx", identitas={"kode_opd": "DINKES"}, permohonan=bad_dates)
    (root / f"{HOSTILE_PREFIX}_identitas.csv").write_text(IDENTITAS_CSV, encoding="utf-8")
    (root / f"{HOSTILE_PREFIX}_permohonan.csv").write_text(PERMOHONAN_CSV, encoding="utf-8")
    write(
        root,
        "disdik.xlsx",
        identitas={"kode_opd": "DISDIK", "nama_opd": "Dinas Pendidikan"},
    )
    return root


@pytest.fixture(scope="module")
def reports(folder):
    return load_reports([folder])


@pytest.fixture(scope="module")
def checked(folder, tmp_path_factory):
    """``kip check FOLDER --feedback OUT`` run once: exit code, output, folder written."""
    out = tmp_path_factory.mktemp("umpan-balik")
    code = main(["check", str(folder), "--feedback", str(out)])
    return code, out


def cells(path, sheet):
    return [[c for c in row] for row in load_workbook(path)[sheet].iter_rows(values_only=True)]


def test_every_opd_gets_its_workbook_despite_characters_xml_forbids(checked, capsys):
    code, out = checked
    assert code == 1  # errors in the reports, the toolkit itself did fine
    assert sorted(p.name for p in out.glob("*.xlsx")) == [
        NAME.format("DINKES"),
        NAME.format("DINSOS"),
        NAME.format("DISDIK"),
    ]


def test_hostile_text_is_shown_visibly_and_never_as_a_formula(checked):
    _, out = checked
    rows = cells(out / NAME.format("DINSOS"), "Masalah")
    values = {row[5] for row in rows[1:]}
    assert "besok<U+FFFE>" in values
    assert "lusa\u240b=1+1" in values  # vertical tab made visible (no new line, no formula)
    assert {row[1] for row in rows[1:]} == {"DINSOS\u241b[1m_identitas…"}
    dinkes = cells(out / NAME.format("DINKES"), "Masalah")
    assert "besok\u241b[2J0" in {row[5] for row in dinkes[1:]}


def test_the_workbook_with_hostile_text_opens_in_libreoffice(checked, tmp_path):
    _, out = checked
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
            "--outdir",
            str(tmp_path),
            str(out / NAME.format("DINSOS")),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    masalah = (tmp_path / NAME.format("DINSOS").replace(".xlsx", "-Masalah.csv")).read_text()
    assert "besok<U+FFFE>" in masalah


def test_one_opd_that_cannot_be_written_is_named_and_the_others_are_written(
    reports, tmp_path, capsys, folder
):
    out = tmp_path / "umpan"
    (out / NAME.format("DINSOS")).mkdir(parents=True)  # a folder where its file should go
    code = main(["check", str(folder), "--feedback", str(out)])
    stdout = capsys.readouterr().out
    assert code == 3
    assert "Umpan balik untuk OPD 'DINSOS' tidak dapat ditulis" in stdout
    assert "Umpan balik ditulis: 2 berkas di" in stdout
    assert (out / NAME.format("DINKES")).is_file()
    assert (out / NAME.format("DISDIK")).is_file()
    assert not [p for p in out.iterdir() if p.name.startswith(".~kip-")]  # no leftovers


def test_the_number_of_files_written_is_reported(folder, tmp_path, capsys):
    main(["check", str(folder), "--feedback", str(tmp_path / "a")])
    assert f"Umpan balik ditulis: 3 berkas di {tmp_path / 'a'}" in capsys.readouterr().out


def test_codes_that_would_share_a_file_name_get_distinct_names(tmp_path):
    write(tmp_path / "in", "a.xlsx", identitas={"kode_opd": "DINKÉS"})
    write(tmp_path / "in", "b.xlsx", identitas={"kode_opd": "DINKÈS", "nama_opd": "Dinas Kesenian"})
    roster = pd.DataFrame(
        {
            "kode": ["DINKÉS", "DINKÈS"],
            "nama": ["Dinas Kesehatan", "Dinas Kesenian"],
            "singkatan": ["Dinkes", "Dinkesen"],
            "kelompok": ["dinas", "dinas"],
        }
    )
    reports = load_reports([tmp_path / "in"], roster=roster)
    result = write_feedback(reports, tmp_path / "out")
    assert sorted(p.name for p in result.files) == [NAME.format("DINKES-2"), NAME.format("DINKES")]
    [message] = result.messages
    assert "'DINKÉS' dan 'DINKÈS' menghasilkan nama berkas yang sama" in message
    owners = {p.name: cells(p, "Ringkasan")[1][1] for p in result.files}
    assert owners[NAME.format("DINKES")] == "DINKÈS — Dinas Kesenian"
    assert owners[NAME.format("DINKES-2")] == "DINKÉS — Dinas Kesehatan"


def test_file_names_ignore_case_and_never_take_a_name_already_given():
    names, messages = file_names(["AB", "ab", "AB-2"], "2025-S1")
    assert names == {
        "AB": NAME.format("AB"),
        "ab": NAME.format("AB-2"),
        "AB-2": NAME.format("AB-2-2"),
    }
    assert len(messages) == 2


def test_a_long_list_is_capped_with_a_row_counting_the_rest(reports, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "MAX_ISSUES", 3)
    result = write_feedback(reports, tmp_path)
    path = tmp_path / NAME.format("DINKES")
    assert path in result.files
    rows = cells(path, "Masalah")
    assert len(rows) == 1 + 3 + 1
    assert rows[-1][6] == "… dan 2 masalah lagi (lihat Ringkasan)."
    summary = dict(row[:2] for row in cells(path, "Ringkasan"))
    assert summary["Galat"] == 5  # the summary counts every problem
    assert summary["Daftar masalah"].startswith("3 masalah pertama")


def test_the_cap_is_five_thousand_problems_per_opd():
    assert feedback.MAX_ISSUES == 5000
