"""The deadline exercise in Voilà, in a real browser: no code, and the due date shown.

A participant picks a receipt date and a deadline kind, presses "Hitung" and reads the
due date. The expected date comes from the same working-day calendar the exercise uses
(holidays and cuti bersama skipped), for a date whose window crosses the year-end days
off.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kip_training import law
from kip_training.calendar import WorkingCalendar
from kip_training.exercises.deadline import kind_options
from kip_training.paths import NOTEBOOKS_DIR
from kip_training.textfmt import format_date

NOTEBOOK = "02_latihan_tenggat_waktu.ipynb"
RECEIVED = dt.date(2026, 12, 4)  # a Friday, early December: the window crosses year-end
KIND = "tanggapan_keberatan"

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def code_lines() -> list[str]:
    """The distinctive lines of the notebook's code cells (none may be on screen)."""
    notebook = json.loads((NOTEBOOKS_DIR / NOTEBOOK).read_text(encoding="utf-8"))
    lines = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        lines += [
            line.strip()
            for line in source.splitlines()
            if len(line.strip()) > 8 and not line.strip().startswith("#")
        ]
    assert lines, "the exercise notebook has code cells"
    return lines


def test_voila_deadline_exercise_shows_the_due_date_and_no_code(
    start_server, page, screenshots
) -> None:
    from playwright.sync_api import expect

    due = WorkingCalendar.from_config().due_date(RECEIVED, KIND)
    assert due.skipped, "the chosen window should cross days off"
    label = dict((key, text) for text, key in kind_options())[KIND]
    server = start_server("voila", NOTEBOOK)

    page.goto(server.url("/"))
    exercise = page.locator(".kip-latihan-tenggat")
    exercise.wait_for()
    screenshots.take(page, "halaman-voila")

    # No code anywhere on the page, only text, tables, charts and widgets.
    visible = page.locator("body").inner_text()
    shown_code = [line for line in code_lines() if line in visible]
    assert not shown_code, f"kode tampak di halaman Voilà: {shown_code}"
    assert page.locator(".cm-editor:visible, .jp-CodeMirrorEditor:visible").count() == 0
    assert "Traceback" not in visible

    # Dates are typed day first (dd/mm/yyyy), as in Indonesia; the date read is shown.
    exercise.locator(".kip-tanggal-diterima input").fill(RECEIVED.strftime("%d/%m/%Y"))
    expect(exercise.locator(".kip-tanggal-terbaca")).to_have_text(format_date(RECEIVED))
    exercise.locator(".kip-jenis-tenggat select").select_option(label=label)
    screenshots.take(page, "tanggal-dan-jenis-dipilih", focus=exercise)
    exercise.locator(".kip-hitung").click()

    result = exercise.locator(".kip-hasil-tenggat")
    expect(result).to_contain_text(f"Jatuh tempo: {format_date(due.due)}")
    expect(result).to_contain_text(f"Diterima {format_date(RECEIVED)}")
    expect(result).to_contain_text(law.DEADLINES[KIND].basis)
    for day in due.skipped:
        expect(result).to_contain_text(day.name)
    expect(exercise.locator(".kip-kalender-tenggat")).to_be_visible()
    screenshots.take(page, "jatuh-tempo-ditampilkan", focus=result)
