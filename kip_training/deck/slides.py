"""Add slides and speaker notes quickly, with the XML python-pptx would write.

python-pptx builds every new slide by cloning its layout's placeholders, and every
notes page by cloning the notes master's placeholders: each clone asks many XPath
questions of the layout, which made slide creation the slowest step of a long deck
(a 1,000-OPD roster gives 200+ slides). The result depends only on the layout (or the
notes master), so :class:`SlideMaker` lets python-pptx make the first slide of each
layout and the first notes page, keeps a copy of what it cloned, and gives every later
slide a deep copy of that XML. The parts, relationships and part names are created in
the same order as python-pptx's ``Slides.add_slide`` and ``Slide.notes_slide`` do, so
the saved file is the same.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any


@dataclass
class NewSlide:
    """A freshly added slide and its placeholder shapes (``p:sp`` elements) by index."""

    slide: Any
    placeholders: dict[int, Any]

    def text_frame(self, idx: int) -> Any | None:
        """The text frame of placeholder ``idx`` (None when the layout has none)."""
        from pptx.text.text import TextFrame

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

    def add_slide(self, layout: Any) -> NewSlide:
        """Add a slide with ``layout``, as ``presentation.slides.add_slide(layout)`` does."""
        key = str(layout.part.partname)
        prepared = self._layouts.get(key)
        if prepared is None:
            slide = self.presentation.slides.add_slide(layout)
            shapes = list(slide.shapes._spTree.iter_shape_elms())
            positions: dict[int, int] = {}
            for ph in slide.placeholders:  # the first of a repeated index wins, as before
                positions.setdefault(ph.placeholder_format.idx, shapes.index(ph._element))
            self._layouts[key] = _Prepared([copy.deepcopy(e) for e in shapes], positions)
            return NewSlide(slide, {idx: shapes[pos] for idx, pos in positions.items()})
        rid, slide = self._add_slide_part(layout)
        tree = slide.shapes._spTree
        copies = [copy.deepcopy(e) for e in prepared.shapes]
        tree.extend(copies)
        self.presentation.slides._sldIdLst.add_sldId(rid)
        return NewSlide(slide, {idx: copies[pos] for idx, pos in prepared.positions.items()})

    def _add_slide_part(self, layout: Any) -> tuple[str, Any]:
        """A blank slide part related to the presentation: ``PresentationPart.add_slide``.

        python-pptx's ``relate_to`` first looks for an existing relationship to the new
        part among all of the presentation's (one per slide so far, so n^2 over a deck);
        a part made just now has none, so the relationship is added directly.
        """
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import SlidePart

        presentation_part = self.presentation.part
        partname = PackURI(f"/ppt/slides/slide{len(self.presentation.slides) + 1}.xml")
        slide_part = SlidePart.new(partname, presentation_part.package, layout.part)
        add_new = getattr(presentation_part.rels, "_add_relationship", None)
        if add_new is None:  # pragma: no cover (another python-pptx version)
            rid = presentation_part.relate_to(slide_part, RT.SLIDE)
        else:
            rid = add_new(RT.SLIDE, slide_part)
        return rid, slide_part.slide

    def set_notes(self, slide: Any, text: str) -> None:
        """Write speaker notes, as ``slide.notes_slide.notes_text_frame.text = text`` does."""
        from pptx.text.text import TextFrame

        if self._notes is None:
            notes_slide = slide.notes_slide
            body = notes_slide.notes_placeholder
            shapes = list(notes_slide.shapes._spTree.iter_shape_elms())
            self._notes = copy.deepcopy(notes_slide.element)
            self._notes_body = None if body is None else shapes.index(body._element)
            element = notes_slide.element
        else:
            element = copy.deepcopy(self._notes)
            notes_slide = self._add_notes_part(slide.part, element).notes_slide
        if self._notes_body is not None:  # a notes master without a body gets no text
            sp = list(element.cSld.spTree.iter_shape_elms())[self._notes_body]
            TextFrame(sp.get_or_add_txBody(), notes_slide).text = text

    def _add_notes_part(self, slide_part: Any, element: Any) -> Any:
        """A notes-slide part holding ``element``, related as python-pptx relates its own."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import NotesSlidePart

        package = slide_part.package
        notes_part = NotesSlidePart(
            package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
            CT.PML_NOTES_SLIDE,
            package,
            element,
        )
        notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes_part
