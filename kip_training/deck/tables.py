"""Tables: font size, column widths, estimated row heights, pages, and drawing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import BaseShapeFactory

from kip_training.deck import fit, pptx_internals, template
from kip_training.deck.model import Table

EMU_PER_POINT = 12700
LARGE_PT = 24
PRESENTED_PT = 16  # tables on presented slides: read from the back of the room
NORMAL_PT = 14  # appendix tables of up to DENSE_ROWS rows
DENSE_PT = 12  # longer appendix tables
DENSE_ROWS = 10


def font_size(table: Table, appendix: bool = False) -> int:
    """Text size of a table: 16 pt or more on presented slides, 12–14 pt in the appendix."""
    if table.large:
        return LARGE_PT
    if not appendix:
        return PRESENTED_PT
    return NORMAL_PT if len(table.rows) <= DENSE_ROWS else DENSE_PT


def column_widths(table: Table, width_pt: float, appendix: bool = False) -> list[float]:
    """Column widths (points): no word broken, short columns on one line when possible."""
    size = font_size(table, appendix)
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


def measure(table: Table, width_pt: float, appendix: bool = False) -> TableLayout:
    size = font_size(table, appendix)
    widths = column_widths(table, width_pt, appendix)
    header = fit.row_height([c.header for c in table.columns], widths, size, bold=True)
    rows = tuple(fit.row_height(row, widths, size) for row in table.rows)
    return TableLayout(size, tuple(widths), header, rows)


_ALGN = {"left": "l", "center": "ctr", "right": "r"}  # a:pPr/@algn values
_CTRL_CHARS = re.compile(r"[\x00-\x08\x0B-\x1F]")
_NSDECL = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _emu(points: float) -> int:
    """Points to EMU, truncated as ``pptx.util.Pt`` does."""
    return int(points * EMU_PER_POINT)


_TABLE_STYLE_ID = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # python-pptx's default style
_GRAPHIC_DATA_TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"


@dataclass(frozen=True)
class _CellXml:
    """The XML of a ``a:tc`` of one style, around its text.

    It is what python-pptx writes when a cell is styled through its API (margins, middle
    anchor, solid fill, wrapped text, aligned paragraph, sized/bold/coloured font) and its
    text set: one paragraph with one run per line.
    """

    head: str
    between: str
    tail: str

    def xml(self, text: Any) -> str:
        lines = (_escape(line) for line in str(text).split("\n"))
        return self.head + self.between.join(lines) + self.tail


def _cell_xml(
    size_pt: int, align: str, fill: template.Colour, color: template.Colour, bold: bool
) -> _CellXml:
    """The cell XML for one style: theme colours, the theme's body font, id-ID text."""
    margin_x, margin_y = _emu(fit.CELL_MARGIN_X), _emu(fit.CELL_MARGIN_Y)
    paragraph_open = (
        f'<a:p><a:pPr algn="{_ALGN[align]}"/>'
        f'<a:r><a:rPr lang="{template.LANG}" sz="{size_pt * 100}" b="{int(bold)}">'
        f"<a:solidFill>{color.xml()}</a:solidFill>"
        f'<a:latin typeface="{template.MINOR_FONT}"/></a:rPr><a:t>'
    )
    paragraph_close = "</a:t></a:r></a:p>"
    return _CellXml(
        head='<a:tc><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/>' + paragraph_open,
        between=paragraph_close + paragraph_open,
        tail=(
            f'{paragraph_close}</a:txBody><a:tcPr marL="{margin_x}" marR="{margin_x}"'
            f' marT="{margin_y}" marB="{margin_y}" anchor="ctr"><a:solidFill>'
            f"{fill.xml()}</a:solidFill></a:tcPr></a:tc>"
        ),
    )


def _style(size_pt: int, align: str, header: bool, tone: Any, band: bool) -> _CellXml:
    """The cell XML for one style (same rules as the former per-cell styling)."""
    if header:
        return _cell_xml(size_pt, align, template.ACCENT, template.ON_ACCENT, True)
    fill = template.ACCENT_LIGHT if band else template.BACKGROUND
    color = template.TONES.get(tone, template.TEXT)
    return _cell_xml(size_pt, align, fill, color, tone is not None)


def _escape(line: str) -> str:
    """``line`` as XML text, control characters written as _xHHHH_ like python-pptx does."""
    if _CTRL_CHARS.search(line):
        line = _CTRL_CHARS.sub(lambda m: f"_x{ord(m.group(0)):04X}_", line)
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table_xml(
    table: Table, layout: TableLayout, start: int, stop: int, shape_id: int, left: int, top: int
) -> str:
    """The ``p:graphicFrame`` of rows [start, stop) of ``table`` with its header, as XML text.

    The same XML python-pptx writes for ``add_table`` followed by per-cell styling; built
    as one string and parsed once, which is many times faster for long tables.
    """
    widths = [_emu(w) for w in layout.widths]
    heights = [_emu(layout.header)] + [_emu(h) for h in layout.rows[start:stop]]
    size = layout.size_pt
    parts = [
        f"<p:graphicFrame {_NSDECL}><p:nvGraphicFramePr>"
        f'<p:cNvPr id="{shape_id}" name="Tabel"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>'
        "<p:nvPr/></p:nvGraphicFramePr>"
        f'<p:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{sum(widths)}" cy="{sum(heights)}"/>'
        f'</p:xfrm><a:graphic><a:graphicData uri="{_GRAPHIC_DATA_TABLE}"><a:tbl>'
        f'<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{_TABLE_STYLE_ID}</a:tableStyleId>'
        "</a:tblPr><a:tblGrid>",
        *(f'<a:gridCol w="{w}"/>' for w in widths),
        f'</a:tblGrid><a:tr h="{heights[0]}">',
        *(_style(size, c.align, True, None, False).xml(c.header) for c in table.columns),
        "</a:tr>",
    ]
    untoned = {
        band: [_style(size, c.align, False, None, band) for c in table.columns]
        for band in (False, True)
    }
    for i, row in enumerate(table.rows[start:stop], start=1):
        band = i % 2 == 0
        styles: Sequence[_CellXml] = untoned[band]
        if table.tones is not None:
            tones = table.tones[start + i - 1]
            styles = [
                _style(size, c.align, False, tone, band)
                for c, tone in zip(table.columns, tones, strict=True)
            ]
        parts.append(f'<a:tr h="{heights[i]}">')
        parts.extend(style.xml(text) for style, text in zip(styles, row, strict=True))
        parts.append("</a:tr>")
    parts.append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")
    return "".join(parts)


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

    The frame is written as XML text (see :func:`_table_xml`) and parsed in one go.
    """

    tree = pptx_internals.shape_tree(shapes.parent)
    xml = _table_xml(table, layout, start, stop, tree.max_shape_id + 1, left, top)
    frame = parse_xml(xml)
    if "<a:t></a:t>" in xml:  # python-pptx writes an empty line as <a:t></a:t>, not <a:t/>
        for t in frame.iter(qn("a:t")):
            if t.text is None:
                t.text = ""
    tree.insert_element_before(frame, "p:extLst")
    return BaseShapeFactory(frame, shapes)
