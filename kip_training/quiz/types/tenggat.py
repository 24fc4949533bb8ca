"""``tenggat``: a template for generated deadline questions.

Fields: ``kind`` (a key of :data:`kip_training.law.DEADLINES`), ``dari`` and ``sampai``
(the range of receipt dates), optional ``format`` (``tanggal``: the participant types
the date; ``pilihan``: four dates to choose from). ``explanation`` and ``reference`` may
be left out (the reference defaults to the deadline's article). The prompt holds
``{diterima}``, replaced by the receipt date drawn for each quiz
(:func:`kip_training.quiz.engine.instantiate_tenggat`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from kip_training import law
from kip_training.calendar import FIRST_YEAR, LAST_YEAR
from kip_training.quiz.bank import Question
from kip_training.quiz.engine import (
    _calendar,
    deadline_distractors,
    instantiate_tenggat,
    parse_answer_date,
)
from kip_training.quiz.types import register
from kip_training.quiz.types.base import (
    AnswerFormatError,
    Checker,
    QuestionType,
    QuizItem,
    gift_escape,
    item_rng,
)
from kip_training.quiz.types.pilihan import radio_input
from kip_training.textfmt import format_date, parse_date

TENGGAT_FORMATS = ("tanggal", "pilihan")

#: Kinds of mistake behind a wrong due date (``AnswerRecord.mistake``).
MISTAKE_CALENDAR_DAYS = "hari_kalender"
MISTAKE_HOLIDAYS = "libur_tidak_dilewati"
MISTAKE_DAY_ZERO = "hari_nol_dihitung"
MISTAKE_READING = "bacaan_cuti_bersama"
MISTAKE_OTHER = "lainnya"
MISTAKE_TIMEOUT = "waktu_habis"
#: Indonesian labels of the mistake codes, for the trainer's dashboard and exports.
MISTAKE_LABELS: dict[str, str] = {
    MISTAKE_CALENDAR_DAYS: "Menghitung hari kalender, bukan hari kerja",
    MISTAKE_HOLIDAYS: "Hari libur atau cuti bersama tidak dilewati",
    MISTAKE_DAY_ZERO: "Hari diterima ikut dihitung (kurang satu hari)",
    MISTAKE_READING: "Cuti bersama dibaca sebagai hari libur (konvensi lain)",
    MISTAKE_OTHER: "Kesalahan lain",
    MISTAKE_TIMEOUT: "Waktu habis sebelum dijawab",
}


def weekdays_only(received: dt.date, n: int) -> dt.date:
    """The n-th weekday after ``received``: Saturdays and Sundays skipped, holidays not."""
    day, counted = received, 0
    while counted < n:
        day += dt.timedelta(days=1)
        counted += day.weekday() < 5
    return day


def classify_deadline_mistake(
    received: dt.date, kind: str, answer: dt.date, calendar: Any = None
) -> str:
    """The kind of mistake behind a wrong due date (a key of :data:`MISTAKE_LABELS`).

    Compared with the date each typical mistake gives, in this order: weekdays counted
    but holidays (or, under the reading that skips them, cuti bersama) not skipped; the
    day of receipt counted as day 1 (one working day early); calendar days counted (also
    when the date so reached is then moved to the next working day). With exactly one
    holiday in the window the first two give the same date: it is read as the holiday
    mistake, which the generated questions are built to test. "" for the right date.
    """
    cal = _calendar(calendar)
    result = cal.due_date(received, kind)
    if answer == result.due:
        return ""
    n = law.DEADLINES[kind].total_working_days
    other = result.due_libur if result.due == result.due_kerja else result.due_kerja
    if answer == other:  # the two readings of cuti bersama give different dates
        return MISTAKE_READING if answer == result.due_libur else MISTAKE_HOLIDAYS
    if answer == weekdays_only(received, n):
        return MISTAKE_HOLIDAYS
    if n > 1 and answer == cal.add_working_days(received, n - 1):
        return MISTAKE_DAY_ZERO
    calendar_day = received + dt.timedelta(days=n)
    rolled = calendar_day
    while cal.day_off_name(rolled) is not None:
        rolled += dt.timedelta(days=1)
    if answer in (calendar_day, rolled):
        return MISTAKE_CALENDAR_DAYS
    return MISTAKE_OTHER


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            return None
    return None


@register
class Tenggat(QuestionType):
    name = "tenggat"
    label = "hitung tenggat"
    order = 60
    fields = frozenset({"kind", "dari", "sampai", "format"})
    optional_texts = frozenset({"explanation", "reference"})
    generated = True

    def validate(self, c: Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
        ok = True
        kind = raw.get("kind")
        if kind not in law.DEADLINES:
            c.add(qid, "kind", f"'{kind}' tidak dikenal. Pilihan: {', '.join(law.DEADLINES)}.")
            return False
        q["kind"] = kind
        if "{diterima}" not in q["prompt"]:
            c.add(qid, "prompt", "soal tenggat wajib memuat {diterima} (tanggal diterima).")
            ok = False
        q["reference"] = q["reference"] or law.DEADLINES[kind].basis
        start, end = _date(raw.get("dari")), _date(raw.get("sampai"))
        for name, value in (("dari", start), ("sampai", end)):
            if value is None:
                c.add(qid, name, f"harus berupa tanggal (ditemukan: {raw.get(name)!r}).")
                ok = False
            elif not FIRST_YEAR <= value.year <= LAST_YEAR - 1:
                c.add(qid, name, f"di luar rentang kalender ({FIRST_YEAR}–{LAST_YEAR - 1}).")
                ok = False
        if ok and start > end:
            c.add(qid, "sampai", "tanggal akhir sebelum tanggal awal.")
            ok = False
        q["date_range"] = (start, end) if ok else None
        fmt = raw.get("format", "tanggal")
        if fmt not in TENGGAT_FORMATS:
            c.add(qid, "format", f"'{fmt}' tidak dikenal. Pilihan: {', '.join(TENGGAT_FORMATS)}.")
            ok = False
        q["answer_format"] = fmt
        return ok

    def make_item(self, question: Question, seed: int, calendar: Any, shuffle: bool) -> QuizItem:
        return instantiate_tenggat(question, item_rng(seed, question.id, "tanggal"), calendar)

    def parse(self, item: QuizItem, response: Any) -> str | dt.date:
        """An option's text when there are options, else (or when typed) a date."""
        if item.options:
            if response is not None and str(response) in item.options:
                return str(response)
            if response is None or str(response).strip() == "":
                raise AnswerFormatError("Pilih salah satu jawaban.")
        return parse_answer_date(response)

    def score(self, item: QuizItem, value: str | dt.date) -> float:
        due = item.question.answer
        return 1.0 if value == (format_date(due) if isinstance(value, str) else due) else 0.0

    def given_text(self, item: QuizItem, response: Any, value: str | dt.date) -> str:
        return value if isinstance(value, str) else format_date(value)

    def mistake(self, item: QuizItem, value: str | dt.date, calendar: Any = None) -> str:
        """The kind of counting mistake behind a wrong date (see :data:`MISTAKE_LABELS`)."""
        if item.received is None:
            return ""
        if isinstance(value, str):
            try:
                value = parse_date(value)
            except ValueError:
                return MISTAKE_OTHER
        return classify_deadline_mistake(item.received, item.question.kind, value, calendar)

    def expected_text(self, item: QuizItem) -> str:
        return format_date(item.question.answer)

    def correct_response(self, item: QuizItem) -> str:
        due = item.question.answer
        return format_date(due) if item.options else due.isoformat()

    def wrong_response(self, item: QuizItem, rng: random.Random) -> str:
        due = item.question.answer
        if item.options:
            return rng.choice([o for o in item.options if o != format_date(due)])
        return (due + dt.timedelta(days=rng.choice([1, 2, 3]))).isoformat()

    def build_input(self, item: QuizItem, ui: ModuleType) -> tuple[Any, list[Any]]:
        if item.options:
            return radio_input(item, ui)
        text = ui.Text(placeholder="Tanggal, misalnya 2026-04-07 atau 7 April 2026")
        return text, [text]

    def missing_answer(self, item: QuizItem, response: Any) -> str | None:
        if item.options or str(response).strip():
            return None
        return "Tulis jawaban Anda dulu."

    def export_item(self, question: Question, seed: int, calendar: Any) -> QuizItem:
        """A concrete question drawn with ``seed``, always with four dates to choose from."""
        item = self.make_item(question, seed, calendar, shuffle=True)
        if item.options:
            return item
        cal = _calendar(calendar)
        result = cal.due_date(item.received, question.kind)
        wrong = deadline_distractors(cal, item.received, question.kind, result)
        choices = tuple(format_date(d) for d in sorted([item.due, *wrong]))
        return dataclasses.replace(item, options=choices)

    def gift_body(self, item: QuizItem) -> str:
        right = format_date(item.due)
        return " ".join(("=" if c == right else "~") + gift_escape(c) for c in item.options)

    def csv_answer(self, question: Question) -> str:
        return format_date(question.answer)

    def json_extra(self, item: QuizItem) -> dict[str, Any]:
        return {"diterima": item.received.isoformat(), "jatuh_tempo": item.due.isoformat()}
