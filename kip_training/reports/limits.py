"""Bounds on what one report file may cost to read, checked before it is parsed.

A small hostile (or broken) file can ask a spreadsheet reader for gigabytes: one cell at
XFD1048576 makes python-calamine allocate the whole rectangle above and left of it, a
zip part can inflate a thousandfold, an .ods can repeat a row a million times, a CSV can
hold 200,000 columns. The checks here are cheap and run before parsing:

- the file's size, and each zip part's uncompressed size and compression ratio (from
  the zip's directory, nothing decompressed);
- per .xlsx sheet, while its XML is decompressed anyway for its layout: the
  ``<dimension>`` and the largest cell reference. A sheet whose references reach
  beyond a few thousand rows or columns is measured exactly, and one whose used
  area is larger than :attr:`Limits.cells` is read by :func:`stream_sheet`, which
  costs memory in proportion to the filled cells, not to the used area;
- an .ods's ``content.xml``: the filled rows and columns, repeats counted;
- a CSV's width and rows while it is read.

A file over a limit gives one :class:`~kip_training.errors.ReportError` naming it
("terlalu besar atau rusak", with the limit); the limits come from kip.toml ``[batas]``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from xml.etree import ElementTree

from kip_training.errors import ReportError

MB = 1024 * 1024
#: Parts smaller than this are never refused for their compression ratio.
RATIO_FLOOR_BYTES = 1 * MB


@dataclass(frozen=True)
class Limits:
    """What one report file may hold (kip.toml ``[batas]``; names are the toml keys')."""

    file_mb: int = 50  # ukuran_berkas_mb
    part_mb: int = 64  # ukuran_bagian_mb: one zip part, uncompressed
    ratio: int = 100  # rasio_kompresi: uncompressed / compressed, parts over 1 MB
    rows: int = 100_000  # baris_per_lembar: filled rows of a sheet
    columns: int = 1_000  # kolom_per_lembar
    cells: int = 5_000_000  # sel_per_lembar: used area read at once (rows x columns)
    memory_mb: int = 1_536  # memori_mb: address space a reading child process may add

    @classmethod
    def from_settings(cls, settings: Mapping[str, int] | None) -> Limits:
        """From the ``[batas]`` values of kip.toml (toml key -> value)."""
        values = {}
        for item in fields(cls):
            key = TOML_KEYS[item.name]
            if settings and key in settings:
                values[item.name] = int(settings[key])
        return cls(**values)


#: Field of :class:`Limits` -> its key in kip.toml ``[batas]``.
TOML_KEYS = {
    "file_mb": "ukuran_berkas_mb",
    "part_mb": "ukuran_bagian_mb",
    "ratio": "rasio_kompresi",
    "rows": "baris_per_lembar",
    "columns": "kolom_per_lembar",
    "cells": "sel_per_lembar",
    "memory_mb": "memori_mb",
}

DEFAULT = Limits()


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def too_big(path: Path | str, what: str, limit: str) -> ReportError:
    """The one message for a file over a limit (or one whose reader gave up)."""
    return ReportError(
        f"Berkas {Path(path).name} terlalu besar atau rusak: {what} (batas {limit}; batas "
        "diatur di kip.toml bagian [batas]). Hapus isi di luar tabel laporan, simpan ulang "
        "dari Excel atau LibreOffice, lalu kirim ulang."
    )


def check_size(path: Path, limits: Limits) -> None:
    """The file's size on disk."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader says what is wrong
    if size > limits.file_mb * MB:
        raise too_big(path, f"ukurannya {_n(size // MB)} MB", f"{_n(limits.file_mb)} MB")


def check_archive(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Every zip part's uncompressed size and compression ratio (from the directory)."""
    for info in archive.infolist():
        if info.file_size > limits.part_mb * MB:
            raise too_big(
                path,
                f"bagian {info.filename} berukuran {_n(info.file_size // MB)} MB setelah dibuka",
                f"{_n(limits.part_mb)} MB per bagian",
            )
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise too_big(
                path,
                f"bagian {info.filename} dimampatkan "
                f"{_n(info.file_size // max(info.compress_size, 1))} kali",
                f"rasio {_n(limits.ratio)}",
            )


def check_zip(path: Path, limits: Limits) -> None:
    """:func:`check_archive` on the file at ``path`` (nothing when it is no zip)."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(path, archive, limits)
    except (OSError, ValueError, zipfile.BadZipFile):
        return  # the reader says what is wrong with the file


# -- .xlsx sheets -------------------------------------------------------------------------

#: A reference with three column letters (AAA and beyond) or a row of 5+ digits: absent
#: from ordinary reports, present wherever the used area is large. Possessive repeats
#: keep the search at about 1.5 ms per MB of sheet XML.
_FAR = re.compile(rb' r="(?:[A-Z]{2}[A-Z]|[A-Z]{0,2}+[0-9]{4}+[0-9])')
_REFS = re.compile(rb' r="([A-Z]{0,3})([0-9]{1,7})"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z$]*[0-9$]*:?\$?([A-Z]{1,3})\$?([0-9]+)"')


def _column(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number


def sheet_extent(data: bytes) -> tuple[int, int]:
    """(rows, columns) of a sheet's used area, as far as its XML says (0, 0 when small).

    Only sheets whose references reach far (:data:`_FAR`) or whose ``<dimension>`` is
    large are measured; for the others (every ordinary report) this is one search.
    """
    rows = columns = 0
    dimension = _DIMENSION.search(data, 0, 4096)
    if dimension:
        columns, rows = _column(dimension.group(1)), int(dimension.group(2))
    if rows < 10_000 and columns < 703 and not _FAR.search(data):
        return 0, 0
    for letters, number in _REFS.findall(data):
        rows = max(rows, int(number))
        if letters:
            columns = max(columns, _column(letters))
    return rows, columns


def needs_streaming(data: bytes, limits: Limits) -> bool:
    """Whether a sheet's used area is too large to be read at once (by calamine)."""
    rows, columns = sheet_extent(data)
    return rows * max(columns, 1) > limits.cells or rows > limits.rows or columns > limits.columns


def check_matrix(path: Path, sheet: str, rows: int, columns: int, limits: Limits) -> None:
    """The filled area of a sheet as read (rows and columns up to its last value)."""
    if rows > limits.rows or columns > limits.columns or rows * columns > limits.cells:
        raise too_big(
            path,
            f"lembar {sheet} terisi sampai baris {_n(rows)}, kolom {_n(columns)}",
            f"{_n(limits.rows)} baris, {_n(limits.columns)} kolom dan {_n(limits.cells)} sel "
            "per lembar",
        )


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_calamine(value):
    """A value read by openpyxl as python-calamine gives it (the loader sees no difference)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def stream_sheet(path: Path, sheet: str, limits: Limits) -> list[list]:
    """One .xlsx sheet's rows, read cell by cell (openpyxl, read-only): memory follows the
    filled cells, not the used area. Blank cells beyond the last value are dropped;
    a sheet whose values still reach beyond the limits raises ReportError, one that
    cannot be parsed ValueError."""
    import openpyxl

    filled: list[tuple[int, tuple]] = []
    last_row = width = 0
    handle = open(path, "rb")  # noqa: SIM115 - closed below; a handle: any file name will do
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for broken files
        handle.close()
        raise ValueError(sheet) from None
    try:
        worksheet = workbook[sheet]
        worksheet.reset_dimensions()  # the <dimension> may lie: read what is there
        for index, row in enumerate(worksheet.iter_rows(values_only=True)):
            if not row:
                continue
            last = max((c for c, v in enumerate(row) if not _blank(v)), default=-1)
            if last < 0:
                continue
            last_row, width = index + 1, max(width, last + 1)
            check_matrix(path, sheet, last_row, width, limits)
            filled.append((index, row[: last + 1]))
    except ReportError:
        raise
    except Exception:
        raise ValueError(sheet) from None
    finally:
        workbook.close()
        handle.close()
    rows = [[""] * width for _ in range(last_row)]
    for index, row in filled:
        rows[index][: len(row)] = [_as_calamine(v) for v in row]
    return rows


# -- .ods ---------------------------------------------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_REPEAT = re.compile(rb'number-(?:rows|columns)-repeated="([0-9]+)"')


def _repeat(element, what: str) -> int:
    try:
        return max(1, int(element.get(f"{_TABLE}number-{what}-repeated", "1")))
    except ValueError:
        return 1


def check_ods(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """The filled area of every table in ``content.xml``, repeated rows and cells counted
    (LibreOffice repeats empty cells to the sheet's edge: those do not count)."""
    try:
        data = archive.read("content.xml")
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, EOFError):
        return  # the reader says what is wrong
    if not any(int(n) > 1_000 for n in _REPEAT.findall(data)):
        return  # no large repeat: the area is bounded by the XML itself
    name, row, rows, columns, cells, col = "", 0, 0, 0, 0, 0
    row_cells = row_width = 0
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    name, row, rows, columns, cells = element.get(f"{_TABLE}name", ""), 0, 0, 0, 0
                elif tag == f"{_TABLE}table-row":
                    col = row_cells = row_width = 0
                continue
            if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                repeat = _repeat(element, "columns")
                if element.get(f"{_OFFICE}value-type") is not None or len(element):
                    row_cells += repeat
                    row_width = col + repeat
                col += repeat
                element.clear()
            elif tag == f"{_TABLE}table-row":
                repeat = _repeat(element, "rows")
                if row_cells:
                    rows, columns = row + repeat, max(columns, row_width)
                    cells += row_cells * repeat
                    if rows > limits.rows or columns > limits.columns or cells > limits.cells:
                        check_matrix(path, name, rows, columns, limits)
                        raise too_big(
                            path,
                            f"lembar {name} berisi {_n(cells)} sel",
                            f"{_n(limits.cells)} sel per lembar",
                        )
                row += repeat
                element.clear()
    except ElementTree.ParseError:
        return  # the reader says what is wrong
