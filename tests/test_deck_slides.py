"""Slides added by SlideMaker are the ones python-pptx itself would write."""

import zipfile

from deck_pptx import open_deck, title_of

from kip_training.deck import slides, template
from kip_training.deck.slides import SlideMaker

ROLES = ("judul", "isi", "isi", "bagian", "isi", "judul", "isi")


def _parts(path):
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if not name.startswith("docProps/core")
        }


def _with_python_pptx(path):
    """The reference: slides, titles and notes written through python-pptx's own API."""
    tpl = template.open_template(None)
    for i, role in enumerate(ROLES):
        layout = tpl.layouts[role]
        slide = tpl.presentation.slides.add_slide(layout)
        prs = tpl.presentation
        number = slides.number_shape(layout, prs.slide_width, prs.slide_height)
        slides.set_number(number, i + 1, slide.shapes._spTree.max_shape_id + 1)
        slide.shapes._spTree.append(number)
        slide.shapes.title.text_frame.text = f"Judul {i}"
        if i != 2:  # one slide without notes: no notes page at all
            slide.notes_slide.notes_text_frame.text = f"Catatan {i}\nbaris kedua & <lain>"
    tpl.presentation.save(str(path))


def _with_maker(path):
    tpl = template.open_template(None)
    maker = SlideMaker(tpl.presentation)
    for i, role in enumerate(ROLES):
        new = maker.add_slide(tpl.layouts[role])
        new.text_frame(0).text = f"Judul {i}"
        if i != 2:
            maker.set_notes(new.slide, f"Catatan {i}\nbaris kedua & <lain>")
    tpl.presentation.save(str(path))


def test_slide_maker_writes_the_same_package_as_python_pptx(tmp_path):
    _with_python_pptx(tmp_path / "pptx.pptx")
    _with_maker(tmp_path / "maker.pptx")
    expected, got = _parts(tmp_path / "pptx.pptx"), _parts(tmp_path / "maker.pptx")
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []


def test_copied_slides_are_independent(tmp_path):
    _with_maker(tmp_path / "maker.pptx")
    prs = open_deck(tmp_path / "maker.pptx")
    assert [title_of(s) for s in prs.slides] == [f"Judul {i}" for i in range(len(ROLES))]
    assert [s.slide_layout.name for s in prs.slides] == [
        {"judul": "Judul", "isi": "Isi", "bagian": "Bagian"}[r] for r in ROLES
    ]
    notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else None for s in prs.slides]
    assert notes == [
        None if i == 2 else f"Catatan {i}\nbaris kedua & <lain>" for i in range(len(ROLES))
    ]
    assert len({s.slide_id for s in prs.slides}) == len(ROLES)


def test_removed_placeholder_leaves_only_the_title(tmp_path):
    tpl = template.open_template(None)
    maker = SlideMaker(tpl.presentation)
    for _ in range(2):  # the first slide comes from python-pptx, the second is a copy
        new = maker.add_slide(tpl.layouts["isi"])
        new.text_frame(0).text = "Tabel (lanjutan)"
        new.remove(1)
        new.remove(1)  # twice is harmless
        assert new.text_frame(1) is None
    tpl.presentation.save(str(tmp_path / "x.pptx"))
    for slide in open_deck(tmp_path / "x.pptx").slides:
        assert [p.placeholder_format.idx for p in slide.placeholders] == [0, 12]  # and number
        assert title_of(slide) == "Tabel (lanjutan)"


def _number_of(slide):
    from pptx.enum.shapes import PP_PLACEHOLDER

    (number,) = [
        shape
        for shape in slide.placeholders
        if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
    ]
    fields = number.element.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/main}fld")
    assert [f.get("type") for f in fields] == ["slidenum"]
    return number


def test_every_slide_has_its_number_in_the_layouts_slide_number_placeholder(tmp_path):
    _with_maker(tmp_path / "maker.pptx")
    prs = open_deck(tmp_path / "maker.pptx")
    for n, slide in enumerate(prs.slides, start=1):
        number = _number_of(slide)
        assert number.text_frame.text == str(n)
        assert number.left is None or number.left == _layout_number(slide).left  # inherited


def _layout_number(slide):
    from pptx.enum.shapes import PP_PLACEHOLDER

    return next(
        p
        for p in slide.slide_layout.placeholders
        if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
    )


def test_a_template_without_slide_number_placeholders_still_numbers_its_slides(tmp_path):
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER

    prs = Presentation()
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in list(owner.placeholders):
            if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                shape.element.getparent().remove(shape.element)
    path = tmp_path / "tanpa_nomor.pptx"
    prs.save(str(path))
    tpl = template.open_template(path)
    maker = SlideMaker(tpl.presentation)
    for _ in range(3):
        maker.add_slide(tpl.layouts["isi"])
    tpl.presentation.save(str(tmp_path / "out.pptx"))
    for n, slide in enumerate(open_deck(tmp_path / "out.pptx").slides, start=1):
        (box,) = [s for s in slide.shapes if s.name == "Nomor slide"]
        assert box.text_frame.text == str(n)
        assert box.left + box.width <= tpl.presentation.slide_width
        assert box.top + box.height <= tpl.presentation.slide_height
