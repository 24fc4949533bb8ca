"""Native, editable PowerPoint charts from :class:`~kip_training.deck.model.Chart`.

Colours and fonts come from the template's theme (series in accent1, accent2, …; text in
the theme's body font), so a corporate template restyles the charts too; only the
tones that carry a meaning (good / middle / bad bands) are fixed colours.

Number formats. The model writes them as a presenter reads them, in Indonesian notation
(``#.##0``, ``0,0%``). A chart file always stores format codes in en-US notation
(``#,##0``, ``0.0%``: "," groups thousands, "." marks decimals) and the viewer renders
them with the separators of its own locale: PowerPoint with the Windows regional
settings, LibreOffice with its locale setting (Tools > Options > Language Settings).
So ``#,##0`` in the XML shows as ``1.234`` on an Indonesian machine, and writing
``#.##0`` into the XML would be wrong (it would mean "divide by 1000" in en-US).
:func:`ooxml_format` converts; :func:`format_value` renders a value as an Indonesian
viewer shows it, for labels written as text.

A threshold (e.g. 80% on time) is a dashed line drawn over the plot area, whose
position is fixed by a manual plot-area layout so that the line sits exactly on the
value in every viewer; the bars, values and bands stay native and editable.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Pt

from kip_training.deck import fit, pptx_internals, template
from kip_training.deck.model import Band, Chart

CHART_FONT_PT = 16
CHART_MIN_FONT_PT = 9  # category labels of a crowded chart shrink, not overlap
CHART_TITLE_PT = 18
LEGEND_PT = 16
EMU_PER_POINT = 12700
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def ooxml_format(code: str) -> str:
    """An Indonesian-notation format code (``#.##0``, ``0,0%``) in the file's en-US notation."""
    return code.translate(str.maketrans({".": ",", ",": "."}))


def format_value(value: float, code: str) -> str:
    """``value`` as an Indonesian viewer shows it under ``code`` (Indonesian notation).

    Sections as in a spreadsheet (``+0,0;-0,0;0,0``: positive; negative, written with
    its own sign; zero) and a literal sign in front are honoured.
    """
    sections = code.split(";")
    if len(sections) > 1:
        if value < 0:
            code, value = sections[1], -value
        elif value == 0 and len(sections) > 2:
            code = sections[2]
        else:
            code = sections[0]
    sign = code[: len(code) - len(code.lstrip("+-"))]
    return sign + _format_number(value, code[len(sign) :])


def _format_number(value: float, code: str) -> str:
    percent = code.endswith("%")
    number = value * 100 if percent else value
    decimals = len(code.split(",", 1)[1].rstrip("%")) if "," in code else 0
    # spreadsheets round halves away from zero (1.234,5 -> 1.235), Python to even
    rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    text = text.translate(str.maketrans({",": ".", ".": ","}))
    if "." not in code.split(",", 1)[0]:  # no thousands grouping asked for
        text = text.replace(".", "")
    return text + ("%" if percent else "")


def band_of(value: float, bands: tuple[Band, ...]) -> Band | None:
    for band in bands:
        if value >= band.lower and (band.upper is None or value < band.upper):
            return band
    return None


@dataclass(frozen=True)
class _Plot:
    """The inner plot area as shares of the chart frame (manual layout)."""

    x: float
    y: float
    w: float
    h: float


def _plot_area(spec: Chart, width: float, height: float, label_pt: float) -> _Plot:
    """Room for the title, category labels and value labels around the bars (points)."""
    # viewers wrap a chart title well inside the frame: measure against 70 % of it
    lines = fit.wrapped_lines(spec.title, width * 0.7, CHART_TITLE_PT, bold=True)
    title = CHART_TITLE_PT * 1.2 * lines + 14
    labels = [format_value(max(s.values, default=0), spec.number_format) for s in spec.series]
    value_room = max((fit.text_width(t, CHART_FONT_PT) for t in labels), default=0) + 8
    if spec.point_labels:
        value_room += max(fit.text_width("  " + t, CHART_FONT_PT) for t in spec.point_labels)
    legend = _legend_height(spec, width)
    if spec.threshold is not None and spec.threshold_label:
        legend += LEGEND_PT * 1.4
    if spec.kind in ("bar", "bar_stacked"):
        longest = max((fit.text_width(c, label_pt) for c in spec.categories), default=0)
        left = min(longest + 10, width * 0.45)
        right = 0 if spec.kind == "bar_stacked" else value_room
        x, w = left / width, max(width - left - right - 6, 10) / width
        y, h = title / height, max(height - title - legend - 6, 10) / height
    else:
        bottom = label_pt * 1.2 * 2 + 8  # up to two lines of category labels
        top = title + CHART_FONT_PT * 1.4
        x, w = 6 / width, (width - 12) / width
        y, h = top / height, max(height - top - bottom - legend, 10) / height
    return _Plot(x, y, w, h)


def _room_left_of(spec: Chart, bottom: float, top: float, plot: _Plot, width: float) -> float:
    """The axis minimum that leaves each negative bar's label (written left of the bar's
    end) inside the plot, clear of the category labels (at most 60 % of the plot)."""
    plot_width = plot.w * width
    extras = spec.point_labels if spec.point_labels else ("",) * len(spec.categories)
    for value, extra in zip(spec.series[0].values, extras, strict=False):
        if value >= 0:
            continue
        text = format_value(value, spec.number_format) + (f"  {extra}" if extra else "")
        share = min((fit.text_width(text, CHART_FONT_PT) + 8) / plot_width, 0.6)
        bottom = min(bottom, (value - share * top) / (1 - share))
    return bottom


def _set_manual_layout(chart: Any, plot: _Plot) -> None:
    plot_area = pptx_internals.chart_space(chart).find(f".//{{{_C}}}plotArea")
    old = plot_area.find(f"{{{_C}}}layout")
    if old is not None:
        plot_area.remove(old)
    layout = etree.Element(f"{{{_C}}}layout")
    manual = etree.SubElement(layout, f"{{{_C}}}manualLayout")
    for tag, val in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge")):
        etree.SubElement(manual, f"{{{_C}}}{tag}").set("val", val)
    for tag, val in (("x", plot.x), ("y", plot.y), ("w", plot.w), ("h", plot.h)):
        etree.SubElement(manual, f"{{{_C}}}{tag}").set("val", f"{val:.4f}")
    plot_area.insert(0, layout)


def _label_size(spec: Chart, width: float, height: float) -> float:
    """Category label size: the chart's size, smaller when many bars share the height of
    the plot (what is left under the title and above the legend): a viewer drops every
    other label when they do not fit."""
    if spec.kind not in ("bar", "bar_stacked") or not spec.categories:
        return CHART_FONT_PT
    plot = _plot_area(spec, width, height, CHART_FONT_PT)
    room = plot.h * height / len(spec.categories)
    return max(min(CHART_FONT_PT, room / 1.3), CHART_MIN_FONT_PT)


def _fill(point_or_series: Any, colour: template.Colour) -> None:
    fill = point_or_series.format.fill
    fill.solid()
    colour.apply(fill.fore_color)


def _series_colour(spec: Chart, i: int) -> template.Colour:
    """Series ``i``'s fill: in a stacked chart of bands (OPDs per band), the band's tone,
    as in the one-measure chart beside it, and muted for the series after the bands
    (OPDs without a figure); otherwise the template's series colours in order."""
    if spec.kind == "bar_stacked" and spec.bands:
        if i >= len(spec.bands):
            return template.MUTED
        tone = spec.bands[i].tone
        if tone:
            return template.TONES[tone]
    return template.SERIES[i % len(template.SERIES)]


def _colour_points(plot: Any, spec: Chart) -> None:
    """Bands, tones and the muted "Lainnya" bar of a one-series chart."""
    series = plot.series[0]
    values = spec.series[0].values
    for i, value in enumerate(values):
        colour = None
        band = band_of(value, spec.bands) if spec.bands else None
        if band is not None:
            colour = template.TONES.get(band.tone or "", template.ACCENT)
        if i < len(spec.point_tones) and spec.point_tones[i]:
            colour = template.TONES[spec.point_tones[i]]
        if spec.grouped_last and i == len(values) - 1:
            colour = template.MUTED
        if colour is not None:
            _fill(series.points[i], colour)


def _point_labels(plot: Any, spec: Chart, size: float) -> None:
    """Value labels with text after the value ("88,3%  n=120"), written as text."""
    series = plot.series[0]
    for i, (value, extra) in enumerate(zip(spec.series[0].values, spec.point_labels, strict=False)):
        label = series.points[i].data_label
        frame = label.text_frame
        frame.text = format_value(value, spec.number_format) + (f"  {extra}" if extra else "")
        frame.word_wrap = False  # one line: viewers wrap long labels at a fifth of the chart
        run = frame.paragraphs[0].runs[0]
        run.font.size = Pt(size)
        run.font.name = template.MINOR_FONT
        template.TEXT.apply(run.font.color)
        label.position = XL_LABEL_POSITION.OUTSIDE_END


def _text_box(shapes: Any, left: float, top: float, width: float, text: str, size: float) -> Any:
    box = shapes.add_textbox(*(int(v * EMU_PER_POINT) for v in (left, top, width, size * 1.5)))
    frame = box.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.word_wrap = False
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.name = template.MINOR_FONT
    template.TEXT.apply(run.font.color)
    pptx_internals.run_properties(run).set("lang", template.LANG)
    return box


def _threshold(
    shapes: Any, spec: Chart, plot: _Plot, box: tuple[float, float, float, float], scale: Any
) -> None:
    """A dashed line at ``spec.threshold`` across the plot, with its label under the plot."""
    left, frame_top, width, height = box
    x0, y0 = left + plot.x * width, frame_top + plot.y * height
    pw, ph = plot.w * width, plot.h * height
    low, high = scale
    share = (spec.threshold - low) / (high - low)
    label_w = fit.text_width(spec.threshold_label, LEGEND_PT) + 4
    if spec.kind in ("bar", "bar_stacked"):
        x = x0 + share * pw
        start, end = (x, y0), (x, y0 + ph)
        label_at = (max(min(x - label_w / 2, left + width - label_w), left), y0 + ph + 2)
    else:
        y = y0 + ph - share * ph
        start, end = (x0, y), (x0 + pw, y)
        label_at = (x0 + pw - label_w, y - LEGEND_PT * 1.4)
    line = shapes.add_connector(
        MSO_CONNECTOR.STRAIGHT, *(int(v * EMU_PER_POINT) for v in (*start, *end))
    )
    line.name = f"Ambang: {spec.threshold_label or spec.threshold}"
    line.line.width = Pt(2.25)
    line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    template.TONES["buruk"].apply(line.line.color)
    if spec.threshold_label:
        _text_box(shapes, label_at[0], label_at[1], label_w, spec.threshold_label, LEGEND_PT)


def _legend_rows(spec: Chart, width: float) -> list[list[tuple[Band, float]]]:
    """The band legend's entries (band, entry width) in rows that fit ``width``."""
    if not spec.bands:
        return []
    rows: list[list[tuple[Band, float]]] = [[]]
    used = 6.0
    for band in spec.bands:
        entry = LEGEND_PT * 2 + fit.text_width(band.label, LEGEND_PT) + 4
        if rows[-1] and used + entry > width:
            rows.append([])
            used = 6.0
        rows[-1].append((band, entry))
        used += entry
    return rows


def _legend_height(spec: Chart, width: float) -> float:
    if spec.bands and len(spec.series) == 1:
        return LEGEND_PT * 1.5 * len(_legend_rows(spec, width)) + 4
    return LEGEND_PT * 1.6 if len(spec.series) > 1 else 0.0


def _band_legend(shapes: Any, spec: Chart, box: tuple[float, float, float, float]) -> None:
    """Coloured squares with the band labels, in rows under the chart."""
    left, top, width, height = box
    rows = _legend_rows(spec, width)
    for r, row in enumerate(rows):
        y = top + height - LEGEND_PT * 1.5 * (len(rows) - r)
        x = left + 6
        for band, entry in row:
            square = shapes.add_shape(
                MSO_SHAPE.RECTANGLE,
                *(int(v * EMU_PER_POINT) for v in (x, y + 3, LEGEND_PT * 0.8, LEGEND_PT * 0.8)),
            )
            square.fill.solid()
            template.TONES.get(band.tone or "", template.ACCENT).apply(square.fill.fore_color)
            square.line.fill.background()
            square.name = f"Legenda: {band.label}"
            _text_box(shapes, x + LEGEND_PT, y, entry - LEGEND_PT * 2, band.label, LEGEND_PT)
            x += entry


def add_chart(shapes: Any, spec: Chart, left: int, top: int, width: int, height: int) -> Any:
    """Draw ``spec`` as a native chart in the given box (EMU); return the graphic frame."""
    kinds = {
        "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "bar_stacked": XL_CHART_TYPE.BAR_STACKED,
    }
    number_format = ooxml_format(spec.number_format)
    data = CategoryChartData(number_format=number_format)
    data.categories = list(spec.categories)
    for series in spec.series:
        data.add_series(series.name, [float(v) for v in series.values])
    frame = shapes.add_chart(kinds[spec.kind], left, top, width, height, data)
    frame.name = spec.title
    chart = frame.chart
    chart_space = pptx_internals.chart_space(chart)
    lang = chart_space.find(f"{{{_C}}}lang")
    if lang is None:
        lang = etree.Element(f"{{{_C}}}lang")
        chart_space.insert(1, lang)  # after c:date1904
    lang.set("val", template.LANG)
    chart.font.size = Pt(CHART_FONT_PT)
    chart.font.name = template.MINOR_FONT
    chart.has_title = True
    chart.chart_title.text_frame.text = spec.title
    title_font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
    title_font.size = Pt(CHART_TITLE_PT)
    title_font.bold = True
    title_font.name = template.MINOR_FONT
    template.TEXT.apply(title_font.color)

    stacked = spec.kind == "bar_stacked"
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(LEGEND_PT)
        chart.legend.font.name = template.MINOR_FONT

    plot = chart.plots[0]
    plot.gap_width = 50
    if stacked:
        plot.overlap = 100
    plot.has_data_labels = True
    box = tuple(v / EMU_PER_POINT for v in (left, top, width, height))
    label_pt = _label_size(spec, box[2], box[3])
    labels = plot.data_labels
    labels.font.size = Pt(label_pt)
    labels.font.name = template.MINOR_FONT
    # hide zero labels inside stacked bars; show every value otherwise
    labels.number_format = f"{number_format};-{number_format};;" if stacked else number_format
    labels.number_format_is_linked = False
    if not stacked:
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    else:
        labels.position = XL_LABEL_POSITION.CENTER
        template.ON_ACCENT.apply(labels.font.color)

    for i, series in enumerate(plot.series):
        _fill(series, _series_colour(spec, i))
    if len(spec.series) == 1 and spec.categories:
        _colour_points(plot, spec)
        if spec.point_labels:
            _point_labels(plot, spec, label_pt)

    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    lowest = min((min(s.values, default=0) for s in spec.series), default=0)
    value_axis.minimum_scale = bottom = min(lowest * 1.15, 0)
    top_value = max((max(s.values, default=0) for s in spec.series), default=0)
    if stacked:
        top_value = max(
            (sum(s.values[i] for s in spec.series) for i in range(len(spec.categories))),
            default=0,
        )
    if spec.threshold is not None:
        top_value = max(top_value, spec.threshold)
    if spec.axis_max is not None:
        top_value = spec.axis_max
    # with a manual layout the labels have their own room; without, leave some
    axis_top = top_value * (1.0 if spec.threshold is not None else 1.15) or 1.0
    value_axis.maximum_scale = axis_top
    value_axis.tick_labels.font.size = Pt(CHART_FONT_PT)

    category_axis = chart.category_axis
    category_axis.tick_labels.font.size = Pt(label_pt)
    category_axis.tick_labels.font.name = template.MINOR_FONT
    category_axis.has_major_gridlines = False
    template.MUTED.apply(category_axis.format.line.color)
    if spec.kind in ("bar", "bar_stacked"):
        category_axis.reverse_order = True  # first category on top
    if bottom < 0:  # labels at the plot's edge, not on the zero line among the bars
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    _show_every_label(category_axis)

    plot_box = _plot_area(spec, box[2], box[3], label_pt)
    if bottom < 0 and not stacked:
        value_axis.minimum_scale = bottom = _room_left_of(spec, bottom, axis_top, plot_box, box[2])
    _set_manual_layout(chart, plot_box)
    if spec.threshold is not None:
        _threshold(shapes, spec, plot_box, box, (bottom, axis_top))  # type: ignore[arg-type]
    if spec.bands and len(spec.series) == 1:  # several series have the native legend
        _band_legend(shapes, spec, box)  # type: ignore[arg-type]
    return frame


def _show_every_label(axis: Any) -> None:
    """Ask the viewer to label every category (LibreOffice skips some when crowded)."""
    element = pptx_internals.axis_element(axis)
    if element.find(f"{{{_C}}}tickLblSkip") is not None:
        return
    skip = etree.SubElement(element, f"{{{_C}}}tickLblSkip")
    skip.set("val", "1")
    # schema order: tickLblSkip follows lblOffset (or lblAlgn/auto) and precedes noMultiLvlLbl
    anchor = element.find(f"{{{_C}}}noMultiLvlLbl")
    if anchor is not None:
        anchor.addprevious(skip)
