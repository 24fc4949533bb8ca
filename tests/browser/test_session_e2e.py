"""A whole training session, as a trainer and three trainees run it, in real browsers.

The trainer creates the session in a terminal (``kip sesi mulai``: four questions,
8 seconds per question, pass mark 75 %, two attempts, the best counted) and serves
the quiz to the room (``kip app 04 --sesi KODE``) and the dashboard to themself
(``kip app 06 --sesi KODE``), both on one results store. Three browser contexts open
exactly the join address ``kip app`` printed:

- Siti answers everything right and passes;
- Budi lets the second question run out of time and gets the last one wrong;
- Citra gets two wrong, presses "Ulangi kuis" and does worse the second time (the
  session counts the best attempt, so her first one counts).

The dashboard, opened before anyone joins and never clicked, must follow on its own:
the participants, the counts under each question's chart (one answer per participant,
from the counted attempt; the time-out as unanswered) and the leaderboard. The results
workbook downloaded from the page holds the three participants and the per-question
sheet; a certificate (PDF with her name) is offered for Siti only.

Screenshots of every step: ``build/screenshots/<test name>/``.
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from session_helpers import (
    answer_and_check,
    enter,
    free_port,
    kip_run,
    kip_start,
    room_env,
    stop,
    wait_for_join_url,
)

from kip_training.quiz.bank import default_bank
from kip_training.quiz.session import open_session, participant_quiz
from kip_training.quiz.store import ResultStore
from kip_training.quiz.widgets import participant_roster

TITLE = "Pelatihan PPID Pembantu 2026-1"
#: Single choice, a generated deadline (dates as options), true/false, single choice.
QUESTIONS = ("bp-01", "keb-t1", "bp-02", "kat-02")
QUESTION_SECONDS = 8
PASS_PERCENT = 75
RIGHT, WRONG, TIMEOUT = "benar", "salah", "waktu habis"
#: How the dashboard names an answer that never came (a question whose time ran out).
UNANSWERED = "(tidak dijawab)"

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]


@dataclass
class Trainee:
    name: str  # as stored and shown
    typed: str  # as typed in the form
    plans: tuple[tuple[str, ...], ...]  # per attempt, per question: RIGHT/WRONG/TIMEOUT
    page: object = None
    opd_label: str = ""
    quiz: object = None
    picks: dict | None = None  # attempt -> per question the option picked (None: time-out)


def trainees() -> tuple[Trainee, ...]:
    """The three trainees and what they will do (fresh for each run)."""
    return (
        Trainee("Siti Rahmawati", "Siti Rahmawati", ((RIGHT, RIGHT, RIGHT, RIGHT),)),
        Trainee("Budi Santoso", "Budi Santoso", ((RIGHT, TIMEOUT, RIGHT, WRONG),)),
        Trainee(
            "Citra Dewi",
            "citra  dewi ",
            ((WRONG, RIGHT, WRONG, RIGHT), (RIGHT, WRONG, WRONG, WRONG)),
        ),
    )


class Clock:
    """Seconds since the start, per step (printed at the end; -s shows them)."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.marks: list[tuple[str, float]] = []

    def mark(self, step: str) -> None:
        self.marks.append((step, time.monotonic() - self.start))

    def report(self) -> str:
        return " · ".join(f"{step} {seconds:.0f} s" for step, seconds in self.marks)


def option_for(item, plan: str) -> str | None:
    """The option a trainee picks: the right one, a wrong one (the first wrong one as
    shown to them), or None when they let the time run out."""
    expected = item.question.qtype.expected_text(item)
    if plan == RIGHT:
        return expected
    if plan == TIMEOUT:
        return None
    shown = list(item.options) or ["Benar", "Salah"]  # true/false: two fixed labels
    return next(option for option in shown if option != expected)


def take_question(page, item, plan: str, number: int, total: int) -> str | None:
    """Answer question ``number`` per ``plan`` (or wait for its time to run out)."""
    from playwright.sync_api import expect

    choice = option_for(item, plan)
    if choice is None:
        expect(page.locator(".kip-nomor")).to_contain_text(f"Soal {number} dari {total}")
        expect(page.locator(".kip-waktu-habis")).to_be_visible(
            timeout=(QUESTION_SECONDS + 60) * 1000
        )
        expect(page.locator(".kip-soal input").first).to_be_disabled()
    else:
        answer_and_check(page, choice, number, total, right=plan == RIGHT)
    return choice


def run_attempt(trainee: Trainee, attempt: int, screenshots, during=None) -> None:
    """One attempt: every question per plan, then "Lihat hasil"; ``during(number)`` is
    called once a question is on screen, before it is answered."""
    from playwright.sync_api import expect

    page, items = trainee.page, trainee.quiz.items
    plan = trainee.plans[attempt - 1]
    trainee.picks = trainee.picks or {}
    picks = trainee.picks.setdefault(attempt, [])
    slug = trainee.name.split()[0].lower()
    for number, (item, step) in enumerate(zip(items, plan, strict=True), start=1):
        if number > 1:
            page.locator(".kip-berikutnya").click()
        expect(page.locator(".kip-nomor")).to_contain_text(f"Soal {number} dari {len(items)}")
        if during is not None:
            during(number)
        picks.append(take_question(page, item, step, number, len(items)))
        if step == TIMEOUT:
            screenshots.take(page, f"{slug}-soal-{number}-waktu-habis", page.locator(".kip-soal"))
    expect(page.locator(".kip-berikutnya")).to_have_text("Lihat hasil")
    page.locator(".kip-berikutnya").click()
    right = sum(step == RIGHT for step in plan)
    share = round(100 * right / len(plan))
    final = page.locator(".kip-nilai-akhir")
    expect(final).to_contain_text(f"Nilai akhir: {right},0 dari {len(plan)} ({share}%)")
    verdict = final.locator(".kip-lulus" if share >= PASS_PERCENT else ".kip-belum-lulus")
    expect(verdict).to_contain_text("Lulus" if share >= PASS_PERCENT else "Belum lulus")
    if TIMEOUT in plan:
        expect(final).to_contain_text(f"{plan.count(TIMEOUT)} soal habis waktunya")
    screenshots.take(page, f"{slug}-hasil-percobaan-{attempt}", final)


def legend(panel) -> list[tuple[str, str, bool]]:
    """The lettered options listed above a question's chart: (letter, text, marked right)."""
    rows = []
    for line in panel.locator("li").all_inner_texts():
        match = re.fullmatch(r"([A-Z])\. (.*?)( ✓)?", " ".join(line.split()))
        assert match, line
        rows.append((match.group(1), match.group(2), bool(match.group(3))))
    return rows


def expected_counts(panel, item, picks: list[str | None]) -> str:
    """The counts line the trainer must read under a question's chart for these answers,
    its letters taken from the options listed above the chart."""
    counts = Counter(UNANSWERED if p is None else p for p in picks)
    expected = item.question.qtype.expected_text(item)
    right = counts[expected]
    tail = f"({len(picks)} jawaban, {round(100 * right / len(picks))}% benar)"
    if not item.options:  # true/false: no letters
        parts = [f"{label}: {counts.pop(label, 0)}" for label in ("Benar", "Salah")]
    else:
        rows = legend(panel)
        # Exactly the question's options are lettered ("(tidak dijawab)" is no option).
        assert sorted(text for _, text, _ in rows) == sorted(item.options), rows
        assert [text for _, text, marked in rows if marked] == [expected], rows
        parts = [f"{letter}: {counts.pop(text, 0)}" for letter, text, _ in rows]
    if counts.get(UNANSWERED):
        parts.append(f"{UNANSWERED}: {counts.pop(UNANSWERED)}")
    assert not counts, f"jawaban yang tidak tampil di grafik: {counts}"
    return f"{' · '.join(parts)} {tail}"


def test_a_trainer_runs_a_whole_session_with_three_trainees(
    tmp_path: Path, new_context, screenshots
) -> None:
    from playwright.sync_api import expect

    clock = Clock()
    everyone = trainees()
    env = room_env(tmp_path)
    bank = default_bank()
    roster = participant_roster()
    assert len(roster) >= 3, "data/opd.csv must list at least three OPDs"

    # --- 1. The trainer creates the session in a terminal.
    printed = kip_run(
        [
            "sesi",
            "mulai",
            "--judul",
            TITLE,
            "--kuis",
            ",".join(QUESTIONS),
            "--jumlah",
            str(len(QUESTIONS)),
            "--batas-waktu-soal",
            str(QUESTION_SECONDS),
            "--nilai-lulus",
            str(PASS_PERCENT),
            "--percobaan",
            "2",
            "--dihitung",
            "terbaik",
        ],
        env,
        tmp_path,
    )
    match = re.search(r"Kode bergabung\s*:\s*([A-Z0-9]{6})\b", printed)
    assert match, printed
    code = match.group(1)
    for line in (
        f"Sesi dibuat: {TITLE}",
        f"Jumlah soal     : {len(QUESTIONS)}",
        f"Batas waktu soal: {QUESTION_SECONDS} detik",
        f"Nilai lulus     : {PASS_PERCENT}%",
        "Percobaan       : 2 (yang dihitung: terbaik)",
    ):
        assert line in printed, printed
    with ResultStore(env["KIP_DB"]) as store:
        session = open_session(store, code)
    assert session.question_ids == QUESTIONS
    clock.mark("sesi dibuat")

    # --- 2./3. The quiz for the room and the dashboard for the trainer: one store.
    quiz_port = free_port()
    board_port = free_port()
    while board_port == quiz_port:
        board_port = free_port()
    servers = []
    trainer = None
    try:
        for notebook, port in (("04", quiz_port), ("06", board_port)):
            args = ["app", notebook, "--sesi", code, f"--port={port}", "--no-browser"]
            log = tmp_path / f"kip-app-{notebook}.log"
            servers.append((kip_start(args, env, tmp_path, log), log, port))
        join_url, board_url = (
            wait_for_join_url(process, log, port, code) for process, log, port in servers
        )
        for _process, log, _port in servers:
            assert f"Hasil seluruh ruang disimpan di: {env['KIP_DB']}" in log.read_text()
        clock.mark("server siap")

        # Every page opens at once (their kernels start side by side).
        trainer = new_context().new_page()
        trainer.goto(board_url, wait_until="commit")
        for number, trainee in enumerate(everyone):
            trainee.page = new_context().new_page()
            trainee.page.on("pageerror", lambda error: print(f"[pageerror] {error}"))
            trainee.page.goto(join_url, wait_until="commit")
            trainee.opd_label = roster[number].label
            trainee.quiz = participant_quiz(session, bank, trainee.name)

        # --- The dashboard before anyone answered.
        board = trainer.locator(".kip-dasbor").first
        board.wait_for()
        summary = board.locator(".kip-ringkasan")
        expect(summary).to_contain_text(f"kode sesi {code}")
        expect(summary).to_contain_text("0 peserta")
        panels = board.locator(".kip-panel-soal")
        expect(panels).to_have_count(len(QUESTIONS))
        expect(panels.first.locator(".kip-hitungan-soal")).to_have_text("Belum ada jawaban.")
        screenshots.take(trainer, "dasbor-sebelum-peserta-bergabung", board)
        clock.mark("dasbor terbuka")

        # --- 4. Siti: everything right.
        siti, budi, citra = everyone
        enter(siti.page, siti.typed, siti.opd_label, screenshots, "siti-bergabung")
        expect(siti.page.locator(".kip-waktu")).to_contain_text("Sisa waktu soal ini")
        screenshots.take(siti.page, "siti-soal-1", siti.page.locator(".kip-soal"))
        run_attempt(siti, 1, screenshots)
        expect(siti.page.locator(".kip-pesan-ulangi")).to_contain_text("masih punya 1 kesempatan")
        clock.mark("siti selesai")

        # --- Budi: the second question runs out of time while the trainer watches.
        def watch_while_budi_works(number: int) -> None:
            if number != 2:
                return
            screenshots.take(
                budi.page, "budi-soal-2-waktu-berjalan", budi.page.locator(".kip-waktu")
            )
            # No click on the dashboard: its timer brings Siti's and Budi's answers.
            expect(summary).to_contain_text("2 peserta (1 sedang mengerjakan)")
            expect(summary).to_contain_text("1 lulus")
            first = panels.first
            first_counts = expected_counts(
                first, siti.quiz.items[0], [siti.picks[1][0], budi.picks[1][0]]
            )
            expect(first.locator(".kip-hitungan-soal")).to_have_text(first_counts)
            screenshots.take(trainer, "dasbor-berubah-sendiri", first)
            clock.mark("dasbor berubah sendiri")

        enter(budi.page, budi.typed, budi.opd_label, screenshots, "budi-bergabung")
        run_attempt(budi, 1, screenshots, during=watch_while_budi_works)
        clock.mark("budi selesai")

        # --- Citra: a worse second attempt ("Ulangi kuis"); the best one counts.
        enter(citra.page, citra.typed, citra.opd_label, screenshots, "citra-bergabung")
        run_attempt(citra, 1, screenshots)
        citra.page.locator(".kip-ulangi").click()
        expect(citra.page.locator(".kip-kuis")).to_contain_text("percobaan ke-2 dari 2")
        expect(citra.page.locator(".kip-kuis")).to_contain_text("Citra Dewi")
        run_attempt(citra, 2, screenshots)
        expect(citra.page.locator(".kip-pesan-ulangi")).to_contain_text(
            "Semua 2 kesempatan sudah dipakai. Yang dihitung adalah nilai percobaan terbaik."
        )
        expect(citra.page.locator(".kip-ulangi")).to_be_hidden()
        clock.mark("citra selesai")

        # --- 5. The dashboard has followed on its own: one answer per participant from
        # the counted attempt (Citra's first), Budi's time-out as unanswered.
        expect(summary).to_contain_text("3 peserta (0 sedang mengerjakan)")
        expect(summary).to_contain_text("1 lulus")
        expect(summary).to_contain_text(f"{4 + 4 + 4 + 4} jawaban")
        counted = [siti.picks[1], budi.picks[1], citra.picks[1]]
        items = siti.quiz.items  # options in Siti's order; the counts do not depend on it
        for index in range(len(items)):
            expect(panels.nth(index).locator(".kip-hitungan-soal")).to_contain_text("(3 jawaban,")
        for index, item in enumerate(items):
            panel = panels.nth(index)
            picks = [attempt[index] for attempt in counted]
            expect(panel.locator(".kip-hitungan-soal")).to_have_text(
                expected_counts(panel, item, picks)
            )
        deadline_panel = panels.nth(QUESTIONS.index("keb-t1"))
        expect(deadline_panel.locator(".kip-grafik-kesalahan")).to_be_visible()
        screenshots.take(trainer, "dasbor-per-soal-1", panels.first)
        screenshots.take(trainer, "dasbor-per-soal-tenggat", deadline_panel)
        clock.mark("dasbor lengkap")

        board.get_by_role("tab", name="Peserta").click()
        table = board.locator(".kip-tabel-peserta")
        for name, attempt, answered, score in (
            ("Siti Rahmawati", "1 dari 1", "4/4", "100,0%"),
            ("Budi Santoso", "1 dari 1", "3/4", "50,0%"),
            ("Citra Dewi", "1 dari 2", "4/4", "50,0%"),
        ):
            row = table.locator("tr", has_text=name)
            for text in (attempt, answered, score, "selesai"):
                expect(row).to_contain_text(text)
        expect(table.locator("tr", has_text="✓ lulus")).to_have_count(1)
        screenshots.take(trainer, "dasbor-peserta", table)

        board.get_by_role("tab", name="Layar proyektor").click()
        rows = board.locator(".kip-papan-peringkat tr.kip-baris-peringkat")
        expect(rows).to_have_count(3)
        # Equal scores: the faster first (Budi waited out a question's whole time).
        for rank, (name, score) in enumerate(
            (("Siti Rahmawati", "100%"), ("Citra Dewi", "50%"), ("Budi Santoso", "50%"))
        ):
            expect(rows.nth(rank)).to_contain_text(name)
            expect(rows.nth(rank)).to_contain_text(score)
        screenshots.take(trainer, "dasbor-layar-proyektor", board.locator(".kip-proyektor"))
        clock.mark("peserta dan peringkat")

        # --- 6. The results workbook, downloaded through the browser.
        board.get_by_role("tab", name="Unduh").click()
        board.locator(".kip-siapkan-hasil").click()
        link = board.locator(".kip-unduh-hasil a")
        expect(link).to_have_attribute("download", f"hasil_sesi_{code}.xlsx")
        with trainer.expect_download() as download_info:
            link.click()
        workbook = download_info.value
        assert workbook.suggested_filename == f"hasil_sesi_{code}.xlsx"
        book = load_workbook(io.BytesIO(Path(workbook.path()).read_bytes()))
        people = {row[0]: row for row in book["Peserta"].iter_rows(min_row=2, values_only=True)}
        assert sorted(people) == ["Budi Santoso", "Citra Dewi", "Siti Rahmawati"]
        headers = [cell.value for cell in book["Peserta"][1]]
        column = {header: index for index, header in enumerate(headers)}
        assert [people[name][column["Lulus"]] for name in sorted(people)] == [
            "tidak",
            "tidak",
            "ya",
        ]
        citra_row = people["Citra Dewi"]
        assert citra_row[column["Percobaan dihitung"]] == 1
        assert citra_row[column["Jumlah percobaan"]] == 2
        per_question = list(book["Per soal"].iter_rows(min_row=2, values_only=True))
        assert [row[1] for row in per_question] == list(QUESTIONS)
        assert [row[4] for row in per_question] == [3, 3, 3, 3]  # one per participant
        deadline_row = per_question[QUESTIONS.index("keb-t1")]
        assert re.fullmatch(r"waktu habis[^:;]*: 1", deadline_row[8], re.IGNORECASE), deadline_row
        answers = list(book["Jawaban"].iter_rows(min_row=2, values_only=True))
        assert len(answers) == 4 * 4  # Siti, Budi, and Citra twice
        clock.mark("xlsx diunduh")

        # --- 7. A certificate for the one who passed, and for nobody else.
        board.locator(".kip-siapkan-sertifikat").click()
        certificates = board.locator(".kip-unduh-sertifikat a")
        expect(certificates).to_have_count(1)
        expect(certificates).to_contain_text("siti-rahmawati")
        screenshots.take(trainer, "dasbor-unduh", board.locator(".kip-unduh-sertifikat"))
        with trainer.expect_download() as download_info:
            certificates.first.click()
        certificate = download_info.value
        assert certificate.suggested_filename.endswith(".pdf")
        pdf = Path(certificate.path()).read_bytes()
        assert pdf.startswith(b"%PDF")
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert "Siti Rahmawati" in " ".join(text.split())
        for other in ("Budi", "Citra"):
            assert other not in text
        clock.mark("sertifikat diunduh")
    except BaseException:
        if trainer is not None:  # what the trainer saw when it failed
            screenshots.take(trainer, "gagal-dasbor")
        raise
    finally:
        for process, _log, _port in servers:
            stop(process)
        print(f"Waktu: {clock.report()}")
