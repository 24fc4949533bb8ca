"""The quiz in a notebook (JupyterLab or Voilà), with ipywidgets, in Indonesian.

The participant enters a name and an OPD (a dropdown from the roster, or free text
when there is no roster) once, then answers one question at a time or all at once.
"Periksa" shows Benar/Salah with the explanation and the article; every answer is
saved to the results store as it is given. At the end: the score by topic, and a
button that writes the participant's results to one file for offline collection.

Key widgets are attributes (``name_input``, ``opd_dropdown``/``opd_input``,
``start_button``, ``check_button``, ``next_button``, ``feedback``, ``progress``,
``score_table``) and carry stable CSS classes (``kip-…``) for browser tests.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from kip_training.errors import KipError
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
from kip_training.quiz.roster import Opd, load_roster
from kip_training.quiz.store import AnswerRecord, ResultStore
from kip_training.quiz.types.base import CHOOSE
from kip_training.textfmt import format_number, format_percent

MODE_ONE = "Satu per satu"
MODE_ALL = "Semua sekaligus"
VERDICT_CLASSES = ("kip-benar", "kip-salah", "kip-sebagian", "kip-peringatan")
#: Long Indonesian options must wrap instead of being cut off; verdict colours.
STYLE = """<style>
.kip-kuis-app .widget-radio, .kip-kuis-app .widget-radio-box { width: auto; height: auto; }
.kip-kuis-app .widget-radio-box label, .kip-kuis-app .widget-checkbox .widget-label-basic,
.kip-kuis-app .widget-checkbox label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.35;
}
.kip-kuis-app .widget-checkbox { width: auto; height: auto; }
.kip-umpan-balik.kip-benar { border-left: 4px solid #2f855a; padding-left: 8px; }
.kip-umpan-balik.kip-salah { border-left: 4px solid #c53030; padding-left: 8px; }
.kip-umpan-balik.kip-sebagian { border-left: 4px solid #dd6b20; padding-left: 8px; }
.kip-peringatan { color: #b00020; }
</style>"""


def _set_state_class(widget: widgets.DOMWidget, css: str | None) -> None:
    for name in VERDICT_CLASSES:
        widget.remove_class(name)
    if css:
        widget.add_class(css)


def feedback_html(result: Result) -> str:
    """Feedback for one answer: verdict, given and expected answers, explanation, article."""
    score = ""
    if result.verdict == VERDICT_PARTIAL:
        score = f" (nilai {format_number(result.score, 2)})"
    parts = [f"<p><b>{html.escape(result.verdict)}</b>{score}</p>"]
    parts.append(f"<p>Jawaban Anda: {html.escape(result.given)}</p>")
    if result.verdict != VERDICT_RIGHT:
        parts.append(f"<p>Jawaban yang benar: {html.escape(result.expected)}</p>")
    parts.append(f"<p>{html.escape(result.explanation)}</p>")
    parts.append(f'<p class="kip-rujukan"><i>Rujukan: {html.escape(result.reference)}</i></p>')
    return "".join(parts)


class QuestionView:
    """One question on screen: prompt, answer input, "Periksa" button, feedback."""

    def __init__(self, item: QuizItem, number: int, total: int, topic_title: str) -> None:
        self.item = item
        self.number = number
        self.result: Result | None = None
        q = item.question
        self.prompt = widgets.HTML(
            f"<p class='kip-nomor'>Soal {number} dari {total} · {html.escape(topic_title)}</p>"
            f"<p class='kip-pertanyaan'><b>{html.escape(q.prompt)}</b></p>"
        )
        self.answer_widget, self.inputs = q.qtype.build_input(item, widgets)
        self.answer_widget.add_class("kip-jawaban")
        self.check_button = widgets.Button(description="Periksa", button_style="primary")
        self.check_button.add_class("kip-periksa")
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
            result = _score(self.item, response)
        except AnswerFormatError as exc:
            return self._warn(str(exc))
        self.result = result
        self.feedback.value = feedback_html(result)
        css = {"Benar": "kip-benar", "Salah": "kip-salah"}.get(result.verdict, "kip-sebagian")
        _set_state_class(self.feedback, css)
        for widget in self.inputs:
            widget.disabled = True
        self.check_button.disabled = True
        return result

    def _warn(self, message: str) -> None:
        self.feedback.value = f"<p>{html.escape(message)}</p>"
        _set_state_class(self.feedback, "kip-peringatan")
        return None


class QuizApp(widgets.VBox):
    """The quiz widget: ``display(QuizApp(bank=..., topics=[...], count=10))``."""

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
        roster: Sequence[Opd] | None = None,
        mode: str = MODE_ONE,
        calendar: Any = None,
        quiz_name: str | None = None,
        export_dir: Path | str | None = None,
        **kwargs: Any,
    ) -> None:
        self._quiz_arg = quiz
        self._bank = bank
        self._topics = list(topics) if topics else None
        self._count = count
        self._seed = seed
        self._calendar = calendar
        self._quiz_name = quiz_name
        self.store = store if store is not None else ResultStore(db_path)
        self.export_dir = Path(export_dir) if export_dir is not None else Path.cwd()
        self.roster = list(roster) if roster is not None else load_roster()
        self.quiz: Quiz | None = None
        self.views: list[QuestionView] = []
        self.current = 0
        self.participant = ""
        self.opd = ""

        # --- login
        self.name_input = widgets.Text(description="Nama", placeholder="Nama lengkap")
        self.name_input.add_class("kip-nama")
        if self.roster:
            self.opd_dropdown: widgets.Dropdown | None = widgets.Dropdown(
                description="OPD",
                options=[(CHOOSE, None), *[(o.label, o.kode) for o in self.roster]],
                value=None,
            )
            self.opd_dropdown.add_class("kip-opd")
            self.opd_input: widgets.Text | None = None
            opd_widget: widgets.Widget = self.opd_dropdown
        else:
            self.opd_dropdown = None
            self.opd_input = widgets.Text(description="OPD", placeholder="Nama OPD Anda")
            self.opd_input.add_class("kip-opd")
            opd_widget = self.opd_input
        self.mode_toggle = widgets.ToggleButtons(
            options=[MODE_ONE, MODE_ALL], value=mode, description="Tampilan"
        )
        self.mode_toggle.add_class("kip-mode")
        self.start_button = widgets.Button(description="Mulai", button_style="success")
        self.start_button.add_class("kip-mulai")
        self.login_message = widgets.HTML()
        self.login_message.add_class("kip-pesan")
        self.login_box = widgets.VBox(
            [
                widgets.HTML("<h3>Kuis Keterbukaan Informasi Publik</h3>"),
                self.name_input,
                opd_widget,
                self.mode_toggle,
                self.start_button,
                self.login_message,
            ]
        )
        self.login_box.add_class("kip-masuk")

        # --- quiz
        self.participant_label = widgets.HTML()
        self.progress = widgets.IntProgress(value=0, min=0, max=1, description="Kemajuan")
        self.progress.add_class("kip-kemajuan")
        self.progress_label = widgets.HTML()
        self.question_area = widgets.VBox()
        self.next_button = widgets.Button(description="Berikutnya", disabled=True)
        self.next_button.add_class("kip-berikutnya")
        self.finish_button = widgets.Button(description="Selesai", button_style="warning")
        self.finish_button.add_class("kip-selesai")
        self.nav_box = widgets.HBox([self.next_button, self.finish_button])
        self.quiz_box = widgets.VBox(
            [
                self.participant_label,
                widgets.HBox([self.progress, self.progress_label]),
                self.question_area,
                self.nav_box,
            ],
            layout=widgets.Layout(display="none"),
        )
        self.quiz_box.add_class("kip-kuis")

        # --- results
        self.final_html = widgets.HTML()
        self.final_html.add_class("kip-nilai-akhir")
        self.score_table = widgets.HTML()
        self.score_table.add_class("kip-nilai-topik")
        self.export_button = widgets.Button(description="Simpan hasil saya ke berkas")
        self.export_button.add_class("kip-ekspor")
        self.export_message = widgets.HTML()
        self.result_box = widgets.VBox(
            [self.final_html, self.score_table, self.export_button, self.export_message],
            layout=widgets.Layout(display="none"),
        )
        self.result_box.add_class("kip-hasil")

        self.start_button.on_click(lambda _: self.start())
        self.next_button.on_click(lambda _: self.next_question())
        self.finish_button.on_click(lambda _: self.finish())
        self.export_button.on_click(lambda _: self.export_results())
        self.style_html = widgets.HTML(STYLE)
        super().__init__(
            [self.style_html, self.login_box, self.quiz_box, self.result_box], **kwargs
        )
        self.add_class("kip-kuis-app")

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

    # ------------------------------------------------------------------ flow
    def _get_bank(self) -> QuestionBank:
        if self._bank is None:
            self._bank = default_bank()
        return self._bank

    def start(self) -> bool:
        """Check name and OPD, build the quiz and show the first question."""
        name = " ".join(self.name_input.value.split())
        opd = (
            self.opd_dropdown.value
            if self.opd_dropdown is not None
            else " ".join((self.opd_input.value or "").split())
        )
        missing = [label for label, value in (("nama", name), ("OPD", opd)) if not value]
        if missing:
            self.login_message.value = f"<p>Isi {' dan '.join(missing)} dulu.</p>"
            _set_state_class(self.login_message, "kip-peringatan")
            return False
        self.participant, self.opd = name, opd
        if self._quiz_arg is not None:
            self.quiz = self._quiz_arg
        else:
            seed = self._seed if self._seed is not None else zlib.crc32(name.encode("utf-8"))
            try:
                self.quiz = build_quiz(
                    self._get_bank(),
                    topics=self._topics,
                    count=self._count,
                    seed=seed,
                    calendar=self._calendar,
                    name=self._quiz_name,
                )
            except KipError as exc:
                self.login_message.value = f"<p>{html.escape(str(exc))}</p>"
                _set_state_class(self.login_message, "kip-peringatan")
                return False
        bank = self._bank
        total = len(self.quiz)
        self.views = []
        for number, item in enumerate(self.quiz.items, start=1):
            title = bank.title(item.question.topic) if bank else item.question.topic
            view = QuestionView(item, number, total, title)
            view.check_button.on_click(lambda _, v=view: self._check(v))
            self.views.append(view)
        self.current = 0
        self.progress.max = total
        self.progress.value = 0
        opd_label = next((o.label for o in self.roster if o.kode == opd), opd)
        self.participant_label.value = (
            f"<p>Peserta: <b>{html.escape(name)}</b> · {html.escape(opd_label)}</p>"
        )
        self._update_progress()
        self.login_box.layout.display = "none"
        self.quiz_box.layout.display = None
        self._show()
        return True

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

    def _check(self, view: QuestionView) -> Result | None:
        already = view.result is not None
        result = view.check()
        if result is None or already:
            return result
        record = AnswerRecord(
            participant=self.participant,
            opd=self.opd,
            quiz=self.quiz.name,
            question_id=result.question_id,
            topic=result.topic,
            answer=result.given,
            correct=result.correct,
            score=result.score,
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
        if self.mode_toggle.value == MODE_ONE:
            self.next_button.disabled = False
        return result

    def check(self) -> Result | None:
        """Press "Periksa" on the current question."""
        return self._check(self.view) if self.view else None

    def next_question(self) -> None:
        """Go to the next question (after the last one: the results)."""
        if self.views[self.current].result is None:
            return
        if self.current >= len(self.views) - 1:
            self.finish()
            return
        self.current += 1
        self._show()

    def finish(self) -> None:
        """Show the final score by topic (unanswered questions count as 0)."""
        results = self.results
        bank = self._bank
        rows = score_by_topic(results, bank)
        answered = {r.question_id for r in results}
        unanswered = [v for v in self.views if v.item.id not in answered]
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
            "<table><thead><tr><th>Topik</th><th>Soal dijawab</th><th>Nilai</th>"
            f"<th>Persen</th></tr></thead><tbody>{body}</tbody></table>"
        )
        note = f" {len(unanswered)} soal belum dijawab (dihitung 0)." if unanswered else ""
        self.final_html.value = (
            f"<h3>Nilai akhir: {format_number(total, 1)} dari {possible} "
            f"({format_percent(share)})</h3><p>{html.escape(self.participant)}, terima kasih."
            f"{note}</p>"
        )
        self.quiz_box.layout.display = "none"
        self.result_box.layout.display = None

    def export_results(self) -> Path | None:
        """Write this participant's answers to one JSON file for the trainer."""
        slug = re.sub(r"[^A-Za-z0-9]+", "_", f"{self.participant}_{self.opd}").strip("_")
        path = self.export_dir / f"hasil_kuis_{slug or 'peserta'}.json"
        try:
            count = self.store.export_participant(path, self.participant, self.opd)
        except (OSError, KipError) as exc:
            self.export_message.value = (
                f"<p>Berkas tidak dapat ditulis: {html.escape(str(exc))}</p>"
            )
            return None
        self.export_message.value = (
            f"<p>{count} jawaban disimpan ke <code>{html.escape(str(path))}</code>. "
            "Kirim berkas ini kepada pelatih.</p>"
        )
        return path
