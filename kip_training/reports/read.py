"""Read the raw cells of a report file: one workbook open, every sheet as a DataFrame.

Spreadsheets (.xlsx, .xlsm, .xls, .ods) are read with python-calamine (the engine pandas
uses for ``engine="calamine"``): it only reads cell values, so macros never run. A CSV
file holds one sheet, named by the file-name suffix (``DISDIK_2025-S1_permohonan.csv``)
or by a ``lembar`` column, else by its header row (which sheet's columns it holds).
:func:`read_cells` also gives each sheet as the user sees it: merged ranges filled
(from the sheet's XML, see :mod:`~kip_training.reports.layout`), with the layout kept
on the matrix for the loader's notes. Raw frames have positional columns and row index 0 = Excel
row 1, so ``index + 1`` is the row number the user sees.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from kip_training import textfile
from kip_training.errors import ReportError, os_reason
from kip_training.reports import limits as bounds
from kip_training.reports import schema
from kip_training.reports.headers import sheet_for_cells
from kip_training.reports.layout import SheetLayout, ods_layouts, with_layout, xlsx_layouts
from kip_training.reports.limits import Limits

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv",)
SUFFIXES = SPREADSHEET_SUFFIXES + CSV_SUFFIXES
SHEET_COLUMN = "lembar"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


_CORRUPT = (
    "berkas rusak atau bukan lembar kerja yang dikenal. Buka dan simpan ulang "
    "di Excel atau LibreOffice sebagai .xlsx, lalu periksa lagi."
)


def _unreadable(path: Path, why: str) -> ReportError:
    return ReportError(f"Berkas {path.name} tidak dapat dibaca: {why}")


def _frame(rows: list[list]) -> pd.DataFrame:
    return pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)


def _matrix(rows: list[list]) -> np.ndarray:
    """Rows of cells as a 2-D object array (short rows padded with None)."""
    widths = set(map(len, rows))
    if len(widths) == 1:  # rectangular (what calamine gives): one C-level conversion
        matrix = np.array(rows, dtype=object)
        if matrix.ndim == 2:
            return matrix
    width = max(widths, default=0)
    matrix = np.empty((len(rows), width), dtype=object)
    for index, row in enumerate(rows):  # one C-level copy per row, not per cell
        matrix[index, : len(row)] = row
    return matrix


def read_spreadsheet(path: Path, limits: Limits | None = None) -> dict[str, pd.DataFrame]:
    """Every sheet of a workbook as a raw frame (raises ReportError in Indonesian)."""
    sheets, _ = _spreadsheet_rows(path, (), limits or bounds.DEFAULT)
    return {name: _frame(rows) for name, rows in sheets.items()}


class _Unskipped:
    """The sheet names not in ``skip`` (normalised), as a container."""

    def __init__(self, skip: Collection[str]) -> None:
        self.skip = skip

    def __contains__(self, name: str) -> bool:
        return not self.skip or schema.normalise_key(name) not in self.skip


def _checked_layouts(
    path: Path, suffix: str, wanted: _Unskipped, limits: Limits
) -> tuple[dict[str, SheetLayout], dict[str, bool]]:
    """The layouts of the wanted sheets, after the file's bounds are checked: its zip
    parts, and per .xlsx sheet whether its used area is too large to read at once
    (sheet name -> True; a sheet missing there was not inspected)."""
    large: dict[str, bool] = {}

    def inspect(name: str, data: bytes) -> None:
        large[name] = bounds.needs_streaming(data, limits)

    try:
        with zipfile.ZipFile(path) as archive:
            bounds.check_archive(path, archive, limits)
            if suffix != ".ods":
                return xlsx_layouts(archive, wanted, inspect), large
            bounds.check_ods(path, archive, limits)
        return ods_layouts(path), {}
    except ReportError:
        raise
    except Exception:  # not a zip, or a part that does not decompress (zlib, EOF, ...)
        raise _unreadable(path, _CORRUPT) from None


_HEAD_BYTES = 2048
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_SPREADSHEET_ML = b"urn:schemas-microsoft-com:office:spreadsheet"


def _content_kind(path: Path, head: bytes, suffix: str) -> str:
    """The format the file really holds (".xlsx", ".xls", "html", or ``suffix`` when
    its content does not say); raises ReportError for content that is no workbook."""
    if head.startswith(_ZIP_MAGIC):
        return suffix if suffix in (".xlsx", ".xlsm", ".ods") else ".xlsx"
    if head.startswith(_OLE_MAGIC):
        # An Excel 97-2003 workbook, or an encrypted .xlsx (Excel wraps those in the same
        # container): told apart by the names of the streams inside. The size was
        # checked; the container's directory may be anywhere in it.
        data = path.read_bytes()
        encrypted = _ENCRYPTED in data
        if not encrypted and any(stream in data for stream in _XLS_STREAMS):
            return ".xls"
        if encrypted or suffix != ".xls":
            raise _unreadable(
                path,
                "berkas dilindungi kata sandi (terenkripsi). Buka di Excel, hapus kata "
                "sandinya (File > Info > Protect Workbook), simpan, lalu kirim ulang.",
            )
        return suffix  # calamine says what is wrong with it
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if _SPREADSHEET_ML in head.lower():
        raise _unreadable(
            path,
            "isinya format XML Spreadsheet 2003, yang tidak dibaca. Buka di Excel atau "
            "LibreOffice lalu simpan sebagai .xlsx.",
        )
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")) or (
        text.startswith(b"<") and b"<table" in head.lower()
    ):
        return "html"
    if suffix in (".xlsx", ".xlsm", ".ods"):
        raise _unreadable(
            path,
            f"isinya bukan lembar kerja {suffix} (mungkin berkas lain yang diganti namanya). "
            "Simpan ulang dari Excel atau LibreOffice sebagai .xlsx.",
        )
    return suffix


_FORMAT_NAMES = {
    ".xls": "lembar kerja Excel 97–2003 (.xls)",
    ".xlsx": "lembar kerja Excel (.xlsx)",
}


def _utf8(name: str) -> bool:
    """Whether a path is valid UTF-8 (a name copied from another system may hold bytes
    that are not, kept by Python as lone surrogates that calamine cannot take)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _disguised(path: Path, what: str) -> str:
    return (
        f"Berkas {path.name} berisi {what}, bukan {path.suffix.lower()} seperti namanya; "
        "dibaca sesuai isinya. Sebaiknya buka lalu simpan ulang sebagai .xlsx dari templat."
    )


def _note(notes: list[str] | None, text: str) -> None:
    if notes is not None:
        notes.append(text)


def _html_sheets(path: Path, limits: Limits) -> dict[str, list[list]]:
    """The tables of a web page saved under a spreadsheet's name, as sheets named by
    the columns their header holds (as a CSV's); cells as their text."""
    import lxml.html  # only for such files

    try:
        document = lxml.html.document_fromstring(path.read_bytes())
    except (ValueError, lxml.etree.ParserError):
        raise _unreadable(path, _CORRUPT) from None
    sheets: dict[str, list[list]] = {}
    for number, table in enumerate(document.iter("table"), start=1):
        rows: list[list[object]] = []
        width = 0
        for tr in table.iter("tr"):
            row: list[object] = []
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                span = cell.get("colspan", "1").strip()
                spanned = min(int(span), limits.columns + 1) if span.isdigit() else 1
                row.append(" ".join(cell.text_content().split()))
                row.extend([""] * (spanned - 1))
                if len(row) > limits.columns:
                    break
            rows.append(row)
            width = max(width, len(row))
            bounds.check_matrix(path, f"tabel {number}", len(rows), width, limits)
        if not width:
            continue
        rows = [r + [""] * (width - len(r)) for r in rows]
        name = _table_sheet_name(path, np.array(rows, dtype=object), f"Tabel {number}")
        sheets.setdefault(name, rows)
    if not sheets:
        raise _unreadable(path, "halaman web ini tidak berisi tabel.")
    return sheets


def _spreadsheet_rows(
    path: Path, skip: Collection[str], limits: Limits, notes: list[str] | None = None
) -> tuple[dict[str, list[list]], dict[str, SheetLayout]]:
    """Every sheet's cells as lists of rows, and the sheets' layouts; sheets whose
    normalised name is in ``skip`` are not parsed at all (and not returned).

    The format is told from the content, not the name: an Excel 97–2003 file named
    .xlsx, an .xlsx named .xls, or a web page's table named .xls (what many web
    applications' "export to Excel" write) is read as what it is, with a note added to
    ``notes``.

    The file's bounds (:mod:`~kip_training.reports.limits`) are checked first; an .xlsx
    sheet whose used area is too large to read at once, or that could not be inspected,
    is read cell by cell (:func:`~kip_training.reports.limits.stream_sheet`)."""
    bounds.check_size(path, limits)
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise _unreadable(path, os_reason(exc)) from None
    if not head:
        raise _unreadable(path, "berkas kosong (0 byte).")
    suffix = path.suffix.lower()
    kind = _content_kind(path, head, suffix)
    if kind == "html":
        _note(notes, _disguised(path, "tabel halaman web (HTML), misalnya hasil 'ekspor ke Excel'"))
        return _html_sheets(path, limits), {}
    if kind != suffix:
        _note(notes, _disguised(path, _FORMAT_NAMES.get(kind, f"lembar kerja {kind}")))
        suffix = kind
    wanted = _Unskipped(skip)
    layouts, large = (
        _checked_layouts(path, suffix, wanted, limits) if suffix != ".xls" else ({}, {})
    )
    xlsx = suffix in (".xlsx", ".xlsm")
    try:
        if suffix == path.suffix.lower() and _utf8(str(path)):
            workbook = CalamineWorkbook.from_path(str(path))
        else:  # named for another format, or a name that is not UTF-8: read from a handle
            with open(path, "rb") as handle:  # (calamine tells the format from the content)
                workbook = CalamineWorkbook.from_filelike(handle)
        names = [name for name in workbook.sheet_names if name in wanted]
        sheets = {}
        for name in names:
            if xlsx and large.get(name, True):
                continue
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            bounds.check_matrix(path, name, len(rows), max(map(len, rows), default=0), limits)
            sheets[name] = rows
    except ReportError:
        raise
    except Exception as exc:  # calamine raises several types for broken files
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            why = "berkas dilindungi kata sandi. Hapus kata sandinya lalu kirim ulang."
        else:
            why = _CORRUPT
        raise _unreadable(path, why) from None
    for name in names:  # in the workbook's order
        if name not in sheets:
            try:
                sheets[name] = bounds.stream_sheet(path, name, limits)
            except ValueError:
                raise _unreadable(path, _CORRUPT) from None
        else:
            sheets[name] = sheets.pop(name)
    return sheets, layouts


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise _unreadable(path, "berkas kosong.")
    if b"\x00" in data[:4096]:
        raise _unreadable(path, "isinya bukan teks CSV. Simpan ulang sebagai CSV UTF-8.")
    text = textfile.decode(data)
    if text is None:  # pragma: no cover - Windows-1252 leaves five bytes undefined
        raise _unreadable(path, "isinya bukan teks CSV. Simpan ulang sebagai CSV UTF-8.")
    return text


def csv_sheet_name(path: Path) -> str | None:
    """The sheet a CSV file holds, from its name suffix (``..._permohonan.csv``)."""
    stem = schema.normalise_key(path.stem)
    for sheet in schema.SHEETS:
        for name in sorted(sheet.names(), key=len, reverse=True):
            if stem == name or stem.endswith("_" + name):
                return sheet.title
    return None


def _table_sheet_name(path: Path, cells: np.ndarray, fallback: str) -> str:
    """The sheet a one-table file (a CSV, a web page's table) holds: by its file-name
    suffix, else by the columns its header holds, else ``fallback``."""
    name = csv_sheet_name(path)
    if name is None:
        sheet = sheet_for_cells(cells)
        name = sheet.title if sheet is not None else fallback
    return name


def csv_group_key(path: Path) -> str:
    """Files of one report share this key: the name without its sheet suffix."""
    stem = schema.normalise_key(path.stem)
    for sheet in schema.SHEETS:
        for name in sorted(sheet.names(), key=len, reverse=True):
            if stem.endswith("_" + name):
                return str(path.parent / stem[: -len(name) - 1])
    return str(path.parent / stem)


def _csv_rows(path: Path, text: str, limits: Limits) -> list[list[str]]:
    """The rows of a CSV text, refused as soon as one is wider or there are more than
    the limits allow."""
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=textfile.separator(text)):
            rows.append(row)
            if len(row) > limits.columns or len(rows) > limits.rows:
                bounds.check_matrix(path, path.name, len(rows), len(row), limits)
    except csv.Error as exc:
        raise _unreadable(path, f"format CSV rusak ({exc}).") from None
    width = max(map(len, rows), default=0)
    bounds.check_matrix(path, path.name, len(rows), width, limits)
    return rows


def read_csv(path: Path, limits: Limits | None = None) -> dict[str, pd.DataFrame]:
    """One CSV file as raw sheets: by its name suffix, or split by a ``lembar`` column."""
    limits = limits or bounds.DEFAULT
    bounds.check_size(path, limits)
    try:
        text = _decode(path)
    except OSError as exc:
        raise _unreadable(path, os_reason(exc)) from None
    rows = _csv_rows(path, text, limits)
    width = max((len(r) for r in rows), default=0)
    raw = _frame([r + [""] * (width - len(r)) for r in rows])
    if raw.empty:
        raise _unreadable(path, "berkas kosong.")
    header = [schema.normalise_key(v) for v in raw.iloc[0]]
    if SHEET_COLUMN in header:
        # One CSV holding several sheets: split by the "lembar" column, keep row numbers.
        col = header.index(SHEET_COLUMN)
        body = raw.iloc[1:]
        sheets = {}
        for name, part in body.groupby(body[col].astype(str).str.strip(), sort=False):
            block = pd.concat([raw.iloc[[0]], part]).drop(columns=col)
            # Rows keep their CSV line numbers: pad the gaps with blank rows.
            block = block.reindex(range(int(block.index.max()) + 1)).fillna("")
            sheets[name or "(tanpa nama)"] = block
        return sheets
    return {_table_sheet_name(path, raw.to_numpy(dtype=object), path.stem): raw}


def read_raw(path: Path, limits: Limits | None = None) -> dict[str, pd.DataFrame]:
    """Raw sheets of one file (spreadsheet or CSV); raises ReportError when unreadable."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return read_csv(path, limits)
    if suffix in SPREADSHEET_SUFFIXES:
        return read_spreadsheet(path, limits)
    raise _unreadable(
        path,
        f"jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung; "
        "pakai .xlsx, .xlsm, .xls, .ods atau .csv.",
    )


def read_cells(
    path: Path,
    skip: Collection[str] = (),
    limits: Limits | None = None,
    notes: list[str] | None = None,
) -> dict[str, np.ndarray]:
    """Raw sheets of one file as 2-D object arrays (row 0 = Excel row 1), for the loader.

    The same cells as :func:`read_raw` without building a DataFrame per sheet; sheets
    whose normalised name is in ``skip`` (instructions, lists) are not even parsed.
    A file over ``limits`` (default: :data:`~kip_training.reports.limits.DEFAULT`)
    raises ReportError before it is parsed.
    """
    limits = limits or bounds.DEFAULT
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        sheets, layouts = _spreadsheet_rows(path, skip, limits, notes)
        return {
            name: with_layout(_matrix(rows), layouts.get(name)) for name, rows in sheets.items()
        }
    return {
        name: raw.to_numpy(dtype=object)
        for name, raw in read_raw(path, limits).items()
        if not skip or schema.normalise_key(name) not in skip
    }


def find_files(paths, links: list[Path] | None = None) -> tuple[list[Path], list[Path]]:
    """Report files under ``paths`` (folders walked, sorted) and paths that do not exist.

    Symbolic links inside a folder are not followed (a link in a shared folder could lead
    anywhere); those that look like reports, or lead to folders, are added to ``links``
    so the caller can name them (:func:`links_message`). A path given itself is used.
    """
    found: list[Path] = []
    missing: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.name.startswith(("~$", ".~lock", ".")):
                    continue
                if p.is_symlink():
                    if links is not None and (p.suffix.lower() in SUFFIXES or p.is_dir()):
                        links.append(p)
                elif p.suffix.lower() in SUFFIXES and p.is_file():
                    found.append(p)
        elif path.is_file():
            found.append(path)
        else:
            missing.append(path)
    unique = list(dict.fromkeys(found))
    return unique, missing


def links_message(links: list[Path]) -> str | None:
    """One line naming the symbolic links :func:`find_files` skipped (None when none)."""
    if not links:
        return None
    names = ", ".join(str(p) for p in links)
    return f"{len(links)} tautan simbolik di folder laporan dilewati (tidak diikuti): {names}."


def group_files(files: list[Path]) -> list[list[Path]]:
    """Spreadsheets stand alone; CSV files of one report (same prefix) are grouped."""
    groups: dict[str, list[Path]] = {}
    for path in files:
        key = csv_group_key(path) if path.suffix.lower() in CSV_SUFFIXES else str(path)
        groups.setdefault(key, []).append(path)
    return list(groups.values())
