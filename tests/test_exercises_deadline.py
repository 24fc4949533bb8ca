"""The deadline exercise widget: pick a date and a kind, press "Hitung", read the due date."""

import datetime as dt
import random

from kip_training.calendar import WorkingCalendar
from kip_training.exercises.deadline import DeadlineExercise, due_date, explain_due, kind_options
from kip_training.textfmt import format_date

KERJA = WorkingCalendar()
LIBUR = WorkingCalendar(cuti_bersama="libur")


def test_explain_due_names_the_date_article_and_skipped_days_off():
    text = explain_due(due_date("2026-03-16", "pemberitahuan", KERJA))
    assert "Jatuh tempo: Selasa, 31 Maret 2026" in text
    assert "Dasar hukum: UU 14/2008 Pasal 22 ayat (7)" in text
    assert "- Kamis, 19 Maret 2026: Hari Suci Nyepi" in text
    assert "Diterima: Senin, 16 Maret 2026 (hari ke-0, tidak dihitung)" in text


def test_explain_due_states_the_conventions_and_both_dates():
    text = explain_due(due_date("2026-03-16", "pemberitahuan", LIBUR))
    assert "Jatuh tempo: Selasa, 7 April 2026" in text
    assert "- Konvensi toolkit ini, bukan bunyi undang-undang" in text
    assert "Bacaan yang dipakai: cuti bersama dilewati seperti hari libur." in text
    assert "hari kerja (bawaan): Selasa, 31 Maret 2026." in text
    assert "cuti kolektif ASN" in text


def test_explain_due_says_when_no_holiday_was_skipped():
    text = explain_due(due_date("2026-06-22", "pemberitahuan", KERJA))
    assert "Jatuh tempo: Senin, 6 Juli 2026" in text
    assert "Tidak ada hari libur selain Sabtu dan Minggu" in text
    assert "hari ke-0" in text and "dilewati:" not in text


def test_explain_due_on_a_cuti_bersama_receipt_says_how_offices_differ():
    text = explain_due(due_date("18/03/2026", "pemberitahuan", KERJA))
    assert "Jatuh tempo: Kamis, 2 April 2026" in text
    assert "bukan hari kerja biasa (Cuti Bersama Hari Suci Nyepi)" in text
    assert "Praktik kantor berbeda" in text


def test_explain_due_of_a_dispute_without_an_answer():
    text = explain_due(due_date("2026-06-22", "sengketa_tanpa_tanggapan", KERJA))
    assert "Batas waktu: 30 + 14 hari kerja sejak diterimanya keberatan secara tertulis" in text
    assert "Jatuh tempo: Senin, 24 Agustus 2026" in text
    assert "praktik, kemungkinan Perki 1/2013" in text


def test_due_date_without_a_calendar_follows_the_active_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KIP_CONFIG", raising=False)
    assert due_date("2026-03-16").due == dt.date(2026, 3, 31)
    (tmp_path / "kip.toml").write_text('[kalender]\ncuti_bersama = "libur"\n', encoding="utf-8")
    assert due_date("2026-03-16").due == dt.date(2026, 4, 7)


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
        "sengketa_tanpa_tanggapan",
    }
    assert options["perpanjangan"].endswith("17 hari kerja")
    assert options["sengketa_tanpa_tanggapan"].endswith("30 + 14 hari kerja")


def test_widget_shows_the_due_date_after_clicking_hitung():
    exercise = DeadlineExercise(calendar=KERJA, show_chart=False)
    assert exercise.result.value == ""
    exercise.date_field.text.value = "16/03/2026"  # typed as people write dates
    exercise.kind_dropdown.value = "perpanjangan"
    exercise.compute_button.click()
    assert "Jatuh tempo: Jumat, 10 April 2026" in exercise.result.value
    assert "Pasal 22 ayat (8)" in exercise.result.value
    assert "Hari Suci Nyepi" in exercise.result.value
    assert "cuti bersama dilewati: Kamis, 16 April 2026" in exercise.result.value
    assert "bukan bunyi undang-undang" in exercise.result.value
    assert exercise.due.due == dt.date(2026, 4, 10)


def test_widget_draws_the_calendar_as_a_png():
    exercise = DeadlineExercise("2026-03-16")
    assert bytes(exercise.chart.value).startswith(b"\x89PNG")
    assert exercise.chart.layout.display is None


def test_widget_asks_for_a_date_when_none_is_typed():
    exercise = DeadlineExercise(show_chart=False)
    exercise.compute_button.click()
    assert "Tulis dulu tanggal" in exercise.result.value
    assert exercise.due is None


def test_the_date_field_reads_day_before_month_and_shows_the_date_read():
    exercise = DeadlineExercise(calendar=KERJA, show_chart=False)
    exercise.date_field.text.value = "04/12/2026"
    assert exercise.date_field.value == dt.date(2026, 12, 4)  # 4 December, not April 12
    assert exercise.date_field.echo.value == "Jumat, 4 Desember 2026"
    exercise.date_field.text.value = "16 Maret 2026"
    assert exercise.date_field.value == dt.date(2026, 3, 16)


def test_a_date_given_to_the_widget_is_shown_as_dd_mm_yyyy():
    exercise = DeadlineExercise("2026-05-11", calendar=KERJA, show_chart=False)
    assert exercise.date_field.text.value == "11/05/2026"
    assert exercise.date_field.text.placeholder.startswith("hh/bb/tttt")


def test_text_that_is_not_a_date_is_named_and_not_computed():
    exercise = DeadlineExercise(calendar=KERJA, show_chart=False)
    exercise.date_field.text.value = "31/02/2026"
    exercise.compute_button.click()
    assert exercise.due is None
    assert "“31/02/2026” bukan tanggal" in exercise.result.value
    assert "bukan tanggal" in exercise.date_field.echo.value


def test_widget_explains_a_date_outside_the_calendar():
    exercise = DeadlineExercise(show_chart=False)
    exercise.date_field.value = dt.date(1999, 1, 4)
    exercise.compute_button.click()
    assert "di luar rentang kalender" in exercise.result.value


def test_local_days_off_are_skipped_and_named():
    calendar = WorkingCalendar({dt.date(2026, 6, 23): "Hari Jadi Kota Contoh"})  # kerja
    exercise = DeadlineExercise("2026-06-22", calendar=calendar, show_chart=False)
    assert "Jatuh tempo: Selasa, 7 Juli 2026" in exercise.result.value
    assert "Hari Jadi Kota Contoh" in exercise.result.value


def test_widgets_carry_stable_css_classes():
    exercise = DeadlineExercise(show_chart=False)
    assert "kip-hitung" in exercise.compute_button._dom_classes
    assert "kip-hasil-tenggat" in exercise.result._dom_classes
    assert "kip-tanggal-diterima" in exercise.date_field.text._dom_classes


def test_deadline_quiz_has_only_generated_deadline_questions_in_procedure_order():
    from kip_training.exercises.deadline import deadline_quiz

    quiz = deadline_quiz(seed=3, calendar=KERJA)
    kinds = [item.question.kind for item in quiz]
    assert kinds and all(item.question.type == "tenggat" for item in quiz)
    assert kinds[0] == "pemberitahuan"
    assert kinds.index("sengketa") > kinds.index("tanggapan_keberatan")
    for item in quiz:
        assert KERJA.due_date(item.received, item.question.kind).due == item.due
    assert [i.received for i in deadline_quiz(seed=3, calendar=KERJA)] == [i.received for i in quiz]
    assert len(deadline_quiz(seed=3, count=2, calendar=KERJA)) == 2


def test_generated_deadline_questions_never_use_a_day_off_as_receipt_date():
    from kip_training.exercises.deadline import deadline_quiz

    for seed in range(40):
        for item in deadline_quiz(seed=seed, calendar=KERJA):
            assert KERJA.day_off_name(item.received) is None, (seed, item.received)


def test_generated_explanations_state_the_conventions_and_both_dates():
    from kip_training.exercises.deadline import deadline_quiz

    items = [item for seed in range(10) for item in deadline_quiz(seed=seed, calendar=KERJA)]
    for item in items:
        explanation = item.question.explanation
        assert "bukan bunyi undang-undang" in explanation
        result = KERJA.due_date(item.received, item.question.kind)
        if result.readings_differ:
            assert "(bawaan)" in explanation and "cuti bersama dilewati:" in explanation
            assert "cuti kolektif ASN" in explanation
            # the other reading's date is a convention, not a wrong answer
            assert all(opt != format_date(result.due_libur) for opt in item.options)
    assert any(KERJA.due_date(i.received, i.question.kind).readings_differ for i in items)


def test_a_question_about_a_day_off_receipt_says_how_offices_differ():
    from kip_training.quiz.bank import default_bank
    from kip_training.quiz.engine import instantiate_tenggat

    template = next(q for q in default_bank().questions if q.kind == "pemberitahuan")
    item = instantiate_tenggat(template, random.Random(0), KERJA, received=dt.date(2026, 3, 14))
    assert "bukan hari kerja biasa (Sabtu)" in item.question.explanation
    assert "Praktik kantor berbeda" in item.question.explanation
