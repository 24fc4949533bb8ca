"""The per-OPD validation report: one small xlsx per OPD listing its problems, to send back.

Written in openpyxl's write-only mode (time in proportion to the rows), at most
:data:`MAX_ISSUES` problems per OPD (the most serious first, then a row saying how many
more there are), each OPD on its own: a workbook that cannot be written is named in a
message and the others are still written. Two OPD codes that would give the same file
name (``DIN.KES`` and ``DIN-KES``, or codes that differ only in case) get distinct names.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from kip_training.errors import os_reason
from kip_training.reports import schema
from kip_training.reports.model import FileResult, Issue, ReportSet
from kip_training.reports.schema import Severity, severity_rank
from kip_training.safe_export import cell_value
from kip_training.xlsx_header import HEADER_FILL, HEADER_FONT

UNKNOWN_OPD = "OPD-TIDAK-DIKENAL"
HEADERS = ("Tingkat", "Berkas", "Lembar", "Baris", "Kolom", "Nilai", "Masalah dan cara memperbaiki")
WIDTHS = (12, 30, 22, 7, 26, 22, 100)
#: Problems listed per OPD; the rest are counted in one row (the summary counts all).
MAX_ISSUES = 5000
#: Longest OPD part of a file name (a roster code can be any length).
MAX_NAME = 60
SUFFIX = "hasil_pemeriksaan.xlsx"

_LABELS = {severity: severity.label for severity in Severity}
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass
class FeedbackResult:
    """What :func:`write_feedback` did: the files written and one message per OPD whose
    file was renamed (a name collision) or could not be written."""

    files: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _safe_name(code: str) -> str:
    """The OPD part of a file name: ASCII letters, digits and hyphens ("DINKÉS" -> "DINKES")."""
    ascii_code = unicodedata.normalize("NFKD", code).encode("ascii", "ignore").decode()
    return schema.normalise_key(ascii_code).upper().replace("_", "-")[:MAX_NAME] or UNKNOWN_OPD


def file_names(codes: Iterable[str], period: str) -> tuple[dict[str, str], list[str]]:
    """A distinct file name per OPD code, and a message for each code that was renamed.

    Names are compared without regard to case (Windows and macOS folders do the same);
    the second of two colliding codes gets ``-2`` after its name, the third ``-3``.
    """
    names: dict[str, str] = {}
    owners: dict[str, str] = {}
    messages = []
    for code in codes:
        base = _safe_name(code)
        name, n = f"{base}_{period}_{SUFFIX}", 1
        while name.casefold() in owners:
            n += 1
            name = f"{base}-{n}_{period}_{SUFFIX}"
        if n > 1:
            first = owners[f"{base}_{period}_{SUFFIX}".casefold()]
            messages.append(
                f"Kode OPD '{code}' dan '{first}' menghasilkan nama "
                f"berkas yang sama; umpan balik '{code}' ditulis sebagai {name}."
            )
        owners[name.casefold()] = code
        names[code] = name
    return names, messages


def _summary_rows(code, title, reports, status, results, issues) -> list[tuple]:
    rows = [
        ("OPD", f"{code} — {title}"),
        ("Periode", reports.period.title if reports.period else "-"),
    ]
    if code in status.index:
        rows.append(("Status laporan", schema.STATUS_LAPORAN[status[code]]))
    for result in results:
        state = "dipakai" if result.used else "tidak dipakai"
        rows.append(
            (
                f"Berkas ({state})",
                f"{Path(result.file).name}: dibaca {result.rows_read} baris, diterima "
                f"{result.rows_accepted}, ditolak {result.rows_rejected}",
            )
        )
    counts = dict.fromkeys(Severity, 0)
    for issue in issues:
        counts[issue.severity] += 1
    for severity in Severity.by_rank():
        rows.append((severity.label, counts[severity]))
    if len(issues) > MAX_ISSUES:
        rows.append(
            (
                "Daftar masalah",
                f"{MAX_ISSUES} masalah pertama (yang paling serius dahulu) ada di lembar "
                f"Masalah; {len(issues) - MAX_ISSUES} lainnya muncul lagi saat laporan yang "
                "sudah diperbaiki diperiksa ulang.",
            )
        )
    rows.append(
        (
            "Keterangan",
            "Galat: baris ditolak, perbaiki lalu kirim ulang. Temuan: layanan melewati batas "
            "waktu UU KIP, dicatat apa adanya. Peringatan: nilai ditafsirkan atau kolom "
            "dibuang; periksa dan rapikan.",
        )
    )
    return rows


def _print_one_page_wide(ws) -> None:
    """Landscape, as wide as one page (long messages wrap instead of spilling over)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _styled(ws, value, **style) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def build_workbook(
    code: str,
    title: str,
    reports: ReportSet,
    status,
    results: list[FileResult],
    issues: list[Issue],
) -> Workbook:
    """One OPD's workbook: a Ringkasan sheet and a Masalah sheet (capped)."""
    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Ringkasan")
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 90
    _print_one_page_wide(summary)
    heading = "Hasil pemeriksaan laporan semester PPID Pembantu"
    summary.append([_styled(summary, heading, font=Font(bold=True, size=13))])
    text = _styled(summary, None, alignment=_WRAP)
    for label, value in _summary_rows(code, title, reports, status, results, issues):
        text.value = cell_value(value)
        summary.append([cell_value(label), text])

    sheet = wb.create_sheet("Masalah")
    for letter, width in zip("ABCDEFG", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _print_one_page_wide(sheet)
    sheet.append([_styled(sheet, h, font=HEADER_FONT, fill=HEADER_FILL) for h in HEADERS])
    shown = {r.file: cell_value(Path(r.file).name) for r in results}
    # A write-only sheet writes each row as it is appended, so one styled cell serves
    # every row's message (a styled cell per row would cost a third of the time).
    message = _styled(sheet, None, alignment=_WRAP)
    for issue in issues[:MAX_ISSUES]:
        message.value = cell_value(issue.message)
        sheet.append(
            [
                _LABELS[issue.severity],
                shown.get(issue.file) or cell_value(Path(issue.file).name),
                cell_value(issue.sheet),
                issue.row,
                cell_value(issue.column),
                cell_value(issue.value),
                message,
            ]
        )
    if len(issues) > MAX_ISSUES:
        more = f"… dan {len(issues) - MAX_ISSUES} masalah lagi (lihat Ringkasan)."
        sheet.append(["-", None, None, None, None, None, more])
    if not issues:
        sheet.append(["-", None, None, None, None, None, "Tidak ada masalah. Terima kasih."])
    return wb


def _save(wb: Workbook, path: Path) -> None:
    """Save through a temporary file in the same folder: no half-written workbook."""
    handle, temporary = tempfile.mkstemp(prefix=".~kip-", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        wb.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return os_reason(exc)
    return f"{type(exc).__name__}: {exc}"


def write_feedback(reports: ReportSet, out_dir: Path | str) -> FeedbackResult:
    """Write ``<KODE>_<periode>_hasil_pemeriksaan.xlsx`` for every OPD that sent a file.

    A file goes to the OPD it is credited to, else to every OPD its clues name (a file
    whose code and name disagree goes to both), else to ``OPD-TIDAK-DIKENAL_...xlsx``.
    The summary gives the OPD's reporting status ("Tidak dapat dipakai" for a file
    that arrived but could not be used). All text is protected against formula injection
    and cleaned of characters a workbook cannot hold.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    roster_names = dict(zip(reports.roster["kode"], reports.roster["nama"], strict=True))
    by_opd: dict[str, list[Issue]] = {}
    files_by_opd: dict[str, list[FileResult]] = {}
    for result in reports.files:
        codes = [result.kode_opd] if result.kode_opd else list(result.named_opd)
        for code in codes or [UNKNOWN_OPD]:
            files_by_opd.setdefault(code, []).append(result)
            by_opd.setdefault(code, []).extend(result.issues)
    status = reports.opd_status()
    period = reports.period.label if reports.period else "periode"
    codes = sorted(files_by_opd)
    names, messages = file_names(codes, period)
    done = FeedbackResult(messages=messages)
    for code in codes:
        issues = sorted(
            by_opd.get(code, []),
            key=lambda i: (severity_rank(i.severity), i.file, i.sheet or "", i.row or 0),
        )
        title = roster_names.get(code, "OPD tidak dikenal (kode OPD tidak ada di daftar)")
        path = out / names[code]
        try:
            wb = build_workbook(code, title, reports, status, files_by_opd[code], issues)
            _save(wb, path)
        except Exception as exc:  # one OPD's failure must not cost the others theirs
            done.failed.append(code)
            done.messages.append(
                f"Umpan balik untuk OPD '{code}' tidak dapat ditulis ke {path}: {_reason(exc)}."
            )
            continue
        done.files.append(path)
    return done
