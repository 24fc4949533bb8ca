"""Load report files into tidy frames: headers matched, values normalised, rows counted.

:func:`load_file` is a pure function of one file (picklable in and out, so a process
pool can run it); :func:`load_reports` runs it over files and folders and then does the
checks that need every file at once (the same OPD sent twice, OPDs that did not report).

Accounting: for every sheet, ``rows_read`` counts the non-blank rows below the header
(the template's "CONTOH" example row is not data and is not counted), and
``rows_read = rows_accepted + rows_rejected``. A rejected row has a "galat" issue on its
row, or an issue without a row number covers its whole sheet (columns missing, identity
unusable) or its whole file (superseded by another report of the same OPD, or of another
period).
"""

from __future__ import annotations

import datetime as dt
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


@dataclass
class SheetData:
    """A parsed data sheet: typed rows (with ``baris``), the rejected mask and raw numbers."""

    sheet: schema.Sheet
    frame: pd.DataFrame
    rejected: pd.Series
    present: bool = True

    @property
    def title(self) -> str:
        return self.sheet.title


def _empty_sheet(sheet: schema.Sheet, present: bool = False) -> SheetData:
    frame = pd.DataFrame({c.key: pd.Series(dtype=_dtype(c)) for c in sheet.columns})
    frame["baris"] = pd.Series(dtype="int64")
    return SheetData(sheet, frame, pd.Series(dtype=bool), present)


def _dtype(column: schema.Column) -> str:
    if column.kind == schema.DATE:
        return "datetime64[ns]"
    if column.kind == schema.NUMBER:
        return "float64"
    if column.kind == schema.INTEGER:
        return "Int64"
    return "object"


_HEADER_LOOKUPS: dict[str, dict[str, str]] = {}


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


def _find_header(raw: pd.DataFrame, lookup: Mapping[str, str]) -> int | None:
    """The row (0-based) among the first few that holds most known column headers."""
    best, best_hits = None, 0
    cells = raw.iloc[:HEADER_SEARCH_ROWS].to_numpy(dtype=object)
    for position, row in enumerate(cells):
        names = [schema.normalise_key(v) for v in row if isinstance(v, str) and v.strip()]
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


def parse_sheet(raw: pd.DataFrame, sheet: schema.Sheet, name: str, sink: IssueSink) -> SheetData:
    """Parse one data sheet: find the header, map columns, drop personal data, type values."""
    lookup = _header_lookup(sheet)
    raw = raw.reset_index(drop=True)
    header_at = _find_header(raw, lookup)
    start = 0 if header_at is None else header_at + 1
    cells = raw.iloc[start:].to_numpy(dtype=object)
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
            data.frame.attrs["unreadable_rows"] = read
        return data

    # The template's example row: its first non-empty cell starts with "CONTOH".
    keep = filled.copy()
    if filled.any():
        first_col = np.argmax(~blank, axis=1)
        first = cells[np.arange(len(cells)), first_col]
        example = (
            pd.Series(first, dtype=object)
            .astype(str)
            .str.lstrip()
            .str.upper()
            .str.startswith(schema.EXAMPLE_MARK)
            .to_numpy(dtype=bool)
        )
        keep &= ~example
    positions = np.flatnonzero(keep)
    index = pd.RangeIndex(len(positions))
    rows = pd.Series(positions + start + 1, index=index)  # Excel row numbers
    headers = list(raw.iloc[header_at])

    mapped: dict[str, int] = {}
    for position, header in enumerate(headers):
        key = schema.normalise_key(header) if not is_blank(header) else ""
        column_letter = _letter(position)
        values_present = bool((~blank[positions, position]).any()) if len(positions) else False
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
                    f"Kolom '{header}' (kolom {column_letter}) bermakna sama dengan kolom "
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

    data: dict[str, object] = {}
    rejected = np.zeros(len(positions), dtype=bool)
    missing_required = [c for c in sheet.columns if c.required and c.key not in mapped]
    for column in sheet.columns:
        if column.key not in mapped:
            data[column.key] = pd.Series(np.nan, index=index, dtype=_dtype(column))
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
    if missing_required and len(positions):
        titles = ", ".join(f"'{c.title}'" for c in missing_required)
        sink.add(
            GALAT,
            f"Kolom wajib {titles} tidak ditemukan di lembar {name}; semua {len(positions)} "
            "baris lembar ini ditolak. Tambahkan kolomnya dengan judul seperti di templat.",
            name,
            header_at + 1,
        )
        rejected[:] = True
    data["baris"] = rows.to_numpy()
    frame = pd.DataFrame(data, index=index)
    return SheetData(sheet, frame, pd.Series(rejected, index=index))


def _letter(position: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(position + 1)


@dataclass
class Identity:
    """The Identitas sheet: fields, their Excel rows, and whether the file is usable."""

    values: dict[str, object]
    rows: dict[str, int]
    present: bool


def parse_identitas(raw: pd.DataFrame | None, name: str, sink: IssueSink) -> Identity:
    """Read the Identitas sheet, laid out as label/value rows or as a one-row table."""
    sheet = schema.IDENTITAS
    if raw is None or raw.empty:
        return Identity({}, {}, False)
    raw = raw.copy()
    raw.index = pd.RangeIndex(len(raw))
    lookup = _header_lookup(sheet)
    header_at = _find_header(raw, lookup)
    table_hits = 0
    if header_at is not None:
        table_hits = sum(1 for v in raw.iloc[header_at] if schema.normalise_key(v) in lookup)
    cells: dict[str, tuple[object, int]] = {}
    if table_hits >= 3:  # one-row table: headers then values
        body = raw.iloc[header_at + 1 :]
        body = body[~_blank_matrix([Factorized.of(body[c].to_numpy()) for c in body]).all(axis=1)]
        if len(body):
            first = body.index[0]
            for position, header in enumerate(raw.iloc[header_at]):
                key = lookup.get(schema.normalise_key(header))
                if key and key not in cells:
                    cells[key] = (body.at[first, position], first + 1)
    else:  # label in the first non-empty cell, value in the cell to its right
        for index, row in raw.iterrows():  # a handful of rows: a loop is fine here
            values = row.tolist()
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


def load_raw(
    raw_sheets: Mapping[str, pd.DataFrame],
    file: str,
    roster: Mapping[str, str] | None = None,
    expected_period: Period | None = None,
    calendar=None,
) -> FileResult:
    """Parse and validate the raw sheets of one report (see :func:`load_file`)."""
    from kip_training.reports import validate

    sink = IssueSink(file)
    by_key: dict[str, tuple[str, pd.DataFrame]] = {}
    for sheet_name, raw in raw_sheets.items():
        key = schema.normalise_key(sheet_name)
        if key in IGNORED_SHEETS:
            continue
        sheet = schema.sheet_for_name(sheet_name)
        if sheet is None:
            if (
                raw.size
                and not _blank_matrix([Factorized.of(raw[c].to_numpy()) for c in raw]).all()
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
        return result

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
    for key, sheet_data in data.items():
        read = len(sheet_data.frame) + int(sheet_data.frame.attrs.get("unreadable_rows", 0))
        rejected = int(sheet_data.rejected.sum()) + int(
            sheet_data.frame.attrs.get("unreadable_rows", 0)
        )
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
            accepted = sheet_data.frame[
                ~sheet_data.rejected.reindex(sheet_data.frame.index, fill_value=False)
            ]
            accepted = accepted.reset_index(drop=True)
            accepted.insert(0, "kode_opd", kode)
            accepted.insert(1, "file", file)
            result.frames[key] = accepted
    if usable:
        ident = {c.key: identity.values.get(c.key) for c in schema.IDENTITAS.columns}
        ident.update(kode_opd=kode, tahun=period.year, semester=period.semester, file=file)
        frame = pd.DataFrame([ident])
        frame["tanggal_laporan"] = pd.to_datetime(frame["tanggal_laporan"])
        result.frames["identitas"] = frame
    result.used = usable
    order = {s.title: n for n, s in enumerate(schema.SHEETS)}
    order.update({d.title: n for n, d in enumerate(data.values(), start=1)})
    sink.issues.sort(key=lambda i: (order.get(i.sheet, -1), i.row or 0))
    result.issues = sink.with_opd(kode)
    return result


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
    from kip_training.errors import ReportError
    from kip_training.reports.read import read_raw

    paths = [Path(p) for p in path] if isinstance(path, list) else [Path(path)]
    label = str(paths[0]) if len(paths) == 1 else str(paths[0].parent / (paths[0].stem + "…"))
    raw_sheets: dict[str, pd.DataFrame] = {}
    unreadable: list[str] = []
    for item in paths:
        try:
            for sheet_name, raw in read_raw(item).items():
                raw_sheets.setdefault(sheet_name, raw)
        except ReportError as exc:
            unreadable.append(str(exc))
    if unreadable and not raw_sheets:
        result = FileResult(label, readable=False, used=False)
        sink = IssueSink(label)
        for message in unreadable:
            sink.add(GALAT, message)
        result.issues = sink.issues
        return result
    result = load_raw(raw_sheets, label, roster, expected_period, calendar)
    if unreadable:
        sink = IssueSink(label)
        for message in unreadable:
            sink.add(GALAT, message)
        result.issues = sink.with_opd(result.kode_opd) + result.issues
    return result


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


def _sheet_frame(results: list[FileResult], key: str) -> pd.DataFrame:
    frames = [r.frames[key] for r in results if r.used and key in r.frames]
    if frames:
        frames = [f for f in frames if len(f)] or frames[:1]
        return pd.concat(frames, ignore_index=True)
    sheet = schema.SHEETS_BY_KEY[key]
    empty = _empty_sheet(sheet).frame
    empty.insert(0, "kode_opd", pd.Series(dtype="object"))
    empty.insert(1, "file", pd.Series(dtype="object"))
    return empty


def load_reports(
    paths: Iterable[Path | str],
    roster: pd.DataFrame | Path | str | None = None,
    config=None,
    period: Period | None = None,
    calendar=None,
) -> ReportSet:
    """Load every report under ``paths`` (files and folders) for one period.

    The period is ``period`` when given, else the most common period among the
    reports. Unreadable files become issues, never exceptions. When one OPD sent
    several reports for the period, the one with the latest report date is used
    (then the one with most accepted rows, then the last file name); the others are
    counted as rejected with a warning that names the file used.
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
    codes = dict(zip(roster["kode"], roster["nama"], strict=True))
    results = [
        load_file(group if len(group) > 1 else group[0], codes, period, calendar)
        for group in group_files(files)
    ]
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
    report_set = ReportSet(
        period=period,
        roster=roster,
        identitas=_sheet_frame(results, "identitas")
        if any("identitas" in r.frames and r.used for r in results)
        else pd.DataFrame(columns=["kode_opd", "tahun", "semester", "tanggal_laporan", "file"]),
        permohonan=_sheet_frame(results, "permohonan"),
        keberatan=_sheet_frame(results, "keberatan"),
        berkala=_sheet_frame(results, "berkala"),
        kendala=_sheet_frame(results, "kendala"),
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
    return report_set


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
