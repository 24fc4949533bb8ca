"""The quiz in a notebook (JupyterLab or Voilà), with ipywidgets, in Indonesian.

The participant enters a name and an OPD (a dropdown from the roster, or free text
when there is no roster) once: an :class:`Identity` shared by every quiz of the kernel
keeps them, so a second quiz does not ask again. Then one question at a time or all at
once: "Periksa" shows Benar/Salah with the explanation and the article, and every
answer is saved to the results store as it is given. "Selesai" asks for confirmation
while questions are unanswered. At the end: the score by topic, a review of every
question with its explanation, and a link that downloads the participant's results
file in the browser (for offline collection; nothing is written on the server).

In a training session (:mod:`kip_training.quiz.session`) everybody answers the
session's questions in its order (options shuffled per participant); every answer
carries the session id, the attempt number and the seconds spent; a time limit per
question and/or for the quiz runs on a timer in the kernel (an unanswered question at
the limit is saved as wrong with the mistake ``waktu_habis``); "Ulangi" starts another
attempt while the session allows one.

Key widgets are attributes (``name_input``, ``opd_dropdown``/``opd_input``,
``start_button``, ``check_button``, ``next_button``, ``finish_button``, ``feedback``,
``progress``, ``timer_label``, ``score_table``, ``review_html``, ``download_link``,
``retry_button``) and carry stable CSS classes (``kip-…``) for browser tests.

This module does not import pandas or matplotlib (a participant's kernel stays small);
the OPD list is read with the csv module (:func:`participant_roster`).
"""

from __future__ import annotations

import asyncio
import base64
import csv
import html
import json
import re
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import ipywidgets as widgets

from kip_training.config import load_config
from kip_training.errors import KipError
from kip_training.quiz import session as sessions
from kip_training.quiz.bank import QuestionBank, default_bank
from kip_training.quiz.engine import (
    VERDICT_PARTIAL,
    VERDICT_RIGHT,
    AnswerFormatError,
    Quiz,
    QuizItem,
    Result,
    build_quiz,
    score_by_topic,
)
from kip_training.quiz.engine import score_answer as _score
from kip_training.quiz.session import Session, normalise_name, normalise_opd
from kip_training.quiz.store import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    AnswerRecord,
    ResultStore,
)
from kip_training.quiz.types.base import CHOOSE
from kip_training.quiz.types.tenggat import MISTAKE_TIMEOUT
from kip_training.textfmt import format_number, format_percent

MODE_ONE = "Satu per satu"
MODE_ALL = "Semua sekaligus"
VERDICT_CLASSES = ("kip-benar", "kip-salah", "kip-sebagian", "kip-peringatan")
VERDICT_TIMEOUT = "Waktu habis"
#: Seconds between two timer ticks in the kernel.
TICK_SECONDS = 1.0
#: Long Indonesian options wrap under their radio button instead of being cut off;
#: buttons as wide as their label; verdict colours.
STYLE = """<style>
.kip-kuis-app .widget-radio, .kip-kuis-app .widget-radio-box { width: auto; height: auto; }
.kip-kuis-app .widget-radio-box label {
  display: flex; align-items: flex-start; gap: 6px;
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  line-height: 1.35; margin-bottom: 6px;
}
.kip-kuis-app .widget-radio-box input { order: -1; flex: none; float: none; margin: 3px 0 0 0; }
.kip-kuis-app .widget-checkbox .widget-label-basic, .kip-kuis-app .widget-checkbox label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.35;
}
.kip-kuis-app .widget-checkbox { width: auto; height: auto; }
.kip-kuis-app .jupyter-button, .kip-atur-kuis .jupyter-button {
  width: auto; min-width: 120px; padding: 0 14px; overflow: visible;
}
.kip-kuis-app .widget-label { min-width: 6em; }
.kip-umpan-balik.kip-benar, .kip-ulasan-soal.kip-benar
  { border-left: 4px solid #2f855a; padding-left: 8px; }
.kip-umpan-balik.kip-salah, .kip-ulasan-soal.kip-salah
  { border-left: 4px solid #c53030; padding-left: 8px; }
.kip-umpan-balik.kip-sebagian, .kip-ulasan-soal.kip-sebagian
  { border-left: 4px solid #dd6b20; padding-left: 8px; }
.kip-peringatan { color: #b00020; }
.kip-nilai-topik th, .kip-nilai-topik td { padding: 2px 12px 2px 0; text-align: left; }
.kip-waktu { font-size: 1.1em; font-weight: bold; }
.kip-waktu.kip-hampir { color: #b00020; }
.kip-konfirmasi { background: #fff8e1; padding: 4px 10px; border-left: 4px solid #dd6b20; }
.kip-unduh a { display: inline-block; padding: 0 14px; line-height: 28px; height: 28px;
  background: #2b6cb0; color: #fff; border-radius: 3px; text-decoration: none; }
.kip-unduh { margin: 2px; }
</style>"""


def _set_state_class(widget: widgets.DOMWidget, css: str | None) -> None:
    for name in VERDICT_CLASSES:
        widget.remove_class(name)
    if css:
        widget.add_class(css)


def _button(description: str, css: str, style: str = "") -> widgets.Button:
    """A button as wide as its label (never cut off)."""
    button = widgets.Button(
        description=description,
        button_style=style,
        tooltip=description,
        layout=widgets.Layout(width="auto", align_self="flex-start"),
    )
    button.add_class(css)
    return button


def _css_of(verdict: str) -> str:
    return {VERDICT_RIGHT: "kip-benar", VERDICT_PARTIAL: "kip-sebagian"}.get(verdict, "kip-salah")


def format_seconds(seconds: float) -> str:
    """Remaining time as shown: "0:45", "12:03"."""
    whole = max(int(seconds + 0.999), 0)
    return f"{whole // 60}:{whole % 60:02d}"


# --------------------------------------------------------------------------- participant


class RosterEntry(NamedTuple):
    """One OPD of the participant form (``kode`` stored, ``label`` shown)."""

    kode: str
    nama: str
    singkatan: str = ""

    @property
    def label(self) -> str:
        return f"{self.singkatan} – {self.nama}" if self.singkatan else self.nama


def participant_roster(path: Path | str | None = None) -> list[RosterEntry]:
    """The OPDs of the roster (``data/opd.csv`` or kip.toml's), read with the csv module.

    Empty when the file is missing or unusable: the form then asks for the OPD as free
    text, so a missing roster never stops a training session. (The full reader,
    :func:`kip_training.roster.read_roster`, loads pandas, which a participant's kernel
    does not need.)
    """
    try:
        path = Path(path) if path is not None else load_config().roster_path
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (KipError, OSError, UnicodeDecodeError, csv.Error):
        return []
    entries: dict[str, RosterEntry] = {}
    for row in rows:
        cells = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        kode = cells.get("kode", "").upper()
        if kode and cells.get("nama") and kode not in entries:
            entries[kode] = RosterEntry(kode, cells["nama"], cells.get("singkatan", ""))
    return list(entries.values())


@dataclass
class Identity:
    """Who takes the quizzes in this kernel: entered once, reused by every quiz.

    Quizzes already on the page hear of it (:meth:`listen`) and hide their name fields.
    """

    name: str = ""
    opd: str = ""
    opd_label: str = ""
    _listeners: list[Callable[[], None]] = field(default_factory=list, repr=False)

    @property
    def known(self) -> bool:
        return bool(self.name and self.opd)

    def set(self, name: str, opd: str, opd_label: str = "") -> None:
        self.name, self.opd, self.opd_label = name, opd, opd_label or opd
        for callback in list(self._listeners):
            callback()

    def listen(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)


def participant_payload(
    store: ResultStore, participant: str, opd: str, session: str | None = None
) -> bytes:
    """The participant's results file (the format :meth:`ResultStore.import_files` reads)."""
    records = store.answers(participant=participant, opd=opd, session=session)
    payload = {
        "format": EXPORT_FORMAT,
        "versi": EXPORT_VERSION,
        "peserta": participant,
        "kode_opd": opd,
        "dibuat": records[-1].answered_at if records else "",
        "jawaban": [asdict(r) for r in records],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def download_link_html(data: bytes, filename: str, label: str) -> str:
    """An HTML link that makes the browser save ``data`` as ``filename`` (a data URI)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{html.escape(filename)}" href="data:application/json;base64,{encoded}" '
        f'class="kip-tautan-unduh">{html.escape(label)}</a>'
    )


def result_filename(participant: str, opd: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", f"{participant}_{opd}").strip("_")
    return f"hasil_kuis_{slug or 'peserta'}.json"


# --------------------------------------------------------------------------- feedback


def feedback_html(result: Result) -> str:
    """Feedback for one answer: verdict, given and expected answers, explanation, article."""
    score = ""
    if result.verdict == VERDICT_PARTIAL:
        score = f" (nilai {format_number(result.score, 2)})"
    parts = [f"<p><b>{html.escape(result.verdict)}</b>{score}</p>"]
    given = result.given if result.given != "" else "(tidak dijawab)"
    parts.append(f"<p>Jawaban Anda: {html.escape(given)}</p>")
    if result.verdict != VERDICT_RIGHT:
        parts.append(f"<p>Jawaban yang benar: {html.escape(result.expected)}</p>")
    parts.append(f"<p>{html.escape(result.explanation)}</p>")
    parts.append(f'<p class="kip-rujukan"><i>Rujukan: {html.escape(result.reference)}</i></p>')
    return "".join(parts)


def timeout_result(item: QuizItem) -> Result:
    """The result of a question whose time ran out: wrong, no answer, ``waktu_habis``."""
    q = item.question
    qtype = q.qtype
    note = qtype.feedback_note(q)
    return Result(
        question_id=q.id,
        topic=q.topic,
        correct=False,
        score=0.0,
        verdict=VERDICT_TIMEOUT,
        given="",
        expected=qtype.expected_text(item),
        explanation=f"{q.explanation} {note}" if note else q.explanation,
        reference=q.reference,
        mistake=MISTAKE_TIMEOUT,
    )


class QuestionView:
    """One question on screen: prompt, answer input, "Periksa" button, feedback."""

    def __init__(
        self,
        item: QuizItem,
        number: int,
        total: int,
        topic_title: str,
        calendar: Any = None,
    ) -> None:
        self.item = item
        self.number = number
        self.calendar = calendar
        self.result: Result | None = None
        self.seconds = 0.0
        q = item.question
        self.prompt = widgets.HTML(
            f"<p class='kip-nomor'>Soal {number} dari {total} · {html.escape(topic_title)}</p>"
            f"<p class='kip-pertanyaan'><b>{html.escape(q.prompt)}</b></p>"
        )
        self.answer_widget, self.inputs = q.qtype.build_input(item, widgets)
        self.answer_widget.add_class("kip-jawaban")
        self.check_button = _button("Periksa", "kip-periksa", "primary")
        self.feedback = widgets.HTML()
        self.feedback.add_class("kip-umpan-balik")
        self.box = widgets.VBox([self.prompt, self.answer_widget, self.check_button, self.feedback])
        self.box.add_class("kip-soal")

    def response(self) -> Any:
        """The participant's answer, in the form :func:`score_answer` expects."""
        return self.item.question.qtype.read_input(self.item, self.inputs)

    def check(self) -> Result | None:
        """Score the answer and show the feedback; None when it cannot be read."""
        if self.result is not None:
            return self.result
        response = self.response()
        missing = self.item.question.qtype.missing_answer(self.item, response)
        if missing:
            return self._warn(missing)
        try:
            result = _score(self.item, response, self.calendar)
        except AnswerFormatError as exc:
            return self._warn(str(exc))
        self._settle(result)
        return result

    def time_out(self) -> Result:
        """Close the question unanswered: its time ran out."""
        if self.result is None:
            self._settle(timeout_result(self.item))
        return self.result

    def _settle(self, result: Result) -> None:
        self.result = result
        text = feedback_html(result)
        if result.mistake == MISTAKE_TIMEOUT:
            text = "<p class='kip-waktu-habis'><b>Waktu untuk soal ini habis.</b></p>" + text
        self.feedback.value = text
        _set_state_class(self.feedback, _css_of(result.verdict))
        for widget in self.inputs:
            widget.disabled = True
        self.check_button.disabled = True

    def _warn(self, message: str) -> None:
        self.feedback.value = f"<p>{html.escape(message)}</p>"
        _set_state_class(self.feedback, "kip-peringatan")
        return None


def review_html(views: Sequence[QuestionView]) -> str:
    """Every question after the quiz: the answer given, the right one, the explanation."""
    parts = ["<h4>Pembahasan semua soal</h4>"]
    for view in views:
        item, result = view.item, view.result
        q = item.question
        if result is None:
            verdict, css, given = "Tidak dijawab", "kip-salah", "(tidak dijawab)"
        else:
            verdict, css = result.verdict, _css_of(result.verdict)
            given = result.given if result.given != "" else "(tidak dijawab)"
        expected = q.qtype.expected_text(item)
        explanation = result.explanation if result else q.explanation
        parts.append(
            f"<div class='kip-ulasan-soal {css}'>"
            f"<p><b>{view.number}. {html.escape(q.prompt)}</b></p>"
            f"<p>{html.escape(verdict)} · Jawaban Anda: {html.escape(given)}"
            + (
                ""
                if result and result.verdict == VERDICT_RIGHT
                else f" · Jawaban yang benar: {html.escape(expected)}"
            )
            + f"</p><p>{html.escape(explanation)}</p>"
            f"<p class='kip-rujukan'><i>Rujukan: {html.escape(q.reference)}</i></p></div>"
        )
    return "".join(parts)


# --------------------------------------------------------------------------- timer


class KernelTicker:
    """Calls a function every :data:`TICK_SECONDS` on the kernel's event loop.

    Outside a running event loop (plain Python, tests) it does nothing: the owner's
    ``tick()`` is then called by hand.
    """

    def __init__(self, callback: Callable[[], bool]) -> None:
        self.callback = callback
        self._handle: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        self.stop()
        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            self._loop = None
            return
        self._handle = self._loop.call_later(TICK_SECONDS, self._run)

    def _run(self) -> None:
        self._handle = None
        try:
            again = self.callback()
        except Exception:  # a failing tick must not kill the kernel's loop
            again = False
        if again and self._loop is not None:
            self._handle = self._loop.call_later(TICK_SECONDS, self._run)

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    @property
    def running(self) -> bool:
        return self._handle is not None


# --------------------------------------------------------------------------- the quiz


class QuizApp(widgets.VBox):
    """The quiz widget: ``display(QuizApp(bank=..., topics=[...], count=10))``.

    With ``session`` the questions, time limits and attempts are the session's
    (``quiz``, ``topics``, ``count`` and ``seed`` are then ignored). ``identity`` is the
    participant entered once for the kernel (a new one when None). ``clock`` returns
    seconds (``time.monotonic``; tests pass their own and call :meth:`tick`).
    """

    def __init__(
        self,
        quiz: Quiz | None = None,
        *,
        bank: QuestionBank | None = None,
        topics: Sequence[str] | None = None,
        count: int | None = 10,
        seed: int | None = None,
        store: ResultStore | None = None,
        db_path: Path | str | None = None,
        roster: Sequence[Any] | None = None,
        mode: str = MODE_ONE,
        calendar: Any = None,
        quiz_name: str | None = None,
        session: Session | None = None,
        identity: Identity | None = None,
        clock: Callable[[], float] | None = None,
        title: str = "Kuis Keterbukaan Informasi Publik",
        export_dir: Path | str | None = None,
        **kwargs: Any,
    ) -> None:
        # ``export_dir`` is accepted from older callers; the results file is a download.
        self.export_dir = Path(export_dir) if export_dir is not None else None
        self._quiz_arg = quiz
        self._bank = bank
        self._topics = list(topics) if topics else None
        self._count = count
        self._seed = seed
        self._calendar = calendar
        self._quiz_name = quiz_name
        self.session = session
        self.identity = identity if identity is not None else Identity()
        self.clock = clock or time.monotonic
        self.store = store if store is not None else ResultStore(db_path)
        self.roster = list(roster) if roster is not None else participant_roster()
        self.quiz: Quiz | None = None
        self.views: list[QuestionView] = []
        self.current = 0
        self.participant = ""
        self.opd = ""
        self.attempt = 1
        self.finished = False
        self._started_at = 0.0
        self._shown_at = 0.0
        self._last_check_at = 0.0
        self._start_listeners: list[Callable[[QuizApp], None]] = []
        self._finish_listeners: list[Callable[[QuizApp], None]] = []
        self.ticker = KernelTicker(self.tick)

        # --- login
        self.name_input = widgets.Text(
            description="Nama",
            placeholder="Nama lengkap",
            layout=widgets.Layout(width="42em", max_width="100%"),
        )
        self.name_input.add_class("kip-nama")
        if self.roster:
            self.opd_dropdown: widgets.Dropdown | None = widgets.Dropdown(
                description="OPD",
                options=[(CHOOSE, None), *[(o.label, o.kode) for o in self.roster]],
                index=0,  # shows "— pilih —" (value=None would show an empty box)
                layout=widgets.Layout(width="42em", max_width="100%"),
            )
            self.opd_dropdown.add_class("kip-opd")
            self.opd_input: widgets.Text | None = None
            opd_widget: widgets.Widget = self.opd_dropdown
        else:
            self.opd_dropdown = None
            self.opd_input = widgets.Text(
                description="OPD",
                placeholder="Nama OPD Anda",
                layout=widgets.Layout(width="42em", max_width="100%"),
            )
            self.opd_input.add_class("kip-opd")
            opd_widget = self.opd_input
        self.mode_toggle = widgets.ToggleButtons(
            options=[MODE_ONE, MODE_ALL],
            value=mode,
            description="Tampilan",
            style={"button_width": "auto"},
        )
        self.mode_toggle.add_class("kip-mode")
        if session is not None and session.question_seconds:
            self.mode_toggle.value = MODE_ONE  # a time per question: one at a time
            self.mode_toggle.layout.display = "none"
        self.known_label = widgets.HTML()
        self.known_label.add_class("kip-peserta-dikenal")
        self.start_button = _button("Mulai", "kip-mulai", "success")
        self.login_message = widgets.HTML()
        self.login_message.add_class("kip-pesan")
        self.rules_html = widgets.HTML(self._rules_text())
        self.rules_html.add_class("kip-aturan-sesi")
        self.name_fields = widgets.VBox([self.name_input, opd_widget])
        self.login_box = widgets.VBox(
            [
                widgets.HTML(f"<h3>{html.escape(session.title if session else title)}</h3>"),
                self.rules_html,
                self.name_fields,
                self.known_label,
                self.mode_toggle,
                self.start_button,
                self.login_message,
            ]
        )
        self.login_box.add_class("kip-masuk")
        self._show_identity()
        self.identity.listen(self._show_identity)

        # --- quiz
        self.participant_label = widgets.HTML()
        self.progress = widgets.IntProgress(value=0, min=0, max=1, description="Kemajuan")
        self.progress.add_class("kip-kemajuan")
        self.progress_label = widgets.HTML()
        self.timer_label = widgets.HTML()
        self.timer_label.add_class("kip-waktu")
        self.question_area = widgets.VBox()
        self.next_button = _button("Berikutnya", "kip-berikutnya")
        self.next_button.disabled = True
        self.finish_button = _button("Selesai", "kip-selesai", "warning")
        self.nav_box = widgets.HBox([self.next_button, self.finish_button])
        self.confirm_text = widgets.HTML()
        self.confirm_yes = _button("Ya, selesai sekarang", "kip-konfirmasi-ya", "danger")
        self.confirm_no = _button("Kembali ke soal", "kip-konfirmasi-tidak")
        self.confirm_box = widgets.VBox(
            [self.confirm_text, widgets.HBox([self.confirm_yes, self.confirm_no])],
            layout=widgets.Layout(display="none"),
        )
        self.confirm_box.add_class("kip-konfirmasi")
        self.quiz_box = widgets.VBox(
            [
                self.participant_label,
                widgets.HBox([self.progress, self.progress_label]),
                self.timer_label,
                self.question_area,
                self.nav_box,
                self.confirm_box,
            ],
            layout=widgets.Layout(display="none"),
        )
        self.quiz_box.add_class("kip-kuis")

        # --- results
        self.final_html = widgets.HTML()
        self.final_html.add_class("kip-nilai-akhir")
        self.score_table = widgets.HTML()
        self.score_table.add_class("kip-nilai-topik")
        self.download_link = widgets.HTML()
        self.download_link.add_class("kip-unduh")
        self.retry_button = _button("Ulangi kuis", "kip-ulangi", "info")
        self.retry_button.layout.display = "none"
        self.retry_message = widgets.HTML()
        self.retry_message.add_class("kip-pesan-ulangi")
        self.review_html = widgets.HTML()
        self.review_html.add_class("kip-ulasan")
        self.result_box = widgets.VBox(
            [
                self.final_html,
                self.score_table,
                widgets.HBox([self.retry_button, self.download_link]),
                self.retry_message,
                self.review_html,
            ],
            layout=widgets.Layout(display="none"),
        )
        self.result_box.add_class("kip-hasil")

        self.start_button.on_click(lambda _: self.start())
        self.next_button.on_click(lambda _: self.next_question())
        self.finish_button.on_click(lambda _: self.request_finish())
        self.confirm_yes.on_click(lambda _: self.finish())
        self.confirm_no.on_click(lambda _: self._hide_confirmation())
        self.retry_button.on_click(lambda _: self.retry())
        self.style_html = widgets.HTML(STYLE)
        super().__init__(
            [self.style_html, self.login_box, self.quiz_box, self.result_box], **kwargs
        )
        self.add_class("kip-kuis-app")

    # ------------------------------------------------------------------ listeners
    def on_start(self, callback: Callable[[QuizApp], None]) -> None:
        """Call ``callback(app)`` when a quiz (or a new attempt) starts."""
        self._start_listeners.append(callback)

    def on_finish(self, callback: Callable[[QuizApp], None]) -> None:
        """Call ``callback(app)`` when the quiz ends (finished or out of time)."""
        self._finish_listeners.append(callback)

    # ------------------------------------------------------------------ current question
    @property
    def view(self) -> QuestionView | None:
        """The question on screen (one-at-a-time mode), else the first unanswered."""
        if not self.views:
            return None
        if self.mode_toggle.value == MODE_ONE:
            return self.views[self.current]
        return next((v for v in self.views if v.result is None), self.views[-1])

    @property
    def check_button(self) -> widgets.Button | None:
        return self.view.check_button if self.view else None

    @property
    def feedback(self) -> widgets.HTML | None:
        return self.view.feedback if self.view else None

    @property
    def results(self) -> list[Result]:
        return [v.result for v in self.views if v.result is not None]

    @property
    def export_button(self) -> widgets.HTML:
        """The download link of the results file (kept under its former name)."""
        return self.download_link

    # ------------------------------------------------------------------ texts
    def _rules_text(self) -> str:
        s = self.session
        if s is None:
            return ""
        rules = [f"{len(s)} soal, sama untuk semua peserta"]
        if s.question_seconds:
            rules.append(f"{s.question_seconds} detik per soal")
        if s.quiz_seconds:
            rules.append(f"{format_seconds(s.quiz_seconds)} menit untuk seluruh kuis")
        rules.append(f"nilai lulus {format_percent(s.pass_mark)}")
        if s.max_attempts > 1:
            rules.append(f"{s.max_attempts} kali kesempatan, yang dihitung: percobaan {s.counted}")
        else:
            rules.append("satu kali kesempatan")
        return (
            f"<p>Sesi <b>{html.escape(s.code)}</b>: {html.escape('; '.join(rules))}. "
            "Waktu berjalan sejak Anda menekan <b>Mulai</b>.</p>"
        )

    def _show_identity(self) -> None:
        """Hide the name fields when the participant is already known in this kernel."""
        who = self.identity
        if who.known:
            self.name_fields.layout.display = "none"
            self.known_label.value = (
                f"<p>Peserta: <b>{html.escape(who.name)}</b> · "
                f"{html.escape(who.opd_label or who.opd)}</p>"
            )
        else:
            self.name_fields.layout.display = None
            self.known_label.value = ""

    # ------------------------------------------------------------------ flow
    def _get_bank(self) -> QuestionBank:
        if self._bank is None:
            self._bank = default_bank()
        return self._bank

    def _warn_login(self, text: str) -> bool:
        self.login_message.value = f"<p>{html.escape(text)}</p>"
        _set_state_class(self.login_message, "kip-peringatan")
        return False

    def _read_identity(self) -> bool:
        if self.identity.known:
            return True
        name = normalise_name(self.name_input.value)
        opd = (
            self.opd_dropdown.value
            if self.opd_dropdown is not None
            else normalise_opd(self.opd_input.value)
        )
        missing = [label for label, value in (("nama", name), ("OPD", opd)) if not value]
        if missing:
            return self._warn_login(f"Isi {' dan '.join(missing)} dulu.")
        label = next((o.label for o in self.roster if o.kode == opd), opd)
        self.identity.set(name, opd, label)
        return True

    def start(self) -> bool:
        """Check name and OPD, build the quiz and show the first question."""
        if self.quiz is not None and not self.finished:
            return True  # already running
        if not self._read_identity():
            return False
        self.participant, self.opd = self.identity.name, self.identity.opd
        try:
            if self.session is not None:
                self.attempt = sessions.start_attempt(
                    self.store, self.session, self.participant, self.opd
                )
                self.quiz = sessions.participant_quiz(
                    self.session, self._get_bank(), self.participant, self._calendar
                )
            elif self._quiz_arg is not None:
                self.quiz = self._quiz_arg
            else:
                seed = (
                    self._seed
                    if self._seed is not None
                    else zlib.crc32(sessions.name_key(self.participant).encode("utf-8"))
                )
                self.quiz = build_quiz(
                    self._get_bank(),
                    topics=self._topics,
                    count=self._count,
                    seed=seed,
                    calendar=self._calendar,
                    name=self._quiz_name,
                )
        except KipError as exc:
            self._show_identity()
            return self._warn_login(str(exc))
        self._begin()
        return True

    def _begin(self) -> None:
        bank = self._bank
        total = len(self.quiz)
        self.views = []
        for number, item in enumerate(self.quiz.items, start=1):
            title = bank.title(item.question.topic) if bank else item.question.topic
            view = QuestionView(item, number, total, title, self._calendar)
            view.check_button.on_click(lambda _, v=view: self._check(v))
            self.views.append(view)
        self.current = 0
        self.finished = False
        self.progress.max = total
        self.progress.value = 0
        attempt = ""
        if self.session is not None and self.session.max_attempts > 1:
            attempt = f" · percobaan ke-{self.attempt} dari {self.session.max_attempts}"
        self.participant_label.value = (
            f"<p>Peserta: <b>{html.escape(self.participant)}</b> · "
            f"{html.escape(self.identity.opd_label or self.opd)}{attempt}</p>"
        )
        self._update_progress()
        self.login_box.layout.display = "none"
        self.result_box.layout.display = "none"
        self.quiz_box.layout.display = None
        self._hide_confirmation()
        self.mode_toggle.disabled = True
        now = self.clock()
        self._started_at = self._shown_at = self._last_check_at = now
        self._show()
        self._update_timer(now)
        if self._has_time_limit:
            self.ticker.start()
        for callback in self._start_listeners:
            callback(self)

    @property
    def _has_time_limit(self) -> bool:
        s = self.session
        return s is not None and bool(s.question_seconds or s.quiz_seconds)

    def _show(self) -> None:
        if self.mode_toggle.value == MODE_ONE:
            self.question_area.children = [self.views[self.current].box]
            self.next_button.layout.display = None
            last = self.current == len(self.views) - 1
            self.next_button.description = "Lihat hasil" if last else "Berikutnya"
            self.next_button.disabled = self.views[self.current].result is None
        else:
            self.question_area.children = [v.box for v in self.views]
            self.next_button.layout.display = "none"

    def _update_progress(self) -> None:
        done = len(self.results)
        self.progress.value = done
        self.progress_label.value = f"{done} dari {len(self.views)} soal dijawab"

    def _seconds_for(self, view: QuestionView, now: float) -> float:
        if self.mode_toggle.value == MODE_ONE:
            return max(now - self._shown_at, 0.0)
        return max(now - self._last_check_at, 0.0)

    def _save(self, view: QuestionView, result: Result) -> None:
        now = self.clock()
        view.seconds = round(self._seconds_for(view, now), 1)
        self._last_check_at = now
        record = AnswerRecord(
            participant=self.participant,
            opd=self.opd,
            quiz=self.quiz.name,
            question_id=result.question_id,
            topic=result.topic,
            answer=result.given,
            correct=result.correct,
            score=result.score,
            session=self.session.session_id if self.session else "",
            attempt=self.attempt,
            mistake=result.mistake,
            seconds=view.seconds,
        )
        try:
            self.store.record(record)
        except KipError as exc:
            view.feedback.value += (
                "<p class='kip-peringatan kip-gagal-simpan'><b>Jawaban ini belum tersimpan.</b> "
                "Anda tetap dapat melanjutkan ke soal berikutnya; beri tahu pelatih. "
                f"({html.escape(str(exc))})</p>"
            )
        self._update_progress()
        if self.mode_toggle.value == MODE_ONE and view is self.views[self.current]:
            self.next_button.disabled = False

    def _check(self, view: QuestionView) -> Result | None:
        if self.finished:
            return view.result
        already = view.result is not None
        result = view.check()
        if result is None or already:
            return result
        self._save(view, result)
        self._hide_confirmation()
        return result

    def check(self) -> Result | None:
        """Press "Periksa" on the current question."""
        return self._check(self.view) if self.view else None

    def next_question(self) -> None:
        """Go to the next question (after the last one: the results)."""
        if self.finished or self.views[self.current].result is None:
            return
        if self.current >= len(self.views) - 1:
            self.finish()
            return
        self.current += 1
        self._shown_at = self.clock()
        self._show()
        self._update_timer(self._shown_at)

    # ------------------------------------------------------------------ time
    def remaining(self, now: float | None = None) -> dict[str, float]:
        """Seconds left, per question (``"soal"``) and for the quiz (``"kuis"``)."""
        now = self.clock() if now is None else now
        left: dict[str, float] = {}
        s = self.session
        if s is None or self.finished or not self.views:
            return left
        one = self.mode_toggle.value == MODE_ONE
        if s.question_seconds and one and self.views[self.current].result is None:
            left["soal"] = s.question_seconds - (now - self._shown_at)
        if s.quiz_seconds:
            left["kuis"] = s.quiz_seconds - (now - self._started_at)
        return left

    def _update_timer(self, now: float) -> None:
        left = self.remaining(now)
        parts = []
        if "soal" in left:
            parts.append(f"Sisa waktu soal ini: {format_seconds(left['soal'])}")
        if "kuis" in left:
            parts.append(f"Sisa waktu kuis: {format_seconds(left['kuis'])}")
        self.timer_label.value = f"<p>{' · '.join(parts)}</p>" if parts else ""
        if any(v <= 10 for v in left.values()):
            self.timer_label.add_class("kip-hampir")
        else:
            self.timer_label.remove_class("kip-hampir")

    def tick(self, now: float | None = None) -> bool:
        """Update the countdown; close what ran out of time. True while time still runs."""
        if self.finished or not self.views:
            return False
        now = self.clock() if now is None else now
        left = self.remaining(now)
        if "kuis" in left and left["kuis"] <= 0:
            for view in self.views:
                if view.result is None:
                    self._save(view, view.time_out())
            self.finish()
            return False
        if "soal" in left and left["soal"] <= 0:
            view = self.views[self.current]
            self._save(view, view.time_out())
            self._hide_confirmation()
        self._update_timer(now)
        return self._has_time_limit

    # ------------------------------------------------------------------ the end
    def unanswered(self) -> list[QuestionView]:
        return [v for v in self.views if v.result is None]

    def request_finish(self) -> bool:
        """ "Selesai": finish now, or ask first while questions are unanswered."""
        if self.finished:
            return True
        missing = self.unanswered()
        if not missing:
            self.finish()
            return True
        numbers = ", ".join(str(v.number) for v in missing[:10])
        more = " …" if len(missing) > 10 else ""
        self.confirm_text.value = (
            f"<p><b>Masih ada {len(missing)} soal yang belum dijawab</b> (nomor {numbers}{more}). "
            "Soal itu dihitung 0. Tetap selesai sekarang?</p>"
        )
        self.confirm_box.layout.display = None
        return False

    def _hide_confirmation(self) -> None:
        self.confirm_box.layout.display = "none"

    def finish(self) -> None:
        """Show the final score by topic and the review (unanswered questions count 0)."""
        if self.finished or not self.views:
            return
        self.finished = True
        self.ticker.stop()
        results = self.results
        rows = score_by_topic(results, self._bank)
        unanswered = self.unanswered()
        total = sum(r.score for r in results)
        possible = len(self.views)
        share = total / possible if possible else 0.0
        body = "".join(
            f"<tr><td>{html.escape(row['judul'])}</td><td>{row['jawaban']}</td>"
            f"<td>{format_number(row['nilai'], 1)}</td>"
            f"<td>{format_percent(row['persen'])}</td></tr>"
            for row in sorted(rows, key=lambda r: r["persen"])
        )
        self.score_table.value = (
            "<table><thead><tr><th>Topik</th><th>Soal</th><th>Nilai</th>"
            f"<th>Persen</th></tr></thead><tbody>{body}</tbody></table>"
        )
        note = f" {len(unanswered)} soal belum dijawab (dihitung 0)." if unanswered else ""
        timeouts = sum(1 for r in results if r.mistake == MISTAKE_TIMEOUT)
        if timeouts:
            note += f" {timeouts} soal habis waktunya."
        verdict = ""
        if self.session is not None:
            passed = share >= self.session.pass_mark - 1e-9
            verdict = (
                f"<p class='kip-lulus'><b>Lulus</b> (nilai lulus "
                f"{format_percent(self.session.pass_mark)}).</p>"
                if passed
                else f"<p class='kip-belum-lulus'><b>Belum lulus</b> (nilai lulus "
                f"{format_percent(self.session.pass_mark)}).</p>"
            )
        self.final_html.value = (
            f"<h3>Nilai akhir: {format_number(total, 1)} dari {possible} "
            f"({format_percent(share)})</h3>{verdict}<p>{html.escape(self.participant)}, "
            f"terima kasih.{note}</p>"
        )
        self.review_html.value = review_html(self.views)
        self._end_attempt()
        self.export_results()
        self.quiz_box.layout.display = "none"
        self.result_box.layout.display = None
        self.timer_label.value = ""
        for callback in self._finish_listeners:
            callback(self)

    def _end_attempt(self) -> None:
        self.retry_button.layout.display = "none"
        self.retry_message.value = ""
        if self.session is None:
            return
        try:
            sessions.finish_attempt(
                self.store, self.session, self.participant, self.opd, self.attempt
            )
            left = sessions.attempts_left(self.store, self.session, self.participant, self.opd)
        except KipError as exc:
            self.retry_message.value = f"<p class='kip-peringatan'>{html.escape(str(exc))}</p>"
            return
        counted = "terbaik" if self.session.counted == sessions.COUNT_BEST else "terakhir"
        if left > 0:
            self.retry_button.layout.display = None
            self.retry_message.value = (
                f"<p>Anda masih punya {left} kesempatan lagi. Yang dihitung adalah nilai "
                f"percobaan {counted}.</p>"
            )
        elif self.session.max_attempts > 1:
            self.retry_message.value = (
                f"<p>Semua {self.session.max_attempts} kesempatan sudah dipakai. Yang dihitung "
                f"adalah nilai percobaan {counted}.</p>"
            )

    def retry(self) -> bool:
        """ "Ulangi": a new attempt at the session's quiz (name and OPD kept)."""
        if not self.finished or self.session is None:
            return False
        try:
            self.attempt = sessions.start_attempt(
                self.store, self.session, self.participant, self.opd
            )
        except KipError as exc:
            self.retry_message.value = f"<p class='kip-peringatan'>{html.escape(str(exc))}</p>"
            self.retry_button.layout.display = "none"
            return False
        self._begin()
        return True

    def export_results(self) -> bytes:
        """Put this participant's answers in the download link; returns the file's bytes."""
        session = self.session.session_id if self.session else None
        try:
            data = participant_payload(self.store, self.participant, self.opd, session)
        except KipError as exc:
            self.download_link.value = (
                f"<p class='kip-peringatan'>Berkas hasil tidak dapat dibuat: "
                f"{html.escape(str(exc))}</p>"
            )
            return b""
        self.download_link.value = download_link_html(
            data, result_filename(self.participant, self.opd), "Unduh berkas hasil saya"
        )
        return data
