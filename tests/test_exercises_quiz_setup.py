"""The full-quiz set-up: choose topics and length, get a quiz of that shape."""

from kip_training.exercises.quiz_setup import QuizSetup, topic_options
from kip_training.quiz.bank import default_bank


def test_topics_are_offered_with_their_question_counts():
    bank = default_bank()
    options = dict((key, label) for label, key in topic_options(bank))
    assert "sanksi" in options and "kategori_informasi" in options
    count = sum(q.topic == "sanksi" for q in bank.questions)
    assert options["sanksi"] == f"{bank.title('sanksi')} ({count} soal)"


def test_create_builds_a_quiz_of_the_chosen_topics_and_length(tmp_path):
    setup = QuizSetup(db_path=tmp_path / "kuis.sqlite", export_dir=tmp_path)
    assert setup.app is None
    setup.topic_select.value = ("sanksi", "keberatan")
    setup.count_slider.value = 4
    setup.create_button.click()
    app = setup.app
    assert app in setup.area.children
    app.name_input.value = "Peserta Uji"
    if app.opd_dropdown is not None:
        app.opd_dropdown.value = app.opd_dropdown.options[-1][1]
    else:
        app.opd_input.value = "Dinas Kesehatan"
    assert app.start()
    assert len(app.quiz) == 4
    assert set(app.quiz.topics) <= {"sanksi", "keberatan"}
    assert "Kuis 4 soal:" in setup.area.children[0].value


def test_no_topic_chosen_means_all_topics(tmp_path):
    setup = QuizSetup(count=40, db_path=tmp_path / "kuis.sqlite", export_dir=tmp_path)
    setup.create_button.click()
    assert "semua topik" in setup.area.children[0].value
    assert "kip-buat-kuis" in setup.create_button._dom_classes


def test_short_quiz_gives_everyone_the_same_questions(tmp_path, monkeypatch):
    from kip_training.exercises.quiz_setup import short_quiz

    monkeypatch.setenv("KIP_OUTPUT", str(tmp_path))
    first = short_quiz(["kategori_informasi"], 3, seed=102, db_path=tmp_path / "a.sqlite")
    second = short_quiz(["kategori_informasi"], 3, seed=102, db_path=tmp_path / "b.sqlite")
    for app in (first, second):
        app.name_input.value = "Peserta"
        app.opd_dropdown.value = app.opd_dropdown.options[1][1]
        assert app.start()
    assert [i.id for i in first.quiz] == [i.id for i in second.quiz]
    assert len(first.quiz) == 3 and first.quiz.topics == ["kategori_informasi"]
    assert first.export_dir == tmp_path
