"""Plain data objects of report intake: Period, Issue, per-sheet counts, FileResult, ReportSet.

Everything here is picklable, so a process pool can run
:func:`kip_training.reports.load.load_file` and hand its :class:`FileResult` back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kip_training.reports import derive
from kip_training.reports.schema import STATUS_LAPORAN, Severity

GALAT = Severity.GALAT
PERINGATAN = Severity.PERINGATAN
TEMUAN = Severity.TEMUAN
SEVERITIES = tuple(Severity)

_ROMAN = {"I": 1, "II": 2, "1": 1, "2": 2}
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-_/ ]?\s*(?:S|SEM|SEMESTER)?\s*[-_ ]?\s*(II|I|1|2)\s*$", re.I)


@dataclass(frozen=True, order=True)
class Period:
    """A reporting semester: ``Period(2025, 2)`` is 1 July – 31 December 2025."""

    year: int
    semester: int

    def __post_init__(self) -> None:
        if self.semester not in (1, 2):
            raise ValueError(f"semester must be 1 or 2, not {self.semester!r}")

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """Parse "2025-S2", "2025-2", "2025 II", "2025S1"; raises ValueError otherwise."""
        if isinstance(text, Period):
            return text
        match = _PERIOD.match(str(text))
        if not match:
            raise ValueError(
                f"'{text}' bukan periode yang sah; tulis seperti 2025-S1 atau 2025-S2."
            )
        return cls(int(match.group(1)), _ROMAN[match.group(2).upper()])

    @property
    def label(self) -> str:
        return f"{self.year}-S{self.semester}"

    @property
    def roman(self) -> str:
        return "I" if self.semester == 1 else "II"

    @property
    def title(self) -> str:
        return f"Semester {self.roman} {self.year}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.semester == 1 else 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.semester == 1 else dt.date(self.year, 12, 31)

    def previous(self) -> Period:
        return Period(self.year, 1) if self.semester == 2 else Period(self.year - 1, 2)

    def next(self) -> Period:
        return Period(self.year, 2) if self.semester == 1 else Period(self.year + 1, 1)

    def __str__(self) -> str:
        return self.label


#: Cell values an issue writes to JSON as they are (anything else as its text).
_JSON_SCALARS = (str, int, float, bool)


@dataclass(frozen=True)
class Issue:
    """One problem found in a report, located as the user sees it in Excel."""

    severity: Severity
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: Any
    message: str
    kode_opd: str | None = None

    def __reduce__(self) -> tuple:
        # Pickled by field values (worker processes send tens of thousands of issues):
        # the default state-dict round trip takes several times longer to unpickle.
        return (
            Issue,
            (
                self.severity,
                self.file,
                self.sheet,
                self.row,
                self.column,
                self.value,
                self.message,
                self.kode_opd,
            ),
        )

    def as_dict(self) -> dict[str, Any]:
        value = self.value
        if value is not None and type(value) not in _JSON_SCALARS:
            value = value if isinstance(value, _JSON_SCALARS) else str(value)
        # Built by hand: dataclasses.asdict deep-copies, which is slow for 10^4 issues.
        return {
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": value,
            "message": self.message,
            "kode_opd": self.kode_opd,
        }

    def location(self) -> str:
        """ "lembar Permohonan, baris 7, kolom Tanggal Diterima" (the parts that are known)."""
        parts = []
        if self.sheet:
            parts.append(f"lembar {self.sheet}")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)


@dataclass
class SheetCount:
    """Rows of one sheet: read = accepted + rejected; ``missing`` when the file has no
    such sheet at all (an empty sheet is not missing)."""

    sheet: str
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    missing: bool = False

    def as_dict(self) -> dict[str, int]:
        return {
            "rows_read": self.rows_read,
            "rows_accepted": self.rows_accepted,
            "rows_rejected": self.rows_rejected,
        }


@dataclass
class FileResult:
    """What one file gave: its identity, counts per sheet, issues and accepted rows.

    ``frames`` maps a sheet key ("identitas", "permohonan", ...) to the accepted rows,
    normalised to the schema. ``readable`` is False when the file could not be opened
    at all (one issue then says why). ``kode_opd`` is the roster OPD the file is
    credited to; ``named_opd`` every roster OPD its clues (code, name, file name) point
    to, also when it is not usable (two or more when they disagree): such an OPD's file
    arrived. ``modified`` is the file's modification time (seconds since the epoch).
    """

    file: str
    readable: bool = True
    kode_opd: str | None = None
    period: Period | None = None
    tanggal_laporan: dt.date | None = None
    sheets: dict[str, SheetCount] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    used: bool = True  # False when superseded by another file or unusable for the set
    named_opd: tuple[str, ...] = ()
    modified: float | None = None

    @property
    def rows_read(self) -> int:
        return sum(c.rows_read for c in self.sheets.values())

    @property
    def rows_accepted(self) -> int:
        return sum(c.rows_accepted for c in self.sheets.values())

    @property
    def rows_rejected(self) -> int:
        return sum(c.rows_rejected for c in self.sheets.values())

    def count(self, severity: Severity) -> int:
        return sum(1 for i in self.issues if i.severity == severity)

    def as_dict(self, issues: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
        """The file's result as JSON values; ``issues`` maps ``id(issue)`` to the issue's
        dict when the caller has them already."""
        return {
            "file": self.file,
            "readable": self.readable,
            "used": self.used,
            "kode_opd": self.kode_opd,
            "opd_disebut": list(self.named_opd),
            "period": self.period.label if self.period else None,
            "tanggal_laporan": self.tanggal_laporan.isoformat() if self.tanggal_laporan else None,
            "rows_read": self.rows_read,
            "rows_accepted": self.rows_accepted,
            "rows_rejected": self.rows_rejected,
            "sheets": {name: c.as_dict() for name, c in self.sheets.items()},
            "issues": [
                i.as_dict() if issues is None else issues.get(id(i)) or i.as_dict()
                for i in self.issues
            ],
        }


@dataclass
class ReportSet:
    """All reports of one period, loaded and validated.

    Frames hold the accepted rows of the files in use (one file per OPD), each with
    ``kode_opd``, ``file`` and ``baris`` (Excel row) columns; dates are datetime64 and
    coded values are the schema codes.
    """

    period: Period | None
    roster: pd.DataFrame
    identitas: pd.DataFrame
    permohonan: pd.DataFrame
    keberatan: pd.DataFrame
    berkala: pd.DataFrame
    kendala: pd.DataFrame
    issues: list[Issue]
    files: list[FileResult]
    report_due: dt.date | None = None  # reports dated after this are late

    def opd_status(self) -> pd.Series:
        """Each roster OPD's reporting status (``schema.STATUS_LAPORAN`` codes)."""
        return derive.opd_status(self.roster["kode"], self.identitas, self.files, self.period)

    def late_opd(self) -> list[str]:
        """Roster codes whose report came after the due date (``report_due``)."""
        return _codes_with(self.opd_status(), derive.LATE)

    def missing_opd(self) -> list[str]:
        """Roster codes that sent no file for the period."""
        return _codes_with(self.opd_status(), derive.MISSING)

    def unusable_opd(self) -> list[str]:
        """Roster codes whose file arrived but could not be used."""
        return _codes_with(self.opd_status(), derive.UNUSABLE)

    def opd_table(self, status: pd.Series | None = None) -> list[dict[str, Any]]:
        """Per roster OPD: code, name, status (code and label) and its rows in use.

        ``status``: :meth:`opd_status`, when the caller has it already.
        """
        status = self.opd_status() if status is None else status
        rows = derive.opd_rows(status.index, self.files)
        partial = derive.incomplete(status, rows).tolist()
        names = self._names()
        columns = [rows[name].tolist() for name in derive.ROW_COLUMNS]
        return [
            {
                "kode": code,
                "nama": names.get(code, code),
                "status": state,
                "status_label": STATUS_LAPORAN[state],
                "baris_dibaca": int(read),
                "baris_diterima": int(accepted),
                "baris_ditolak": int(rejected),
                "baris_diterima_persen": None if pd.isna(share) else float(share),
                "lengkap": not part,
            }
            for code, state, read, accepted, rejected, share, part in zip(
                status.index, status.tolist(), *columns, partial, strict=True
            )
        ]

    def _names(self) -> dict[str, str]:
        """Roster code -> OPD name."""
        return dict(zip(self.roster["kode"], self.roster["nama"], strict=True))

    def frame(self, sheet: str) -> pd.DataFrame:
        return getattr(self, sheet)

    def count(self, severity: Severity) -> int:
        return sum(1 for i in self.issues if i.severity == severity)

    @property
    def has_errors(self) -> bool:
        return any(i.severity == GALAT for i in self.issues)

    def totals(self) -> dict[str, Any]:
        sheets: dict[str, SheetCount] = {}
        for result in self.files:
            for name, c in result.sheets.items():
                total = sheets.setdefault(name, SheetCount(name))
                total.rows_read += c.rows_read
                total.rows_accepted += c.rows_accepted
                total.rows_rejected += c.rows_rejected
        names = self._names()
        status = self.opd_status()
        severities = Counter(i.severity for i in self.issues)

        def listed(state: str) -> list[dict[str, str]]:
            return [{"kode": k, "nama": names.get(k, k)} for k in _codes_with(status, state)]

        return {
            "files": len(self.files),
            "rows_read": sum(c.rows_read for c in sheets.values()),
            "rows_accepted": sum(c.rows_accepted for c in sheets.values()),
            "rows_rejected": sum(c.rows_rejected for c in sheets.values()),
            "sheets": {name: c.as_dict() for name, c in sheets.items()},
            "issues": {s: severities[s] for s in SEVERITIES},
            "missing_opd": listed(derive.MISSING),
            "unusable_opd": listed(derive.UNUSABLE),
            "late_opd": listed(derive.LATE),
            "opd": self.opd_table(status),
            "report_due": self.report_due.isoformat() if self.report_due else None,
        }

    def as_dict(self, totals: dict[str, Any] | None = None) -> dict[str, Any]:
        """What ``kip check --json`` writes: per file, every issue, and the totals
        (``totals``: :meth:`totals`, when the caller has it already)."""
        issues = {id(i): i.as_dict() for i in self.issues}  # each issue listed twice
        return {
            "period": self.period.label if self.period else None,
            "files": [r.as_dict(issues) for r in self.files],
            "issues": [issues[id(i)] for i in self.issues],
            "totals": self.totals() if totals is None else totals,
        }


def _codes_with(status: pd.Series, state: str) -> list[str]:
    """The codes of ``status`` (roster order) whose status is ``state``."""
    return list(status.index[status.to_numpy() == state])
