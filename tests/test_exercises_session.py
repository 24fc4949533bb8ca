"""Notebook session helpers: the output folder and the sample quiz database."""

from kip_training.exercises.output import output_dir
from kip_training.exercises.session import sample_quiz_db, training_text
from kip_training.quiz.analytics import training_summary


def test_output_dir_follows_kip_output(tmp_path, monkeypatch):
    monkeypatch.setenv("KIP_OUTPUT", str(tmp_path / "keluaran"))
    assert output_dir() == tmp_path / "keluaran"
    assert (tmp_path / "keluaran").is_dir()


def test_sample_quiz_db_is_written_once_with_thirty_participants(tmp_path, monkeypatch):
    monkeypatch.setenv("KIP_OUTPUT", str(tmp_path))
    path = sample_quiz_db()
    first = training_summary(path)
    assert sample_quiz_db() == path
    second = training_summary(path)
    assert first.participants == second.participants == 30
    assert first.answers == second.answers


def test_training_text_of_an_empty_database(tmp_path):
    text = training_text(tmp_path / "kosong.sqlite")
    assert text == "Peserta: 0; jawaban: 0; nilai rata-rata: 0,0%."
