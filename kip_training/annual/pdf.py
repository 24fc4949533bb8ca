"""PDF of the annual report through LibreOffice (``soffice --headless --convert-to pdf``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from kip_training.errors import EXIT_FAILED, KipError

TIMEOUT_SECONDS = 300


class PdfError(KipError):
    """LibreOffice is missing or could not convert the document."""

    exit_code = EXIT_FAILED


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(document: Path | str) -> Path:
    """Convert ``document`` to a PDF next to it; returns the PDF's path."""
    document = Path(document)
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(
            "LibreOffice (perintah soffice) tidak ditemukan, jadi PDF tidak dibuat. Pasang "
            f"LibreOffice, atau buka {document.name} di Word/Writer lalu simpan sebagai PDF."
        )
    with tempfile.TemporaryDirectory(prefix="kip-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(document.parent),
            str(document),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise PdfError(
                f"LibreOffice tidak selesai mengubah {document.name} ke PDF dalam "
                f"{TIMEOUT_SECONDS} detik."
            ) from None
    pdf = document.with_suffix(".pdf")
    if done.returncode != 0 or not pdf.is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["tanpa keterangan"]
        raise PdfError(f"LibreOffice gagal mengubah {document.name} ke PDF: {detail[0]}")
    return pdf
