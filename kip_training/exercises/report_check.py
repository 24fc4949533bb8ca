"""Report check in a notebook: upload or point to a report, see its problems and who is missing.

Built on :func:`kip_training.reports.load_reports`. :func:`issues_table`,
:func:`files_table` and :func:`missing_table` turn a :class:`ReportSet` into
Indonesian tables; :func:`verdict` is the one-paragraph answer ("can I send it?").
:class:`ReportCheck` is the widget: a download button for the blank report template, a
file-upload button (the chosen files' names shown next to it) and a path box, a
"Periksa" button, and the tables. With ``folder=True`` (for the PPID Utama) it also lists
the OPDs of the roster that have not reported. Under ``kip app`` the path box is shown
only when the trainer allowed one server folder (:mod:`kip_training.app_mode`).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import tempfile
from collections.abc import Iterable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from kip_training.app_mode import check_server_path, path_box_allowed
from kip_training.errors import KipError
from kip_training.exercises.form import button, style
from kip_training.exercises.tables import table_html
from kip_training.paths import TEMPLATES_DIR
from kip_training.reports import Issue, ReportSet, load_reports
from kip_training.reports.read import SUFFIXES
from kip_training.reports.schema import Severity, severity_rank
from kip_training.textfmt import format_date

ACCEPTED_SUFFIXES = SUFFIXES  # what the loader reads
#: The blank six-monthly report workbook offered for download.
TEMPLATE_PATH = TEMPLATES_DIR / "laporan_ppid_pembantu.xlsx"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: A link that looks like an ipywidgets button (the browser downloads the file itself).
_LINK_STYLE = (
    "display:inline-block;padding:4px 14px;border-radius:2px;text-decoration:none;"
    "background:var(--jp-brand-color1,#1976d2);color:white;line-height:1.8"
)


def template_download(path: Path = TEMPLATE_PATH) -> widgets.HTML:
    """A download button for the blank report template (a ``data:`` link, no server file)."""
    encoded = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    link = widgets.HTML(
        f'<a download="{html.escape(path.name)}" href="data:{XLSX_MIME};base64,{encoded}" '
        f'style="{_LINK_STYLE}">⬇ Unduh templat laporan kosong ({html.escape(path.name)})</a>'
    )
    link.add_class("kip-unduh-templat")
    return link


def _file_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} byte"


def check(paths: Iterable[Path | str], **kwargs) -> ReportSet:
    """Load and check reports (files or folders); see :func:`load_reports` for options."""
    return load_reports([Path(p) for p in paths], **kwargs)


def _opd_names(reports: ReportSet) -> dict[str, str]:
    if not len(reports.roster):
        return {}
    return dict(zip(reports.roster["kode"], reports.roster["nama"], strict=True))


def value_text(value: object, column: str | None = None) -> str:
    """A cell value as the user typed it; dates as "21 September 2025"."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value, weekday=False)
    is_date_column = column is not None and "tanggal" in column.lower()
    if is_date_column and isinstance(value, int) and abs(value) > 10**15:
        return format_date(pd.Timestamp(value).date(), weekday=False)  # datetime64 in ns
    if is_date_column and isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value), weekday=False)
        except ValueError:
            return value
    return str(value)


def issues_table(issues: Iterable[Issue]) -> pd.DataFrame:
    """Problems as a table a PPID Pembantu can follow, errors first, in sheet/row order."""
    rows = [
        {
            "Tingkat": Severity(i.severity).label,
            "Berkas": Path(i.file).name if i.file else "",
            "Lembar": i.sheet or "",
            "Baris": i.row if i.row is not None else "",
            "Kolom": i.column or "",
            "Nilai": value_text(i.value, i.column),
            "Masalah dan cara memperbaiki": i.message,
            "_order": (severity_rank(i.severity), i.file or "", i.sheet or "", i.row or 0),
        }
        for i in issues
    ]
    columns = [
        "Tingkat",
        "Berkas",
        "Lembar",
        "Baris",
        "Kolom",
        "Nilai",
        "Masalah dan cara memperbaiki",
    ]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows)
    frame = frame.sort_values("_order", kind="stable").drop(columns="_order")
    frame.index = range(1, len(frame) + 1)
    return frame[columns]


def files_table(reports: ReportSet) -> pd.DataFrame:
    """One row per file: OPD, period, rows read / accepted / rejected, problems."""
    names = _opd_names(reports)
    rows = []
    for result in reports.files:
        rows.append(
            {
                "Berkas": Path(result.file).name,
                "OPD": names.get(result.kode_opd, result.kode_opd or "(tidak dikenal)"),
                "Periode": result.period.title if result.period else "",
                "Dipakai": "ya" if result.used else "tidak",
                "Baris dibaca": result.rows_read,
                "Diterima": result.rows_accepted,
                "Ditolak": result.rows_rejected,
                **{s.label: result.count(s) for s in Severity},
            }
        )
    frame = pd.DataFrame(rows)
    if len(frame):
        frame.index = range(1, len(frame) + 1)
    return frame


def missing_table(reports: ReportSet) -> pd.DataFrame:
    """The roster's OPDs without a usable report for the period (and the late ones)."""
    roster = reports.roster.set_index("kode") if len(reports.roster) else pd.DataFrame()
    rows = [
        {"Kode": code, "Nama OPD": roster.loc[code, "nama"], "Status": "belum melapor"}
        for code in reports.missing_opd()
    ] + [
        {"Kode": code, "Nama OPD": roster.loc[code, "nama"], "Status": "terlambat"}
        for code in reports.late_opd()
    ]
    frame = pd.DataFrame(rows, columns=["Kode", "Nama OPD", "Status"])
    frame.index = range(1, len(frame) + 1)
    return frame


def advice(reports: ReportSet, folder: bool = False) -> str:
    """The one sentence that says what to do next (for the PPID Utama with ``folder``)."""
    galat, peringatan, temuan = (reports.count(s) for s in Severity)
    if folder:
        if galat:
            return (
                "Kirim hasil pemeriksaan kepada OPD yang laporannya memuat galat, minta mereka "
                "memperbaiki dan mengirim ulang (umpan balik per OPD: kip check FOLDER "
                "--feedback FOLDER_HASIL)."
            )
        return "Semua laporan dapat dipakai. Bahas temuan dan peringatan di rapat koordinasi."
    if galat:
        return (
            "Perbaiki dulu setiap galat pada baris dan kolom yang disebut, lalu periksa "
            "ulang sebelum laporan dikirim ke PPID Utama."
        )
    if peringatan or temuan:
        return (
            "Laporan dapat dikirim. Periksa lagi peringatan dan tindak lanjuti temuan yang "
            "tercantum."
        )
    return "Tidak ada masalah. Laporan siap dikirim ke PPID Utama."


def verdict(reports: ReportSet, folder: bool = False) -> str:
    """What was checked, what was found and what to do next, in a few plain sentences."""
    counts = ", ".join(f"{s}: {reports.count(s)}" for s in Severity.by_rank())
    period = reports.period.title if reports.period else "periode tidak diketahui"
    lines = [
        f"Berkas diperiksa: {len(reports.files)} ({period}).",
        f"{counts.capitalize()}.",
        advice(reports, folder),
    ]
    if reports.report_due:
        lines.append(f"Batas kirim laporan: {format_date(reports.report_due)}.")
    return "\n".join(lines)


def missing_text(reports: ReportSet) -> str:
    """Who has not reported (and who was late), as plain text."""
    names = _opd_names(reports)
    missing, late = reports.missing_opd(), reports.late_opd()
    total = len(reports.roster)
    lines = [f"OPD wajib lapor: {total}; sudah melapor: {total - len(missing)}."]
    lines.append(
        "Belum melapor: "
        + (", ".join(names.get(c, c) for c in missing) if missing else "tidak ada")
    )
    lines.append(
        "Terlambat: " + (", ".join(names.get(c, c) for c in late) if late else "tidak ada")
    )
    return "\n".join(lines)


def _table_html(frame: pd.DataFrame, empty: str) -> str:
    if not len(frame):
        return f"<p>{html.escape(empty)}</p>"
    return f'<div style="max-height:420px;overflow:auto">{table_html(frame)}</div>'


class ReportCheck(widgets.VBox):
    """Upload a report (or type a path), press "Periksa", read what to fix.

    Child widgets: ``template_link`` (download of the blank template), ``upload``
    (FileUpload, .xlsx/.xlsm/.ods/.csv, several files allowed), ``chosen`` (the names of
    the files chosen), ``path_text`` (a file or folder path; not in ``kip app`` unless
    the trainer allowed a reports folder), ``check_button``, ``result``
    (verdict and per-file counts), ``issues`` (the problem table) and ``missing`` (OPDs
    without a report; shown with ``folder=True``). After a check, ``reports`` holds the
    :class:`ReportSet`. ``run=True`` checks ``path`` at once (for a prepared example).
    """

    def __init__(
        self, path: Path | str | None = None, folder: bool = False, run: bool = False
    ) -> None:
        self.folder = folder
        self.reports: ReportSet | None = None
        self._scratch = tempfile.TemporaryDirectory(prefix="kip-unggah-")
        self.upload = widgets.FileUpload(
            accept=",".join(ACCEPTED_SUFFIXES),
            multiple=True,
            description="Unggah laporan",
            layout=widgets.Layout(width="auto", min_width="180px"),
        )
        self.chosen = widgets.HTML()
        self.template_link = template_download()
        self.path_text = widgets.Text(
            value=str(path) if path else "",
            description="atau path folder" if folder else "atau path berkas",
            placeholder="misalnya laporan/2025-S2" if folder else "misalnya laporan_dinkes.xlsx",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="70%"),
        )
        self.check_button = button("Periksa", button_style="primary", icon="check")
        self.result = widgets.HTML()
        self.issues = widgets.HTML()
        self.missing = widgets.HTML()
        for widget, css in (
            (self.upload, "kip-unggah-laporan"),
            (self.chosen, "kip-berkas-dipilih"),
            (self.path_text, "kip-path-laporan"),
            (self.check_button, "kip-periksa-laporan"),
            (self.result, "kip-hasil-periksa"),
            (self.issues, "kip-daftar-masalah"),
            (self.missing, "kip-opd-belum-lapor"),
        ):
            widget.add_class(css)
        self.check_button.on_click(lambda _b: self.run())
        self.upload.observe(lambda _change: self._show_chosen("Berkas dipilih"), names="value")
        children = [
            style(),
            *([] if folder else [self.template_link, widgets.HBox([self.upload, self.chosen])]),
            *([self.path_text] if path_box_allowed() else []),  # `kip app`: upload only
            self.check_button,
            self.result,
            self.missing,
            self.issues,
        ]
        super().__init__(children)
        self.add_class("kip-periksa-laporan-box")
        self.add_class("kip-form")
        if run:
            self.run()

    def _uploaded_paths(self) -> list[Path]:
        folder = (
            Path(self._scratch.name) / f"unggahan-{len(list(Path(self._scratch.name).iterdir()))}"
        )
        folder.mkdir()
        paths = []
        for item in self.upload.value:
            name = Path(item["name"]).name
            target = folder / name
            target.write_bytes(bytes(item["content"]))
            paths.append(target)
        return paths

    def sources(self) -> list[Path]:
        """What will be checked: uploaded files (then cleared), else the typed path."""
        if self.upload.value:
            self._show_chosen("Berkas diperiksa")
            paths = self._uploaded_paths()
            self.upload.value = ()  # a corrected file is uploaded again; the path box works next
            return paths
        text = self.path_text.value.strip().strip('"').strip("'")
        return [check_server_path(Path(text))] if text else []

    def _show_chosen(self, label: str) -> None:
        """Name the uploaded files next to the button (kept after the upload is cleared)."""
        files = [
            f"{html.escape(Path(item['name']).name)} ({_file_size(item['size'])})"
            for item in self.upload.value
        ]
        if files:
            self.chosen.value = f"{label}: <b>{', '.join(files)}</b>"

    def run(self) -> ReportSet | None:
        """Check the uploaded files or the path and show the result."""
        self.reports = None
        self.issues.value = self.missing.value = ""
        try:
            sources = self.sources()
        except KipError as exc:
            self._error(str(exc))
            return None
        if not sources:
            self._error(
                "Unggah berkas laporan atau tuliskan path berkas/folder, lalu tekan Periksa."
            )
            return None
        try:
            reports = check(sources)
        except KipError as exc:
            self._error(str(exc))
            return None
        self.reports = reports
        colour = "#b00020" if reports.has_errors else "#1b5e20"
        next_step = advice(reports, self.folder)
        lines = [line for line in verdict(reports, self.folder).splitlines() if line != next_step]
        self.result.value = (
            f'<div style="line-height:1.5"><p style="color:{colour}">'
            f"<b>{html.escape(next_step)}</b></p>"
            f"<p>{'<br>'.join(html.escape(line) for line in lines)}</p></div>"
            + _table_html(files_table(reports), "Tidak ada berkas laporan yang ditemukan.")
        )
        self.issues.value = "<h4>Masalah dan cara memperbaikinya</h4>" + _table_html(
            issues_table(reports.issues), "Tidak ada masalah yang ditemukan."
        )
        if self.folder:
            self.missing.value = (
                "<h4>OPD yang belum melapor</h4>"
                + '<p style="line-height:1.5">'
                + "<br>".join(html.escape(line) for line in missing_text(reports).splitlines())
                + "</p>"
                + _table_html(missing_table(reports), "Semua OPD sudah melapor tepat waktu.")
            )
        return reports

    def _error(self, message: str) -> None:
        self.result.value = (
            f'<p style="color:#b00020"><b>Belum bisa diperiksa.</b> {html.escape(message)}</p>'
        )
