"""What a sheet's XML says beyond its cell values: merged ranges, formulas without a
stored value, hidden rows and filters.

python-calamine reads cell values only: a merged range gives its value in the first
cell and empty cells elsewhere, and a formula that was never calculated (files written
by scripts, or by openpyxl) gives an empty cell. This module reads the little that is
missing straight from the file (``xl/worksheets/sheetN.xml`` of an .xlsx/.xlsm,
``content.xml`` of an .ods), cheaply: a sheet's XML is only searched with a regular
expression when a byte scan finds a marker (``<mergeCell``, ``hidden=``, ``<f``; each
looked for only where the schema lets it be), so a plain report costs one decompression
and two scans per sheet. Parts larger than
:data:`MAX_PART_BYTES` are not inspected.

Positions are 0-based, row 0 = Excel row 1, as in the loader's cell matrices.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import numpy as np

#: A sheet part bigger than this (uncompressed) is read for values only.
MAX_PART_BYTES = 64 * 1024 * 1024
#: ODS rows whose merges and visibility are read (repeated rows are counted, not visited).
MAX_ODS_ROWS = 200_000


@dataclass
class SheetLayout:
    """What calamine does not report about one sheet."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> formula
    hidden_rows: list[int] = field(default_factory=list)
    filtered: bool = False

    def __bool__(self) -> bool:
        return bool(self.merges or self.formulas or self.hidden_rows or self.filtered)


class Cells(np.ndarray):
    """A sheet's cell matrix that also carries its :class:`SheetLayout` (or None)."""

    layout: SheetLayout | None = None

    def __array_finalize__(self, obj) -> None:
        # Slices and copies of a sheet are not the sheet: they carry no layout.
        self.layout = None


def with_layout(matrix: np.ndarray, layout: SheetLayout | None) -> np.ndarray:
    """``matrix`` with merged ranges filled (grown to hold them), carrying ``layout``."""
    if not layout:
        return matrix
    rows = max([matrix.shape[0]] + [r1 + 1 for _, _, r1, _ in layout.merges])
    cols = max([matrix.shape[1] if matrix.ndim == 2 else 0] + [c1 + 1 for *_, c1 in layout.merges])
    if (rows, cols) != matrix.shape:
        grown = np.full((rows, cols), None, dtype=object)
        if matrix.size:
            grown[: matrix.shape[0], : matrix.shape[1]] = matrix
        matrix = grown
    else:
        matrix = matrix.copy()
    for r0, c0, r1, c1 in layout.merges:
        matrix[r0 : r1 + 1, c0 : c1 + 1] = matrix[r0, c0]
    cells = matrix.view(Cells)
    cells.layout = layout
    return cells


def layout_of(cells: np.ndarray) -> SheetLayout | None:
    return cells.layout if isinstance(cells, Cells) else None


_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def cell_position(ref: str) -> tuple[int, int]:
    """(row, col), 0-based, of an A1 reference ("C5" -> (4, 2))."""
    match = _REF.fullmatch(ref.replace("$", ""))
    if not match:
        raise ValueError(ref)
    col = 0
    for char in match.group(1):
        col = col * 26 + ord(char) - 64
    return int(match.group(2)) - 1, col - 1


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z$]+[0-9$]+):([A-Z$]+[0-9$]+)"')
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_INLINE = re.compile(rb"<(?:\w+:)?is>")


def _attrs(tag: bytes) -> dict[str, str]:
    return {k.decode().split(":")[-1]: v.decode() for k, v in _ATTR.findall(tag)}


def _xlsx_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the archive, from workbook.xml and its relationships."""
    workbook = archive.read("xl/workbook.xml")
    relations = {}
    for tag in _RELATION.findall(archive.read("xl/_rels/workbook.xml.rels")):
        attrs = _attrs(tag)
        target = attrs.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        relations[attrs.get("Id")] = posixpath.normpath(target)
    parts = {}
    for tag in _SHEET.findall(workbook):
        attrs = _attrs(tag)
        part = relations.get(attrs.get("id"))
        if part and "name" in attrs:
            parts[_unescape(attrs["name"])] = part
    return parts


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _cells_span(data: bytes) -> tuple[int, int, bytes]:
    """Where a sheet's ``sheetData`` content lies in its XML (start, end; 0, 0 when it has
    none), and the tag prefix of that element (``b"x:"`` or ``b""``)."""
    opening = data.find(b"sheetData")
    closing = data.rfind(b"sheetData>")
    if opening < 0 or closing <= opening:  # no cells (or <sheetData/>)
        return 0, 0, b""
    tag = data.rfind(b"<", 0, opening)
    return data.find(b">", opening) + 1, data.rfind(b"<", 0, closing), data[tag + 1 : opening]


def _outside(data: bytes, marker: bytes, start: int, end: int) -> bool:
    """Whether ``marker`` occurs in ``data`` outside ``start:end``."""
    return data.find(marker, 0, start) >= 0 or data.find(marker, end) >= 0


def _xlsx_sheet(data: bytes) -> SheetLayout:
    # The schema puts merged ranges and the filter outside sheetData, and formulas (the
    # <f> element) only inside it: each marker is searched where it can be, and the cells
    # (nearly all of the XML) are scanned twice, for hidden rows and for formulas.
    start, end, prefix = _cells_span(data)
    layout = SheetLayout()
    if _outside(data, b"mergeCell ", start, end):
        for first, last in _MERGE.findall(data):
            r0, c0 = cell_position(first.decode())
            r1, c1 = cell_position(last.decode())
            layout.merges.append((min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)))
    if b"hidden=" in data:
        for attrs in _ROW.findall(data):
            found = _attrs(attrs)
            if found.get("hidden") in ("1", "true") and found.get("r", "").isdigit():
                layout.hidden_rows.append(int(found["r"]) - 1)
    layout.filtered = _outside(data, b"autoFilter", start, end)
    if data.find(b"<" + prefix + b"f", start, end) >= 0:
        for attrs, body in _CELL.findall(data):
            if not body or not _FORMULA.search(body) or _VALUE.search(body):
                continue
            if _INLINE.search(body):
                continue
            ref = _attrs(attrs).get("r")
            formula = _FORMULA.search(body).group(1) or b""
            if ref:
                layout.formulas[cell_position(ref)] = "=" + _unescape(formula.decode())
    return layout


def xlsx_layouts(
    source: Path | zipfile.ZipFile, names=None, inspect=None
) -> dict[str, SheetLayout]:
    """Sheet name -> its layout, for the sheets (of ``names``, default all) of an
    .xlsx/.xlsm (a path, or the archive already open) that have one. ``inspect(name,
    data)`` is called with each of those sheets' XML (any size), so a caller can check
    it without decompressing it again."""
    try:
        if isinstance(source, zipfile.ZipFile):
            return _archive_layouts(source, names, inspect)
        with zipfile.ZipFile(source) as archive:
            return _archive_layouts(archive, names, inspect)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return {}  # the values reader says what is wrong with the file


def _archive_layouts(archive: zipfile.ZipFile, names, inspect) -> dict[str, SheetLayout]:
    layouts = {}
    for name, part in _xlsx_parts(archive).items():
        if names is not None and name not in names:
            continue
        try:
            info = archive.getinfo(part)
        except KeyError:
            continue
        if info.file_size > MAX_PART_BYTES and inspect is None:
            continue
        data = archive.read(info)
        if inspect is not None:
            inspect(name, data)
        if info.file_size > MAX_PART_BYTES:
            continue
        layout = _xlsx_sheet(data)
        if layout:
            layouts[name] = layout
    return layouts


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODS_MARKERS = (b"number-rows-spanned", b"number-columns-spanned", b"table:visibility", b"formula")


def _t(name: str) -> str:
    return f"{{{_TABLE}}}{name}"


def ods_layouts(path: Path) -> dict[str, SheetLayout]:
    """Sheet name -> its layout, for the sheets of an .ods that have one."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > MAX_PART_BYTES:
                return {}
            data = archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile):
        return {}
    if not any(marker in data for marker in _ODS_MARKERS):
        return {}
    try:
        return _ods_tables(data)
    except ElementTree.ParseError:
        return {}


def _ods_tables(data: bytes) -> dict[str, SheetLayout]:
    import io

    layouts: dict[str, SheetLayout] = {}
    layout, name, row, col = SheetLayout(), "", -1, 0
    for event, element in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _t("table"):
                layout, name, row = SheetLayout(), element.get(_t("name"), ""), -1
            elif tag == _t("table-row"):
                row, col = row + 1, 0
                if row <= MAX_ODS_ROWS and element.get(_t("visibility")) in ("collapse", "filter"):
                    layout.hidden_rows.append(row)
                    layout.filtered |= element.get(_t("visibility")) == "filter"
            continue
        if tag == _t("table-row"):
            row += int(element.get(_t("number-rows-repeated"), "1")) - 1
        elif tag in (_t("table-cell"), _t("covered-table-cell")):
            rows = int(element.get(_t("number-rows-spanned"), "1"))
            cols = int(element.get(_t("number-columns-spanned"), "1"))
            if tag == _t("table-cell") and (rows > 1 or cols > 1) and row <= MAX_ODS_ROWS:
                layout.merges.append((row, col, row + rows - 1, col + cols - 1))
            formula = element.get(_t("formula"))
            if formula and element.get(f"{{{_OFFICE}}}value-type") is None:
                layout.formulas[(row, col)] = formula.split(":", 1)[-1]
            col += int(element.get(_t("number-columns-repeated"), "1"))
            element.clear()
        elif tag == _t("table"):
            if layout:
                layouts[name] = layout
            element.clear()
        elif tag == _t("database-range") and element.get(_t("display-filter-buttons")) == "true":
            target = element.get(_t("target-range-address"), "")
            sheet = target.split(".", 1)[0].strip("'$")
            if sheet:
                layouts.setdefault(sheet, SheetLayout()).filtered = True
    return layouts


def read_layouts(path: Path, names=None) -> dict[str, SheetLayout]:
    """The layouts of a workbook's sheets (of ``names``, default all; empty for other files)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return xlsx_layouts(path, names)
    if suffix == ".ods":
        return ods_layouts(path)
    return {}


def _a1(row: int, col: int) -> str:
    letters, number = "", col + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _listed(items: list[str], limit: int = 6) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" dan {len(items) - limit} lainnya" if len(items) > limit else "")


def layout_notes(
    layout: SheetLayout, start: int, data_rows: set[int], headers: list | None = None
) -> list[tuple[str, int]]:
    """Notes (message, Excel row) on what the layout changed in a sheet's data: merged
    cells filled, hidden or filtered rows read. ``start``: rows before the data (0-based
    first data row); ``data_rows``: Excel rows read as data; ``headers``: the header
    row's cells, to name the column of each merged range."""
    notes = []
    merged = [m for m in layout.merges if m[0] >= start and m[0] + 1 in data_rows]
    if merged:

        def named(c0: int, ref: str) -> str:
            title = headers[c0] if headers is not None and c0 < len(headers) else None
            return f"kolom '{str(title).strip()}' {ref}" if title not in (None, "") else ref

        refs = [named(c0, f"{_a1(r0, c0)}:{_a1(r1, c1)}") for r0, c0, r1, c1 in merged]
        notes.append(
            (
                f"{len(merged)} sel gabungan di baris data ({_listed(refs)}) dibaca dengan "
                "nilai sel gabungannya di setiap baris dan kolom yang dicakupnya. Periksa "
                "bahwa nilainya memang berlaku untuk setiap baris; sebaiknya jangan "
                "menggabungkan sel data.",
                merged[0][0] + 1,
            )
        )
    hidden = sorted(r + 1 for r in layout.hidden_rows if r + 1 in data_rows)
    if hidden:
        how = "tersembunyi atau tersaring (filter)" if layout.filtered else "tersembunyi"
        notes.append(
            (
                f"{len(hidden)} baris {how} ikut dibaca dan dihitung (baris "
                f"{_listed([str(r) for r in hidden])}). Tampilkan semua baris untuk "
                "memeriksanya.",
                hidden[0],
            )
        )
    return notes
