"""The trainer's dashboard in Voilà updates itself while answers come in, without a click.

The test writes a session to the Voilà server's results store, opens notebook 06 for
that session (``?sesi=KODE``), then writes answers from this process as participants'
kernels would. The page must show them on its own: the counts under the per-option
chart, a new chart image, the participants and the leaderboard of the projector view.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kip_training.calendar import WorkingCalendar
from kip_training.quiz.bank import default_bank
from kip_training.quiz.engine import make_item, response_for_correct, score_answer
from kip_training.quiz.store import AnswerRecord, ResultStore, SessionRow

NOTEBOOK = "06_dasbor_pelatih.ipynb"
CODE = "UJI789"
QUESTIONS = ["bp-01", "keb-t1", "bp-02"]
SPEC = {
    "kuis": "",
    "topik": [],
    "jumlah": 3,
    "benih": 5,
    "soal": QUESTIONS,
    "batas_waktu_soal": None,
    "batas_waktu_kuis": None,
    "nilai_lulus": 0.6,
    "percobaan": 1,
    "dihitung": "terbaik",
}

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def answers_of(name: str, opd: str, rights: list[bool]) -> list[AnswerRecord]:
    bank, calendar = default_bank(), WorkingCalendar.from_config()
    records = []
    for qid, right in zip(QUESTIONS, rights, strict=False):
        item = make_item(bank[qid], SPEC["benih"], calendar)
        expected = item.question.qtype.expected_text(item)
        if right:
            response = response_for_correct(item)
        elif item.question.type == "benar_salah":
            response = not item.question.answer
        else:
            response = sorted(o for o in item.options if o != expected)[0]
        result = score_answer(item, response)
        records.append(
            AnswerRecord(
                name, opd, "Sesi uji", qid, item.question.topic, result.given, result.correct,
                result.score, session="sesi-uji", attempt=1,
                answered_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            )
        )  # fmt: skip
    return records


def test_dashboard_updates_itself_while_answers_come_in(start_server, page, screenshots) -> None:
    from playwright.sync_api import expect

    server = start_server("voila", NOTEBOOK)
    with ResultStore(server.db_path) as store:
        store.save_session(SessionRow("sesi-uji", CODE, "Sesi uji peramban", SPEC))

    page.goto(server.url(f"?sesi={CODE}"))
    board = page.locator(".kip-dasbor").first
    board.wait_for()
    summary = board.locator(".kip-ringkasan")
    expect(summary).to_contain_text(f"kode sesi {CODE}")
    expect(summary).to_contain_text("0 peserta")
    # What the trainer reads: the page without the JupyterLab-only notes (the project's
    # Voilà template hides .kip-lab-saja; the plain Voilà of this test does not).
    visible = page.evaluate(
        """() => { const copy = document.body.cloneNode(true);
        copy.querySelectorAll('.kip-lab-saja').forEach(e => e.remove());
        document.body.appendChild(copy); const text = copy.innerText; copy.remove();
        return text; }"""
    )
    assert "Traceback" not in visible and "Run All" not in visible
    assert "kip quiz" not in visible and "kip app" not in visible
    screenshots.take(page, "dasbor-kosong", focus=board)

    first = board.locator(".kip-panel-soal").first
    counts = first.locator(".kip-hitungan-soal")
    expect(counts).to_contain_text("Belum ada jawaban")
    chart_before = first.locator(".kip-grafik-sebaran").get_attribute("src")

    with ResultStore(server.db_path) as store:
        store.start_attempt("sesi-uji", "Siti Rahmawati", "DINKES")
        store.record_many(answers_of("Siti Rahmawati", "DINKES", [True, True, True]))
        store.finish_attempt("sesi-uji", "Siti Rahmawati", "DINKES", 1)
        store.start_attempt("sesi-uji", "Budi Santoso", "DISDIK")
        store.record_many(answers_of("Budi Santoso", "DISDIK", [False]))

    # No click: the kernel's timer brings the answers to the page.
    expect(summary).to_contain_text("2 peserta (1 sedang mengerjakan)")
    expect(summary).to_contain_text("1 lulus")
    expect(counts).to_contain_text("A: 1 · B: 0 · C: 1 · D: 0 (2 jawaban, 50% benar)")
    expect(first.locator(".kip-grafik-sebaran")).not_to_have_attribute("src", chart_before)
    screenshots.take(page, "jawaban-masuk-tanpa-klik", focus=first)

    board.get_by_role("tab", name="Peserta").click()
    table = board.locator(".kip-tabel-peserta")
    expect(table).to_contain_text("Siti Rahmawati")
    expect(table.locator("tr", has_text="Budi Santoso")).to_contain_text("sedang mengerjakan")
    screenshots.take(page, "peserta", focus=table)

    board.get_by_role("tab", name="Layar proyektor").click()
    leaderboard = board.locator(".kip-papan-peringkat")
    rows = leaderboard.locator("tr.kip-baris-peringkat")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Siti Rahmawati")
    expect(rows.nth(0)).to_contain_text("100%")

    with ResultStore(server.db_path) as store:
        store.record_many(answers_of("Citra Dewi", "BAPPEDA", [True, False]))
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text("Citra Dewi")
    board.locator(".kip-nama-samaran select").select_option(label="Nomor peserta")
    # Numbered in the order of joining (here all within one second: by name).
    expect(rows.nth(0).locator("td").nth(1)).to_have_text(re.compile(r"^Peserta [123]$"))
    for name in ("Siti", "Budi", "Citra"):
        expect(leaderboard).not_to_contain_text(name)
    screenshots.take(page, "layar-proyektor", focus=board.locator(".kip-proyektor"))

    # Downloads reach the browser as files: the workbook and the one certificate.
    board.get_by_role("tab", name="Unduh").click()
    board.locator(".kip-siapkan-hasil").click()
    link = board.locator(".kip-unduh-hasil a")
    expect(link).to_have_attribute("download", f"hasil_sesi_{CODE}.xlsx")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"hasil_sesi_{CODE}.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    people = [row[0].value for row in book["Peserta"].iter_rows(min_row=2)]
    assert sorted(people) == ["Budi Santoso", "Citra Dewi", "Siti Rahmawati"]
    assert [row[1].value for row in book["Per soal"].iter_rows(min_row=2)] == QUESTIONS
    board.locator(".kip-siapkan-sertifikat").click()
    certificates = board.locator(".kip-unduh-sertifikat a")
    expect(certificates).to_have_count(1)
    expect(certificates).to_contain_text("siti-rahmawati")
    screenshots.take(page, "unduhan", focus=board.locator(".kip-unduh-sertifikat"))
