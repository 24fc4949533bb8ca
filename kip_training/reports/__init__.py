"""Report intake: the PPID Pembantu six-monthly report, its loader and its checks.

Public API (see :mod:`~kip_training.reports.model` for the data objects)::

    from kip_training.reports import Period, load_reports
    reports = load_reports(["laporan/2025-S1"])
    reports.permohonan, reports.issues, reports.missing_opd()
"""

from kip_training.reports.load import load_file, load_raw, load_reports
from kip_training.reports.model import (
    GALAT,
    PERINGATAN,
    SEVERITIES,
    TEMUAN,
    FileResult,
    Issue,
    Period,
    ReportSet,
    SheetCount,
)
from kip_training.reports.schema import Severity

__all__ = [
    "GALAT",
    "PERINGATAN",
    "SEVERITIES",
    "Severity",
    "TEMUAN",
    "FileResult",
    "Issue",
    "Period",
    "ReportSet",
    "SheetCount",
    "load_file",
    "load_raw",
    "load_reports",
]
