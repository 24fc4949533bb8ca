"""The no-code view: Voilà serves a notebook with its text and widgets but no code.

Voilà runs with the template of ``kip app`` (:mod:`kip_training.voila_look`): its
loading text is Indonesian and the JupyterLab-only instructions are hidden.
"""

import html
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from kip_training import voila_look
from kip_training.paths import NOTEBOOKS_DIR

NOTEBOOK = NOTEBOOKS_DIR / "02_latihan_tenggat_waktu.ipynb"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_page(url: str, server: subprocess.Popen, wait: float = 90) -> str:
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=wait) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_voila_renders_the_deadline_notebook_without_code(tmp_path):
    port = free_port()
    env = {**os.environ, "KIP_DB": str(tmp_path / "kuis.sqlite"), "KIP_OUTPUT": str(tmp_path)}
    env.update(voila_look.voila_environment(env))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            str(NOTEBOOK),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            *voila_look.voila_arguments(),
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = fetch_page(f"http://127.0.0.1:{port}/", server)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    page = html.unescape(page)
    assert "02 · Latihan Tenggat Waktu" in page
    assert "Jatuh tempo: Selasa, 31 Maret 2026" in page  # cuti bersama counted (default)
    assert "7 April 2026" in page  # the date when cuti bersama is skipped, shown too
    assert "application/vnd.jupyter.widget-view+json" in page
    assert "from kip_training" not in page
    assert "import " not in page
    assert "Traceback" not in page
    # Indonesian page and loading text; Voilà's English strings are gone.
    assert '<html lang="id"' in page
    assert "Menyiapkan halaman…" in page
    assert "Menyiapkan bagian ${cell_index} dari ${cell_count}…" in page
    for english in ("Running ", "Executing ", "Reading ${cell_index}", "is still executing"):
        assert english not in page, english
    # The JupyterLab instructions are in the page but hidden by the template's CSS.
    assert '<div class="kip-lab-saja">' in page
    assert ".kip-lab-saja { display: none !important; }" in page


def test_the_template_and_lab_settings_ship_inside_the_package():
    assert voila_look.TEMPLATE_DIR.is_relative_to(Path(voila_look.__file__).parent)
    assert json.loads((voila_look.TEMPLATE_DIR / "conf.json").read_text())["base_template"] == (
        "lab"
    )
    for name in ("index.html.j2", "spinner.macro.html.j2", "voila_setup.macro.html.j2"):
        text = (voila_look.TEMPLATE_DIR / name).read_text(encoding="utf-8")
        assert "Running" not in text and "Executing" not in text, name
    overrides = json.loads((voila_look.LAB_SETTINGS / "overrides.json").read_text())
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "id_ID"}
    assert overrides["@jupyterlab/apputils-extension:notification"] == {
        "fetchNews": "false",
        "checkForUpdates": False,
    }


def test_voila_finds_the_template_through_jupyter_path():
    env = voila_look.voila_environment({"JUPYTER_PATH": "/somewhere/else"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(voila_look.LOOK_DIR), "/somewhere/else"]
    assert voila_look.voila_environment(env)["JUPYTER_PATH"] == env["JUPYTER_PATH"]
    assert "--VoilaConfiguration.template=kip" in voila_look.voila_arguments()
