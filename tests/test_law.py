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
        "sengketa_tanpa_tanggapan": 14,
    }
    assert law.DEADLINES["pemberitahuan"].basis == "UU 14/2008 Pasal 22 ayat (7)"
    assert law.DEADLINES["sengketa"].basis == "UU 14/2008 Pasal 37 ayat (2)"
    assert law.EXTENSION_DAYS == 7


def test_practice_deadlines_say_they_are_practice():
    silent = law.DEADLINES["sengketa_tanpa_tanggapan"]
    assert silent.confidence == law.SEKUNDER
    assert "praktik, kemungkinan Perki 1/2013" in silent.basis
    assert silent.total_working_days == 44  # the Atasan PPID's 30 days, then 14
    assert silent.received_from == "diterimanya keberatan secara tertulis"
    settle = law.DEADLINES["selesai_sengketa"]
    assert settle.confidence == law.SEKUNDER
    assert "Pasal 38 ayat (2)" in settle.basis
    assert '"paling lambat dapat diselesaikan dalam waktu 100 hari kerja"' in settle.basis
    assert "praktik" in settle.basis
    teks = [k for k, d in law.DEADLINES.items() if d.confidence == law.TEKS]
    assert teks == [
        "pemberitahuan",
        "perpanjangan",
        "keberatan",
        "tanggapan_keberatan",
        "sengketa",
        "mulai_sengketa",
    ]


def test_counting_conventions_are_stated_as_the_toolkits_not_the_law():
    assert "bukan bunyi undang-undang" in law.DAY_ZERO_CONVENTION
    assert law.CUTI_BERSAMA_DEFAULT == "kerja"
    assert dict(law.CUTI_BERSAMA_READINGS) == {
        "kerja": "cuti_bersama_kerja",
        "libur": "cuti_bersama_libur",
    }
    assert "bukan ketentuan undang-undang" in law.CUTI_BERSAMA_DEFAULT_REASON


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
        (90, 2018, "Informatif"),  # the bands start in 2018
        (89.9, 2022, "Menuju Informatif"),
        (80, 2020, "Menuju Informatif"),
        (60, 2021, "Cukup Informatif"),
        (59.9, 2021, "Kurang Informatif"),
        (39.9, 2022, "Tidak Informatif"),
        (0, 2025, "Tidak Informatif"),
    ],
)
def test_kualifikasi_with_the_bands_used_since_2018(score, year, expected):
    assert law.kualifikasi(score, year) == expected


@pytest.mark.parametrize("year", [2016, 2017])
def test_no_bands_before_2018_rather_than_a_guess(year):
    with pytest.raises(law.NoBandsError, match=f"tahun {year}: sebelum 2018 KI Pusat memeringkat"):
        law.kualifikasi(97, year)
    assert not law.monev_is_certain(year)


def test_bands_are_certain_2018_to_2025_and_carried_forward_after():
    assert law.monev_is_certain(2018) and law.monev_is_certain(2025)
    later = law.monev_regime(2026)
    assert not law.monev_is_certain(2026)
    assert later.basis == "batas KI Pusat 2018–2025; belum ada data untuk 2026"
    assert law.kualifikasi(92, 2026) == "Informatif"


def test_score_out_of_range_is_refused():
    with pytest.raises(ValueError, match="antara 0 dan 100"):
        law.kualifikasi(101, 2022)
