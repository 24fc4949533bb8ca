"""Every use of python-docx internals by the annual report, in one place.

python-docx has no public API for a repeating table header, cell shading, a picture's
alt text or field codes, so these few helpers reach its XML through private attributes
(``_tr``, ``_tc``, ``_r``, ``_inline``). tests/test_docx_internals.py fails loudly when a
python-docx release changes them.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def repeat_header(row) -> None:
    """Mark a table row as the header repeated on every page (``w:tblHeader``)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_row_together(row) -> None:
    """Keep a table row on one page (``w:cantSplit``): a row's wrapped text is not split
    over a page break, which leaves an empty-looking row at the top of the next page."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def shade(cell, colour: str) -> None:
    """Fill a table cell with an RGB hex colour (``w:shd``)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def describe_picture(inline_shape, alt: str, title: str) -> None:
    """Set a picture's alt text (``descr``) and title on its ``wp:docPr``."""
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("title", title)


def append_to_run(run, element) -> None:
    """Append a raw element (a field character or instruction) to a run."""
    run._r.append(element)
