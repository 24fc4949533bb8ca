"""The deadline exercise widget: pick a date and a kind, press "Hitung", read the due date."""

import datetime as dt

from kip_training.calendar import WorkingCalendar
from kip_training.exercises.deadline import DeadlineExercise, due_date, explain_due, kind_options


def test_explain_due_names_the_date_article_and_skipped_days_off():
    text = explain_due(due_date("2026-03-16", "pemberitahuan"))
    assert "Jatuh tempo: Selasa, 7 April 2026" in text
    assert "Dasar hukum: UU 14/2008 Pasal 22 ayat (7)" in text
    assert "- Kamis, 19 Maret 2026: Hari Suci Nyepi" in text
    assert "Diterima: Senin, 16 Maret 2026 (hari ke-0, tidak dihitung)" in text


def test_explain_due_says_when_no_holiday_was_skipped():
    text = explain_due(due_date("2026-06-22", "pemberitahuan"))
    assert "Jatuh tempo: Senin, 6 Juli 2026" in text
    assert "Tidak ada hari libur selain Sabtu dan Minggu" in text


def test_every_deadline_kind_is_offered_with_its_length():
    options = dict((key, label) for label, key in kind_options())
    assert set(options) == {
        "pemberitahuan",
        "perpanjangan",
        "keberatan",
        "tanggapan_keberatan",
        "sengketa",
        "mulai_sengketa",
        "selesai_sengketa",
    }
    assert options["perpanjangan"].endswith("17 hari kerja")


def test_widget_shows_the_due_date_after_clicking_hitung():
    exercise = DeadlineExercise(show_chart=False)
    assert exercise.result.value == ""
    exercise.date_picker.value = dt.date(2026, 3, 16)
    exercise.kind_dropdown.value = "perpanjangan"
    exercise.compute_button.click()
    assert "Jatuh tempo: Kamis, 16 April 2026" in exercise.result.value
    assert "Pasal 22 ayat (8)" in exercise.result.value
    assert "Hari Suci Nyepi" in exercise.result.value
    assert exercise.due.due == dt.date(2026, 4, 16)


def test_widget_draws_the_calendar_as_a_png():
    exercise = DeadlineExercise("2026-03-16")
    assert bytes(exercise.chart.value).startswith(b"\x89PNG")
    assert exercise.chart.layout.display is None


def test_widget_asks_for_a_date_when_none_is_picked():
    exercise = DeadlineExercise(show_chart=False)
    exercise.compute_button.click()
    assert "Pilih dulu tanggal" in exercise.result.value
    assert exercise.due is None


def test_widget_explains_a_date_outside_the_calendar():
    exercise = DeadlineExercise(show_chart=False)
    exercise.date_picker.value = dt.date(1999, 1, 4)
    exercise.compute_button.click()
    assert "di luar rentang kalender" in exercise.result.value


def test_local_days_off_are_skipped_and_named():
    calendar = WorkingCalendar({dt.date(2026, 6, 23): "Hari Jadi Kota Contoh"})
    exercise = DeadlineExercise("2026-06-22", calendar=calendar, show_chart=False)
    assert "Jatuh tempo: Selasa, 7 Juli 2026" in exercise.result.value
    assert "Hari Jadi Kota Contoh" in exercise.result.value


def test_widgets_carry_stable_css_classes():
    exercise = DeadlineExercise(show_chart=False)
    assert "kip-hitung" in exercise.compute_button._dom_classes
    assert "kip-hasil-tenggat" in exercise.result._dom_classes
    assert "kip-tanggal-diterima" in exercise.date_picker._dom_classes


def test_deadline_quiz_has_only_generated_deadline_questions_in_procedure_order():
    from kip_training.exercises.deadline import deadline_quiz

    quiz = deadline_quiz(seed=3)
    kinds = [item.question.kind for item in quiz]
    assert kinds and all(item.question.type == "tenggat" for item in quiz)
    assert kinds[0] == "pemberitahuan"
    assert kinds.index("sengketa") > kinds.index("tanggapan_keberatan")
    calendar = WorkingCalendar()
    for item in quiz:
        assert calendar.due_date(item.received, item.question.kind).due == item.due
    assert [i.received for i in deadline_quiz(seed=3)] == [i.received for i in quiz]
    assert len(deadline_quiz(seed=3, count=2)) == 2
