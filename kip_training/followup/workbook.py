"""Write the follow-up register as an xlsx workbook the OPDs and the PPID Utama edit.

One sheet "Tindak lanjut" (frozen header, filter, drop-downs for Tingkat and Status,
dates as real dates) and a "Petunjuk" sheet saying how to fill it in and how the next
meeting reads it back. Every text cell passes :func:`kip_training.safe_export.neutralise`
(no formula runs, no XML-illegal character breaks the file).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kip_training.errors import DeckError
from kip_training.followup.model import LEVELS, STATUSES, Register
from kip_training.followup.triggers import SOON_WORKING_DAYS, URGENT_WORKING_DAYS
from kip_training.safe_export import neutralise
from kip_training.textfmt import format_date

SHEET = "Tindak lanjut"
GUIDE_SHEET = "Petunjuk"
#: (title, width in characters) of the register's columns, in order.
COLUMNS = (
    ("No", 5),
    ("Kode OPD", 16),
    ("OPD", 32),
    ("Masalah", 58),
    ("Tingkat", 10),
    ("Tindakan yang disepakati", 58),
    ("Penanggung jawab", 26),
    ("Tenggat", 13),
    ("Status", 19),
    ("Catatan", 40),
)
DATE_FORMAT = "dd/mm/yyyy"
PERIOD_LABEL = "Periode laporan"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _drop_down(values: tuple[str, ...], column: int, last_row: int, prompt: str) -> DataValidation:
    letter = get_column_letter(column)
    rule = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Nilai tidak dikenal",
        error="Pilih salah satu: " + ", ".join(values) + ".",
        promptTitle=COLUMNS[column - 1][0],
        prompt=prompt,
    )
    rule.add(f"{letter}2:{letter}{last_row}")
    return rule


def _guide_lines(register: Register) -> list[str]:
    period = register.period
    next_due = (
        f" Laporan berikutnya paling lambat {format_date(register.next_report_due)}."
        if register.next_report_due
        else ""
    )
    return [
        f"Register tindak lanjut rapat koordinasi PPID — {period.title}",
        f"{PERIOD_LABEL}: {period.label}",
        f"Rapat koordinasi: {format_date(register.meeting)}.{next_due}",
        "",
        "Isi lembar 'Tindak lanjut': satu baris per masalah satu OPD, diurutkan menurut "
        "tingkat (Tinggi, Sedang, Rendah).",
        "Masalah, tindakan, penanggung jawab dan tenggat adalah usulan yang disusun otomatis "
        "dari laporan semester ini; ubah sesuai kesepakatan rapat.",
        f"Tenggat usulan (konvensi toolkit, bukan ketentuan undang-undang): "
        f"{URGENT_WORKING_DAYS} hari kerja setelah rapat untuk masalah mendesak, "
        f"{SOON_WORKING_DAYS} hari kerja untuk perbaikan layanan, dan batas laporan "
        "semester berikutnya untuk yang lain.",
        "Kolom Status: pilih " + ", ".join(f"'{s}'" for s in STATUSES) + " dari daftar.",
        "Kolom Catatan: keterangan kemajuan. Jangan menulis nama, alamat, NIK atau kontak "
        "pemohon informasi di berkas ini.",
        "Jangan mengubah judul kolom atau Kode OPD; baris boleh ditambah dengan Kode OPD "
        "dari daftar OPD.",
        "",
        "Rapat berikutnya: jalankan  kip deck LAPORAN… -o paparan.pptx --tindak-lanjut "
        f"{register.file_name}  agar paparan dibuka dengan status tindak lanjut rapat ini.",
    ]


def write_register(register: Register, path: Path | str) -> Path:
    """Write ``register`` to ``path`` (xlsx); raises DeckError when it cannot be written."""
    target = Path(path)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    for index, (title, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    wrap = Alignment(vertical="top", wrap_text=True)
    for number, item in enumerate(register.items, start=1):
        values = (
            number,
            item.kode_opd,
            item.opd,
            item.masalah,
            item.tingkat,
            item.tindakan,
            item.penanggung_jawab,
            item.tenggat,
            item.status,
            item.catatan,
        )
        row = number + 1
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=index, value=neutralise(value))
            cell.alignment = wrap
        sheet.cell(row=row, column=8).number_format = DATE_FORMAT
    last_row = max(len(register.items) + 1, 2) + 200  # room for rows added by hand
    sheet.add_data_validation(_drop_down(LEVELS, 5, last_row, "Tinggi, Sedang atau Rendah."))
    sheet.add_data_validation(
        _drop_down(STATUSES, 9, last_row, "Pilih status tindak lanjut dari daftar.")
    )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(register.items) + 1}"
    guide = workbook.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 110
    for row, line in enumerate(_guide_lines(register), start=1):
        cell = guide.cell(row=row, column=1, value=neutralise(line))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide.cell(row=1, column=1).font = Font(bold=True, size=13)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        workbook.save(target)
    except OSError as exc:
        raise DeckError(f"Berkas {target} tidak dapat ditulis: {exc.strerror or exc}.") from None
    return target
