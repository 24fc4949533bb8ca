"""Quiz set-up for the quiz notebooks: a trainer's session, or topics and length.

In a training session (the page was opened with the session's join link, or the
server runs for one session: :func:`session_key`), :class:`SessionQuiz` shows the
session's quiz: the same questions for the whole room, its time limits and attempts.
Otherwise :class:`QuizSetup` shows the bank's topics (with how many questions each
holds) and a length slider; "Buat kuis" puts a
:class:`kip_training.quiz.widgets.QuizApp` for that choice below it, and the choice is
locked while the quiz runs. :func:`quiz_for_notebook` picks one of the two.

Every quiz of the kernel shares one :class:`~kip_training.quiz.widgets.Identity`
(:data:`KERNEL_IDENTITY`): name and OPD are entered once, not for every quiz.

Nothing here imports pandas or matplotlib: a participant's kernel stays small.
"""

from __future__ import annotations

import html
import os
import random
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets

from kip_training.errors import KipError
from kip_training.quiz.bank import QuestionBank, default_bank
from kip_training.quiz.engine import build_quiz
from kip_training.quiz.session import Session, open_session
from kip_training.quiz.store import ResultStore
from kip_training.quiz.widgets import Identity, QuizApp

#: The URL parameter of the join link that names the session (``?sesi=KODE``).
SESSION_PARAMETER = "sesi"
#: Set by ``kip app --sesi``: the session of the whole room.
SESSION_ENV = "KIP_SESI"
#: The participant of this kernel (one browser page in Voilà, one person in JupyterLab).
KERNEL_IDENTITY = Identity()


def topic_options(bank: QuestionBank) -> list[tuple[str, str]]:
    """(label with question count, topic key), in the bank's order."""
    counts: dict[str, int] = {}
    for question in bank.questions:
        counts[question.topic] = counts.get(question.topic, 0) + 1
    return [
        (f"{topic.title} ({counts.get(key, 0)} soal)", key) for key, topic in bank.topics.items()
    ]


def session_key(environ: dict[str, str] | None = None) -> str:
    """The session's join code or id for this page, or "".

    Read from the page address (``?sesi=KODE``, which Voilà hands the kernel as
    ``QUERY_STRING``), else from ``KIP_SESI`` (set by ``kip app --sesi``).
    """
    environ = os.environ if environ is None else environ
    query = parse_qs(environ.get("QUERY_STRING", ""))
    values = query.get(SESSION_PARAMETER) or [environ.get(SESSION_ENV, "")]
    return "".join(values[0].split())


class QuizSetup(widgets.VBox):
    """Topics + number of questions + "Buat kuis" -> the quiz widget below.

    Child widgets: ``topic_select`` (several topics; none chosen means all),
    ``count_slider``, ``create_button``, ``message`` and ``area`` (holds ``app``, the
    :class:`~kip_training.quiz.widgets.QuizApp`, after "Buat kuis"). The choice is locked
    from the moment the quiz starts until it ends.
    """

    def __init__(
        self,
        bank: QuestionBank | None = None,
        count: int = 10,
        db_path: Path | str | None = None,
        export_dir: Path | str | None = None,
        quiz_name: str = "Kuis kewajiban keterbukaan",
        identity: Identity | None = None,
    ) -> None:
        self.bank = bank or default_bank()
        self.db_path = db_path
        self.export_dir = export_dir
        self.quiz_name = quiz_name
        self.identity = identity if identity is not None else KERNEL_IDENTITY
        self.app: QuizApp | None = None
        options = topic_options(self.bank)
        self.topic_select = widgets.SelectMultiple(
            options=options,
            value=(),
            rows=min(len(options), 12),
            description="Topik",
            layout=widgets.Layout(width="70%"),
        )
        self.count_slider = widgets.IntSlider(
            value=min(count, len(self.bank.questions)),
            min=1,
            max=min(40, len(self.bank.questions)),
            description="Jumlah soal",
            style={"description_width": "initial"},
        )
        self.create_button = widgets.Button(
            description="Buat kuis",
            button_style="primary",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.message = widgets.HTML(
            "<p>Pilih satu atau beberapa topik (tahan Ctrl atau Shift untuk memilih lebih dari "
            "satu); tanpa pilihan, soal diambil dari semua topik.</p>"
        )
        self.lock_message = widgets.HTML()
        self.lock_message.add_class("kip-pilihan-terkunci")
        self.area = widgets.VBox()
        for widget, css in (
            (self.topic_select, "kip-pilih-topik"),
            (self.count_slider, "kip-jumlah-soal"),
            (self.create_button, "kip-buat-kuis"),
            (self.area, "kip-area-kuis"),
        ):
            widget.add_class(css)
        self.create_button.on_click(lambda _b: self.create())
        super().__init__(
            [
                self.message,
                self.topic_select,
                self.count_slider,
                self.create_button,
                self.lock_message,
                self.area,
            ]
        )
        self.add_class("kip-atur-kuis")

    @property
    def locked(self) -> bool:
        return self.create_button.disabled

    def _lock(self, locked: bool) -> None:
        for widget in (self.topic_select, self.count_slider, self.create_button):
            widget.disabled = locked
        self.lock_message.value = (
            "<p><i>Pilihan topik dan jumlah soal terkunci selama kuis berjalan; setelah "
            "selesai Anda dapat membuat kuis baru.</i></p>"
            if locked
            else ""
        )

    def create(self, seed: int | None = None) -> QuizApp | None:
        """Build the quiz widget for the chosen topics and length (a new draw each time)."""
        if self.locked:
            return None
        topics = list(self.topic_select.value) or None
        titles = ", ".join(self.bank.title(t) for t in topics) if topics else "semua topik"
        quiz = build_quiz(
            self.bank,
            topics=topics,
            count=self.count_slider.value,
            seed=random.randrange(1_000_000) if seed is None else seed,
            name=self.quiz_name,
        )
        self.app = QuizApp(
            quiz,
            bank=self.bank,
            db_path=self.db_path,
            identity=self.identity,
        )
        self.app.on_start(lambda _app: self._lock(True))
        self.app.on_finish(lambda _app: self._lock(False))
        what = (
            "Tekan <b>Mulai</b>."
            if self.identity.known
            else "Isi nama dan OPD Anda, lalu tekan <b>Mulai</b>."
        )
        self.area.children = [
            widgets.HTML(
                f"<p><b>Kuis {self.count_slider.value} soal:</b> {html.escape(titles)}. {what}</p>"
            ),
            self.app,
        ]
        return self.app


class SessionQuiz(widgets.VBox):
    """The quiz of a trainer's session (``app`` is its QuizApp), or why it cannot open."""

    def __init__(
        self,
        key: str,
        bank: QuestionBank | None = None,
        db_path: Path | str | None = None,
        identity: Identity | None = None,
        store: ResultStore | None = None,
        calendar=None,
    ) -> None:
        self.store = store if store is not None else ResultStore(db_path)
        self.session: Session | None = None
        self.app: QuizApp | None = None
        self.message = widgets.HTML()
        self.message.add_class("kip-pesan-sesi")
        try:
            self.session = open_session(self.store, key)
            self.app = QuizApp(
                bank=bank or default_bank(),
                store=self.store,
                session=self.session,
                identity=identity if identity is not None else KERNEL_IDENTITY,
                calendar=calendar,
            )
        except KipError as exc:
            self.message.value = f"<p class='kip-peringatan'>{html.escape(str(exc))}</p>"
        super().__init__([self.message] + ([self.app] if self.app else []))
        self.add_class("kip-sesi")


def quiz_for_notebook(count: int = 10, db_path: Path | str | None = None) -> widgets.VBox:
    """The session's quiz when this page belongs to a session, else :class:`QuizSetup`."""
    key = session_key()
    if key:
        return SessionQuiz(key, db_path=db_path)
    return QuizSetup(count=count, db_path=db_path)


def quiz_app(quiz, **kwargs) -> QuizApp:
    """The quiz widget for a ready quiz, saving answers to the results store.

    The participant is the kernel's (:data:`KERNEL_IDENTITY`): name and OPD are asked
    once for all the quizzes of a notebook.
    """
    kwargs.setdefault("bank", default_bank())
    kwargs.setdefault("identity", KERNEL_IDENTITY)
    return QuizApp(quiz, **kwargs)


def short_quiz(topics: list[str], count: int = 3, seed: int = 0, name: str | None = None, **kwargs):
    """A short quiz after a part of a training module: same questions for everyone (``seed``)."""
    bank = kwargs.pop("bank", None) or default_bank()
    quiz = build_quiz(bank, topics=topics, count=count, seed=seed, name=name)
    return quiz_app(quiz, bank=bank, **kwargs)


def topics_text(bank: QuestionBank | None = None) -> str:
    """The bank's topics with their question counts, one per line, and the total."""
    bank = bank or default_bank()
    lines = [f"- {label}" for label, _key in topic_options(bank)]
    lines.append(f"Jumlah: {len(bank.questions)} soal dalam {len(bank.topics)} topik.")
    return "\n".join(lines)


def overview_text(bank: QuestionBank | None = None, environ: dict[str, str] | None = None) -> str:
    """What notebook 04 shows above the quiz: the bank's topics (:func:`topics_text`), or,
    opened from a trainer's session link, only that the trainer chose the questions."""
    code = session_key(environ)
    if code:
        return f"Sesi pelatihan {code}: soal dipilih pelatih dan sama untuk semua peserta."
    return topics_text(bank)
