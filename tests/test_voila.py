"""The no-code view: Voilà serves a notebook with its text and widgets but no code."""

import html
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

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
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            str(NOTEBOOK),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
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
