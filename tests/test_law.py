"""Legal constants agree with KIP.md."""

import pytest

from kip_training import law


def test_deadline_kinds_and_limits():
    limits = {k: d.working_days for k, d in law.DEADLINES.items()}
    assert limits == {
        "pemberitahuan": 10,
        "perpanjangan": 17,
        "keberatan": 30,
        "tanggapan_keberatan": 30,
        "sengketa": 14,
        "mulai_sengketa": 14,
        "selesai_sengketa": 100,
    }
    assert law.DEADLINES["pemberitahuan"].basis == "UU 14/2008 Pasal 22 ayat (7)"
    assert law.DEADLINES["sengketa"].basis == "UU 14/2008 Pasal 37 ayat (2)"
    assert law.EXTENSION_DAYS == 7


def test_exemption_letters_and_objection_grounds():
    assert list(law.PASAL_17) == list("abcdefghij")
    assert list(law.PASAL_35_GROUNDS) == list("abcdefg")
    assert law.PASAL_35_MUSYAWARAH == frozenset("bcdefg")


def test_categories_use_paling_singkat_for_berkala():
    berkala = law.CATEGORIES["berkala"]
    assert "paling singkat 6 (enam) bulan" in berkala.description
    assert "paling lambat" not in berkala.description
    assert berkala.article == "UU 14/2008 Pasal 9"  # the ayat is not certain


def test_only_certain_sanctions_are_listed():
    assert set(law.SANCTIONS) == {"51", "52", "53"}
    assert law.SANCTIONS["53"].max_fine_rp == 10_000_000


@pytest.mark.parametrize(
    ("score", "year", "expected"),
    [
        (92.5, 2019, "Informatif"),  # the seed story: Kota Serang, 2019
        (92.5, 2017, "Menuju Informatif"),  # Perki 5/2016 bands: Informatif from 97
        (97, 2016, "Informatif"),
        (89.9, 2022, "Menuju Informatif"),
        (60, 2021, "Cukup Informatif"),
        (59.9, 2021, "Kurang Informatif"),
        (39.9, 2022, "Tidak Informatif"),
        (0, 2025, "Tidak Informatif"),
    ],
)
def test_kualifikasi_per_regime(score, year, expected):
    assert law.kualifikasi(score, year) == expected


def test_years_after_2022_are_not_certain():
    assert law.monev_is_certain(2022)
    assert not law.monev_is_certain(2025)


def test_score_out_of_range_is_refused():
    with pytest.raises(ValueError, match="antara 0 dan 100"):
        law.kualifikasi(101, 2022)
