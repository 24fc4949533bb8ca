"""The trainer's view: the quiz package's dashboard plus matplotlib charts that follow it.

:class:`TrainerView` shows :class:`kip_training.quiz.dashboard.TrainerDashboard` and,
under it, the mean score per topic and per OPD as charts. "Muat ulang" (and importing
participants' files) redraws the charts from the same figures as the tables.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from kip_training import charts
from kip_training.quiz.dashboard import TrainerDashboard
from kip_training.quiz.roster import load_roster


def opd_short_names() -> dict[str, str]:
    """OPD code -> short name from the roster (empty when there is no roster)."""
    return {o.kode: o.singkatan or o.nama for o in load_roster()}


class TrainerView(widgets.VBox):
    """Dashboard + charts. Child widgets: ``dashboard``, ``topic_chart``, ``opd_chart``."""

    def __init__(self, db_path: Path | str | None = None) -> None:
        self.dashboard = TrainerDashboard(db_path)
        self.topic_chart = widgets.Image(format="png", layout=widgets.Layout(max_width="700px"))
        self.opd_chart = widgets.Image(format="png", layout=widgets.Layout(max_width="700px"))
        self.topic_chart.add_class("kip-grafik-topik")
        self.opd_chart.add_class("kip-grafik-opd")
        self.dashboard.refresh_button.on_click(lambda _b: self.draw())
        self.dashboard.import_button.on_click(lambda _b: self.draw())
        super().__init__(
            [
                self.dashboard,
                widgets.HTML("<h4>Grafik</h4>"),
                self.topic_chart,
                self.opd_chart,
            ]
        )
        self.add_class("kip-tampilan-pelatih")
        self.draw()

    def draw(self) -> None:
        """Redraw both charts from the dashboard's current summary."""
        summary = self.dashboard.summary
        self.topic_chart.value = charts.to_png(charts.quiz_scores_by_topic(summary))
        self.opd_chart.value = charts.to_png(charts.quiz_scores_by_opd(summary, opd_short_names()))
