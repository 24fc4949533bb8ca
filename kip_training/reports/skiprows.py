"""Rows below a header that are not data: the template's example row, rows of totals,
the signature block under the table, the header row pasted again further down, and
rows that hold nothing but a row number (a template numbered 1–100 in advance).

Accounting: these rows are not data rows. They are not counted in ``rows_read`` (so
``rows_read = rows_accepted + rows_rejected`` still holds), and the loader says how many
were skipped, and which, in one note per sheet (:func:`note`).

- the example row: only the template's own (its first cell is exactly the template's
  example value, "CONTOH-001"); a real row that begins with "Contoh ..." is data;
- totals: a row whose first non-empty cell is "JUMLAH", "TOTAL", "Jumlah permohonan", ...;
- the signature block: at the end of the sheet, rows of at most :data:`SIGNATURE_CELLS`
  cells from the first one that looks like a signature line ("Mengetahui", "Kepala
  Dinas ...", "NIP. ...", a place and date such as "Serang, 5 Juli 2025") down, when
  at least one of them is a sure one (a place and date, a NIP, "Mengetahui");
- a repeated header: a row where at least :data:`HEADER_CELLS` cells, and most of its
  cells, are the sheet's own column titles, word for word (two tables pasted one under
  the other);
- a numbered empty row: one cell, a whole number from 1 to :data:`MAX_ROW_NUMBER`, and
  nothing else: no request can be told from it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kip_training.reports import schema
from kip_training.reports.normalise import Factorized

#: A row of the signature block has at most this many non-empty cells.
SIGNATURE_CELLS = 3

_TOTAL = re.compile(r"(jumlah|total|jml|sub_?total|grand_total|rekapitulasi)(_[a-z_]*)?")
_STRONG = re.compile(r"(mengetahui|menyetujui|disahkan|tertanda|ttd)(_|$)")
_WEAK = re.compile(
    r"(kepala|plt|plh|a_n|an|sekretaris|pejabat|atasan|ppid|yang_membuat|dibuat_oleh"
    r"|yang_melaporkan|pelapor|pembina|penata|camat|direktur|inspektur|kabid|kasubag)(_|$)"
)
_PLACE_DATE = re.compile(
    r"^[A-Za-z][A-Za-z .'-]{1,40},\s*"
    r"(\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4})$"
)
_NIP = re.compile(r"^nip\.?\s*[:.]?\s*[0-9 ]{8,}$", re.I)
#: A weak signature line ("Kepala Dinas Kesehatan") has at most this many words.
SIGNATURE_WORDS = 6
#: A repeated header row has at least this many of the sheet's column titles.
HEADER_CELLS = 3
#: The largest number a numbered empty row may hold.
MAX_ROW_NUMBER = 99_999
_ROW_NUMBER = re.compile(r"\s*0*[1-9]\d{0,4}\.?\s*")


@functools.cache
def example_marks() -> frozenset[str]:
    """The template's example rows' first cells, normalised ("contoh_001", ...)."""
    from kip_training.reports.template import EXAMPLES  # openpyxl: only when needed

    return frozenset(
        schema.normalise_key(next(iter(values.values()))) for values in EXAMPLES.values()
    )


def _first_cells(columns: Sequence[Factorized], blank: np.ndarray, filled: np.ndarray, test):
    """Rows whose first non-empty cell passes ``test`` (each distinct value tested once)."""
    flagged = np.zeros(len(filled), dtype=bool)
    if not filled.any():
        return flagged
    first_col = np.argmax(~blank, axis=1)
    for j in np.unique(first_col[filled]):
        column = columns[j]
        flags = np.zeros(len(column.uniques) + 1, dtype=bool)
        for position, u in enumerate(column.uniques):
            flags[position] = isinstance(u, str) and test(u)
        if flags.any():
            rows = filled & (first_col == j)
            flagged[rows] = flags[column.codes[rows]]
    return flagged


def is_example(text: str) -> bool:
    """Whether a row's first cell is the template's own example value ("CONTOH-001")."""
    stripped = text.strip()
    return stripped[:6].upper() == schema.EXAMPLE_MARK and (
        schema.normalise_key(stripped) in example_marks()
    )


def _is_total(text: str) -> bool:
    return len(text) <= 60 and _TOTAL.fullmatch(schema.normalise_key(text)) is not None


def _signature_line(value: object) -> int:
    """2 for a sure signature line (place and date, NIP, "Mengetahui"), 1 for a title
    that usually signs ("Kepala Dinas ..."), 0 otherwise."""
    if not isinstance(value, str) or len(value) > 80:
        return 0
    text = " ".join(value.split())
    key = schema.normalise_key(text)
    if _PLACE_DATE.match(text) or _NIP.match(text) or _STRONG.match(key):
        return 2
    return int(bool(_WEAK.match(key)) and len(text.split()) <= SIGNATURE_WORDS)


def _is_row_number(value: object) -> bool:
    if isinstance(value, str):
        return _ROW_NUMBER.fullmatch(value) is not None
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        return False
    return float(value).is_integer() and 1 <= value <= MAX_ROW_NUMBER


def _numbered(stack: np.ndarray, blank: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Rows whose one non-empty cell is a row number."""
    flagged = np.zeros(len(counts), dtype=bool)
    single = np.flatnonzero(counts == 1)
    if len(single):
        first_col = np.argmax(~blank[single], axis=1)
        values = stack[single, first_col]
        flagged[single] = [_is_row_number(v) for v in values]
    return flagged


def _repeated_header(
    columns: Sequence[Factorized], counts: np.ndarray, titles: Sequence[Sequence[object]]
) -> np.ndarray:
    """Rows that repeat a header: :data:`HEADER_CELLS` or more cells, and more than half
    of the row's cells, equal to a column title of one of the stacked sheets (the header
    cell of that column, as written)."""
    matches = np.zeros(len(counts), dtype="int64")
    for j, column in enumerate(columns):
        names = {t for row in titles if j < len(row) and isinstance(t := row[j], str) and t.strip()}
        if not names or not len(column.uniques):
            continue
        flags = np.zeros(len(column.uniques) + 1, dtype=bool)
        flags[:-1] = pd.Index(column.uniques).isin(list(names))
        matches += flags[column.codes]
    return (matches >= HEADER_CELLS) & (2 * matches > counts)


@dataclass
class Skipped:
    """Rows of the stack that are not data, by kind."""

    example: np.ndarray
    total: np.ndarray
    signature: np.ndarray
    header: np.ndarray
    numbered: np.ndarray
    by_part: list[dict[str, list[int]]] = field(default_factory=list)  # kind -> stack rows

    @property
    def any(self) -> np.ndarray:
        return self.example | self.total | self.signature | self.header | self.numbered


def skipped_rows(
    columns: Sequence[Factorized],
    stack: np.ndarray,
    blank: np.ndarray,
    filled: np.ndarray,
    parts: Sequence[tuple[int, int]],
    titles: Sequence[Sequence[object]] = (),
) -> Skipped:
    """The example, total, signature, repeated-header and numbered empty rows of a stack
    of sheets (``parts``: offset, size; ``titles``: the header cells of each sheet)."""
    example = _first_cells(columns, blank, filled, is_example)
    total = _first_cells(columns, blank, filled, _is_total)
    signature = np.zeros(len(filled), dtype=bool)
    counts = (~blank).sum(axis=1) if blank.size else np.zeros(len(filled), dtype="int64")
    numbered = _numbered(stack, blank, counts) & filled
    header = _repeated_header(columns, counts, titles) & filled
    for offset, size in parts:
        block = []
        for row in range(offset + size - 1, offset - 1, -1):  # from the bottom up
            if not filled[row] or numbered[row]:
                continue
            if counts[row] > SIGNATURE_CELLS or total[row]:
                break
            block.append(row)
        lines = {r: max((_signature_line(v) for v in stack[r]), default=0) for r in block}
        marked = [r for r, strength in lines.items() if strength]
        if any(strength == 2 for strength in lines.values()):  # a sure line: a signature block
            top = min(marked)
            for row in block:
                if row >= top:
                    signature[row] = True
    total &= ~example
    signature &= ~total
    header &= ~(example | total | signature)
    return Skipped(example, total, signature, header, numbered & ~(example | total | signature))


def note(
    total_rows: list[int],
    signature_rows: list[int],
    header_rows: Sequence[int] = (),
    numbered_rows: Sequence[int] = (),
) -> str | None:
    """One note for the rows skipped in a sheet as not data (Excel row numbers): totals,
    the signature block, the header repeated, rows holding only a number; None when
    there are none."""
    said = []
    if total_rows:
        said.append(f"baris jumlah/total ({_rows(total_rows)})")
    if signature_rows:
        said.append(f"blok tanda tangan ({_rows(signature_rows)})")
    if header_rows:
        said.append(f"judul kolom yang diulang ({_rows(list(header_rows))})")
    if numbered_rows:
        said.append(f"baris yang hanya berisi nomor urut ({_rows(list(numbered_rows))})")
    if not said:
        return None
    count = len(total_rows) + len(signature_rows) + len(header_rows) + len(numbered_rows)
    advice = (
        "Jumlah dihitung sendiri oleh PPID Utama; baris ini boleh tetap ada."
        if total_rows or signature_rows
        else "Baris ini boleh tetap ada."
    )
    listed = ", ".join(said[:-1]) + " dan " + said[-1] if len(said) > 1 else said[0]
    return f"{count} baris bukan data dan dilewati, tidak dihitung: {listed}. {advice}"


def _rows(rows: list[int]) -> str:
    rows = sorted(rows)
    if len(rows) > 1 and rows[-1] - rows[0] == len(rows) - 1:
        return f"baris {rows[0]}–{rows[-1]}"
    shown = ", ".join(str(r) for r in rows[:8])
    return f"baris {shown}" + (f" dan {len(rows) - 8} lainnya" if len(rows) > 8 else "")
