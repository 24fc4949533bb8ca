"""What the loader tells the user about a cell it could not read, or read after reinterpreting."""

from __future__ import annotations

from kip_training.reports import schema

WARNING_TEXT = {
    "dmy": "Tanggal ditulis sebagai teks hari/bulan/tahun dan dibaca sebagai tanggal; "
    "sebaiknya ketik sebagai tanggal Excel",
    "words": "Tanggal ditulis dengan nama bulan dan dibaca sebagai tanggal",
    "serial": "Angka dibaca sebagai nomor seri tanggal Excel; format selnya sebagai tanggal",
    "ribuan": "Angka ditulis dengan titik ribuan atau 'Rp' dan dibaca sebagai angka",
    "sinonim": "Nilai ditulis dengan ejaan lain dan dibaca sebagai pilihan baku",
}


def error_text(column: schema.Column, value: object) -> str:
    """What is wrong with an unreadable cell, and what to do (Indonesian)."""
    if column.kind == schema.DATE:
        return f"'{value}' bukan tanggal. Tulis tanggal seperti 15/03/2025 atau 2025-03-15."
    if column.kind == schema.NUMBER:
        return f"'{value}' bukan angka yang sah. Tulis angka rupiah tanpa minus, misalnya 50000."
    if column.kind == schema.INTEGER:
        return f"'{value}' bukan bilangan bulat. Tulis angka, misalnya 2025."
    if column.key in schema.LETTER_COLUMNS:
        letters = schema.LETTER_COLUMNS[column.key]
        return f"'{value}' bukan huruf pasal yang sah. Tulis satu huruf {letters[0]}–{letters[-1]}."
    choices = ", ".join(column.choices)
    return f"'{value}' bukan pilihan yang sah untuk {column.title}. Pilih salah satu: {choices}."
