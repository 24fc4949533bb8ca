"""Native, editable PowerPoint charts from :class:`~kip_training.deck.model.Chart`."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Pt

from kip_training.deck import pptx_internals, template
from kip_training.deck.model import Chart

CHART_FONT_PT = 14
CHART_TITLE_PT = 16


def add_chart(shapes: Any, spec: Chart, left: int, top: int, width: int, height: int) -> Any:
    """Draw ``spec`` as a native chart in the given box (EMU); return the graphic frame."""
    kinds = {
        "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "bar_stacked": XL_CHART_TYPE.BAR_STACKED,
    }
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = list(spec.categories)
    for series in spec.series:
        data.add_series(series.name, [float(v) for v in series.values])
    frame = shapes.add_chart(kinds[spec.kind], left, top, width, height, data)
    frame.name = spec.title
    chart = frame.chart
    chart.font.size = Pt(CHART_FONT_PT)
    chart.font.name = template.FONT
    chart.has_title = True
    chart.chart_title.text_frame.text = spec.title
    title_font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
    title_font.size = Pt(CHART_TITLE_PT)
    title_font.bold = True
    title_font.color.rgb = RGBColor.from_string(template.NAVY)

    stacked = spec.kind == "bar_stacked"
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(CHART_FONT_PT)

    plot = chart.plots[0]
    plot.gap_width = 50
    if stacked:
        plot.overlap = 100
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(CHART_FONT_PT)
    # hide zero labels inside stacked bars; show every value otherwise
    base = spec.number_format
    labels.number_format = f"{base};-{base};;" if stacked else base
    labels.number_format_is_linked = False
    if not stacked:
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    else:
        labels.position = XL_LABEL_POSITION.CENTER
        labels.font.color.rgb = RGBColor.from_string("FFFFFF")

    for i, series in enumerate(plot.series):
        fill = series.format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(template.PALETTE[i % len(template.PALETTE)])

    if spec.grouped_last and spec.categories and len(spec.series) == 1:
        point = plot.series[0].points[len(spec.categories) - 1]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string("A6B0BC")

    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    value_axis.minimum_scale = 0
    top_value = max((max(s.values, default=0) for s in spec.series), default=0)
    if stacked:
        top_value = max(
            (sum(s.values[i] for s in spec.series) for i in range(len(spec.categories))),
            default=0,
        )
    if spec.axis_max is not None:
        # leave room for the labels outside the bars
        value_axis.maximum_scale = spec.axis_max * 1.15
    elif top_value > 0:
        value_axis.maximum_scale = top_value * 1.2
    value_axis.tick_labels.font.size = Pt(CHART_FONT_PT)

    category_axis = chart.category_axis
    category_axis.tick_labels.font.size = Pt(CHART_FONT_PT)
    category_axis.has_major_gridlines = False
    category_axis.format.line.color.rgb = RGBColor.from_string("BFBFBF")
    if spec.kind in ("bar", "bar_stacked"):
        category_axis.reverse_order = True  # first category on top
    _show_every_label(category_axis)
    return frame


def _show_every_label(axis: Any) -> None:
    """Ask the viewer to label every category (LibreOffice skips some when crowded)."""
    element = pptx_internals.axis_element(axis)
    ns = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    if element.find(f"{{{ns}}}tickLblSkip") is not None:
        return
    skip = etree.SubElement(element, f"{{{ns}}}tickLblSkip")
    skip.set("val", "1")
    # schema order: tickLblSkip follows lblOffset (or lblAlgn/auto) and precedes noMultiLvlLbl
    anchor = element.find(f"{{{ns}}}noMultiLvlLbl")
    if anchor is not None:
        anchor.addprevious(skip)
