"""The trainer dashboard: an ipywidgets view of the results store, refreshed on demand.

Shows participants and their progress, the score distribution, per-question difficulty
with the most-picked wrong answer, and averages by topic and by OPD. The figures come
from :mod:`kip_training.quiz.analytics`, the same functions the deck's training slide
uses. The trainer can also import participants' offline result files here.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from kip_training.quiz import analytics
from kip_training.quiz.store import ResultStore, default_db_path
from kip_training.textfmt import format_number, format_percent


def _table(frame: pd.DataFrame, headers: dict[str, str], css: str) -> str:
    """An HTML table with Indonesian headers; text escaped, 0–1 scores as percent."""
    if frame.empty:
        return '<p class="kip-kosong">Belum ada jawaban.</p>'
    head = "".join(f"<th>{html.escape(label)}</th>" for label in headers.values())
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column in headers:
            value = record[column]
            if column == "rata_rata":
                text = format_percent(float(value), 1)
            elif column == "persen_benar":
                text = f"{format_number(float(value), 1)}%"
            elif value is None or (isinstance(value, float) and pd.isna(value)):
                text = "–"
            else:
                text = str(value)
            cells.append(f"<td>{html.escape(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _bars(distribution: pd.DataFrame) -> str:
    """A text bar chart of the score distribution (works without a plotting library)."""
    total = max(int(distribution["peserta"].sum()), 1)
    rows = []
    for band, count in zip(distribution["rentang"], distribution["peserta"], strict=True):
        width = int(200 * count / total)
        rows.append(
            f"<tr><td>{html.escape(band)}</td><td><div style='background:#2b6cb0;"
            f"height:14px;width:{width}px'></div></td><td>{count}</td></tr>"
        )
    return f'<table class="kip-sebaran">{"".join(rows)}</table>'


class TrainerDashboard(widgets.VBox):
    """Dashboard widget: ``TrainerDashboard(db_path)``; press "Muat ulang" to refresh."""

    def __init__(self, db_path: Path | str | None = None, **kwargs) -> None:
        self.db_path = Path(db_path) if db_path is not None else default_db_path()
        self.summary: analytics.TrainingSummary | None = None
        self.title = widgets.HTML("<h3>Dasbor pelatih: hasil kuis</h3>")
        self.refresh_button = widgets.Button(description="Muat ulang", icon="refresh")
        self.refresh_button.add_class("kip-muat-ulang")
        self.status = widgets.HTML()
        self.summary_html = widgets.HTML()
        self.summary_html.add_class("kip-ringkasan")
        self.participants_table = widgets.HTML()
        self.distribution = widgets.HTML()
        self.difficulty_table = widgets.HTML()
        self.topic_table = widgets.HTML()
        self.opd_table = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".json", multiple=True, description="Pilih berkas")
        self.import_button = widgets.Button(description="Impor hasil peserta", icon="upload")
        self.import_status = widgets.HTML()
        self.tabs = widgets.Tab(
            children=[
                self.participants_table,
                self.distribution,
                self.difficulty_table,
                self.topic_table,
                self.opd_table,
                widgets.VBox([self.upload, self.import_button, self.import_status]),
            ]
        )
        for index, label in enumerate(
            ("Peserta", "Sebaran nilai", "Tingkat kesulitan soal", "Per topik", "Per OPD", "Impor")
        ):
            self.tabs.set_title(index, label)
        self.refresh_button.on_click(lambda _: self.refresh())
        self.import_button.on_click(lambda _: self.import_uploaded())
        super().__init__(
            [
                self.title,
                widgets.HBox([self.refresh_button, self.status]),
                self.summary_html,
                self.tabs,
            ],
            **kwargs,
        )
        self.add_class("kip-dasbor")
        self.refresh()

    def refresh(self) -> analytics.TrainingSummary:
        """Read the store again and redraw every table."""
        answers = analytics.load_answers(self.db_path)
        summary = analytics.summarise(answers)
        self.summary = summary
        weakest = ", ".join(summary.weakest_topics) or "–"
        self.summary_html.value = (
            f"<p><b>{summary.participants}</b> peserta, <b>{summary.answers}</b> jawaban, "
            f"<b>{summary.quizzes}</b> kuis. Nilai rata-rata: "
            f"<b>{format_percent(summary.mean_score, 1)}</b>. "
            f"Topik terlemah: {html.escape(weakest)}.</p>"
        )
        self.participants_table.value = _table(
            analytics.participant_progress(answers),
            {
                "peserta": "Peserta",
                "kode_opd": "OPD",
                "jawaban": "Dijawab",
                "benar": "Benar",
                "rata_rata": "Nilai",
                "terakhir": "Jawaban terakhir (UTC)",
            },
            "kip-tabel-peserta",
        )
        self.distribution.value = _bars(analytics.score_distribution(answers))
        self.difficulty_table.value = _table(
            summary.question_difficulty,
            {
                "question_id": "Soal",
                "jawaban": "Jawaban",
                "persen_benar": "Benar",
                "jawaban_salah_terbanyak": "Jawaban salah terbanyak",
            },
            "kip-tabel-soal",
        )
        self.topic_table.value = _table(
            summary.by_topic,
            {"judul": "Topik", "jawaban": "Jawaban", "rata_rata": "Nilai rata-rata"},
            "kip-tabel-topik",
        )
        self.opd_table.value = _table(
            summary.by_opd,
            {"kode_opd": "OPD", "peserta": "Peserta", "rata_rata": "Nilai rata-rata"},
            "kip-tabel-opd",
        )
        self.status.value = f"<i>Sumber: {html.escape(str(self.db_path))}</i>"
        return summary

    def import_uploaded(self) -> None:
        """Import the uploaded participants' files into the store, then refresh."""
        files = list(self.upload.value or ())
        if not files:
            self.import_status.value = "<p>Pilih dulu berkas hasil peserta (*.json).</p>"
            return
        with tempfile.TemporaryDirectory() as folder:
            paths, names = [], {}
            for number, item in enumerate(files):
                name = Path(str(item.get("name", f"hasil{number}.json"))).name
                path = Path(folder) / f"{number:03d}-{name}"
                path.write_bytes(bytes(item["content"]))
                paths.append(path)
                names[str(path)] = name
            with ResultStore(self.db_path) as store:
                report = store.import_files(paths)
            # Problems name the uploaded file, not the temporary copy.
            for temp, name in names.items():
                report.problems = [p.replace(temp, name) for p in report.problems]
        self.import_status.value = f"<p>{html.escape(report.summary())}</p>"
        self.refresh()
