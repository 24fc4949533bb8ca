"""Consequence test (uji konsekuensi) exercise: a form that produces a filled test sheet.

The steps follow the consequence test of the law module (``law.CONSEQUENCE_TEST_STEPS``):
identify the document; state precisely which information is to be exempted; analyse the
law (Undang-Undang) that grounds the exemption, with the Pasal 17 letter (UU KIP); weigh
the consequence of opening it against the public interest (Pasal 2 ayat (4)); and set the
exemption period, a defined span of time (a review cycle such as "ditinjau ulang setiap
tahun" is not one). The result is the PPID's classification decision (penetapan
klasifikasi): a test sheet (xlsx, to be printed and signed) and a readable summary.

:class:`ConsequenceTest` holds the answers, :func:`check` lists what is missing or
weak, :func:`to_xlsx` writes the sheet (every text cell neutralised against formula
injection), and :class:`ConsequenceForm` is the widget.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import ipywidgets as widgets
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from kip_training import law
from kip_training.exercises.form import CHOOSE, DateField, button, style
from kip_training.safe_export import neutralise
from kip_training.textfmt import format_date

#: (field, Indonesian label, hint shown in the form), in the order of the test sheet.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("badan_publik", "Badan Publik / OPD", "misalnya: Dinas Sosial Kota Contoh"),
    ("dokumen", "1. Dokumen yang diuji", "judul, nomor dan tahun dokumen"),
    (
        "informasi",
        "2. Informasi yang dikecualikan",
        "bagian mana persisnya (kolom, halaman, lampiran), bukan seluruh dokumen",
    ),
    (
        "bagian_terbuka",
        "Bagian yang tetap dibuka",
        "bagian dokumen yang tetap diberikan, bila perlu dengan penghitaman",
    ),
    ("pasal_17", "3. Pasal 17 UU KIP", ""),
    (
        "dasar_undang_undang",
        "3. Dasar Undang-Undang",
        "pasal Undang-Undang yang melindungi informasi itu",
    ),
    (
        "konsekuensi",
        "4. Konsekuensi bila dibuka",
        "kerugian nyata apa yang timbul bila informasi ini dibuka",
    ),
    (
        "kepentingan_publik",
        "4. Pertimbangan kepentingan publik",
        "mengapa menutup melindungi kepentingan yang lebih besar daripada membuka",
    ),
    ("jangka_waktu", "5. Jangka waktu pengecualian", "misalnya: 5 tahun sejak ditetapkan"),
    ("ditetapkan_oleh", "Ditetapkan oleh (jabatan)", "misalnya: PPID Utama Kota Contoh"),
)
LABELS = {key: label for key, label, _hint in FIELDS}
REQUIRED = (
    "dokumen",
    "informasi",
    "pasal_17",
    "dasar_undang_undang",
    "konsekuensi",
    "kepentingan_publik",
    "jangka_waktu",
)
_LONG = {
    "informasi",
    "bagian_terbuka",
    "dasar_undang_undang",
    "konsekuensi",
    "kepentingan_publik",
}


@dataclass(frozen=True)
class ConsequenceTest:
    """The answers of one consequence test (``pasal_17`` is a letter "a".."j")."""

    badan_publik: str = ""
    dokumen: str = ""
    informasi: str = ""
    bagian_terbuka: str = ""
    pasal_17: str = ""
    dasar_undang_undang: str = ""
    konsekuensi: str = ""
    kepentingan_publik: str = ""
    jangka_waktu: str = ""
    ditetapkan_oleh: str = ""
    tanggal: dt.date | None = None


def pasal_17_label(letter: str) -> str:
    """ "huruf h — mengungkap rahasia pribadi" for a Pasal 17 letter."""
    return f"Pasal 17 huruf {letter} — {law.PASAL_17[letter]}"


def example() -> ConsequenceTest:
    """A filled example for the training session (a social-assistance recipient list)."""
    return ConsequenceTest(
        badan_publik="Dinas Sosial Kota Contoh",
        dokumen="Daftar penerima bantuan sosial Kelurahan Sukamaju tahun 2025",
        informasi="Kolom NIK, nomor KK, alamat lengkap dan nomor telepon setiap penerima",
        bagian_terbuka=(
            "Jumlah penerima, nilai dan jadwal penyaluran, kriteria penerima; salinan daftar "
            "diberikan dengan kolom yang dikecualikan dihitamkan"
        ),
        pasal_17="h",
        dasar_undang_undang="UU 27/2022 tentang Pelindungan Data Pribadi",
        konsekuensi=(
            "Data pribadi penerima dapat disalahgunakan (penipuan, pinjaman atas nama penerima) "
            "dan penerima dapat dipermalukan"
        ),
        kepentingan_publik=(
            "Pengawasan publik atas penyaluran bantuan tetap terpenuhi dengan membuka jumlah, "
            "nilai, jadwal dan kriteria; identitas lengkap tidak diperlukan untuk pengawasan itu"
        ),
        jangka_waktu="5 tahun sejak ditetapkan",
        ditetapkan_oleh="PPID Utama Kota Contoh, atas usul PPID Pembantu Dinas Sosial",
        tanggal=dt.date(2026, 3, 16),
    )


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


#: Wording of a review cycle ("ditinjau ulang setiap tahun", "dievaluasi tiap 6 bulan").
_REVIEW_CYCLE = re.compile(
    r"tinjau|evaluasi|reviu|review|"
    r"\b(setiap|tiap)\s+(\d+\s+)?(hari|minggu|bulan|semester|tahun)\b|"
    r"\bsetahun\s+sekali\b|\bper\s*tahun\b|\btahunan\b",
    re.IGNORECASE,
)
#: Wording of a span of time: "5 tahun sejak ditetapkan", "sampai 31 Desember 2030".
_SPAN = re.compile(
    r"(?<!setiap )(?<!tiap )\b(\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|"
    r"sepuluh)\s+(\(\w+\)\s+)?(hari|minggu|bulan|tahun)\b|\b(sampai|hingga)\b.*\d{4}",
    re.IGNORECASE,
)


def is_review_cycle(period: str) -> bool:
    """Whether an exemption period names only a review cycle, not a span of time."""
    return bool(_REVIEW_CYCLE.search(period)) and not _SPAN.search(period)


def check(test: ConsequenceTest) -> list[str]:
    """What is missing or weak in a test, as Indonesian sentences (empty when fine)."""
    problems = [
        f"Isian '{LABELS[key]}' masih kosong."
        for key in REQUIRED
        if not str(getattr(test, key)).strip()
    ]
    if test.pasal_17 and test.pasal_17 not in law.PASAL_17:
        problems.append(f"Huruf Pasal 17 '{test.pasal_17}' tidak dikenal (pilih a sampai j).")
    info, document = test.informasi.strip().lower(), test.dokumen.strip().lower()
    if info and (info == document or _words(info) & {"seluruh", "semua", "keseluruhan"}):
        problems.append(
            "Yang dikecualikan tampaknya seluruh dokumen. Kecualikan hanya bagian yang "
            "memang dilindungi; bagian lain tetap dibuka, bila perlu dengan penghitaman "
            "(UU KIP Pasal 22 ayat (7) huruf e). Kesalahan ini sering ditemukan Komisi Informasi."
        )
    if test.pasal_17 in law.PASAL_17_NOT_PERMANENT and "permanen" in _words(test.jangka_waktu):
        problems.append(
            f"Pengecualian Pasal 17 huruf {test.pasal_17} tidak bersifat permanen "
            "(UU KIP Pasal 20 ayat (1)): tuliskan jangka waktu yang terbatas."
        )
    if is_review_cycle(test.jangka_waktu):
        problems.append(
            f"Jangka waktu pengecualian '{test.jangka_waktu.strip()}' adalah siklus "
            "peninjauan, bukan jangka waktu. Tuliskan rentang waktu tertentu, misalnya "
            "'5 tahun sejak ditetapkan' (PP 61/2010 Pasal 1 angka 8–10); jadwal peninjauan "
            "boleh ditambahkan sesudahnya."
        )
    basis = test.dasar_undang_undang
    if basis.strip() and not re.search(r"\bUU\b|undang", basis, re.IGNORECASE):
        problems.append(
            "Dasar pengecualian harus Undang-Undang: sebutkan UU dan pasalnya "
            "(misalnya UU 14/2008 Pasal 17 huruf ...), bukan hanya peraturan di bawahnya."
        )
    return problems


def rows(test: ConsequenceTest) -> list[tuple[str, str]]:
    """The test sheet as (label, value) rows, in the order of KIP.md §7."""
    values = []
    for key, label, _hint in FIELDS:
        value = getattr(test, key)
        if key == "pasal_17" and value in law.PASAL_17:
            value = f"UU 14/2008 {pasal_17_label(value)}"
        values.append((label, str(value)))
    values.append(("Tanggal uji", format_date(test.tanggal) if test.tanggal else ""))
    return values


def summary(test: ConsequenceTest) -> str:
    """A readable summary of the test (plain text, several lines)."""
    letter = test.pasal_17
    basis = pasal_17_label(letter) if letter in law.PASAL_17 else "(huruf Pasal 17 belum dipilih)"
    lines = [
        f"Uji konsekuensi: {test.dokumen or '(dokumen belum diisi)'}",
        f"Dikecualikan: {test.informasi or '-'}",
        f"Tetap dibuka: {test.bagian_terbuka or '-'}",
        f"Dasar: UU 14/2008 {basis}; {test.dasar_undang_undang or '-'}",
        f"Konsekuensi bila dibuka: {test.konsekuensi or '-'}",
        f"Kepentingan publik: {test.kepentingan_publik or '-'}",
        f"Jangka waktu pengecualian: {test.jangka_waktu or '-'}",
    ]
    problems = check(test)
    if problems:
        lines.append("Perlu diperbaiki sebelum ditandatangani:")
        lines += [f"- {p}" for p in problems]
    else:
        lines.append(
            "Semua isian lengkap. Cetak dan tanda tangani sebagai penetapan klasifikasi "
            "oleh PPID, lalu masukkan ke Daftar Informasi yang Dikecualikan (DIK)."
        )
    return "\n".join(lines)


def to_xlsx(test: ConsequenceTest, path: Path | str | None = None) -> bytes:
    """The filled test sheet as an xlsx workbook (returned, and written to ``path`` if given).

    Every text cell goes through :func:`kip_training.safe_export.neutralise`.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = "Uji Konsekuensi"
    sheet["A1"] = "UJI KONSEKUENSI DAN PENETAPAN KLASIFIKASI INFORMASI YANG DIKECUALIKAN"
    sheet["A1"].font = Font(bold=True, size=12)
    sheet["A2"] = "UU 14/2008 tentang Keterbukaan Informasi Publik, Pasal 2 ayat (4) dan Pasal 17"
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 4
    for label, value in rows(test):
        sheet.cell(row, 1, neutralise(label)).font = Font(bold=True)
        sheet.cell(row, 2, neutralise(value)).alignment = wrap
        row += 1
    problems = check(test)
    if problems:
        row += 1
        sheet.cell(row, 1, "Catatan pemeriksaan").font = Font(bold=True)
        for problem in problems:
            sheet.cell(row, 2, neutralise(problem)).alignment = wrap
            row += 1
    row += 2
    sheet.cell(row, 1, "Tanda tangan")
    sheet.cell(row, 2, "(                                        )")
    sheet.column_dimensions["A"].width = 38
    sheet.column_dimensions["B"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")[:40] or "dokumen"


class ConsequenceForm(widgets.VBox):
    """The consequence-test form: fill in, press "Buat lembar uji", download the xlsx.

    Child widgets: ``inputs`` (field -> text widget), ``letter_dropdown`` (Pasal 17),
    ``date_field`` (dd/mm/yyyy), ``example_button`` ("Isi contoh"), ``build_button`` ("Buat lembar
    uji"), ``result`` (summary and problems) and ``download`` (link to the xlsx). After
    a build, ``test`` holds the answers and ``xlsx`` the workbook bytes; with an
    ``output_dir`` the workbook is also saved there (``saved_path``).
    """

    def __init__(self, output_dir: Path | str | None = None) -> None:
        self.output_dir = Path(output_dir) if output_dir else None
        self.test: ConsequenceTest | None = None
        self.xlsx: bytes | None = None
        self.saved_path: Path | None = None
        self.inputs: dict[str, widgets.Text | widgets.Textarea] = {}
        rows_: list[widgets.Widget] = []
        layout = widgets.Layout(width="95%")
        label_style = {"description_width": "240px"}
        for key, label, hint in FIELDS:
            if key == "pasal_17":
                self.letter_dropdown = widgets.Dropdown(
                    description=label,
                    options=[(CHOOSE, "")]
                    + [(pasal_17_label(letter), letter) for letter in law.PASAL_17],
                    layout=layout,
                    style=label_style,
                )
                self.letter_dropdown.add_class("kip-pasal-17")
                rows_.append(self.letter_dropdown)
                continue
            kind = widgets.Textarea if key in _LONG else widgets.Text
            field = kind(description=label, placeholder=hint, layout=layout, style=label_style)
            field.add_class(f"kip-uji-{key.replace('_', '-')}")
            self.inputs[key] = field
            rows_.append(field)
        self.date_field = DateField("Tanggal uji")
        self.example_button = button("Isi contoh", icon="pencil")
        self.build_button = button("Buat lembar uji", button_style="primary", icon="file")
        self.result = widgets.HTML()
        self.download = widgets.HTML()
        for widget, css in (
            (self.date_field.text, "kip-uji-tanggal"),
            (self.example_button, "kip-isi-contoh"),
            (self.build_button, "kip-buat-lembar"),
            (self.result, "kip-hasil-uji"),
            (self.download, "kip-unduh-uji"),
        ):
            widget.add_class(css)
        self.example_button.on_click(lambda _b: self.fill(example()))
        self.build_button.on_click(lambda _b: self.build())
        super().__init__(
            [
                style(),
                *rows_,
                self.date_field,
                widgets.HBox([self.example_button, self.build_button]),
                self.result,
                self.download,
            ]
        )
        self.add_class("kip-form-uji-konsekuensi")
        self.add_class("kip-form")

    def fill(self, test: ConsequenceTest) -> None:
        """Put the answers of ``test`` into the form."""
        for key, field in self.inputs.items():
            field.value = getattr(test, key)
        self.letter_dropdown.value = test.pasal_17
        self.date_field.value = test.tanggal

    def read(self) -> ConsequenceTest:
        """The answers currently in the form."""
        values = {key: field.value.strip() for key, field in self.inputs.items()}
        return ConsequenceTest(
            **values, pasal_17=self.letter_dropdown.value, tanggal=self.date_field.value
        )

    def build(self) -> ConsequenceTest:
        """Check the answers, show the summary and offer the xlsx sheet."""
        test = self.read()
        if test.tanggal is None:
            test = replace(test, tanggal=dt.date.today())
        self.test = test
        self.xlsx = to_xlsx(test)
        name = f"uji_konsekuensi_{_slug(test.dokumen)}.xlsx"
        if self.output_dir is not None:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            self.saved_path = self.output_dir / name
            self.saved_path.write_bytes(self.xlsx)
        problems = check(test)
        text = summary(test).splitlines()
        colour = "#b00020" if problems else "#1b5e20"
        status = (
            f"{len(problems)} hal perlu diperbaiki sebelum lembar ini ditandatangani."
            if problems
            else "Lembar uji lengkap."
        )
        self.result.value = (
            f'<div style="line-height:1.5"><p style="color:{colour}"><b>{html.escape(status)}'
            "</b></p><p>" + "<br>".join(html.escape(line) for line in text) + "</p></div>"
        )
        encoded = base64.b64encode(self.xlsx).decode("ascii")
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        saved = (
            f" Juga tersimpan di <code>{html.escape(str(self.saved_path))}</code>."
            if self.saved_path
            else ""
        )
        self.download.value = (
            f'<a download="{html.escape(name)}" href="data:{mime};base64,{encoded}">'
            f"⬇ Unduh lembar uji konsekuensi ({html.escape(name)})</a>{saved}"
        )
        return test


__all__ = [
    "FIELDS",
    "ConsequenceForm",
    "ConsequenceTest",
    "check",
    "example",
    "is_review_cycle",
    "rows",
    "summary",
    "to_xlsx",
]
