"""Read back a written deck with python-pptx: texts, tables, charts, notes."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation


def open_deck(path):
    return Presentation(str(path))


def title_of(slide) -> str:
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == 0:
            return shape.text_frame.text
    return ""


def tables_of(slide):
    return [shape for shape in slide.shapes if shape.has_table]


def charts_of(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def table_rows(shape) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


def all_text(prs) -> str:
    """Every piece of text in the deck: shapes, tables, notes, chart titles, categories,
    series names and values."""
    parts: list[str] = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts.extend(c.text for row in shape.table.rows for c in row.cells)
            if shape.has_chart:
                chart = shape.chart
                if chart.has_title:
                    parts.append(chart.chart_title.text_frame.text)
                for plot in chart.plots:
                    parts.extend(str(c) for c in plot.categories)
                    for series in plot.series:
                        parts.append(series.name)
                        parts.extend(str(v) for v in series.values)
                parts.append(workbook_text(chart))
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def workbook_text(chart) -> str:
    """The XML of the chart's embedded workbook (what PowerPoint's "Edit data" shows)."""
    blob = chart.part.chart_workbook.xlsx_part.blob
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xml")
        )


def colour_of(color_format) -> str:
    """A fill's or font's colour as text: "RRGGBB", or "accent1" / "accent1+0.85" for a
    theme slot (lightened by the given brightness)."""
    from pptx.enum.dml import MSO_COLOR_TYPE

    if color_format.type == MSO_COLOR_TYPE.SCHEME:
        names = {13: "tx1", 14: "bg1", 15: "tx2", 16: "bg2"}
        names.update({4 + i: f"accent{i}" for i in range(1, 7)})
        slot = names.get(int(color_format.theme_color), str(color_format.theme_color))
        return slot + (f"+{color_format.brightness:g}" if color_format.brightness else "")
    return str(color_format.rgb)


def colour_name(colour) -> str:
    """What :func:`colour_of` reads back for a :class:`template.Colour`."""
    if colour.rgb:
        return colour.rgb
    return colour.scheme + (f"+{colour.brightness:g}" if colour.brightness else "")
