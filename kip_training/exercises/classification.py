"""Classification exercise: sort real OPD information items into the four categories.

The items live in ``data/latihan/klasifikasi.yaml`` (a trainer can add local examples);
:func:`load_items` checks them against :data:`kip_training.law.CATEGORIES` and
:data:`kip_training.law.PASAL_17`. :func:`grade` marks a set of answers (a category and,
for an exempt item, the Pasal 17 letter) and :class:`ClassificationExercise` is the
widget: name and OPD, the items in an order of their own for every participant, one
drop-down per item (and a Pasal 17 letter drop-down once "Dikecualikan" is chosen), a
"Periksa" button, and feedback per answered item with the article. Items left
unanswered are not revealed. Every answered item is saved once in the results store
(quiz :data:`QUIZ_NAME`), so the trainer's dashboard shows the exercise like a quiz.
"""

from __future__ import annotations

import html
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import yaml

from kip_training import law
from kip_training.errors import KipError
from kip_training.exercises.form import CHOOSE, button, style
from kip_training.paths import DATA_DIR
from kip_training.quiz.roster import load_roster
from kip_training.quiz.session import normalise_name
from kip_training.quiz.store import AnswerRecord, ResultStore

ITEMS_PATH = DATA_DIR / "latihan" / "klasifikasi.yaml"
#: The quiz name of the exercise's answers in the results store, and their topic.
QUIZ_NAME = "latihan-klasifikasi"
TOPIC = "kategori_informasi"
#: Mistake kinds stored with a wrong answer.
WRONG_CATEGORY, WRONG_LETTER = "kategori", "huruf_pasal_17"

#: Short labels of the categories, with their article from law.py.
SHORT_NAMES = {
    "berkala": "Berkala",
    "serta_merta": "Serta-merta",
    "setiap_saat": "Tersedia setiap saat",
    "dikecualikan": "Dikecualikan",
}


def category_choice(key: str) -> str:
    """ "Berkala (Pasal 9)" for a category key."""
    article = law.CATEGORIES[key].article.replace(f"{law.UU_KIP} ", "")
    return f"{SHORT_NAMES[key]} ({article})"


@dataclass(frozen=True)
class Item:
    """One piece of information to classify."""

    id: str
    information: str
    category: str
    explanation: str
    letter: str | None = None


def load_items(path: Path | str = ITEMS_PATH) -> list[Item]:
    """Read and check the exercise items; raises :class:`KipError` naming the problem."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KipError(f"Berkas latihan {path} tidak dapat dibaca: {exc}") from None
    items: list[Item] = []
    for number, raw in enumerate(data.get("butir") or [], start=1):
        where = f"Berkas latihan {path}, butir ke-{number}"
        if not isinstance(raw, dict):
            raise KipError(f"{where}: harus berisi id, informasi, kategori dan penjelasan.")
        missing = [k for k in ("id", "informasi", "kategori", "penjelasan") if not raw.get(k)]
        if missing:
            raise KipError(f"{where}: isian {', '.join(missing)} kosong.")
        if raw["kategori"] not in law.CATEGORIES:
            raise KipError(
                f"{where}: kategori '{raw['kategori']}' tidak dikenal "
                f"(pilihan: {', '.join(law.CATEGORIES)})."
            )
        letter = raw.get("huruf")
        if raw["kategori"] == "dikecualikan" and letter not in law.PASAL_17:
            raise KipError(f"{where}: informasi dikecualikan perlu huruf Pasal 17 (a sampai j).")
        items.append(
            Item(
                str(raw["id"]),
                str(raw["informasi"]),
                raw["kategori"],
                str(raw["penjelasan"]).strip(),
                letter,
            )
        )
    if not items:
        raise KipError(f"Berkas latihan {path} tidak berisi butir apa pun.")
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise KipError(f"Berkas latihan {path}: ada id butir yang dipakai dua kali.")
    return items


@dataclass(frozen=True)
class Mark:
    """The verdict on one item: the category chosen, the letter (exempt items) and score."""

    item: Item
    answer: str | None
    correct: bool
    letter: str | None = None

    @property
    def answered(self) -> bool:
        return self.answer is not None

    @property
    def category_right(self) -> bool:
        return self.answer == self.item.category

    @property
    def score(self) -> float:
        """1 when right; 0.5 for the right category with a wrong or missing letter."""
        if self.correct:
            return 1.0
        return 0.5 if self.category_right else 0.0

    @property
    def mistake(self) -> str:
        if self.correct or not self.answered:
            return ""
        return WRONG_LETTER if self.category_right else WRONG_CATEGORY


def grade(
    items: Sequence[Item],
    answers: Mapping[str, str | None],
    letters: Mapping[str, str | None] | None = None,
) -> list[Mark]:
    """Mark answers (item id -> category key, None when unanswered).

    ``letters`` (item id -> Pasal 17 letter) is checked for exempt items when given; an
    exempt item answered "dikecualikan" is right only with its letter then.
    """
    marks = []
    for item in items:
        answer = answers.get(item.id)
        letter = (letters or {}).get(item.id) if answer == "dikecualikan" else None
        correct = answer == item.category
        if correct and letters is not None and item.category == "dikecualikan":
            correct = letter == item.letter
        marks.append(Mark(item, answer, correct, letter))
    return marks


def _expected(item: Item) -> str:
    expected = category_choice(item.category)
    if item.letter:
        expected += f", huruf {item.letter}"
    return expected


def mark_line(mark: Mark) -> str:
    """One line of feedback; an unanswered item does not give its answer away."""
    info = mark.item.information
    if not mark.answered:
        return f"Belum dijawab — {info}."
    if mark.correct:
        return f"Benar — {info}: {_expected(mark.item)}. {mark.item.explanation}"
    if mark.category_right:  # exempt, wrong or no letter
        chosen = f"huruf {mark.letter}" if mark.letter else "tanpa huruf Pasal 17"
        return (
            f"Kategori tepat, huruf belum tepat — {info}: Anda memilih {chosen}; yang tepat "
            f"{_expected(mark.item)} ({law.PASAL_17[mark.item.letter]}). "
            f"{mark.item.explanation}"
        )
    return (
        f"Belum tepat — {info}: Anda memilih {category_choice(mark.answer)}; yang tepat "
        f"{_expected(mark.item)}. {mark.item.explanation}"
    )


def feedback_text(marks: Sequence[Mark]) -> str:
    """The marks as plain Indonesian text: score of the answered items, one line each."""
    answered = [m for m in marks if m.answered]
    right = sum(m.correct for m in answered)
    lines = [f"Benar {right} dari {len(answered)} butir yang dijawab ({len(marks)} butir)."]
    lines += [mark_line(mark) for mark in marks]
    return "\n".join(lines)


def shuffled(items: Sequence[Item], seed: int | str | None) -> list[Item]:
    """The items in the order of ``seed`` (a random order when None)."""
    order = list(items)
    random.Random(seed).shuffle(order)
    return order


def letter_choice(letter: str) -> str:
    """ "huruf h — mengungkap rahasia pribadi" for a Pasal 17 letter."""
    return f"huruf {letter} — {law.PASAL_17[letter]}"


class ClassificationExercise(widgets.VBox):
    """Name and OPD, one drop-down per item, "Periksa", then feedback per answered item.

    Child widgets: ``name_input``, ``opd_dropdown`` (or ``opd_input`` without a roster),
    ``dropdowns`` (item id -> category Dropdown), ``letter_dropdowns`` (exempt choice ->
    Pasal 17 letter, shown once "Dikecualikan" is chosen), ``check_button``, ``result``.
    The items come in the order of ``seed`` (by default a new order for every kernel,
    i.e. for every participant). After a check, ``marks`` holds the verdicts; every
    answered item is saved once in the results store (``store``, else
    ``ResultStore(db_path)``), its first checked answer counting, as in the quizzes.
    """

    def __init__(
        self,
        items: Sequence[Item] | None = None,
        *,
        seed: int | str | None = None,
        store: ResultStore | None = None,
        db_path: Path | str | None = None,
        roster=None,
    ) -> None:
        self.items = shuffled(items if items is not None else load_items(), seed)
        self.marks: list[Mark] = []
        self.recorded: set[str] = set()
        self._store = store
        self._db_path = db_path
        self.roster = list(roster) if roster is not None else list(load_roster())
        self.name_input = widgets.Text(
            description="Nama", placeholder="Nama lengkap", layout={"width": "360px"}
        )
        self.name_input.add_class("kip-nama")
        self.opd_dropdown: widgets.Dropdown | None = None
        self.opd_input: widgets.Text | None = None
        if self.roster:
            self.opd_dropdown = widgets.Dropdown(
                description="OPD",
                options=[(CHOOSE, None), *[(o.label, o.kode) for o in self.roster]],
                index=0,
                layout={"width": "360px"},
            )
            opd_widget: widgets.Widget = self.opd_dropdown
        else:
            self.opd_input = widgets.Text(description="OPD", placeholder="Nama OPD Anda")
            opd_widget = self.opd_input
        opd_widget.add_class("kip-opd")
        options = [(CHOOSE, None)] + [(category_choice(key), key) for key in law.CATEGORIES]
        letters = [(CHOOSE, None)] + [(letter_choice(x), x) for x in law.PASAL_17]
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        self.letter_dropdowns: dict[str, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = []
        for number, item in enumerate(self.items, start=1):
            dropdown = widgets.Dropdown(options=options, index=0, layout={"width": "260px"})
            dropdown.add_class("kip-klasifikasi-pilihan")
            letter = widgets.Dropdown(
                options=letters,
                index=0,
                description="Pasal 17",
                layout={"width": "420px", "display": "none"},
                style={"description_width": "60px"},
            )
            letter.add_class("kip-klasifikasi-huruf")
            dropdown.observe(
                lambda change, box=letter: setattr(
                    box.layout, "display", None if change["new"] == "dikecualikan" else "none"
                ),
                names="value",
            )
            self.dropdowns[item.id] = dropdown
            self.letter_dropdowns[item.id] = letter
            label = widgets.HTML(f"{number}. {html.escape(item.information)}")
            label.layout.width = "55%"
            row = widgets.HBox([label, widgets.VBox([dropdown, letter])])
            row.add_class("kip-klasifikasi-butir")
            rows.append(row)
        self.check_button = button("Periksa", button_style="primary")
        self.check_button.add_class("kip-periksa-klasifikasi")
        self.result = widgets.HTML()
        self.result.add_class("kip-hasil-klasifikasi")
        self.check_button.on_click(lambda _b: self.check())
        super().__init__(
            [style(), self.name_input, opd_widget, *rows, self.check_button, self.result]
        )
        self.add_class("kip-latihan-klasifikasi")
        self.add_class("kip-form")

    @property
    def store(self) -> ResultStore:
        if self._store is None:
            self._store = ResultStore(self._db_path)
        return self._store

    def _participant(self) -> tuple[str, str]:
        name = normalise_name(self.name_input.value)
        if self.opd_dropdown is not None:
            opd = self.opd_dropdown.value or ""
        else:
            opd = " ".join((self.opd_input.value or "").split())
        return name, opd

    def _warn(self, message: str) -> list[Mark]:
        self.result.value = f'<p style="color:#b00020"><b>{html.escape(message)}</b></p>'
        return []

    def check(self) -> list[Mark]:
        """Mark the chosen categories, show the feedback and save new answers.

        Nothing is marked (and no answer shown) while no item has a category, or while
        the name or the OPD is empty.
        """
        answers = {item_id: dd.value for item_id, dd in self.dropdowns.items()}
        if not any(answers.values()):
            self.marks = []
            return self._warn("Pilih dulu kategori paling sedikit satu butir, lalu Periksa.")
        name, opd = self._participant()
        missing = [label for label, value in (("nama", name), ("OPD", opd)) if not value]
        if missing:
            self.marks = []
            return self._warn(
                f"Isi {' dan '.join(missing)} dulu, agar hasil Anda masuk ke dasbor pelatih."
            )
        letters = {item_id: dd.value for item_id, dd in self.letter_dropdowns.items()}
        self.marks = grade(self.items, answers, letters)
        self._record(name, opd)
        lines = feedback_text(self.marks).splitlines()
        colours = {True: "#1b5e20", False: "#b00020", None: "#555"}
        body = "".join(
            f'<li style="color:{colours[mark.correct if mark.answered else None]}">'
            f"{html.escape(line)}</li>"
            for mark, line in zip(self.marks, lines[1:], strict=True)
        )
        self.result.value = (
            f'<div style="line-height:1.5"><p><b>{html.escape(lines[0])}</b></p>'
            f"<ul>{body}</ul></div>"
        )
        return self.marks

    def _record(self, name: str, opd: str) -> None:
        new = [m for m in self.marks if m.answered and m.item.id not in self.recorded]
        records = [
            AnswerRecord(
                participant=name,
                opd=opd,
                quiz=QUIZ_NAME,
                question_id=mark.item.id,
                topic=TOPIC,
                answer=mark.answer + (f"/{mark.letter}" if mark.letter else ""),
                correct=mark.correct,
                score=mark.score,
                mistake=mark.mistake,
            )
            for mark in new
        ]
        if records:
            self.store.record_many(records)
            self.recorded.update(m.item.id for m in new)
