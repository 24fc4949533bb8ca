"""Parse one data sheet (Permohonan, Keberatan, ...) of many reports at once.

The cells below the header row of every file's sheet are stacked into one matrix, so
each column is factorised once for all the files (a date or a code that appears in
every report is interpreted once, not once per report) and the checks run on whole
columns. What differs between files stays per file: where the header is, which
column holds what, and the warnings about the header row. Only the headers (a dozen
cells per file) and the flagged rows are visited in Python.

Row accounting, per file: ``read`` counts the non-blank rows below the header; the
template's own example row, rows of totals and the signature block under the table are
not data and are not counted (one note per sheet says how many and which, see
:mod:`~kip_training.reports.skiprows`); hidden and filtered rows are data (counted, with
a note). When no header row is found, every non-blank row is read and rejected
(``unreadable``) with one issue.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kip_training.reports import schema, skiprows
from kip_training.reports.dateswap import IN_SEMESTER, Swaps, find_swaps
from kip_training.reports.dateswap import message as swap_message
from kip_training.reports.headers import (
    FUZZY,
    TITLE,
    HeaderMatch,
    blank_matrix,
    column_letter,
    display,
    match_headers,
)
from kip_training.reports.issues import ChunkSink
from kip_training.reports.layout import SheetLayout, layout_notes, layout_of
from kip_training.reports.messages import FORMULA_TEXT, LETTER_DECISIONS, WARNING_TEXT, error_text
from kip_training.reports.model import GALAT, PERINGATAN, Period
from kip_training.reports.normalise import PLACEHOLDER, Factorized, parse_factorized
from kip_training.reports.personal import mask_uniques

Array = np.ndarray | pd.api.extensions.ExtensionArray


@dataclass
class StackedSheet:
    """One sheet kind of several files, parsed: typed columns over all their rows.

    ``columns`` maps column keys (and ``baris``, the Excel row) to arrays of ``n`` rows;
    ``files`` gives each row's file (an index into the chunk's files), rows of a file
    being contiguous and in sheet order. ``read``/``unreadable`` are per file.
    """

    sheet: schema.Sheet
    columns: dict[str, Array]
    files: np.ndarray
    rejected: np.ndarray
    read: np.ndarray
    unreadable: np.ndarray

    @property
    def title(self) -> str:
        return self.sheet.title


def missing_column(column: schema.Column, n: int) -> Array:
    """An empty column of ``n`` rows with the column's type."""
    if column.kind == schema.DATE:
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if column.kind == schema.NUMBER:
        return np.full(n, np.nan, dtype="float64")
    if column.kind == schema.INTEGER:
        return pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))
    return np.full(n, np.nan, dtype=object)


def empty_stacked(sheet: schema.Sheet, n_files: int) -> StackedSheet:
    """The sheet with no rows (no file of the chunk has it, or none has rows)."""
    columns: dict[str, Array] = {c.key: missing_column(c, 0) for c in sheet.columns}
    columns["baris"] = np.zeros(0, dtype="int64")
    none = np.zeros(n_files, dtype="int64")
    return StackedSheet(
        sheet, columns, np.zeros(0, dtype="int64"), np.zeros(0, dtype=bool), none, none.copy()
    )


@dataclass
class _Part:
    """One file's sheet: its cells below the header and where they sit in the stack."""

    file: int
    name: str
    headers: list | None  # the header row's cells; None when no header row was found
    header_row: int  # 1-based Excel row of the (last) header row (0 when none)
    offset: int  # first row of this part in the stack
    size: int  # rows below the header
    match: HeaderMatch | None = None
    layout: SheetLayout | None = None


def _stack(bodies: list[np.ndarray], width: int) -> np.ndarray:
    """The bodies one below the other, padded with empty cells to ``width`` columns."""
    if all(b.shape[1] == width for b in bodies):
        return np.concatenate(bodies) if len(bodies) > 1 else bodies[0]
    stack = np.full((sum(len(b) for b in bodies), width), None, dtype=object)
    offset = 0
    for body in bodies:
        stack[offset : offset + len(body), : body.shape[1]] = body
        offset += len(body)
    return stack


def _segment_sums(values: np.ndarray, parts: list[_Part]) -> np.ndarray:
    """Per part, the sum of ``values`` (rows x k) over its rows."""
    total = np.zeros((len(values) + 1, *values.shape[1:]), dtype="int64")
    np.cumsum(values, axis=0, out=total[1:])
    starts = np.array([p.offset for p in parts], dtype="int64")
    ends = starts + np.array([p.size for p in parts], dtype="int64")
    return total[ends] - total[starts]


def _map_headers(
    part: _Part, sheet: schema.Sheet, present: np.ndarray, sinks: ChunkSink
) -> dict[str, int]:
    """Column key -> position in this file's sheet; reports every mapping made (other than
    the template's own title) and every header it cannot use."""
    sink, match = sinks.sinks[part.file], part.match
    row = match.first_row + 1
    at = {position: key for key, position in match.mapped.items()}
    for position, header in enumerate(match.titles):
        text = display(header) if header is not None and str(header).strip() else ""
        letter = column_letter(position)
        values_present = bool(present[position]) if position < len(present) else False
        if position in at:
            how = match.how[at[position]]
            title = sheet.column(at[position]).title
            if how.kind == TITLE and position not in match.joined:
                continue
            advice = (
                f" (kemiripan {how.score:.0f}%). Periksa bahwa isinya memang {title}; "
                "sebaiknya pakai judul kolom dari templat."
                if how.kind == FUZZY
                else ". Sebaiknya pakai judul kolom dari templat."
            )
            where = " (judul dua baris)" if position in match.joined else ""
            sink.add(
                PERINGATAN,
                f"Kolom '{text}'{where} (kolom {letter}) dibaca sebagai '{title}'"
                + (advice if how.kind < TITLE else "."),
                part.name,
                row,
                text,
            )
        elif position in match.ambiguous:
            choices = " atau ".join(f"'{sheet.column(k).title}'" for k in match.ambiguous[position])
            sink.add(
                PERINGATAN,
                f"Kolom '{text}' (kolom {letter}) bisa berarti {choices}, sehingga tidak dibaca. "
                "Ubah judulnya menjadi judul kolom dari templat.",
                part.name,
                row,
                text,
            )
        elif position in match.duplicate:
            taken = match.mapped[match.duplicate[position]]
            sink.add(
                PERINGATAN,
                f"Kolom '{text}' (kolom {letter}) bermakna sama dengan kolom "
                f"'{display(match.titles[taken])}' (kolom {column_letter(taken)}) dan "
                "diabaikan. Hapus salah satu.",
                part.name,
                row,
                text,
            )
        elif text and schema.is_personal_header(text):
            sink.add(
                PERINGATAN,
                f"Kolom '{text}' berisi data pribadi pemohon dan dibuang saat dibaca; "
                "laporan ke PPID Utama tidak memerlukannya. Hapus kolom ini dari berkas.",
                part.name,
                row,
                text,
            )
        elif text and values_present:
            sink.add(
                PERINGATAN,
                f"Kolom '{text}' (kolom {letter}) tidak dikenal dan tidak dibaca. "
                "Pakai judul kolom dari templat.",
                part.name,
                row,
                text,
            )
        elif not text and values_present:
            sink.add(
                PERINGATAN,
                f"Kolom {letter} berisi data tetapi tidak berjudul, sehingga tidak dibaca.",
                part.name,
                row,
                letter,
            )
    return dict(match.mapped)


def _missing_text(part: _Part, missing: list[schema.Column], count: int) -> str:
    """Required columns not found, each with the headers most like it."""
    said = []
    for column in missing:
        closest = part.match.closest(column.key)
        like = f" (yang paling mirip: {', '.join(repr(c) for c in closest)})" if closest else ""
        said.append(f"'{column.title}'{like}")
    return (
        f"Kolom wajib {', '.join(said)} tidak ditemukan di lembar {part.name}; semua {count} "
        "baris lembar ini ditolak. Tambahkan kolomnya dengan judul seperti di templat."
    )


def _formula_cells(parts: list[_Part]) -> dict[tuple[int, int], str]:
    """(stack row, column) -> formula, for the cells below the header that hold a formula
    without a stored value."""
    cells = {}
    for part in parts:
        if part.layout is None or not part.layout.formulas:
            continue
        for (row, col), formula in part.layout.formulas.items():
            if part.header_row <= row < part.header_row + part.size:
                cells[(part.offset + row - part.header_row, col)] = formula
    return cells


def _formula_mask(
    formulas: dict[tuple[int, int], str], kept: np.ndarray, source: np.ndarray
) -> np.ndarray:
    """Per kept row, whether this column's cell is a formula without a stored value."""
    mask = np.zeros(len(kept), dtype=bool)
    if formulas:
        for i in np.flatnonzero(np.isin(kept, [row for row, _ in formulas])):
            mask[i] = (int(kept[i]), int(source[i])) in formulas
    return mask


def _skip_and_layout_notes(
    parts: list[_Part], skipped: skiprows.Skipped, filled: np.ndarray, sinks: ChunkSink
) -> None:
    """Per sheet, one note for the rows of totals and signatures skipped, and one for each
    thing of its layout that changes what is read (merged data cells, hidden rows)."""
    for part in parts:
        if part.headers is None:
            continue
        sink = sinks.sinks[part.file]
        span = slice(part.offset, part.offset + part.size)

        def excel_rows(mask: np.ndarray, part=part) -> list[int]:
            return [int(r) + part.header_row + 1 for r in np.flatnonzero(mask)]

        listed = [
            excel_rows(kind[span])
            for kind in (skipped.total, skipped.signature, skipped.header, skipped.numbered)
        ]
        text = skiprows.note(*listed)
        if text:
            sink.add(PERINGATAN, text, part.name, min(min(rows) for rows in listed if rows))
        if part.layout is not None:
            data = set(excel_rows(filled[span] & ~skipped.any[span]))
            for text, row in layout_notes(part.layout, part.header_row, data, part.headers):
                sink.add(PERINGATAN, text, part.name, row)


def _column_codes(
    stack_columns: list[Factorized], stack: np.ndarray, kept: np.ndarray, source: np.ndarray
) -> Factorized:
    """The kept rows of one schema column, whichever stacked column holds it in each file.

    ``source`` is, per kept row, the stacked column holding the value (-1: the file has
    no such column, the cell is missing). When every file has it in the same place (the
    template's layout), the stacked column's factorisation is reused as it is.
    """
    held = source[source >= 0]
    if len(held) == 0:
        return Factorized(np.zeros(len(kept), dtype="int64"), np.empty(0, dtype=object))
    if held.min() == held.max():  # one place for every file
        column = stack_columns[int(held[0])]
        codes = column.codes[kept]
        if (source < 0).any():
            codes = np.where(source < 0, len(column.uniques), codes)
        return Factorized(codes, column.uniques)
    values = np.full(len(kept), None, dtype=object)
    has = source >= 0
    values[has] = stack[kept[has], source[has]]
    return Factorized.of(values)


def _swap_warnings(
    swaps: Swaps,
    files: np.ndarray,
    rows: np.ndarray,
    sheet_names: list[str],
    column: schema.Column,
    periods: list[Period | None],
    sinks: ChunkSink,
) -> None:
    """Per file, one warning naming the dates of ``column`` read with day and month swapped."""
    for file, sign in swaps.sign.items():
        mask = swaps.rows & (files == file)
        first = int(np.flatnonzero(mask)[0])
        # the date as read before the swap is the swap of the corrected one
        after = swaps.values[first]
        corrected = pd.Timestamp(after)
        before = corrected.replace(month=corrected.day, day=corrected.month)
        sinks.sinks[file].grouped(
            mask[files == file],
            rows[files == file],
            sheet_names[file],
            column.title,
            None,
            swap_message(int(mask.sum()), column.title, sign, before, after, periods[file]),
        )


def parse_stacked(
    sheet: schema.Sheet,
    sheets: list[tuple[int, str, np.ndarray]],
    n_files: int,
    sinks: ChunkSink,
    periods: list[Period | None] | None = None,
) -> StackedSheet:
    """Parse one sheet kind of several files: ``sheets`` holds (file, sheet name, cells).

    ``periods`` (each file's semester, None when unknown) lets dates whose day and month
    were swapped be found (:mod:`~kip_training.reports.dateswap`) and read back.

    Issues go to each file's sink in the order a file-by-file parse gives them: header
    problems, then per column (in schema order) unreadable values, reinterpreted values
    and empty required cells, then required columns that are missing.
    """
    if not sheets:
        return empty_stacked(sheet, n_files)
    parts: list[_Part] = []
    bodies: list[np.ndarray] = []
    offset = 0
    for file, name, raw in sheets:
        match = match_headers(raw, sheet)
        start = 0 if match is None else match.last_row + 1
        body = raw[start:]
        headers = None if match is None else match.titles
        parts.append(_Part(file, name, headers, start, offset, len(body), match, layout_of(raw)))
        bodies.append(body)
        offset += len(body)
    width = max((b.shape[1] for b in bodies), default=0)
    stack = _stack(bodies, width)
    stack_columns = [Factorized.of(stack[:, j]) for j in range(width)]
    if width:
        blank = blank_matrix(stack_columns)
        filled = ~blank.all(axis=1)
    else:  # sheets without a single column
        blank = np.zeros((len(stack), 0), dtype=bool)
        filled = np.zeros(len(stack), dtype=bool)
    part_of_row = np.repeat(np.arange(len(parts)), [p.size for p in parts])
    has_header = np.array([p.headers is not None for p in parts], dtype=bool)
    skipped = skiprows.skipped_rows(
        stack_columns,
        stack,
        blank,
        filled,
        [(p.offset, p.size) for p in parts],
        [p.headers or () for p in parts],
    )
    data_rows = filled & ~skipped.any & has_header[part_of_row]
    kept = np.flatnonzero(data_rows)
    kept_part = part_of_row[kept]
    present = _segment_sums(~blank & data_rows[:, None], parts) > 0
    filled_per_part = _segment_sums(filled.astype("int64"), parts)

    read = np.zeros(n_files, dtype="int64")
    unreadable = np.zeros(n_files, dtype="int64")
    sources = np.full((len(parts), len(sheet.columns)), -1, dtype="int64")
    missing_required: dict[int, list[schema.Column]] = {}
    for index, part in enumerate(parts):
        sink = sinks.sinks[part.file]
        if part.headers is None:
            count = int(filled_per_part[index])
            read[part.file] = unreadable[part.file] = count
            if count:
                sink.add(
                    GALAT,
                    f"Baris judul kolom lembar {part.name} tidak dikenali, sehingga {count} "
                    "baris lembar ini tidak dapat dibaca. Judul kolom harus ada di salah satu "
                    "dari 30 baris pertama, "
                    f"misalnya: {', '.join(c.title for c in sheet.columns[:4])}. "
                    "Salin dari templat terbaru.",
                    part.name,
                )
            continue
        mapped = _map_headers(part, sheet, present[index], sinks)
        for n, column in enumerate(sheet.columns):
            sources[index, n] = mapped.get(column.key, -1)
        missing = [c for c in sheet.columns if c.required and c.key not in mapped]
        if missing:
            missing_required[index] = missing
    _skip_and_layout_notes(parts, skipped, filled, sinks)
    formulas = _formula_cells(parts)

    files = np.array([p.file for p in parts], dtype="int64")[kept_part]
    rows = (
        (kept - np.array([p.offset for p in parts])[kept_part])
        + np.array([p.header_row for p in parts])[kept_part]
        + 1
    )
    names = {p.file: p.name for p in parts}
    sheet_names = [names.get(f, sheet.title) for f in range(n_files)]
    rejected = np.zeros(len(kept), dtype=bool)
    data: dict[str, Array] = {}
    for n, column in enumerate(sheet.columns):
        source = sources[kept_part, n]
        codes = _column_codes(stack_columns, stack, kept, source)
        masked = mask_uniques(codes.uniques)  # personal data never reaches a frame or issue
        if masked is not None:
            codes = Factorized(codes.codes, masked.uniques)
        parsed = parse_factorized(codes, column)
        has = source >= 0
        if masked is not None:
            sinks.personal(masked, codes.codes, has, files, rows, sheet_names, column.title)
        swaps = None
        if column.kind == schema.DATE and periods is not None:
            swaps = find_swaps(
                codes.codes,
                codes.uniques,
                parsed.values,
                files,
                periods,
                column.key in IN_SEMESTER,
            )
            parsed.values = swaps.values
        data[column.key] = parsed.values
        errors = parsed.errors & has
        flagged = errors.copy()
        for mask in parsed.warnings.values():
            flagged |= mask
        raw_values = None
        if flagged.any():
            raw_values = np.full(len(kept), None, dtype=object)
            raw_values[flagged] = stack[kept[flagged], source[flagged]]
        refused = None
        if column.key == "pasal_17" and "keputusan" in data:
            refused = np.isin(np.asarray(data["keputusan"], dtype=object), LETTER_DECISIONS)
        sinks.per_row(
            errors,
            files,
            rows,
            GALAT if column.required else PERINGATAN,
            sheet_names,
            column.title,
            raw_values,
            lambda value, i, c=column, r=refused: error_text(
                c, value, None if r is None else bool(r[i]), blanked=not c.required
            ),
        )
        if column.required:
            rejected |= errors
        for kind, mask in parsed.warnings.items():
            if kind == PLACEHOLDER and column.required:
                continue  # the empty required cells are errors below
            sinks.grouped(
                mask & has, files, rows, sheet_names, column.title, raw_values, WARNING_TEXT[kind]
            )
        if swaps is not None and swaps.rows.any():
            _swap_warnings(swaps, files, rows, sheet_names, column, periods, sinks)
        formula = _formula_mask(formulas, kept, source)
        if formula.any():
            texts = np.full(len(kept), None, dtype=object)
            for i in np.flatnonzero(formula):
                texts[i] = formulas[(int(kept[i]), int(source[i]))]
            if column.required:
                sinks.per_row(
                    formula, files, rows, GALAT, sheet_names, column.title, texts, FORMULA_TEXT
                )
                rejected |= formula
            else:
                sinks.grouped(formula, files, rows, sheet_names, column.title, texts, FORMULA_TEXT)
        if column.required:
            empty = parsed.blank & has & ~formula
            sinks.per_row(
                empty,
                files,
                rows,
                GALAT,
                sheet_names,
                column.title,
                None,
                f"{column.title} wajib diisi. Lengkapi sel ini atau hapus barisnya.",
            )
            rejected |= empty
    for index, part in enumerate(parts):
        if part.headers is None:
            continue
        count = int(np.count_nonzero(kept_part == index))
        read[part.file] = count
        if index in missing_required and count:
            sinks.sinks[part.file].add(
                GALAT,
                _missing_text(part, missing_required[index], count),
                part.name,
                part.match.first_row + 1,
            )
            rejected[kept_part == index] = True
    data["baris"] = rows.astype("int64")
    return StackedSheet(sheet, data, files, rejected, read, unreadable)
