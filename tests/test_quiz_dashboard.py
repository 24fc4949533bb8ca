"""The trainer dashboard widget shows what the store holds and refreshes on demand."""

from __future__ import annotations

import datetime as dt

from kip_training.calendar import WorkingCalendar
from kip_training.quiz.dashboard import TrainerDashboard
from kip_training.quiz.sample import fill_sample_results
from kip_training.quiz.store import AnswerRecord, ResultStore


def test_empty_store(tmp_path):
    board = TrainerDashboard(tmp_path / "kosong.sqlite")
    assert "<b>0</b> peserta" in board.summary_html.value
    assert "Belum ada jawaban" in board.participants_table.value


def test_dashboard_shows_sample_session_and_refreshes(tmp_path):
    path = tmp_path / "hasil.sqlite"
    fill_sample_results(path, calendar=WorkingCalendar())
    board = TrainerDashboard(path)
    assert "<b>30</b> peserta" in board.summary_html.value
    assert "Topik terlemah" in board.summary_html.value
    assert board.participants_table.value.count("<tr>") == 31  # header + 30 participants
    assert "Jawaban salah terbanyak" in board.difficulty_table.value
    assert "Keberatan (Pasal 35–36)" in board.topic_table.value
    assert [board.tabs.get_title(i) for i in range(5)] == [
        "Peserta",
        "Sebaran nilai",
        "Tingkat kesulitan soal",
        "Per topik",
        "Per OPD",
    ]
    with ResultStore(path) as store:
        store.record(
            AnswerRecord(
                "Peserta 31",
                "DISKOMINFO",
                "kuis",
                "keb-01",
                "keberatan",
                "<script>alert(1)</script>",
                False,
                0.0,
            )
        )
    assert "<b>30</b> peserta" in board.summary_html.value  # not refreshed yet
    board.refresh_button.click()
    assert "<b>31</b> peserta" in board.summary_html.value
    assert "Peserta 31" in board.participants_table.value
    assert "<script>" not in board.difficulty_table.value


def test_import_uploaded_files(tmp_path):
    laptop = ResultStore(tmp_path / "laptop.sqlite")
    laptop.record(
        AnswerRecord(
            "Peserta 07", "DINKES", "kuis", "keb-01", "keberatan", "Atasan PPID", True, 1.0
        )
    )
    export = tmp_path / "peserta07.json"
    laptop.export_participant(export, "Peserta 07")
    board = TrainerDashboard(tmp_path / "pelatih.sqlite")
    board.import_button.click()
    assert "Pilih dulu" in board.import_status.value
    content = export.read_bytes()
    board.upload.value = (
        {
            "name": "peserta07.json",
            "content": memoryview(content),
            "type": "application/json",
            "size": len(content),
            "last_modified": dt.datetime(2026, 1, 22, tzinfo=dt.UTC),
        },
    )
    board.import_button.click()
    assert "1 ditambahkan" in board.import_status.value
    board.import_button.click()
    assert (
        "0 ditambahkan" in board.import_status.value and "1 sudah ada" in board.import_status.value
    )
    assert "<b>1</b> peserta" in board.summary_html.value
    board.upload.value = (
        {
            "name": "rusak.json",
            "content": memoryview(b"{rusak"),
            "type": "application/json",
            "size": 6,
            "last_modified": dt.datetime(2026, 1, 22, tzinfo=dt.UTC),
        },
    )
    board.import_button.click()
    assert "rusak.json: bukan berkas hasil kuis" in board.import_status.value
