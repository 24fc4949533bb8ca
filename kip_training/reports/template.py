"""Write the blank report workbook from :mod:`kip_training.reports.schema`.

The workbook has a Petunjuk sheet (how to fill it in), one sheet per schema sheet with
frozen bold headers, drop-down lists for coded columns (their choices on a hidden
"Daftar Pilihan" sheet), date formats on date columns and one example row per data
sheet whose first cell starts with "CONTOH" (the loader skips it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from kip_training import law
from kip_training.reports import schema
from kip_training.safe_export import neutralise
from kip_training.xlsx_header import header_row

LISTS_TITLE = "Daftar Pilihan"
DATE_FORMAT = "DD/MM/YYYY"
LAST_ROW = 2000  # validation and formats reach this row

EXAMPLE_FONT = Font(italic=True, color="7F7F7F")
EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")

#: The example row of each data sheet (column key -> value).
EXAMPLES: dict[str, dict[str, object]] = {
    "permohonan": {
        "no_registrasi": "CONTOH-001",
        "tanggal_diterima": dt.date(2025, 1, 6),
        "saluran": schema.SALURAN["email"],
        "kategori_pemohon": schema.KATEGORI_PEMOHON["perorangan"],
        "informasi_diminta": "Contoh: salinan rencana kerja tahun 2025",
        "dikuasai": "Ya",
        "keputusan": schema.KEPUTUSAN["dipenuhi_seluruhnya"],
        "perpanjangan": "Tidak",
        "tanggal_pemberitahuan": dt.date(2025, 1, 10),
        "biaya": 0,
        "keterangan": "Baris contoh ini tidak dibaca; isi data mulai baris 3.",
    },
    "keberatan": {
        "no_keberatan": "CONTOH-K01",
        "no_registrasi": "CONTOH-001",
        "tanggal_keberatan": dt.date(2025, 2, 3),
        "alasan": schema.PASAL_35_CODES["e"],
        "tanggal_tanggapan": dt.date(2025, 2, 20),
        "keputusan_atasan": schema.KEPUTUSAN_ATASAN["diterima"],
        "ke_komisi": "Tidak",
    },
    "berkala": {
        "item": "CONTOH: Profil OPD",
        "dasar": schema.DASAR_BERKALA["pasal_9_a"],
        "diumumkan": "Ya",
        "tautan": "https://contoh.go.id/profil",
        "tanggal_mutakhir": dt.date(2025, 3, 1),
    },
    "kendala": {
        "jenis": "CONTOH: " + schema.JENIS_KENDALA["kendala_internal"],
        "uraian": "Contoh: petugas layanan informasi hanya satu orang.",
    },
}

PETUNJUK_LINES = (
    "PETUNJUK PENGISIAN LAPORAN SEMESTER PPID PEMBANTU",
    "",
    "Laporan ini dikirim setiap enam bulan oleh PPID Pembantu kepada PPID Utama. "
    "Isinya mengikuti UU 14/2008 tentang Keterbukaan Informasi Publik, terutama Pasal 12: "
    "jumlah permohonan, waktu pemenuhan setiap permohonan, jumlah yang dipenuhi dan "
    "ditolak, serta alasan penolakan.",
    "",
    "1. Lembar Identitas: isi kolom Nilai untuk setiap isian. Kode OPD sesuai daftar OPD "
    "dari PPID Utama. Semester diisi I (Januari–Juni) atau II (Juli–Desember).",
    "2. Lembar Permohonan: satu baris untuk satu permohonan informasi. Nomor registrasi "
    "tidak boleh ganda. Tanggal diterima harus di dalam semester laporan.",
    f"   Pemberitahuan tertulis paling lambat {law.NOTICE_DAYS} hari kerja sejak permohonan "
    f"diterima ({law.DEADLINES['pemberitahuan'].basis}); dapat diperpanjang paling lama "
    f"{law.EXTENSION_DAYS} hari kerja dengan alasan tertulis "
    f"({law.DEADLINES['perpanjangan'].basis}). Isi kolom Perpanjangan Waktu bila dipakai.",
    "   Bila keputusan 'Ditolak', isi huruf Pasal 17 yang menjadi dasar pengecualian.",
    "   Nomor registrasi adalah nomor register PPID (misalnya 001/PPID/2025), bukan NIK pemohon.",
    "3. Lembar Keberatan: satu baris untuk satu keberatan, dengan nomor registrasi "
    "permohonan yang menjadi pokok keberatan dan alasan menurut Pasal 35 ayat (1) huruf a–g.",
    "4. Lembar Informasi Berkala: untuk setiap informasi berkala (Pasal 9) dan DIP, isi "
    "Diumumkan (Ya/Tidak), tautan, dan tanggal pemutakhiran terakhir. Informasi berkala "
    "diumumkan paling singkat 6 (enam) bulan sekali.",
    "5. Lembar Kendala dan Rekomendasi: tulis kendala, rekomendasi dan rencana tindak lanjut.",
    "",
    "DATA PRIBADI: JANGAN menulis nama, alamat, NIK, nomor telepon atau email pemohon di "
    "lembar mana pun, termasuk di kolom Informasi yang Diminta, Keterangan dan Uraian "
    "(misalnya 'a.n. Budi Santoso' atau 'Ibu Siti, 0812…'). Laporan ini tidak "
    "memerlukannya. Kolom data pemohon dibuang saat dibaca; NIK, nomor telepon, email dan "
    "nama yang tertulis di sel lain disamarkan dan diberi peringatan oleh pemeriksaan. "
    "Kontak kantor di lembar Identitas boleh diisi.",
    "",
    "Baris berwarna kuning yang diawali 'CONTOH' adalah contoh dan tidak dibaca. "
    "Isi data mulai baris 3. Tanggal ditulis sebagai tanggal (misalnya 15/03/2025). "
    "Untuk kolom berpilihan, pilih dari daftar.",
    "Periksa laporan sebelum dikirim dengan perintah: kip check NAMA_BERKAS.xlsx",
)


def _list_range(lists_ws, column: schema.Column, index: int) -> str:
    letter = get_column_letter(index)
    lists_ws.cell(row=1, column=index, value=column.title)
    for row, choice in enumerate(column.choices, start=2):
        lists_ws.cell(row=row, column=index, value=neutralise(choice))
    last = len(column.choices) + 1
    return f"{quote_sheetname(LISTS_TITLE)}!${letter}$2:${letter}${last}"


def _validation(formula: str, column: schema.Column) -> DataValidation:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.error = f"Pilih salah satu nilai dari daftar untuk kolom '{column.title}'."
    dv.errorTitle = "Nilai tidak ada di daftar"
    dv.prompt = column.help or f"Pilih dari daftar: {column.title}"
    dv.showErrorMessage = False  # warn in kip check rather than block pasting
    dv.showInputMessage = True
    return dv


def build_workbook() -> Workbook:
    """The blank report workbook, built from the schema."""
    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = schema.PETUNJUK_TITLE
    petunjuk.column_dimensions["A"].width = 120
    for row, line in enumerate(PETUNJUK_LINES, start=1):
        cell = petunjuk.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    petunjuk["A1"].font = Font(bold=True, size=14)

    sheets = {s.key: wb.create_sheet(s.title) for s in schema.SHEETS}
    lists_ws = wb.create_sheet(LISTS_TITLE)
    lists_ws.sheet_state = "hidden"
    list_index = 0

    # Identitas: one field per row.
    ws = sheets["identitas"]
    header_row(ws, ["Isian", "Nilai", "Keterangan"], [28, 40, 60])
    for row, column in enumerate(schema.IDENTITAS.columns, start=2):
        ws.cell(row=row, column=1, value=column.title).font = Font(bold=True)
        note = column.help + (" (wajib)" if column.required else "")
        ws.cell(row=row, column=3, value=note.strip())
        target = ws.cell(row=row, column=2)
        if column.kind == schema.DATE:
            target.number_format = DATE_FORMAT
        if column.codes:
            list_index += 1
            dv = _validation(_list_range(lists_ws, column, list_index), column)
            dv.add(target.coordinate)
            ws.add_data_validation(dv)

    for sheet in schema.SHEETS[1:]:
        ws = sheets[sheet.key]
        header_row(ws, [c.title for c in sheet.columns], [c.width for c in sheet.columns])
        example = EXAMPLES.get(sheet.key, {})
        for col, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(col)
            cell = ws.cell(row=2, column=col, value=neutralise(example.get(column.key)))
            cell.font = EXAMPLE_FONT
            cell.fill = EXAMPLE_FILL
            if column.kind == schema.DATE:
                cell.number_format = DATE_FORMAT
                # A column style: cells typed later in Excel or LibreOffice show as dates,
                # and no empty cells are created below the example row.
                ws.column_dimensions[letter].number_format = DATE_FORMAT
            if column.kind in (schema.CODE, schema.YESNO):
                list_index += 1
                dv = _validation(_list_range(lists_ws, column, list_index), column)
                dv.add(f"{letter}3:{letter}{LAST_ROW}")
                ws.add_data_validation(dv)
        if sheet.key == "berkala":
            for row, (item, basis) in enumerate(schema.BERKALA_ITEMS, start=3):
                ws.cell(row=row, column=1, value=item)
                ws.cell(row=row, column=2, value=schema.DASAR_BERKALA[basis])
    wb.properties.creator = "kip-training"
    wb.properties.title = "Laporan Semester PPID Pembantu"
    fixed = dt.datetime(2025, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    return wb


def write_template(path: Path | str) -> Path:
    """Write the blank report workbook to ``path`` (folders are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_workbook().save(path)
    return path
