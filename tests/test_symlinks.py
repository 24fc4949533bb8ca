"""Symbolic links inside a report folder are not followed, and are named once."""

import json

import pytest
from fixtures.reports.build import write

from kip_training.cli import main
from kip_training.reports.read import find_files


@pytest.fixture
def shared(tmp_path):
    """A shared report folder holding one report, a link to a file elsewhere and a link
    to another folder (both elsewhere hold reports someone else could have put there)."""
    folder = tmp_path / "laporan"
    elsewhere = tmp_path / "milik-orang-lain"
    write(folder, "dinkes.xlsx")
    write(elsewhere, "rahasia.xlsx", identitas={"kode_opd": "DINSOS", "nama_opd": "Dinas Sosial"})
    (folder / "tautan.xlsx").symlink_to(elsewhere / "rahasia.xlsx")
    (folder / "folder-lain").symlink_to(elsewhere, target_is_directory=True)
    return folder


def test_links_in_a_folder_are_skipped_and_collected(shared):
    links = []
    files, missing = find_files([shared], links)
    assert files == [shared / "dinkes.xlsx"] and missing == []
    assert sorted(p.name for p in links) == ["folder-lain", "tautan.xlsx"]


def test_kip_check_reads_no_linked_report_and_names_the_links_in_one_message(shared, capsys):
    code = main(["check", str(shared), "--json", "-"])
    out = capsys.readouterr()
    assert code == 0
    assert [f["file"] for f in json.loads(out.out)["files"]] == [str(shared / "dinkes.xlsx")]
    [line] = [line for line in out.err.splitlines() if "tautan simbolik" in line]
    assert line.startswith("Peringatan: 2 tautan simbolik di folder laporan dilewati")
    assert str(shared / "tautan.xlsx") in line and str(shared / "folder-lain") in line


def test_a_linked_report_named_on_the_command_line_is_read(shared, capsys):
    code = main(["check", str(shared / "tautan.xlsx")])
    out = capsys.readouterr()
    assert code == 0 and "DINSOS" in out.out and "tautan simbolik" not in out.err
