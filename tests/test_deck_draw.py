"""The drawn deck, read back with python-pptx: numbers, charts, tables that fit, notes."""

import dataclasses
import datetime as dt

import pytest
from deck_fixtures import FakeTraining, make_comparison
from deck_pptx import charts_of, colour_of, open_deck, table_rows, tables_of, title_of
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Pt

from kip_training.config import load_config
from kip_training.deck import build_deck, content, draw, fit, template
from kip_training.deck.tables import DENSE_PT, PRESENTED_PT

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


def _slides(prs, key):
    """The drawn slides of the model slide ``key`` (a slide and its continuations)."""
    return [s for s in prs.slides if s.name == key]


def _spec_count(comparison, config, training=None):
    return len(content.build_content(comparison, config, training, None).slides)


def test_small_roster_fits_one_slide_per_topic(small, config):
    comparison, result, prs = small
    assert result.slides == len(prs.slides) == _spec_count(comparison, config)
    assert not any("(lanjutan)" in title_of(s) for s in prs.slides)


def test_big_roster_continues_tables_with_lanjutan(big, config):
    comparison, result, prs = big
    titles = [title_of(s) for s in prs.slides]
    continued = [t for t in titles if t.endswith(" (lanjutan)")]
    expected = _spec_count(comparison, config, FakeTraining())
    assert result.slides == len(prs.slides) == expected + len(continued)
    appendix = _slides(prs, "lampiran")
    assert len(appendix) >= 2
    assert all(title_of(s).endswith("(lanjutan)") for s in appendix[1:])
    names = [row[0] for s in appendix for row in table_rows(tables_of(s)[0])[1:]]
    assert names == list(comparison.current.per_opd["singkatan"])  # each OPD once, in order
    header = table_rows(tables_of(appendix[0])[0])[0]
    assert all(table_rows(tables_of(s)[0])[0] == header for s in appendix)


def test_on_time_chart_has_bands_a_threshold_line_and_no_zero_bars(big, config):
    comparison, _, prs = big
    (slide,) = _slides(prs, "ketepatan")
    frames = [s for s in slide.shapes if s.has_chart]
    lines = [s for s in slide.shapes if s.name.startswith("Ambang")]
    assert frames and len(lines) == len(frames)
    for frame, line in zip(frames, lines, strict=True):
        chart = frame.chart
        assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
        assert frame.left < line.left < frame.left + frame.width  # a vertical line in the plot
        assert line.width == 0 and line.height > frame.height / 2
        series = chart.plots[0].series[0]
        for point, value in zip(range(len(series.values)), series.values, strict=True):
            fill = series.points[point].format.fill
            below = value < config.ontime_threshold
            assert colour_of(fill.fore_color) == (template.RED if below else template.GREEN)
    shown = sum(len(f.chart.plots[0].categories) for f in frames)
    rates = comparison.current.per_opd["persen_tepat_waktu"]
    assert shown == int(rates.notna().sum())  # OPDs without a figure get no bar


def test_decision_chart_has_the_decisions(big):
    comparison, _, prs = big
    charts = charts_of(_slides(prs, "keputusan")[0])
    values = [float(v) for v in comparison.current.decisions.values]
    assert list(charts[0].plots[0].series[0].values) == values


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
    assert checked >= 4


def test_tables_are_16_pt_on_presented_slides_and_12_pt_at_least_in_the_appendix(big):
    _, _, prs = big
    sizes = {}
    for slide in prs.slides:
        for shape in tables_of(slide):
            runs = [
                r
                for row in shape.table.rows
                for c in row.cells
                for p in c.text_frame.paragraphs
                for r in p.runs
            ]
            sizes.setdefault(slide.name.startswith("lampiran"), set()).update(
                r.font.size.pt for r in runs
            )
    assert min(sizes[False]) >= 16
    assert min(sizes[True]) >= DENSE_PT


def test_titles_shrink_to_fit_their_placeholder_and_every_run_is_indonesian(big):
    _, _, prs = big
    for slide in prs.slides:
        title = slide.shapes.title
        for paragraph in title.text_frame.paragraphs:
            for run in paragraph.runs:
                assert run._r.get_or_add_rPr().get("lang") == "id-ID"
                size = run.font.size.pt if run.font.size else 30
                lines = fit.wrapped_lines(
                    title.text_frame.text, title.width / EMU_PER_POINT - 14.4, size, bold=True
                )
                assert fit.text_height(lines, size) <= title.height / EMU_PER_POINT - 7.2 + 0.01
                assert size >= draw.TITLE_MIN_PT


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
    slide = _slides(prs, "kesiapan")[0]
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "Perkiraan internal — bukan nilai monev Komisi Informasi" in texts


def test_chart_number_formats_are_stored_in_file_notation_and_read_indonesian():
    from kip_training.deck import charts

    assert charts.ooxml_format("#.##0") == "#,##0"
    assert charts.ooxml_format("0,0%") == "0.0%"
    assert charts.format_value(1234.5, "#.##0") == "1.235"
    assert charts.format_value(0.883, "0,0%") == "88,3%"
    assert charts.format_value(0.5, "0%") == "50%"


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
    assert not [s for s in _slides(prs, "headline") if "lanjutan" in title_of(s)]


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
    fonts = {(r.font.name, r.font.size, r.font.bold, colour_of(r.font.color)) for r in runs}
    assert len(fonts) == 1, fonts
    return fonts.pop(), colour_of(cell.fill.fore_color)


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
    size = Pt(PRESENTED_PT)  # a presented slide's table
    assert table_rows(shape) == [["OPD", "Jumlah", "Tepat"]] + [list(r) for r in spec.rows]
    for cell in grid.rows[0].cells:
        assert _style_of(cell) == ((template.MINOR_FONT, size, True, "bg1"), "accent1")
    for i, row in enumerate(list(grid.rows)[1:], start=1):
        fill = "accent1+0.85" if i % 2 == 0 else "bg1"
        tones = spec.tones[i - 1]
        for cell, tone in zip(row.cells, tones, strict=True):
            color = {"baik": template.GREEN, "buruk": template.RED}.get(tone, "tx1")
            assert _style_of(cell) == ((template.MINOR_FONT, size, tone is not None, color), fill)
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
    assert all(p.runs[0].font.size == Pt(PRESENTED_PT) for p in two_lines)
    # the continued page starts banding afresh: its first body row has the background
    assert colour_of(shape.table.cell(1, 0).fill.fore_color) == "bg1"
    assert colour_of(shape.table.cell(2, 0).fill.fore_color) == "accent1+0.85"


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


def test_incomplete_mark_is_explained_on_every_slide_the_appendix_spans(tmp_path, config):
    comparison = make_comparison(40, long_names=True)
    per_opd = comparison.current.per_opd
    per_opd["lengkap"] = True
    per_opd.iloc[-1, per_opd.columns.get_loc("lengkap")] = False  # last OPD: rows rejected
    path = tmp_path / "bertanda.pptx"
    build_deck(comparison, path, config=config, training=FakeTraining())
    prs = open_deck(path)
    for key in ("lampiran", "lampiran_pengawasan"):
        slides = _slides(prs, key)
        assert len(slides) >= 2
        for slide in slides:
            texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
            assert any(t.startswith("* Angka tidak lengkap") for t in texts), title_of(slide)
        starred = [c for row in table_rows(tables_of(slides[-1])[0]) for c in row if "*" in c]
        assert starred  # the marked OPD sits on the last slide, under its own note


def test_change_chart_labels_keep_their_sign_and_clear_the_opd_names(big):
    from kip_training.deck import charts, pptx_internals

    assert charts.format_value(-50, "+0,0;-0,0;0,0") == "-50,0"
    assert charts.format_value(12.25, "+0,0;-0,0;0,0") == "+12,3"
    assert charts.format_value(0, "+0,0;-0,0;0,0") == "0,0"
    _, _, prs = big
    (slide,) = _slides(prs, "perubahan")
    for frame in (s for s in slide.shapes if s.has_chart):
        chart = frame.chart
        values = list(chart.plots[0].series[0].values)
        labels = [p.data_label.text_frame.text for p in chart.plots[0].series[0].points]
        assert all(t.startswith(("+", "-", "0,0")) for t in labels)
        lowest = min(values)
        if lowest >= 0:
            continue
        space = pptx_internals.chart_space(chart)
        low = float(space.xpath(".//c:valAx/c:scaling/c:min/@val")[0])
        high = float(space.xpath(".//c:valAx/c:scaling/c:max/@val")[0])
        share = float(space.xpath(".//c:plotArea/c:layout/c:manualLayout/c:w/@val")[0])
        plot_points = share * frame.width / EMU_PER_POINT
        left_of_bar = (lowest - low) / (high - low) * plot_points
        label = labels[values.index(lowest)]
        assert left_of_bar >= fit.text_width(label, charts.CHART_FONT_PT)


@pytest.fixture(scope="module")
def province(tmp_path_factory, config):
    """70 OPDs: the measure slides show the weakest ten and the spread per kelompok."""
    comparison = make_comparison(70)
    path = tmp_path_factory.mktemp("deck") / "provinsi.pptx"
    build_deck(comparison, path, config=config)
    return open_deck(path)


def test_spread_chart_colours_each_band_as_the_legend_beside_it(province):
    from pptx.enum.chart import XL_CHART_TYPE

    for key in ("ketepatan", "kesiapan"):
        (slide,) = _slides(province, key)
        legend = {
            s.name.removeprefix("Legenda: "): colour_of(s.fill.fore_color)
            for s in slide.shapes
            if s.name.startswith("Legenda: ")
        }
        assert len(set(legend.values())) == len(legend)  # one colour per band
        (stacked,) = [
            s.chart
            for s in slide.shapes
            if s.has_chart and s.chart.chart_type == XL_CHART_TYPE.BAR_STACKED
        ]
        for series in stacked.plots[0].series:
            colour = colour_of(series.format.fill.fore_color)
            if series.name == "tanpa angka":
                assert colour not in legend.values()
            else:
                assert colour == legend[series.name], (key, series.name)


def test_crowded_bar_chart_labels_fit_the_plot_height(province):
    (slide,) = _slides(province, "kesiapan")  # under a banner and a five-band legend
    from kip_training.deck import pptx_internals

    for frame in (s for s in slide.shapes if s.has_chart):
        chart = frame.chart
        if chart.chart_type != XL_CHART_TYPE.BAR_CLUSTERED:
            continue
        space = pptx_internals.chart_space(chart)
        share = float(space.xpath(".//c:plotArea/c:layout/c:manualLayout/c:h/@val")[0])
        plot_points = share * frame.height / EMU_PER_POINT
        size = chart.category_axis.tick_labels.font.size.pt
        assert size * 1.2 * len(chart.plots[0].categories) <= plot_points
