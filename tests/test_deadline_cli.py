"""`kip deadline`: text output, JSON and exit codes."""

import json

import pytest

from kip_training.cli import main


@pytest.fixture(autouse=True)
def bundled_config(monkeypatch, tmp_path):
    monkeypatch.delenv("KIP_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def deadline_json(capsys, *args):
    assert main(["deadline", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_gives_the_due_date_under_both_readings(capsys):
    result = deadline_json(capsys, "2026-03-16", "--kind", "pemberitahuan")
    # Nyepi skipped; the Nyepi and Idul Fitri cuti bersama counted as working days
    assert result["due"] == "2026-03-31"
    assert result["reading"] == "cuti_bersama_kerja"
    assert result["due_cuti_bersama_kerja"] == "2026-03-31"
    assert result["due_cuti_bersama_libur"] == "2026-04-07"
    assert result["received"] == "2026-03-16"
    assert result["kind"] == "pemberitahuan"
    assert result["working_days"] == 10
    assert result["basis"] == "UU 14/2008 Pasal 22 ayat (7)"
    skipped = {s["date"]: s["name"] for s in result["skipped"]}
    assert skipped == {"2026-03-19": "Hari Suci Nyepi"}


def test_json_follows_the_configured_reading(capsys, tmp_path):
    (tmp_path / "kip.toml").write_text('[kalender]\ncuti_bersama = "libur"\n', encoding="utf-8")
    result = deadline_json(capsys, "2026-03-16")
    assert result["due"] == "2026-04-07"
    assert result["reading"] == "cuti_bersama_libur"
    assert result["due_cuti_bersama_kerja"] == "2026-03-31"
    skipped = {s["date"]: s["name"] for s in result["skipped"]}
    assert skipped["2026-03-23"] == "Cuti Bersama Hari Raya Idul Fitri"


def test_bad_reading_in_config_exits_2_naming_key_and_values(capsys, tmp_path):
    (tmp_path / "kip.toml").write_text('[kalender]\ncuti_bersama = "cuti"\n', encoding="utf-8")
    assert main(["deadline", "2026-03-16"]) == 2
    err = capsys.readouterr().err
    assert "kalender.cuti_bersama" in err and '"kerja", "libur"' in err


def test_text_output_in_indonesian_shows_both_dates_and_the_conventions(capsys):
    assert main(["deadline", "16/03/2026", "--kind", "perpanjangan"]) == 0
    out = capsys.readouterr().out
    assert "Jatuh tempo   : Jumat, 10 April 2026" in out
    assert "UU 14/2008 Pasal 22 ayat (8)" in out
    assert "Kamis, 19 Maret 2026: Hari Suci Nyepi" in out
    assert "cuti bersama dihitung sebagai hari kerja (bawaan): Jumat, 10 April 2026" in out
    assert "cuti bersama dilewati: Kamis, 16 April 2026" in out
    assert "cuti kolektif ASN, bukan hari libur nasional" in out
    assert "UU KIP tidak mendefinisikan" in out and "hari ke-0" in out


def test_text_output_shows_one_date_when_the_readings_agree(capsys):
    assert main(["deadline", "2026-06-22"]) == 0
    out = capsys.readouterr().out
    assert "Jatuh tempo   : Senin, 6 Juli 2026" in out
    assert "dilewati:" not in out
    assert "hari ke-0" in out


def test_default_kind_is_the_written_notice(capsys):
    assert deadline_json(capsys, "22 Desember 2025")["due"] == "2026-01-07"


def test_dispute_without_an_answer_is_a_kind_marked_as_practice(capsys):
    result = deadline_json(capsys, "2026-06-22", "--kind", "sengketa_tanpa_tanggapan")
    assert result["due"] == "2026-08-24"  # 30 working days, then 14 more
    assert result["working_days"] == 14
    assert result["basis"].startswith("praktik, kemungkinan Perki 1/2013 [sekunder]")


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
