"""The evidence checklist workbook (``kip monev siapkan``): layout and writer.

Sheets: ``Petunjuk`` (how to fill it in), ``Daftar Bukti`` (one row per rubric sub-item:
the responsible OPD and the status are drop-downs; OPD, evidence, status and notes are
the only unlocked cells), ``Ringkasan`` (per indicator: weight, items, items marked
"Siap", completeness and the internal estimate, as formulas on a protected sheet) and a
hidden ``Daftar`` sheet with the drop-down lists. Sheets are protected without a
password: the protection prevents accidental edits, it is no security.

Every text cell goes through :func:`kip_training.safe_export.neutralise`.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from kip_training.monev.figures import LINKS, ReportFigures
from kip_training.monev.rubric import Rubric
from kip_training.monev.settings import ESTIMATE_LABEL
from kip_training.roster import Opd, Roster
from kip_training.safe_export import neutralise
from kip_training.textfmt import format_number
from kip_training.xlsx_header import header_row

PETUNJUK_TITLE = "Petunjuk"
CHECKLIST_TITLE = "Daftar Bukti"
SUMMARY_TITLE = "Ringkasan"
LISTS_TITLE = "Daftar"

STATUSES = ("Belum ada", "Sedang disiapkan", "Siap")
READY = "Siap"
EXAMPLE_KEYWORD = "contoh"
OPD_SEPARATOR = " – "


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    editable: bool = False


COLUMNS = (
    Column("kode_indikator", "Kode indikator", 10),
    Column("indikator", "Indikator", 18),
    Column("kode_butir", "Kode butir", 9),
    Column("butir", "Butir penilaian", 34),
    Column("bukti_diperlukan", "Bukti yang diperlukan", 34),
    Column("opd", "OPD penanggung jawab", 30, editable=True),
    Column("bukti", "Berkas bukti (path di folder bukti) atau tautan", 36, editable=True),
    Column("status", "Status", 16, editable=True),
    Column("catatan", "Catatan", 24, editable=True),
    Column("data_laporan", "Data laporan semester", 44),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS, start=1)}
SUMMARY_COLUMNS = (
    ("kode", "Kode", 8),
    ("indikator", "Indikator", 36),
    ("bobot", "Bobot", 9),
    ("butir", "Jumlah butir", 10),
    ("siap", "Butir berstatus Siap", 12),
    ("kelengkapan", "Kelengkapan", 12),
    ("perkiraan", "Perkiraan nilai internal*", 14),
)
SUMMARY_INDEX = {key: i for i, (key, _, _) in enumerate(SUMMARY_COLUMNS, start=1)}
TOTAL_LABEL = "Jumlah"

LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
EXAMPLE_FONT = Font(bold=True, color="C00000", size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
FIXED_TIME = dt.datetime(2025, 1, 1)


def opd_choice(opd: Opd) -> str:
    """What the OPD drop-down shows and the reader maps back: "DISKOMINFO – Diskominfo"."""
    return f"{opd.kode}{OPD_SEPARATOR}{opd.singkatan or opd.nama}"


def _fit(ws, landscape: bool = True) -> None:
    """Row heights for wrapped text (openpyxl does not measure) and one page wide in print."""
    widths = {letter: (dim.width or 10) for letter, dim in ws.column_dimensions.items()}
    for row in ws.iter_rows(min_row=2):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.value and cell.alignment.wrap_text:
                width = widths.get(cell.column_letter, 10)
                lines = max(lines, math.ceil(len(cell.value) * 1.1 / max(width, 1)))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = 15 * lines
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"


def _protect(ws) -> None:
    """Protect without a password; let users resize, sort and filter."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False


def _petunjuk_lines(rubric: Rubric, figures: ReportFigures | None, limit_mb: float) -> list[str]:
    lines = [f"Daftar bukti monev keterbukaan informasi publik — {rubric.komisi} {rubric.tahun}"]
    if rubric.contoh:
        lines.append(
            f"{rubric.judul}. {rubric.catatan}".strip() if rubric.catatan else f"{rubric.judul}."
        )
    lines.append(
        f"Rubrik: {rubric.judul}. Sumber: {rubric.sumber or '-'} "
        f"(tingkat keyakinan: {rubric.keyakinan})."
    )
    if rubric.ambang_saq is not None:
        lines.append(
            f"Nilai SAQ minimum untuk maju ke tahap presentasi: {format_number(rubric.ambang_saq)}."
        )
    if rubric.bobot_presentasi is not None:
        lines.append(
            f"Porsi presentasi dalam nilai akhir: {format_number(rubric.bobot_presentasi)}%."
        )
    mb = format_number(limit_mb, 0 if limit_mb == int(limit_mb) else 2)
    lines += [
        "",
        "Cara mengisi (sheet 'Daftar Bukti'): hanya kolom OPD penanggung jawab, Berkas bukti, "
        "Status, dan Catatan yang dapat diisi; kolom lain berasal dari rubrik.",
        "OPD penanggung jawab dan Status dipilih dari daftar. Status: 'Belum ada' (bukti belum "
        "ada), 'Sedang disiapkan' (sedang dikumpulkan), 'Siap' (berkas final sudah ada di folder "
        "bukti atau tautannya sudah dapat dibuka).",
        "Berkas bukti: path berkas PDF relatif terhadap folder bukti (misalnya I1/sk_dip.pdf) "
        "atau tautan lengkap yang diawali https://. Satu berkas atau tautan per baris sel. "
        f"Setiap berkas PDF paling besar {mb} MB (1 MB = 1.000.000 bita), dapat dibuka, dan "
        "tidak kosong.",
        "Sheet 'Ringkasan' menghitung kelengkapan setiap indikator dari kolom Status. "
        f"Perkiraan nilai = bobot × bagian butir yang siap: {ESTIMATE_LABEL}.",
        "Sheet dilindungi tanpa kata sandi supaya rumus dan isi rubrik tidak terhapus tanpa "
        "sengaja.",
        "Periksa daftar yang sudah diisi beserta berkasnya dengan perintah: "
        "kip monev periksa NAMA_BERKAS.xlsx --bukti FOLDER_BUKTI",
    ]
    if figures is not None:
        lines.append(
            f"Kolom 'Data laporan semester' diisi dari laporan PPID Pembantu {figures.period}: "
            "angka yang sudah dilaporkan OPD, sebagai bahan bukti dan catatan."
        )
    return lines


def _opd_range(roster: Roster) -> str:
    return f"{quote_sheetname(LISTS_TITLE)}!$A$2:$A${max(len(roster) + 1, 2)}"


def _lists_sheet(wb: Workbook, roster: Roster) -> None:
    ws = wb.create_sheet(LISTS_TITLE)
    ws.sheet_state = "hidden"
    ws.cell(row=1, column=1, value="OPD")
    for row, opd in enumerate(roster, start=2):
        ws.cell(row=row, column=1, value=neutralise(opd_choice(opd)))
    _protect(ws)


def _validation(formula: str, prompt: str, strict: bool) -> DataValidation:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.prompt = prompt
    dv.showInputMessage = True
    dv.error = "Pilih salah satu nilai dari daftar."
    dv.errorTitle = "Nilai tidak ada di daftar"
    dv.showErrorMessage = strict
    return dv


def _data_note(key: str | None, figures: ReportFigures | None) -> str | None:
    if key is None:
        return None
    if figures is not None and key in figures.notes:
        return figures.notes[key]
    return f"tertaut ke data laporan ({LINKS[key]}); isi dengan: kip monev siapkan --laporan FOLDER"


def _checklist_sheet(wb, rubric: Rubric, figures, opd_range: str) -> int:
    ws = wb.create_sheet(CHECKLIST_TITLE)
    header_row(ws, [c.title for c in COLUMNS], [c.width for c in COLUMNS])
    last = len(rubric.items) + 1
    for row, (indicator, item) in enumerate(rubric.items, start=2):
        values = {
            "kode_indikator": indicator.kode,
            "indikator": indicator.nama,
            "kode_butir": item.kode,
            "butir": item.uraian,
            "bukti_diperlukan": item.bukti,
            "status": STATUSES[0],
            "data_laporan": _data_note(item.data, figures),
        }
        for col, column in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=row, column=col, value=neutralise(values.get(column.key)))
            cell.alignment = WRAP
            if column.editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = LOCKED_FILL
    opd_letter = get_column_letter(COLUMN_INDEX["opd"])
    status_letter = get_column_letter(COLUMN_INDEX["status"])
    opd_dv = _validation(opd_range, "Pilih OPD penanggung jawab dari daftar", strict=True)
    opd_dv.add(f"{opd_letter}2:{opd_letter}{last}")
    status_dv = _validation(
        '"' + ",".join(STATUSES) + '"', "Belum ada / Sedang disiapkan / Siap", strict=True
    )
    status_dv.add(f"{status_letter}2:{status_letter}{last}")
    ws.add_data_validation(opd_dv)
    ws.add_data_validation(status_dv)
    status_range = f"{status_letter}2:{status_letter}{last}"
    for value, colour in (
        ("Siap", "C6EFCE"),
        ("Sedang disiapkan", "FFEB9C"),
        ("Belum ada", "FFC7CE"),
    ):
        ws.conditional_formatting.add(
            status_range,
            CellIsRule(
                operator="equal", formula=[f'"{value}"'], fill=PatternFill("solid", bgColor=colour)
            ),
        )
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    _fit(ws)
    _protect(ws)
    return last


def _summary_sheet(wb, rubric: Rubric, last: int) -> None:
    ws = wb.create_sheet(SUMMARY_TITLE)
    header_row(ws, [t for _, t, _ in SUMMARY_COLUMNS], [w for _, _, w in SUMMARY_COLUMNS])
    ws.row_dimensions[1].height = 46
    sheet = quote_sheetname(CHECKLIST_TITLE)
    codes = f"{sheet}!$A$2:$A${last}"
    status_letter = get_column_letter(COLUMN_INDEX["status"])
    statuses = f"{sheet}!${status_letter}$2:${status_letter}${last}"
    for row, indicator in enumerate(rubric.indicators, start=2):
        ws.cell(row=row, column=1, value=neutralise(indicator.kode))
        ws.cell(row=row, column=2, value=neutralise(indicator.nama))
        ws.cell(row=row, column=3, value=indicator.bobot)
        ws.cell(row=row, column=4, value=len(indicator.items))
        ws.cell(row=row, column=5, value=f'=COUNTIFS({codes},A{row},{statuses},"{READY}")')
        ws.cell(row=row, column=6, value=f"=IF(D{row}=0,0,E{row}/D{row})").number_format = "0%"
        ws.cell(row=row, column=7, value=f"=C{row}*F{row}").number_format = "0.0"
    total = len(rubric.indicators) + 2
    ws.cell(row=total, column=2, value=TOTAL_LABEL).font = Font(bold=True)
    for col in (3, 4, 5, 7):
        letter = get_column_letter(col)
        ws.cell(row=total, column=col, value=f"=SUM({letter}2:{letter}{total - 1})")
    ws.cell(row=total, column=7).number_format = "0.0"
    ws.cell(row=total, column=6, value=f"=IF(D{total}=0,0,E{total}/D{total})").number_format = "0%"
    for col in range(1, len(SUMMARY_COLUMNS) + 1):
        ws.cell(row=total, column=col).font = Font(bold=True)
    note = ws.cell(
        row=total + 2,
        column=1,
        value=f"* Perkiraan nilai = bobot × bagian butir berstatus Siap: {ESTIMATE_LABEL}.",
    )
    note.font = Font(italic=True)
    if rubric.contoh:
        ws.cell(row=total + 3, column=1, value=neutralise(rubric.judul)).font = EXAMPLE_FONT
    _fit(ws)
    _protect(ws)


def build_checklist(
    rubric: Rubric,
    roster: Roster,
    figures: ReportFigures | None = None,
    limit_mb: float = 2.0,
) -> Workbook:
    """The evidence checklist workbook of ``rubric`` (see the module docstring)."""
    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = PETUNJUK_TITLE
    petunjuk.column_dimensions["A"].width = 64
    for row, line in enumerate(_petunjuk_lines(rubric, figures, limit_mb), start=1):
        cell = petunjuk.cell(row=row, column=1, value=neutralise(line))
        cell.alignment = WRAP
    petunjuk["A1"].font = Font(bold=True, size=14)
    _fit(petunjuk, landscape=False)
    petunjuk.print_title_rows = None
    petunjuk.sheet_properties.pageSetUpPr.fitToPage = False
    petunjuk.row_dimensions[1].height = 40
    if rubric.contoh:
        petunjuk["A2"].font = EXAMPLE_FONT
    last = _checklist_sheet(wb, rubric, figures, _opd_range(roster))
    _summary_sheet(wb, rubric, last)
    _lists_sheet(wb, roster)
    wb.properties.creator = "kip-training"
    wb.properties.title = neutralise(rubric.judul)
    wb.properties.subject = neutralise(f"{rubric.komisi} {rubric.tahun}")
    wb.properties.keywords = EXAMPLE_KEYWORD if rubric.contoh else ""
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def save_workbook(wb: Workbook, path: Path | str) -> Path:
    """Save ``wb`` to ``path`` through a temporary file: no half-written workbook is left."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".kip-", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        wb.save(temporary)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 is not what the user asked for
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path
