"""Classification exercise: sort real OPD information items into the four categories.

The items live in ``data/latihan/klasifikasi.yaml`` (a trainer can add local examples);
:func:`load_items` checks them against :data:`kip_training.law.CATEGORIES` and
:data:`kip_training.law.PASAL_17`. :func:`grade` marks a set of answers and
:class:`ClassificationExercise` is the widget: one drop-down per item, a "Periksa"
button, and per-item feedback with the article.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import yaml

from kip_training import law
from kip_training.errors import KipError
from kip_training.paths import DATA_DIR

ITEMS_PATH = DATA_DIR / "latihan" / "klasifikasi.yaml"

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
    """The verdict on one item."""

    item: Item
    answer: str | None
    correct: bool


def grade(items: Sequence[Item], answers: Mapping[str, str | None]) -> list[Mark]:
    """Mark answers (item id -> category key, None when unanswered)."""
    return [
        Mark(item, answers.get(item.id), answers.get(item.id) == item.category) for item in items
    ]


def feedback_text(marks: Sequence[Mark]) -> str:
    """The marks as plain Indonesian text: score, then one line per item."""
    right = sum(m.correct for m in marks)
    lines = [f"Benar {right} dari {len(marks)}."]
    for mark in marks:
        expected = category_choice(mark.item.category)
        if mark.item.letter:
            expected += f", huruf {mark.item.letter}"
        if mark.correct:
            verdict = f"Benar — {mark.item.information}: {expected}."
        elif mark.answer is None:
            verdict = f"Belum dijawab — {mark.item.information}: {expected}."
        else:
            verdict = (
                f"Belum tepat — {mark.item.information}: Anda memilih "
                f"{category_choice(mark.answer)}; yang tepat {expected}."
            )
        lines.append(f"{verdict} {mark.item.explanation}")
    return "\n".join(lines)


class ClassificationExercise(widgets.VBox):
    """One drop-down per item, "Periksa", then the score and an explanation per item.

    Child widgets: ``dropdowns`` (item id -> Dropdown), ``check_button``, ``result``.
    After a check, ``marks`` holds the verdicts.
    """

    def __init__(self, items: Sequence[Item] | None = None) -> None:
        self.items = list(items) if items is not None else load_items()
        self.marks: list[Mark] = []
        options = [("(pilih kategori)", None)] + [
            (category_choice(key), key) for key in law.CATEGORIES
        ]
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        rows: list[widgets.Widget] = []
        for number, item in enumerate(self.items, start=1):
            dropdown = widgets.Dropdown(options=options, value=None, layout={"width": "260px"})
            dropdown.add_class("kip-klasifikasi-pilihan")
            self.dropdowns[item.id] = dropdown
            label = widgets.HTML(f"{number}. {html.escape(item.information)}")
            label.layout.width = "60%"
            rows.append(widgets.HBox([label, dropdown]))
        self.check_button = widgets.Button(description="Periksa", button_style="primary")
        self.check_button.add_class("kip-periksa-klasifikasi")
        self.result = widgets.HTML()
        self.result.add_class("kip-hasil-klasifikasi")
        self.check_button.on_click(lambda _b: self.check())
        super().__init__([*rows, self.check_button, self.result])
        self.add_class("kip-latihan-klasifikasi")

    def check(self) -> list[Mark]:
        """Mark the chosen categories and show the feedback."""
        answers = {item_id: dd.value for item_id, dd in self.dropdowns.items()}
        self.marks = grade(self.items, answers)
        lines = feedback_text(self.marks).splitlines()
        body = "".join(
            f'<li style="color:{"#1b5e20" if mark.correct else "#b00020"}">{html.escape(line)}</li>'
            for mark, line in zip(self.marks, lines[1:], strict=True)
        )
        self.result.value = (
            f'<div style="line-height:1.5"><p><b>{html.escape(lines[0])}</b></p>'
            f"<ul>{body}</ul></div>"
        )
        return self.marks
