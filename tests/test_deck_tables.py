"""Tables written as XML text hold exactly the text python-pptx's API would write."""

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from kip_training.deck import tables
from kip_training.deck.model import Column, Table

AWKWARD = (
    "",
    "R&D <Dinas> \"Kominfo\" 'x'",
    "baris satu\nbaris dua\n\nbaris empat",
    "tab\tdan\rCR\x07bel\x1fus",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "0",
)


def _table() -> Table:
    return Table(
        columns=(Column("Teks & <judul>"), Column("Angka", align="right")),
        rows=tuple((text, str(i)) for i, text in enumerate(AWKWARD)),
        tones=tuple((None, "baik" if i % 2 else "buruk") for i in range(len(AWKWARD))),
    )


def _slide():
    prs = Presentation()
    return prs, prs.slides.add_slide(prs.slide_layouts[6])


def _paragraph_xml(tc) -> list[bytes]:
    return [etree.tostring(t) for t in tc.iter(qn("a:t"))]


def test_cell_text_is_written_as_python_pptx_writes_it():
    spec = _table()
    _, slide = _slide()
    layout = tables.measure(spec, 500)
    frame = tables.draw_table(slide.shapes, spec, layout, 0, len(spec.rows), 0, 0)
    cells = [tc for tr in frame.table._tbl.tr_lst for tc in tr.tc_lst]
    _, reference_slide = _slide()
    grid = reference_slide.shapes.add_table(len(spec.rows) + 1, 2, 0, 0, 100, 100).table
    texts = [c.header for c in spec.columns] + [text for row in spec.rows for text in row]
    reference = [cell for row in grid.rows for cell in row.cells]
    for cell, text in zip(reference, texts, strict=True):
        cell.text_frame.paragraphs[0].add_run().text = text.split("\n")[0]
        for line in text.split("\n")[1:]:
            cell.text_frame.add_paragraph().add_run().text = line
    for tc, cell, text in zip(cells, reference, texts, strict=True):
        assert _paragraph_xml(tc) == _paragraph_xml(cell._tc), text
        assert len(tc.txBody.p_lst) == text.count("\n") + 1


def test_table_frame_reads_back_with_rows_sizes_and_position(tmp_path):
    spec = _table()
    prs, slide = _slide()
    layout = tables.measure(spec, 500)
    tables.draw_table(slide.shapes, spec, layout, 2, 5, 12700, 25400)
    tables.draw_table(slide.shapes, spec, layout, 0, 1, 0, 0)
    prs.save(str(tmp_path / "t.pptx"))
    shapes = list(Presentation(str(tmp_path / "t.pptx")).slides[0].shapes)
    first, second = shapes
    assert first.shape_id != second.shape_id
    assert (first.left, first.top) == (12700, 25400)
    assert [r.height for r in first.table.rows] == [
        int(h * tables.EMU_PER_POINT) for h in (layout.header, *layout.rows[2:5])
    ]
    assert first.height == sum(r.height for r in first.table.rows)
    assert first.width == sum(c.width for c in first.table.columns)
    assert first.name == second.name == "Tabel"
    assert [c.text for c in first.table.rows[0].cells] == ["Teks & <judul>", "Angka"]
    assert first.table.first_row and first.table.horz_banding
    assert len(second.table.rows) == 2
