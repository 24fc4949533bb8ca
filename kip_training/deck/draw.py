"""Draw a :class:`~kip_training.deck.model.Deck` onto a template with python-pptx.

Content slides use the body placeholder's box (layout placeholder index 1) as the
content area; blocks are stacked top to bottom inside it. Text blocks and figure cards
take the height their text needs (estimated by :mod:`kip_training.deck.fit`), charts
and tables share the rest. A table that does not fit continues on further slides
whose title ends in "(lanjutan)".
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from kip_training.deck import charts, fit, pptx_internals, tables, template
from kip_training.deck.model import (
    Block,
    Bullets,
    Chart,
    Columns,
    Deck,
    Figures,
    Slide,
    Table,
    Text,
)
from kip_training.deck.slides import NewSlide, SlideMaker

EMU_PER_POINT = 12700
GAP = 0.15 * fit.POINTS_PER_INCH  # between blocks, in points
#: Presented slides keep body text at 18 pt or more (read from the back of the room).
TEXT_PT = 18
BULLET_PT = (20, 18)
FIGURE_LABEL_PT = 18
FIGURE_VALUE_PT = 32
FIGURE_DETAIL_PT = 18
FIGURE_PAD = 0.08 * fit.POINTS_PER_INCH  # inside a card, top and bottom
TEXTBOX_MARGIN_X = 0.1 * fit.POINTS_PER_INCH
TEXTBOX_MARGIN_Y = 0.05 * fit.POINTS_PER_INCH
BANNER_PAD = 0.08 * fit.POINTS_PER_INCH
#: A title that does not fit its placeholder at the template's size shrinks in steps
#: of 2 pt, never below this.
TITLE_MIN_PT = 20
PLACEHOLDER_INSET_X = 0.1 * fit.POINTS_PER_INCH  # PowerPoint's default text insets
PLACEHOLDER_INSET_Y = 0.05 * fit.POINTS_PER_INCH
CONTINUED = " (lanjutan)"


@dataclass(frozen=True)
class Box:
    """A rectangle in points."""

    left: float
    top: float
    width: float
    height: float

    def emu(self) -> tuple[int, int, int, int]:
        return tuple(int(v * EMU_PER_POINT) for v in (self.left, self.top, self.width, self.height))  # type: ignore[return-value]


# --------------------------------------------------------------------------- heights


def text_block_height(block: Text, width: float) -> float:
    inner = width - 2 * TEXTBOX_MARGIN_X - (2 * BANNER_PAD if block.emphasis else 0)
    lines = sum(fit.wrapped_lines(p, inner, TEXT_PT, bold=block.emphasis) for p in block.paragraphs)
    extra = 2 * BANNER_PAD if block.emphasis else 0
    return fit.text_height(lines, TEXT_PT) + 2 * TEXTBOX_MARGIN_Y + extra


def bullets_height(block: Bullets, width: float) -> float:
    total = 2 * TEXTBOX_MARGIN_Y
    for level, text in block.items:
        size = BULLET_PT[min(level, 1)]
        indent = 0.35 * fit.POINTS_PER_INCH * (level + 1)
        lines = fit.wrapped_lines(text, width - 2 * TEXTBOX_MARGIN_X - indent, size)
        total += fit.text_height(lines, size) + 0.3 * size  # paragraph spacing
    return total


def _figure_parts(figure: Any) -> list[tuple[str, float, bool]]:
    parts = [(figure.value, FIGURE_VALUE_PT, True), (figure.label, FIGURE_LABEL_PT, False)]
    if figure.detail:
        parts.append((figure.detail, FIGURE_DETAIL_PT, False))
    return parts


def figures_height(block: Figures, width: float) -> float:
    """Height of the row of cards: the tallest card's text plus its padding."""
    n = max(len(block.items), 1)
    inner = (width - GAP * (n - 1)) / n - 2 * TEXTBOX_MARGIN_X
    tallest = max(
        (
            sum(
                fit.text_height(fit.wrapped_lines(text, inner, size, bold), size)
                for text, size, bold in _figure_parts(figure)
            )
            for figure in block.items
        ),
        default=0.0,
    )
    return tallest + 2 * (TEXTBOX_MARGIN_Y + FIGURE_PAD)


def fixed_height(block: Block, width: float) -> float | None:
    """Height a block needs, or None when it stretches (charts, tables, columns)."""
    if isinstance(block, Text):
        return text_block_height(block, width)
    if isinstance(block, Bullets):
        return bullets_height(block, width)
    if isinstance(block, Figures):
        return figures_height(block, width)
    return None


# --------------------------------------------------------------------------- blocks


def _textbox(shapes: Any, box: Box) -> Any:
    shape = shapes.add_textbox(*box.emu())
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = None
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = int(TEXTBOX_MARGIN_X * EMU_PER_POINT)
    frame.margin_top = frame.margin_bottom = int(TEXTBOX_MARGIN_Y * EMU_PER_POINT)
    return shape


def _style_run(
    run: Any, size: float | None, color: template.Colour | None = None, bold: bool = False
) -> None:
    """Size, weight and colour of a run, in the theme's body font, tagged Indonesian."""
    if size is not None:
        run.font.size = Pt(size)
        run.font.name = template.MINOR_FONT
        run.font.bold = bold
        (color or template.TEXT).apply(run.font.color)
    pptx_internals.run_properties(run).set("lang", template.LANG)


def draw_text(shapes: Any, block: Text, box: Box) -> None:
    if block.emphasis:
        shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, *box.emu())
        shape.fill.solid()
        template.BANNER.apply(shape.fill.fore_color)
        shape.line.fill.background()
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.word_wrap = True
        pad = int((TEXTBOX_MARGIN_X + BANNER_PAD) * EMU_PER_POINT)
        frame.margin_left = frame.margin_right = pad
        frame.margin_top = frame.margin_bottom = int(
            (TEXTBOX_MARGIN_Y + BANNER_PAD) * EMU_PER_POINT
        )

        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    else:
        frame = _textbox(shapes, box).text_frame
    for i, text in enumerate(block.paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        _style_run(run, TEXT_PT, bold=block.emphasis)


def _fill_bullets(frame: Any, block: Bullets, own_bullets: bool) -> None:
    """Write bullet items; ``own_bullets`` draws the bullet glyph (plain text boxes)."""
    frame.word_wrap = True
    for i, (level, text) in enumerate(block.items):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.level = min(level, 1)
        paragraph.space_before = Pt(0)
        paragraph.space_after = Pt(0.3 * BULLET_PT[min(level, 1)])
        run = paragraph.add_run()
        glyph = "" if block.numbered else ("• " if level == 0 else "– ")
        run.text = (glyph + text) if own_bullets else text
        _style_run(run, BULLET_PT[min(level, 1)])


def draw_figures(shapes: Any, block: Figures, box: Box) -> None:
    n = max(len(block.items), 1)
    gap = GAP
    width = (box.width - gap * (n - 1)) / n
    for i, figure in enumerate(block.items):
        card = Box(box.left + i * (width + gap), box.top, width, box.height)
        shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, *card.emu())
        shape.name = f"Angka: {figure.label}"
        shape.fill.solid()
        template.ACCENT_LIGHT.apply(shape.fill.fore_color)
        shape.line.fill.background()
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = int(TEXTBOX_MARGIN_X * EMU_PER_POINT)
        frame.margin_top = frame.margin_bottom = int(
            (TEXTBOX_MARGIN_Y + FIGURE_PAD) * EMU_PER_POINT
        )
        value_colour = template.TONES.get(figure.tone or "", template.ACCENT)
        colours = (value_colour, template.TEXT, template.MUTED)
        for j, (text, size, bold) in enumerate(_figure_parts(figure)):
            paragraph = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
            paragraph.alignment = PP_ALIGN.CENTER
            run = paragraph.add_run()
            run.text = text
            _style_run(run, size, colours[j], bold)


def draw_block(shapes: Any, block: Block, box: Box) -> None:
    if isinstance(block, Text):
        draw_text(shapes, block, box)
    elif isinstance(block, Bullets):
        _fill_bullets(_textbox(shapes, box).text_frame, block, own_bullets=True)
    elif isinstance(block, Figures):
        draw_figures(shapes, block, box)
    elif isinstance(block, Chart):
        charts.add_chart(shapes, block, *box.emu())
    elif isinstance(block, Columns):
        n = len(block.blocks)
        weights = block.weights or (1.0,) * n
        free = box.width - GAP * (n - 1)
        left = box.left
        for child, weight in zip(block.blocks, weights, strict=True):
            width = free * weight / sum(weights)
            child_box = Box(left, box.top, width, box.height)
            left += width + GAP
            if isinstance(child, Text | Bullets):
                child_box = Box(
                    child_box.left,
                    child_box.top,
                    width,
                    min(box.height, fixed_height(child, width) or box.height),
                )
            draw_block(shapes, child, child_box)
    elif isinstance(block, Table):  # tables are placed by draw_slide (they may split)
        raise TypeError("tables are drawn by draw_slide")
    else:  # pragma: no cover
        raise TypeError(f"unknown block {block!r}")


# --------------------------------------------------------------------------- slides


def _box_of(placeholder: Any) -> Box:
    return Box(
        placeholder.left / EMU_PER_POINT,
        placeholder.top / EMU_PER_POINT,
        placeholder.width / EMU_PER_POINT,
        placeholder.height / EMU_PER_POINT,
    )


def content_area(layout: Any) -> Box:
    """The box of the content layout's body placeholder (index 1), in points."""
    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.idx == 1:
            return _box_of(placeholder)
    raise KeyError(1)  # find_layouts guarantees it


def title_fit(layout: Any, title: str, idx: int = 0) -> float | None:
    """The size (points) that fits ``title`` in the layout's placeholder ``idx`` (0: the
    title, 1: a subtitle), or None if the template's own size does; shrinks in 2 pt
    steps down to :data:`TITLE_MIN_PT` (a subtitle to :data:`TEXT_PT`)."""
    box = next((p for p in layout.placeholders if p.placeholder_format.idx == idx), None)
    if box is None or not title:
        return None
    width = box.width / EMU_PER_POINT - 2 * PLACEHOLDER_INSET_X
    height = box.height / EMU_PER_POINT - 2 * PLACEHOLDER_INSET_Y
    own = template.title_size(layout) if idx == 0 else template.placeholder_size(box)
    size, smallest = own, TITLE_MIN_PT if idx == 0 else TEXT_PT
    font = template.theme_fonts(layout)[0 if idx == 0 else 1]
    with fit.measuring(font):
        while size > smallest:
            lines = sum(fit.wrapped_lines(p, width, size, bold=idx == 0) for p in title.split("\n"))
            # the master's body style puts 20 % of a line before each paragraph
            spacing = 0 if idx == 0 else 0.2 * size * title.count("\n")
            if fit.text_height(lines, size) + spacing <= height:
                break
            size -= 2
    size = max(size, smallest)
    return None if size == own else size


def _set_text(frame: Any, text: str, size: float | None = None) -> None:
    """Text of a placeholder, one paragraph per line, tagged id-ID; ``size`` overrides."""
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        _style_run(run, None)
        if size is not None:
            run.font.size = Pt(size)


def _new_slide(maker: SlideMaker, layout: Any, title: str, notes: str, key: str) -> NewSlide:
    """Add a slide named ``key`` with its title in placeholder 0 and its speaker notes."""
    new = maker.add_slide(layout)
    new.slide.element.cSld.set("name", key)  # the slide's name in PowerPoint's outline
    frame = new.text_frame(0)
    if frame is not None:
        _set_text(frame, title, title_fit(layout, title))
    if notes:
        maker.set_notes(new.slide, notes)
    return new


def draw_simple(maker: SlideMaker, layouts: dict[str, Any], spec: Slide) -> None:
    """Title and section slides: title in placeholder 0, subtitle in placeholder 1."""
    new = _new_slide(maker, layouts[spec.layout], spec.title, spec.notes, spec.key)
    subtitle = new.text_frame(1)
    if subtitle is not None:
        if spec.subtitle:
            _set_text(subtitle, spec.subtitle, title_fit(layouts[spec.layout], spec.subtitle, 1))
        else:
            new.remove(1)


def draw_content(maker: SlideMaker, layouts: dict[str, Any], spec: Slide) -> int:
    """Draw a content slide (and its continuation slides); return how many were added."""
    layout = layouts["isi"]
    area = content_area(layout)
    new = _new_slide(maker, layout, spec.title, spec.notes, spec.key)
    body = new.text_frame(1)
    if len(spec.blocks) == 1 and isinstance(spec.blocks[0], Bullets) and body is not None:
        block = spec.blocks[0]
        if bullets_height(block, area.width) <= area.height:
            _fill_bullets(body, block, own_bullets=False)
            return 1
    new.remove(1)
    slide = new.slide

    fixed = {i: fixed_height(b, area.width) for i, b in enumerate(spec.blocks)}
    stretch = [i for i, h in fixed.items() if h is None]
    used = sum(h for h in fixed.values() if h is not None) + GAP * (len(spec.blocks) - 1)
    free = max(area.height - used, 0)
    share = free / len(stretch) if stretch else 0
    top = area.top
    added = 1
    for i, block in enumerate(spec.blocks):
        height = fixed[i] if fixed[i] is not None else share
        box = Box(area.left, top, area.width, height)
        if isinstance(block, Table):
            added += _draw_table_pages(maker, layout, slide, spec, block, box, area)
        else:
            draw_block(slide.shapes, block, box)
        top += height + GAP
    return added


def _draw_table_pages(
    maker: SlideMaker, layout: Any, slide: Any, spec: Slide, table: Table, box: Box, area: Box
) -> int:
    """Draw a table (and its note under it on each slide), continuing it on new slides;
    return the number of extra slides."""
    note = Text((table.note,)) if table.note else None
    below = text_block_height(note, box.width) + GAP if note is not None else 0.0
    first_room, room = max(box.height - below, 0.0), max(area.height - below, 0.0)
    measured = tables.measure(table, box.width, spec.appendix)
    pages = fit.paginate(measured.rows, measured.header, first_room, room)
    if table.large and len(pages) > 1:  # a short table shrinks rather than continues
        table = dataclasses.replace(table, large=False)
        measured = tables.measure(table, box.width, spec.appendix)
        pages = fit.paginate(measured.rows, measured.header, first_room, room)
    extra = 0
    for n, (start, stop) in enumerate(pages):
        if n == 0:
            target, where = slide, box
            if start == stop and len(pages) > 1:
                continue  # nothing fits under the other blocks
        else:
            new = _new_slide(maker, layout, spec.title + CONTINUED, spec.notes, spec.key)
            new.remove(1)
            target, where = new.slide, area
            extra += 1
        tables.draw_table(
            target.shapes,
            table,
            measured,
            start,
            stop,
            int(where.left * EMU_PER_POINT),
            int(where.top * EMU_PER_POINT),
        )
        if note is not None:
            drawn = measured.header + sum(measured.rows[start:stop])
            top = where.top + drawn + GAP
            draw_block(target.shapes, note, Box(where.left, top, where.width, below - GAP))
    return extra


def draw_deck(deck: Deck, tpl: template.Template) -> Any:
    """Draw every slide of ``deck`` into the template's presentation; return it."""
    presentation = tpl.presentation
    presentation.core_properties.title = deck.title
    presentation.core_properties.author = "kip-training"
    presentation.core_properties.language = template.LANG
    maker = SlideMaker(presentation)
    with fit.measuring(tpl.fonts[1]):  # body text is measured in the theme's body font
        for spec in deck.slides:
            if spec.layout == "isi":
                draw_content(maker, tpl.layouts, spec)
            else:
                draw_simple(maker, tpl.layouts, spec)
    return presentation
