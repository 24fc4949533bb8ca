"""Tables: font size, column widths, estimated row heights, pages, and drawing."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kip_training.deck import fit, template
from kip_training.deck.model import Table

EMU_PER_POINT = 12700
LARGE_PT = 24
NORMAL_PT = 14
DENSE_PT = 12
DENSE_ROWS = 10  # tables with more rows use the dense size


def font_size(table: Table) -> int:
    if table.large:
        return LARGE_PT
    return NORMAL_PT if len(table.rows) <= DENSE_ROWS else DENSE_PT


def column_widths(table: Table, width_pt: float) -> list[float]:
    """Column widths (points): no word broken, short columns on one line when possible."""
    size = font_size(table)
    pad = 2 * fit.CELL_MARGIN_X + 1
    minimum, desired = [], []
    for j, column in enumerate(table.columns):
        cells = [row[j] for row in table.rows]
        minimum.append(
            max(
                [fit.longest_word(column.header, size, bold=True)]
                + [fit.longest_word(c, size) for c in cells]
            )
            + pad
        )
        desired.append(
            max(
                [fit.longest_word(column.header, size, bold=True)]
                + [fit.longest_line(c, size) for c in cells]
            )
            + pad
        )
    return fit.auto_widths(minimum, desired, [c.weight for c in table.columns], width_pt)


@dataclass(frozen=True)
class TableLayout:
    """A table's measured rows: header height, row heights, widths (all in points)."""

    size_pt: int
    widths: tuple[float, ...]
    header: float
    rows: tuple[float, ...]

    def height(self, start: int = 0, stop: int | None = None) -> float:
        return self.header + sum(self.rows[start:stop])


def measure(table: Table, width_pt: float) -> TableLayout:
    size = font_size(table)
    widths = column_widths(table, width_pt)
    header = fit.row_height([c.header for c in table.columns], widths, size, bold=True)
    rows = tuple(fit.row_height(row, widths, size) for row in table.rows)
    return TableLayout(size, tuple(widths), header, rows)


_ALGN = {"left": "l", "center": "ctr", "right": "r"}  # a:pPr/@algn values
_BODY_COLOR = "222222"
_HEADER_COLOR = "FFFFFF"
_TONE_COLORS = {"baik": template.GREEN, "buruk": template.RED}
_CTRL_CHARS = re.compile(r"[\x00-\x08\x0B-\x1F]")
_NSDECL = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _emu(points: float) -> int:
    """Points to EMU, truncated as ``pptx.util.Pt`` does."""
    return int(points * EMU_PER_POINT)


@lru_cache(maxsize=256)
def _cell_template(size_pt: int, align: str, fill: str, color: str, bold: bool) -> Any:
    """A styled ``a:tc`` with one empty run, built once per style and deep-copied per cell.

    The XML is what python-pptx writes when a cell is styled through its API (margins,
    middle anchor, solid fill, wrapped text, aligned paragraph, sized/bold/coloured font).
    """
    from pptx.oxml import parse_xml

    margin_x, margin_y = _emu(fit.CELL_MARGIN_X), _emu(fit.CELL_MARGIN_Y)
    xml = (
        f"<a:tc {_NSDECL}>"
        '<a:txBody><a:bodyPr wrap="square"/><a:lstStyle/>'
        f'<a:p><a:pPr algn="{_ALGN[align]}"/>'
        f'<a:r><a:rPr sz="{size_pt * 100}" b="{int(bold)}">'
        f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
        f'<a:latin typeface="{template.FONT}"/></a:rPr><a:t/></a:r></a:p>'
        "</a:txBody>"
        f'<a:tcPr marL="{margin_x}" marR="{margin_x}" marT="{margin_y}" marB="{margin_y}"'
        f' anchor="ctr"><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr>'
        "</a:tc>"
    )
    return parse_xml(xml)


def _style(size_pt: int, align: str, header: bool, tone: Any, band: bool) -> Any:
    """The template cell for one style (same rules as the former per-cell styling)."""
    if header:
        return _cell_template(size_pt, align, template.NAVY, _HEADER_COLOR, True)
    fill = template.LIGHT if band else "FFFFFF"
    color = _TONE_COLORS.get(tone, _BODY_COLOR)
    return _cell_template(size_pt, align, fill, color, tone is not None)


def _cell(style: Any, text: Any) -> Any:
    """A deep copy of ``style`` holding ``text``: one paragraph per line, like ``run.text``."""
    tc = copy.deepcopy(style)
    paragraph = tc[0][2]  # a:tc/a:txBody/a:p
    lines = str(text).split("\n")
    if len(lines) > 1:
        body = tc[0]
        for _ in lines[1:]:
            body.append(copy.deepcopy(paragraph))
    for p, line in zip(tc[0][2:], lines, strict=True):
        if _CTRL_CHARS.search(line):  # python-pptx writes control characters as _xHHHH_
            line = _CTRL_CHARS.sub(lambda m: f"_x{ord(m.group(0)):04X}_", line)
        p[1][1].text = line  # a:p/a:r/a:t
    return tc


def draw_table(
    shapes: Any,
    table: Table,
    layout: TableLayout,
    start: int,
    stop: int,
    left: int,
    top: int,
) -> Any:
    """Draw rows [start, stop) of ``table`` with its header; return the graphic frame.

    The table is added with one row, then its grid and rows are written as XML: each cell
    is a copy of a prebuilt styled cell (see :func:`_cell_template`) with its text set.
    """
    from pptx.oxml.ns import qn

    rows = table.rows[start:stop]
    widths = [_emu(w) for w in layout.widths]
    heights = [_emu(layout.header)] + [_emu(h) for h in layout.rows[start:stop]]
    frame = shapes.add_table(1, len(table.columns), left, top, sum(widths), heights[0])
    frame.name = "Tabel"
    grid = frame.table
    grid.first_row = True
    grid.horz_banding = True
    tbl = grid._tbl
    for column, w in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.set("w", str(w))
    for tr in tbl.tr_lst:
        tbl.remove(tr)
    tr_tag = qn("a:tr")
    size = layout.size_pt

    header = tbl.makeelement(tr_tag, {"h": str(heights[0])})
    for column in table.columns:
        header.append(_cell(_style(size, column.align, True, None, False), column.header))
    tbl.append(header)
    no_tones = (None,) * len(table.columns)
    for i, row in enumerate(rows, start=1):
        tones: Sequence[Any] = table.tones[start + i - 1] if table.tones is not None else no_tones
        band = i % 2 == 0
        tr = tbl.makeelement(tr_tag, {"h": str(heights[i])})
        for j, (text, column) in enumerate(zip(row, table.columns, strict=True)):
            tr.append(_cell(_style(size, column.align, False, tones[j], band), text))
        tbl.append(tr)
    frame.width = sum(widths)
    frame.height = sum(heights)
    return frame
