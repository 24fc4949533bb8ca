"""The per-OPD validation report: one small xlsx per OPD listing its problems, to send back."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from kip_training.reports import schema
from kip_training.reports.model import Issue, ReportSet
from kip_training.reports.schema import Severity, severity_rank
from kip_training.safe_export import neutralise

UNKNOWN_OPD = "OPD-TIDAK-DIKENAL"
HEADERS = ("Tingkat", "Berkas", "Lembar", "Baris", "Kolom", "Nilai", "Masalah dan cara memperbaiki")
WIDTHS = (12, 30, 22, 7, 26, 22, 100)


def _safe_name(code: str) -> str:
    return schema.normalise_key(code).upper().replace("_", "-") or UNKNOWN_OPD


def write_feedback(reports: ReportSet, out_dir: Path | str) -> list[Path]:
    """Write ``<KODE>_<periode>_hasil_pemeriksaan.xlsx`` for every OPD that sent a file.

    A file goes to the OPD it is credited to, else to every OPD its clues name (a file
    whose code and name disagree goes to both), else to ``OPD-TIDAK-DIKENAL_...xlsx``.
    The summary gives the OPD's reporting status ("Tidak dapat dipakai" for a file
    that arrived but could not be used). All text is protected against formula injection.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = dict(zip(reports.roster["kode"], reports.roster["nama"], strict=True))
    by_opd: dict[str, list[Issue]] = {}
    files_by_opd: dict[str, list] = {}
    for result in reports.files:
        codes = [result.kode_opd] if result.kode_opd else list(result.named_opd)
        for code in codes or [UNKNOWN_OPD]:
            files_by_opd.setdefault(code, []).append(result)
            by_opd.setdefault(code, []).extend(result.issues)
    status = reports.opd_status()
    period = reports.period.label if reports.period else "periode"
    written = []
    for code in sorted(files_by_opd):
        issues = sorted(
            by_opd.get(code, []),
            key=lambda i: (severity_rank(i.severity), i.file, i.sheet or "", i.row or 0),
        )
        wb = Workbook()
        summary = wb.active
        summary.title = "Ringkasan"
        summary.column_dimensions["A"].width = 34
        summary.column_dimensions["B"].width = 60
        title = names.get(code, "OPD tidak dikenal (kode OPD tidak ada di daftar)")
        rows = [
            ("Hasil pemeriksaan laporan semester PPID Pembantu", None),
            ("OPD", f"{code} — {title}"),
            ("Periode", reports.period.title if reports.period else "-"),
        ]
        if code in status.index:
            rows.append(("Status laporan", schema.STATUS_LAPORAN[status[code]]))
        for result in files_by_opd[code]:
            state = "dipakai" if result.used else "tidak dipakai"
            rows.append(
                (
                    f"Berkas ({state})",
                    f"{Path(result.file).name}: dibaca {result.rows_read} baris, diterima "
                    f"{result.rows_accepted}, ditolak {result.rows_rejected}",
                )
            )
        for severity in Severity.by_rank():
            rows.append((severity.label, sum(i.severity == severity for i in issues)))
        rows.append(
            (
                "Keterangan",
                "Galat: baris ditolak, perbaiki lalu kirim ulang. Temuan: layanan melewati batas "
                "waktu UU KIP, dicatat apa adanya. Peringatan: nilai ditafsirkan atau kolom "
                "dibuang; periksa dan rapikan.",
            )
        )
        for label, value in rows:
            summary.append([neutralise(label), neutralise(value)])
        summary["A1"].font = Font(bold=True, size=13)
        sheet = wb.create_sheet("Masalah")
        sheet.append(list(HEADERS))
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F4E79")
        for letter, width in zip("ABCDEFG", WIDTHS, strict=True):
            sheet.column_dimensions[letter].width = width
        for issue in issues:
            sheet.append(
                [
                    Severity(issue.severity).label,
                    neutralise(Path(issue.file).name),
                    neutralise(issue.sheet),
                    issue.row,
                    neutralise(issue.column),
                    neutralise(issue.value),
                    neutralise(issue.message),
                ]
            )
            sheet.cell(row=sheet.max_row, column=7).alignment = Alignment(wrap_text=True)
        if not issues:
            sheet.append(["-", None, None, None, None, None, "Tidak ada masalah. Terima kasih."])
        sheet.freeze_panes = "A2"
        path = out / f"{_safe_name(code)}_{period}_hasil_pemeriksaan.xlsx"
        wb.save(path)
        written.append(path)
    return written
