"""The deck template: generated 16:9, layouts by name, placeholders by index."""

import pytest
from pptx import Presentation

from kip_training.deck import template
from kip_training.errors import DeckError


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return template.generate_template(tmp_path_factory.mktemp("tpl") / "rapat.pptx")


def test_generated_template_is_16_9_with_the_three_layouts(generated):
    prs = Presentation(str(generated))
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=1e-3)
    names = [layout.name for layout in prs.slide_layouts]
    assert {"Judul", "Isi", "Bagian"} <= set(names)
    assert len(prs.slides) == 0


def test_generated_template_uses_a_font_libreoffice_has(generated):
    prs = Presentation(str(generated))
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = prs.slide_master.part.part_related_by(RT.THEME).blob.decode("utf-8")
    assert f'typeface="{template.FONT}"' in theme
    assert "Calibri" not in theme


def _geometry(prs):
    return [prs.slide_width, prs.slide_height] + [
        (
            layout.name,
            [
                (p.placeholder_format.idx, p.left, p.top, p.width, p.height)
                for p in layout.placeholders
            ],
        )
        for layout in prs.slide_layouts
    ]


def test_bundled_template_is_what_the_generator_writes(generated):
    bundled = Presentation(str(template.DEFAULT_TEMPLATE))
    assert [layout.name for layout in bundled.slide_layouts][:3] == ["Judul", "Isi", "Bagian"]
    assert _geometry(bundled) == _geometry(Presentation(str(generated)))


def test_content_area_leaves_room_for_the_title(generated):
    tpl = template.open_template(generated)
    body = next(p for p in tpl.layouts["isi"].placeholders if p.placeholder_format.idx == 1)
    title = next(p for p in tpl.layouts["isi"].placeholders if p.placeholder_format.idx == 0)
    assert body.top >= title.top + title.height
    assert body.top + body.height <= tpl.presentation.slide_height


def test_english_layout_names_of_a_corporate_template_are_accepted(tmp_path):
    path = tmp_path / "korporat.pptx"
    Presentation().save(str(path))  # python-pptx default: "Title Slide", "Title and Content"...
    tpl = template.open_template(path)
    assert tpl.layouts["isi"].name == "Title and Content"
    assert tpl.layouts["bagian"].name == "Section Header"


def test_missing_layouts_are_all_named_in_one_indonesian_error(tmp_path):
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name in ("Title and Content", "Section Header"):
            prs.slide_layouts.remove(layout)
    path = tmp_path / "kurang.pptx"
    prs.save(str(path))
    with pytest.raises(DeckError) as error:
        template.open_template(path)
    message = str(error.value)
    assert "kurang.pptx" in message
    assert "slide isi" in message and '"Isi"' in message
    assert "slide bagian" in message
    assert "slide judul" not in message
    assert '"Title Slide"' in message  # the layouts that are there


def test_a_layout_without_the_body_placeholder_is_reported(tmp_path):
    prs = Presentation()
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    body = next(p for p in layout.placeholders if p.placeholder_format.idx == 1)
    body._element.getparent().remove(body._element)
    path = tmp_path / "tanpa_isi.pptx"
    prs.save(str(path))
    with pytest.raises(DeckError, match="placeholder indeks 1"):
        template.open_template(path)


def test_not_a_pptx_gives_a_clear_error(tmp_path):
    path = tmp_path / "bukan.pptx"
    path.write_text("ini bukan PowerPoint")
    with pytest.raises(DeckError, match="bukan berkas PowerPoint"):
        template.open_template(path)


def test_example_slides_of_a_template_are_dropped(tmp_path):
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0])
    path = tmp_path / "dengan_contoh.pptx"
    prs.save(str(path))
    assert len(template.open_template(path).presentation.slides) == 0
