"""Certificates of completion for the participants who passed a training session.

One A4 landscape PDF page per participant, drawn with matplotlib (no office program
needed, the same on every machine): the public body's name, "Sertifikat", the
participant's name and OPD, the session's title, its date and the score. Only a
participant whose counted attempt passed gets one (:func:`certificates`).

The wording is in :data:`TEXTS` (Indonesian); the issuing body comes from the
configuration (``[badan_publik]`` in kip.toml).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from kip_training.config import load_config
from kip_training.quiz.results import ParticipantResult, SessionResults, wib_date
from kip_training.quiz.roster import load_roster
from kip_training.textfmt import format_date, format_percent

#: A4 landscape, inches.
PAGE = (11.69, 8.27)
NAVY = "#1f4e79"
GOLD = "#b8860b"
TEXTS = {
    "judul": "SERTIFIKAT",
    "sub_judul": "Tanda Selesai Pelatihan",
    "diberikan": "diberikan kepada",
    "telah": "yang telah menyelesaikan dan lulus kuis pelatihan",
    "nilai": "dengan nilai {nilai} (nilai lulus {lulus})",
    "tanggal": "{kota}, {tanggal}",
    "dasar": "Pelatihan Keterbukaan Informasi Publik (UU Nomor 14 Tahun 2008)",
}


@dataclass(frozen=True)
class Certificate:
    """What one certificate says."""

    participant: str
    opd: str
    title: str
    day: str  # "22 Januari 2026"
    score: float
    pass_mark: float


def opd_name(code: str) -> str:
    """The OPD's full name from the roster ("DINKES" -> "Dinas Kesehatan"), else the code."""
    for opd in load_roster():
        if opd.kode == code:
            return opd.nama or code
    return code


def filename(person: ParticipantResult | Certificate, session_code: str = "") -> str:
    """ "sertifikat_<code>_siti-rahmawati_dinkes.pdf" (letters, digits and dashes only)."""

    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "peserta"

    parts = ["sertifikat", slug(session_code)] if session_code else ["sertifikat"]
    return "_".join([*parts, slug(person.participant), slug(person.opd)]) + ".pdf"


def certificate_for(person: ParticipantResult, results: SessionResults) -> Certificate:
    """The certificate text of one participant of ``results``."""
    moment = person.finished_at or person.started_at or results.created_at
    day = wib_date(moment) if moment else None
    if day is None and results.created_at:
        day = wib_date(results.created_at)
    return Certificate(
        participant=person.participant,
        opd=opd_name(person.opd),
        title=results.title,
        day=format_date(day, weekday=False) if day else "",
        score=person.score,
        pass_mark=results.pass_mark,
    )


def _fit(text: str, size: float, width: int) -> float:
    """A smaller font for a long line (about ``width`` characters fit at ``size``)."""
    return size if len(text) <= width else max(size * width / len(text), size * 0.55)


def certificate_pdf(cert: Certificate, issuer: Mapping[str, str] | None = None) -> bytes:
    """One certificate as a one-page PDF (fonts embedded, text searchable)."""
    issuer = issuer or _issuer()
    fig = Figure(figsize=PAGE)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    ax.add_patch(Rectangle((0.03, 0.04), 0.94, 0.92, fill=False, lw=6, ec=NAVY))
    ax.add_patch(Rectangle((0.045, 0.06), 0.91, 0.88, fill=False, lw=1.5, ec=GOLD))

    def line(y: float, text: str, size: float, **kw) -> None:
        ax.text(0.5, y, text, ha="center", va="center", fontsize=size, **kw)

    line(0.87, issuer.get("nama", ""), 15, color=NAVY, weight="bold")
    line(0.83, issuer.get("ppid_utama", ""), _fit(issuer.get("ppid_utama", ""), 11, 90))
    line(0.72, TEXTS["judul"], 40, color=NAVY, weight="bold")
    line(0.655, TEXTS["sub_judul"], 15, color=GOLD, style="italic")
    line(0.575, TEXTS["diberikan"], 13)
    line(0.49, cert.participant, _fit(cert.participant, 30, 36), weight="bold")
    ax.plot([0.22, 0.78], [0.452, 0.452], color=GOLD, lw=1)
    line(0.415, cert.opd, _fit(cert.opd, 15, 70))
    line(0.345, TEXTS["telah"], 13)
    line(0.29, f"“{cert.title}”", _fit(cert.title, 18, 60), weight="bold", color=NAVY)
    score = TEXTS["nilai"].format(
        nilai=format_percent(cert.score, 0), lulus=format_percent(cert.pass_mark, 0)
    )
    line(0.235, score, 13)
    line(0.18, TEXTS["dasar"], 10, color="#555555")
    place = TEXTS["tanggal"].format(kota=issuer.get("kota", ""), tanggal=cert.day).strip(", ")
    ax.text(0.9, 0.1, place, ha="right", va="center", fontsize=11)
    buffer = io.BytesIO()
    fig.savefig(
        buffer,
        format="pdf",
        metadata={"Title": f"Sertifikat {cert.participant}", "Creator": "kip-training"},
    )
    return buffer.getvalue()


def _issuer() -> dict[str, str]:
    """The issuing body from kip.toml (empty texts when it cannot be read)."""
    try:
        config = load_config()
    except Exception:  # a broken kip.toml must not stop the certificates
        return {}
    return {"nama": config.body_name, "ppid_utama": config.ppid_unit, "kota": config.city}


def certificates(results: SessionResults) -> dict[str, bytes]:
    """File name -> PDF for every participant who passed (nobody else gets one)."""
    issuer = _issuer()
    files = {}
    for person in results.passed:
        files[filename(person, results.code)] = certificate_pdf(
            certificate_for(person, results), issuer
        )
    return files


def certificates_zip(results: SessionResults) -> bytes:
    """Every certificate of :func:`certificates` in one zip file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in certificates(results).items():
            archive.writestr(name, data)
    return buffer.getvalue()


__all__ = [
    "Certificate",
    "certificate_for",
    "certificate_pdf",
    "certificates",
    "certificates_zip",
    "filename",
    "opd_name",
]
