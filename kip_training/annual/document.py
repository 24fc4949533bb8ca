"""Write the annual report as a Word document on the template's named styles.

The six sections of Perki 1/2021 Pasal 56 come in order (:data:`SECTIONS`). Texts the
figures cannot give (policy, facilities, staff, budget, court cases) come from
``[laporan_tahunan]`` in kip.toml; where one is missing the document shows a visible
"[isi: …]" placeholder in the ``Isian Kosong`` style.

The table of contents is a Word TOC field whose stored result already lists the
headings (without page numbers): Word offers to update it on opening (page numbers
then appear), and LibreOffice, which converts to PDF without updating fields, shows
the stored list.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from kip_training import law
from kip_training.annual import charts, columns, docx_internals
from kip_training.annual.figures import ANSWER_DAYS, AnnualFigures
from kip_training.annual.template import PLACEHOLDER_STYLE, TABLE_STYLE, TEMPLATE
from kip_training.errors import KipError
from kip_training.textfmt import format_date, format_number

SECTIONS = (
    "1. Gambaran Umum Kebijakan Pelayanan Informasi Publik",
    "2. Gambaran Umum Pelaksanaan Pelayanan Informasi Publik",
    "3. Rincian Pelayanan Informasi Publik",
    "4. Keberatan dan Sengketa Informasi",
    "5. Kendala Internal dan Eksternal",
    "6. Rekomendasi dan Rencana Tindak Lanjut",
)
PLACEHOLDER_HINTS = {
    "kebijakan": "gambaran umum kebijakan pelayanan informasi publik (Perwal/Perbup tentang "
    "layanan informasi, SK penetapan PPID, SOP layanan, maklumat pelayanan)",
    "sarana": "sarana dan prasarana layanan (meja layanan, ruang baca, laman PPID, formulir "
    "daring, media sosial resmi)",
    "sdm": "sumber daya manusia (jumlah dan kedudukan petugas PPID Utama dan PPID Pembantu, "
    "pelatihan yang diikuti)",
    "anggaran": "anggaran layanan informasi tahun ini (jumlah dan sumbernya, misalnya DPA)",
    "perkara_pengadilan": "perkara di PTUN/Pengadilan Negeri atau kasasi atas sengketa "
    "informasi, atau pernyataan bahwa tidak ada",
}
TEXT_WIDTH_CM = 16.6
PER_OPD_COLUMNS = (
    "OPD",
    "Permohonan",
    "Dipenuhi seluruhnya",
    "Dipenuhi sebagian",
    "Ditolak",
    "Lainnya",
    "Median hari kerja",
    "Maks. hari kerja",
    "Keberatan",
)


def cell_text(value: object) -> str:
    """A table value the Indonesian way: 1.234; 7,5; "–" for no value."""
    if value is None or (isinstance(value, numbers.Real) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, numbers.Real):
        return format_number(value, 0 if float(value).is_integer() else 1)
    return str(value)


class AnnualDocument:
    """The document under construction: numbering of tables and figures, and the headings."""

    def __init__(self, template: Path | str | None = None) -> None:
        self.doc = Document(str(template or TEMPLATE))
        missing = [
            s
            for s in ("Title", "Heading 1", "Heading 2", "Normal", "Caption", PLACEHOLDER_STYLE)
            if s not in [style.name for style in self.doc.styles]
        ]
        if missing or TABLE_STYLE not in [style.name for style in self.doc.styles]:
            raise KipError(
                f"Templat {template}: gaya {', '.join(missing or [TABLE_STYLE])} tidak ada. "
                "Salin templates/laporan_tahunan.docx dan ubah gayanya, jangan namanya."
            )
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.tables = 0
        self.pictures = 0

    def paragraph(self, text: str, style: str = "Normal"):
        return self.doc.add_paragraph(text, style=style)

    def heading(self, text: str, level: int = 1):
        return self.doc.add_paragraph(text, style=f"Heading {level}")

    def text_or_placeholder(self, text: str, key: str) -> None:
        if text.strip():
            for part in text.strip().split("\n\n"):
                self.paragraph(" ".join(part.split()))
            return
        self.paragraph(
            f"[isi: {PLACEHOLDER_HINTS[key]}. Tulis di kip.toml, bagian [laporan_tahunan], "
            f"kunci {key}.]",
            PLACEHOLDER_STYLE,
        )

    def caption(self, text: str):
        return self.paragraph(text, "Caption")

    def table(
        self, frame: pd.DataFrame, caption: str, widths: Sequence[float] | None = None
    ) -> None:
        """A native Word table with a caption above, a repeating bold header, numbers right."""
        self.tables += 1
        self.caption(f"Tabel {self.tables}. {caption}")
        table = self.doc.add_table(rows=1, cols=len(frame.columns), style=TABLE_STYLE)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        docx_internals.repeat_header(header)
        titles = [str(title) for title in frame.columns]
        numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
        if widths is None:
            lengths = [
                min(60, max([len(t)] + [len(str(v)) for v in frame[c]]))
                for t, c in zip(titles, frame.columns, strict=True)
            ]
            widths = columns.widths(titles, numeric, lengths, TEXT_WIDTH_CM)
        for cell, title, width in zip(header.cells, titles, widths, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(columns.fitted_header(title, width))
            run.bold = True
            run.font.size = Pt(columns.TABLE_PT)  # the Normal style's size would win otherwise
            docx_internals.shade(cell, "DCE6F0")
        for values in frame.itertuples(index=False):
            row = table.add_row()
            docx_internals.keep_row_together(row)
            cells = row.cells
            for cell, value, is_number in zip(cells, values, numeric, strict=True):
                cell.paragraphs[0].add_run(cell_text(value)).font.size = Pt(columns.TABLE_PT)
                if is_number:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _set_widths(table, widths)
        self.paragraph("")

    def picture(self, chart: charts.Chart) -> None:
        """A chart image with its alt text (``descr``) and a caption below."""
        self.pictures += 1
        self.doc.add_picture(io.BytesIO(chart.png), width=Cm(15.5))
        shape = self.doc.inline_shapes[-1]
        docx_internals.describe_picture(shape, chart.alt, chart.caption)
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.caption(f"Gambar {self.pictures}. {chart.caption}")

    def contents(self, entries: Sequence[tuple[int, str]]) -> None:
        """A TOC field whose stored result is the list of headings (see the module docstring)."""
        self.paragraph("Daftar Isi", "Heading 2")
        paragraphs = [self.paragraph("") for _ in entries]
        for index, (paragraph, (level, text)) in enumerate(zip(paragraphs, entries, strict=True)):
            paragraph.paragraph_format.left_indent = Cm(0.8 * (level - 1))
            paragraph.paragraph_format.space_after = Pt(2)
            if index == 0:
                _field_char(paragraph, "begin")
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = ' TOC \\o "1-2" \\h \\z \\u '
                docx_internals.append_to_run(paragraph.add_run(), instr)
                _field_char(paragraph, "separate")
            paragraph.add_run(text)
            if index == len(entries) - 1:
                _field_char(paragraph, "end")
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        self.doc.save(str(path))
        return path


def _field_char(paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")
    docx_internals.append_to_run(paragraph.add_run(), char)


def _set_widths(table, widths: Sequence[float]) -> None:
    """Fixed column widths that Word and LibreOffice both honour (grid and every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def _contents_entries() -> list[tuple[int, str]]:
    return [(1, title) for title in SECTIONS]


def _per_opd_table(figures: AnnualFigures) -> pd.DataFrame:
    table = figures.per_opd.copy()
    table["Lainnya"] = (
        table["Tidak dikuasai"] + table["Belum didokumentasikan"] + table["Dalam proses"]
    )
    return table[list(PER_OPD_COLUMNS)]


def _data_notes(out: AnnualDocument, figures: AnnualFigures, names: dict[str, str]) -> None:
    out.heading("3.1 Sumber data dan kelengkapannya", 2)
    out.paragraph(
        "Angka dalam laporan ini dihitung dari laporan semester PPID Pembantu yang diterima "
        "PPID Utama. Baris yang tidak sah tidak dihitung; jumlahnya disebut di bawah, sehingga "
        "angka OPD yang bersangkutan adalah batas bawah."
    )
    for period in figures.semesters_missing:
        out.paragraph(
            f"{period.title}: tidak ada laporan yang dapat dibaca. Angka tahunan hanya "
            "mencakup semester yang lain.",
            PLACEHOLDER_STYLE,
        )
    for note in figures.notes:
        parts = [
            f"{note.period.title}: {note.files} berkas diterima, {note.files_used} dipakai; "
            f"{format_number(note.rows_read)} baris dibaca, "
            f"{format_number(note.rows_rejected)} baris tidak dihitung."
        ]
        if note.missing_opd:
            parts.append(
                "OPD belum melapor: " + ", ".join(names.get(c, c) for c in note.missing_opd) + "."
            )
        if note.unusable_opd:
            parts.append(
                "Laporan tiba tetapi tidak dapat dipakai: "
                + ", ".join(names.get(c, c) for c in note.unusable_opd)
                + "."
            )
        if note.incomplete_opd:
            parts.append(
                "Angka tidak lengkap (sebagian baris ditolak): "
                + ", ".join(note.incomplete_opd)
                + "."
            )
        if note.excluded:
            parts.append(
                "Berkas tidak dipakai: "
                + "; ".join(f"{Path(f).name} ({why.split('. ')[0]})" for f, why in note.excluded)
                + "."
            )
        out.paragraph(" ".join(parts))
    if figures.other_years:
        out.paragraph(
            "Berkas periode lain yang tidak dihitung: "
            + "; ".join(f"{Path(f).name} ({p})" for f, p in figures.other_years)
            + "."
        )
    out.paragraph(
        "Hari kerja dihitung dengan konvensi alat ini, bukan bunyi UU KIP: hari permohonan "
        "diterima adalah hari ke-0; Sabtu, Minggu dan hari libur nasional tidak dihitung; cuti "
        "bersama mengikuti pengaturan [kalender] di kip.toml."
    )


def write_document(
    figures: AnnualFigures,
    path: Path | str,
    config,
    names: dict[str, str],
    followup: pd.DataFrame | None = None,
    template: Path | str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the annual report of ``figures`` to ``path`` (.docx)."""
    texts = config.annual_texts
    totals = figures.totals
    year = figures.year
    out = AnnualDocument(template)
    out.paragraph(f"Laporan Layanan Informasi Publik Tahun {year}", "Title")
    out.paragraph(f"{config.body_name}\n{config.ppid_unit}")
    out.paragraph(
        f"Disusun {format_date(today or dt.date.today(), weekday=False)} dari laporan semester "
        f"PPID Pembantu Semester I dan II {year}, menurut Peraturan Komisi Informasi Nomor 1 "
        "Tahun 2021 Pasal 56 (disampaikan paling lambat tiga bulan setelah tahun anggaran "
        "berakhir) dan UU 14/2008 Pasal 12."
    )
    out.contents(_contents_entries())

    out.heading(SECTIONS[0])
    out.text_or_placeholder(texts.get("kebijakan", ""), "kebijakan")

    out.heading(SECTIONS[1])
    out.heading("2.1 Sarana dan prasarana", 2)
    out.text_or_placeholder(texts.get("sarana", ""), "sarana")
    out.heading("2.2 Sumber daya manusia", 2)
    out.paragraph(
        f"Layanan informasi dijalankan oleh {config.ppid_unit} bersama PPID Pembantu di "
        f"{format_number(len(names))} OPD."
    )
    out.text_or_placeholder(texts.get("sdm", ""), "sdm")
    out.heading("2.3 Anggaran", 2)
    out.text_or_placeholder(texts.get("anggaran", ""), "anggaran")

    out.heading(SECTIONS[2])
    _data_notes(out, figures, names)
    out.heading("3.2 Jumlah permohonan dan keputusannya", 2)
    out.paragraph(
        f"Sepanjang {year} diterima {cell_text(totals['Permohonan'])} permohonan informasi: "
        f"{cell_text(totals['Dipenuhi seluruhnya'])} dipenuhi seluruhnya, "
        f"{cell_text(totals['Dipenuhi sebagian'])} dipenuhi sebagian, "
        f"{cell_text(totals['Ditolak'])} ditolak, {cell_text(totals['Tidak dikuasai'])} tidak "
        f"dikuasai, {cell_text(totals['Belum didokumentasikan'])} belum didokumentasikan, dan "
        f"{cell_text(totals['Dalam proses'])} masih dalam proses (UU 14/2008 Pasal 12 huruf a "
        "dan c)."
    )
    out.table(figures.per_semester, f"Permohonan informasi dan keputusannya, {year}")
    out.picture(charts.decisions_chart(figures))
    out.heading("3.3 Waktu pemenuhan permohonan", 2)
    notice = law.DEADLINES["pemberitahuan"]
    out.paragraph(
        f"Waktu dari permohonan diterima sampai pemberitahuan tertulis (Pasal 12 huruf b): "
        f"median {cell_text(totals['Median hari kerja'])} hari kerja, paling lama "
        f"{cell_text(totals['Maks. hari kerja'])} hari kerja, atas "
        f"{format_number(len(figures.notice_days))} permohonan yang tanggal pemberitahuannya "
        f"tercatat. Batasnya {notice.working_days} hari kerja ({notice.basis}), dapat "
        f"diperpanjang paling lama {law.EXTENSION_DAYS} hari kerja dengan alasan tertulis."
    )
    out.picture(charts.days_chart(figures))
    out.heading("3.4 Permohonan yang ditolak dan alasannya", 2)
    out.paragraph(
        f"{cell_text(totals['Ditolak'])} permohonan ditolak karena informasinya dikecualikan "
        "menurut UU 14/2008 Pasal 17 (Pasal 12 huruf d). Rinciannya per huruf:"
    )
    out.table(figures.refusals, f"Permohonan ditolak per huruf Pasal 17, {year}")
    out.picture(charts.refusals_chart(figures))
    out.heading("3.5 Rincian per OPD", 2)
    out.paragraph(
        "Lainnya: tidak dikuasai, belum didokumentasikan, atau masih dalam proses. Hari kerja: "
        "sampai pemberitahuan tertulis."
    )
    out.table(
        _per_opd_table(figures),
        f"Layanan informasi per OPD, {year}",
        widths=(4.4, 1.5, 1.6, 1.6, 1.4, 1.5, 1.6, 1.5, 1.5),
    )

    out.heading(SECTIONS[3])
    out.heading("4.1 Keberatan", 2)
    out.paragraph(
        f"Diterima {cell_text(totals['keberatan'])} keberatan (UU 14/2008 Pasal 35); "
        f"{cell_text(totals['keberatan_ditanggapi'])} telah ditanggapi Atasan PPID, "
        f"{cell_text(totals['tanggapan_tepat'])} di antaranya dalam batas {ANSWER_DAYS} hari "
        f"kerja (Pasal 36 ayat (2)), {cell_text(totals['tanggapan_terlambat'])} melewatinya; "
        f"{cell_text(totals['keberatan_belum_ditanggapi'])} belum ditanggapi."
    )
    out.table(figures.objection_answers, f"Keberatan dan tanggapannya, {year}")
    out.table(figures.objection_grounds, f"Keberatan per alasan Pasal 35 ayat (1), {year}")
    out.heading("4.2 Sengketa di Komisi Informasi", 2)
    out.paragraph(
        f"{cell_text(totals['sengketa'])} keberatan berlanjut menjadi sengketa informasi di "
        "Komisi Informasi (UU 14/2008 Pasal 37). Hasilnya:"
    )
    out.table(figures.disputes, f"Sengketa informasi dan hasilnya, {year}")
    out.heading("4.3 Perkara di pengadilan", 2)
    out.text_or_placeholder(texts.get("perkara_pengadilan", ""), "perkara_pengadilan")

    out.heading(SECTIONS[4])
    out.paragraph(
        "Kendala yang dilaporkan PPID Pembantu di lembar Kendala dan Rekomendasi, kendala yang "
        "sama digabung, dengan OPD yang melaporkannya."
    )
    for kind, number in (("Kendala internal", "5.1"), ("Kendala eksternal", "5.2")):
        out.heading(f"{number} {kind}", 2)
        rows = figures.obstacles[figures.obstacles["Jenis"] == kind].drop(columns="Jenis")
        if len(rows):
            out.table(rows, f"{kind} yang dilaporkan OPD, {year}", widths=(6.6, 8.2, 1.8))
        else:
            out.paragraph(f"Tidak ada {kind.lower()} yang dilaporkan.")
    unclassified = figures.obstacles[
        ~figures.obstacles["Jenis"].isin(["Kendala internal", "Kendala eksternal"])
    ]
    if len(unclassified):
        out.table(unclassified, f"Kendala tanpa jenis, {year}")

    out.heading(SECTIONS[5])
    out.heading("6.1 Rekomendasi dan rencana dari PPID Pembantu", 2)
    if len(figures.recommendations):
        out.table(
            figures.recommendations,
            f"Rekomendasi dan rencana tindak lanjut dari OPD, {year}",
            widths=(2.8, 5.6, 6.6, 1.6),
        )
    else:
        out.paragraph("Tidak ada rekomendasi yang dilaporkan PPID Pembantu.")
    out.heading("6.2 Rencana tindak lanjut yang disepakati", 2)
    if followup is not None and len(followup):
        out.paragraph(
            "Tindak lanjut yang disepakati dalam rapat koordinasi PPID (register tindak lanjut)."
        )
        out.table(followup, "Register tindak lanjut", widths=(2.4, 3.8, 4, 2.6, 2, 1.8))
    else:
        out.paragraph(
            "[isi: rencana tindak lanjut tahun berikutnya. Berikan register tindak lanjut rapat "
            "koordinasi dengan --tindak-lanjut BERKAS.xlsx, atau tulis di sini.]",
            PLACEHOLDER_STYLE,
        )
    return out.save(path)
