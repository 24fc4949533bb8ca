"""Parse one data sheet (Permohonan, Keberatan, ...) of many reports at once.

The cells below the header row of every file's sheet are stacked into one matrix, so
each column is factorised once for all the files (a date or a code that appears in
every report is interpreted once, not once per report) and the checks run on whole
columns. What differs between files stays per file: where the header is, which
column holds what, and the warnings about the header row. Only the headers (a dozen
cells per file) and the flagged rows are visited in Python.

Row accounting, per file: ``read`` counts the non-blank rows below the header (the
template's "CONTOH" row is not data); when no header row is found, every non-blank
row is read and rejected (``unreadable``) with one issue.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kip_training.reports import schema
from kip_training.reports.headers import (
    blank_matrix,
    cached_key,
    column_letter,
    find_header,
    header_lookup,
)
from kip_training.reports.issues import ChunkSink
from kip_training.reports.messages import WARNING_TEXT, error_text
from kip_training.reports.model import GALAT, PERINGATAN
from kip_training.reports.normalise import Factorized, is_blank, parse_factorized

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


def example_rows(columns: list[Factorized], blank: np.ndarray, filled: np.ndarray) -> np.ndarray:
    """Rows whose first non-empty cell starts with "CONTOH" (the template's example row).

    Uses the columns' factorisation: each distinct value of a column that holds some
    row's first non-empty cell is checked once.
    """
    example = np.zeros(len(filled), dtype=bool)
    if not filled.any():
        return example
    first_col = np.argmax(~blank, axis=1)
    for j in np.unique(first_col[filled]):
        column = columns[j]
        flags = np.zeros(len(column.uniques) + 1, dtype=bool)
        for position, u in enumerate(column.uniques):
            if (
                isinstance(u, str)
                and (u[:1] in ("c", "C") or u[:1].isspace())
                and u.lstrip()[:6].upper().startswith(schema.EXAMPLE_MARK)
            ):
                flags[position] = True
        if flags.any():
            rows = filled & (first_col == j)
            example[rows] = flags[column.codes[rows]]
    return example


@dataclass
class _Part:
    """One file's sheet: its cells below the header and where they sit in the stack."""

    file: int
    name: str
    headers: list | None  # the header row's cells; None when no header row was found
    header_row: int  # 1-based Excel row of the header (0 when none)
    offset: int  # first row of this part in the stack
    size: int  # rows below the header


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
    part: _Part, lookup: dict[str, str], present: np.ndarray, sinks: ChunkSink
) -> dict[str, int]:
    """Column key -> position in this file's sheet; warns about headers it cannot use."""
    sink = sinks.sinks[part.file]
    mapped: dict[str, int] = {}
    for position, header in enumerate(part.headers):
        name = cached_key(header) if not is_blank(header) else ""
        letter = column_letter(position) if name not in lookup else ""
        values_present = bool(present[position])
        if name not in lookup and name and schema.is_personal_header(name):
            sink.add(
                PERINGATAN,
                f"Kolom '{header}' berisi data pribadi pemohon dan dibuang saat dibaca; "
                "laporan ke PPID Utama tidak memerlukannya. Hapus kolom ini dari berkas.",
                part.name,
                part.header_row,
                str(header),
            )
            continue
        if name in lookup:
            target = lookup[name]
            if target in mapped:
                sink.add(
                    PERINGATAN,
                    f"Kolom '{header}' (kolom {column_letter(position)}) bermakna sama dengan "
                    "kolom sebelumnya dan diabaikan. Hapus salah satu.",
                    part.name,
                    part.header_row,
                    str(header),
                )
                continue
            mapped[target] = position
        elif name and values_present:
            sink.add(
                PERINGATAN,
                f"Kolom '{header}' (kolom {letter}) tidak dikenal dan tidak dibaca. "
                "Pakai judul kolom dari templat.",
                part.name,
                part.header_row,
                str(header),
            )
        elif not name and values_present:
            sink.add(
                PERINGATAN,
                f"Kolom {letter} berisi data tetapi tidak berjudul, sehingga tidak dibaca.",
                part.name,
                part.header_row,
                letter,
            )
    return mapped


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


def parse_stacked(
    sheet: schema.Sheet,
    sheets: list[tuple[int, str, np.ndarray]],
    n_files: int,
    sinks: ChunkSink,
) -> StackedSheet:
    """Parse one sheet kind of several files: ``sheets`` holds (file, sheet name, cells).

    Issues go to each file's sink in the order a file-by-file parse gives them: header
    problems, then per column (in schema order) unreadable values, reinterpreted values
    and empty required cells, then required columns that are missing.
    """
    if not sheets:
        return empty_stacked(sheet, n_files)
    lookup = header_lookup(sheet)
    parts: list[_Part] = []
    bodies: list[np.ndarray] = []
    offset = 0
    for file, name, raw in sheets:
        header_at = find_header(raw, lookup)
        start = 0 if header_at is None else header_at + 1
        body = raw[start:]
        headers = None if header_at is None else list(raw[header_at])
        parts.append(_Part(file, name, headers, start, offset, len(body)))
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
    data_rows = filled & ~example_rows(stack_columns, blank, filled) & has_header[part_of_row]
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
                    "baris lembar ini tidak dapat dibaca. Judul kolom harus ada di baris 1, "
                    f"misalnya: {', '.join(c.title for c in sheet.columns[:4])}. "
                    "Salin dari templat terbaru.",
                    part.name,
                )
            continue
        mapped = _map_headers(part, lookup, present[index], sinks)
        for n, column in enumerate(sheet.columns):
            sources[index, n] = mapped.get(column.key, -1)
        missing = [c for c in sheet.columns if c.required and c.key not in mapped]
        if missing:
            missing_required[index] = missing

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
        parsed = parse_factorized(codes, column)
        data[column.key] = parsed.values
        has = source >= 0
        errors = parsed.errors & has
        flagged = errors.copy()
        for mask in parsed.warnings.values():
            flagged |= mask
        raw_values = None
        if flagged.any():
            raw_values = np.full(len(kept), None, dtype=object)
            raw_values[flagged] = stack[kept[flagged], source[flagged]]
        sinks.per_row(
            errors,
            files,
            rows,
            GALAT,
            sheet_names,
            column.title,
            raw_values,
            lambda value, _i, c=column: error_text(c, value),
        )
        rejected |= errors
        for kind, mask in parsed.warnings.items():
            sinks.grouped(
                mask & has, files, rows, sheet_names, column.title, raw_values, WARNING_TEXT[kind]
            )
        if column.required:
            empty = parsed.blank & has
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
            titles = ", ".join(f"'{c.title}'" for c in missing_required[index])
            sinks.sinks[part.file].add(
                GALAT,
                f"Kolom wajib {titles} tidak ditemukan di lembar {part.name}; semua {count} "
                "baris lembar ini ditolak. Tambahkan kolomnya dengan judul seperti di templat.",
                part.name,
                part.header_row,
            )
            rejected[kept_part == index] = True
    data["baris"] = rows.astype("int64")
    return StackedSheet(sheet, data, files, rejected, read, unreadable)
