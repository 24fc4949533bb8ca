"""The trainer's live dashboard: it refreshes itself, shows each question and who is working."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import threading
import time

import pytest
from openpyxl import load_workbook

from kip_training.exercises.trainer import fill_sample_session
from kip_training.quiz.dashboard import TrainerDashboard
from kip_training.quiz.store import AnswerRecord, ResultStore, SessionRow

SPEC = {
    "kuis": "",
    "topik": [],
    "jumlah": 2,
    "benih": 1,
    "soal": ["bp-01", "bp-02"],
    "batas_waktu_soal": None,
    "batas_waktu_kuis": None,
    "nilai_lulus": 0.5,
    "percobaan": 1,
    "dihitung": "terbaik",
}
RIGHT = "LSM itu termasuk Badan Publik karena sebagian dananya bersumber dari APBD"


def answer(name, qid, text, correct, opd="DINKES", **kw):
    return AnswerRecord(
        name, opd, "Sesi uji", qid, "badan_publik", text, correct, float(correct),
        session="s1", **kw,
    )  # fmt: skip


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "hasil.sqlite"
    with ResultStore(path) as store:
        store.save_session(SessionRow("s1", "UJI123", "Sesi uji", SPEC))
    return path


def wait_for(board, condition, timeout=30.0):
    """Poll until ``condition()`` holds after a whole refresh (the timer's own thread)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with board._lock:  # no refresh half done
            if condition():
                return True
        time.sleep(0.05)
    return False


def row_of(board, name):
    """The participants table's row of ``name`` (HTML)."""
    return board.participants_table.value.split(name)[1].split("</tr>")[0]


def counts(board, number):
    panel = board.question_box.children[number - 1]
    stats = board.results.questions[number - 1]
    return panel, {o.letter or o.text: o.count for o in stats.options}


def test_new_answers_appear_without_a_click(db, bank, calendar):
    board = TrainerDashboard(db, interval=0.1, bank=bank, calendar=calendar)
    try:
        assert board.running and board.session_select.value == "s1"
        assert "<b>0</b> peserta" in board.summary_html.value
        with ResultStore(db) as store:
            store.start_attempt("s1", "Siti Rahmawati", "DINKES")
            store.record(answer("Siti Rahmawati", "bp-01", RIGHT, True))
        assert wait_for(board, lambda: "<b>1</b> peserta" in board.summary_html.value)
        assert "sedang mengerjakan" in board.participants_table.value
        panel, spread = counts(board, 1)
        assert spread["A"] == 1 and sum(spread.values()) == 1
        assert bytes(panel.chart.value).startswith(b"\x89PNG")
        assert "Siti Rahmawati" in board.projector.leaderboard.value
        with ResultStore(db) as store:
            store.record(
                answer(
                    "Budi Santoso",
                    "bp-01",
                    "LSM itu hanya wajib melayani permintaan dari DPRD",
                    False,
                    "DISDIK",
                )
            )
            store.record(answer("Siti Rahmawati", "bp-02", "Salah", True))
            store.finish_attempt("s1", "Siti Rahmawati", "DINKES", 1)
        assert wait_for(board, lambda: "<b>2</b> peserta" in board.summary_html.value)
        assert wait_for(board, lambda: "sedang mengerjakan" not in row_of(board, "Siti"))
        _, spread = counts(board, 1)
        assert (spread["A"], spread["D"]) == (1, 1)
        assert "✓ lulus" in board.participants_table.value
        rows = re.findall(r"<td>(\d+)</td><td>([^<]+?) ?<", board.projector.leaderboard.value)
        assert rows == [("1", "Siti Rahmawati"), ("2", "Budi Santoso")]
        assert "mengerjakan" in board.projector.leaderboard.value  # Budi: one question left
    finally:
        board.close()
    assert not board.running


def test_nothing_is_redrawn_when_nothing_changed(db, bank, calendar):
    with ResultStore(db) as store:
        store.record(answer("Siti Rahmawati", "bp-01", RIGHT, True))
    board = TrainerDashboard(db, interval=None, bank=bank, calendar=calendar)
    panel = board.question_box.children[0]
    before = (board.refreshes, panel.draws)
    assert board.tick() is False and board.tick() is False
    assert (board.refreshes, panel.draws) == before
    with ResultStore(db) as store:
        store.record(answer("Budi Santoso", "bp-02", "Benar", False))
    assert board.tick() is True
    assert board.refreshes == before[0] + 1
    assert panel.draws == before[1]  # question 1 did not change: its chart is kept
    assert board.question_box.children[1].draws == 2
    board.close()


def test_an_answer_written_while_the_figures_are_computed_shows_at_the_next_look(
    db, bank, calendar
):
    board = TrainerDashboard(db, interval=None, bank=bank, calendar=calendar)
    compute = board._update

    def update_while_a_participant_answers():
        compute()  # the figures are read ...
        with ResultStore(db) as store:  # ... and an answer arrives before the refresh ends
            store.record(answer("Budi Santoso", "bp-02", "Benar", False))

    board._update = update_while_a_participant_answers
    with ResultStore(db) as store:
        store.record(answer("Siti Rahmawati", "bp-01", RIGHT, True))
    assert board.tick() is True
    assert "<b>1</b> jawaban" in board.summary_html.value
    board._update = compute
    assert board.tick() is True  # the answer written meanwhile is not lost
    assert "<b>2</b> jawaban" in board.summary_html.value
    assert board.tick() is False
    board.close()


def test_closing_stops_the_timer_thread(db, bank, calendar):
    threads = threading.active_count()
    boards = [TrainerDashboard(db, interval=0.05, bank=bank, calendar=calendar) for _ in range(3)]
    assert all(b.running for b in boards)
    for board in boards:
        board.close()
    assert not any(b.running for b in boards)
    assert threading.active_count() == threads
    assert all(b.comm is None for b in boards)


def test_projector_follows_the_latest_question_and_offers_nicknames(db, bank, calendar):
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)).isoformat()
    with ResultStore(db) as store:
        store.record(answer("Siti Rahmawati", "bp-01", RIGHT, True))
        store.record(answer("Siti Rahmawati", "bp-02", "Salah", True, answered_at=later))
    board = TrainerDashboard(db, interval=None, bank=bank, calendar=calendar)
    projector = board.projector
    assert "Soal 2." in projector.text.value
    assert bank["bp-02"].prompt[:40] in projector.text.value
    projector.question_select.value = "bp-01"
    assert "Soal 1." in projector.text.value and "✓" in projector.text.value
    projector.nickname_select.value = "nomor"
    assert "Peserta 1" in projector.leaderboard.value
    assert "Siti" not in projector.leaderboard.value
    projector.nickname_select.value = "inisial"
    assert "S.R. (DINKES)" in projector.leaderboard.value
    board.close()


def test_filters_times_in_wib_and_deadline_mistakes(tmp_path, bank, calendar):
    db = tmp_path / "contoh.sqlite"
    fill_sample_session(db, bank=bank, calendar=calendar)
    with ResultStore(db) as store:
        store.record(answer("Peserta Lain", "bp-01", "x", False))  # another session's
        store.record(
            AnswerRecord("Tanpa Sesi", "DINKES", "kuis-bebas", "bp-01", "badan_publik", "x",
                         False, 0.0)
        )  # fmt: skip
    board = TrainerDashboard(db, interval=None, bank=bank, calendar=calendar)
    board.session_select.value = "sesi-contoh"
    assert "CONTOH" in board.summary_html.value and "<b>12</b> peserta" in board.summary_html.value
    assert "22/01/2026 09." in board.participants_table.value  # 02.xx UTC shown in WIB
    assert [label for label, _ in board.date_select.options] == ["Semua tanggal", "22/01/2026"]
    deadline = [
        (panel, stats)
        for panel, stats in zip(board.question_box.children, board.results.questions, strict=True)
        if stats.deadline and stats.mistakes
    ]
    assert deadline, "the sample has wrong deadline answers"
    panel, stats = deadline[0]
    assert panel.mistakes.layout.display is None and bytes(panel.mistakes.value)
    assert "{diterima}" not in panel.text.value
    board.session_select.value = "__tanpa_sesi__"
    assert "Tanpa Sesi" in board.participants_table.value
    assert "Peserta 01" not in board.participants_table.value
    board.date_select.value = board.date_select.options[1][1]
    board.session_select.value = "sesi-contoh"
    assert board.date_select.value == "__semua__"  # that day has no answers here
    board.close()


def test_downloads_are_browser_links_to_the_workbook_and_certificates(tmp_path, bank, calendar):
    db = tmp_path / "contoh.sqlite"
    fill_sample_session(db, participants=5, bank=bank, calendar=calendar)
    board = TrainerDashboard(db, interval=None, bank=bank, calendar=calendar)
    board.results_button.click()
    link = board.results_link.value
    assert 'download="hasil_sesi_CONTOH.xlsx"' in link
    data = base64.b64decode(re.search(r"base64,([^\"]+)", link).group(1))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Peserta", "Per soal", "Jawaban"]
    assert book["Peserta"].max_row == 6  # header + five participants
    board.certificate_button.click()
    names = re.findall(r'download="([^"]+\.pdf)"', board.certificate_links.value)
    assert len(names) == len(board.results.passed) > 0
    assert 'download="sertifikat_CONTOH.zip"' in board.certificate_links.value
    board.close()


def test_import_uploaded_files(tmp_path, bank, calendar):
    laptop = ResultStore(tmp_path / "laptop.sqlite")
    laptop.record(
        AnswerRecord("Peserta 07", "DINKES", "kuis", "keb-01", "keberatan", "Atasan PPID", True, 1)
    )
    export = tmp_path / "peserta07.json"
    laptop.export_participant(export, "Peserta 07")
    board = TrainerDashboard(tmp_path / "pelatih.sqlite", interval=None, bank=bank)
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
    assert "1 sudah ada" in board.import_status.value
    assert "<b>1</b> peserta" in board.summary_html.value
    assert [board.tabs.get_title(i) for i in range(len(board.tab_titles))] == list(board.tab_titles)
    board.close()
