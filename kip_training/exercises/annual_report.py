"""The annual report in a notebook: year, report folders, kip.toml, and a button that writes it.

:func:`make_report` builds the report (by default from the bundled sample year);
:func:`summary_text` says what it holds in a few lines; :class:`AnnualReportForm` is the
widget. Built on :func:`kip_training.annual.build.build_annual_report`.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import ipywidgets as widgets

from kip_training.annual.build import AnnualResult, build_annual_report
from kip_training.annual.document import cell_text
from kip_training.app_mode import check_server_path, path_box_allowed
from kip_training.config import load_config
from kip_training.errors import KipError
from kip_training.exercises.output import output_dir
from kip_training.exercises.session import sample_folder


def make_report(
    year: int = 2025,
    folders: list[Path | str] | None = None,
    config_path: Path | str | None = None,
    pdf: bool = False,
) -> AnnualResult:
    """Write the report of ``year`` into :func:`output_dir` (sample folders by default)."""
    if not folders:
        folders = [sample_folder(f"{year}-S1"), sample_folder(f"{year}-S2")]
    config = load_config(config_path)
    return build_annual_report(year, folders, output_dir(), config, pdf=pdf)


def summary_text(result: AnnualResult) -> str:
    """The year's Pasal 12 figures and what was written (file names, not folders)."""
    t = result.figures.totals
    lines = [
        f"Laporan layanan informasi publik tahun {result.year}.",
        f"Permohonan: {cell_text(t['Permohonan'])}; dipenuhi seluruhnya "
        f"{cell_text(t['Dipenuhi seluruhnya'])}, sebagian {cell_text(t['Dipenuhi sebagian'])}, "
        f"ditolak {cell_text(t['Ditolak'])}.",
        f"Waktu sampai pemberitahuan tertulis: median {cell_text(t['Median hari kerja'])} hari "
        f"kerja, paling lama {cell_text(t['Maks. hari kerja'])} hari kerja.",
        f"Keberatan: {cell_text(t['keberatan'])}; sengketa di Komisi Informasi: "
        f"{cell_text(t['sengketa'])}.",
    ]
    for note in result.figures.notes:
        lines.append(
            f"{note.period.title}: {note.files_used} dari {note.files} berkas dipakai, "
            f"{cell_text(note.rows_rejected)} baris tidak dihitung."
        )
    lines.append(f"Ditulis: {result.document.name}, {result.workbook.name}.")
    return "\n".join(lines)


class AnnualReportForm:
    """Year, folders (one per line; empty: the sample), kip.toml, PDF, and a button."""

    def __init__(self, year: int = 2025) -> None:
        self.year = widgets.BoundedIntText(value=year, min=2010, max=2100, description="Tahun")
        self.folders = widgets.Textarea(
            placeholder="folder laporan, satu per baris (kosong: data contoh)",
            description="Folder",
            layout=widgets.Layout(width="60%"),
        )
        self.config = widgets.Text(
            placeholder="kip.toml (kosong: bawaan)", description="Konfigurasi"
        )
        self.pdf = widgets.Checkbox(value=False, description="Buat juga PDF (LibreOffice)")
        self.button = widgets.Button(description="Buat laporan", button_style="primary")
        self.output = widgets.HTML()
        self.button.on_click(lambda _: self.run())
        boxes = [self.folders, self.config] if path_box_allowed() else []
        self.widget = widgets.VBox([self.year, *boxes, self.pdf, self.button, self.output])

    def _paths(self) -> list[Path]:
        lines = [line.strip() for line in self.folders.value.splitlines() if line.strip()]
        return [check_server_path(Path(line)) for line in lines]

    def run(self) -> AnnualResult | None:
        """Build the report and show its figures and download links (or the error)."""
        self.output.value = "<p>Sedang membuat laporan…</p>"
        try:
            config = self.config.value.strip() or None
            result = make_report(self.year.value, self._paths(), config, self.pdf.value)
        except KipError as exc:
            self.output.value = f"<p style='color:#C00000'>Galat: {html.escape(str(exc))}</p>"
            return None
        links = [download_link(p) for p in (result.document, result.workbook, result.pdf) if p]
        text = html.escape(summary_text(result)).replace("\n", "<br>")
        self.output.value = f"<p>{text}</p>" + "".join(links)
        return result

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def download_link(path: Path) -> str:
    """An HTML download link for a written file (works in JupyterLab and Voilà alike)."""
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    name = html.escape(Path(path).name)
    return (
        f'<p><a download="{name}" href="data:application/octet-stream;base64,{data}">'
        f"⬇ Unduh {name}</a></p>"
    )
