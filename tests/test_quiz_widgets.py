"""The quiz widget, driven through its widget objects as a participant would."""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re

from kip_training import law
from kip_training.quiz.engine import build_quiz, response_for_correct, response_for_wrong
from kip_training.quiz.results import participant_result
from kip_training.quiz.roster import Opd
from kip_training.quiz.session import create_session
from kip_training.quiz.store import ResultStore
from kip_training.quiz.widgets import MODE_ALL, QuestionView, QuizApp, participant_roster

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


def test_all_at_once_mode_asks_before_finishing_and_offers_a_download(tmp_path, bank, calendar):
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
    app.finish_button.click()  # two questions unanswered: asked first
    assert app.confirm_box.layout.display is None
    assert "Masih ada 2 soal yang belum dijawab" in app.confirm_text.value
    assert "nomor 5, 6" in app.confirm_text.value
    assert app.result_box.layout.display == "none" and app.final_html.value == ""
    app.confirm_no.click()  # back to the questions
    assert app.confirm_box.layout.display == "none" and not app.finished
    app.finish_button.click()
    app.confirm_yes.click()
    assert "Nilai akhir: 4,0 dari 6 (67%)" in app.final_html.value
    assert "2 soal belum dijawab" in app.final_html.value
    # The results file is a download in the browser, not a file on the server.
    assert not list(tmp_path.glob("*.json"))
    link = app.download_link.value
    match = re.search(r'download="([^"]+)" href="data:application/json;base64,([^"]+)"', link)
    assert match and match.group(1) == "hasil_kuis_Peserta_05_DINKES.json"
    payload = json.loads(base64.b64decode(match.group(2)))
    assert payload["format"] == "kip-training/hasil-kuis" and len(payload["jawaban"]) == 4
    other = ResultStore(tmp_path / "pelatih.sqlite")
    (tmp_path / "unduhan.json").write_bytes(base64.b64decode(match.group(2)))
    assert other.import_files([tmp_path / "unduhan.json"]).added == 4
    # The review lists every question, answered or not, with its article.
    review = app.review_html.value
    for view in app.views:
        assert html.escape(view.item.question.prompt) in review
        assert html.escape(view.item.question.reference) in review
    assert review.count("Tidak dijawab") == 2


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


class Clock:
    """A clock the test moves by hand (the widget's timer reads it)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def session_app(tmp_path, bank, calendar, name="siti  rahmawati ", **settings):
    store = ResultStore(tmp_path / "kelas.sqlite")
    session = create_session(store, "Sesi Uji", bank, seed=7, calendar=calendar, **settings)
    clock = Clock()
    app = QuizApp(
        bank=bank, store=store, session=session, roster=ROSTER, calendar=calendar, clock=clock
    )
    app.name_input.value = name
    app.opd_dropdown.value = "DINKES"
    return app, store, session, clock


def test_a_session_quiz_records_session_attempt_seconds_and_mistake(tmp_path, bank, calendar):
    ids = [q.id for q in bank.questions if q.type == "pilihan"][:2]
    tenggat = next(
        q.id for q in bank.questions if q.type == "tenggat" and q.answer_format == "tanggal"
    )
    app, store, session, clock = session_app(
        tmp_path, bank, calendar, quiz_spec=",".join([*ids, tenggat])
    )
    assert "3 soal, sama untuk semua peserta" in app.rules_html.value
    app.start_button.click()
    assert app.participant == "Siti Rahmawati" and app.attempt == 1
    assert [v.item.id for v in app.views] == list(session.question_ids)
    assert app.timer_label.value == ""  # no time limit in this session
    clock.now += 12.5
    answer_through_widgets(app.view, response_for_correct(app.view.item))
    app.check_button.click()
    app.next_button.click()
    clock.now += 4
    answer_through_widgets(app.view, response_for_wrong(app.view.item))
    app.check_button.click()
    app.next_button.click()
    item = app.view.item
    n = law.DEADLINES[item.question.kind].total_working_days
    answer = (item.received + dt.timedelta(days=n)).isoformat()  # calendar days counted
    answer_through_widgets(app.view, answer)
    app.check_button.click()
    app.next_button.click()
    rows = store.answers(session=session.session_id)
    assert [r.question_id for r in rows] == list(session.question_ids)
    assert {(r.participant, r.opd, r.attempt, r.quiz) for r in rows} == {
        ("Siti Rahmawati", "DINKES", 1, "Sesi Uji")
    }
    assert [r.seconds for r in rows[:2]] == [12.5, 4.0]
    assert (rows[2].correct, rows[2].mistake) == (False, "hari_kalender")
    assert rows[0].mistake == ""
    assert "Belum lulus" in app.final_html.value  # 1 of 3 < 70 %
    attempts = store.attempts(session=session.session_id)
    assert len(attempts) == 1 and attempts[0].finished_at is not None
    assert app.retry_button.layout.display == "none"  # one attempt only


def test_an_unanswered_question_times_out_as_wrong(tmp_path, bank, calendar):
    app, store, session, clock = session_app(tmp_path, bank, calendar, count=3, question_seconds=20)
    assert app.mode_toggle.layout.display == "none"  # a time per question: one at a time
    app.start_button.click()
    assert "Sisa waktu soal ini: 0:20" in app.timer_label.value
    clock.now += 15
    assert app.tick() is True
    assert "0:05" in app.timer_label.value and "kip-hampir" in app.timer_label._dom_classes
    assert store.count() == 0
    clock.now += 5
    app.tick()
    first = store.answers()[0]
    assert (first.answer, first.correct, first.mistake) == ("", False, "waktu_habis")
    assert first.seconds == 20.0 and first.question_id == session.question_ids[0]
    assert "Waktu untuk soal ini habis" in app.feedback.value
    assert all(w.disabled for w in app.view.inputs) and not app.next_button.disabled
    app.tick()  # nothing more is saved for the same question
    assert store.count() == 1
    app.next_button.click()
    assert "Sisa waktu soal ini: 0:20" in app.timer_label.value
    answer_through_widgets(app.view, response_for_correct(app.view.item))
    clock.now += 3
    app.check_button.click()
    assert store.answers()[1].correct and store.answers()[1].seconds == 3.0


def test_the_quiz_time_limit_closes_every_open_question(tmp_path, bank, calendar):
    app, store, session, clock = session_app(tmp_path, bank, calendar, count=4, quiz_seconds=60)
    app.mode_toggle.value = MODE_ALL
    app.start_button.click()
    assert "Sisa waktu kuis: 1:00" in app.timer_label.value
    view = app.views[1]
    answer_through_widgets(view, response_for_correct(view.item))
    view.check_button.click()
    clock.now += 61
    assert app.tick() is False
    assert app.finished and app.result_box.layout.display is None
    rows = store.answers(session=session.session_id)
    assert len(rows) == 4
    assert sorted(r.mistake for r in rows if not r.correct) == ["waktu_habis"] * 3
    assert "3 soal habis waktunya" in app.final_html.value


def test_retry_starts_a_new_attempt_until_none_is_left(tmp_path, bank, calendar):
    app, store, session, clock = session_app(
        tmp_path, bank, calendar, count=2, max_attempts=2, counted="terbaik"
    )
    app.start_button.click()
    app.finish_button.click()
    app.confirm_yes.click()
    assert app.retry_button.layout.display is None
    assert "masih punya 1 kesempatan" in app.retry_message.value
    app.retry_button.click()
    assert app.attempt == 2 and not app.finished
    assert "percobaan ke-2 dari 2" in app.participant_label.value
    for view in app.views:
        answer_through_widgets(view, response_for_correct(view.item))
        view.check_button.click()
        app.next_button.click()
    assert "Lulus" in app.final_html.value
    assert app.retry_button.layout.display == "none"
    assert "Semua 2 kesempatan sudah dipakai" in app.retry_message.value
    rows = store.answers(session=session.session_id)
    assert {r.attempt for r in rows} == {2}
    attempts = store.attempts(session=session.session_id)
    assert [a.attempt for a in attempts] == [1, 2]
    assert all(a.finished_at for a in attempts)
    result = participant_result(store, session, "Siti Rahmawati", "DINKES")
    assert result.attempt == 2 and result.passed

    # A reload (a new page, the same name typed differently): no attempt is left.
    again = QuizApp(bank=bank, store=store, session=session, roster=ROSTER, calendar=calendar)
    again.name_input.value = "SITI RAHMAWATI"
    again.opd_dropdown.value = "DINKES"
    again.start_button.click()
    assert again.quiz is None and "sudah habis" in again.login_message.value


def test_the_same_participant_sees_the_same_option_order_after_a_reload(tmp_path, bank, calendar):
    ids = [q.id for q in bank.questions if q.type == "pilihan"][:5]
    app, store, session, _ = session_app(
        tmp_path, bank, calendar, quiz_spec=",".join(ids), max_attempts=3
    )
    app.start_button.click()
    first = [v.item.options for v in app.views]
    again = QuizApp(bank=bank, store=store, session=session, roster=ROSTER, calendar=calendar)
    again.name_input.value = "Siti Rahmawati"
    again.opd_dropdown.value = "DINKES"
    again.start_button.click()
    assert [v.item.options for v in again.views] == first
    assert [tuple(v.inputs[0].options) for v in again.views] == first


def test_the_opd_list_is_read_without_pandas(tmp_path):
    path = tmp_path / "opd.csv"
    path.write_text(
        "\ufeffKode , Nama,singkatan,kelompok\ndinkes,Dinas Kesehatan,Dinkes,dinas\n"
        ",Tanpa kode,,\nDINKES,Ganda,,\nKEC-A,Kecamatan A,,kecamatan\n",
        encoding="utf-8",
    )
    roster = participant_roster(path)
    assert [(o.kode, o.label) for o in roster] == [
        ("DINKES", "Dinkes – Dinas Kesehatan"),
        ("KEC-A", "Kecamatan A"),
    ]
    assert participant_roster(tmp_path / "tidak_ada.csv") == []


def test_buttons_are_as_wide_as_their_labels(tmp_path, bank, calendar):
    app, _ = make_app(tmp_path, bank, calendar)
    for button in (app.start_button, app.finish_button, app.retry_button, app.confirm_yes):
        assert button.layout.width == "auto"
    assert "white-space: normal" in app.style_html.value
