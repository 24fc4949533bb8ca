"""python-pptx beyond its documented API, used only through deck/pptx_internals: it still works.

A python-pptx release that renames or removes what the deck relies on fails here, by
name, instead of producing a broken deck.
"""

import importlib
import importlib.metadata
import re
import zipfile

from deck_pptx import open_deck, title_of

from kip_training.deck import pptx_internals, template
from kip_training.deck.slides import SlideMaker


def test_python_pptx_is_pinned_below_its_next_minor_version_and_installed_within():
    import tomllib
    from pathlib import Path

    from packaging.requirements import Requirement

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    (pin,) = [
        Requirement(r)
        for r in pyproject["project"]["dependencies"]
        if Requirement(r).name == "python-pptx"
    ]
    assert any(s.operator == "<" for s in pin.specifier)
    assert importlib.metadata.version("python-pptx") in pin.specifier


def test_every_private_attribute_used_still_exists():
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    tpl = template.open_template(None)
    slide = tpl.presentation.slides.add_slide(tpl.layouts["isi"])
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, 100, 100, data).chart
    owners = {
        "pptx.opc.package._Relationships": tpl.presentation.part.rels,
        "pptx.chart.axis._BaseAxis": chart.category_axis,
        "pptx.chart.chart.Chart": chart,
        "pptx.text.text._Run": chart.chart_title.text_frame.paragraphs[0].add_run(),
    }
    for where, attribute in pptx_internals.PRIVATE_ATTRIBUTES:
        assert hasattr(owners[where], attribute), f"python-pptx: {where}.{attribute} is gone"
    assert pptx_internals.axis_element(chart.category_axis).tag.endswith("catAx")
    assert pptx_internals.chart_space(chart).tag.endswith("chartSpace")


def test_the_private_attributes_are_used_nowhere_else():
    from pathlib import Path

    package = Path(pptx_internals.__file__).parents[1]
    private = re.compile(r"\._(spTree|sldIdLst|element|blob|add_relationship|tc|tbl)\b")
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name not in ("pptx_internals.py", "docx_internals.py")
        and private.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    others = [p for p in package.rglob("*.py") if p.name != "pptx_internals.py"]
    assert not [p.name for p in others if "next_partname" in p.read_text(encoding="utf-8")]


def test_a_deck_made_through_them_opens_with_its_slides_notes_and_parts(tmp_path):
    tpl = template.open_template(None)
    maker = SlideMaker(tpl.presentation)
    roles = ("judul", "isi", "isi", "bagian", "isi")
    for n, role in enumerate(roles):
        new = maker.add_slide(tpl.layouts[role])
        new.text_frame(0).text = f"Judul {n}"
        maker.set_notes(new.slide, f"Catatan {n}")
    path = tmp_path / "paparan.pptx"
    tpl.presentation.save(str(path))

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    assert {f"ppt/slides/slide{n}.xml" for n in range(1, 6)} <= names
    assert {f"ppt/notesSlides/notesSlide{n}.xml" for n in range(1, 6)} <= names
    deck = open_deck(path)
    assert [title_of(s) for s in deck.slides] == [f"Judul {n}" for n in range(5)]
    assert [s.notes_slide.notes_text_frame.text for s in deck.slides] == [
        f"Catatan {n}" for n in range(5)
    ]
    assert [s.notes_slide.part.partname for s in deck.slides] == [
        f"/ppt/notesSlides/notesSlide{n}.xml" for n in range(1, 6)
    ]


def test_part_names_are_the_ones_python_pptx_would_choose():
    tpl = template.open_template(None)
    package = tpl.presentation.part.package
    names = pptx_internals.PartNames(package, "/ppt/charts/chart%d.xml")
    expected = package.next_partname("/ppt/charts/chart%d.xml")
    assert names.next() == expected
    assert names.next() != expected
