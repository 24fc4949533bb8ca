"""The six-monthly report of a PPID Pembantu: sheets, columns, codes and their spellings.

This module is the single source of truth for the report workbook. The template
(:mod:`kip_training.reports.template`) is generated from it, and the loader and the
validator read it. Change a column here and everything follows.

The report follows KIP.md §2, §3, §4 and §6; its core is UU KIP Pasal 12 (number of
requests, time per request, granted and refused, reasons for refusal). It holds no
requester identity: names, addresses, ID numbers and contacts are personal data the
PPID Utama does not need (see :data:`PERSONAL_DATA_HEADERS`).
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from kip_training import law

TEXT = "text"
DATE = "date"
CODE = "code"
NUMBER = "number"
INTEGER = "integer"
YESNO = "yesno"

EXAMPLE_MARK = "CONTOH"


class Severity(enum.StrEnum):
    """How serious a problem found in a report is; the value is what ``--json`` writes.

    - ``galat``: the row (or file) is rejected: it cannot be counted as it stands;
    - ``temuan``: a finding about the service itself (a late notice): the row is counted;
    - ``peringatan``: a value was reinterpreted or a column dropped: check and tidy up.

    Members are declared in the order the totals list them; :attr:`rank` is the order
    problems are shown to a user (what to act on first: galat, temuan, peringatan).
    """

    GALAT = "galat"
    PERINGATAN = "peringatan"
    TEMUAN = "temuan"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @property
    def label(self) -> str:
        """The Indonesian label: "Galat", "Peringatan", "Temuan"."""
        return self.value.capitalize()

    @classmethod
    def by_rank(cls) -> tuple[Severity, ...]:
        return tuple(sorted(cls, key=lambda s: s.rank))


_SEVERITY_RANK = {Severity.GALAT: 0, Severity.TEMUAN: 1, Severity.PERINGATAN: 2}


def severity_rank(severity: object) -> int:
    """The display rank of a severity (or of its string); unknown ones come last."""
    try:
        return Severity(severity).rank
    except ValueError:
        return len(Severity)


def normalise_key(text: object) -> str:
    """Lower-case, non-alphanumerics to single underscores: " Tgl. Diterima " -> "tgl_diterima"."""
    return re.sub(r"[^0-9a-z]+", "_", str(text).strip().lower()).strip("_")


@dataclass(frozen=True)
class Column:
    """One column of a data sheet (or one field of the Identitas sheet)."""

    key: str
    title: str
    kind: str = TEXT
    required: bool = False
    codes: Mapping[str, str] = field(default_factory=dict)  # code -> Indonesian label
    synonyms: tuple[str, ...] = ()  # extra header spellings
    help: str = ""
    width: int = 18
    example: object = None

    def header_names(self) -> set[str]:
        """Every normalised header spelling that means this column."""
        names = {
            self.key,
            normalise_key(self.title),
            normalise_key(re.sub(r"\(.*?\)", "", self.title)),
        }
        names.update(normalise_key(s) for s in self.synonyms)
        return names

    @property
    def choices(self) -> list[str]:
        """What the drop-down list offers (the labels)."""
        if self.kind == YESNO:
            return list(YES_NO.values())
        return list(self.codes.values())


@dataclass(frozen=True)
class Sheet:
    """One sheet of the report workbook."""

    key: str
    title: str
    columns: tuple[Column, ...]
    description: str
    synonyms: tuple[str, ...] = ()
    key_value: bool = False  # Identitas: one field per row (label, value)

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def names(self) -> set[str]:
        return {self.key, normalise_key(self.title), *(normalise_key(s) for s in self.synonyms)}


YES_NO: Mapping[str, str] = {"ya": "Ya", "tidak": "Tidak"}
YES_WORDS = ("ya", "y", "yes", "iya", "benar", "ada", "true", "1", "sudah", "v", "ok", "sdh")
NO_WORDS = (
    *("tidak", "t", "tdk", "no", "n", "false", "0", "belum", "blm", "tidak_ada", "x"),
    "bukan",
)
#: Ticks and crosses typed or pasted for Ya/Tidak (they have no letters to normalise).
YES_MARKS = frozenset("✓✔√☑✅")
NO_MARKS = frozenset("✗✘☒❌×")

SEMESTERS: Mapping[str, str] = {"1": "I", "2": "II"}
SEMESTER_WORDS: Mapping[str, str] = {
    "i": "1",
    "1": "1",
    "satu": "1",
    "semester_i": "1",
    "semester_1": "1",
    "ganjil": "1",
    "ii": "2",
    "2": "2",
    "dua": "2",
    "semester_ii": "2",
    "semester_2": "2",
    "genap": "2",
}

_SEMESTER_WORD = re.compile(r"^(?:semester_|smt_|sem_)?(ii|i|1|2|satu|dua|ganjil|genap)(?:_|$)")
_FIRST_HALF = re.compile(r"(^|_)jan(uari)?_(.*_)?jun(i)?($|_)")
_SECOND_HALF = re.compile(r"(^|_)jul(i)?_(.*_)?des(ember)?($|_)")


def semester_of(key: str) -> str | None:
    """The semester ("1"/"2") of a normalised spelling that says more than the number:
    "2_juli_desember", "semester_ii_2025", "januari_juni"; None when it says none."""
    if match := _SEMESTER_WORD.match(key):
        return SEMESTER_WORDS[match[1]]
    if _FIRST_HALF.search(key):
        return "1"
    if _SECOND_HALF.search(key):
        return "2"
    return None


SALURAN: Mapping[str, str] = {
    "langsung": "Langsung (datang)",
    "surat": "Surat",
    "email": "Email",
    "website": "Website / formulir daring",
    "telepon": "Telepon",
    "media_sosial": "Media sosial",
    "aplikasi_pesan": "Aplikasi pesan (WhatsApp dll.)",
    "lainnya": "Lainnya",
}

KATEGORI_PEMOHON: Mapping[str, str] = {
    "perorangan": "Perorangan",
    "badan_hukum": "Badan hukum",
    "organisasi_masyarakat": "Organisasi masyarakat / LSM",
    "lembaga_pendidikan": "Lembaga pendidikan / mahasiswa",
    "media": "Media / pers",
    "lainnya": "Lainnya",
}

#: Decisions on a request (codes are the contract with metrics and the deck).
KEPUTUSAN: Mapping[str, str] = {
    "dipenuhi_seluruhnya": "Dipenuhi seluruhnya",
    "dipenuhi_sebagian": "Dipenuhi sebagian",
    "ditolak": "Ditolak (dikecualikan)",
    "tidak_dikuasai": "Tidak dikuasai",
    "belum_didokumentasikan": "Belum didokumentasikan",
    "dalam_proses": "Dalam proses",
}
#: Reporting status of an OPD for a period (the deck's and notebooks' labels).
STATUS_LAPORAN: Mapping[str, str] = {
    "tepat_waktu": "Tepat waktu",
    "terlambat": "Terlambat",
    "tidak_dapat_dipakai": "Tidak dapat dipakai",
    "tidak_melapor": "Tidak melapor",
}
#: Timeliness of a written notice: within 10 working days, within 17 with an
#: extension, or later (UU KIP Pasal 22 ayat (7) and (8)).
KETEPATAN: Mapping[str, str] = {
    "tepat_10": "Tepat waktu (10 hari kerja)",
    "tepat_17": "Tepat waktu dengan perpanjangan (17 hari kerja)",
    "terlambat": "Terlambat",
}
#: Decisions that end the request and so need a written notice date.
KEPUTUSAN_FINAL = tuple(k for k in KEPUTUSAN if k != "dalam_proses")

PASAL_17_CODES: Mapping[str, str] = {k: f"{k}. {v}" for k, v in law.PASAL_17.items()}
PASAL_35_CODES: Mapping[str, str] = {k: f"{k}. {v}" for k, v in law.PASAL_35_GROUNDS.items()}

KEPUTUSAN_ATASAN: Mapping[str, str] = {
    "diterima": "Keberatan diterima",
    "diterima_sebagian": "Keberatan diterima sebagian",
    "ditolak": "Keberatan ditolak",
    "belum_ditanggapi": "Belum ditanggapi",
}

HASIL_SENGKETA: Mapping[str, str] = {
    "dalam_proses": "Dalam proses",
    "mediasi_berhasil": "Mediasi berhasil",
    "dikabulkan": "Putusan: permohonan dikabulkan",
    "dikabulkan_sebagian": "Putusan: dikabulkan sebagian",
    "ditolak": "Putusan: permohonan ditolak",
    "dicabut": "Dicabut / gugur",
}

DASAR_BERKALA: Mapping[str, str] = {
    "pasal_9_a": "Pasal 9 huruf a (tentang Badan Publik)",
    "pasal_9_b": "Pasal 9 huruf b (kegiatan dan kinerja)",
    "pasal_9_c": "Pasal 9 huruf c (laporan keuangan)",
    "pasal_9_d": "Pasal 9 huruf d (informasi lain yang diatur)",
    "dip": "Daftar Informasi Publik (DIP)",
}

#: The periodic-information items pre-filled in the template (item, basis code).
BERKALA_ITEMS: tuple[tuple[str, str], ...] = (
    ("Profil OPD (kedudukan, tugas dan fungsi, struktur organisasi)", "pasal_9_a"),
    ("Profil pimpinan dan pejabat struktural", "pasal_9_a"),
    ("Ringkasan program dan kegiatan yang sedang dijalankan", "pasal_9_b"),
    ("Ringkasan laporan kinerja (LKjIP)", "pasal_9_b"),
    ("Ringkasan laporan keuangan / realisasi anggaran", "pasal_9_c"),
    ("Ringkasan laporan layanan akses informasi publik", "pasal_9_d"),
    ("Prosedur memperoleh informasi publik dan mengajukan keberatan", "pasal_9_d"),
    ("Informasi pengadaan barang dan jasa", "pasal_9_d"),
    ("Daftar Informasi Publik (DIP)", "dip"),
)

JENIS_KENDALA: Mapping[str, str] = {
    "kendala_internal": "Kendala internal",
    "kendala_eksternal": "Kendala eksternal",
    "rekomendasi": "Rekomendasi",
    "tindak_lanjut": "Rencana tindak lanjut",
}

#: Extra spellings of coded values (normalised form -> code), per column key.
VALUE_SYNONYMS: Mapping[str, Mapping[str, str]] = {
    "saluran": {
        "datang": "langsung",
        "datang_langsung": "langsung",
        "tatap_muka": "langsung",
        "surat_tertulis": "surat",
        "pos": "surat",
        "e_mail": "email",
        "surel": "email",
        "web": "website",
        "online": "website",
        "daring": "website",
        "formulir_online": "website",
        "telp": "telepon",
        "telpon": "telepon",
        "medsos": "media_sosial",
        "instagram": "media_sosial",
        "facebook": "media_sosial",
        "whatsapp": "aplikasi_pesan",
        "wa": "aplikasi_pesan",
    },
    "kategori_pemohon": {
        "pribadi": "perorangan",
        "individu": "perorangan",
        "masyarakat": "perorangan",
        "warga": "perorangan",
        "badan_hukum_perusahaan": "badan_hukum",
        "perusahaan": "badan_hukum",
        "ormas": "organisasi_masyarakat",
        "lsm": "organisasi_masyarakat",
        "ngo": "organisasi_masyarakat",
        "mahasiswa": "lembaga_pendidikan",
        "pelajar": "lembaga_pendidikan",
        "peneliti": "lembaga_pendidikan",
        "wartawan": "media",
        "pers": "media",
        "jurnalis": "media",
    },
    "keputusan": {
        "dipenuhi": "dipenuhi_seluruhnya",
        "diberikan": "dipenuhi_seluruhnya",
        "diberikan_seluruhnya": "dipenuhi_seluruhnya",
        "dikabulkan": "dipenuhi_seluruhnya",
        "diterima_seluruhnya": "dipenuhi_seluruhnya",
        "terpenuhi": "dipenuhi_seluruhnya",
        "selesai": "dipenuhi_seluruhnya",
        "diberikan_sebagian": "dipenuhi_sebagian",
        "sebagian": "dipenuhi_sebagian",
        "ditolak_dikecualikan": "ditolak",
        "tolak": "ditolak",
        "dikecualikan": "ditolak",
        "informasi_dikecualikan": "ditolak",
        "tidak_dikuasai_badan_publik": "tidak_dikuasai",
        "belum_terdokumentasi": "belum_didokumentasikan",
        "proses": "dalam_proses",
        "diproses": "dalam_proses",
        "masih_diproses": "dalam_proses",
    },
    "alasan": {  # Pasal 35 ayat (1) grounds as clerks put them in a few words
        "ditolak": "a",
        "penolakan": "a",
        "permohonan_ditolak": "a",
        "penolakan_pasal_17": "a",
        "dikecualikan": "a",
        "berkala_tidak_disediakan": "b",
        "informasi_berkala_tidak_disediakan": "b",
        "tidak_menyediakan_informasi_berkala": "b",
        "tidak_ditanggapi": "c",
        "tidak_ada_tanggapan": "c",
        "permintaan_tidak_ditanggapi": "c",
        "tidak_direspon": "c",
        "tidak_dijawab": "c",
        "tidak_sesuai_permintaan": "d",
        "ditanggapi_tidak_sesuai": "d",
        "jawaban_tidak_sesuai": "d",
        "tidak_dipenuhi": "e",
        "permintaan_tidak_dipenuhi": "e",
        "biaya_tidak_wajar": "f",
        "biaya_mahal": "f",
        "terlambat": "g",
        "melebihi_waktu": "g",
        "melebihi_jangka_waktu": "g",
        "lewat_waktu": "g",
    },
    "keputusan_atasan": {
        "dikabulkan": "diterima",
        "diterima_seluruhnya": "diterima",
        "sebagian": "diterima_sebagian",
        "belum": "belum_ditanggapi",
        "dalam_proses": "belum_ditanggapi",
    },
    "hasil_sengketa": {
        "proses": "dalam_proses",
        "mediasi": "mediasi_berhasil",
        "berhasil_mediasi": "mediasi_berhasil",
        "putusan_dikabulkan": "dikabulkan",
        "putusan_dikabulkan_sebagian": "dikabulkan_sebagian",
        "putusan_ditolak": "ditolak",
        "gugur": "dicabut",
    },
    "dasar": {
        "9a": "pasal_9_a",
        "9b": "pasal_9_b",
        "9c": "pasal_9_c",
        "9d": "pasal_9_d",
        "daftar_informasi_publik": "dip",
    },
    "jenis": {
        "internal": "kendala_internal",
        "eksternal": "kendala_eksternal",
        "saran": "rekomendasi",
        "rencana_tindak_lanjut": "tindak_lanjut",
    },
}

#: Normalised headers of requester personal data: dropped on load, never kept.
PERSONAL_DATA_HEADERS = frozenset(
    normalise_key(h)
    for h in (
        "nama pemohon",
        "nama",
        "nama lengkap",
        "nama peminta",
        "nama pemohon informasi",
        "nama pengaju",
        "nama pengaju keberatan",
        "nama pemohon keberatan",
        "pemohon",
        "alamat",
        "alamat pemohon",
        "alamat lengkap",
        "nik",
        "nik pemohon",
        "no ktp",
        "nomor ktp",
        "ktp",
        "no identitas",
        "nomor identitas",
        "nomor induk kependudukan",
        "no hp",
        "nomor hp",
        "no telp",
        "no telepon",
        "nomor telepon",
        "telepon pemohon",
        "hp",
        "handphone",
        "no wa",
        "nomor whatsapp",
        "kontak pemohon",
        "email pemohon",
        "e-mail pemohon",
        "alamat email",
        "surel pemohon",
        "pekerjaan pemohon",
    )
)

#: Header words that mark requester identity or contact data wherever they appear.
PERSONAL_DATA_WORDS = frozenset(
    {
        "nama",
        "nik",
        "ktp",
        "alamat",
        "email",
        "surel",
        "hp",
        "handphone",
        "ponsel",
        "whatsapp",
        "wa",
        "telp",
        "telepon",
        "kontak",
        "npwp",
        "kk",
    }
)


def is_personal_header(header: object) -> bool:
    """Whether a (non-schema) column header names requester personal data."""
    key = normalise_key(header)
    if key in PERSONAL_DATA_HEADERS:
        return True
    return bool(set(key.split("_")) & PERSONAL_DATA_WORDS)


IDENTITAS = Sheet(
    "identitas",
    "Identitas",
    (
        Column(
            "kode_opd",
            "Kode OPD",
            TEXT,
            True,
            synonyms=("kode", "kode unit", "kode perangkat daerah"),
            help="Kode OPD menurut daftar OPD dari PPID Utama",
            example="DISKOMINFO",
        ),
        Column(
            "nama_opd",
            "Nama OPD",
            TEXT,
            True,
            synonyms=("nama perangkat daerah", "opd", "unit kerja", "nama unit"),
            example="Dinas Komunikasi dan Informatika",
        ),
        Column("tahun", "Tahun", INTEGER, True, synonyms=("tahun laporan",), example=2025),
        Column(
            "semester",
            "Semester",
            CODE,
            True,
            codes=SEMESTERS,
            synonyms=("periode semester",),
            help="I (Januari–Juni) atau II (Juli–Desember)",
            example="I",
        ),
        Column(
            "nama_ppid",
            "Nama PPID Pembantu",
            TEXT,
            synonyms=("nama ppid", "nama pejabat ppid pembantu", "ppid pembantu"),
            help="Pejabat PPID Pembantu (bukan data pemohon)",
        ),
        Column("jabatan_ppid", "Jabatan", TEXT, synonyms=("jabatan ppid", "jabatan ppid pembantu")),
        Column(
            "tanggal_laporan",
            "Tanggal Laporan",
            DATE,
            True,
            synonyms=("tgl laporan", "tanggal kirim", "tanggal pengiriman"),
            help="Tanggal laporan ditandatangani dan dikirim ke PPID Utama",
        ),
        Column(
            "kontak",
            "Kontak Kantor (telepon/email)",
            TEXT,
            synonyms=("kontak", "kontak ppid", "telepon kantor", "email kantor"),
            help="Kontak resmi kantor PPID Pembantu",
        ),
    ),
    "Identitas OPD dan periode laporan. Isi kolom Nilai di samping setiap isian.",
    synonyms=("identitas opd", "identitas pelapor"),
    key_value=True,
)

PERMOHONAN = Sheet(
    "permohonan",
    "Permohonan",
    (
        Column(
            "no_registrasi",
            "Nomor Registrasi",
            TEXT,
            True,
            synonyms=(
                "no registrasi",
                "no reg",
                "nomor register",
                "no register",
                "no permohonan",
                "nomor permohonan",
                "nomor registrasi permohonan",
            ),
            help="Nomor registrasi permohonan (unik)",
            width=16,
            example="CONTOH-001",
        ),
        Column(
            "tanggal_diterima",
            "Tanggal Diterima",
            DATE,
            True,
            synonyms=("tgl diterima", "tanggal permohonan", "tgl permohonan", "tanggal masuk"),
            help="Tanggal permohonan diterima (di dalam semester laporan)",
            width=14,
        ),
        Column(
            "saluran",
            "Cara Permohonan",
            CODE,
            True,
            codes=SALURAN,
            synonyms=("saluran", "media permohonan", "cara mengajukan", "cara penyampaian"),
            width=22,
        ),
        Column(
            "kategori_pemohon",
            "Kategori Pemohon",
            CODE,
            True,
            codes=KATEGORI_PEMOHON,
            synonyms=("kategori", "jenis pemohon", "status pemohon"),
            width=22,
        ),
        Column(
            "informasi_diminta",
            "Informasi yang Diminta",
            TEXT,
            True,
            synonyms=(
                "informasi diminta",
                "rincian informasi",
                "informasi yang dimohon",
                "ringkasan",
            ),
            help="Ringkasan informasi yang diminta, tanpa identitas pemohon",
            width=40,
        ),
        Column(
            "dikuasai",
            "Informasi Dikuasai",
            YESNO,
            synonyms=("dikuasai", "penguasaan informasi", "informasi dikuasai badan publik"),
            width=12,
        ),
        Column(
            "keputusan",
            "Keputusan",
            CODE,
            True,
            codes=KEPUTUSAN,
            synonyms=("keputusan ppid", "status", "status permohonan", "hasil"),
            width=24,
        ),
        Column(
            "pasal_17",
            "Huruf Pasal 17 (jika ditolak)",
            CODE,
            codes=PASAL_17_CODES,
            synonyms=("pasal 17", "alasan penolakan", "alasan pengecualian", "dasar penolakan"),
            help="Wajib diisi bila keputusan 'Ditolak': huruf a–j Pasal 17 UU KIP",
            width=20,
        ),
        Column(
            "perpanjangan",
            "Perpanjangan Waktu",
            YESNO,
            synonyms=("perpanjangan", "diperpanjang", "perpanjangan 7 hari"),
            help="Ya bila waktu pemberitahuan diperpanjang (paling lama 7 hari kerja) dengan "
            "alasan tertulis",
            width=12,
        ),
        Column(
            "tanggal_pemberitahuan",
            "Tanggal Pemberitahuan Tertulis",
            DATE,
            synonyms=(
                "tanggal pemberitahuan",
                "tgl pemberitahuan",
                "tanggal jawaban",
                "tanggal tanggapan",
                "tanggal respon",
            ),
            help="Tanggal pemberitahuan tertulis kepada pemohon",
            width=16,
        ),
        Column(
            "biaya",
            "Biaya (Rp)",
            NUMBER,
            synonyms=("biaya", "biaya rp", "biaya salinan"),
            width=12,
        ),
        Column("keterangan", "Keterangan", TEXT, synonyms=("catatan", "ket"), width=30),
    ),
    "Register permohonan informasi: satu baris untuk satu permohonan.",
    synonyms=("register permohonan", "daftar permohonan", "permohonan informasi"),
)

KEBERATAN = Sheet(
    "keberatan",
    "Keberatan",
    (
        Column(
            "no_keberatan",
            "Nomor Keberatan",
            TEXT,
            True,
            synonyms=("no keberatan", "nomor registrasi keberatan", "no reg keberatan"),
            width=16,
            example="CONTOH-K01",
        ),
        Column(
            "no_registrasi",
            "Nomor Registrasi Permohonan",
            TEXT,
            True,
            synonyms=("no registrasi permohonan", "nomor permohonan", "no permohonan"),
            help="Nomor registrasi permohonan yang menjadi pokok keberatan (lihat lembar "
            "Permohonan)",
            width=16,
        ),
        Column(
            "tanggal_keberatan",
            "Tanggal Diterima",
            DATE,
            True,
            synonyms=("tanggal keberatan", "tgl keberatan", "tanggal diterima keberatan"),
            width=14,
        ),
        Column(
            "alasan",
            "Alasan (Pasal 35 huruf a–g)",
            CODE,
            True,
            codes=PASAL_35_CODES,
            synonyms=("alasan keberatan", "pasal 35", "alasan pasal 35"),
            width=28,
        ),
        Column(
            "tanggal_tanggapan",
            "Tanggal Tanggapan Atasan PPID",
            DATE,
            synonyms=("tanggal tanggapan", "tgl tanggapan", "tanggal tanggapan atasan"),
            width=16,
        ),
        Column(
            "keputusan_atasan",
            "Keputusan Atasan PPID",
            CODE,
            codes=KEPUTUSAN_ATASAN,
            synonyms=("keputusan atasan", "tanggapan atasan ppid"),
            width=22,
        ),
        Column(
            "ke_komisi",
            "Diajukan ke Komisi Informasi",
            YESNO,
            synonyms=("sengketa", "diajukan sengketa", "ke komisi informasi"),
            width=14,
        ),
        Column(
            "tanggal_sengketa",
            "Tanggal Registrasi Sengketa",
            DATE,
            synonyms=("tanggal sengketa", "tgl sengketa", "tanggal registrasi sengketa ki"),
            width=16,
        ),
        Column(
            "hasil_sengketa",
            "Hasil Sengketa",
            CODE,
            codes=HASIL_SENGKETA,
            synonyms=("putusan sengketa", "hasil penyelesaian sengketa"),
            width=24,
        ),
    ),
    "Keberatan atas permohonan informasi dan sengketa di Komisi Informasi.",
    synonyms=("daftar keberatan", "register keberatan", "keberatan dan sengketa"),
)

BERKALA = Sheet(
    "berkala",
    "Informasi Berkala",
    (
        Column(
            "item",
            "Jenis Informasi",
            TEXT,
            True,
            synonyms=("informasi", "item", "nama informasi", "jenis informasi berkala"),
            width=50,
        ),
        Column("dasar", "Dasar", CODE, codes=DASAR_BERKALA, synonyms=("dasar hukum",), width=30),
        Column(
            "diumumkan",
            "Diumumkan",
            YESNO,
            True,
            synonyms=("sudah diumumkan", "tersedia", "dipublikasikan", "terbit"),
            width=12,
        ),
        Column("tautan", "Tautan", TEXT, synonyms=("link", "url", "alamat web"), width=36),
        Column(
            "tanggal_mutakhir",
            "Tanggal Pemutakhiran Terakhir",
            DATE,
            synonyms=("tanggal pemutakhiran", "terakhir diperbarui", "tanggal update", "update"),
            width=16,
        ),
    ),
    "Informasi yang wajib diumumkan secara berkala (UU KIP Pasal 9) dan DIP.",
    synonyms=("berkala", "informasi berkala pasal 9"),
)

KENDALA = Sheet(
    "kendala",
    "Kendala dan Rekomendasi",
    (
        Column("jenis", "Jenis", CODE, codes=JENIS_KENDALA, synonyms=("kategori",), width=22),
        Column(
            "uraian",
            "Uraian",
            TEXT,
            True,
            synonyms=("kendala", "rekomendasi", "isi", "keterangan"),
            width=80,
        ),
    ),
    "Kendala internal dan eksternal, rekomendasi dan rencana tindak lanjut.",
    synonyms=("kendala", "rekomendasi", "kendala rekomendasi"),
)

#: Data sheets, in workbook order (the Petunjuk sheet comes first and is not data).
SHEETS: tuple[Sheet, ...] = (IDENTITAS, PERMOHONAN, KEBERATAN, BERKALA, KENDALA)
SHEETS_BY_KEY: Mapping[str, Sheet] = {s.key: s for s in SHEETS}
PETUNJUK_TITLE = "Petunjuk"
PETUNJUK_NAMES = frozenset({"petunjuk", "petunjuk_pengisian", "cara_mengisi", "panduan"})


@functools.cache
def _sheets_by_name() -> dict[str, Sheet]:
    """Every accepted sheet name (normalised) -> its sheet; the first sheet wins a clash."""
    return {name: sheet for sheet in reversed(SHEETS) for name in sheet.names()}


def sheet_for_name(name: str) -> Sheet | None:
    """The schema sheet a workbook sheet name (any case/spacing/synonym) stands for."""
    return _sheets_by_name().get(normalise_key(name))


def code_lookup(column: Column) -> dict[str, str]:
    """Normalised spelling -> code for a coded column (codes, labels and synonyms)."""
    lookup: dict[str, str] = {}
    if column.kind == YESNO:
        lookup.update({w: "ya" for w in YES_WORDS})
        lookup.update({w: "tidak" for w in NO_WORDS})
        return lookup
    if column.key == "semester":
        return dict(SEMESTER_WORDS)
    for code, label in column.codes.items():
        lookup[normalise_key(code)] = code
        lookup[normalise_key(label)] = code
    lookup.update(VALUE_SYNONYMS.get(column.key, {}))
    return lookup


def exact_spellings(column: Column) -> set[str]:
    """Spellings accepted without a warning: the code and its label (any case/spacing)."""
    if column.kind == YESNO:
        return {"ya", "tidak"}
    if column.key == "semester":
        return {"i", "ii", "1", "2"}
    return {normalise_key(c) for c in column.codes} | {
        normalise_key(v) for v in column.codes.values()
    }


#: Letter-coded columns: "a", "huruf a", "17 a", "Pasal 17 huruf a", "a. menghambat ..."
LETTER_COLUMNS: Mapping[str, str] = {"pasal_17": "abcdefghij", "alasan": "abcdefg"}
