"""Deadline exercise: pick a receipt date and a deadline kind, get the due date.

:func:`explain_due` gives the plain-text answer (used by the widget and by notebook
cells whose output is checked); :class:`DeadlineExercise` is the widget: a date
field (dd/mm/yyyy), a deadline-kind drop-down and a "Hitung" button that shows the due date in
Indonesian, its article, the weekdays off it skipped and a small calendar chart.
Both state the counting as the toolkit's convention (day 0, the reading of cuti
bersama) and show the due date under both readings when they differ.

Every function takes the working calendar to count with; without one it is built from
the active kip.toml at that call (:meth:`WorkingCalendar.from_config`).
"""

from __future__ import annotations

import datetime as dt
import html
import random

import ipywidgets as widgets

from kip_training import law
from kip_training.calendar import DueDate, WorkingCalendar
from kip_training.charts import deadline_calendar, to_png
from kip_training.errors import CalendarError
from kip_training.exercises.form import DateField, button, style
from kip_training.quiz.bank import default_bank
from kip_training.quiz.engine import Quiz, make_item
from kip_training.textfmt import format_date, parse_date


def kind_options() -> list[tuple[str, str]]:
    """Drop-down options: (Indonesian label with its length, deadline key)."""
    return [(f"{d.label} — {_length(d)} hari kerja", key) for key, d in law.DEADLINES.items()]


def _length(deadline: law.Deadline) -> str:
    if deadline.preceding_days:
        return f"{deadline.preceding_days} + {deadline.working_days}"
    return str(deadline.working_days)


def due_date(
    received: dt.date | str, kind: str = "pemberitahuan", calendar: WorkingCalendar | None = None
) -> DueDate:
    """The due date of ``kind`` for a receipt date (a date or text like "16/03/2026")."""
    if isinstance(received, str):
        received = parse_date(received)
    return (calendar or WorkingCalendar.from_config()).due_date(received, kind)


def explain_due(due: DueDate) -> str:
    """The due date explained in plain Indonesian, one fact per line."""
    rule = due.deadline
    lines = [
        rule.label,
        f"Diterima: {format_date(due.received)} (hari ke-0, tidak dihitung)",
        f"Batas waktu: {_length(rule)} hari kerja sejak {rule.received_from}",
        f"Jatuh tempo: {format_date(due.due)}",
        f"Dasar hukum: {rule.basis}",
    ]
    if due.skipped:
        lines.append("Hari libur yang dilewati (selain Sabtu dan Minggu):")
        lines += [f"- {format_date(d.date)}: {d.name}" for d in due.skipped]
    else:
        lines.append("Tidak ada hari libur selain Sabtu dan Minggu dalam rentang ini.")
    lines.append("Catatan:")
    lines += [f"- {line}" for line in due.convention_lines()]
    return "\n".join(lines)


class DeadlineExercise(widgets.VBox):
    """Date field + deadline kind + "Hitung": the due date, its article and a calendar.

    Child widgets: ``date_field`` (:class:`DateField`, dd/mm/yyyy), ``kind_dropdown``,
    ``compute_button``, ``result`` (HTML text), ``chart`` (PNG image of the calendar).
    After a computation ``due`` holds the :class:`~kip_training.calendar.DueDate`
    (None after an error).
    """

    def __init__(
        self,
        received: dt.date | str | None = None,
        kind: str = "pemberitahuan",
        calendar: WorkingCalendar | None = None,
        show_chart: bool = True,
    ) -> None:
        if isinstance(received, str):
            received = parse_date(received)
        self.calendar = calendar or WorkingCalendar.from_config()
        self.show_chart = show_chart
        self.due: DueDate | None = None
        self.date_field = DateField("Tanggal diterima", received)
        self.kind_dropdown = widgets.Dropdown(
            description="Jenis tenggat",
            options=kind_options(),
            value=kind,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.compute_button = button("Hitung", button_style="primary", icon="calendar")
        self.result = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="640px"))
        self.chart.layout.display = "none"
        for widget, css in (
            (self.date_field.text, "kip-tanggal-diterima"),
            (self.kind_dropdown, "kip-jenis-tenggat"),
            (self.compute_button, "kip-hitung"),
            (self.result, "kip-hasil-tenggat"),
            (self.chart, "kip-kalender-tenggat"),
        ):
            widget.add_class(css)
        self.compute_button.on_click(lambda _button: self.compute())
        super().__init__(
            [
                style(),
                self.date_field,
                self.kind_dropdown,
                self.compute_button,
                self.result,
                self.chart,
            ]
        )
        self.add_class("kip-latihan-tenggat")
        self.add_class("kip-form")
        if received is not None:
            self.compute()

    def compute(self) -> DueDate | None:
        """Compute and show the due date of the chosen date and kind."""
        self.due = None
        self.chart.layout.display = "none"
        received = self.date_field.value
        if received is None:
            self._show_error(
                self.date_field.problem
                or "Tulis dulu tanggal permohonan (atau keberatan) diterima, mis. 16/03/2026."
            )
            return None
        try:
            due = self.calendar.due_date(received, self.kind_dropdown.value)
        except CalendarError as exc:
            self._show_error(str(exc))
            return None
        self.due = due
        rule = due.deadline
        if due.skipped:
            days = "".join(
                f"<li>{html.escape(format_date(d.date))}: {html.escape(d.name)}</li>"
                for d in due.skipped
            )
            skipped = f"Hari libur yang dilewati (selain Sabtu dan Minggu):<ul>{days}</ul>"
        else:
            skipped = "Tidak ada hari libur selain Sabtu dan Minggu dalam rentang ini."
        notes = "".join(f"<li>{html.escape(line)}</li>" for line in due.convention_lines())
        self.result.value = (
            f'<div style="line-height:1.5"><p style="font-size:1.15em">'
            f"<b>Jatuh tempo: {html.escape(format_date(due.due))}</b></p>"
            f"<p>{html.escape(rule.label)}: {_length(rule)} hari kerja sejak "
            f"{html.escape(rule.received_from)} ({html.escape(rule.basis)}).<br>"
            f"Diterima {html.escape(format_date(due.received))} (hari ke-0, tidak dihitung)."
            f'</p>{skipped}<p>Catatan:</p><ul class="kip-catatan-tenggat">{notes}</ul></div>'
        )
        if self.show_chart:
            self.chart.value = to_png(deadline_calendar(due))
            self.chart.layout.display = None
        return due

    def _show_error(self, message: str) -> None:
        self.result.value = (
            f'<p style="color:#b00020"><b>Belum bisa dihitung.</b> {html.escape(message)}</p>'
        )


def deadline_quiz(
    seed: int | None = None,
    count: int | None = None,
    bank=None,
    calendar: WorkingCalendar | None = None,
):
    """A quiz of generated deadline questions only (the bank's ``tenggat`` templates).

    Each template gets a receipt date drawn from its range (a working day; mostly dates
    whose window crosses a day off), so every seed gives new dates; the same seed gives
    the same quiz. The questions come in the order of the procedure (notice first,
    dispute last).
    """
    bank = bank or default_bank()
    calendar = calendar or WorkingCalendar.from_config()
    if seed is None:
        seed = random.randrange(1_000_000)
    templates = [q for q in bank.questions if q.is_generated]
    random.Random(f"{seed}:tenggat").shuffle(templates)
    order = list(law.DEADLINES)
    chosen = sorted(templates[:count], key=lambda q: order.index(q.kind))
    items = [make_item(q, seed, calendar) for q in chosen]
    return Quiz("Latihan tenggat waktu", seed, items)
