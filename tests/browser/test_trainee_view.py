"""What trainees see, in Chromium: Voilà with the kip template, and JupyterLab of kip lab.

Voilà runs as ``kip app`` runs it (:mod:`kip_training.voila_look`: the ``kip`` template
found through ``JUPYTER_PATH``), JupyterLab with the settings ``kip lab`` passes. For
notebooks 02, 03 and 05: no code, no test marker, no English loading text, no "Run All"
or ``kip`` command on screen; dates typed as dd/mm/yyyy; the classification exercise
reveals nothing when nothing is chosen; the report check offers the blank template as a
browser download and names the uploaded file.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from session_helpers import free_port, stop

from conftest import TOKEN, Server, _server_env, launch  # tests/browser/conftest.py
from kip_training import voila_look
from kip_training.commands import lab
from kip_training.paths import NOTEBOOKS_DIR, TEMPLATES_DIR

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

ENGLISH_LOADING = ("Running", "Executing", "Reading", "Loading", "of ")


def code_lines(notebook: str) -> list[str]:
    """The code lines of a notebook's cells (comments excluded): none may be on screen."""
    nb = json.loads((NOTEBOOKS_DIR / notebook).read_text(encoding="utf-8"))
    lines = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            lines += [x.strip() for x in source.splitlines() if len(x.strip()) > 8]
    return lines


@pytest.fixture
def serve(tmp_path):
    """``serve(kind, notebook)``: Voilà ("voila") or JupyterLab ("lab") as kip runs them."""
    started: list[subprocess.Popen] = []

    def start(kind: str, notebook: str) -> Server:
        folder = tmp_path / f"kip-{kind}"
        work = folder / "notebooks"
        work.mkdir(parents=True)
        shutil.copy2(NOTEBOOKS_DIR / notebook, work / notebook)
        env = _server_env(folder)
        (Path(env["JUPYTER_CONFIG_DIR"]) / "labconfig" / "page_config.json").unlink()
        env.update(voila_look.voila_environment(env))
        port = free_port()
        common = ["--no-browser", f"--port={port}"]
        if kind == "voila":
            command = [sys.executable, "-m", "voila", str(work / notebook), *common]
            command += ["--Voila.ip=127.0.0.1", f"--Voila.token={TOKEN}"]
            command += voila_look.voila_arguments()
        else:
            trust = "from kip_training.commands.lab import trust_notebooks as t; import sys; "
            subprocess.run(
                [sys.executable, "-c", trust + f"t(__import__('pathlib').Path({str(work)!r}))"],
                env=env,
                check=True,
            )
            command = lab.lab_command(work, port, True, user_settings=folder / "lab-user")
            command += [
                "--allow-root",
                "--ServerApp.ip=127.0.0.1",
                f"--IdentityProvider.token={TOKEN}",
            ]
        log_path = folder / f"{kind}.log"
        return launch(command, port, work, env, log_path, started, strict=kind == "lab")

    try:
        yield start
    finally:
        for process in started:
            stop(process)


def open_voila(page, server: Server, screenshots, notebook: str, ready: str):
    """Open the page, screenshot the loading text, wait for ``ready``; the visible text."""
    page.goto(server.url("/"), wait_until="commit")
    loading = page.locator("#loading_text")
    loading.wait_for()
    text = loading.inner_text()
    screenshots.take(page, "memuat")
    assert text.startswith("Menyiapkan"), text
    assert not any(word in text for word in ENGLISH_LOADING), text
    page.locator(ready).first.wait_for()
    screenshots.take(page, "siap")
    visible = page.locator("body").inner_text()
    shown_code = [line for line in code_lines(notebook) if line in visible]
    assert not shown_code, f"kode tampak: {shown_code}"
    for unwanted in ("NBVAL", "Run All", "Semua Sel", "Traceback", "`kip ", "kip app", "kip lab"):
        assert unwanted not in visible, unwanted
    return visible


def test_deadline_exercise_in_voila_takes_dd_mm_yyyy(serve, page, screenshots) -> None:
    from playwright.sync_api import expect

    server = serve("voila", "02_latihan_tenggat_waktu.ipynb")
    open_voila(page, server, screenshots, "02_latihan_tenggat_waktu.ipynb", ".kip-hitung")
    exercise = page.locator(".kip-latihan-tenggat")
    field = exercise.locator(".kip-tanggal-diterima input")
    expect(field).to_have_attribute("placeholder", re.compile(r"^hh/bb/tttt"))
    field.fill("04/12/2026")
    echo = exercise.locator(".kip-tanggal-terbaca")
    expect(echo).to_have_text("Jumat, 4 Desember 2026")  # day first: 4 December
    exercise.locator(".kip-hitung").click()
    expect(exercise.locator(".kip-hasil-tenggat")).to_contain_text("Jatuh tempo:")
    expect(exercise.locator(".kip-hasil-tenggat")).to_contain_text("Diterima Jumat, 4 Desember")
    screenshots.take(page, "tanggal-diketik", focus=exercise)
    # A button's whole label is shown (not cut with an ellipsis).
    button = exercise.locator(".kip-hitung")
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth")


def test_classification_in_voila_reveals_nothing_when_nothing_is_chosen(
    serve, page, screenshots
) -> None:
    from playwright.sync_api import expect

    notebook = "03_klasifikasi_dan_uji_konsekuensi.ipynb"
    server = serve("voila", notebook)
    open_voila(page, server, screenshots, notebook, ".kip-periksa-klasifikasi")
    exercise = page.locator(".kip-latihan-klasifikasi")
    first = exercise.locator(".kip-klasifikasi-pilihan select").first
    chosen = first.evaluate("s => s.options[s.selectedIndex].text")
    assert chosen.replace("\xa0", " ") == "— pilih —"  # ipywidgets shows spaces as nbsp
    exercise.locator(".kip-periksa-klasifikasi").click()
    result = exercise.locator(".kip-hasil-klasifikasi")
    expect(result).to_contain_text("Pilih dulu kategori")
    shown = result.inner_text()
    assert "Benar" not in shown and "Pasal" not in shown and "yang tepat" not in shown
    screenshots.take(page, "periksa-tanpa-pilihan", focus=result)

    # Choosing "Dikecualikan" asks for the Pasal 17 letter.
    row = exercise.locator(".kip-klasifikasi-butir").first
    letter = row.locator(".kip-klasifikasi-huruf")
    expect(letter).to_be_hidden()
    row.locator(".kip-klasifikasi-pilihan select").select_option(label="Dikecualikan (Pasal 17)")
    expect(letter).to_be_visible()
    screenshots.take(page, "huruf-pasal-17", focus=row)


def test_report_check_in_voila_offers_the_template_and_names_the_upload(
    serve, page, screenshots, tmp_path
) -> None:
    from playwright.sync_api import expect

    notebook = "05_periksa_laporan.ipynb"
    server = serve("voila", notebook)
    open_voila(page, server, screenshots, notebook, ".kip-unduh-templat a")
    with page.expect_download() as info:
        page.locator(".kip-unduh-templat a").click()
    download = info.value
    assert download.suggested_filename == "laporan_ppid_pembantu.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes() == (TEMPLATES_DIR / "laporan_ppid_pembantu.xlsx").read_bytes()

    box = page.locator(".kip-periksa-laporan-box").first
    with page.expect_file_chooser() as chooser:  # as a person does: press the button
        box.locator(".kip-unggah-laporan").click()
    chooser.value.set_files(str(saved))
    expect(box.locator(".kip-berkas-dipilih")).to_contain_text(
        "Berkas dipilih: laporan_ppid_pembantu.xlsx"
    )
    screenshots.take(page, "berkas-dipilih", focus=box)


def test_kip_lab_is_in_indonesian_without_the_news_pop_up(serve, page, screenshots) -> None:
    """The language pack is selected (its strings replace English ones) and no news asks.

    The Indonesian pack translates only part of JupyterLab: the top menu names stay
    English, the items under them are Indonesian.
    """
    from playwright.sync_api import expect

    notebook = "02_latihan_tenggat_waktu.ipynb"
    server = serve("lab", notebook)
    page.goto(server.url(f"lab/tree/{notebook}"))
    page.locator(".jp-Notebook").first.wait_for()
    page.locator(".lm-MenuBar-content").get_by_text("Run", exact=True).click()
    menu = page.locator(".lm-Menu-content").first
    expect(menu).to_contain_text("Menjalakan Semua Sel")  # the pack's "Run All Cells"
    assert "Run All Cells" not in menu.inner_text()
    screenshots.take(page, "menu-run-berbahasa-indonesia")
    page.keyboard.press("Escape")
    expect(page.get_by_text("| Idle")).to_be_visible()  # the kernel started: page settled
    assert "Jupyter news" not in page.locator("body").inner_text()
    assert page.locator(".jp-toast-message, .Toastify__toast").count() == 0
    screenshots.take(page, "tanpa-berita-jupyter")
