"""Quiz set-up for the full quiz notebook: choose topics and length, then take the quiz.

:class:`QuizSetup` shows the bank's topics (with how many questions each holds) and a
length slider; "Buat kuis" puts a :class:`kip_training.quiz.widgets.QuizApp` for that
choice below it. The quiz itself (name and OPD, "Periksa", score by topic at the end)
is the quiz package's widget.
"""

from __future__ import annotations

import html
import random
from pathlib import Path

import ipywidgets as widgets

from kip_training.exercises.output import output_dir
from kip_training.quiz.bank import QuestionBank, default_bank
from kip_training.quiz.engine import build_quiz


def topic_options(bank: QuestionBank) -> list[tuple[str, str]]:
    """(label with question count, topic key), in the bank's order."""
    counts: dict[str, int] = {}
    for question in bank.questions:
        counts[question.topic] = counts.get(question.topic, 0) + 1
    return [
        (f"{topic.title} ({counts.get(key, 0)} soal)", key) for key, topic in bank.topics.items()
    ]


class QuizSetup(widgets.VBox):
    """Topics + number of questions + "Buat kuis" -> the quiz widget below.

    Child widgets: ``topic_select`` (several topics; none chosen means all),
    ``count_slider``, ``create_button``, ``message`` and ``area`` (holds ``app``, the
    :class:`~kip_training.quiz.widgets.QuizApp`, after "Buat kuis").
    """

    def __init__(
        self,
        bank: QuestionBank | None = None,
        count: int = 10,
        db_path: Path | str | None = None,
        export_dir: Path | str | None = None,
        quiz_name: str = "Kuis kewajiban keterbukaan",
    ) -> None:
        self.bank = bank or default_bank()
        self.db_path = db_path
        self.export_dir = export_dir
        self.quiz_name = quiz_name
        self.app = None
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
        self.create_button = widgets.Button(description="Buat kuis", button_style="primary")
        self.message = widgets.HTML(
            "<p>Pilih satu atau beberapa topik (tahan Ctrl atau Shift untuk memilih lebih dari "
            "satu); tanpa pilihan, soal diambil dari semua topik.</p>"
        )
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
            [self.message, self.topic_select, self.count_slider, self.create_button, self.area]
        )
        self.add_class("kip-atur-kuis")

    def create(self, seed: int | None = None):
        """Build the quiz widget for the chosen topics and length (a new draw each time)."""
        # Lazy: QuizApp's roster reader pulls pandas; the notebook's first cells stay light.
        from kip_training.quiz.widgets import QuizApp

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
            export_dir=self.export_dir,
        )
        self.area.children = [
            widgets.HTML(
                f"<p><b>Kuis {self.count_slider.value} soal:</b> {html.escape(titles)}. "
                "Isi nama dan OPD Anda, lalu tekan <b>Mulai</b>.</p>"
            ),
            self.app,
        ]
        return self.app


def quiz_app(quiz, **kwargs):
    """The quiz widget for a ready quiz, saving answers to the results store.

    Offline result files go to :func:`kip_training.exercises.output.output_dir`
    unless ``export_dir`` is given.
    """
    # Lazy: QuizApp's roster reader pulls pandas; importing this module stays light.
    from kip_training.quiz.widgets import QuizApp

    kwargs.setdefault("bank", default_bank())
    kwargs.setdefault("export_dir", output_dir())
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
