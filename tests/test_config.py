"""kip.toml: bundled defaults, user overrides, and errors that name the key."""

import pytest

from kip_training import law
from kip_training.config import load_config
from kip_training.errors import ConfigError


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path):
    monkeypatch.delenv("KIP_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def test_bundled_defaults_are_for_kota_contoh():
    config = load_config()
    assert config.body_name == "Pemerintah Kota Contoh"
    assert config.roster_path.name == "opd.csv"
    assert config.source is None
    assert sum(config.readiness_weights.values()) == 100


def test_user_file_overrides_and_resolves_paths_next_to_it(tmp_path):
    (tmp_path / "kota").mkdir()
    path = tmp_path / "kota" / "kip.toml"
    path.write_text(
        '[badan_publik]\nnama = "Pemerintah Kota Serang"\n[data]\nroster = "opd_serang.csv"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.body_name == "Pemerintah Kota Serang"
    assert config.roster_path == (tmp_path / "kota" / "opd_serang.csv").resolve()
    assert config.city == "Kota Contoh"  # not overridden: bundled default


def test_kip_toml_in_working_folder_is_found(tmp_path):
    (tmp_path / "kip.toml").write_text('[rapat]\ntempat = "Aula Setda"\n', encoding="utf-8")
    assert load_config().meeting_place == "Aula Setda"


def test_wrong_type_names_key_and_expectation(tmp_path):
    path = tmp_path / "kip.toml"
    path.write_text('[rapat]\njumlah_opd_teratas = "sepuluh"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rapat\.jumlah_opd_teratas.*bilangan bulat"):
        load_config(path)


def test_unknown_key_lists_known_keys(tmp_path):
    path = tmp_path / "kip.toml"
    path.write_text('[badan_publik]\nnma = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"badan_publik\.nma.*nama"):
        load_config(path)


def test_weights_must_sum_to_100(tmp_path):
    path = tmp_path / "kip.toml"
    path.write_text("[indeks]\npelaporan = 50\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="berjumlah 100"):
        load_config(path)


def test_monev_commission_and_bands_per_year_from_config(tmp_path):
    path = tmp_path / "kip.toml"
    path.write_text(
        '[monev]\nkomisi = "KI Provinsi Banten"\n[monev.2025.batas]\n"Informatif" = 95\n'
        '"Menuju Informatif" = 85\n"Cukup Informatif" = 60\n"Kurang Informatif" = 40\n'
        '"Tidak Informatif" = 0\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.kualifikasi(92, 2025) == "Menuju Informatif"
    assert config.kualifikasi(92, 2022) == "Informatif"
    regime = law.monev_regime(2022, config.monev_overrides)
    assert regime.komisi == "KI Provinsi Banten" and regime.basis == "batas KI Pusat 2018–2025"


def test_monev_bands_without_batas_key_say_where_they_go(tmp_path):
    path = tmp_path / "kip.toml"
    path.write_text('[monev.2025]\n"Informatif" = 90\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"\[monev\.2025\]: kunci 'Informatif' tidak dikenal.*batas"
    ):
        load_config(path)


def test_broken_toml_names_the_file(tmp_path):
    path = tmp_path / "kip.toml"
    path.write_text("[rapat\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="kip.toml tidak dapat dibaca"):
        load_config(path)


def test_cuti_bersama_reading_defaults_to_kerja_and_can_be_set(tmp_path):
    assert load_config().cuti_bersama == "kerja"
    path = tmp_path / "kip.toml"
    path.write_text('[kalender]\ncuti_bersama = "libur"\n', encoding="utf-8")
    assert load_config(path).cuti_bersama == "libur"


def test_bad_cuti_bersama_reading_names_key_and_accepted_values(tmp_path):
    path = tmp_path / "kip.toml"
    path.write_text('[kalender]\ncuti_bersama = "ya"\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"'kalender\.cuti_bersama' bernilai 'ya'.*\"kerja\", \"libur\""
    ):
        load_config(path)
    path.write_text("[kalender]\ncuti_bersama = true\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kalender\.cuti_bersama.*\"kerja\" atau \"libur\""):
        load_config(path)
