"""The trainer's live dashboard: an ipywidgets view of a training session as it runs.

It refreshes itself: a background thread in the kernel looks at the results store every
``interval`` seconds and, only when something changed (a new answer, an attempt started
or finished, a new session), recomputes the figures and updates the widgets; a chart is
redrawn only when its own numbers changed. The thread stops when the widget is closed
(:meth:`TrainerDashboard.close`), when "Perbarui otomatis" is switched off it idles.

What it shows, for the session (and optionally the quiz and day) chosen in the filters:

- per question: its text, a bar chart of how answers spread over the options with the
  share right and, for deadline questions, a chart of the kinds of mistake;
- the participants: counted attempt, score, passed, time, and who is still working;
- a projector view: one question large and the top-10 leaderboard (with nicknames);
- downloads (browser downloads): the results workbook and the certificates of those who
  passed; averages per topic and per OPD; importing participants' offline result files.

Times are shown in WIB. The figures come from :mod:`kip_training.quiz.results`.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from kip_training.quiz import analytics
from kip_training.quiz.bank import QuestionBank, default_bank
from kip_training.quiz.certificate import certificates, certificates_zip
from kip_training.quiz.export import session_workbook
from kip_training.quiz.result_charts import mistake_chart, option_chart
from kip_training.quiz.results import (
    NICKNAMES,
    QuestionStats,
    SessionResults,
    compute_results,
    format_duration,
    format_wib,
    wib_date,
)
from kip_training.quiz.store import ResultStore, SessionRow, db_target
from kip_training.textfmt import format_percent

#: Seconds between two looks at the store.
DEFAULT_INTERVAL = 5.0
NO_SESSION = "__tanpa_sesi__"
ALL = "__semua__"
FOLLOW = "__ikuti__"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STYLE = """<style>
.kip-dasbor .kip-sedang {background:#fff3cd;color:#7a5b00;border-radius:4px;padding:0 4px}
.kip-dasbor table {border-collapse:collapse}
.kip-dasbor td, .kip-dasbor th {border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}
.kip-proyektor .kip-soal-besar {font-size:24px;line-height:1.3;font-weight:600}
.kip-proyektor .kip-pilihan-besar {font-size:18px;line-height:1.4}
.kip-papan-peringkat table {font-size:22px}
.kip-papan-peringkat td, .kip-papan-peringkat th {padding:4px 14px}
.kip-papan-peringkat .kip-sedang {font-size:14px;vertical-align:middle}
.kip-dasbor .kip-unduh-hasil a, .kip-dasbor .kip-unduh-sertifikat a
  {color:#2b6cb0;text-decoration:underline;font-weight:600}
</style>"""


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
            elif value is None or (isinstance(value, float) and pd.isna(value)):
                text = "–"
            else:
                text = str(value)
            cells.append(f"<td>{html.escape(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _link(name: str, data: bytes, mime: str, label: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{html.escape(name)}" href="data:{mime};base64,{encoded}">'
        f"⬇ {html.escape(label)}</a>"
    )


def counts_html(stats: QuestionStats) -> str:
    """The chart's numbers as text: "A: 3 · B: 1 … (4 jawaban, 75% benar)"."""
    if not stats.answers:
        return '<div class="kip-hitungan-soal">Belum ada jawaban.</div>'
    parts = " · ".join(f"{html.escape(o.letter or o.text)}: {o.count}" for o in stats.options)
    return (
        f'<div class="kip-hitungan-soal">{parts} ({stats.answers} jawaban, '
        f"{format_percent(stats.share_correct)} benar)</div>"
    )


def question_html(stats: QuestionStats, large: bool = False) -> str:
    """The question's text and its lettered options (the right one marked)."""
    css_q, css_o = ("kip-soal-besar", "kip-pilihan-besar") if large else ("", "")
    lines = [f'<div class="{css_q}"><b>Soal {stats.number}.</b> {html.escape(stats.prompt)}</div>']
    lettered = [o for o in stats.options if o.letter]
    if lettered:
        items = "".join(
            f"<li>{html.escape(o.letter)}. {html.escape(o.text)}{' ✓' if o.correct else ''}</li>"
            for o in lettered
        )
        lines.append(f'<ul class="{css_o}" style="list-style:none;padding-left:8px">{items}</ul>')
    elif stats.expected and not large:
        lines.append(f"<div>Jawaban benar: {html.escape(stats.expected)}</div>")
    return "".join(lines)


class QuestionPanel(widgets.VBox):
    """One question: text, answer spread chart and (deadline questions) mistake chart."""

    def __init__(self) -> None:
        self.text = widgets.HTML()
        self.counts = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="640px"))
        self.mistakes = widgets.Image(format="png", layout=widgets.Layout(max_width="640px"))
        self.chart.add_class("kip-grafik-sebaran")
        self.mistakes.add_class("kip-grafik-kesalahan")
        self.key: tuple | None = None
        self.draws = 0
        super().__init__([self.text, self.chart, self.counts, self.mistakes])
        self.add_class("kip-panel-soal")

    def show(self, stats: QuestionStats) -> bool:
        """Show ``stats``; redraws only when its numbers changed. True when redrawn."""
        if stats.key == self.key:
            return False
        self.key = stats.key
        self.draws += 1
        self.text.value = question_html(stats)
        self.counts.value = counts_html(stats)
        self.chart.value = option_chart(stats)
        if stats.deadline:
            self.mistakes.value = mistake_chart(stats)
            self.mistakes.layout.display = None
        else:
            self.mistakes.layout.display = "none"
        return True


class ProjectorView(widgets.VBox):
    """Large: one question's chart and the top-10 leaderboard, with a nickname option."""

    def __init__(self) -> None:
        self.question_select = widgets.Dropdown(
            description="Soal", options=[("Ikuti soal yang terakhir dijawab", FOLLOW)]
        )
        self.question_select.add_class("kip-pilih-soal-proyektor")
        self.nickname_select = widgets.Dropdown(
            description="Nama", options=[(label, key) for key, label in NICKNAMES.items()]
        )
        self.nickname_select.add_class("kip-nama-samaran")
        self.text = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.chart.add_class("kip-grafik-proyektor")
        self.counts = widgets.HTML()
        self.leaderboard = widgets.HTML()
        self.leaderboard.add_class("kip-papan-peringkat")
        self.results: SessionResults | None = None
        self._key: tuple | None = None
        for control in (self.question_select, self.nickname_select):
            control.style.description_width = "60px"
        self.question_select.layout.width = "520px"
        self.nickname_select.observe(lambda _c: self.show(self.results), names="value")
        self.question_select.observe(lambda _c: self.show(self.results), names="value")
        super().__init__(
            [
                widgets.HBox([self.question_select, self.nickname_select]),
                widgets.HBox(
                    [
                        widgets.VBox(
                            [self.text, self.chart, self.counts],
                            layout=widgets.Layout(width="64%"),
                        ),
                        widgets.VBox(
                            [widgets.HTML("<h2>10 besar</h2>"), self.leaderboard],
                            layout=widgets.Layout(width="36%", padding="0 0 0 16px"),
                        ),
                    ]
                ),
            ]
        )
        self.add_class("kip-proyektor")

    def set_questions(self, results: SessionResults) -> None:
        options = [("Ikuti soal yang terakhir dijawab", FOLLOW)] + [
            (f"Soal {q.number}: {q.prompt[:60]}", q.question_id) for q in results.questions
        ]
        if list(self.question_select.options) != options:
            value = self.question_select.value
            with self.hold_trait_notifications():
                self.question_select.options = options
                known = [v for _, v in options]
                self.question_select.value = value if value in known else FOLLOW

    def show(self, results: SessionResults | None) -> None:
        if results is None:
            return
        self.results = results
        self.set_questions(results)
        chosen = self.question_select.value
        stats = results.latest_question if chosen == FOLLOW else results.question(chosen)
        if stats is None and results.questions:
            stats = results.questions[0]
        key = stats.key if stats else None
        if key != self._key:
            self._key = key
            if stats is None:
                self.text.value = "<p>Belum ada soal.</p>"
                self.counts.value = ""
                self.chart.value = b""
            else:
                self.text.value = question_html(stats, large=True)
                self.counts.value = counts_html(stats)
                self.chart.value = option_chart(stats, large=True)
        self.leaderboard.value = leaderboard_html(results, self.nickname_select.value)


def leaderboard_html(results: SessionResults, nicknames: str = "nama") -> str:
    rows = results.leaderboard(nicknames=nicknames)
    if not rows:
        return '<p class="kip-kosong">Belum ada jawaban.</p>'
    body = "".join(
        "<tr class='kip-baris-peringkat'>"
        f"<td>{row.rank}</td><td>{html.escape(row.name)}"
        f"{' <span class=kip-sedang>mengerjakan</span>' if row.in_progress else ''}</td>"
        f"<td>{html.escape(format_percent(row.score))}</td>"
        f"<td>{html.escape(format_duration(row.seconds))}</td></tr>"
        for row in rows
    )
    return (
        "<table><thead><tr><th>#</th><th>Peserta</th><th>Nilai</th><th>Waktu</th></tr>"
        f"</thead><tbody>{body}</tbody></table>"
    )


def participants_html(results: SessionResults) -> str:
    if not results.participants:
        return '<p class="kip-kosong">Belum ada peserta.</p>'
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "Peserta",
            "OPD",
            "Percobaan",
            "Dijawab",
            "Nilai",
            "Lulus",
            "Waktu",
            "Mulai",
            "Status",
        )
    )
    rows = []
    for p in results.participants:
        status = (
            '<span class="kip-sedang">sedang mengerjakan</span>'
            if p.in_progress
            else ("selesai" if p.finished else "–")
        )
        rows.append(
            "<tr class='kip-baris-peserta'>"
            f"<td>{html.escape(p.participant)}</td><td>{html.escape(p.opd)}</td>"
            f"<td>{p.attempt} dari {p.attempts}</td><td>{p.answered}/{p.questions}</td>"
            f"<td>{html.escape(format_percent(p.score, 1))}</td>"
            f"<td>{'✓ lulus' if p.passed else '–'}</td>"
            f"<td>{html.escape(format_duration(p.seconds))}</td>"
            f"<td>{html.escape(format_wib(p.started_at))}</td><td>{status}</td></tr>"
        )
    return (
        f'<table class="kip-tabel-peserta"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _session_label(row: SessionRow) -> str:
    day = wib_date(row.created_at)
    when = f" · {day:%d/%m/%Y}" if day else ""
    return f"{row.title} · kode {row.code}{when}"


class TrainerDashboard(widgets.VBox):
    """``TrainerDashboard(db_path, session=None, interval=5)``: the live dashboard.

    ``session`` (id or join code) is shown first; by default the newest session.
    ``interval`` seconds between looks at the store; None or 0: no background refresh
    (call :meth:`refresh`). ``bank`` and ``calendar`` give the questions' texts.
    """

    def __init__(
        self,
        db_path: Path | str | None = None,
        session: str | None = None,
        interval: float | None = DEFAULT_INTERVAL,
        bank: QuestionBank | None = None,
        calendar: Any = None,
        **kwargs,
    ) -> None:
        self.db_path = db_target(db_path)  # a file Path or a postgresql:// URL
        self.interval = interval
        self.calendar = calendar
        self._bank = bank
        self.store = ResultStore(self.db_path)
        self.results: SessionResults | None = None
        self.summary: analytics.TrainingSummary | None = None
        self.refreshes = 0  # how many times the figures were recomputed
        self._signature: tuple | None = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._listeners: list[Callable[[TrainerDashboard], None]] = []
        self._updating = False
        self._prepared: dict[str, tuple | None] = {}

        self.title = widgets.HTML(f"{STYLE}<h3>Dasbor pelatih</h3>")
        self.session_select = widgets.Dropdown(description="Sesi")
        self.quiz_select = widgets.Dropdown(description="Kuis", options=[("Semua kuis", ALL)])
        self.date_select = widgets.Dropdown(description="Tanggal", options=[("Semua tanggal", ALL)])
        for control, css, width in (
            (self.session_select, "kip-pilih-sesi", "560px"),
            (self.quiz_select, "kip-pilih-kuis", "300px"),
            (self.date_select, "kip-pilih-tanggal", "220px"),
        ):
            control.add_class(css)
            control.layout.width = width
            control.style.description_width = "60px"
            control.observe(self._filter_changed, names="value")
        self.auto = widgets.Checkbox(value=bool(interval), description="Perbarui otomatis")
        self.auto.add_class("kip-perbarui-otomatis")
        self.status = widgets.HTML()
        self.status.add_class("kip-status-dasbor")
        self.summary_html = widgets.HTML()
        self.summary_html.add_class("kip-ringkasan")
        self.question_box = widgets.VBox()
        self.question_box.add_class("kip-per-soal")
        self.participants_table = widgets.HTML()
        self.projector = ProjectorView()
        self.results_button = widgets.Button(
            description="Siapkan berkas hasil (xlsx)", icon="file-excel-o"
        )
        self.results_button.add_class("kip-siapkan-hasil")
        self.results_button.layout.width = "260px"
        self.results_link = widgets.HTML()
        self.results_link.add_class("kip-unduh-hasil")
        self.certificate_button = widgets.Button(
            description="Siapkan sertifikat (PDF)", icon="certificate"
        )
        self.certificate_button.add_class("kip-siapkan-sertifikat")
        self.certificate_button.layout.width = "260px"
        self.certificate_links = widgets.HTML()
        self.certificate_links.add_class("kip-unduh-sertifikat")
        self.topic_table = widgets.HTML()
        self.opd_table = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".json", multiple=True, description="Pilih berkas")
        self.import_button = widgets.Button(description="Impor hasil peserta", icon="upload")
        self.import_status = widgets.HTML()
        downloads = widgets.VBox(
            [
                widgets.HTML(
                    "<p>Berkas hasil: lembar <b>Peserta</b>, <b>Per soal</b> dan "
                    "<b>Jawaban</b>. Sertifikat hanya untuk peserta yang lulus.</p>"
                ),
                widgets.HBox([self.results_button, self.results_link]),
                widgets.HBox([self.certificate_button, self.certificate_links]),
            ]
        )
        self.tabs = widgets.Tab(
            children=[
                self.question_box,
                self.participants_table,
                self.projector,
                downloads,
                self.topic_table,
                self.opd_table,
                widgets.VBox([self.upload, self.import_button, self.import_status]),
            ]
        )
        self.tab_titles = (
            "Per soal",
            "Peserta",
            "Layar proyektor",
            "Unduh",
            "Per topik",
            "Per OPD",
            "Impor",
        )
        for index, label in enumerate(self.tab_titles):
            self.tabs.set_title(index, label)
        self.results_button.on_click(lambda _b: self.prepare_results())
        self.certificate_button.on_click(lambda _b: self.prepare_certificates())
        self.import_button.on_click(lambda _b: self.import_uploaded())
        super().__init__(
            [
                self.title,
                widgets.HBox([self.session_select, self.quiz_select, self.date_select]),
                widgets.HBox([self.auto, self.status]),
                self.summary_html,
                self.tabs,
            ],
            **kwargs,
        )
        self.add_class("kip-dasbor")
        self._fill_sessions(session)
        self.refresh(force=True)
        if interval:
            self.start()

    # ------------------------------------------------------------------ timer
    @property
    def bank(self) -> QuestionBank | None:
        if self._bank is None:
            try:
                self._bank = default_bank()
            except Exception:  # the figures still work with question ids
                return None
        return self._bank

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the background refresh (every :attr:`interval` seconds)."""
        if self.running or not self.interval:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kip-dasbor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the background refresh and wait for the thread to end."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if self.comm is None:  # closed: nobody can see it any more
                break
            if not self.auto.value:
                continue
            self.tick()

    def tick(self) -> bool:
        """One look at the store (what the timer does): refresh when something changed."""
        try:
            return self.refresh()
        except Exception as exc:  # keep the timer alive; say what went wrong
            self.status.value = f"<i>Gagal membaca hasil: {html.escape(str(exc))}</i>"
            return False

    def close(self) -> None:
        """Stop the timer, close the store, and close the widget."""
        self.stop()
        with self._lock:
            self.store.close()
        super().close()

    def on_change(self, callback: Callable[[TrainerDashboard], None]) -> None:
        """Call ``callback(dashboard)`` after every refresh that changed the figures."""
        self._listeners.append(callback)

    # ------------------------------------------------------------------ filters
    def _fill_sessions(self, wanted: str | None = None) -> list[SessionRow]:
        rows = self.store.sessions()
        options = [(_session_label(r), r.session_id) for r in rows]
        options.append(("Jawaban di luar sesi", NO_SESSION))
        value = self.session_select.value
        if wanted:
            key = wanted.strip().upper()
            match = [r.session_id for r in rows if key in (r.session_id.upper(), r.code.upper())]
            value = match[0] if match else value
        if value not in [v for _, v in options]:
            value = options[0][1]
        if list(self.session_select.options) != options or self.session_select.value != value:
            self._updating = True
            try:
                self.session_select.options = options
                self.session_select.value = value
            finally:
                self._updating = False
        self._rows = {r.session_id: r for r in rows}
        return rows

    @staticmethod
    def _set_options(control: widgets.Dropdown, options: list[tuple[str, Any]]) -> None:
        if list(control.options) == options:
            return
        value = control.value
        control.options = options
        control.value = value if value in [v for _, v in options] else ALL

    def _filter_changed(self, _change: dict) -> None:
        if not self._updating:
            self.refresh(force=True)

    @property
    def session_row(self) -> SessionRow | None:
        value = self.session_select.value
        return None if value in (None, NO_SESSION) else self._rows.get(value)

    # ------------------------------------------------------------------ refresh
    def _look(self) -> tuple:
        """A cheap fingerprint of what the store holds for the chosen filters."""
        sid = self.session_select.value
        attempts = self.store.attempts(session=sid) if sid not in (None, NO_SESSION) else []
        return (
            self.store.count(),
            len(self.store.sessions()),
            len(attempts),
            sum(a.finished_at is not None for a in attempts),
            sid,
            self.quiz_select.value,
            self.date_select.value,
        )

    def refresh(self, force: bool = False) -> bool:
        """Read the store; when anything changed (or ``force``), update every view.

        Returns True when the figures were recomputed.
        """
        with self._lock:
            look = self._look()
            now = format_wib(dt.datetime.now(dt.UTC).isoformat(), date=False)
            if not force and look == self._signature:
                self.status.value = f"<i>Diperiksa pukul {now}; tidak ada jawaban baru.</i>"
                return False
            if look[1] != (self._signature or (None, None))[1] or force:
                self._fill_sessions()
            # The fingerprint is taken before the answers are read: whatever is written
            # while the figures are computed makes the next look differ (and refresh).
            self._signature = self._look()
            self._update()
            self.refreshes += 1
            self.status.value = f"<i>Diperbarui pukul {now}.</i>"
        for listener in self._listeners:
            listener(self)
        return True

    def _update(self) -> None:
        row = self.session_row
        session_id = row.session_id if row else ""
        answers = self.store.answers(session=session_id)
        attempts = self.store.attempts(session=session_id) if session_id else []
        self._updating = True
        try:
            quizzes = sorted({a.quiz for a in answers})
            self._set_options(self.quiz_select, [("Semua kuis", ALL)] + [(q, q) for q in quizzes])
            days = sorted(
                {d for d in (wib_date(a.answered_at) for a in answers) if d}, reverse=True
            )
            self._set_options(
                self.date_select,
                [("Semua tanggal", ALL)] + [(f"{d:%d/%m/%Y}", d.isoformat()) for d in days],
            )
        finally:
            self._updating = False
        if self.quiz_select.value != ALL:
            answers = [a for a in answers if a.quiz == self.quiz_select.value]
        if self.date_select.value != ALL:
            day = dt.date.fromisoformat(self.date_select.value)
            answers = [a for a in answers if wib_date(a.answered_at) == day]
            attempts = [a for a in attempts if wib_date(a.started_at) == day]
        results = compute_results(answers, attempts, row, self.bank, self.calendar)
        self.results = results
        self._show(results)

    def _show(self, results: SessionResults) -> None:
        people = len(results.participants)
        working = len(results.in_progress)
        header = (
            f"<b>{html.escape(results.title)}</b>"
            + (f" · kode sesi <b>{html.escape(results.code)}</b>" if results.code else "")
            + "<br>"
        )
        self.summary_html.value = (
            f"<p>{header}<b>{people}</b> peserta (<b>{working}</b> sedang mengerjakan), "
            f"<b>{len(results.passed)}</b> lulus (nilai lulus "
            f"{format_percent(results.pass_mark)}), <b>{len(results.answers)}</b> jawaban. "
            f"Nilai rata-rata: <b>{format_percent(results.mean_score, 1)}</b>.</p>"
        )
        panels = [c for c in self.question_box.children if isinstance(c, QuestionPanel)]
        while len(panels) < len(results.questions):
            panels.append(QuestionPanel())
        panels = panels[: len(results.questions)]
        for panel, stats in zip(panels, results.questions, strict=True):
            panel.show(stats)
        if tuple(panels) != self.question_box.children:
            self.question_box.children = panels
        if not panels:
            self.question_box.children = [widgets.HTML("<p>Belum ada jawaban.</p>")]
        self.participants_table.value = participants_html(results)
        self.projector.show(results)
        frame = analytics.answers_frame(list(results.counted_answers()))
        summary = analytics.summarise(frame)
        self.summary = summary
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
        for name, widget in (("hasil", self.results_link), ("sertifikat", self.certificate_links)):
            prepared = self._prepared.get(name)
            stale = prepared is not None and prepared != self._fingerprint(results)
            if stale and "kip-kedaluwarsa" not in widget.value:
                widget.value += (
                    ' <i class="kip-kedaluwarsa">(ada jawaban baru sejak disiapkan; '
                    "tekan tombolnya lagi)</i>"
                )

    @staticmethod
    def _fingerprint(results: SessionResults) -> tuple:
        return (results.session_id, len(results.answers), len(results.participants))

    # ------------------------------------------------------------------ downloads
    def _file_stem(self, results: SessionResults) -> str:
        return f"hasil_sesi_{results.code}" if results.code else "hasil_kuis"

    def prepare_results(self) -> bytes:
        """Build the results workbook and offer it as a download link; returns its bytes."""
        with self._lock:
            results = self.results
            data = session_workbook(results)
            name = f"{self._file_stem(results)}.xlsx"
            when = format_wib(dt.datetime.now(dt.UTC).isoformat(), date=False)
            self.results_link.value = (
                f"{_link(name, data, XLSX_MIME, f'Unduh {name}')} "
                f"<span>({len(results.participants)} peserta, disiapkan pukul {when})</span>"
            )
            self._prepared["hasil"] = self._fingerprint(results)
        return data

    def prepare_certificates(self) -> dict[str, bytes]:
        """Build a certificate for every participant who passed and offer the links."""
        with self._lock:
            results = self.results
            files = certificates(results)
            if not files:
                self.certificate_links.value = "<p>Belum ada peserta yang lulus.</p>"
            else:
                links = [
                    f"<li>{_link(name, data, 'application/pdf', name)}</li>"
                    for name, data in files.items()
                ]
                archive = ""
                if len(files) > 1:
                    zip_name = f"sertifikat_{results.code or 'kuis'}.zip"
                    archive = (
                        "<p>"
                        + _link(
                            zip_name,
                            certificates_zip(results),
                            "application/zip",
                            f"Unduh semua ({len(files)} sertifikat, zip)",
                        )
                        + "</p>"
                    )
                self.certificate_links.value = f"{archive}<ul>{''.join(links)}</ul>"
            self._prepared["sertifikat"] = self._fingerprint(results)
        return files

    # ------------------------------------------------------------------ import
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
            with self._lock:
                report = self.store.import_files(paths)
            # Problems name the uploaded file, not the temporary copy.
            for temp, name in names.items():
                report.problems = [p.replace(temp, name) for p in report.problems]
        self.import_status.value = f"<p>{html.escape(report.summary())}</p>"
        self.refresh()


__all__ = [
    "DEFAULT_INTERVAL",
    "ProjectorView",
    "QuestionPanel",
    "TrainerDashboard",
    "counts_html",
    "leaderboard_html",
    "participants_html",
    "question_html",
]
