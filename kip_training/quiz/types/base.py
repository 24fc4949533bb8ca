"""What every question type provides, and the pieces the types share.

A question type is one :class:`QuestionType` subclass. It owns everything that differs
from one type to another:

- the bank: which YAML fields it takes and how they are checked (:meth:`validate`);
- the engine: how a question becomes a quiz item, how an answer is read, scored and
  shown, and the full-marks answer (:meth:`make_item`, :meth:`parse`, :meth:`score`,
  :meth:`given_text`, :meth:`expected_text`, :meth:`correct_response`);
- the notebook: its input widgets, how to read and fill them (:meth:`build_input`,
  :meth:`read_input`, :meth:`fill_input`, :meth:`missing_answer`);
- the exports: its GIFT answer block, CSV answer and JSON extras (:meth:`gift_body`,
  :meth:`csv_answer`, :meth:`json_extra`).

Nothing here imports the engine, the bank or ipywidgets: the widget methods receive the
``ipywidgets`` module from :mod:`kip_training.quiz.widgets`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from kip_training.errors import KipError

if TYPE_CHECKING:
    from kip_training.quiz.bank import Question

GIFT_SPECIAL = "~=#{}:"
#: The empty entry of a dropdown.
CHOOSE = "— pilih —"


class AnswerFormatError(KipError, ValueError):
    """An answer that cannot be read (not a number, not a date...): ask again."""


class Checker(Protocol):
    """Where a type reports what is wrong with a YAML entry (see ``quiz.bank``)."""

    def add(self, qid: str | None, fld: str | None, message: str) -> None: ...


@dataclass(frozen=True)
class QuizItem:
    """One question as shown in a quiz: options and pairs in their shuffled order."""

    question: Question
    options: tuple[str, ...] = ()
    lefts: tuple[str, ...] = ()
    match_options: tuple[str, ...] = ()
    received: dt.date | None = None
    due: dt.date | None = None

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def type(self) -> str:
        return self.question.type


def item_rng(seed: int, question_id: str, purpose: str) -> random.Random:
    """The random source of one question in one quiz (the same seed, the same draw)."""
    return random.Random(f"{seed}:{question_id}:{purpose}")


# --------------------------------------------------------------------------- YAML fields


def text_field(value: Any) -> str | None:
    """A non-empty text, on one line unless it was written on several."""
    if isinstance(value, str) and value.strip():
        return " ".join(value.split()) if "\n" not in value.strip() else value.strip()
    return None


def check_options(c: Checker, qid: str, raw: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The ``options`` list: at least two distinct non-empty texts."""
    options = raw.get("options")
    if not isinstance(options, list) or len(options) < 2:
        c.add(qid, "options", "harus berupa daftar paling sedikit 2 pilihan.")
        return None
    texts = []
    for i, option in enumerate(options, start=1):
        if isinstance(option, bool) or not isinstance(option, str | int | float):
            c.add(qid, "options", f"pilihan ke-{i} harus berupa teks.")
            return None
        text = str(option).strip()
        if not text:
            c.add(qid, "options", f"pilihan ke-{i} kosong.")
            return None
        texts.append(text)
    duplicates = sorted({t for t in texts if texts.count(t) > 1})
    if duplicates:
        c.add(qid, "options", f"pilihan ganda kembar: {', '.join(duplicates)}.")
        return None
    return tuple(texts)


# --------------------------------------------------------------------------- GIFT


def gift_escape(text: str) -> str:
    """Escape text for GIFT: backslash first, then ``~ = # { } :``; newlines to spaces."""
    text = " ".join(str(text).split())
    text = text.replace("\\", "\\\\")
    for char in GIFT_SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def plain_number(value: float) -> str:
    """A number as GIFT and CSV write it: 10, 2.5."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --------------------------------------------------------------------------- the protocol


class QuestionType:
    """One question type. Subclasses set the class attributes and the methods below."""

    #: The ``type`` written in the YAML files.
    name: ClassVar[str]
    #: Its Indonesian name, for summaries.
    label: ClassVar[str]
    #: Place in listings (smaller first).
    order: ClassVar[int] = 100
    #: YAML fields of this type besides the common ones (id, prompt, ...).
    fields: ClassVar[frozenset[str]] = frozenset()
    #: Common text fields this type may leave out.
    optional_texts: ClassVar[frozenset[str]] = frozenset()
    #: True when the question is a template whose answer is generated per quiz.
    generated: ClassVar[bool] = False

    # ---------------------------------------------------------------- bank
    def validate(self, c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
        """Check the type's fields of ``raw``, store them in ``q``; False when invalid."""
        raise NotImplementedError

    # ---------------------------------------------------------------- engine
    def make_item(self, question: Question, seed: int, calendar: Any, shuffle: bool) -> QuizItem:
        """The question as shown in a quiz: options, items and matches shuffled with ``seed``."""
        rng = item_rng(seed, question.id, "opsi")
        options = list(question.options)
        lefts = [left for left, _ in question.pairs]
        matches = list(question.match_options)
        if shuffle:
            rng.shuffle(options)
            rng.shuffle(lefts)
            rng.shuffle(matches)
        return QuizItem(question, tuple(options), tuple(lefts), tuple(matches))

    def parse(self, item: QuizItem, response: Any) -> Any:
        """The answer value of a response; raises :class:`AnswerFormatError`."""
        raise NotImplementedError

    def score(self, item: QuizItem, value: Any) -> float:
        """The score (0–1) of a parsed answer."""
        raise NotImplementedError

    def given_text(self, item: QuizItem, response: Any, value: Any) -> str:
        """The participant's answer as shown back to them."""
        return str(response)

    def expected_text(self, item: QuizItem) -> str:
        """The right answer as shown to the participant."""
        raise NotImplementedError

    def mistake(self, item: QuizItem, value: Any, calendar: Any = None) -> str:
        """The code of the kind of mistake behind a wrong answer ("" when not known)."""
        return ""

    def feedback_note(self, question: Question) -> str | None:
        """A sentence added to the explanation (how partial credit works), or None."""
        return None

    def correct_response(self, item: QuizItem) -> Any:
        """A response that scores full marks (for tests, demos and sample data)."""
        raise NotImplementedError

    def wrong_response(self, item: QuizItem, rng: random.Random) -> Any:
        """A plausible wrong response (for sample data)."""
        raise NotImplementedError

    # ---------------------------------------------------------------- widgets
    def build_input(self, item: QuizItem, ui: ModuleType) -> tuple[Any, list[Any]]:
        """The answer widget and its input widgets, made with ``ui`` (ipywidgets)."""
        text = ui.Text(placeholder="Tulis jawaban Anda")
        return text, [text]

    def read_input(self, item: QuizItem, inputs: Sequence[Any]) -> Any:
        """The response in the input widgets, in the form :meth:`parse` reads."""
        return inputs[0].value

    def fill_input(self, item: QuizItem, inputs: Sequence[Any], response: Any) -> None:
        """Set the input widgets to ``response``, as a participant would (demos, tests)."""
        inputs[0].value = str(response)

    def missing_answer(self, item: QuizItem, response: Any) -> str | None:
        """What to ask for when the answer is not complete yet, or None."""
        return None

    # ---------------------------------------------------------------- exports
    def export_item(self, question: Question, seed: int, calendar: Any) -> QuizItem:
        """The question as exported: options in file order (a template made concrete)."""
        lefts = tuple(left for left, _ in question.pairs)
        return QuizItem(question, question.options, lefts, question.match_options)

    def gift_body(self, item: QuizItem) -> str:
        """The GIFT answer block, without braces and feedback."""
        raise NotImplementedError

    def csv_answer(self, question: Question) -> str:
        """The ``jawaban`` cell of the CSV export."""
        raise NotImplementedError

    def csv_tolerance(self, question: Question) -> str:
        """The ``toleransi`` cell of the CSV export."""
        return ""

    def json_extra(self, item: QuizItem) -> dict[str, Any]:
        """Fields added to the question in the JSON export."""
        return {}
