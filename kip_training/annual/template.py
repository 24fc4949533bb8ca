"""The Word template of the annual report: named styles a user can restyle in Word or Writer.

``templates/laporan_tahunan.docx`` is written by :func:`write_template` (tests check the
committed file is current). The report is built on it, so a body that changes the fonts,
colours or margins of these styles in its own copy gets its house style:

- paragraph styles ``Title``, ``Heading 1``, ``Heading 2``, ``Normal``, ``Caption`` and
  ``Isian Kosong`` (the visible "[isi: …]" placeholders);
- the table style ``Tabel Laporan``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from kip_training.paths import TEMPLATES_DIR

TEMPLATE = TEMPLATES_DIR / "laporan_tahunan.docx"
TABLE_STYLE = "Tabel Laporan"
PLACEHOLDER_STYLE = "Isian Kosong"
PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "Normal", "Caption", PLACEHOLDER_STYLE)
FONT = "Liberation Sans"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)


def _font(style, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _borders(style) -> None:
    """Thin grey borders on every cell edge of a table style."""
    tbl_pr = style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        style.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), "8C8C8C")
        borders.append(element)
    tbl_pr.append(borders)


def write_template(path: Path | str = TEMPLATE) -> Path:
    """Write the template (styles only, an empty body) to ``path``."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    styles = doc.styles
    _font(styles["Normal"], 10.5)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    _font(styles["Title"], 22, bold=True, color=ACCENT)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _font(styles["Heading 1"], 15, bold=True, color=ACCENT)
    styles["Heading 1"].paragraph_format.space_before = Pt(18)
    styles["Heading 1"].paragraph_format.page_break_before = False
    _font(styles["Heading 2"], 12, bold=True, color=ACCENT)
    _font(styles["Caption"], 9, color=RGBColor(0x40, 0x40, 0x40))
    styles["Caption"].font.italic = True
    styles["Caption"].paragraph_format.keep_with_next = True
    placeholder = styles.add_style(PLACEHOLDER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    placeholder.base_style = styles["Normal"]
    _font(placeholder, 10.5, color=RGBColor(0xC0, 0x00, 0x00))
    placeholder.font.italic = True
    table = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Normal Table"]
    _font(table, 8.5)
    table.paragraph_format.space_after = Pt(0)
    _borders(table)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    path = Path(path)
    doc.save(path)
    return path
