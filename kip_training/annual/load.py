"""Both semesters of a year: the report files split by period, each semester loaded and checked.

The paths may be one folder holding both semesters, or one folder per semester (as for
``kip deck``). Every file is first read once against Semester I to learn its period;
files of Semester II are then loaded on their own, so that neither semester counts the
other's files as errors. Files of another year are set aside and named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kip_training.reports import FileResult, Period, ReportSet, load_reports
from kip_training.reports.read import find_files, group_files

#: The earliest year a report can be about (UU KIP in force 30 April 2010).
FIRST_YEAR = 2010


@dataclass
class YearReports:
    """The two semesters of ``year``; a semester without any usable report is None."""

    year: int
    semesters: dict[Period, ReportSet | None]
    other_years: list[FileResult] = field(default_factory=list)

    @property
    def loaded(self) -> list[ReportSet]:
        return [r for r in self.semesters.values() if r is not None]

    @property
    def files(self) -> list[FileResult]:
        return [f for r in self.loaded for f in r.files]

    @property
    def has_data(self) -> bool:
        return any(len(r.identitas) for r in self.loaded)


def _label(group: list[Path]) -> str:
    """The label :func:`kip_training.reports.load.read_report` gives a group of files."""
    first = group[0]
    return str(first) if len(group) == 1 else str(first.parent / (first.stem + "…"))


def load_year(
    year: int, paths: Iterable[Path | str], config=None, cache=None, calendar=None
) -> YearReports:
    """Load Semester I and II of ``year`` from ``paths``; raises ReportError for a missing path."""
    paths = list(paths)
    first, second = Period(year, 1), Period(year, 2)
    files, _ = find_files(paths)
    options = {"config": config, "cache": cache, "calendar": calendar}
    probe = load_reports(paths, period=first, **options)
    groups = {_label(g): g for g in group_files(files)}
    by_period: dict[Period, list[Path]] = {first: [], second: []}
    other_years = []
    for result in probe.files:
        period = result.period or first  # unreadable files are reported once, with Semester I
        if period in by_period:
            by_period[period].extend(groups.get(result.file, [Path(result.file)]))
        else:
            other_years.append(result)
    semesters: dict[Period, ReportSet | None] = {}
    for period, found in by_period.items():
        if not found:
            semesters[period] = None
        elif period == first and not by_period[second] and not other_years:
            semesters[period] = probe  # every file was of Semester I: no need to read again
        else:
            semesters[period] = load_reports(found, period=period, **options)
    return YearReports(year, semesters, other_years)
