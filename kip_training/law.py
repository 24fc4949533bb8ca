"""Legal constants of UU 14/2008 (KIP) and its implementing rules, as data.

This module is the single source of truth for every legal fact the toolkit uses:
deadlines, information categories, Pasal 17 exemptions, Pasal 35 objection grounds,
sanctions, the dispute path, the consequence test and the annual report (the monev bands of
the Komisi Informasi are data, in ``kip_training/monev``). Quiz explanations, validation
messages and deck text read them from here, and ``docs/dasar_hukum.md`` is generated from
it (``kip_training.docs``). Each fact carries its basis and a confidence mark:

- ``teks``: wording seen in a transcription of the law;
- ``sekunder``: paraphrase or secondary sources only;
- ``belum_pasti``: contradictory or not found; never taught as certain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kip_training.monev.registry import FIRST_GRADED_YEAR, NoBandsError, Rubric, rubric
from kip_training.monev.registry import MonevBand as MonevBand
from kip_training.monev.registry import Settings as MonevSettings
from kip_training.monev.registry import kualifikasi as kualifikasi

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
    #: Working days that run from the given date before this deadline's own count
    #: starts (``sengketa_tanpa_tanggapan``: the Atasan PPID's 30-day answering window).
    preceding_days: int = 0
    #: What the given date is when it is not ``counted_from`` (see ``preceding_days``).
    given_date: str = ""

    @property
    def total_working_days(self) -> int:
        """Working days from the given date to the due date."""
        return self.preceding_days + self.working_days

    @property
    def received_from(self) -> str:
        """What the given (receipt) date of this deadline is, in Indonesian."""
        return self.given_date or self.counted_from


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
            f"{UU_KIP} Pasal 38 ayat (2) untuk 100 hari kerja; undang-undang hanya menyebut "
            '"paling lambat dapat diselesaikan dalam waktu 100 hari kerja", sehingga '
            "penghitungan sejak diterimanya permohonan adalah praktik [sekunder]",
            SEKUNDER,
        ),
        Deadline(
            "sengketa_tanpa_tanggapan",
            "Pengajuan sengketa ke Komisi Informasi bila Atasan PPID tidak menanggapi keberatan",
            14,
            "berakhirnya jangka waktu 30 hari kerja Atasan PPID untuk menanggapi keberatan",
            "praktik, kemungkinan Perki 1/2013 [sekunder]; jangka 30 hari kerja Atasan PPID: "
            f"{UU_KIP} Pasal 36 ayat (2)",
            SEKUNDER,
            preceding_days=30,
            given_date="diterimanya keberatan secara tertulis",
        ),
    )
}

#: Notice deadline without and with extension, used by validation and metrics.
NOTICE_DAYS = DEADLINES["pemberitahuan"].working_days
NOTICE_DAYS_EXTENDED = DEADLINES["perpanjangan"].working_days
EXTENSION_DAYS = NOTICE_DAYS_EXTENDED - NOTICE_DAYS

#: Counting convention: the day of receipt is day 0 and is not counted.
RECEIPT_DAY_COUNTS = False

#: The day-0 rule, stated as the toolkit's convention (UU KIP does not define "hari kerja").
DAY_ZERO_CONVENTION = (
    "Konvensi toolkit ini, bukan bunyi undang-undang: UU KIP tidak mendefinisikan "
    '"hari kerja"; hari diterimanya dihitung sebagai hari ke-0 dan tidak dihitung, dan '
    "batas waktu jatuh pada hari kerja ke-N sesudahnya."
)

#: Readings of cuti bersama (kip.toml ``[kalender] cuti_bersama``): counted as working
#: days (``kerja``, the default) or skipped (``libur``). The law does not settle it
#: (belum pasti): both are the toolkit's conventions. Values: reading keys.
CUTI_BERSAMA_KERJA = "kerja"
CUTI_BERSAMA_LIBUR = "libur"
CUTI_BERSAMA_DEFAULT = CUTI_BERSAMA_KERJA
CUTI_BERSAMA_READINGS: Mapping[str, str] = {
    CUTI_BERSAMA_KERJA: "cuti_bersama_kerja",
    CUTI_BERSAMA_LIBUR: "cuti_bersama_libur",
}
CUTI_BERSAMA_READING_LABELS: Mapping[str, str] = {
    CUTI_BERSAMA_KERJA: "cuti bersama dihitung sebagai hari kerja",
    CUTI_BERSAMA_LIBUR: "cuti bersama dilewati seperti hari libur",
}

#: Why the default reading counts cuti bersama as working days (one sentence).
CUTI_BERSAMA_DEFAULT_REASON = (
    "Bawaan toolkit ini menghitung cuti bersama sebagai hari kerja karena cuti bersama adalah "
    "cuti kolektif ASN, bukan hari libur nasional, dan keputusan penetapannya meminta unit "
    "pelayanan publik tetap melayani; bacaan ini memberi tanggal yang lebih awal dan lebih "
    "aman bagi badan publik (konvensi toolkit, bukan ketentuan undang-undang; dapat diubah "
    'di kip.toml: [kalender] cuti_bersama = "libur").'
)

#: How offices differ for a request received on a day off (weekend, holiday, cuti bersama).
DAY_OFF_RECEIPT_NOTE = (
    "Praktik kantor berbeda untuk permohonan yang masuk pada hari libur (misalnya lewat surel "
    "atau formulir daring): toolkit ini memakai tanggal masuk sebagai hari ke-0 sehingga hari "
    "kerja berikutnya menjadi hari ke-1, sedangkan sebagian kantor mencatatnya sebagai "
    "diterima pada hari layanan buka berikutnya (hari ke-0), sehingga jatuh temponya "
    "bergeser lebih lambat. Tanyakan aturan kantor Anda sendiri."
)


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
    "b": (
        "mengganggu perlindungan hak atas kekayaan intelektual dan perlindungan dari "
        "persaingan usaha tidak sehat"
    ),
    "c": "membahayakan pertahanan dan keamanan negara",
    "d": "mengungkap kekayaan alam Indonesia",
    "e": "merugikan ketahanan ekonomi nasional",
    "f": "merugikan kepentingan hubungan luar negeri",
    "g": "mengungkap isi akta otentik pribadi dan wasiat",
    "h": "mengungkap rahasia pribadi",
    "i": (
        "memorandum atau surat antar/intra Badan Publik yang menurut sifatnya dirahasiakan, "
        "kecuali atas putusan Komisi Informasi atau pengadilan"
    ),
    "j": "informasi yang tidak boleh diungkap berdasarkan Undang-Undang",
}

#: Pasal 17 letters in two or three words, for chart axes where the label above does not
#: fit (a toolkit convention; the slide's notes give the label above).
PASAL_17_SHORT: Mapping[str, str] = {
    "a": "penegakan hukum",
    "b": "HKI dan persaingan usaha",
    "c": "pertahanan dan keamanan",
    "d": "kekayaan alam",
    "e": "ketahanan ekonomi",
    "f": "hubungan luar negeri",
    "g": "akta otentik dan wasiat",
    "h": "rahasia pribadi",
    "i": "memorandum dirahasiakan",
    "j": "dilarang undang-undang",
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
class Rule:
    """One legal fact in one Indonesian sentence, with its basis and confidence mark."""

    text: str
    basis: str
    confidence: str


#: Basis and confidence of the lettered lists above (the labels are short, not the wording).
PASAL_12_RULE = Rule(
    "Setiap tahun Badan Publik wajib mengumumkan layanan informasinya (butir a–d); keempat "
    "butir ini adalah inti setiap laporan yang dihimpun toolkit ini.",
    f"{UU_KIP} Pasal 12",
    TEKS,
)
PASAL_17_RULE = Rule(
    "Informasi yang bila dibuka dapat menimbulkan akibat pada huruf a–j dikecualikan "
    "(label singkat, bukan bunyi lengkap pasal).",
    f"{UU_KIP} Pasal 17",
    TEKS,
)
PASAL_17_NOT_PERMANENT_RULE = Rule(
    "Pengecualian huruf a–f tidak bersifat permanen; jangka waktunya diatur peraturan pemerintah.",
    f"{UU_KIP} Pasal 20 ayat (1)",
    TEKS,
)
PASAL_35_RULE = Rule(
    "Alasan pengajuan keberatan kepada Atasan PPID (huruf a–g).",
    f"{UU_KIP} Pasal 35 ayat (1)",
    TEKS,
)

#: Objection and dispute rules.
OBJECTION_RULES: tuple[Rule, ...] = (
    Rule(
        "Keberatan dengan alasan huruf b–g dapat diselesaikan secara musyawarah.",
        f"{UU_KIP} Pasal 35 ayat (2)",
        TEKS,
    ),
    Rule(
        "Mediasi di Komisi Informasi hanya untuk sengketa dengan alasan huruf b–g; penolakan "
        "berdasarkan pengecualian Pasal 17 (huruf a) langsung diselesaikan melalui ajudikasi "
        "nonlitigasi.",
        f"{UU_KIP} Pasal 40 ayat (2)",
        SEKUNDER,
    ),
    Rule(
        "Kesepakatan hasil mediasi bersifat final dan mengikat.",
        f"{UU_KIP} Pasal 39",
        SEKUNDER,
    ),
    Rule(
        "Dalam sengketa, Badan Publik menanggung beban pembuktian atas informasi yang "
        "dikecualikannya.",
        f"{UU_KIP} Pasal 45",
        SEKUNDER,
    ),
)


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
        "Setiap orang yang dengan sengaja dan melawan hukum menghancurkan, merusak, dan/atau "
        "menghilangkan dokumen informasi publik yang dilindungi",
        "2 tahun penjara",
        10_000_000,
        TEKS,
    ),
}


#: Criminal provisions are complaint offences.
SANCTION_RULE = Rule(
    "Tindak pidana dalam UU KIP adalah delik aduan dan diadili di peradilan umum; hanya Pasal "
    "51–53 yang diajarkan dengan angka pasti.",
    f"{UU_KIP} Pasal 57",
    SEKUNDER,
)

#: The dispute path, step by step. Day counts come from DEADLINES.
DISPUTE_PATH: tuple[Rule, ...] = (
    Rule(
        "Pemohon mengajukan keberatan tertulis kepada Atasan PPID paling lambat "
        f"{DEADLINES['keberatan'].working_days} hari kerja sejak ditemukannya alasan keberatan.",
        DEADLINES["keberatan"].basis,
        DEADLINES["keberatan"].confidence,
    ),
    Rule(
        "Atasan PPID memberikan tanggapan tertulis paling lambat "
        f"{DEADLINES['tanggapan_keberatan'].working_days} hari kerja sejak keberatan diterima.",
        DEADLINES["tanggapan_keberatan"].basis,
        DEADLINES["tanggapan_keberatan"].confidence,
    ),
    Rule(
        "Bila tidak puas dengan tanggapan itu, pemohon mengajukan sengketa ke Komisi Informasi "
        f"paling lambat {DEADLINES['sengketa'].working_days} hari kerja sejak menerima "
        "tanggapan tertulis.",
        DEADLINES["sengketa"].basis,
        DEADLINES["sengketa"].confidence,
    ),
    Rule(
        "Bila Atasan PPID tidak menanggapi, jangka waktu pengajuan sengketa dihitung sejak "
        "berakhirnya jangka waktu tanggapan Atasan PPID (praktik).",
        "praktik, kemungkinan Perki 1/2013",
        SEKUNDER,
    ),
    Rule(
        "Komisi Informasi menyelesaikan sengketa melalui mediasi (alasan b–g) dan ajudikasi "
        "nonlitigasi bila mediasi gagal; penolakan berdasarkan Pasal 17 langsung ke ajudikasi.",
        f"{UU_KIP} Pasal 38–40",
        SEKUNDER,
    ),
    Rule(
        "Putusan Komisi Informasi dapat digugat ke PTUN (Badan Publik negara) atau Pengadilan "
        "Negeri (Badan Publik lain) dalam 14 hari sejak putusan diterima; apakah hari kerja "
        "atau hari kalender belum pasti.",
        f"{UU_KIP} Pasal 47–48",
        BELUM_PASTI,
    ),
    Rule(
        "Putusan pengadilan dapat dimohonkan kasasi ke Mahkamah Agung paling lambat 14 hari "
        "(hari kalender) sejak putusan diterima.",
        f"{UU_KIP} Pasal 50",
        TEKS,
    ),
)

#: The consequence test (uji konsekuensi): its steps a–d ...
CONSEQUENCE_TEST_STEPS: Mapping[str, str] = {
    "a": "mengidentifikasi dokumen",
    "b": "menyebutkan secara tepat informasi yang akan dikecualikan",
    "c": "menganalisis Undang-Undang yang menjadi dasar pengecualian",
    "d": "menimbang kepatutan, kesusilaan, kepentingan publik dan hukum terhadap akibat bila "
    "informasi dibuka",
}
#: ... and what it decides.
CONSEQUENCE_TEST_RULES: tuple[Rule, ...] = (
    Rule(
        "Kapan dan bagaimana uji konsekuensi dilakukan: sebelum ada permohonan, ketika "
        "permohonan datang, atau dalam sengketa atas perintah majelis Komisi Informasi.",
        "Perki 1/2021 Pasal 49",
        TEKS,
    ),
    Rule(
        "Langkah uji konsekuensi adalah huruf a–d di atas.",
        "Perki 1/2021 Pasal 49; praktik Komisi Informasi",
        SEKUNDER,
    ),
    Rule(
        "Hasilnya adalah penetapan klasifikasi tertulis oleh PPID, bukan sekadar lembar kerja: "
        "menyebut informasi yang dikecualikan, dasar Undang-Undangnya, akibat bila dibuka, dan "
        "jangka waktu pengecualian.",
        "PP 61/2010 Pasal 1 angka 8–10",
        SEKUNDER,
    ),
    Rule(
        'Jangka waktu pengecualian adalah rentang waktu tertentu; "ditinjau ulang setiap '
        'tahun" adalah siklus peninjauan, bukan jangka waktu pengecualian.',
        "PP 61/2010 Pasal 1 angka 8–10",
        SEKUNDER,
    ),
    Rule(
        "Bagian yang dikecualikan boleh dihitamkan dengan alasan; menolak seluruh dokumen "
        "karena sebagian isinya dikecualikan tidak dibenarkan.",
        f"{UU_KIP} Pasal 22 ayat (7) huruf e; misalnya Permenko Infra 2/2025 Pasal 39 ayat (3)",
        SEKUNDER,
    ),
)

#: Reporting: the six-monthly report of a PPID Pembantu and the annual report.
REPORTING_RULES: tuple[Rule, ...] = (
    Rule(
        "PPID Pembantu menyampaikan informasi dan laporan layanannya kepada PPID Utama paling "
        "sedikit setiap 6 bulan; rinciannya diatur Perwal/Perbup.",
        "Permendagri 3/2017",
        SEKUNDER,
    ),
    Rule(
        "Laporan layanan informasi publik tahunan disampaikan paling lambat 3 bulan setelah "
        "tahun anggaran berakhir (31 Maret).",
        "Perki 1/2021 Pasal 56",
        SEKUNDER,
    ),
)

#: Minimum content of the annual information-service report (Perki 1/2021 Pasal 56).
ANNUAL_REPORT_CONTENT: tuple[str, ...] = (
    "gambaran umum kebijakan pelayanan informasi publik",
    "gambaran umum pelaksanaan pelayanan informasi publik (sarana dan prasarana, sumber daya "
    "manusia, anggaran)",
    "rincian pelayanan informasi publik: jumlah permohonan, waktu pemenuhan setiap permohonan, "
    "permohonan yang dipenuhi seluruhnya atau sebagian, dan yang ditolak beserta alasannya "
    "(angka Pasal 12 UU KIP)",
    "keberatan dan sengketa: keberatan yang diterima dan ditanggapi, sengketa di Komisi "
    "Informasi dan hasilnya, perkara di pengadilan",
    "kendala internal dan eksternal",
    "rekomendasi dan rencana tindak lanjut",
)
ANNUAL_REPORT_CONFIDENCE = SEKUNDER


#: Monev: bands, indicators and weights are data per commission and year, in
#: the registry ``kip_training/monev/registri.yaml`` (overridable in kip.toml). Bands
#: 90/80/60/40 from 2018; before 2018 KI Pusat ranked rather than graded (no bands).
MONEV_FIRST_GRADED_YEAR = FIRST_GRADED_YEAR


def monev_regime(year: int, settings: MonevSettings | None = None) -> Rubric:
    """The monev rubric (bands and what else is known) of the configured commission.

    Raises :class:`NoBandsError` before 2018, when no bands exist.
    """
    return rubric(year, settings)


def monev_is_certain(year: int, settings: MonevSettings | None = None) -> bool:
    """Whether bands were found for this very year (not carried forward, not before 2018)."""
    try:
        return rubric(year, settings).certain
    except NoBandsError:
        return False
