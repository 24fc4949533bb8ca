"""The demo deck as a presentation program shows it: LibreOffice -> PDF -> PNG pages.

LibreOffice converts the demo deck to a PDF with one page per slide; every page is
rendered to PNG by ``pdftoppm`` (poppler-utils), none blank, and each page shows its
slide's title. The PNGs are kept in ``build/screenshots/<test name>/`` to look at.

LibreOffice and poppler-utils are required (``.ci/run`` installs them); without them
the test fails with the command that installs them (it is not skipped).
"""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from kip_training.commands.demo import make_demo

INSTALL = (
    "{tool} tidak ditemukan. Pasang dengan: sudo apt-get install libreoffice-impress "
    "poppler-utils (.ci/run memasangnya otomatis). / {tool} is missing: install it with "
    "`sudo apt-get install libreoffice-impress poppler-utils`."
)
RESOLUTION = 50  # dpi: a 13.33 in x 7.5 in slide becomes about 667 x 375 pixels
#: A page counts as drawn when at least this share of its pixels differs clearly
#: from its background colour (the emptiest real slide, a section divider with one
#: title on a coloured background, has about 1 %; an empty page has 0).
MIN_INK = 0.005
INK_CONTRAST = 40  # grey levels


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


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_demo_deck_pages_render_one_drawn_page_per_slide(tmp_path, request):
    soffice = _tool("soffice", "libreoffice")
    pdftoppm = _tool("pdftoppm")
    pdftotext = _tool("pdftotext")
    pages_dir = Path(__file__).resolve().parents[1] / "build" / "screenshots" / request.node.name
    shutil.rmtree(pages_dir, ignore_errors=True)
    pages_dir.mkdir(parents=True)
    print(f"Halaman PNG: {pages_dir}")

    result = make_demo(tmp_path / "demo", out=io.StringIO())
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profil').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(result.deck),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / f"{result.deck.stem}.pdf"
    subprocess.run(
        [pdftoppm, "-r", str(RESOLUTION), "-png", str(pdf), str(pages_dir / "halaman")],
        check=True,
        capture_output=True,
        timeout=120,
    )

    slides = list(Presentation(str(result.deck)).slides)
    pages = sorted(pages_dir.glob("halaman-*.png"))
    assert len(slides) == result.slides >= 15
    assert len(pages) == len(slides)

    blank = {page.name: round(ink_share(page), 4) for page in pages}
    blank = {name: share for name, share in blank.items() if share < MIN_INK}
    assert not blank, f"halaman kosong: {blank}"

    for number, slide in enumerate(slides, start=1):
        title = slide.shapes.title
        assert title is not None and title.text.strip(), f"slide {number} tanpa judul"
        text = subprocess.run(
            [pdftotext, "-f", str(number), "-l", str(number), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert _norm(title.text) in _norm(text), f"halaman {number}: judul tidak tampak"
