"""Legal constants of UU 14/2008 (KIP) and its implementing rules, as data.

This module is the single source of truth for every legal fact the toolkit uses:
deadlines, information categories, Pasal 17 exemptions, Pasal 35 objection grounds,
sanctions and the monev bands of the Komisi Informasi. Quiz explanations, validation
messages and deck text read them from here. Each fact carries its basis and the
confidence mark of ``shared/reference/KIP.md``:

- ``teks``: wording seen in a transcription of the law;
- ``sekunder``: paraphrase or secondary sources only;
- ``belum_pasti``: contradictory or not found; never taught as certain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

UU_KIP = "UU 14/2008"

TEKS = "teks"
SEKUNDER = "sekunder"
BELUM_PASTI = "belum_pasti"


@dataclass(frozen=True)
class Deadline:
    """A KIP deadline: how many working days, counted from what, on which basis."""

    key: str
    label: str
    working_days: int
    counted_from: str
    basis: str
    confidence: str = TEKS


DEADLINES: Mapping[str, Deadline] = {
    d.key: d
    for d in (
        Deadline(
            "pemberitahuan",
            "Pemberitahuan tertulis atas permohonan informasi",
            10,
            "diterimanya permohonan",
            f"{UU_KIP} Pasal 22 ayat (7)",
        ),
        Deadline(
            "perpanjangan",
            "Pemberitahuan tertulis dengan perpanjangan (10 + 7 hari kerja)",
            17,
            "diterimanya permohonan",
            f"{UU_KIP} Pasal 22 ayat (8)",
        ),
        Deadline(
            "keberatan",
            "Pengajuan keberatan kepada Atasan PPID",
            30,
            "ditemukannya alasan keberatan",
            f"{UU_KIP} Pasal 36 ayat (1)",
        ),
        Deadline(
            "tanggapan_keberatan",
            "Tanggapan tertulis Atasan PPID atas keberatan",
            30,
            "diterimanya keberatan secara tertulis",
            f"{UU_KIP} Pasal 36 ayat (2)",
        ),
        Deadline(
            "sengketa",
            "Pengajuan sengketa informasi ke Komisi Informasi",
            14,
            "diterimanya tanggapan tertulis Atasan PPID",
            f"{UU_KIP} Pasal 37 ayat (2)",
        ),
        Deadline(
            "mulai_sengketa",
            "Komisi Informasi mulai mediasi dan/atau ajudikasi",
            14,
            "diterimanya permohonan penyelesaian sengketa",
            f"{UU_KIP} Pasal 38 ayat (1)",
        ),
        Deadline(
            "selesai_sengketa",
            "Komisi Informasi menyelesaikan sengketa",
            100,
            "diterimanya permohonan penyelesaian sengketa",
            f"{UU_KIP} Pasal 38 ayat (2)",
        ),
    )
}

#: Notice deadline without and with extension, used by validation and metrics.
NOTICE_DAYS = DEADLINES["pemberitahuan"].working_days
NOTICE_DAYS_EXTENDED = DEADLINES["perpanjangan"].working_days
EXTENSION_DAYS = NOTICE_DAYS_EXTENDED - NOTICE_DAYS

#: Counting convention (KIP.md §3): the day of receipt is day 0 and is not counted.
RECEIPT_DAY_COUNTS = False


@dataclass(frozen=True)
class Category:
    """One of the four categories of public information."""

    key: str
    label: str
    article: str
    description: str
    confidence: str = TEKS


CATEGORIES: Mapping[str, Category] = {
    c.key: c
    for c in (
        Category(
            "berkala",
            "Informasi yang wajib disediakan dan diumumkan secara berkala",
            f"{UU_KIP} Pasal 9",
            "Informasi tentang Badan Publik, kegiatan dan kinerjanya, laporan keuangan, dan "
            "informasi lain yang diatur peraturan perundang-undangan; diumumkan paling "
            "singkat 6 (enam) bulan sekali.",
        ),
        Category(
            "serta_merta",
            "Informasi yang wajib diumumkan secara serta-merta",
            f"{UU_KIP} Pasal 10",
            "Informasi yang dapat mengancam hajat hidup orang banyak dan ketertiban umum, "
            "diumumkan seketika dengan cara yang mudah dijangkau dan bahasa yang mudah dipahami.",
        ),
        Category(
            "setiap_saat",
            "Informasi yang wajib tersedia setiap saat",
            f"{UU_KIP} Pasal 11 ayat (1)",
            "Antara lain daftar informasi publik (DIP), keputusan dan pertimbangannya, "
            "kebijakan beserta dokumen pendukungnya, rencana kerja proyek, perjanjian dengan "
            "pihak ketiga, prosedur kerja pegawai, dan laporan layanan akses informasi.",
            SEKUNDER,
        ),
        Category(
            "dikecualikan",
            "Informasi yang dikecualikan",
            f"{UU_KIP} Pasal 17",
            "Informasi yang bila dibuka dapat menimbulkan akibat sebagaimana disebut dalam "
            "Pasal 17 huruf a–j; pengecualian bersifat ketat dan terbatas, berdasarkan uji "
            "konsekuensi dan pertimbangan kepentingan publik (Pasal 2 ayat (2) dan (4)).",
        ),
    )
}

#: Pasal 12: the four items of the annual information-service announcement.
PASAL_12_ITEMS: Mapping[str, str] = {
    "a": "jumlah permintaan informasi yang diterima",
    "b": "waktu yang diperlukan dalam memenuhi setiap permintaan informasi",
    "c": "jumlah pemberian dan penolakan permintaan informasi",
    "d": "alasan penolakan permintaan informasi",
}

#: Pasal 17 letters: information that, if opened, would ...
PASAL_17: Mapping[str, str] = {
    "a": "menghambat proses penegakan hukum",
    "b": "mengganggu perlindungan HKI dan persaingan usaha tidak sehat",
    "c": "membahayakan pertahanan dan keamanan negara",
    "d": "mengungkap kekayaan alam Indonesia",
    "e": "merugikan ketahanan ekonomi nasional",
    "f": "merugikan kepentingan hubungan luar negeri",
    "g": "mengungkap isi akta otentik pribadi dan wasiat",
    "h": "mengungkap rahasia pribadi",
    "i": "memorandum antar/intra Badan Publik yang dirahasiakan",
    "j": "informasi yang tidak boleh diungkap berdasarkan Undang-Undang",
}

#: Pasal 17 letters whose exemption is not permanent (Pasal 20 ayat (1)).
PASAL_17_NOT_PERMANENT = frozenset("abcdef")

#: Pasal 35 ayat (1): grounds of an objection.
PASAL_35_GROUNDS: Mapping[str, str] = {
    "a": "penolakan berdasarkan alasan pengecualian Pasal 17",
    "b": "tidak disediakannya informasi berkala (Pasal 9)",
    "c": "tidak ditanggapinya permintaan informasi",
    "d": "permintaan ditanggapi tidak sebagaimana yang diminta",
    "e": "tidak dipenuhinya permintaan informasi",
    "f": "pengenaan biaya yang tidak wajar",
    "g": "penyampaian informasi melebihi waktu yang diatur",
}

#: Grounds that may be settled by deliberation (Pasal 35 ayat (2)).
PASAL_35_MUSYAWARAH = frozenset("bcdefg")


@dataclass(frozen=True)
class Sanction:
    """A criminal provision of UU KIP Bab XI."""

    article: str
    subject: str
    max_prison: str
    max_fine_rp: int | None
    confidence: str


SANCTIONS: Mapping[str, Sanction] = {
    "51": Sanction(
        f"{UU_KIP} Pasal 51",
        "Setiap orang yang dengan sengaja menggunakan informasi publik secara melawan hukum",
        "1 tahun penjara",
        5_000_000,
        TEKS,
    ),
    "52": Sanction(
        f"{UU_KIP} Pasal 52",
        "Badan Publik yang dengan sengaja tidak menyediakan, tidak memberikan, dan/atau tidak "
        "menerbitkan informasi publik berkala, serta-merta, setiap saat, atau yang diminta, "
        "sehingga menimbulkan kerugian bagi orang lain",
        "1 tahun kurungan",
        5_000_000,
        TEKS,
    ),
    "53": Sanction(
        f"{UU_KIP} Pasal 53",
        "Setiap orang yang dengan sengaja dan tanpa hak menghancurkan, merusak, dan/atau "
        "menghilangkan dokumen informasi publik yang dilindungi",
        "2 tahun penjara",
        10_000_000,
        TEKS,
    ),
}


@dataclass(frozen=True)
class MonevBand:
    """One qualification band of the Komisi Informasi's monev: score >= minimum."""

    kualifikasi: str
    minimum: float


@dataclass(frozen=True)
class MonevRegime:
    """The set of bands in force for a range of evaluation years."""

    key: str
    basis: str
    first_year: int
    bands: tuple[MonevBand, ...]
    confidence: str


MONEV_REGIMES: Mapping[str, MonevRegime] = {
    "2016": MonevRegime(
        "2016",
        "Perki 5/2016",
        2016,
        (
            MonevBand("Informatif", 97),
            MonevBand("Menuju Informatif", 80),
            MonevBand("Cukup Informatif", 60),
            MonevBand("Kurang Informatif", 40),
            MonevBand("Tidak Informatif", 0),
        ),
        SEKUNDER,
    ),
    # KI Pusat used these bands in 2021–2022; the seed story's 2019 result (Kota Serang,
    # 92.5, "Informatif") shows them in use from 2019, so the regime starts there.
    "2021": MonevRegime(
        "2021",
        "KI Pusat, monev 2021–2022",
        2019,
        (
            MonevBand("Informatif", 90),
            MonevBand("Menuju Informatif", 80),
            MonevBand("Cukup Informatif", 60),
            MonevBand("Kurang Informatif", 40),
            MonevBand("Tidak Informatif", 0),
        ),
        SEKUNDER,
    ),
}

#: Bands for years after 2022 are not settled (KIP.md §8): the 2021 regime is the
#: default, and a city can set its own per year in kip.toml ([monev] section).
MONEV_LATEST_CERTAIN_YEAR = 2022


def monev_regime(year: int, overrides: Mapping[int, MonevRegime] | None = None) -> MonevRegime:
    """The monev regime that applies to an evaluation year (config overrides first)."""
    if overrides and year in overrides:
        return overrides[year]
    candidates = [r for r in MONEV_REGIMES.values() if r.first_year <= year]
    if not candidates:
        return MONEV_REGIMES["2016"]
    return max(candidates, key=lambda r: r.first_year)


def kualifikasi(score: float, year: int, overrides: Mapping[int, MonevRegime] | None = None) -> str:
    """Map a monev score (0–100) of a given year to its kualifikasi.

    >>> kualifikasi(92.5, 2017)
    'Menuju Informatif'
    >>> kualifikasi(92.5, 2019)
    'Informatif'
    """
    if not 0 <= score <= 100:
        raise ValueError(f"Nilai monev harus antara 0 dan 100, bukan {score}.")
    for band in monev_regime(year, overrides).bands:
        if score >= band.minimum:
            return band.kualifikasi
    raise AssertionError("the lowest band starts at 0")  # pragma: no cover


def monev_is_certain(year: int) -> bool:
    """Whether the bands of this year are established (False from 2023 on)."""
    return year <= MONEV_LATEST_CERTAIN_YEAR
