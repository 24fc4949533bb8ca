"""The monev registry: bands, indicators and weights per commission and year, as data."""

import pandas as pd
import pytest
import yaml

from kip_training import law
from kip_training.config import load_config
from kip_training.errors import ConfigError
from kip_training.metrics import NO_BAND, _bands
from kip_training.monev import registry

BANDS = {
    "Informatif": 90,
    "Menuju Informatif": 80,
    "Cukup Informatif": 60,
    "Kurang Informatif": 40,
    "Tidak Informatif": 0,
}


def _registry(**entry):
    return {"komisi_bawaan": "KI Pusat", "komisi": {"KI Pusat": [{"tahun": 2020, **entry}]}}


def test_bundled_registry_has_the_ki_pusat_bands_2018_to_2025():
    rubric = registry.rubric(2022)
    assert [(b.kualifikasi, b.minimum) for b in rubric.bands] == list(BANDS.items())
    assert rubric.basis == "batas KI Pusat 2018–2025"
    assert rubric.band_entry.confidence == law.SEKUNDER
    assert rubric.values["indikator"] == (
        "kualitas informasi",
        "sarana dan prasarana",
        "jenis informasi",
        "pelayanan informasi / komitmen organisasi",
        "digitalisasi",
        "inovasi",
    )
    assert "bobot" not in rubric.values  # weights were not found: never invented


def test_provincial_commissions_carry_their_own_facts_and_borrow_ki_pusat_bands():
    dki = registry.Settings("KI Provinsi DKI Jakarta")
    assert registry.rubric(2024, dki).values["ambang_saq"] == 65
    assert registry.rubric(2025, dki).values["bobot_presentasi"] == 30
    banten = registry.rubric(2023, registry.Settings("KI Provinsi Banten"))
    assert banten.values == {"jumlah_indikator": 4}
    assert banten.basis == "batas KI Pusat 2018–2025"  # says whose bands they are


def test_every_entry_has_a_confidence_mark_of_law_and_a_source():
    assert registry.CONFIDENCE_MARKS == (law.TEKS, law.SEKUNDER, law.BELUM_PASTI)
    for entry in registry.registry().entries:
        assert entry.confidence in registry.CONFIDENCE_MARKS and entry.source


def test_before_2018_there_are_no_bands_for_any_commission():
    with pytest.raises(registry.NoBandsError, match="memeringkat"):
        registry.rubric(2017, registry.Settings("KI Provinsi Banten"))


def test_kip_toml_entry_overrides_the_registry_for_its_year(tmp_path):
    settings = registry.settings_from_config(
        {"komisi": "KI Provinsi Banten", "2026": {"batas": {**BANDS, "Informatif": 95}}},
        "kip.toml",
    )
    assert registry.kualifikasi(92, 2026, settings) == "Menuju Informatif"
    assert registry.rubric(2026, settings).basis == "batas KI Provinsi Banten 2026, kip.toml"
    assert registry.kualifikasi(92, 2025, settings) == "Informatif"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"batas": {**BANDS, "Menuju Informatif": 95}, "keyakinan": "sekunder", "sumber": "x"},
            r"registri\.yaml: komisi\.KI Pusat\[0\]\.batas: batas harus menurun",
        ),
        (
            {"batas": {"Informatif": 90, "Lain": 10}, "keyakinan": "sekunder", "sumber": "x"},
            r"komisi\.KI Pusat\[0\]\.batas: kualifikasi terendah harus bernilai minimum 0",
        ),
        (
            {"bobott": {"a": 100}, "keyakinan": "sekunder", "sumber": "x"},
            r"registri\.yaml: komisi\.KI Pusat\[0\]: kunci 'bobott' tidak dikenal",
        ),
        (
            {
                "indikator": ["a", "b"],
                "bobot": {"a": 60, "b": 30},
                "keyakinan": "teks",
                "sumber": "x",
            },
            r"komisi\.KI Pusat\[0\]\.bobot: bobot harus berjumlah 100 \(sekarang 90\)",
        ),
        (
            {"ambang_saq": 65, "keyakinan": "pasti", "sumber": "x"},
            r"komisi\.KI Pusat\[0\]\.keyakinan: harus salah satu dari teks, sekunder, belum_pasti",
        ),
        (
            {"ambang_saq": 65, "keyakinan": "teks"},
            r"komisi\.KI Pusat\[0\]\.sumber: catatan sumber wajib diisi",
        ),
    ],
)
def test_bad_registry_entries_name_the_file_and_key(entry, message):
    with pytest.raises(ConfigError, match=message):
        registry.parse_registry(_registry(**entry))


def test_two_entries_filling_the_same_field_for_a_year_are_refused():
    data = yaml.safe_load(
        """
komisi_bawaan: KI Pusat
komisi:
  KI Pusat:
    - {tahun: [2018, 2025], ambang_saq: 60, keyakinan: sekunder, sumber: a}
    - {tahun: 2024, ambang_saq: 65, keyakinan: sekunder, sumber: b}
"""
    )
    with pytest.raises(ConfigError, match="entri 2018–2025 dan 2024 sama-sama mengisi ambang_saq"):
        registry.parse_registry(data)


def test_unknown_key_in_monev_section_of_kip_toml_is_reported():
    with pytest.raises(ConfigError, match=r"kip\.toml: kunci 'monev\.komsi' tidak dikenal"):
        registry.settings_from_config({"komsi": "KI Provinsi Banten"}, "kip.toml")


def test_readiness_index_before_2018_gets_no_ki_band():
    config = load_config()
    assert _bands(pd.Series([95.0, 50.0]), config, 2017) == [NO_BAND, NO_BAND]
    assert _bands(pd.Series([95.0, 50.0]), config, 2019) == ["Informatif", "Kurang Informatif"]
