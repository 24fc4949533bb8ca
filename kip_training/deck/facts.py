"""What the deck needs from report intake besides the metrics: rows excluded, the check's
findings, duplicate reports, the OPDs' obstacles, the Atasan's answer times.

:func:`intake_facts` reads a :class:`~kip_training.reports.ReportSet` once; the slides
read only this object. Privacy: no request row is kept, only OPD codes, sheet and row
numbers, the check's messages (personal data in them is masked by the loader) and the
OPDs' own "Kendala dan Rekomendasi" text.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from kip_training import law
from kip_training.reports import Issue
from kip_training.reports.model import ReportSet

REQUEST_SHEET = "permohonan"
#: Column of the check that marks a refusal without a Pasal 17 letter.
PASAL_17_COLUMN = "pasal 17"
DUPLICATE_MARK = "lebih dari satu laporan"


@dataclass(frozen=True)
class Finding:
    """One issue of the check, reduced to what a slide may show (no cell value)."""

    severity: str
    kode_opd: str | None
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str

    @property
    def kind(self) -> str:
        """What the finding is about: "lembar Permohonan, kolom Tanggal Diterima"."""
        parts = [f"lembar {self.sheet}" if self.sheet else "berkas laporan"]
        if self.column:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)


@dataclass
class IntakeFacts:
    """Intake figures of one period (see the module docstring)."""

    requests_read: int = 0
    requests_rejected: int = 0
    findings: list[Finding] = field(default_factory=list)
    kendala: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["kode_opd", "jenis", "uraian"])
    )
    answer_days: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["kode_opd", "hari_kerja_tanggapan"])
    )
    report_due: dt.date | None = None

    @property
    def duplicates(self) -> list[Finding]:
        """The check's lines on OPDs that sent more than one report."""
        return [f for f in self.findings if DUPLICATE_MARK in f.message]

    @property
    def unlawful_refusals(self) -> list[Finding]:
        """Refusals without a Pasal 17 letter (the check rejects those rows)."""
        return [
            f
            for f in self.findings
            if f.severity == "galat"
            and f.column
            and PASAL_17_COLUMN in f.column.lower()
            and "ditolak" in f.message.lower()
        ]


def _findings(issues: Sequence[Issue]) -> list[Finding]:
    """The issues as findings (each file's name worked out once, not once per issue)."""
    names: dict[str, str] = {}
    out = []
    for issue in issues:
        path = issue.file
        name = names.get(path)
        if name is None:
            name = names[path] = os.path.basename(str(path)) if path else ""
        out.append(
            Finding(
                severity=str(issue.severity),
                kode_opd=issue.kode_opd,
                file=name,
                sheet=issue.sheet,
                row=issue.row,
                column=issue.column,
                message=issue.message,
            )
        )
    return out


def intake_facts(reports: ReportSet) -> IntakeFacts:
    """The facts of ``reports`` the deck shows (requests read and rejected in the files
    in use, every issue, the Kendala sheet, the Atasan's answer times)."""
    read = rejected = 0
    for result in reports.files:
        if not result.used:
            continue
        count = result.sheets.get(REQUEST_SHEET)
        if count is not None:
            read += count.rows_read
            rejected += count.rows_rejected
    kendala = reports.kendala
    columns = [c for c in ("kode_opd", "jenis", "uraian") if c in kendala]
    objections = reports.keberatan
    answer = (
        objections[["kode_opd", "hari_kerja_tanggapan"]].copy()
        if {"kode_opd", "hari_kerja_tanggapan"} <= set(objections.columns)
        else pd.DataFrame(columns=["kode_opd", "hari_kerja_tanggapan"])
    )
    return IntakeFacts(
        requests_read=read,
        requests_rejected=rejected,
        findings=_findings(reports.issues),
        kendala=kendala[columns].reset_index(drop=True),
        answer_days=answer.reset_index(drop=True),
        report_due=reports.report_due,
    )


def answer_limit() -> int:
    """Working days the Atasan PPID has to answer an objection (law.DEADLINES)."""
    return law.DEADLINES["tanggapan_keberatan"].working_days


def answer_times(facts: IntakeFacts | None, codes: Sequence[str]) -> pd.DataFrame:
    """Per OPD code: objections answered, the longest answer (working days), answers over
    the limit and objections not answered yet."""
    out = pd.DataFrame(
        0, index=pd.Index(list(codes), name="kode"), columns=["dijawab", "lewat", "belum"]
    )
    out["maks"] = float("nan")
    if facts is None or facts.answer_days.empty:
        return out
    frame = pd.DataFrame(
        {
            "kode": frame_codes(facts.answer_days),
            "days": pd.to_numeric(
                facts.answer_days["hari_kerja_tanggapan"], errors="coerce"
            ).astype(float),
        }
    )
    frame = frame[frame["kode"].isin(out.index)]
    answered = frame["days"].notna()
    grouped = frame.assign(
        dijawab=answered, belum=~answered, lewat=frame["days"] > answer_limit()
    ).groupby("kode")
    counts = grouped[["dijawab", "belum", "lewat"]].sum().astype(int)
    out.loc[counts.index, ["dijawab", "belum", "lewat"]] = counts
    out.loc[counts.index, "maks"] = grouped["days"].max()
    return out


def frame_codes(frame: pd.DataFrame) -> pd.Series:
    """The OPD codes of a frame's rows, as plain strings."""
    return frame["kode_opd"].astype(str)
