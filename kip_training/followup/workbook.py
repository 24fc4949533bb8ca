"""Write the follow-up register as an xlsx workbook the OPDs and the PPID Utama edit.

One sheet "Tindak lanjut" (frozen header, filter, drop-downs for Tingkat and Status,
dates as real dates) and a "Petunjuk" sheet saying how to fill it in and how the next
meeting reads it back. Every text cell passes :func:`kip_training.safe_export.neutralise`
(no formula runs, no XML-illegal character breaks the file). Written with xlsxwriter
(openpyxl's per-cell styles took seconds for a 1,000-OPD register).
"""

from __future__ import annotations

from pathlib import Path

from kip_training.followup.model import LEVELS, STATUSES, Register
from kip_training.followup.triggers import SOON_WORKING_DAYS, URGENT_WORKING_DAYS
from kip_training.safe_export import write_row, xlsx_workbook
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
HEADER_FILL = "#DDEBF7"


def _drop_down(sheet, values: tuple[str, ...], column: int, last_row: int, prompt: str) -> None:
    """A list drop-down on ``column`` (1-based) from row 2 to ``last_row``."""
    sheet.data_validation(
        1,
        column - 1,
        last_row - 1,
        column - 1,
        {
            "validate": "list",
            "source": list(values),
            "ignore_blank": True,
            "error_title": "Nilai tidak dikenal",
            "error_message": "Pilih salah satu: " + ", ".join(values) + ".",
            "input_title": COLUMNS[column - 1][0],
            "input_message": prompt,
        },
    )


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
    with xlsx_workbook(target) as workbook:
        header = workbook.add_format(
            {"bold": True, "bg_color": HEADER_FILL, "text_wrap": True, "valign": "vcenter"}
        )
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        date = workbook.add_format({"text_wrap": True, "valign": "top", "num_format": DATE_FORMAT})
        sheet = workbook.add_worksheet(SHEET)
        for index, (_, width) in enumerate(COLUMNS):
            sheet.set_column(index, index, width)
        write_row(sheet, 0, [title for title, _ in COLUMNS], header)
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
            write_row(sheet, number, values, wrap, date)
        last_row = max(len(register.items) + 1, 2) + 200  # room for rows added by hand
        _drop_down(sheet, LEVELS, 5, last_row, "Tinggi, Sedang atau Rendah.")
        _drop_down(sheet, STATUSES, 9, last_row, "Pilih status tindak lanjut dari daftar.")
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(register.items), len(COLUMNS) - 1)
        guide = workbook.add_worksheet(GUIDE_SHEET)
        guide.set_column(0, 0, 110)
        title = workbook.add_format({"bold": True, "font_size": 13, "text_wrap": True})
        for row, line in enumerate(_guide_lines(register)):
            write_row(guide, row, [line], title if row == 0 else wrap)
    return target
