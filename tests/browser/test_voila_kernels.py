"""``kip app`` with a session open: 30 page loads never run more kernels than the cap.

``kip app 04 --sesi KODE --maks-kernel 4`` serves the quiz notebook; 30 participants
open the join address one after another (each page load starts a kernel while there is
room). The kernels of the server are counted after every load: never more than four;
the loads over the cap get "Server penuh" (503) instead of a kernel.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest
from session_helpers import free_port, kip_start, room_env, stop, wait_for_join_url

from kip_training.quiz.bank import default_bank
from kip_training.quiz.session import create_session
from kip_training.quiz.store import ResultStore

CAP = 4
LOADS = 30
STARTUP_S = 180

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]


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
    env = room_env(tmp_path)
    db = Path(env["KIP_DB"])
    with ResultStore(db) as store:
        session = create_session(store, "Sesi Uji Kernel", default_bank(), count=3, seed=1)
    port = free_port()
    log = tmp_path / "server.log"
    args = ["app", "04", "--sesi", session.code, f"--port={port}", f"--maks-kernel={CAP}"]
    process = kip_start([*args, "--no-browser"], env, tmp_path, log)
    try:
        url = wait_for_join_url(process, log, port, session.code, timeout=STARTUP_S)
        printed = log.read_text()
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
        stop(process)
