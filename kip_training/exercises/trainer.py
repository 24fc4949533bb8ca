"""The trainer's view: the live dashboard plus charts per topic and per OPD that follow it.

:class:`TrainerView` shows :class:`kip_training.quiz.dashboard.TrainerDashboard` and,
under it, the mean score per topic and per OPD as charts, redrawn whenever the
dashboard's figures change (it refreshes itself). In Voilà the session can be chosen
with the page address (``?sesi=KODE``).

:func:`sample_session_db` writes a sample session with fictional participants
("Peserta 01", ...) for trying the dashboard before a real session.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets

from kip_training import charts
from kip_training.calendar import WorkingCalendar
from kip_training.exercises.output import output_dir
from kip_training.quiz.bank import QuestionBank, default_bank
from kip_training.quiz.dashboard import DEFAULT_INTERVAL, TrainerDashboard
from kip_training.quiz.engine import make_item, response_for_correct, score_answer
from kip_training.quiz.roster import load_roster
from kip_training.quiz.store import AnswerRecord, ResultStore, SessionRow
from kip_training.quiz.types.tenggat import classify_deadline_mistake
from kip_training.textfmt import parse_date

SAMPLE_SESSION_ID = "sesi-contoh"
SAMPLE_CODE = "CONTOH"
SAMPLE_TITLE = "Pelatihan PPID Pembantu (contoh)"
SAMPLE_QUESTIONS = (
    "bp-01",
    "keb-t1",
    "bp-02",
    "pro-t3",
    "bp-03",
    "sen-t2",
    "pro-01",
    "bp-08",
)
SAMPLE_START = dt.datetime(2026, 1, 22, 2, 0, tzinfo=dt.UTC)  # 09.00 WIB


def opd_short_names() -> dict[str, str]:
    """OPD code -> short name from the roster (empty when there is no roster)."""
    return {o.kode: o.singkatan or o.nama for o in load_roster()}


def session_from_query() -> str | None:
    """The ``sesi`` of the page address in Voilà (``?sesi=KODE``), else None."""
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get("sesi")
    return values[0].strip() or None if values else None


class TrainerView(widgets.VBox):
    """Dashboard + charts. Child widgets: ``dashboard``, ``topic_chart``, ``opd_chart``.

    ``session`` (id or join code; by default ``?sesi=`` of the page, else the newest)
    and ``interval`` (seconds between refreshes; None: no background refresh) go to the
    dashboard.
    """

    def __init__(
        self,
        db_path: Path | str | None = None,
        session: str | None = None,
        interval: float | None = DEFAULT_INTERVAL,
        **kwargs,
    ) -> None:
        self.dashboard = TrainerDashboard(
            db_path, session=session or session_from_query(), interval=interval, **kwargs
        )
        self.topic_chart = widgets.Image(format="png", layout=widgets.Layout(max_width="700px"))
        self.opd_chart = widgets.Image(format="png", layout=widgets.Layout(max_width="700px"))
        self.topic_chart.add_class("kip-grafik-topik")
        self.opd_chart.add_class("kip-grafik-opd")
        self._drawn: tuple | None = None
        super().__init__(
            [
                self.dashboard,
                widgets.HTML("<h4>Nilai rata-rata per topik dan per OPD</h4>"),
                self.topic_chart,
                self.opd_chart,
            ]
        )
        self.add_class("kip-tampilan-pelatih")
        self.draw()
        self.dashboard.on_change(lambda _d: self.draw())

    def draw(self) -> None:
        """Redraw both charts from the dashboard's current summary (when it changed)."""
        summary = self.dashboard.summary
        key = (
            tuple(summary.by_topic.itertuples(index=False)),
            tuple(summary.by_opd.itertuples(index=False)),
        )
        if key == self._drawn:
            return
        self._drawn = key
        self.topic_chart.value = charts.to_png(charts.quiz_scores_by_topic(summary))
        self.opd_chart.value = charts.to_png(charts.quiz_scores_by_opd(summary, opd_short_names()))

    def close(self) -> None:
        """Stop the dashboard's refresh and close the view."""
        self.dashboard.close()
        super().close()


# --------------------------------------------------------------------------- sample


def _mistake(item, given: str, cal) -> str:
    if item.question.type != "tenggat" or item.received is None:
        return ""
    try:
        answer = parse_date(given)
    except ValueError:
        return ""
    return classify_deadline_mistake(item.received, item.question.kind, answer, cal)


def fill_sample_session(
    db_path: Path | str,
    participants: int = 12,
    bank: QuestionBank | None = None,
    calendar=None,
) -> SessionRow:
    """Write a sample session (fictional participants, two attempts allowed, the best
    counted) to ``db_path``; writing it again adds nothing. Returns the session.

    Only answers are written (no attempts rows): an attempt with every question answered
    counts as finished, the others as still in progress.
    """
    bank = bank or default_bank()
    cal = calendar or WorkingCalendar.from_config()
    spec = {
        "kuis": "",
        "topik": [],
        "jumlah": len(SAMPLE_QUESTIONS),
        "benih": 11,
        "soal": list(SAMPLE_QUESTIONS),
        "batas_waktu_soal": 90,
        "batas_waktu_kuis": None,
        "nilai_lulus": 0.7,
        "percobaan": 2,
        "dihitung": "terbaik",
    }
    row = SessionRow(
        SAMPLE_SESSION_ID, SAMPLE_CODE, SAMPLE_TITLE, spec, created_at=SAMPLE_START.isoformat()
    )
    items = [make_item(bank[q], spec["benih"], cal, shuffle=False) for q in SAMPLE_QUESTIONS]
    opds = [o.kode for o in load_roster()] or ["DISKOMINFO", "DINKES", "DISDIK"]
    rng = random.Random(3)
    store = ResultStore(db_path)
    try:
        if store.session(SAMPLE_SESSION_ID) is not None:
            return store.session(SAMPLE_SESSION_ID)
        store.save_session(row)
        records = []
        for number in range(1, participants + 1):
            name, opd = f"Peserta {number:02d}", opds[number % len(opds)]
            ability = 0.45 + 0.5 * rng.random()
            tries = 2 if number % 4 == 0 else 1
            for attempt in range(1, tries + 1):
                moment = SAMPLE_START + dt.timedelta(minutes=rng.randint(1, 6) + 15 * attempt)
                last = len(items) if number % 5 else rng.randint(3, len(items) - 1)
                for item in items[:last]:
                    right = rng.random() < ability + 0.1 * (attempt - 1)
                    if right:
                        response = response_for_correct(item)
                    else:
                        wrong = [
                            o for o in item.options if o != item.question.qtype.expected_text(item)
                        ]
                        response = (
                            rng.choice(wrong)
                            if wrong
                            else item.question.qtype.wrong_response(item, rng)
                        )
                    result = score_answer(item, response)
                    seconds = rng.randint(15, 80)
                    moment += dt.timedelta(seconds=seconds)
                    records.append(
                        AnswerRecord(
                            participant=name,
                            opd=opd,
                            quiz=SAMPLE_TITLE,
                            question_id=item.id,
                            topic=item.question.topic,
                            answer=result.given,
                            correct=result.correct,
                            score=result.score,
                            answered_at=moment.isoformat(timespec="seconds"),
                            uid=f"contoh-sesi-{number:02d}-{attempt}-{item.id}",
                            session=SAMPLE_SESSION_ID,
                            attempt=attempt,
                            mistake="" if result.correct else _mistake(item, result.given, cal),
                            seconds=float(seconds),
                        )
                    )
        store.record_many(records)
        return row
    finally:
        store.close()


def sample_session_db() -> Path:
    """A results database with the sample session, in the output folder (written once)."""
    path = output_dir() / "sesi_contoh.sqlite"
    fill_sample_session(path)
    return path
