"""Tables written as XML text hold exactly the text python-pptx's API would write."""

from deck_pptx import colour_of
from lxml import etree
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
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


def _with_python_pptx_api(slide, spec: Table, layout: tables.TableLayout):
    """The reference: the same table built and styled through python-pptx's own API."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    from kip_training.deck import fit, template

    aligns = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
    rows = len(spec.rows) + 1
    grid = slide.shapes.add_table(rows, len(spec.columns), 0, 0, 100, 100).table
    for j, width in enumerate(layout.widths):
        grid.columns[j].width = Pt(width)
    for i, height in enumerate((layout.header, *layout.rows)):
        grid.rows[i].height = Pt(height)
    for i in range(rows):
        for j, column in enumerate(spec.columns):
            cell = grid.cell(i, j)
            tone = spec.tones[i - 1][j] if i and spec.tones else None
            if i == 0:
                text, fill, color, bold = column.header, template.ACCENT, template.ON_ACCENT, True
            else:
                text = spec.rows[i - 1][j]
                fill = template.ACCENT_LIGHT if i % 2 == 0 else template.BACKGROUND
                color = template.TONES.get(tone, template.TEXT)
                bold = tone is not None
            cell.margin_left = cell.margin_right = Pt(fit.CELL_MARGIN_X)
            cell.margin_top = cell.margin_bottom = Pt(fit.CELL_MARGIN_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            fill.apply(cell.fill.fore_color)
            frame = cell.text_frame
            frame.word_wrap = True
            for n, line in enumerate(text.split("\n")):
                paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
                paragraph.alignment = aligns[column.align]
                run = paragraph.add_run()
                run.text = line
                run.font.size = Pt(layout.size_pt)
                run.font.bold = bold
                color.apply(run.font.color)
                run.font.name = template.MINOR_FONT
                run.font.language_id = MSO_LANGUAGE_ID.INDONESIAN
    return grid


def _looks(grid) -> list:
    """What a reader sees of every cell, read back through python-pptx's API."""
    looks = [
        ("widths", [c.width for c in grid.columns]),
        ("heights", [r.height for r in grid.rows]),
    ]
    for row in grid.rows:
        for cell in row.cells:
            runs = [r for p in cell.text_frame.paragraphs for r in p.runs]
            looks.append(
                (
                    cell.text,
                    colour_of(cell.fill.fore_color),
                    (cell.margin_left, cell.margin_right, cell.margin_top, cell.margin_bottom),
                    cell.vertical_anchor,
                    cell.text_frame.word_wrap,
                    [p.alignment for p in cell.text_frame.paragraphs],
                    [
                        (r.font.size, r.font.bold, colour_of(r.font.color), r.font.name, _lang(r))
                        for r in runs
                    ],
                )
            )
    return looks


def test_prebuilt_table_looks_as_the_python_pptx_api_styles_it(tmp_path):
    long = Table(
        columns=(
            Column("OPD"),
            Column("Permohonan", align="right"),
            Column("Ket.", align="center"),
        ),
        rows=tuple((f"Dinas {i}\nbaris dua", str(i * 7), "ya") for i in range(12)),
        tones=tuple((None, ("baik", "buruk", None)[i % 3], None) for i in range(12)),
    )
    for spec in (long, Table(long.columns, long.rows[:4], large=True)):
        layout = tables.measure(spec, 600)
        prs, slide = _slide()
        tables.draw_table(slide.shapes, spec, layout, 0, len(spec.rows), 0, 0)
        _with_python_pptx_api(prs.slides.add_slide(prs.slide_layouts[6]), spec, layout)
        prs.save(str(tmp_path / "t.pptx"))
        ours, reference = (s.shapes[0].table for s in Presentation(str(tmp_path / "t.pptx")).slides)
        assert _looks(ours) == _looks(reference)
        assert {look[1] for look in _looks(ours)[2:]} >= {"bg1", "accent1", "accent1+0.85"}


def _lang(run) -> str | None:
    return run._r.get_or_add_rPr().get("lang")


def test_tables_on_presented_slides_are_16_pt_and_12_pt_only_in_the_appendix():
    long = Table(columns=(Column("OPD"),), rows=tuple((f"Dinas {i}",) for i in range(40)))
    short = Table(columns=(Column("OPD"),), rows=(("Dinas",),))
    assert tables.font_size(long) == tables.font_size(short) == 16
    assert tables.font_size(long, appendix=True) == 12
    assert tables.font_size(short, appendix=True) == 14
