"""The demo deck rendered by LibreOffice: one PDF page per slide.

LibreOffice (``soffice``) is required: ``.ci/run`` installs it. Without it this test
fails with the command to install it (it is not skipped).
"""

import io
import re
import shutil
import subprocess

import pytest
from pptx import Presentation

from kip_training.commands.demo import make_demo

INSTALL = (
    "LibreOffice tidak ditemukan (perintah soffice). Pasang dengan: "
    "sudo apt-get install libreoffice-impress poppler-utils. "
    "/ LibreOffice (soffice) is missing: install it with "
    "`sudo apt-get install libreoffice-impress poppler-utils`."
)


def _pages(pdf) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_demo_deck_converts_to_pdf_with_one_page_per_slide(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail(INSTALL)
    result = make_demo(tmp_path / "demo", out=io.StringIO())
    profile = (tmp_path / "lo-profil").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
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
    assert pdf.is_file()
    slides = len(Presentation(str(result.deck)).slides)
    assert slides == result.slides >= 15
    assert _pages(pdf) == slides
