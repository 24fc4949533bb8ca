"""``kip app`` with a session open: 30 page loads never run more kernels than the cap.

``kip app 04 --sesi KODE --maks-kernel 4`` serves the quiz notebook; 30 participants
open the join address one after another (each page load starts a kernel while there is
room). The kernels of the server are counted after every load: never more than four;
the loads over the cap get "Server penuh" (503) instead of a kernel.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import psutil
import pytest

from kip_training.quiz.bank import default_bank
from kip_training.quiz.session import create_session
from kip_training.quiz.store import ResultStore

CAP = 4
LOADS = 30
STARTUP_S = 180

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _kernels(server: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in server.children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found


def _load(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=240) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def test_thirty_page_loads_keep_at_most_the_configured_kernels(tmp_path):
    db = tmp_path / "keluaran" / "hasil_kuis.sqlite"
    with ResultStore(db) as store:
        session = create_session(store, "Sesi Uji Kernel", default_bank(), count=3, seed=1)
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KIP_", "JUPYTER", "QUERY_STRING"))
    }
    env.update(PYTHONUNBUFFERED="1", KIP_OUTPUT=str(tmp_path / "keluaran"))
    log = tmp_path / "server.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kip_training.cli",
            "app",
            "04",
            "--sesi",
            session.code,
            f"--port={port}",
            f"--maks-kernel={CAP}",
            "--no-browser",
        ],
        cwd=tmp_path,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "kip app did not start"
                time.sleep(0.5)
        printed = log.read_text()
        match = re.search(rf"http://localhost:{port}/\?token=([\w-]+)&sesi={session.code}", printed)
        assert match, printed
        url = match.group(0)
        server = psutil.Process(process.pid)
        statuses = []
        most = 0
        for _ in range(LOADS):
            status, body = _load(url)
            statuses.append(status)
            if status == 503:
                assert "Server penuh" in body
            most = max(most, len(_kernels(server)))
            assert most <= CAP, f"{most} kernel berjalan, batasnya {CAP}"
        assert statuses.count(200) == CAP, statuses
        assert statuses.count(503) == LOADS - CAP, statuses
        assert most == CAP
        # The room's store is the one kip app named; the kernels found the session there.
        assert f"Hasil seluruh ruang disimpan di: {db}" in printed
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
