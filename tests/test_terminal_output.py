"""What ``kip`` prints shows control characters from files and cells; it never obeys them."""

from types import SimpleNamespace

import pytest
from fixtures.reports.build import request, write

from kip_training.cli import main
from kip_training.commands.deck import print_problems
from kip_training.terminal import printable

# An xlsx cell escape for ESC: the reader turns it into the real character.
ESC = "_x001B_"
FAKE_ALL_CLEAR = f"{ESC}[2J{ESC}[H{ESC}[32mSEMUA SAH"
IDENTITAS_CSV = "isian,nilai\nKode OPD,DINSOS\nTahun,2025\nSemester,I\nTanggal Laporan,2025-07-07\n"
PERMOHONAN_CSV = (
    "Nomor Registrasi,Tanggal Diterima,Cara Permohonan,Kategori Pemohon,"
    "Informasi yang Diminta,Keputusan\n"
    "001,2025-01-06,Email,Perorangan,APBD,Dipenuhi seluruhnya\n"
)


def test_printable_escapes_what_would_drive_the_terminal():
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("laporan.xlsx\nSEMUA SAH") == "laporan.xlsx\\nSEMUA SAH"
    assert printable("x\ry") == "x\\ry"
    assert printable("\x9b31m") == "\\x9b31m"  # the one-byte CSI of C1
    assert printable("abc\u202efdp.exe") == "abc\\u202efdp.exe"  # right-to-left override
    assert printable("laporan\udcff.xlsx") == "laporan\\udcff.xlsx"  # not valid UTF-8
    assert printable("besok\ufffe") == "besok\\ufffe"


def test_printable_leaves_ordinary_text_alone():
    text = "Dinas Kesehatan — Semester I 2025: 3 galat … Kódé"
    assert printable(text) == text
    assert printable(42) == "42"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A report with an ESC sequence in a cell, and a CSV report whose name has a newline."""
    root = tmp_path_factory.mktemp("laporan")
    write(root, "dinkes.xlsx", permohonan=[request(tanggal_diterima=FAKE_ALL_CLEAR)])
    prefix = "DINSOS\nSEMUA SAH"
    (root / f"{prefix}_identitas.csv").write_text(IDENTITAS_CSV, encoding="utf-8")
    (root / f"{prefix}_permohonan.csv").write_text(PERMOHONAN_CSV, encoding="utf-8")
    return root


def test_kip_check_shows_an_esc_sequence_instead_of_clearing_the_screen(hostile, capsys):
    code = main(["check", str(hostile)])
    out = capsys.readouterr().out
    assert code == 1
    assert "\x1b" not in out
    assert "nilai '\\x1b[2J\\x1b[H\\x1b[32mSEMUA SAH'" in out


def test_a_newline_in_a_file_name_cannot_forge_a_line(hostile, capsys):
    main(["check", str(hostile)])
    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if line.startswith("SEMUA SAH")]
    assert any(
        line.startswith("Berkas: ") and "DINSOS\\nSEMUA SAH_identitas" in line for line in lines
    )


def test_error_lines_escape_the_path_they_name(tmp_path, capsys):
    code = main(["check", str(tmp_path / "tidak\x1b[2Jada")])
    err = capsys.readouterr().err
    assert code == 2
    assert "\x1b" not in err and "tidak\\x1b[2Jada" in err


def test_the_cli_error_line_escapes_what_an_os_error_names(tmp_path, capsys):
    blocker = tmp_path / "bukan-folder\x1b[2J"
    blocker.write_text("")  # a file where the output's folder should be
    code = main(["template", "-o", str(blocker / "templat.xlsx")])
    err = capsys.readouterr().err
    assert code == 3
    assert err.count("\n") == 1 and "\x1b" not in err and "bukan-folder\\x1b[2J" in err


def test_kip_deck_problem_summary_escapes_cells_and_file_names(capsys):
    issue = SimpleNamespace(
        severity="galat",
        file="/laporan/dinkes\n[OK] semua.xlsx",
        message="'\x1b[2J' bukan tanggal.",
        location=lambda: "lembar Permohonan, baris 2",
    )
    print_problems([issue])
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "dinkes\\n[OK] semua.xlsx" in out
    assert not [line for line in out.splitlines() if line.startswith("[OK]")]


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", "2026-13-01\x1b[2J"],
        ["deadline", "2026-03-16", "--jenis", "x\x1b[2J"],
        ["deadline", "2026-03-16", "--tidak-ada\x1b[2J"],
        ["monev", "periksa", "bukti\x1b[2J.xlsx", "--bukti", "."],
    ],
)
def test_argument_echoes_in_error_lines_are_escaped(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2J" in err
