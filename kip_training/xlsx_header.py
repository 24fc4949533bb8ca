"""The header row of the toolkit's own workbooks (report template, monev checklist):
bold white titles on dark blue, wrapped, with their column widths, frozen below."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kip_training.safe_export import neutralise

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def header_row(ws, titles: list[str], widths: list[int]) -> None:
    """Write ``titles`` in row 1 with their ``widths`` and freeze the rows above row 2."""
    for col, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=col, value=neutralise(title))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
