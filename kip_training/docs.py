"""The reader-facing legal reference (``docs/dasar_hukum.md``), generated from law.py.

Every fact comes from :mod:`kip_training.law` and the monev registry, so the page cannot
drift from what the toolkit teaches; only the explanatory prose lives here.
``tools/build_docs.py`` writes the page, and a test checks that the committed copy is current.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kip_training import law
from kip_training.monev import registry as monev

DOCS_PAGE = "docs/dasar_hukum.md"
CONFIDENCE_LABELS = {law.TEKS: "teks", law.SEKUNDER: "sekunder", law.BELUM_PASTI: "belum pasti"}

_INTRO = f"""# Dasar hukum yang diajarkan kip-training

> Halaman ini dibuat otomatis dari `kip_training/law.py` dan registri monev
> (`kip_training/monev/{monev.REGISTRY_FILE}`). Jangan menyuntingnya langsung: ubah sumbernya,
> lalu jalankan `python tools/build_docs.py`.

Setiap fakta yang diajarkan dan diperiksa perangkat ini (kuis, latihan, pemeriksaan laporan,
bahan rapat) tercantum di sini beserta dasar hukumnya dan tanda keyakinannya.

Singkatan: UU KIP = {law.UU_KIP} tentang Keterbukaan Informasi Publik; PP 61/2010 = peraturan
pelaksanaannya; Perki = Peraturan Komisi Informasi; KI = Komisi Informasi (Pusat, Provinsi,
Kabupaten/Kota).

## Arti tanda keyakinan

- **teks**: bunyi yang terlihat dalam transkripsi peraturan, atau dikutip sama oleh beberapa
  laman badan publik yang berdiri sendiri-sendiri.
- **sekunder**: hanya parafrase atau pemberitaan.
- **belum pasti**: sumber bertentangan atau tidak ditemukan. Fakta ini dapat diatur di
  `kip.toml`, tidak pernah dinyatakan pasti, dan tidak dijadikan kunci jawaban kuis.
"""

_COUNTING = """### Cara menghitung (konvensi perangkat ini, bukan bunyi undang-undang)

- {day_zero}
- Sabtu, Minggu dan hari libur nasional tidak pernah dihitung sebagai hari kerja. Libur daerah
  dapat ditambahkan lewat berkas libur tambahan di `kip.toml`.
- **Cuti bersama (belum pasti: undang-undang tidak mengaturnya).** Dua bacaan tersedia di
  `kip.toml` (`[kalender] cuti_bersama`): {readings}. {reason} Bila kedua bacaan memberi
  tanggal yang berbeda, perangkat ini menampilkan keduanya.
- {day_off}
"""

_MONEV = f"""Setiap Komisi Informasi menilai Badan Publik di wilayahnya setiap tahun: KI Pusat
menilai badan publik pusat, dan KI Provinsi menilai badan publik di provinsinya,
**termasuk pemerintah kota dan kabupaten** (misalnya Kota Serang dinilai KI Provinsi Banten).
Dasar saat ini: Perki 1/2022 tentang Monitoring dan Evaluasi Keterbukaan Informasi Publik
(sekunder).

Batas kualifikasi, indikator dan bobot berbeda menurut komisi dan tahun, sehingga disimpan
sebagai data, bukan sebagai ketentuan tetap. Bobot indikator nasional tidak ditemukan: bobot
adalah data yang diisi pengguna per komisi dan tahun. Komisi dan rubrik per tahun dapat diatur
di `kip.toml` (`[monev] komisi = "..."` dan `[monev.TAHUN]` dengan kunci yang sama seperti di
registri).

- **Tidak ada batas kualifikasi sebelum {monev.FIRST_GRADED_YEAR}**: {monev.NO_BANDS_REASON}.
  Perangkat ini tidak mengajarkan batas apa pun untuk tahun-tahun itu.
- Untuk tahun sesudah data terakhir, batas terakhir yang diketahui dipakai dengan catatan
  "belum ada data" untuk tahun itu.
- Indeks kesiapan yang dihitung perangkat ini dari laporan PPID Pembantu adalah **perkiraan
  internal, bukan nilai monev**. Nama kualifikasi yang ditampilkan di sampingnya adalah batas
  Komisi Informasi yang dipinjam sebagai pembanding, dan selalu disebut milik siapa.

Isi registri:
"""


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _mark(confidence: str) -> str:
    return CONFIDENCE_LABELS[confidence]


def _rules(rules: Iterable[law.Rule], numbered: bool = False) -> str:
    lines = []
    for index, rule in enumerate(rules, 1):
        bullet = f"{index}." if numbered else "-"
        lines.append(f"{bullet} {rule.text} ({rule.basis}; {_mark(rule.confidence)})")
    return "\n".join(lines) + "\n"


def _rule_line(rule: law.Rule) -> str:
    return f"{rule.text} Dasar: {rule.basis} ({_mark(rule.confidence)}).\n"


def _letters(items: Mapping[str, str]) -> list[tuple[str, str]]:
    return list(items.items())


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _rupiah(amount: int | None) -> str:
    return "" if amount is None else f"Rp{amount:,}".replace(",", ".")


def _categories() -> str:
    rows = [
        (c.label, c.article, c.description, _mark(c.confidence)) for c in law.CATEGORIES.values()
    ]
    return "## 1. Kategori informasi publik\n\n" + _table(
        ("Kategori", "Pasal", "Isi", "Keyakinan"), rows
    )


def _deadlines() -> str:
    rows = []
    for d in law.DEADLINES.values():
        limit = f"{d.working_days} hari kerja"
        if d.preceding_days:
            limit += f" (setelah {d.preceding_days} hari kerja sejak {d.received_from})"
        rows.append((f"{d.label} (`{d.key}`)", limit, d.counted_from, d.basis, _mark(d.confidence)))
    counting = _COUNTING.format(
        day_zero=law.DAY_ZERO_CONVENTION,
        readings="; ".join(
            f'`"{key}"`{" (bawaan)" if key == law.CUTI_BERSAMA_DEFAULT else ""}: {label}'
            for key, label in law.CUTI_BERSAMA_READING_LABELS.items()
        ),
        reason=law.CUTI_BERSAMA_DEFAULT_REASON,
        day_off=law.DAY_OFF_RECEIPT_NOTE,
    )
    return (
        "## 2. Batas waktu\n\n"
        + _table(("Tenggat", "Batas", "Dihitung sejak", "Dasar", "Keyakinan"), rows)
        + "\n"
        + counting
    )


def _announcement() -> str:
    return (
        "## 3. Pengumuman layanan informasi tahunan (Pasal 12)\n\n"
        + _rule_line(law.PASAL_12_RULE)
        + "\n"
        + _table(("Butir", "Isi"), _letters(law.PASAL_12_ITEMS))
    )


def _exemptions() -> str:
    rows = [
        (letter, text, "ya" if letter in law.PASAL_17_NOT_PERMANENT else "")
        for letter, text in law.PASAL_17.items()
    ]
    return (
        "## 4. Informasi yang dikecualikan (Pasal 17)\n\n"
        + _rule_line(law.PASAL_17_RULE)
        + "\n"
        + _table(("Huruf", "Informasi yang bila dibuka dapat ...", "Tidak permanen"), rows)
        + "\n"
        + _rule_line(law.PASAL_17_NOT_PERMANENT_RULE)
    )


def _objections() -> str:
    rows = [
        (letter, text, "ya" if letter in law.PASAL_35_MUSYAWARAH else "")
        for letter, text in law.PASAL_35_GROUNDS.items()
    ]
    return (
        "## 5. Keberatan dan sengketa informasi\n\n"
        + _rule_line(law.PASAL_35_RULE)
        + "\n"
        + _table(("Huruf", "Alasan keberatan", "Dapat diselesaikan musyawarah"), rows)
        + "\n"
        + _rules(law.OBJECTION_RULES)
        + "\n### Jalur sengketa\n\n"
        + _rules(law.DISPUTE_PATH, numbered=True)
    )


def _sanctions() -> str:
    rows = [
        (
            s.article,
            s.subject,
            " dan/atau ".join(filter(None, (s.max_prison, _rupiah(s.max_fine_rp)))),
            _mark(s.confidence),
        )
        for s in law.SANCTIONS.values()
    ]
    return (
        "## 6. Sanksi pidana\n\n"
        + _table(("Pasal", "Subjek", "Ancaman paling lama/paling banyak", "Keyakinan"), rows)
        + "\n"
        + _rule_line(law.SANCTION_RULE)
    )


def _consequence_test() -> str:
    return (
        "## 7. Uji konsekuensi\n\n"
        + _table(("Langkah", "Isi"), _letters(law.CONSEQUENCE_TEST_STEPS))
        + "\n"
        + _rules(law.CONSEQUENCE_TEST_RULES)
    )


def _reports() -> str:
    content = "\n".join(f"{i}. {item}" for i, item in enumerate(law.ANNUAL_REPORT_CONTENT, 1))
    return (
        "## 8. Laporan\n\n"
        + _rules(law.REPORTING_RULES)
        + "\nIsi minimum laporan layanan informasi publik tahunan (Perki 1/2021 Pasal 56; "
        + f"{_mark(law.ANNUAL_REPORT_CONFIDENCE)}):\n\n"
        + content
        + "\n"
    )


def _band_rows(bands: tuple[monev.MonevBand, ...]) -> list[tuple[str, str]]:
    rows = []
    for index, band in enumerate(bands):
        upper = "100" if index == 0 else _number(round(bands[index - 1].minimum - 0.1, 1))
        rows.append((band.kualifikasi, f"{_number(band.minimum)}–{upper}"))
    return rows


def _entry(entry: monev.Entry) -> str:
    values = entry.values
    parts = [f"### {entry.komisi}, {entry.years}\n"]
    if "batas" in values:
        parts.append(_table(("Kualifikasi", "Nilai"), _band_rows(values["batas"])))
    facts = []
    if "indikator" in values:
        names = "; ".join(values["indikator"])
        facts.append(f"Indikator ({len(values['indikator'])}): {names}.")
    if "jumlah_indikator" in values:
        facts.append(
            f"Jumlah indikator: {values['jumlah_indikator']} (nama indikator tidak diketahui)."
        )
    if "bobot" in values:
        weights = "; ".join(f"{k} {_number(v)}%" for k, v in values["bobot"].items())
        facts.append(f"Bobot: {weights}.")
    elif "indikator" in values or "jumlah_indikator" in values:
        facts.append("Bobot: tidak ditemukan, tidak diisi.")
    if "ambang_saq" in values:
        facts.append(
            f"Nilai SAQ minimum untuk maju ke presentasi: {_number(values['ambang_saq'])}."
        )
    if "bobot_presentasi" in values:
        facts.append(
            f"Porsi nilai presentasi dalam nilai akhir: {_number(values['bobot_presentasi'])}%."
        )
    facts.append(f"Keyakinan: {_mark(entry.confidence)}. Sumber: {entry.source}")
    parts.append("\n".join(f"- {fact}" for fact in facts) + "\n")
    return "\n".join(parts)


def _monev() -> str:
    entries = "\n".join(_entry(e) for e in monev.registry().entries)
    return "## 9. Monitoring dan evaluasi (monev) Komisi Informasi\n\n" + _MONEV + "\n" + entries


def render_legal_reference() -> str:
    """The whole legal reference page, in Indonesian Markdown."""
    sections = (
        _INTRO,
        _categories(),
        _deadlines(),
        _announcement(),
        _exemptions(),
        _objections(),
        _sanctions(),
        _consequence_test(),
        _reports(),
        _monev(),
    )
    return "\n".join(sections)
