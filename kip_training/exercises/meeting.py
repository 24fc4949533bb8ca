"""Coordination-meeting material for the notebook: both periods, key figures, the deck.

:func:`load_material` reads the reports of a period and of the one before (by default
the bundled sample of *Kota Contoh*), computes the metrics and their comparison;
:func:`key_figures_text` says the headline numbers in plain Indonesian;
:func:`make_deck` writes the briefing deck with :func:`kip_training.deck.build_deck`.
"""

from __future__ import annotations

import base64
import html
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from IPython.display import HTML

from kip_training.calendar import WorkingCalendar
from kip_training.config import Config, load_config
from kip_training.deck import DeckResult, build_deck
from kip_training.exercises.output import output_dir
from kip_training.exercises.session import sample_folder
from kip_training.metrics import Comparison, PeriodSummary, compare, summarize
from kip_training.quiz.analytics import training_summary
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
    if quiz_db is not None and Path(quiz_db).is_file():
        training = training_summary(quiz_db)
    return build_deck(material.comparison, output, config=config, training=training)


def deck_text(result: DeckResult) -> str:
    """What was written, in one line (without the folder, which differs per machine)."""
    return (
        f"Slide rapat koordinasi {result.period.title}: {result.slides} slide ({result.path.name})."
    )


def deck_link(result: DeckResult) -> Any:
    """An HTML download link for the deck (works in JupyterLab and Voilà alike)."""
    data = base64.b64encode(Path(result.path).read_bytes()).decode("ascii")
    mime = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    name = html.escape(Path(result.path).name)
    return HTML(
        f'<p><a download="{name}" href="data:{mime};base64,{data}">⬇ Unduh {name}</a> '
        f"(juga tersimpan di <code>{html.escape(str(result.path))}</code>).</p>"
    )
