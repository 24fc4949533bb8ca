"""The quiz widget, driven through its widget objects as a participant would."""

from __future__ import annotations

import json

from kip_training.quiz.engine import build_quiz, response_for_correct, response_for_wrong
from kip_training.quiz.roster import Opd
from kip_training.quiz.store import ResultStore
from kip_training.quiz.widgets import MODE_ALL, QuestionView, QuizApp

ROSTER = [Opd("DINKES", "Dinas Kesehatan", "Dinkes"), Opd("DISDIK", "Dinas Pendidikan", "Disdik")]


def answer_through_widgets(view: QuestionView, response) -> None:
    """Set the input widgets the way a participant would click and type."""
    view.item.question.qtype.fill_input(view.item, view.inputs, response)


def make_app(tmp_path, bank, calendar, **kwargs):
    quiz = kwargs.pop("quiz", None) or build_quiz(
        bank,
        topics=["prosedur_tenggat", "sanksi"],
        count=6,
        seed=2,
        calendar=calendar,
        name="kuis-uji",
    )
    store = ResultStore(tmp_path / "hasil.sqlite")
    app = QuizApp(quiz, bank=bank, store=store, roster=ROSTER, export_dir=tmp_path, **kwargs)
    return app, store


def test_login_requires_name_and_opd(tmp_path, bank, calendar):
    app, _ = make_app(tmp_path, bank, calendar)
    assert [label for label, _ in app.opd_dropdown.options] == [
        "— pilih —",
        "Dinkes – Dinas Kesehatan",
        "Disdik – Dinas Pendidikan",
    ]
    app.start_button.click()
    assert "Isi nama dan OPD dulu" in app.login_message.value
    app.name_input.value = "Peserta 01"
    app.start_button.click()
    assert "Isi OPD dulu" in app.login_message.value
    assert app.quiz_box.layout.display == "none"
    app.opd_dropdown.value = "DINKES"
    app.start_button.click()
    assert app.login_box.layout.display == "none" and app.quiz_box.layout.display is None
    assert (
        "Peserta 01" in app.participant_label.value
        and "Dinas Kesehatan" in app.participant_label.value
    )


def test_free_text_opd_when_there_is_no_roster(tmp_path, bank, calendar):
    quiz = build_quiz(bank, count=2, seed=1, calendar=calendar)
    app = QuizApp(quiz, bank=bank, store=ResultStore(tmp_path / "b.sqlite"), roster=[])
    assert app.opd_dropdown is None and app.opd_input is not None
    app.name_input.value = "Peserta 02"
    app.opd_input.value = "Kecamatan Taktakan"
    app.start_button.click()
    assert app.opd == "Kecamatan Taktakan"


def test_one_at_a_time_flow_saves_every_answer(tmp_path, bank, calendar):
    app, store = make_app(tmp_path, bank, calendar)
    app.name_input.value = "Peserta 03"
    app.opd_dropdown.value = "DISDIK"
    app.start_button.click()
    assert (app.progress.value, app.progress.max) == (0, 6)
    assert "kip-periksa" in app.check_button._dom_classes
    for index in range(6):
        view = app.view
        assert app.question_area.children == (view.box,)
        assert app.next_button.disabled
        right = index % 2 == 0
        response = response_for_correct(view.item) if right else response_for_wrong(view.item)
        answer_through_widgets(view, response)
        app.check_button.click()
        shown = app.feedback.value
        q = view.item.question
        assert q.reference in shown and q.explanation[:40] in shown
        if right:
            assert "<b>Benar</b>" in shown and "kip-benar" in app.feedback._dom_classes
        else:
            assert ("<b>Salah</b>" in shown and "kip-salah" in app.feedback._dom_classes) or (
                "<b>Sebagian benar</b>" in shown
            )
            assert "Jawaban yang benar" in shown
        assert app.progress.value == index + 1
        assert store.count() == index + 1  # saved as it is given
        assert view.check_button.disabled and all(w.disabled for w in view.inputs)
        if index == 5:
            assert app.next_button.description == "Lihat hasil"
        app.next_button.click()
    assert app.result_box.layout.display is None
    assert "Nilai akhir" in app.final_html.value and "dari 6" in app.final_html.value
    assert "Ketentuan Pidana (Pasal 51–53)" in app.score_table.value
    assert "Prosedur Permohonan dan Tenggat Waktu" in app.score_table.value
    rows = store.answers(participant="Peserta 03")
    assert [r.question_id for r in rows] == [item.id for item in app.quiz]
    assert {r.opd for r in rows} == {"DISDIK"} and {r.quiz for r in rows} == {"kuis-uji"}
    assert [r.correct for r in rows][::2] == [True, True, True]


def test_unreadable_answer_is_not_saved(tmp_path, bank, calendar):
    quiz = build_quiz(bank, topics=["sanksi"], count=8, seed=0, calendar=calendar)
    quiz.items = [i for i in quiz.items if i.type == "angka"][:1]
    app, store = make_app(tmp_path, bank, calendar, quiz=quiz)
    app.name_input.value = "Peserta 04"
    app.opd_dropdown.value = "DINKES"
    app.start_button.click()
    app.view.inputs[0].value = "sepuluh"
    app.check_button.click()
    assert "bukan angka" in app.feedback.value
    assert "kip-peringatan" in app.feedback._dom_classes
    assert store.count() == 0 and app.next_button.disabled
    app.view.inputs[0].value = (
        response_for_correct(app.view.item).__format__(",.0f").replace(",", ".")
    )
    app.check_button.click()
    assert "<b>Benar</b>" in app.feedback.value and store.count() == 1


def test_all_at_once_mode_and_export(tmp_path, bank, calendar):
    app, store = make_app(tmp_path, bank, calendar, mode=MODE_ALL)
    app.name_input.value = "Peserta 05"
    app.opd_dropdown.value = "DINKES"
    app.start_button.click()
    assert len(app.question_area.children) == 6
    assert app.next_button.layout.display == "none"
    for view in app.views[:4]:
        answer_through_widgets(view, response_for_correct(view.item))
        view.check_button.click()
        assert "<b>Benar</b>" in view.feedback.value
    app.finish_button.click()
    assert "Nilai akhir: 4,0 dari 6 (67%)" in app.final_html.value
    assert "2 soal belum dijawab" in app.final_html.value
    app.export_button.click()
    files = list(tmp_path.glob("hasil_kuis_*.json"))
    assert [f.name for f in files] == ["hasil_kuis_Peserta_05_DINKES.json"]
    assert len(json.loads(files[0].read_text("utf-8"))["jawaban"]) == 4
    assert "4 jawaban disimpan" in app.export_message.value


def test_tenggat_question_in_the_widget(tmp_path, bank, calendar):
    quiz = build_quiz(bank, topics=["prosedur_tenggat"], seed=5, calendar=calendar)
    quiz.items = [i for i in quiz.items if i.type == "tenggat" and not i.options][:1]
    app, store = make_app(tmp_path, bank, calendar, quiz=quiz)
    app.name_input.value = "Peserta 06"
    app.opd_dropdown.value = "DINKES"
    app.start_button.click()
    item = app.view.item
    app.view.inputs[0].value = item.due.strftime("%d/%m/%Y")
    app.check_button.click()
    assert "<b>Benar</b>" in app.feedback.value
    assert "hari ke-0" in app.feedback.value
    assert store.answers()[0].question_id == "pro-t1"


def test_quiz_built_from_the_default_bank_per_participant(tmp_path, calendar):
    def run(name: str) -> list[str]:
        app = QuizApp(
            topics=["keberatan", "sengketa"],
            count=4,
            store=ResultStore(tmp_path / "c.sqlite"),
            roster=ROSTER,
            calendar=calendar,
        )
        app.name_input.value = name
        app.opd_dropdown.value = "DINKES"
        app.start_button.click()
        assert "Soal 1 dari 4" in app.view.prompt.value
        assert {i.question.topic for i in app.quiz} <= {"keberatan", "sengketa"}
        return [i.id for i in app.quiz]

    assert run("Peserta 10") == run("Peserta 10")  # same participant, same quiz
    assert run("Peserta 10") != run("Peserta 11")
