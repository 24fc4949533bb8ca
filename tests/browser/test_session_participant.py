"""A training session in Voilà, from the participants' side, in real browsers.

The trainer creates a session (three single-choice questions, 8 seconds per question,
two attempts); Voilà serves notebook 04 and two browser contexts open the join address
(``?sesi=KODE``). Siti answers everything (after backing out of an early "Selesai"), and
downloads her results file; Budi lets the second question run out of time, then uses
"Ulangi kuis" for a second attempt. The results store must hold exactly those answers,
with the session id, attempt numbers, seconds and the ``waktu_habis`` mistake.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from session_helpers import answer_and_check, join

from kip_training.quiz.bank import default_bank
from kip_training.quiz.session import create_session, participant_quiz
from kip_training.quiz.store import ResultStore

NOTEBOOK = "04_kuis_kewajiban_keterbukaan.ipynb"
QUESTION_SECONDS = 8

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]


def test_participants_join_a_session_answer_time_out_and_retry(
    start_server, new_context, screenshots
) -> None:
    from playwright.sync_api import expect

    from kip_training.quiz.widgets import participant_roster, result_filename

    server = start_server("voila", NOTEBOOK)
    bank = default_bank()
    ids = [q.id for q in bank.questions if q.type == "pilihan"]
    long_first = max(ids, key=lambda q: max(len(o) for o in bank[q].options))
    spec = ",".join([long_first, *[q for q in ids if q != long_first][:2]])
    with ResultStore(server.db_path) as store:
        session = create_session(
            store,
            "Pelatihan PPID Pembantu 2026-1",
            bank,
            quiz_spec=spec,
            question_seconds=QUESTION_SECONDS,
            max_attempts=2,
            pass_mark=0.7,
        )
    url = server.url(f"/?sesi={session.code}")
    opd = participant_roster()[0]
    total = len(session)

    # --- Siti: two questions, an early "Selesai" (asked first), then everything.
    siti = new_context().new_page()
    join(siti, url, "siti  rahmawati ", opd.label, screenshots, "siti-nama-dan-opd")
    expect(siti.locator(".kip-waktu")).to_contain_text("Sisa waktu soal ini")
    siti_quiz = participant_quiz(session, bank, "Siti Rahmawati")
    shown = siti.locator(".kip-soal .widget-radio-box label").all_inner_texts()
    assert [" ".join(t.split()) for t in shown] == list(siti_quiz.items[0].options)
    screenshots.take(siti, "siti-soal-1-pilihan-panjang", focus=siti.locator(".kip-soal"))
    answer_and_check(siti, siti_quiz.items[0].question.answer, 1, total)
    siti.locator(".kip-selesai").click()
    expect(siti.locator(".kip-konfirmasi")).to_contain_text("Masih ada 2 soal yang belum dijawab")
    screenshots.take(siti, "siti-konfirmasi-selesai", focus=siti.locator(".kip-konfirmasi"))
    siti.locator(".kip-konfirmasi-tidak").click()
    expect(siti.locator(".kip-konfirmasi")).to_be_hidden()
    for number, item in enumerate(siti_quiz.items[1:], start=2):
        siti.locator(".kip-berikutnya").click()
        answer_and_check(siti, item.question.answer, number, total)
    siti.locator(".kip-berikutnya").click()  # "Lihat hasil"
    final = siti.locator(".kip-nilai-akhir")
    expect(final).to_contain_text("Nilai akhir: 3,0 dari 3 (100%)")
    expect(final).to_contain_text("Lulus")
    review = siti.locator(".kip-ulasan")
    for item in siti_quiz.items:
        expect(review).to_contain_text(item.question.reference)
    screenshots.take(siti, "siti-hasil-dan-pembahasan", focus=final)
    with siti.expect_download() as download_info:
        siti.locator(".kip-unduh a").click()
    download = download_info.value
    assert download.suggested_filename == result_filename("Siti Rahmawati", opd.kode)
    payload = json.loads(Path(download.path()).read_text("utf-8"))
    assert len(payload["jawaban"]) == 3 and payload["peserta"] == "Siti Rahmawati"
    assert not list(server.folder.rglob("hasil_kuis_*.json"))  # nothing on the server
    screenshots.take(siti, "siti-unduhan", focus=siti.locator(".kip-unduh"))

    # --- Budi: the second question runs out of time; then a second attempt.
    budi = new_context().new_page()
    join(budi, url, "Budi Santoso", opd.label, screenshots, "budi-nama-dan-opd")
    budi_quiz = participant_quiz(session, bank, "Budi Santoso")
    answer_and_check(budi, budi_quiz.items[0].question.answer, 1, total)
    budi.locator(".kip-berikutnya").click()
    expect(budi.locator(".kip-nomor")).to_contain_text(f"Soal 2 dari {total}")
    screenshots.take(budi, "budi-soal-2-waktu-berjalan", focus=budi.locator(".kip-waktu"))
    timeout_ms = (QUESTION_SECONDS + 20) * 1000
    expect(budi.locator(".kip-waktu-habis")).to_be_visible(timeout=timeout_ms)
    expect(budi.locator(".kip-soal input").first).to_be_disabled()
    screenshots.take(budi, "budi-soal-2-waktu-habis", focus=budi.locator(".kip-umpan-balik"))
    budi.locator(".kip-berikutnya").click()
    answer_and_check(budi, budi_quiz.items[2].question.answer, 3, total)
    budi.locator(".kip-berikutnya").click()
    expect(budi.locator(".kip-nilai-akhir")).to_contain_text("Nilai akhir: 2,0 dari 3 (67%)")
    expect(budi.locator(".kip-nilai-akhir")).to_contain_text("Belum lulus")
    expect(budi.locator(".kip-pesan-ulangi")).to_contain_text("masih punya 1 kesempatan")
    screenshots.take(budi, "budi-hasil-percobaan-1", focus=budi.locator(".kip-ulangi"))
    budi.locator(".kip-ulangi").click()
    expect(budi.locator(".kip-kuis")).to_contain_text("percobaan ke-2 dari 2")
    for number, item in enumerate(budi_quiz.items, start=1):
        if number > 1:
            budi.locator(".kip-berikutnya").click()
        answer_and_check(budi, item.question.answer, number, total)
    budi.locator(".kip-berikutnya").click()
    expect(budi.locator(".kip-nilai-akhir")).to_contain_text("Lulus")
    expect(budi.locator(".kip-pesan-ulangi")).to_contain_text("Semua 2 kesempatan sudah dipakai")
    expect(budi.locator(".kip-ulangi")).to_be_hidden()
    screenshots.take(budi, "budi-hasil-percobaan-2", focus=budi.locator(".kip-nilai-akhir"))

    # --- The store holds exactly what the two did.
    with ResultStore(server.db_path) as store:
        rows = store.answers(session=session.session_id)
        attempts = store.attempts(session=session.session_id)
    by = {}
    for row in rows:
        by.setdefault((row.participant, row.attempt), []).append(row)
    assert set(by) == {("Siti Rahmawati", 1), ("Budi Santoso", 1), ("Budi Santoso", 2)}
    for key, answers in by.items():
        assert [r.question_id for r in answers] == list(session.question_ids), key
        assert {r.opd for r in answers} == {opd.kode}
        assert all(r.seconds >= 0 for r in answers)
    assert all(r.correct for r in by[("Siti Rahmawati", 1)] + by[("Budi Santoso", 2)])
    first, timed_out, third = by[("Budi Santoso", 1)]
    assert first.correct and third.correct
    assert (timed_out.correct, timed_out.answer, timed_out.mistake) == (False, "", "waktu_habis")
    assert QUESTION_SECONDS <= timed_out.seconds < QUESTION_SECONDS + 5
    assert sorted((a.participant, a.attempt) for a in attempts) == [
        ("Budi Santoso", 1),
        ("Budi Santoso", 2),
        ("Siti Rahmawati", 1),
    ]
    assert all(a.finished_at for a in attempts)
    assert re.fullmatch(r"[0-9a-f]{32}", rows[0].session)
