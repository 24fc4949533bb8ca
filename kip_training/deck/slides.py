"""Add slides and speaker notes quickly, with the XML python-pptx would write.

python-pptx builds every new slide by cloning its layout's placeholders, and every
notes page by cloning the notes master's placeholders: each clone asks many XPath
questions of the layout, which made slide creation the slowest step of a long deck
(a 1,000-OPD roster gives 200+ slides). The result depends only on the layout (or the
notes master), so :class:`SlideMaker` lets python-pptx make the first slide of each
layout and the first notes page, keeps a copy of what it cloned, and gives every later
slide a deep copy of that XML. The parts, relationships and part names are created in
the same order as python-pptx's ``Slides.add_slide`` and ``Slide.notes_slide`` do, so
the saved file is the same. What this needs of python-pptx beyond its documented API is in
:mod:`kip_training.deck.pptx_internals`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from pptx.text.text import TextFrame

from kip_training.deck import pptx_internals


@dataclass
class NewSlide:
    """A freshly added slide and its placeholder shapes (``p:sp`` elements) by index."""

    slide: Any
    placeholders: dict[int, Any]

    def text_frame(self, idx: int) -> Any | None:
        """The text frame of placeholder ``idx`` (None when the layout has none)."""
        element = self.placeholders.get(idx)
        if element is None:
            return None
        return TextFrame(element.get_or_add_txBody(), self.slide)

    def remove(self, idx: int) -> None:
        """Delete placeholder ``idx`` from the slide (no-op when absent)."""
        element = self.placeholders.pop(idx, None)
        if element is not None:
            element.getparent().remove(element)


@dataclass
class _Prepared:
    """The placeholder elements python-pptx cloned onto a blank slide of one layout."""

    shapes: list[Any]
    positions: dict[int, int]  # placeholder idx -> position in ``shapes``


@dataclass
class SlideMaker:
    """Adds slides (and notes) to ``presentation``, reusing the XML of the first of each kind."""

    presentation: Any
    _layouts: dict[str, _Prepared] = field(default_factory=dict)
    _notes: Any = None  # a blank notes slide's p:notes element, once one was made
    _notes_body: int | None = None  # position of its notes placeholder among its shapes
    _notes_names: pptx_internals.PartNames | None = None

    def add_slide(self, layout: Any) -> NewSlide:
        """Add a slide with ``layout``, as ``presentation.slides.add_slide(layout)`` does."""
        key = str(layout.part.partname)
        prepared = self._layouts.get(key)
        if prepared is None:
            slide = self.presentation.slides.add_slide(layout)
            shapes = list(pptx_internals.shape_tree(slide).iter_shape_elms())
            positions: dict[int, int] = {}
            for ph in slide.placeholders:  # the first of a repeated index wins, as before
                positions.setdefault(ph.placeholder_format.idx, shapes.index(ph.element))
            self._layouts[key] = _Prepared([copy.deepcopy(e) for e in shapes], positions)
            return NewSlide(slide, {idx: shapes[pos] for idx, pos in positions.items()})
        rid, slide = pptx_internals.add_slide_part(self.presentation, layout)
        copies = [copy.deepcopy(e) for e in prepared.shapes]
        pptx_internals.shape_tree(slide).extend(copies)
        pptx_internals.slide_id_list(self.presentation).add_sldId(rid)
        return NewSlide(slide, {idx: copies[pos] for idx, pos in prepared.positions.items()})

    def set_notes(self, slide: Any, text: str) -> None:
        """Write speaker notes, as ``slide.notes_slide.notes_text_frame.text = text`` does."""
        if self._notes is None:
            notes_slide = slide.notes_slide
            body = notes_slide.notes_placeholder
            shapes = list(pptx_internals.shape_tree(notes_slide).iter_shape_elms())
            self._notes = copy.deepcopy(notes_slide.element)
            self._notes_body = None if body is None else shapes.index(body.element)
            element = notes_slide.element
        else:
            if self._notes_names is None:
                package = slide.part.package
                self._notes_names = pptx_internals.PartNames(package, pptx_internals.NOTES_PARTNAME)
            element = copy.deepcopy(self._notes)
            notes_part = pptx_internals.add_notes_part(
                slide.part, element, self._notes_names.next()
            )
            notes_slide = notes_part.notes_slide
        if self._notes_body is not None:  # a notes master without a body gets no text
            sp = list(element.cSld.spTree.iter_shape_elms())[self._notes_body]
            TextFrame(sp.get_or_add_txBody(), notes_slide).text = text
