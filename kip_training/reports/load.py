"""Load report files into tidy frames: headers matched, values normalised, rows counted.

:func:`load_file` is a pure function of one file (picklable in and out, so a process
pool can run it); :func:`load_reports` runs it over files and folders and then does the
checks that need every file at once (the same OPD sent twice, OPDs that did not report).

Speed: cells are read once into a 2-D object array per sheet (no DataFrame per sheet);
each column is factorised once and each distinct value interpreted once; checks run
on whole columns. No DataFrame is built per file: :func:`load_chunk` stacks the column
arrays of many files and builds one frame per sheet kind. With many files,
:func:`load_reports` hands chunks of files to a process pool (fork on Linux) and
concatenates the chunks in file order, so the result does not depend on the pool.

Accounting: for every sheet, ``rows_read`` counts the non-blank rows below the header
(the template's "CONTOH" example row is not data and is not counted), and
``rows_read = rows_accepted + rows_rejected``. A rejected row has a "galat" issue on its
row, or an issue without a row number covers its whole sheet (columns missing, identity
unusable) or its whole file (superseded by another report of the same OPD, or of another
period).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kip_training.reports import schema
from kip_training.reports.issues import IssueSink
from kip_training.reports.model import (
    GALAT,
    PERINGATAN,
    FileResult,
    Issue,
    Period,
    ReportSet,
    SheetCount,
)
from kip_training.reports.normalise import (
    BLANK,
    ERROR,
    Factorized,
    Parsed,
    interpret_value,
    is_blank,
    parse_factorized,
    to_date,
)

HEADER_SEARCH_ROWS = 10
IGNORED_SHEETS = schema.PETUNJUK_NAMES | {"daftar_pilihan", "daftar", "pilihan", "lists"}

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


Array = np.ndarray | pd.api.extensions.ExtensionArray


@dataclass
class SheetData:
    """A parsed data sheet: typed column arrays (with ``baris``) and the rejected mask.

    ``columns`` maps column keys to 1-D arrays of ``n`` rows (numpy, or ``Int64``);
    no DataFrame is built per file: the loader stacks the arrays of many files and
    makes one frame (see :func:`load_chunk`). ``unreadable_rows`` counts the rows of a
    sheet whose header row was not found (read and rejected, but not parsed).
    """

    sheet: schema.Sheet
    columns: dict[str, Array]
    rejected: np.ndarray
    present: bool = True
    unreadable_rows: int = 0

    @property
    def title(self) -> str:
        return self.sheet.title

    @property
    def n(self) -> int:
        return len(self.columns["baris"])

    @property
    def frame(self) -> pd.DataFrame:
        """The parsed rows as a DataFrame (built on demand)."""
        return pd.DataFrame(self.columns)


def _missing_column(column: schema.Column, n: int) -> Array:
    """An empty column of ``n`` rows with the column's type."""
    if column.kind == schema.DATE:
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if column.kind == schema.NUMBER:
        return np.full(n, np.nan, dtype="float64")
    if column.kind == schema.INTEGER:
        return pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))
    return np.full(n, np.nan, dtype=object)


def _empty_sheet(sheet: schema.Sheet, present: bool = False) -> SheetData:
    columns: dict[str, Array] = {c.key: _missing_column(c, 0) for c in sheet.columns}
    columns["baris"] = np.zeros(0, dtype="int64")
    return SheetData(sheet, columns, np.zeros(0, dtype=bool), present)


def cell_matrix(raw) -> np.ndarray:
    """A raw sheet (DataFrame or 2-D array of cells) as a 2-D object array."""
    if isinstance(raw, np.ndarray) and raw.dtype == object and raw.ndim == 2:
        return raw
    if raw is None:
        return np.empty((0, 0), dtype=object)
    matrix = np.asarray(raw, dtype=object)
    return matrix if matrix.ndim == 2 else matrix.reshape(len(matrix), -1)


_HEADER_LOOKUPS: dict[str, dict[str, str]] = {}
_KEYS: dict[object, str] = {}


def _key(text: object) -> str:
    """:func:`schema.normalise_key`, remembered: headers and sheet names repeat in every file."""
    try:
        return _KEYS[text]
    except KeyError:
        key = schema.normalise_key(text)
        if len(_KEYS) < 10_000:
            _KEYS[text] = key
        return key
    except TypeError:  # unhashable cell value
        return schema.normalise_key(text)


def _header_lookup(sheet: schema.Sheet) -> dict[str, str]:
    if sheet.key in _HEADER_LOOKUPS and sheet is schema.SHEETS_BY_KEY.get(sheet.key):
        return _HEADER_LOOKUPS[sheet.key]
    lookup: dict[str, str] = {}
    for column in sheet.columns:
        for name in column.header_names():
            lookup.setdefault(name, column.key)
    if sheet is schema.SHEETS_BY_KEY.get(sheet.key):
        _HEADER_LOOKUPS[sheet.key] = lookup
    return lookup


def _find_header(raw: np.ndarray, lookup: Mapping[str, str]) -> int | None:
    """The row (0-based) among the first few that holds most known column headers."""
    best, best_hits = None, 0
    cells = raw[:HEADER_SEARCH_ROWS]
    for position, row in enumerate(cells):
        names = [_key(v) for v in row if isinstance(v, str) and v.strip()]
        hits = sum(1 for n in names if n in lookup)
        if hits > best_hits:
            best, best_hits = position, hits
        if hits >= 3:  # a real header row: stop looking
            break
    return best


def _blank_matrix(columns: list[Factorized]) -> np.ndarray:
    """rows x columns: True where the cell is empty."""
    if not columns:
        return np.zeros((0, 0), dtype=bool)
    return np.column_stack([c.blank() for c in columns])


def _example_rows(columns: list[Factorized], blank: np.ndarray, filled: np.ndarray) -> np.ndarray:
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


def parse_sheet(raw, sheet: schema.Sheet, name: str, sink: IssueSink) -> SheetData:
    """Parse one data sheet: find the header, map columns, drop personal data, type values.

    ``raw`` is the sheet's cells (a 2-D object array, or a DataFrame), row 0 = Excel row 1.
    """
    lookup = _header_lookup(sheet)
    raw = cell_matrix(raw)
    header_at = _find_header(raw, lookup)
    start = 0 if header_at is None else header_at + 1
    cells = raw[start:]
    columns = [Factorized.of(cells[:, j]) for j in range(cells.shape[1])]
    blank = _blank_matrix(columns)
    filled = ~blank.all(axis=1) if blank.size else np.zeros(len(cells), dtype=bool)
    if header_at is None:
        read = int(filled.sum())
        data = _empty_sheet(sheet, present=True)
        if read:
            sink.add(
                GALAT,
                f"Baris judul kolom lembar {name} tidak dikenali, sehingga {read} baris lembar "
                "ini tidak dapat dibaca. Judul kolom harus ada di baris 1, misalnya: "
                f"{', '.join(c.title for c in sheet.columns[:4])}. Salin dari templat terbaru.",
                name,
            )
            data.unreadable_rows = read
        return data

    # The template's example row: its first non-empty cell starts with "CONTOH".
    keep = filled & ~_example_rows(columns, blank, filled)
    positions = np.flatnonzero(keep)
    n = len(positions)
    rows = positions + (start + 1)  # Excel row numbers
    headers = list(raw[header_at])
    present = (~blank[positions]).any(axis=0) if n else np.zeros(len(headers), dtype=bool)

    mapped: dict[str, int] = {}
    for position, header in enumerate(headers):
        key = _key(header) if not is_blank(header) else ""
        column_letter = _letter(position) if key not in lookup else ""
        values_present = bool(present[position])
        if key not in lookup and key and schema.is_personal_header(key):
            sink.add(
                PERINGATAN,
                f"Kolom '{header}' berisi data pribadi pemohon dan dibuang saat dibaca; "
                "laporan ke PPID Utama tidak memerlukannya. Hapus kolom ini dari berkas.",
                name,
                header_at + 1,
                str(header),
            )
            continue
        if key in lookup:
            target = lookup[key]
            if target in mapped:
                sink.add(
                    PERINGATAN,
                    f"Kolom '{header}' (kolom {_letter(position)}) bermakna sama dengan kolom "
                    "sebelumnya dan diabaikan. Hapus salah satu.",
                    name,
                    header_at + 1,
                    str(header),
                )
                continue
            mapped[target] = position
        elif key and values_present:
            sink.add(
                PERINGATAN,
                f"Kolom '{header}' (kolom {column_letter}) tidak dikenal dan tidak dibaca. "
                "Pakai judul kolom dari templat.",
                name,
                header_at + 1,
                str(header),
            )
        elif not key and values_present:
            sink.add(
                PERINGATAN,
                f"Kolom {column_letter} berisi data tetapi tidak berjudul, sehingga tidak dibaca.",
                name,
                header_at + 1,
                column_letter,
            )

    data: dict[str, Array] = {}
    rejected = np.zeros(n, dtype=bool)
    missing_required = [c for c in sheet.columns if c.required and c.key not in mapped]
    for column in sheet.columns:
        if column.key not in mapped:
            data[column.key] = _missing_column(column, n)
            continue
        position = mapped[column.key]
        parsed: Parsed = parse_factorized(columns[position].take(positions), column)
        data[column.key] = parsed.values
        raw_values = cells[positions, position] if parsed.errors.any() or parsed.warnings else None
        sink.per_row(
            parsed.errors,
            rows,
            GALAT,
            name,
            column.title,
            raw_values,
            lambda value, _i, c=column: error_text(c, value),
        )
        rejected |= parsed.errors
        for kind, mask in parsed.warnings.items():
            sink.grouped(mask, rows, name, column.title, raw_values, WARNING_TEXT[kind])
        if column.required:
            sink.per_row(
                parsed.blank,
                rows,
                GALAT,
                name,
                column.title,
                None,
                f"{column.title} wajib diisi. Lengkapi sel ini atau hapus barisnya.",
            )
            rejected |= parsed.blank
    if missing_required and n:
        titles = ", ".join(f"'{c.title}'" for c in missing_required)
        sink.add(
            GALAT,
            f"Kolom wajib {titles} tidak ditemukan di lembar {name}; semua {n} "
            "baris lembar ini ditolak. Tambahkan kolomnya dengan judul seperti di templat.",
            name,
            header_at + 1,
        )
        rejected[:] = True
    data["baris"] = rows.astype("int64")
    return SheetData(sheet, data, rejected)


def _letter(position: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(position + 1)


@dataclass
class Identity:
    """The Identitas sheet: fields, their Excel rows, and whether the file is usable."""

    values: dict[str, object]
    rows: dict[str, int]
    present: bool


def parse_identitas(raw, name: str, sink: IssueSink) -> Identity:
    """Read the Identitas sheet, laid out as label/value rows or as a one-row table."""
    sheet = schema.IDENTITAS
    if raw is None:
        return Identity({}, {}, False)
    raw = cell_matrix(raw)
    if raw.size == 0:
        return Identity({}, {}, False)
    lookup = _header_lookup(sheet)
    header_at = _find_header(raw, lookup)
    table_hits = 0
    if header_at is not None:
        table_hits = sum(1 for v in raw[header_at] if schema.normalise_key(v) in lookup)
    cells: dict[str, tuple[object, int]] = {}
    if table_hits >= 3:  # one-row table: headers then values
        body = raw[header_at + 1 :]
        blank = _blank_matrix([Factorized.of(body[:, c]) for c in range(body.shape[1])])
        filled = np.flatnonzero(~blank.all(axis=1)) if blank.size else []
        if len(filled):
            first = header_at + 1 + int(filled[0])
            for position, header in enumerate(raw[header_at]):
                key = lookup.get(schema.normalise_key(header))
                if key and key not in cells:
                    cells[key] = (raw[first, position], first + 1)
    else:  # label in the first non-empty cell, value in the cell to its right
        for index, values in enumerate(raw.tolist()):  # a handful of rows: a loop is fine
            filled = [n for n, v in enumerate(values) if not is_blank(v)]
            if not filled:
                continue
            key = lookup.get(schema.normalise_key(values[filled[0]]))
            if key and key not in cells:
                at = filled[0] + 1
                cells[key] = (values[at] if at < len(values) else None, index + 1)
    values: dict[str, object] = {}
    rows: dict[str, int] = {}
    for column in sheet.columns:
        raw_value, row = cells.get(column.key, (None, None))
        rows[column.key] = row
        value, status = interpret_value(raw_value, column)
        if status == ERROR:
            sink.add(GALAT, error_text(column, raw_value), name, row, column.title, raw_value)
            value = None
        elif column.required and status == BLANK:
            where = (
                "" if row else " (isiannya tidak ditemukan; pakai lembar Identitas dari templat)"
            )
            sink.add(
                GALAT if column.key in ("kode_opd", "tahun", "semester") else PERINGATAN,
                f"{column.title} wajib diisi{where}."
                + (
                    " Tanpa tanggal ini laporan dianggap dikirim tepat waktu."
                    if column.key == "tanggal_laporan"
                    else ""
                ),
                name,
                row,
                column.title,
            )
            value = None
        elif status in WARNING_TEXT:
            sink.add(PERINGATAN, WARNING_TEXT[status] + ".", name, row, column.title, raw_value)
        if value is not None and not (isinstance(value, float) and np.isnan(value)):
            values[column.key] = value
    return Identity(values, rows, True)


def _match_roster(
    identity: Identity, roster: Mapping[str, str] | None, name: str, sink: IssueSink
) -> str | None:
    """The roster code of the report's OPD (by code, else by name), or None."""
    code = identity.values.get("kode_opd")
    code = str(code).strip().upper() if code is not None else None
    if roster is None:
        return code
    if code in roster:
        given = identity.values.get("nama_opd")
        if given and schema.normalise_key(given) != schema.normalise_key(roster[code]):
            sink.add(
                PERINGATAN,
                f"Nama OPD '{given}' berbeda dengan nama di daftar OPD untuk kode {code} "
                f"('{roster[code]}'); laporan dicatat sebagai {roster[code]}.",
                name,
                identity.rows.get("nama_opd"),
                "Nama OPD",
                given,
            )
        return code
    by_name = {schema.normalise_key(v): k for k, v in roster.items()}
    given = identity.values.get("nama_opd")
    if given and schema.normalise_key(given) in by_name:
        found = by_name[schema.normalise_key(given)]
        sink.add(
            PERINGATAN,
            f"Kode OPD '{code or ''}' tidak ada di daftar OPD; dari Nama OPD laporan ini "
            f"dicatat sebagai {found}. Perbaiki kode OPD.",
            name,
            identity.rows.get("kode_opd"),
            "Kode OPD",
            code,
        )
        return found
    if code:
        sink.add(
            GALAT,
            f"Kode OPD '{code}' tidak ada di daftar OPD wajib lapor, sehingga laporan ini "
            "tidak dapat dicatat. Pakai kode dari daftar OPD PPID Utama (data/opd.csv).",
            name,
            identity.rows.get("kode_opd"),
            "Kode OPD",
            code,
        )
    return None


Rows = dict[str, "dict[str, Array] | dict[str, object]"]


def load_raw(
    raw_sheets: Mapping[str, pd.DataFrame | np.ndarray],
    file: str,
    roster: Mapping[str, str] | None = None,
    expected_period: Period | None = None,
    calendar=None,
) -> FileResult:
    """Parse and validate the raw sheets of one report (see :func:`load_file`)."""
    result, rows = _load_raw(raw_sheets, file, roster, expected_period, calendar)
    result.frames = _file_frames(rows, result.kode_opd, file)
    return result


def _file_frames(rows: Rows, kode: str | None, file: str) -> dict[str, pd.DataFrame]:
    """The accepted rows of one file as DataFrames (as :func:`load_chunk` builds them)."""
    frames = {}
    for key, columns in rows.items():
        if key == "identitas":
            frames[key] = _identitas_frame([columns])
        else:
            frames[key] = _rows_frame([columns], [kode], [file])
    return frames


def _stack(arrays: list[Array]) -> Array:
    if len(arrays) == 1:
        return arrays[0]
    if all(isinstance(a, np.ndarray) for a in arrays):
        return np.concatenate(arrays)
    return type(arrays[0])._concat_same_type(arrays)


def _typed_column(values: Array) -> Array:
    """Text and code columns as pandas' string dtype (missing = NaN), whatever they hold.

    Stating the type (rather than letting pandas infer it from the values) keeps a
    column's dtype the same for any split of the files into chunks, even when one
    chunk has no value at all in that column.
    """
    if isinstance(values, np.ndarray) and values.dtype == object:
        return pd.array(values, dtype="str")
    return values


def _rows_frame(parts: list[dict[str, Array]], kodes: list, files: list) -> pd.DataFrame:
    """One DataFrame of the accepted rows of several files (``kode_opd`` and ``file`` first)."""
    sizes = [len(p["baris"]) for p in parts]
    data: dict[str, Array] = {
        "kode_opd": np.repeat(np.array(kodes, dtype=object), sizes),
        "file": np.repeat(np.array(files, dtype=object), sizes),
    }
    for name in parts[0]:
        data[name] = _stack([p[name] for p in parts])
    return pd.DataFrame({name: _typed_column(values) for name, values in data.items()})


def _identitas_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """One row per report; text fields as string dtype, the report date as datetime64."""
    frame = pd.DataFrame(records)
    for name in frame.columns:
        if name != "tanggal_laporan" and frame[name].dtype == object:
            frame[name] = _typed_column(frame[name].to_numpy(dtype=object))
    frame["tanggal_laporan"] = pd.to_datetime(frame["tanggal_laporan"])
    return frame


def _load_raw(
    raw_sheets: Mapping[str, pd.DataFrame | np.ndarray],
    file: str,
    roster: Mapping[str, str] | None = None,
    expected_period: Period | None = None,
    calendar=None,
) -> tuple[FileResult, Rows]:
    """:func:`load_raw` without DataFrames: the result, and accepted rows as column arrays."""
    from kip_training.reports import validate

    sink = IssueSink(file)
    by_key: dict[str, tuple[str, np.ndarray]] = {}
    for sheet_name, raw in raw_sheets.items():
        key = _key(sheet_name)
        if key in IGNORED_SHEETS:
            continue
        raw = cell_matrix(raw)
        sheet = schema.sheet_for_name(sheet_name)
        if sheet is None:
            if (
                raw.size
                and not _blank_matrix([Factorized.of(raw[:, c]) for c in range(raw.shape[1])]).all()
            ):
                sink.add(
                    PERINGATAN,
                    f"Lembar '{sheet_name}' tidak dikenal dan tidak dibaca. Nama lembar yang "
                    f"dibaca: {', '.join(s.title for s in schema.SHEETS)}.",
                    sheet_name,
                )
            continue
        if sheet.key in by_key:
            sink.add(
                PERINGATAN,
                f"Lembar '{sheet_name}' sama dengan lembar '{by_key[sheet.key][0]}' dan tidak "
                "dibaca. Gabungkan isinya ke satu lembar.",
                sheet_name,
            )
            continue
        by_key[sheet.key] = (sheet_name, raw)

    result = FileResult(file)
    if not by_key:
        sink.add(
            GALAT,
            f"Berkas {Path(file).name} tidak berisi lembar laporan (Identitas, Permohonan, "
            "...). Pakai templat dari 'kip template'.",
        )
        result.issues = sink.with_opd(None)
        result.readable = False
        result.used = False
        return result, {}

    identity_name, identity_raw = by_key.get("identitas", (schema.IDENTITAS.title, None))
    identity = parse_identitas(identity_raw, identity_name, sink)
    kode = _match_roster(identity, roster, identity_name, sink) if identity.present else None
    period = _period(identity, expected_period, identity_name, sink)
    tanggal = identity.values.get("tanggal_laporan")
    result.kode_opd = kode
    result.period = period
    result.tanggal_laporan = to_date(tanggal)

    data: dict[str, SheetData] = {}
    for sheet in schema.SHEETS[1:]:
        if sheet.key in by_key:
            sheet_name, raw = by_key[sheet.key]
            data[sheet.key] = parse_sheet(raw, sheet, sheet_name, sink)
        else:
            data[sheet.key] = _empty_sheet(sheet)
            required = sheet.key == "permohonan"
            sink.add(
                GALAT if required else PERINGATAN,
                f"Lembar {sheet.title} tidak ada. Pakai templat terbaru; bila tidak ada "
                "isinya, biarkan lembarnya kosong.",
                sheet.title,
            )

    if not identity.present:
        sink.add(
            GALAT,
            "Lembar Identitas tidak ada atau kosong, sehingga OPD dan periode laporan tidak "
            "diketahui. Isi lembar Identitas dari templat.",
            identity_name,
        )
    validate.check_file(data, period, calendar, sink)

    usable = kode is not None and period is not None
    if usable and expected_period is not None and period != expected_period:
        sink.add(
            GALAT,
            f"Laporan ini untuk {period.title}, bukan {expected_period.title}; tidak dipakai "
            "untuk periode ini. Kirim laporan periode yang benar.",
            identity_name,
            identity.rows.get("semester"),
            "Semester",
            period.label,
        )
        usable = False

    identity_ok = usable
    result.sheets[schema.IDENTITAS.key] = SheetCount(
        identity_name,
        rows_read=1 if identity.present else 0,
        rows_accepted=1 if identity.present and identity_ok else 0,
        rows_rejected=1 if identity.present and not identity_ok else 0,
    )
    accepted_rows: Rows = {}
    for key, sheet_data in data.items():
        unreadable = sheet_data.unreadable_rows
        read = sheet_data.n + unreadable
        rejected = int(sheet_data.rejected.sum()) + unreadable
        if not usable and read:
            sink.add(
                GALAT,
                f"Semua {read} baris lembar {sheet_data.title} ditolak karena OPD atau periode "
                "laporan tidak sah (lihat lembar Identitas).",
                sheet_data.title,
            )
            rejected = read
        result.sheets[key] = SheetCount(
            sheet_data.title, rows_read=read, rows_accepted=read - rejected, rows_rejected=rejected
        )
        if usable:
            keep = ~sheet_data.rejected
            whole = bool(keep.all())
            accepted_rows[key] = {
                name: values if whole else values[keep]
                for name, values in sheet_data.columns.items()
            }
    if usable:
        ident = {c.key: identity.values.get(c.key) for c in schema.IDENTITAS.columns}
        ident.update(kode_opd=kode, tahun=period.year, semester=period.semester, file=file)
        accepted_rows = {"identitas": ident, **accepted_rows}
    result.used = usable
    order = {s.title: n for n, s in enumerate(schema.SHEETS)}
    order.update({d.title: n for n, d in enumerate(data.values(), start=1)})
    sink.issues.sort(key=lambda i: (order.get(i.sheet, -1), i.row or 0))
    result.issues = _with_opd(sink.issues, kode)
    return result, accepted_rows


_ISSUE_FIELDS = ("severity", "file", "sheet", "row", "column", "value", "message", "kode_opd")


def _with_opd(issues: list[Issue], kode: str | None) -> list[Issue]:
    """The issues with their OPD code (as ``IssueSink.with_opd``, a few times faster)."""
    if tuple(f.name for f in dataclasses.fields(Issue)) != _ISSUE_FIELDS:
        return [dataclasses.replace(i, kode_opd=kode) for i in issues]  # pragma: no cover
    return [
        Issue(i.severity, i.file, i.sheet, i.row, i.column, i.value, i.message, kode)
        for i in issues
    ]


def _period(
    identity: Identity, expected: Period | None, name: str, sink: IssueSink
) -> Period | None:
    year = identity.values.get("tahun")
    semester = identity.values.get("semester")
    if year is not None and semester is not None:
        try:
            return Period(int(year), 1 if semester == "1" else 2)
        except ValueError:  # pragma: no cover - the parser only gives "1" or "2"
            return None
    if expected is not None and identity.present:
        sink.add(
            PERINGATAN,
            f"Tahun atau semester di lembar Identitas kosong; laporan dianggap untuk "
            f"{expected.title}. Lengkapi lembar Identitas.",
            name,
            identity.rows.get("tahun"),
            "Tahun",
        )
        return expected
    return None


def load_file(
    path: Path | str | list[Path],
    roster: Mapping[str, str] | None = None,
    expected_period: Period | None = None,
    calendar=None,
) -> FileResult:
    """Read, normalise and validate one report (a workbook, or the CSV files of one report).

    Never raises for a bad file: an unreadable file gives a FileResult with
    ``readable=False`` and one "galat" issue naming it.
    """
    result, rows = _load_file(path, roster, expected_period, calendar)
    result.frames = _file_frames(rows, result.kode_opd, result.file)
    return result


def _load_file(
    path: Path | str | list[Path],
    roster: Mapping[str, str] | None = None,
    expected_period: Period | None = None,
    calendar=None,
) -> tuple[FileResult, Rows]:
    """:func:`load_file` without DataFrames (accepted rows as column arrays)."""
    from kip_training.errors import ReportError
    from kip_training.reports.read import read_cells

    paths = [Path(p) for p in path] if isinstance(path, list) else [Path(path)]
    label = str(paths[0]) if len(paths) == 1 else str(paths[0].parent / (paths[0].stem + "…"))
    raw_sheets: dict[str, np.ndarray] = {}
    unreadable: list[str] = []
    skip = {name for name in IGNORED_SHEETS}
    for item in paths:
        try:
            for sheet_name, raw in read_cells(item, skip=skip).items():
                raw_sheets.setdefault(sheet_name, raw)
        except ReportError as exc:
            unreadable.append(str(exc))
    if unreadable and not raw_sheets:
        result = FileResult(label, readable=False, used=False)
        sink = IssueSink(label)
        for message in unreadable:
            sink.add(GALAT, message)
        result.issues = sink.issues
        return result, {}
    result, rows = _load_raw(raw_sheets, label, roster, expected_period, calendar)
    if unreadable:
        sink = IssueSink(label)
        for message in unreadable:
            sink.add(GALAT, message)
        result.issues = sink.with_opd(result.kode_opd) + result.issues
    return result, rows


def load_roster(path: Path | str | None = None) -> pd.DataFrame:
    """The roster of OPDs that must report (kode, nama, singkatan, kelompok)."""
    from kip_training.errors import ReportError

    if path is None:
        from kip_training.config import load_config

        path = load_config().roster_path
    try:
        roster = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReportError(f"Daftar OPD {path} tidak ditemukan.") from None
    roster.columns = [schema.normalise_key(c) for c in roster.columns]
    needed = ["kode", "nama", "singkatan", "kelompok"]
    missing = [c for c in needed if c not in roster.columns]
    if missing:
        raise ReportError(
            f"Daftar OPD {path}: kolom {', '.join(missing)} tidak ada "
            "(yang diperlukan: kode, nama, singkatan, kelompok)."
        )
    roster = roster[needed].apply(lambda s: s.str.strip())
    roster["kode"] = roster["kode"].str.upper()
    roster = roster[roster["kode"] != ""]
    duplicated = roster["kode"][roster["kode"].duplicated()]
    if len(duplicated):
        raise ReportError(
            f"Daftar OPD {path}: kode {', '.join(sorted(set(duplicated)))} tercantum lebih "
            "dari sekali."
        )
    return roster.reset_index(drop=True)


def _combine(frames: list[pd.DataFrame | None]) -> pd.DataFrame | None:
    """Rows of several frames of one sheet kind, in order (empty frames only if all are)."""
    frames = [f for f in frames if f is not None]
    if not frames:
        return None
    frames = [f for f in frames if len(f)] or frames[:1]
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)


def _empty_frame(key: str) -> pd.DataFrame:
    if key == "identitas":
        return pd.DataFrame(columns=["kode_opd", "tahun", "semester", "tanggal_laporan", "file"])
    from kip_training.reports import validate

    sheets = {k: _empty_sheet(sheet) for k, sheet in schema.SHEETS_BY_KEY.items()}
    validate.check_file(sheets, None, None, IssueSink(""))  # adds the derived columns
    return _rows_frame([sheets[key].columns], [], [])


FRAME_KEYS = ("identitas", "permohonan", "keberatan", "berkala", "kendala")

#: Below this many files the pool costs more (start-up, pickling) than it saves.
POOL_MIN_FILES = 48
#: Chunks per worker: enough to balance uneven files, few enough to keep pickling cheap.
CHUNKS_PER_WORKER = 8

Chunk = tuple[list[FileResult], dict[str, pd.DataFrame | None]]
_WORKER_ARGS: tuple = ()


def load_chunk(
    groups: list[list[Path]],
    roster: Mapping[str, str] | None,
    expected_period: Period | None,
    calendar,
) -> Chunk:
    """Load several files; return their results (without frames) and their rows per sheet.

    The accepted rows of the usable files are stacked per sheet kind into one frame
    for the whole chunk (the ``file`` column tells them apart): no DataFrame is built
    per file, and a process pool hands back a few large frames instead of many small.
    """
    results: list[FileResult] = []
    parts: dict[str, list] = {key: [] for key in FRAME_KEYS}
    owners: dict[str, list[FileResult]] = {key: [] for key in FRAME_KEYS}
    with _gc_paused():
        for group in groups:
            result, rows = _load_file(
                group if len(group) > 1 else group[0], roster, expected_period, calendar
            )
            results.append(result)
            if result.used:
                for key, columns in rows.items():
                    parts[key].append(columns)
                    owners[key].append(result)
    frames: dict[str, pd.DataFrame | None] = {}
    for key in FRAME_KEYS:
        if not parts[key]:
            frames[key] = None
        elif key == "identitas":
            frames[key] = _identitas_frame(parts[key])
        else:
            frames[key] = _rows_frame(
                parts[key], [r.kode_opd for r in owners[key]], [r.file for r in owners[key]]
            )
    return results, frames


@contextlib.contextmanager
def _gc_paused():
    """No cyclic garbage collection while loading.

    Loading creates hundreds of thousands of objects (cells, values, issues) and almost
    no reference cycles; each full collection walks all of them, so the collector's
    cost grows with the number of files (about 15 % of a 1,000-file load). Reference
    counting still frees memory as usual; the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _init_worker(*args) -> None:
    global _WORKER_ARGS
    _WORKER_ARGS = args
    gc.freeze()  # objects inherited by fork: never scanned, so never copied on write


def _load_chunk_in_worker(groups: list[list[Path]]) -> Chunk:
    return load_chunk(groups, *_WORKER_ARGS)


def available_cpus() -> int:
    """CPUs this process may run on."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _pool_context(explicit: bool):
    """The start method for the pool, or None to stay in this process.

    Fork (Linux, and only while this process runs no other thread) starts workers in
    milliseconds with every module already imported. Other start methods re-import the
    caller's main module in each worker (a script without an ``if __name__ ==
    "__main__"`` guard would run again) and import pandas first (about a second): they
    are used only when the caller asked for workers explicitly.
    """
    import multiprocessing
    import threading

    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn") if explicit else None


def _load_chunks(
    groups: list[list[Path]],
    roster: Mapping[str, str],
    expected_period: Period | None,
    calendar,
    workers: int | None,
    pool_min_files: int,
) -> list[Chunk]:
    """Load the file groups, in a process pool when there are many; chunks in file order."""
    explicit = workers is not None
    workers = min(available_cpus() if workers is None else workers, len(groups))
    if workers <= 1 or len(groups) < pool_min_files:
        return [load_chunk(groups, roster, expected_period, calendar)]
    context = _pool_context(explicit)
    if context is None:
        return [load_chunk(groups, roster, expected_period, calendar)]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from kip_training.reports import read, validate  # noqa: F401  (imported once, inherited)

    size = max(1, -(-len(groups) // (workers * CHUNKS_PER_WORKER)))
    chunks = [groups[i : i + size] for i in range(0, len(groups), size)]
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(roster, expected_period, calendar),
        ) as pool:
            return list(pool.map(_load_chunk_in_worker, chunks))
    except (BrokenProcessPool, OSError):  # a worker died (memory?) or none could start
        return [load_chunk(groups, roster, expected_period, calendar)]


def load_reports(
    paths: Iterable[Path | str],
    roster: pd.DataFrame | Path | str | None = None,
    config=None,
    period: Period | None = None,
    calendar=None,
    workers: int | None = None,
    pool_min_files: int = POOL_MIN_FILES,
    cache=None,
) -> ReportSet:
    """Load every report under ``paths`` (files and folders) for one period.

    The period is ``period`` when given, else the most common period among the
    reports. Unreadable files become issues, never exceptions. When one OPD sent
    several reports for the period, the one with the latest report date is used
    (then the one with most accepted rows, then the last file name); the others are
    counted as rejected with a warning that names the file used.

    With ``pool_min_files`` files or more, files are parsed in a process pool of
    ``workers`` processes (default: every CPU, on Linux while no other thread runs;
    1 turns the pool off; a number also asks for a pool where fork is not available).
    The result is the same either way, in file order. The accepted rows are in the ReportSet's
    frames; ``ReportSet.files[i].frames`` is left empty to keep memory low.

    With a :class:`~kip_training.reports.cache.ReportCache` as ``cache``, a set of reports
    loaded before (same files, unchanged, same roster, calendar and period) is taken
    from the cache instead of being read again, and a new load is stored there.
    """
    from kip_training.calendar import WorkingCalendar
    from kip_training.config import load_config
    from kip_training.errors import ReportError
    from kip_training.reports.read import find_files, group_files

    config = config or load_config()
    if roster is None:
        roster = config.roster_path
    if not isinstance(roster, pd.DataFrame):
        roster = load_roster(roster)
    if calendar is None:
        calendar = WorkingCalendar.from_file(config.extra_days_off_path)
    files, missing = find_files(paths)
    if missing:
        raise ReportError("Path tidak ditemukan: " + ", ".join(str(p) for p in missing) + ".")
    key = None
    if cache is not None:
        from kip_training.reports.cache import cache_key

        key = cache_key(files, roster, config.report_due_working_days, calendar, period)
        cached = cache.get(key)
        if cached is not None:
            return cached
    codes = dict(zip(roster["kode"], roster["nama"], strict=True))
    with _gc_paused():  # also while the pool's results are unpickled here
        chunks = _load_chunks(group_files(files), codes, period, calendar, workers, pool_min_files)
    results = [result for chunk_results, _ in chunks for result in chunk_results]
    if period is None:
        seen = [r.period for r in results if r.period is not None and r.kode_opd is not None]
        if seen:
            period = max(set(seen), key=lambda p: (seen.count(p), p))
            for result in results:
                if result.used and result.period != period:
                    _reject_file(
                        result,
                        f"Laporan ini untuk {result.period.title}, bukan {period.title} "
                        "(periode sebagian besar laporan); tidak dipakai untuk periode ini",
                        GALAT,
                    )
    _resolve_duplicates(results)
    due = calendar.add_working_days(period.end, config.report_due_working_days) if period else None
    frames = _final_frames(chunks, results)
    report_set = ReportSet(
        period=period,
        roster=roster,
        **frames,
        issues=[i for r in results for i in r.issues],
        files=results,
        report_due=due,
    )
    ident = report_set.identitas
    if len(ident) and due is not None:
        dates = pd.to_datetime(ident["tanggal_laporan"])
        late = dates.notna() & (dates > pd.Timestamp(due))
        ident["status_laporan"] = np.where(late, "terlambat", "tepat_waktu")
    else:
        ident["status_laporan"] = pd.Series("tepat_waktu", index=ident.index, dtype="object")
    if cache is not None:
        cache.put(key, report_set)
    return report_set


def _final_frames(chunks: list[Chunk], results: list[FileResult]) -> dict[str, pd.DataFrame]:
    """One frame per sheet kind: the chunks' rows, without those of files set aside since."""
    used = {r.file for r in results if r.used}
    dropped = any(r.file not in used for r in results)
    frames = {}
    for key in FRAME_KEYS:
        frame = _combine([chunk_frames[key] for _, chunk_frames in chunks])
        if frame is not None and dropped:
            frame = frame[frame["file"].isin(used)].reset_index(drop=True)
        if frame is None or (key == "identitas" and not len(frame)):
            frame = _empty_frame(key)
        frames[key] = frame
    return frames


def _reject_file(result: FileResult, message: str, severity: str) -> None:
    """Count every accepted row of a file as rejected, with one file-level issue."""
    moved = []
    for count in result.sheets.values():
        if count.rows_accepted:
            moved.append(f"{count.sheet} {count.rows_accepted}")
            count.rows_rejected += count.rows_accepted
            count.rows_accepted = 0
    detail = f" (baris yang tidak dipakai: {', '.join(moved)})" if moved else ""
    sink = IssueSink(result.file)
    sink.add(severity, f"{message}{detail}.")
    result.issues = result.issues + sink.with_opd(result.kode_opd)
    result.used = False
    result.frames = {}


def _resolve_duplicates(results: list[FileResult]) -> None:
    groups: dict[tuple[str, Period], list[FileResult]] = {}
    for result in results:
        if result.used:
            groups.setdefault((result.kode_opd, result.period), []).append(result)
    for (kode, period), group in groups.items():
        if len(group) < 2:
            continue

        def rank(r: FileResult) -> tuple:
            return (r.tanggal_laporan or dt.date.min, r.rows_accepted, Path(r.file).name)

        winner = max(group, key=rank)
        why = (
            "tanggal laporannya paling akhir"
            if len({r.tanggal_laporan for r in group}) > 1
            else "tanggal laporannya sama, dan berkas ini memuat baris diterima terbanyak "
            "atau namanya paling akhir"
        )
        for result in group:
            if result is winner:
                continue
            _reject_file(
                result,
                f"{kode} mengirim lebih dari satu laporan untuk {period.title}. Yang dipakai: "
                f"{Path(winner.file).name} ({why}); berkas ini tidak dipakai",
                PERINGATAN,
            )
