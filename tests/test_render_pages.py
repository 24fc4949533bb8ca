"""Decks as a presentation program shows them: LibreOffice -> PDF -> text, fonts, PNG pages.

Three decks are rendered in one LibreOffice run (module fixture): the demo deck, a
300-OPD roster, and the demo reports on a 4:3 "corporate" template whose theme has
other fonts (DejaVu Serif / DejaVu Sans) and another accent colour. LibreOffice runs
with an Indonesian locale (id-ID), as the presenter's machine would.

How overflow is measured: ``pdftotext -bbox`` gives the box of every word LibreOffice
drew. Each word must lie inside a shape of its slide (2 pt tolerance) whose own text
contains that word; words inside a chart's frame belong to the chart. Text that runs
out of its box (below a text box, past a table's last row, into a neighbouring shape)
or a word broken across lines fails this. The shape boxes are read from the pptx
(placeholders inherit theirs from the layout).

The PNG pages are kept in ``build/screenshots/<deck>/`` to look at. LibreOffice and
poppler-utils are required (``.ci/run`` installs them); without them the test fails
with the command that installs them (it is not skipped).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from deck_fixtures import make_comparison
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from kip_training.commands.demo import make_demo
from kip_training.config import load_config
from kip_training.deck import build_deck, build_deck_from_paths, charts, template
from kip_training.deck.model import Chart, Series

INSTALL = (
    "{tool} tidak ditemukan. Pasang dengan: sudo apt-get install libreoffice-impress "
    "poppler-utils (.ci/run memasangnya otomatis). / {tool} is missing: install it with "
    "`sudo apt-get install libreoffice-impress poppler-utils`."
)
RESOLUTION = 40  # dpi: a 13.33 in x 7.5 in slide becomes about 533 x 300 pixels
#: A page counts as drawn when at least this share of its pixels differs clearly
#: from its background colour (a section divider with one title has about 1 %).
MIN_INK = 0.005
INK_CONTRAST = 40  # grey levels
TOLERANCE = 2.0  # points a word may stick out of its shape (anti-aliasing, rounding)
CORPORATE_ACCENT = "8E1B5A"  # the corporate template's accent1
CORPORATE_FONTS = ("DejaVu Serif", "DejaVu Sans")  # its theme (major, minor) fonts
LOCALE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale"
 oor:op="fuse"><value>id-ID</value></prop></item>
</oor:items>
"""
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _tool(*names: str) -> str:
    for name in names:
        if path := shutil.which(name):
            return path
    pytest.fail(INSTALL.format(tool=names[0]), pytrace=False)


def ink_share(png: Path) -> float:
    """Share of pixels that differ clearly from the page's most common grey level."""
    grey = Image.open(png).convert("L")
    histogram = grey.histogram()
    background = max(range(256), key=histogram.__getitem__)
    ink = sum(n for level, n in enumerate(histogram) if abs(level - background) > INK_CONTRAST)
    return ink / (grey.width * grey.height)


# --------------------------------------------------------------------------- decks


def corporate_template(path: Path) -> Path:
    """The bundled template restyled as a corporate one: 4:3, other theme fonts and accent.

    Shapes of the master and layouts are scaled horizontally to the narrower slide, as
    PowerPoint's "Ensure fit" does when a template's slide size is changed.
    """
    prs = Presentation(str(template.DEFAULT_TEMPLATE))
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for tag, font in zip(("majorFont", "minorFont"), CORPORATE_FONTS, strict=True):
        root.find(f".//{{{_A}}}{tag}/{{{_A}}}latin").set("typeface", font)
    accent = root.find(f".//{{{_A}}}accent1")
    for child in list(accent):
        accent.remove(child)
    etree.SubElement(accent, f"{{{_A}}}srgbClr").set("val", CORPORATE_ACCENT)
    theme.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    scale = 9144000 / prs.slide_width
    prs.slide_width, prs.slide_height = 9144000, 6858000
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            if shape.left is not None:
                shape.left, shape.width = int(shape.left * scale), int(shape.width * scale)
    prs.save(str(path))
    return path


def locale_chart_deck(path: Path) -> Path:
    """One slide, one chart whose labels use Indonesian number formats."""
    prs = Presentation(str(template.DEFAULT_TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    for spec, left in (
        (Chart("column", "Ribuan", ("a", "b"), (Series("n", (1234.5, 56789.0)),), "#.##0"), 0),
        (Chart("column", "Persen", ("a", "b"), (Series("p", (0.883, 0.5)),), "0,0%"), 6),
    ):
        charts.add_chart(slide.shapes, spec, left * 914400, 1371600, 5 * 914400, 4 * 914400)
    prs.save(str(path))
    return path


@dataclass
class Rendered:
    pptx: Path
    pdf: Path
    pages: list[Path]
    words: list[list[tuple[float, float, float, float, str]]]  # per page, in points
    fonts: set[str]


def _words(pdftotext: str, pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    markup = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for page in re.findall(r"<page .*?</page>", markup, flags=re.S):
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page,
        )
        pages.append(
            [(float(a), float(b), float(c), float(d), _unescape(w)) for a, b, c, d, w in words]
        )
    return pages


def _unescape(text: str) -> str:
    return html.unescape(text)


def _fonts(pdffonts: str, pdf: Path) -> set[str]:
    out = subprocess.run([pdffonts, str(pdf)], check=True, capture_output=True, text=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return {name.split("+", 1)[-1] for name in names}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Rendered]:
    soffice = _tool("soffice", "libreoffice")
    pdftoppm, pdftotext, pdffonts = _tool("pdftoppm"), _tool("pdftotext"), _tool("pdffonts")
    work = tmp_path_factory.mktemp("render")
    demo = make_demo(work / "demo", out=io.StringIO())
    config = dataclasses.replace(load_config(), meeting_date=dt.date(2026, 1, 22))
    decks = {"contoh": demo.deck}
    decks["300_opd"] = build_deck(
        make_comparison(300, long_names=True), work / "opd300.pptx", config=config
    ).path
    decks["korporat_4x3"] = build_deck_from_paths(
        [demo.reports["2025-S2"]],
        work / "korporat.pptx",
        previous=[demo.reports["2025-S1"]],
        template_path=corporate_template(work / "templat_korporat.pptx"),
    ).path
    decks["angka"] = locale_chart_deck(work / "angka.pptx")

    profile = work / "lo-profil"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(LOCALE_XCU)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "pdf"),
            *map(str, decks.values()),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    shots = Path(__file__).resolve().parents[1] / "build" / "screenshots"
    result = {}
    for name, pptx in decks.items():
        pdf = work / "pdf" / f"{pptx.stem}.pdf"
        pages_dir = shots / name
        shutil.rmtree(pages_dir, ignore_errors=True)
        pages_dir.mkdir(parents=True)
        subprocess.run(
            [pdftoppm, "-r", str(RESOLUTION), "-png", str(pdf), str(pages_dir / "halaman")],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = sorted(pages_dir.glob("halaman-*.png"))
        result[name] = Rendered(pptx, pdf, pages, _words(pdftotext, pdf), _fonts(pdffonts, pdf))
    print(f"Halaman PNG: {shots}")
    return result


DECKS = ("contoh", "300_opd", "korporat_4x3")


# --------------------------------------------------------------------------- shapes


@dataclass
class Box:
    left: float
    top: float
    right: float
    bottom: float
    tokens: set[str] | None  # None: any word (a chart draws its own labels)
    name: str

    def holds(self, word: tuple[float, float, float, float, str]) -> bool:
        x0, y0, x1, y1, text = word
        # pdftotext's word box spans the font's whole ascent and descent (about 1.3 em);
        # the letters sit in its middle: a fifth is trimmed at the top and bottom
        trim = (y1 - y0) * 0.2
        y0, y1 = y0 + trim, y1 - trim
        inside = (
            x0 >= self.left - TOLERANCE
            and x1 <= self.right + TOLERANCE
            and y0 >= self.top - TOLERANCE
            and y1 <= self.bottom + TOLERANCE
        )
        return inside and (self.tokens is None or _part_of(text, self.tokens))


def _pt(emu) -> float:
    return emu / 12700


def _tokens(text: str) -> set[str]:
    """The words of ``text`` and the bullet glyphs the master adds."""
    return set(text.split()) | {"•", "–", "-", "▪"}


def _part_of(word: str, tokens: set[str]) -> bool:
    """``word`` is one of ``tokens``, or a piece of one broken after a hyphen or slash
    ("BAPPEDA_2025-" + "S2_revisi.xlsx"), as viewers break long words there."""
    if word in tokens:
        return True
    for token in tokens:
        at = token.find(word)
        while at >= 0:
            end = at + len(word)
            starts = at == 0 or token[at - 1] in "-/"
            ends = end == len(token) or word[-1] in "-/"
            if starts and ends:
                return True
            at = token.find(word, at + 1)
    return False


def boxes_of(slide) -> list[Box]:
    boxes = []
    for shape in slide.shapes:
        if shape.left is None:
            continue
        left, top = _pt(shape.left), _pt(shape.top)
        right, bottom = left + _pt(shape.width), top + _pt(shape.height)
        if shape.has_chart:
            tokens = None
        elif shape.has_table:
            text = " ".join(c.text for row in shape.table.rows for c in row.cells)
            tokens = _tokens(text)
        elif shape.has_text_frame:
            tokens = _tokens(shape.text_frame.text)
        else:
            continue
        boxes.append(Box(left, top, right, bottom, tokens, shape.name))
    return boxes


def number_box(slide) -> Box:
    (shape,) = [
        s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
    ]
    left, top = _pt(shape.left), _pt(shape.top)
    return Box(left, top, left + _pt(shape.width), top + _pt(shape.height), None, shape.name)


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("name", DECKS)
def test_one_drawn_page_per_slide_each_showing_its_title(rendered, name):
    deck = rendered[name]
    slides = list(Presentation(str(deck.pptx)).slides)
    assert len(deck.pages) == len(slides) == len(deck.words)
    blank = {p.name: round(ink_share(p), 4) for p in deck.pages if ink_share(p) < MIN_INK}
    assert not blank, f"halaman kosong: {blank}"
    for number, (slide, words) in enumerate(zip(slides, deck.words, strict=True), start=1):
        title = slide.shapes.title.text_frame.text
        page_text = " ".join(w[4] for w in words)
        assert " ".join(title.split()) in page_text, f"halaman {number}: judul tidak tampak"


def test_the_300_opd_deck_stays_under_35_slides(rendered):
    assert len(rendered["300_opd"].pages) < 35


@pytest.mark.parametrize("name", DECKS)
def test_no_text_runs_out_of_its_shape(rendered, name):
    deck = rendered[name]
    outside = []
    for number, (slide, words) in enumerate(
        zip(Presentation(str(deck.pptx)).slides, deck.words, strict=True), start=1
    ):
        boxes = boxes_of(slide)
        for word in words:
            if not any(box.holds(word) for box in boxes):
                outside.append((number, word[4], round(word[0]), round(word[1])))
    assert outside == [], f"teks di luar kotaknya (halaman, kata, x, y): {outside[:20]}"


@pytest.mark.parametrize("name", DECKS)
def test_every_page_shows_its_slide_number(rendered, name):
    deck = rendered[name]
    missing = []
    for number, (slide, words) in enumerate(
        zip(Presentation(str(deck.pptx)).slides, deck.words, strict=True), start=1
    ):
        box = number_box(slide)
        if not any(w[4] == str(number) and box.holds(w) for w in words):
            missing.append(number)
    assert missing == []


def _share_of_colour(png: Path, rgb: str, top_share: float = 0.2) -> float:
    """Share of the page below its title band whose pixels have colour ``rgb``."""
    image = Image.open(png).convert("RGB")
    target = tuple(int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    body = image.crop((0, int(image.height * top_share), image.width, image.height))
    pixels = np.asarray(body, dtype=int).reshape(-1, 3)
    near = np.abs(pixels - np.array(target)).sum(axis=1) < 30
    return float(near.mean())


def test_the_corporate_theme_restyles_fonts_and_colours(rendered):
    deck = rendered["korporat_4x3"]
    major, minor = (font.replace(" ", "") for font in CORPORATE_FONTS)
    assert any(f.startswith(major) for f in deck.fonts), deck.fonts  # titles
    assert any(f.startswith(minor) for f in deck.fonts), deck.fonts  # body, tables, charts
    assert not any(f.startswith("LiberationSans") for f in deck.fonts), deck.fonts
    slides = list(Presentation(str(deck.pptx)).slides)
    with_graphics = [
        page
        for slide, page in zip(slides, deck.pages, strict=True)
        if any(s.has_chart or s.has_table for s in slide.shapes)
    ]
    assert len(with_graphics) >= 8
    # tables (header rows) are drawn in the theme's accent; banded charts keep their fixed
    # red/amber/green meaning, so only table pages must show the accent
    with_tables = [
        page
        for slide, page in zip(slides, deck.pages, strict=True)
        if any(s.has_table for s in slide.shapes)
    ]
    assert len(with_tables) >= 5
    pale = [p.name for p in with_tables if _share_of_colour(p, CORPORATE_ACCENT) < 0.002]
    assert pale == [], "aksen templat tidak tampak di badan slide"
    old = [p.name for p in with_graphics if _share_of_colour(p, template.NAVY) > 0.0005]
    assert old == [], "warna aksen templat bawaan masih tampak"


def test_the_bundled_theme_fonts_are_used_by_default(rendered):
    fonts = rendered["contoh"].fonts
    assert fonts and all(f.startswith("LiberationSans") for f in fonts), fonts


def test_chart_numbers_read_the_indonesian_way(rendered):
    words = {w[4] for w in rendered["angka"].words[0]}
    assert {"1.235", "56.789", "88,3%", "50,0%"} <= words, sorted(words)
