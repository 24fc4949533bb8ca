"""Every use of python-pptx beyond its documented API, in one place.

The deck adds slides and notes pages by copying XML (see :mod:`kip_training.deck.slides`)
and writes long tables as XML text (see :mod:`kip_training.deck.tables`); both need
python-pptx's XML tree and packaging layer. Those reach into python-pptx here and
nowhere else, and ``tests/test_pptx_internals.py`` fails when a python-pptx release
changes what is used (:data:`PRIVATE_ATTRIBUTES`); pyproject pins python-pptx to the
minor version tested.
"""

from __future__ import annotations

from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart, SlidePart

#: (what, attribute) of python-pptx objects whose name starts with an underscore.
PRIVATE_ATTRIBUTES = (
    ("pptx.opc.package._Relationships", "_add_relationship"),
    ("pptx.chart.axis._BaseAxis", "_element"),
    ("pptx.chart.chart.Chart", "_chartSpace"),
    ("pptx.text.text._Run", "_r"),
)

NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"


def shape_tree(owner: Any) -> Any:
    """The ``p:spTree`` element of a slide, layout or notes slide."""
    return owner.element.cSld.spTree


def slide_id_list(presentation: Any) -> Any:
    """The presentation's ``p:sldIdLst``: the slides in order, by relationship id."""
    return presentation.element.get_or_add_sldIdLst()


def add_slide_part(presentation: Any, layout: Any) -> tuple[str, Any]:
    """A blank slide of ``layout`` related to the presentation, as ``add_slide`` makes it.

    python-pptx's ``relate_to`` first looks for an existing relationship to the new part
    among all of the presentation's (one per slide so far, so n^2 over a deck); a part
    made just now has none, so the relationship is added directly. The caller lists
    the slide in :func:`slide_id_list`.
    """
    presentation_part = presentation.part
    partname = PackURI(f"/ppt/slides/slide{len(presentation.slides) + 1}.xml")
    slide_part = SlidePart.new(partname, presentation_part.package, layout.part)
    rid = presentation_part.rels._add_relationship(RT.SLIDE, slide_part)
    return rid, slide_part.slide


class PartNames:
    """Free part names of one kind (``tmpl`` with ``%d``): ``package.next_partname``'s choice.

    python-pptx finds a free name by walking every part of the package, so adding the
    notes of n slides that way costs n^2; here the names are collected once, the same
    search runs on them, and each name given out is remembered. Valid while parts of
    that kind are added only through this object.
    """

    def __init__(self, package: Any, tmpl: str) -> None:
        prefix = tmpl[: (tmpl % 42).find("42")]
        self._tmpl = tmpl
        self._taken = {p.partname for p in package.iter_parts() if p.partname.startswith(prefix)}

    def next(self) -> PackURI:
        for n in range(len(self._taken) + 1, 0, -1):  # as python-pptx: from the end downward
            name = self._tmpl % n
            if name not in self._taken:
                self._taken.add(name)
                return PackURI(name)
        raise RuntimeError("no free part name")  # pragma: no cover (len + 1 is free)


def add_notes_part(slide_part: Any, element: Any, partname: PackURI) -> Any:
    """A notes page holding ``element`` for ``slide_part``, related as python-pptx does."""
    package = slide_part.package
    notes_part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, package, element)
    notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
    notes_part.relate_to(slide_part, RT.SLIDE)
    slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
    return notes_part


def axis_element(axis: Any) -> Any:
    """The ``c:catAx``/``c:valAx`` element of a chart axis."""
    return axis._element


def chart_space(chart: Any) -> Any:
    """The ``c:chartSpace`` element of a chart (its language, plot-area layout)."""
    return chart._chartSpace


def run_properties(run: Any) -> Any:
    """The ``a:rPr`` element of a text run (for its ``lang`` attribute)."""
    return run._r.get_or_add_rPr()
