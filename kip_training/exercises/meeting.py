"""Coordination-meeting material for the notebook: both periods, key figures, the deck.

:func:`load_material` reads the reports of a period and of the one before (by default
the bundled sample of *Kota Contoh*), computes the metrics and their comparison;
:func:`key_figures_text` says the headline numbers in plain Indonesian;
:func:`make_deck` writes the briefing deck with :func:`kip_training.deck.build_deck`.
:class:`MeetingForm` is the notebook's widget: the semester, the reports of both
semesters by upload (none: the sample data), whether to add the quiz results, and a
"Buat bahan rapat" button that shows the figures, charts, missing OPDs and the deck.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from IPython.display import HTML

from kip_training import charts
from kip_training.app_mode import check_server_path
from kip_training.calendar import WorkingCalendar
from kip_training.config import Config, load_config
from kip_training.deck import DeckResult, build_deck
from kip_training.errors import KipError
from kip_training.exercises.form import button, style
from kip_training.exercises.output import output_dir
from kip_training.exercises.report_check import ACCEPTED_SUFFIXES, missing_table
from kip_training.exercises.session import sample_folder
from kip_training.exercises.tables import table_html
from kip_training.metrics import Comparison, PeriodSummary, compare, summarize
from kip_training.quiz.analytics import training_summary
from kip_training.quiz.store import default_db_target, store_exists
from kip_training.reports import Period, ReportSet, load_reports
from kip_training.textfmt import format_number, format_percent


@dataclass
class MeetingMaterial:
    """Reports and figures of the current period and the one before it."""

    period: Period
    reports: ReportSet
    summary: PeriodSummary
    previous_reports: ReportSet | None
    previous: PeriodSummary | None
    comparison: Comparison


def load_material(
    period: str,
    folder: Path | str | None = None,
    previous_folder: Path | str | None = None,
    config: Config | None = None,
) -> MeetingMaterial:
    """Load both periods (the sample data when no folder is given) and compare them.

    A previous folder that does not exist is skipped (the comparison then has no
    previous period); a missing current folder raises a :class:`ReportError`.
    """
    config = config or load_config()
    calendar = WorkingCalendar.from_config(config)
    current_period = Period.parse(period)
    before = current_period.previous()
    folder = Path(folder) if folder else sample_folder(current_period.label)
    previous_folder = Path(previous_folder) if previous_folder else sample_folder(before.label)
    reports = load_reports([folder], config=config, period=current_period, calendar=calendar)
    summary = summarize(reports, config)
    previous_reports = previous = None
    if previous_folder.exists():
        previous_reports = load_reports(
            [previous_folder], config=config, period=before, calendar=calendar
        )
        if len(previous_reports.identitas):
            previous = summarize(previous_reports, config)
    return MeetingMaterial(
        current_period, reports, summary, previous_reports, previous, compare(summary, previous)
    )


def _change(value: float | None, percent: bool = False) -> str:
    if value is None:
        return ""
    if value == 0:
        return " (tetap)"
    if percent:
        return f" ({'+' if value >= 0 else '−'}{format_number(abs(value) * 100, 1)} poin)"
    return f" ({'+' if value >= 0 else '−'}{format_number(abs(value))})"


def key_figures_text(material: MeetingMaterial) -> str:
    """The headline numbers of the period, with the change against the previous one."""
    totals = material.summary.totals
    change = material.comparison.change
    names = dict(zip(material.reports.roster["kode"], material.reports.roster["nama"], strict=True))
    before = (
        f" Perubahan dibanding {material.previous.period.title} dalam kurung."
        if (material.previous is not None)
        else " Tidak ada data semester sebelumnya untuk dibandingkan."
    )
    ontime = totals["persen_tepat_waktu"]
    lines = [
        f"{material.period.title}.{before}",
        f"OPD wajib lapor: {int(totals['opd_wajib'])}; melapor: {int(totals['opd_melapor'])}"
        f"{_change(change('opd_melapor'))}; terlambat: {int(totals['opd_terlambat'])}; "
        f"tidak melapor: {int(totals['opd_tidak_melapor'])}.",
        "Belum melapor: "
        + (", ".join(names.get(c, c) for c in material.summary.missing_opd) or "tidak ada")
        + ".",
        "Terlambat melapor: "
        + (", ".join(names.get(c, c) for c in material.summary.late_opd) or "tidak ada")
        + ".",
        f"Permohonan informasi: {format_number(totals['permohonan'])}"
        f"{_change(change('permohonan'))}.",
        "Pemberitahuan tertulis tepat waktu: "
        + ("tidak ada data" if math.isnan(ontime) else format_percent(ontime, 1))
        + f"{_change(change('persen_tepat_waktu'), percent=True)}.",
        f"Ditolak: {format_number(totals['ditolak'])}; keberatan: "
        f"{format_number(totals['keberatan'])}; sengketa: {format_number(totals['sengketa'])}.",
    ]
    return "\n".join(lines)


def make_deck(
    material: MeetingMaterial,
    output: Path | str | None = None,
    quiz_db: Path | str | None = None,
    config: Config | None = None,
) -> DeckResult:
    """Write the deck (to ``keluaran/rapat_koordinasi_<periode>.pptx`` by default).

    ``quiz_db``: a quiz results database to add the training slide (skipped when the
    file does not exist). Returns the deck's :class:`~kip_training.deck.DeckResult`.
    """
    if output is None:
        output = output_dir() / f"rapat_koordinasi_{material.period.label}.pptx"
    training = None
    if quiz_db is not None and store_exists(quiz_db):
        training = training_summary(quiz_db)
    return build_deck(material.comparison, output, config=config, training=training)


def deck_text(result: DeckResult) -> str:
    """What was written, in one line (without the folder, which differs per machine)."""
    return (
        f"Slide rapat koordinasi {result.period.title}: {result.slides} slide ({result.path.name})."
    )


def deck_link_html(result: DeckResult) -> str:
    """An HTML download link for the deck (works in JupyterLab and Voilà alike)."""
    data = base64.b64encode(Path(result.path).read_bytes()).decode("ascii")
    mime = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    name = html.escape(Path(result.path).name)
    return (
        f'<p><a download="{name}" href="data:{mime};base64,{data}">⬇ Unduh {name}</a> '
        f"(juga tersimpan di <code>{html.escape(str(result.path))}</code>).</p>"
    )


def deck_link(result: DeckResult) -> Any:
    """:func:`deck_link_html` for display in a notebook cell."""
    return HTML(deck_link_html(result))


def period_options(today: dt.date | None = None, extra: str | None = None) -> list[str]:
    """Semester labels to choose from: the last six up to the current one, newest first."""
    period = Period(
        (today or dt.date.today()).year, 1 if (today or dt.date.today()).month <= 6 else 2
    )
    labels = []
    for _ in range(6):
        labels.append(period.label)
        period = period.previous()
    if extra and Period.parse(extra).label not in labels:
        labels.append(Period.parse(extra).label)
    return sorted(labels, reverse=True)


def _text_html(text: str) -> str:
    return (
        '<p style="line-height:1.5">'
        + "<br>".join(html.escape(line) for line in text.splitlines())
        + "</p>"
    )


class MeetingForm(widgets.VBox):
    """Settings of the meeting material as widgets, and the material itself.

    Child widgets: ``period_dropdown`` (semester), ``upload`` and ``previous_upload``
    (the reports of the semester and of the one before; none uploaded: the sample data
    of *Kota Contoh*), ``quiz_checkbox`` (add the training slide from the results
    store), ``build_button`` ("Buat bahan rapat"), then ``figures`` (key figures),
    ``charts`` (four PNG images), ``missing`` (OPDs without a report) and ``deck``
    (download link). The arguments are the starting values (papermill parameters):
    folders there are read from the server (as :mod:`kip_training.app_mode` allows).
    ``run=True`` builds the material at once. After a build, ``material`` and
    ``result`` (the deck) are set.
    """

    def __init__(
        self,
        period: str = "2025-S2",
        folder: Path | str | None = None,
        previous_folder: Path | str | None = None,
        quiz_db: Path | str | None = None,
        output: Path | str | None = None,
        run: bool = True,
    ) -> None:
        self.folder = check_server_path(Path(folder)) if folder else None
        self.previous_folder = check_server_path(Path(previous_folder)) if previous_folder else None
        self.quiz_db = quiz_db
        self.output = output
        self.material: MeetingMaterial | None = None
        self.result: DeckResult | None = None
        self._scratch = tempfile.TemporaryDirectory(prefix="kip-rapat-")
        wide = {"description_width": "initial"}
        self.period_dropdown = widgets.Dropdown(
            description="Semester",
            options=[(Period.parse(x).title, x) for x in period_options(extra=period)],
            value=Period.parse(period).label,
            style=wide,
        )
        self.upload = widgets.FileUpload(
            accept=",".join(ACCEPTED_SUFFIXES),
            multiple=True,
            description="Laporan semester ini",
            layout=widgets.Layout(width="auto", min_width="220px"),
        )
        self.previous_upload = widgets.FileUpload(
            accept=",".join(ACCEPTED_SUFFIXES),
            multiple=True,
            description="Laporan semester sebelumnya",
            layout=widgets.Layout(width="auto", min_width="260px"),
        )
        self.quiz_checkbox = widgets.Checkbox(
            value=quiz_db is not None,
            description="Sertakan slide hasil pelatihan (hasil kuis peserta)",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.build_button = button("Buat bahan rapat", button_style="primary", icon="file")
        self.status = widgets.HTML()
        self.figures = widgets.HTML()
        self.charts = [widgets.Image(format="png", layout={"max_width": "720px"}) for _ in range(4)]
        self.missing = widgets.HTML()
        self.deck = widgets.HTML()
        for widget, css in (
            (self.period_dropdown, "kip-rapat-semester"),
            (self.upload, "kip-rapat-unggah"),
            (self.previous_upload, "kip-rapat-unggah-sebelumnya"),
            (self.quiz_checkbox, "kip-rapat-kuis"),
            (self.build_button, "kip-rapat-buat"),
            (self.status, "kip-rapat-status"),
            (self.figures, "kip-rapat-angka"),
            (self.missing, "kip-rapat-belum-lapor"),
            (self.deck, "kip-rapat-unduh"),
        ):
            widget.add_class(css)
        self.build_button.on_click(lambda _b: self.build())
        super().__init__(
            [
                style(),
                self.period_dropdown,
                self.upload,
                self.previous_upload,
                self.quiz_checkbox,
                self.build_button,
                self.status,
                widgets.HTML("<h2>1. Angka utama</h2>"),
                self.figures,
                widgets.HTML("<h2>2. Grafik</h2>"),
                *self.charts,
                widgets.HTML("<h2>3. OPD yang belum melapor atau terlambat</h2>"),
                self.missing,
                widgets.HTML("<h2>4. Slide rapat koordinasi</h2>"),
                self.deck,
            ]
        )
        self.add_class("kip-bahan-rapat")
        self.add_class("kip-form")
        if run:
            self.build()

    def _folder(self, upload: widgets.FileUpload, given: Path | None, name: str) -> Path | None:
        """The uploaded files in a fresh folder, else the folder given, else None."""
        if not upload.value:
            return given
        folder = (
            Path(self._scratch.name) / f"{name}-{len(list(Path(self._scratch.name).iterdir()))}"
        )
        folder.mkdir()
        for item in upload.value:
            (folder / Path(item["name"]).name).write_bytes(bytes(item["content"]))
        return folder

    def build(self) -> DeckResult | None:
        """Read both semesters, show figures, charts and missing OPDs, write the deck."""
        period = self.period_dropdown.value
        folder = self._folder(self.upload, self.folder, "semester-ini")
        previous = self._folder(self.previous_upload, self.previous_folder, "sebelumnya")
        if folder is None and not (sample_folder(period)).exists():
            self.status.value = (
                '<p style="color:#b00020"><b>Unggah laporan semester ini.</b> Data contoh '
                f"hanya ada untuk 2025-S1 dan 2025-S2, bukan {html.escape(period)}.</p>"
            )
            return None
        quiz_db = (self.quiz_db or default_db_target()) if self.quiz_checkbox.value else None
        try:
            material = load_material(period, folder, previous)
            result = make_deck(material, self.output, quiz_db)
        except KipError as exc:
            self.status.value = (
                f'<p style="color:#b00020"><b>Belum bisa dibuat.</b> {html.escape(str(exc))}</p>'
            )
            return None
        self.material, self.result = material, result
        if self.upload.value:
            source = "laporan yang diunggah"
        elif folder is not None:
            source = f"folder {folder.name}"
        else:
            source = "data contoh Kota Contoh (fiktif)"
        self.status.value = (
            f"<p>Bahan rapat {html.escape(material.period.title)} dari {source}.</p>"
        )
        self.figures.value = _text_html(key_figures_text(material))
        summary = material.summary
        figures = (
            charts.requests_per_opd(summary, top=15),
            charts.decisions(summary),
            charts.ontime_per_opd(summary),
            charts.working_days_histogram(summary),
        )
        for image, figure in zip(self.charts, figures, strict=True):
            image.value = charts.to_png(figure)
        self.missing.value = table_html(missing_table(material.reports))
        self.deck.value = _text_html(deck_text(result)) + deck_link_html(result)
        return result
