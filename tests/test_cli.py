"""``kip``'s own help and errors are Indonesian; other parsers in the process are untouched."""

import argparse

import pytest

from kip_training import cli
from kip_training.paths import NOTEBOOKS_DIR


def _parsers(parser, name="kip"):
    """Every parser of ``kip``, subcommands (and theirs) included, with its command line."""
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {sub_name}")


def _exit_code(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    out = capsys.readouterr()
    return exc.value.code, out.out + out.err


def test_a_plain_argparse_parser_keeps_english_after_kip_built_its_own(capsys):
    cli.build_parser()
    plain = argparse.ArgumentParser(prog="other")
    plain.add_argument("name")
    plain.add_argument("--mode", choices=["a", "b"])
    help_text = plain.format_help()
    assert help_text.startswith("usage: other")
    assert "show this help message and exit" in help_text
    assert "positional arguments:" in help_text and "options:" in help_text
    with pytest.raises(SystemExit):
        plain.parse_args([])
    assert "other: error: the following arguments are required: name" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        plain.parse_args(["x", "--mode", "c"])
    assert "invalid choice: 'c' (choose from 'a', 'b')" in capsys.readouterr().err


def test_every_kip_help_page_is_in_indonesian():
    pages = dict(_parsers(cli.build_parser()))
    assert {"kip", "kip demo", "kip template", "kip quiz", "kip quiz validate"} <= set(pages)
    for name, parser in pages.items():
        text = parser.format_help()
        assert text.startswith(f"penggunaan: {name}"), name
        assert "tampilkan bantuan ini lalu keluar" in text, name
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in text, (name, english)
    assert "argumen posisi:" in pages["kip quiz validate"].format_help()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check"], "kip check: galat: argumen berikut wajib diisi: PATH"),
        (
            ["nope"],
            "kip: galat: argumen PERINTAH: pilihan tidak sah: 'nope' (pilih dari 'deadline'",
        ),
        (["quiz", "nope"], "kip quiz: galat: argumen TINDAKAN: pilihan tidak sah: 'nope'"),
        (["template", "--bogus"], "kip: galat: argumen tidak dikenal: --bogus"),
        (["lab", "--port", "x"], "argumen --port: nilai int tidak sah: 'x'"),
        (["template", "-o"], "argumen -o/--output: memerlukan satu nilai"),
    ],
)
def test_kip_argument_errors_are_in_indonesian_with_status_2(argv, expected, capsys):
    code, printed = _exit_code(argv, capsys)
    assert code == 2
    assert printed.startswith("penggunaan: kip")
    assert expected in printed
    assert "error" not in printed and "argument " not in printed


def test_kip_help_exits_0(capsys):
    code, printed = _exit_code(["demo", "--help"], capsys)
    assert code == 0 and printed.startswith("penggunaan: kip demo")


@pytest.fixture
def execv(monkeypatch, tmp_path):
    """Record the program ``kip lab``/``kip app`` would become instead of starting it."""
    calls = []
    for name in ("KIP_OUTPUT", "KIP_APP", "KIP_APP_TOKEN", "KIP_APP_REPORTS", "KIP_APP_HOSTS"):
        monkeypatch.setenv(name, "")  # so that monkeypatch restores what `kip app` sets
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.os, "execv", lambda exe, argv: calls.append(argv))
    return calls


def test_kip_app_finds_a_bundled_notebook_by_name_and_writes_to_the_working_folder(execv, tmp_path):
    assert cli.main(["app", "02_latihan_tenggat_waktu.ipynb", "--no-browser"]) == 0
    (argv,) = execv
    assert argv[1:4] == [
        "-m",
        "kip_training.app_server",
        str(NOTEBOOKS_DIR / "02_latihan_tenggat_waktu.ipynb"),
    ]
    assert "--no-browser" in argv
    assert cli.os.environ["KIP_OUTPUT"] == str(tmp_path / "keluaran")


def test_kip_app_names_the_bundled_notebooks_when_one_is_missing(execv, capsys):
    assert cli.main(["app", "tidak_ada.ipynb"]) == 2
    err = capsys.readouterr().err
    assert "notebook 'tidak_ada.ipynb' tidak ditemukan" in err
    assert "00_mulai_di_sini.ipynb" in err
    assert execv == []


def test_kip_lab_opens_the_bundled_notebooks(execv, tmp_path):
    assert cli.main(["lab", "--port", "9999"]) == 0
    (argv,) = execv
    assert argv[1:5] == ["-m", "jupyter", "lab", str(NOTEBOOKS_DIR)]
    assert "--port=9999" in argv
    assert cli.os.environ["KIP_OUTPUT"] == str(tmp_path / "keluaran")


# --------------------------------------------------------------------------- exit status


def _kip(*argv, cwd):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "kip_training.cli", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_exit_status_0_1_2_for_fine_input_problems_and_bad_arguments(tmp_path, capsys):
    assert cli.main(["quiz", "validate"]) == 0
    broken = tmp_path / "rusak.yaml"
    broken.write_text("topic: [tidak ditutup\n", encoding="utf-8")
    assert cli.main(["quiz", "validate", str(broken)]) == 1
    code, _ = _exit_code(["quiz", "export", "--format", "docx", "-o", "x"], capsys)
    assert code == 2


def test_an_unwritable_output_gives_status_3_and_one_indonesian_line(tmp_path):
    result = _kip("template", "-o", "/proc/tidak-ada/templat.xlsx", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr == (
        "Galat: tidak dapat menulis /proc/tidak-ada/templat.xlsx: berkas atau folder tidak ada "
        "(folder /proc/tidak-ada)\n"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_permission_denied_is_said_in_indonesian(monkeypatch, tmp_path, capsys):
    import errno

    import kip_training.reports.template as template

    def denied(path):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(template, "write_template", denied)
    assert cli.main(["template", "-o", "/root/x.xlsx"]) == 3
    assert capsys.readouterr().err == "Galat: tidak dapat menulis /root/x.xlsx: izin ditolak\n"


def test_an_unexpected_failure_is_one_line_with_status_3(monkeypatch, tmp_path, capsys):
    import kip_training.reports.template as template

    def broken(path):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(template, "write_template", broken)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    assert cli.main(["template", "-o", str(tmp_path / "t.xlsx")]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Galat: kip-training gagal (ZeroDivisionError")
    assert "KIP_DEBUG=1" in err
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    with pytest.raises(ZeroDivisionError):
        cli.main(["template", "-o", str(tmp_path / "t.xlsx")])
