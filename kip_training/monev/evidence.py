"""Check one piece of evidence: a PDF in the evidence folder, or a link (no network).

A file must be inside the evidence folder, exist, start with the PDF signature
(``%PDF``), be no larger than the commission's limit, end with ``%%EOF`` (a truncated
upload does not), open with pypdf with at least one page, and not be empty.

**Empty** means: no page has text that can be read *and* no page shows an image. A
scanned document (pages that are images) is not empty; a file of blank pages is. A page
of vector drawing only, without text or image, counts as empty (evidence documents carry
text or scans).

A link must be a well-formed ``http``/``https`` URL with a host name; it is not opened.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kip_training.textfmt import format_number

PDF_SIGNATURE = b"%PDF"
EOF_MARKER = b"%%EOF"
TAIL_BYTES = 1024
#: Files larger than this are not parsed at all (one hostile file costs one message).
PARSE_LIMIT = 50_000_000
#: A URL scheme of two letters or more ("C:" is a Windows drive, not a scheme).
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]+:")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$", re.IGNORECASE)

# Kinds of problem (stable codes for tests and callers).
MISSING = "tidak_ditemukan"
OUTSIDE = "di_luar_folder"
NOT_PDF = "bukan_pdf"
TOO_LARGE = "terlalu_besar"
BROKEN = "rusak"
LOCKED = "terkunci"
EMPTY = "kosong"
BAD_LINK = "tautan_salah"


@dataclass(frozen=True)
class EvidenceProblem:
    kind: str
    message: str


def is_link(text: str) -> bool:
    """Whether the text is meant as a link (a scheme, ``//`` or ``www.``) rather than a path."""
    lowered = text.strip().lower()
    return "//" in lowered or lowered.startswith("www.") or bool(_SCHEME.match(lowered))


def check_link(text: str) -> list[EvidenceProblem]:
    """Problems of a link: scheme http(s), a host name, no spaces."""
    bad = EvidenceProblem(
        BAD_LINK,
        f"tautan '{text}' tidak sah: tulis tautan lengkap, misalnya "
        "https://ppid.kotaanda.go.id/dip",
    )
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return [bad]
    if parts.scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in text):
        return [bad]
    if not _HOST.match(host) or ("." not in host and host != "localhost"):
        return [bad]
    return []


def _megabytes(size: int) -> str:
    """Size in MB, Indonesian, without trailing zeros: "2", "2,4", "0,05"."""
    text = format_number(size / 1_000_000, 2 if size < 10_000_000 else 1)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _page_has_content(page) -> bool:
    if (page.extract_text() or "").strip():
        return True
    return len(page.images) > 0


def _pdf_problems(data: bytes) -> list[EvidenceProblem]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if EOF_MARKER not in data[-TAIL_BYTES:]:
        return [
            EvidenceProblem(
                BROKEN,
                "berkas PDF terpotong (tanda akhir %%EOF tidak ada); "
                "unggah ulang atau ekspor ulang berkasnya.",
            )
        ]
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return [
                EvidenceProblem(
                    LOCKED, "berkas PDF terkunci kata sandi; penilai tidak dapat membukanya."
                )
            ]
        pages = list(reader.pages)
        if not pages:
            return [EvidenceProblem(BROKEN, "berkas PDF tidak berisi halaman.")]
        if not any(_page_has_content(page) for page in pages):
            return [
                EvidenceProblem(
                    EMPTY, f"berkas PDF kosong: {len(pages)} halaman tanpa teks atau gambar."
                )
            ]
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
    ):
        return [EvidenceProblem(BROKEN, "berkas PDF rusak dan tidak dapat dibuka.")]
    return []


def check_file(folder: Path, text: str, limit_bytes: int) -> list[EvidenceProblem]:
    """Problems of an evidence file named ``text`` relative to ``folder``."""
    relative = Path(text.replace("\\", "/"))
    if relative.is_absolute() or relative.drive:
        return [
            EvidenceProblem(
                OUTSIDE,
                f"'{text}' harus berupa path relatif terhadap folder "
                "bukti, misalnya I1/sk_dip.pdf.",
            )
        ]
    root = folder.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        return [EvidenceProblem(OUTSIDE, f"'{text}' berada di luar folder bukti.")]
    if not path.is_file():
        return [EvidenceProblem(MISSING, f"berkas '{text}' tidak ada di folder bukti.")]
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(len(PDF_SIGNATURE))
    if head != PDF_SIGNATURE:
        return [EvidenceProblem(NOT_PDF, f"'{text}' bukan berkas PDF (isinya tidak diawali %PDF).")]
    problems = []
    if size > limit_bytes:
        problems.append(
            EvidenceProblem(
                TOO_LARGE,
                f"'{text}' berukuran {_megabytes(size)} MB, melebihi batas "
                f"{_megabytes(limit_bytes)} MB; perkecil (kompres) berkasnya.",
            )
        )
    if size > PARSE_LIMIT:
        return problems
    problems += [
        EvidenceProblem(p.kind, f"'{text}': {p.message}") for p in _pdf_problems(path.read_bytes())
    ]
    return problems


def check_evidence(folder: Path, text: str, limit_bytes: int) -> list[EvidenceProblem]:
    """Problems of one evidence entry (a link or a file in ``folder``)."""
    return check_link(text) if is_link(text) else check_file(folder, text, limit_bytes)
