"""What the loader tells the user about a cell it could not read, or read after reinterpreting."""

from __future__ import annotations

from kip_training.reports import schema

FORMULA_TEXT = (
    "Sel berisi rumus yang belum dihitung, sehingga nilainya kosong (rumus belum dihitung: "
    "buka dan simpan ulang di Excel/LibreOffice, lalu kirim ulang)"
)

WARNING_TEXT = {
    "dmy": "Tanggal ditulis sebagai teks hari/bulan/tahun dan dibaca sebagai tanggal; "
    "sebaiknya ketik sebagai tanggal Excel",
    "words": "Tanggal ditulis dengan nama bulan dan dibaca sebagai tanggal",
    "ymd": "Tanggal ditulis sebagai teks tahun/bulan/hari dan dibaca sebagai tanggal",
    "yy": "Tanggal ditulis dengan tahun dua angka dan dibaca sebagai tahun 20xx; "
    "periksa tahunnya dan tulis tahun empat angka",
    "serial": "Angka dibaca sebagai nomor seri tanggal Excel; format selnya sebagai tanggal",
    "ribuan": "Angka ditulis dengan titik ribuan, 'Rp', 'rb' atau 'jt' dan dibaca sebagai angka",
    "ambigu": "Angka dengan satu koma sebelum tiga angka (misalnya 2,500) bisa berarti 2500 "
    "atau 2,5; dibaca sebagai 2500 rupiah. Periksa nilainya dan tulis tanpa koma",
    "gratis": "Biaya ditulis sebagai kata ('gratis', 'tidak dipungut biaya') dan dibaca sebagai 0",
    "kosong": "Tanda kosong ('-', 'nihil', 'tidak ada', 'N/A') dibaca sebagai sel kosong",
    "sinonim": "Nilai ditulis dengan ejaan lain dan dibaca sebagai pilihan baku",
}


#: Decisions on a request that rest on a Pasal 17 exemption (and so carry its letter).
LETTER_DECISIONS = ("ditolak", "dipenuhi_sebagian")


def error_text(
    column: schema.Column, value: object, refused: bool | None = None, blanked: bool = False
) -> str:
    """What is wrong with an unreadable cell, and what to do (Indonesian).

    ``blanked``: the cell is optional and only its value is dropped (the text says the
    row still counts). ``refused`` tells, for the Pasal 17 letter, whether the request
    was refused (wholly or partly): a letter is only asked for when it was.
    """
    text = _problem(column, value, refused)
    if refused:  # the letter is needed: without it the refusal is an error of its own
        return text + " Nilai ini tidak dapat dipakai."
    if blanked:
        text += " Nilai ini dikosongkan; barisnya tetap dihitung."
    return text


def _problem(column: schema.Column, value: object, refused: bool | None) -> str:
    if column.kind == schema.DATE:
        return f"'{value}' bukan tanggal. Tulis tanggal seperti 15/03/2025 atau 2025-03-15."
    if column.kind == schema.NUMBER:
        return f"'{value}' bukan angka yang sah. Tulis angka rupiah tanpa minus, misalnya 50000."
    if column.kind == schema.INTEGER:
        return f"'{value}' bukan bilangan bulat. Tulis angka, misalnya 2025."
    if column.key in schema.LETTER_COLUMNS:
        letters = schema.LETTER_COLUMNS[column.key]
        if refused is False:
            return (
                f"'{value}' bukan huruf pasal yang sah. Permohonan ini tidak ditolak, "
                "jadi kolom ini cukup dikosongkan."
            )
        return f"'{value}' bukan huruf pasal yang sah. Tulis satu huruf {letters[0]}–{letters[-1]}."
    choices = ", ".join(column.choices)
    return f"'{value}' bukan pilihan yang sah untuk {column.title}. Pilih salah satu: {choices}."
