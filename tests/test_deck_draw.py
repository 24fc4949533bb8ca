"""The drawn deck, read back with python-pptx: numbers, charts, tables that fit, notes."""

import dataclasses
import datetime as dt

import pytest
from deck_fixtures import FakeTraining, make_comparison
from deck_pptx import charts_of, open_deck, table_rows, tables_of, title_of
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Pt

from kip_training.config import load_config
from kip_training.deck import build_deck, content, draw, fit, template
from kip_training.deck.tables import DENSE_PT, NORMAL_PT

EMU_PER_POINT = 12700


@pytest.fixture(scope="module")
def config():
    return dataclasses.replace(load_config(), meeting_date=dt.date(2026, 1, 22))


@pytest.fixture(scope="module")
def big(tmp_path_factory, config):
    """40 OPDs with long names: tables must continue on further slides."""
    comparison = make_comparison(40, long_names=True)
    path = tmp_path_factory.mktemp("deck") / "besar.pptx"
    result = build_deck(comparison, path, config=config, training=FakeTraining())
    return comparison, result, open_deck(path)


@pytest.fixture(scope="module")
def small(tmp_path_factory, config):
    comparison = make_comparison(5)
    path = tmp_path_factory.mktemp("deck") / "kecil.pptx"
    result = build_deck(comparison, path, config=config)
    return comparison, result, open_deck(path)


def _slides(prs, prefix):
    return [s for s in prs.slides if title_of(s).startswith(prefix)]


def test_small_roster_fits_one_slide_per_topic(small):
    _, result, prs = small
    assert result.slides == len(prs.slides) == 15  # 16 minus the training slide
    assert not any("(lanjutan)" in title_of(s) for s in prs.slides)


def test_big_roster_continues_tables_with_lanjutan(big):
    comparison, result, prs = big
    titles = [title_of(s) for s in prs.slides]
    continued = [t for t in titles if t.endswith(" (lanjutan)")]
    assert result.slides == len(prs.slides) == 16 + len(continued)
    appendix = _slides(prs, "Lampiran: angka per OPD")
    assert len(appendix) >= 2
    assert all(title_of(s).endswith("(lanjutan)") for s in appendix[1:])
    names = [row[0] for s in appendix for row in table_rows(tables_of(s)[0])[1:]]
    expected = list(comparison.current.per_opd["singkatan"])
    assert names == expected  # every OPD once, in order, nothing cut off
    periodic = _slides(prs, "Informasi berkala")
    assert len(periodic) >= 2
    header = table_rows(tables_of(periodic[0])[0])[0]
    assert all(table_rows(tables_of(s)[0])[0] == header for s in periodic)


def test_headline_slide_shows_the_totals(small):
    comparison, _, prs = small
    slide = _slides(prs, "Angka utama")[0]
    rows = {row[0]: row for row in table_rows(tables_of(slide)[0])}
    now, before = comparison.current.totals, comparison.previous.totals
    row = rows["Permohonan informasi"]
    assert row[1] == content.fmt_count(before["permohonan"])
    assert row[2] == content.fmt_count(now["permohonan"])
    change = now["permohonan"] - before["permohonan"]
    assert row[3] == content.fmt_change(change, "count")
    assert rows["Pemberitahuan tepat waktu"][2] == content.fmt_percent(now["persen_tepat_waktu"])


def test_requests_chart_is_native_with_the_numbers(big, config):
    comparison, _, prs = big
    chart = charts_of(_slides(prs, "Permohonan informasi per OPD")[0])[0]
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    series = chart.plots[0].series[0]
    assert series.name == "Permohonan"
    assert sum(series.values) == comparison.current.totals["permohonan"]
    categories = list(chart.plots[0].categories)
    assert len(categories) == config.top_n + 1
    assert categories[-1].startswith("Lainnya (")


def test_decision_and_quality_charts_have_the_right_series(big):
    comparison, _, prs = big
    decisions = charts_of(_slides(prs, "Keputusan")[0])[0]
    values = list(decisions.plots[0].series[0].values)
    assert values == [float(v) for v in comparison.current.decisions.values]
    quality = charts_of(_slides(prs, "Kualitas data")[0])[0]
    assert quality.chart_type == XL_CHART_TYPE.BAR_STACKED
    assert [s.name for s in quality.plots[0].series] == ["Galat", "Peringatan"]


def test_every_content_slide_has_notes(big):
    _, _, prs = big
    for slide in list(prs.slides)[1:]:
        if title_of(slide) == "Lampiran":
            continue  # section divider
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        assert len(notes) > 80, title_of(slide)


def test_every_table_fits_in_the_content_area(big):
    _, _, prs = big
    tpl = template.open_template(None)
    area = draw.content_area(tpl.layouts["isi"])
    bottom = (area.top + area.height) * EMU_PER_POINT
    checked = 0
    for slide in prs.slides:
        for shape in tables_of(slide):
            grid = shape.table
            widths = [c.width / EMU_PER_POINT for c in grid.columns]
            total = 0
            for r, row in enumerate(grid.rows):
                cells = [cell.text for cell in row.cells]
                size = row.cells[0].text_frame.paragraphs[0].runs[0].font.size.pt
                assert size >= DENSE_PT
                need = fit.row_height(cells, widths, size, bold=(r == 0))
                assert need <= row.height / EMU_PER_POINT + 0.01, (title_of(slide), cells)
                total += row.height
            assert shape.top + total <= bottom + 1, title_of(slide)
            checked += 1
    assert checked >= 10


def test_text_is_readable_on_a_projector(big):
    _, _, prs = big
    for slide in list(prs.slides)[1:]:
        for shape in slide.shapes:
            if shape.has_text_frame and not shape.is_placeholder:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size >= Pt(14), (title_of(slide), run.text)
            if shape.has_chart:
                assert shape.chart.font.size >= Pt(14)


def test_shapes_stay_on_the_slide(big):
    _, _, prs = big
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height, title_of(slide)


def test_readiness_slide_is_labelled_as_internal(big):
    _, _, prs = big
    slide = _slides(prs, "Indeks kesiapan")[0]
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "Perkiraan internal — bukan nilai monev Komisi Informasi" in texts


def test_training_slide_chart_is_in_percent(big):
    _, _, prs = big
    chart = charts_of(_slides(prs, "Hasil pelatihan")[0])[0]
    assert chart.plots[0].series[0].values[0] == pytest.approx(0.48)
    assert chart.plots[0].data_labels.number_format == "0%"


def test_own_template_by_english_layout_names(tmp_path, config):
    from pptx import Presentation

    corporate = tmp_path / "korporat.pptx"
    Presentation().save(str(corporate))
    result = build_deck(
        make_comparison(5), tmp_path / "out.pptx", config=config, template_path=corporate
    )
    prs = open_deck(result.path)
    assert title_of(prs.slides[0]).startswith("Rapat Koordinasi PPID")
    assert prs.slides[3].slide_layout.name == "Title and Content"
    titles = [title_of(s) for s in prs.slides]
    assert not any(t.startswith("Angka utama") and "lanjutan" in t for t in titles)


def _drawn_table(tmp_path, table, start=0, stop=None):
    """Draw ``table`` rows [start, stop) on a blank slide, save, and read it back."""
    from pptx import Presentation

    from kip_training.deck import tables

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    layout = tables.measure(table, 600)
    stop = len(table.rows) if stop is None else stop
    tables.draw_table(slide.shapes, table, layout, start, stop, 12700, 25400)
    path = tmp_path / "tabel.pptx"
    prs.save(str(path))
    return layout, tables_of(open_deck(path).slides[0])[0]


def _style_of(cell):
    runs = [r for p in cell.text_frame.paragraphs for r in p.runs]
    fonts = {(r.font.name, r.font.size, r.font.bold, str(r.font.color.rgb)) for r in runs}
    assert len(fonts) == 1, fonts
    return fonts.pop(), str(cell.fill.fore_color.rgb)


def test_table_cells_carry_header_band_and_tone_styles(tmp_path):
    from kip_training.deck.model import Column
    from kip_training.deck.model import Table as TableSpec

    spec = TableSpec(
        columns=(
            Column("OPD", 3),
            Column("Jumlah", align="right"),
            Column("Tepat", align="center"),
        ),
        rows=tuple((f"Dinas {i}", str(i), f"{i}%") for i in range(12)),
        tones=tuple(
            (None, "baik" if i % 3 == 0 else None, "buruk" if i == 4 else None) for i in range(12)
        ),
    )
    layout, shape = _drawn_table(tmp_path, spec)
    grid = shape.table
    size = Pt(DENSE_PT)  # more than 10 rows: dense
    assert table_rows(shape) == [["OPD", "Jumlah", "Tepat"]] + [list(r) for r in spec.rows]
    for cell in grid.rows[0].cells:
        assert _style_of(cell) == ((template.FONT, size, True, "FFFFFF"), template.NAVY)
    for i, row in enumerate(list(grid.rows)[1:], start=1):
        fill = template.LIGHT if i % 2 == 0 else "FFFFFF"
        tones = spec.tones[i - 1]
        for cell, tone in zip(row.cells, tones, strict=True):
            color = {"baik": template.GREEN, "buruk": template.RED}.get(tone, "222222")
            assert _style_of(cell) == ((template.FONT, size, tone is not None, color), fill)
    aligns = [p.paragraphs[0].alignment for p in (c.text_frame for c in grid.rows[3].cells)]
    assert [str(a) for a in aligns] == ["LEFT (1)", "RIGHT (3)", "CENTER (2)"]
    cell = grid.cell(5, 0)
    assert cell.margin_left == cell.margin_right == Pt(fit.CELL_MARGIN_X)
    assert cell.margin_top == cell.margin_bottom == Pt(fit.CELL_MARGIN_Y)
    assert cell.vertical_anchor is not None and cell.text_frame.word_wrap is True
    widths = [c.width for c in grid.columns]
    assert widths == [int(w * EMU_PER_POINT) for w in layout.widths]
    heights = [r.height for r in grid.rows]
    assert heights == [int(h * EMU_PER_POINT) for h in (layout.header, *layout.rows)]
    assert (shape.width, shape.height) == (sum(widths), sum(heights))
    assert grid.first_row and grid.horz_banding


def test_table_page_keeps_lines_and_odd_characters(tmp_path):
    from kip_training.deck.model import Column
    from kip_training.deck.model import Table as TableSpec

    rows = (("a", "b"), ("Dinas <A&B>\nbaris dua", "x\x07y"), ("", "ok"))
    spec = TableSpec(columns=(Column("Nama"), Column("Nilai")), rows=rows)
    _, shape = _drawn_table(tmp_path, spec, start=1, stop=3)
    assert table_rows(shape) == [
        ["Nama", "Nilai"],
        ["Dinas <A&B>\nbaris dua", "x_x0007_y"],
        ["", "ok"],
    ]
    two_lines = shape.table.cell(1, 0).text_frame.paragraphs
    assert [p.text for p in two_lines] == ["Dinas <A&B>", "baris dua"]
    assert all(p.runs[0].font.size == Pt(NORMAL_PT) for p in two_lines)
    # the continued page starts banding afresh: its first body row is white
    assert str(shape.table.cell(1, 0).fill.fore_color.rgb) == "FFFFFF"
    assert str(shape.table.cell(2, 0).fill.fore_color.rgb) == template.LIGHT


def test_notes_slides_get_their_own_parts(big, config):
    _, _, prs = big
    names = [s.notes_slide.part.partname for s in prs.slides if s.has_notes_slide]
    assert len(names) == len(set(names)) >= len(prs.slides) - 2  # dividers may have none
    # after drawing, python-pptx names parts on its own again and still finds a free name
    deck = content.build_content(make_comparison(5), config, None, None)
    presentation = draw.draw_deck(deck, template.open_template(None))
    assert "next_partname" not in vars(presentation.part.package)
    before = {p.partname for p in presentation.part.package.iter_parts()}
    slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    assert slide.notes_slide.part.partname not in before
