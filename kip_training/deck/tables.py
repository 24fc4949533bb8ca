"""Tables: font size, column widths, estimated row heights, pages, and drawing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


_ALIGN = {"left": 1, "center": 2, "right": 3}  # PP_ALIGN values


def draw_table(
    shapes: Any,
    table: Table,
    layout: TableLayout,
    start: int,
    stop: int,
    left: int,
    top: int,
) -> Any:
    """Draw rows [start, stop) of ``table`` with its header; return the graphic frame."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    rows = table.rows[start:stop]
    width = int(sum(layout.widths) * EMU_PER_POINT)
    height = int(layout.height(start, stop) * EMU_PER_POINT)
    frame = shapes.add_table(len(rows) + 1, len(table.columns), left, top, width, height)
    frame.name = "Tabel"
    grid = frame.table
    grid.first_row = True
    grid.horz_banding = True
    for i, w in enumerate(layout.widths):
        grid.columns[i].width = int(w * EMU_PER_POINT)
    grid.rows[0].height = int(layout.header * EMU_PER_POINT)
    for i, h in enumerate(layout.rows[start:stop], start=1):
        grid.rows[i].height = int(h * EMU_PER_POINT)

    def fill(cell: Any, text: str, align: str, header: bool, tone: Any, band: bool) -> None:
        cell.margin_left = cell.margin_right = Pt(fit.CELL_MARGIN_X)
        cell.margin_top = cell.margin_bottom = Pt(fit.CELL_MARGIN_Y)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        cell.fill.solid()
        if header:
            cell.fill.fore_color.rgb = RGBColor.from_string(template.NAVY)
        else:
            cell.fill.fore_color.rgb = RGBColor.from_string(template.LIGHT if band else "FFFFFF")
        frame_ = cell.text_frame
        frame_.word_wrap = True
        lines = str(text).split("\n")
        for j, line in enumerate(lines):
            paragraph = frame_.paragraphs[0] if j == 0 else frame_.add_paragraph()
            paragraph.alignment = PP_ALIGN.from_xml(
                {"left": "l", "center": "ctr", "right": "r"}[align]
            )
            run = paragraph.add_run()
            run.text = line
            font = run.font
            font.size = Pt(layout.size_pt)
            font.name = template.FONT
            font.bold = header or tone is not None
            if header:
                font.color.rgb = RGBColor.from_string("FFFFFF")
            elif tone == "baik":
                font.color.rgb = RGBColor.from_string(template.GREEN)
            elif tone == "buruk":
                font.color.rgb = RGBColor.from_string(template.RED)
            else:
                font.color.rgb = RGBColor.from_string("222222")

    for j, column in enumerate(table.columns):
        fill(grid.cell(0, j), column.header, column.align, True, None, False)
    for i, row in enumerate(rows, start=1):
        tones: Sequence[Any] = (
            table.tones[start + i - 1] if table.tones is not None else (None,) * len(row)
        )
        for j, (text, column) in enumerate(zip(row, table.columns, strict=True)):
            fill(grid.cell(i, j), text, column.align, False, tones[j], i % 2 == 0)
    return frame
