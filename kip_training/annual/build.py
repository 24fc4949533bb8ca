"""From report folders to the annual report's files: .docx, .xlsx and, when asked, .pdf."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kip_training.annual.document import write_document
from kip_training.annual.figures import AnnualFigures, annual_figures
from kip_training.annual.load import YearReports, load_year
from kip_training.annual.workbook import write_workbook
from kip_training.errors import ReportError


class NoReports(ReportError):
    """No usable report of either semester of the year."""


@dataclass
class AnnualResult:
    """What was written, and the figures and reports behind it."""

    year: int
    document: Path
    workbook: Path
    pdf: Path | None
    figures: AnnualFigures
    reports: YearReports


def file_stem(year: int) -> str:
    return f"laporan_layanan_informasi_{year}"


def build_annual_report(
    year: int,
    paths: Iterable[Path | str],
    folder: Path | str,
    config,
    followup: Path | str | None = None,
    pdf: bool = False,
    cache=None,
    template: Path | str | None = None,
) -> AnnualResult:
    """Load both semesters of ``year`` and write the report files into ``folder``.

    Raises :class:`NoReports` when neither semester has a usable report (the loaded
    reports are on the exception, for printing their problems).
    """
    reports = load_year(year, paths, config=config, cache=cache)
    if not reports.has_data:
        error = NoReports(
            f"Tidak ada laporan PPID Pembantu tahun {year} yang dapat dipakai di "
            + ", ".join(str(p) for p in paths)
            + " (laporan Semester I dan II tahun itu)."
        )
        error.reports = reports
        raise error
    figures = annual_figures(reports)
    roster = reports.loaded[0].roster
    names = dict(zip(roster["kode"], roster["nama"], strict=True))
    register = None
    if followup:
        from kip_training.annual.followup import read_followup

        register = read_followup(followup)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = file_stem(year)
    document = write_document(
        figures, folder / f"{stem}.docx", config, names, followup=register, template=template
    )
    title = f"Laporan Layanan Informasi Publik {year} - {config.body_name}"
    workbook = write_workbook(figures, folder / f"{stem}_tabel.xlsx", title, register)
    pdf_path = None
    if pdf:
        from kip_training.annual.pdf import to_pdf

        pdf_path = to_pdf(document)
    return AnnualResult(year, document, workbook, pdf_path, figures, reports)
