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

from lxml import etree
from pptx.oxml import parse_xml
from pptx.text.text import TextFrame

from kip_training.deck import pptx_internals

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
#: Where the number goes when neither the layout nor the master has a slide-number
#: placeholder: bottom right, as a share of the slide's width and height.
FALLBACK_NUMBER_BOX = (0.80, 0.935, 0.17, 0.05)
_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def _placeholder_of(owner: Any, kind: str) -> Any | None:
    """The ``p:sp`` placeholder of type ``kind`` on a layout or master, or None."""
    for sp in pptx_internals.shape_tree(owner).iter_shape_elms():
        ph = sp.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
        if ph is not None and ph.get("type") == kind:
            return sp
    return None


def number_shape(layout: Any, slide_width: int, slide_height: int) -> Any:
    """A slide-number shape for a slide of ``layout`` (a ``p:sp`` element).

    It is the layout's slide-number placeholder, inheriting position and style from
    the layout and master (so a restyled template moves and restyles the number too),
    holding a ``slidenum`` field that PowerPoint and LibreOffice keep current. A layout
    without one borrows the master's placeholder geometry; a template with neither
    gets a plain text box at the bottom right.
    """
    own = _placeholder_of(layout, "sldNum")
    master = _placeholder_of(layout.slide_master, "sldNum")
    ph, sp_pr = "", "<p:spPr/>"
    if own is not None:
        attrs = own.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph").attrib
        ph = "<p:ph " + " ".join(f'{k}="{v}"' for k, v in attrs.items()) + "/>"
    else:
        xfrm = None if master is None else master.find(f"{{{_P}}}spPr/{{{_A}}}xfrm")
        if xfrm is not None:
            sp_pr = f"<p:spPr>{etree.tostring(xfrm).decode()}</p:spPr>"
        else:
            x, y, w, h = FALLBACK_NUMBER_BOX
            sp_pr = (
                f'<p:spPr><a:xfrm><a:off x="{int(x * slide_width)}" y="{int(y * slide_height)}"/>'
                f'<a:ext cx="{int(w * slide_width)}" cy="{int(h * slide_height)}"/></a:xfrm>'
                '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            )
    return parse_xml(
        f'<p:sp xmlns:a="{_A}" xmlns:p="{_P}"><p:nvSpPr><p:cNvPr id="0" name="Nomor slide"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f'{sp_pr}<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="r"/>'
        f'<a:fld id="{_FIELD_ID}" type="slidenum"><a:rPr lang="id-ID"/><a:t>0</a:t></a:fld>'
        "</a:p></p:txBody></p:sp>"
    )


def set_number(sp: Any, number: int, shape_id: int) -> None:
    """Write the slide's number into the field's cached text and give the shape its id."""
    sp.find(f"{{{_P}}}nvSpPr/{{{_P}}}cNvPr").set("id", str(shape_id))
    sp.find(f".//{{{_A}}}fld/{{{_A}}}t").text = str(number)


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
    _numbers: dict[str, Any] = field(default_factory=dict)  # layout -> number shape
    _notes: Any = None  # a blank notes slide's p:notes element, once one was made
    _notes_body: int | None = None  # position of its notes placeholder among its shapes
    _notes_names: pptx_internals.PartNames | None = None

    def add_slide(self, layout: Any) -> NewSlide:
        """Add a slide with ``layout`` and its slide number (see :func:`number_shape`)."""
        new = self._add_bare(layout)
        key = str(layout.part.partname)
        if key not in self._numbers:
            prs = self.presentation
            self._numbers[key] = number_shape(layout, prs.slide_width, prs.slide_height)
        number = copy.deepcopy(self._numbers[key])
        tree = pptx_internals.shape_tree(new.slide)
        set_number(
            number, len(pptx_internals.slide_id_list(self.presentation)), tree.max_shape_id + 1
        )
        tree.append(number)
        return new

    def _add_bare(self, layout: Any) -> NewSlide:
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
