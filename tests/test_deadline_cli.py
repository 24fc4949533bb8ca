"""`kip deadline`: text output, JSON and exit codes."""

import json

import pytest

from kip_training.cli import main


@pytest.fixture(autouse=True)
def bundled_config(monkeypatch, tmp_path):
    monkeypatch.delenv("KIP_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def test_json_due_date_skips_nyepi_and_idul_fitri_cuti_bersama(capsys):
    assert main(["deadline", "2026-03-16", "--kind", "pemberitahuan", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["due"] == "2026-04-07"
    assert result["received"] == "2026-03-16"
    assert result["kind"] == "pemberitahuan"
    assert result["working_days"] == 10
    assert result["basis"] == "UU 14/2008 Pasal 22 ayat (7)"
    skipped = {s["date"]: s["name"] for s in result["skipped"]}
    assert skipped["2026-03-19"] == "Hari Suci Nyepi"
    assert skipped["2026-03-23"] == "Cuti Bersama Hari Raya Idul Fitri"


def test_text_output_in_indonesian(capsys):
    assert main(["deadline", "16/03/2026", "--kind", "perpanjangan"]) == 0
    out = capsys.readouterr().out
    assert "Jatuh tempo   : Kamis, 16 April 2026" in out
    assert "UU 14/2008 Pasal 22 ayat (8)" in out
    assert "Kamis, 19 Maret 2026: Hari Suci Nyepi" in out


def test_default_kind_is_the_written_notice(capsys):
    assert main(["deadline", "22 Desember 2025", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2026-01-08"


def test_bad_date_exits_2_with_valid_kinds(capsys):
    assert main(["deadline", "32/03/2026"]) == 2
    err = capsys.readouterr().err
    assert "bukan tanggal yang sah" in err
    assert "selesai_sengketa" in err


def test_unknown_kind_exits_2_listing_kinds(capsys):
    assert main(["deadline", "2026-03-16", "--kind", "banding"]) == 2
    err = capsys.readouterr().err
    assert "'banding' tidak dikenal" in err
    assert "pemberitahuan, perpanjangan, keberatan" in err


def test_missing_date_is_an_argument_error_in_indonesian(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["deadline"])
    assert exit_info.value.code == 2
    assert "wajib diisi" in capsys.readouterr().err
