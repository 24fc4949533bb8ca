"""``kip app`` serves a room safely: token, Host allow-list, kernel cap and culling,
and notebook 05 reads no server folder it was not given (issue 15, item 6)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

from kip_training import cli
from kip_training.paths import DATA_DIR, NOTEBOOKS_DIR

STARTUP_S = 180
APP_VARIABLES = ("KIP_OUTPUT", "KIP_APP", "KIP_APP_TOKEN", "KIP_APP_REPORTS", "KIP_APP_HOSTS")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _get(port: int, path: str, host: str | None = None, timeout: float = 120):
    """(status, headers, body) of a GET to the local server, redirects not followed."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if host:
        request.add_header("Host", host)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8", "replace")


@pytest.fixture
def app_server(tmp_path):
    """``kip app`` on a free local port (one kernel at most); yields (port, token)."""
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("KIP_APP_TOKEN", None)
    log = tmp_path / "server.log"  # a file, not a pipe nobody drains
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kip_training.cli",
            "app",
            "00_mulai_di_sini.ipynb",
            f"--port={port}",
            "--host=kelas.local",
            "--maks-kernel=1",
            "--no-browser",
        ],
        cwd=tmp_path,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the server and its kernels are stopped together
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
        match = re.search(rf"http://localhost:{port}/\?token=([\w-]+)", log.read_text())
        assert match, log.read_text()
        yield port, match.group(1)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def test_kip_app_asks_for_the_token_checks_the_host_and_caps_kernels(app_server):
    port, token = app_server
    assert len(token) >= 32

    # Without the token (or with a wrong one): no notebook, the login page instead.
    for path in ("/", "/?token=salah"):
        status, headers, body = _get(port, path)
        assert status == 302 and "/login" in headers["Location"], (path, status)
    status, _, _ = _get(port, f"/api/kernels/{uuid.uuid4()}")
    assert status == 403

    # A foreign Host header is refused even with the token (DNS rebinding).
    status, _, _ = _get(port, f"/?token={token}", host="penyerang.example")
    assert status == 403
    status, _, _ = _get(port, f"/?token={token}", host=f"evil.example:{port}")
    assert status == 403

    # With the token: the notebook.
    status, _, body = _get(port, f"/?token={token}")
    assert status == 200 and "Mulai di Sini" in body

    # An allowed name passes the Host check; the second page is over the kernel cap.
    status, _, body = _get(port, f"/?token={token}", host=f"kelas.local:{port}")
    assert status == 503 and "Server penuh" in body


@pytest.fixture
def execv(monkeypatch, tmp_path):
    calls = []
    for name in APP_VARIABLES:
        monkeypatch.setenv(name, "")  # so that monkeypatch restores what `kip app` sets
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.os, "execv", lambda exe, argv: calls.append(argv))
    return calls


def test_the_server_command_line_carries_culling_and_the_cap_but_not_the_token(execv, capsys):
    assert cli.main(["app", "05_periksa_laporan.ipynb", "--menganggur", "20"]) == 0
    (argv,) = execv
    assert argv[1:3] == ["-m", "kip_training.app_server"]
    assert "--Voila.ip=127.0.0.1" in argv
    assert "--MappingKernelManager.cull_idle_timeout=1200" in argv
    assert "--MappingKernelManager.cull_interval=60" in argv
    assert "--MappingKernelManager.cull_connected=True" in argv
    assert "--CappedKernelManager.max_kernels=30" in argv
    assert (
        "--VoilaConfiguration.multi_kernel_manager_class="
        "kip_training.app_server.CappedKernelManager"
    ) in argv
    token = os.environ["KIP_APP_TOKEN"]
    assert len(token) >= 32 and not any(token in part for part in argv)  # not shown by ps
    assert os.environ["KIP_APP"] == "1" and "KIP_APP_REPORTS" not in os.environ
    assert f"http://localhost:8866/?token={token}" in capsys.readouterr().out


def test_host_0000_opens_the_server_to_the_room_as_ip_does(execv, capsys):
    assert cli.main(["app", "05", "--host", "0.0.0.0", "--host", "192.168.1.10"]) == 0
    (argv,) = execv
    assert "--Voila.ip=0.0.0.0" in argv
    assert "--VoilaConfiguration.template=kip" in argv  # the Indonesian loading page


def test_no_token_only_when_asked_and_with_a_warning(execv, capsys):
    assert cli.main(["app", "05_periksa_laporan.ipynb", "--tanpa-token"]) == 0
    assert os.environ["KIP_APP_TOKEN"] == ""
    out = capsys.readouterr().out
    assert "http://localhost:8866/\n" in out and "PERINGATAN: tanpa token" in out


def test_a_missing_reports_folder_is_a_bad_argument(execv, tmp_path, capsys):
    code = cli.main(["app", "05_periksa_laporan.ipynb", "--folder-laporan", "tidak-ada"])
    assert code == 2 and execv == []
    assert "folder laporan tidak-ada tidak ditemukan" in capsys.readouterr().err


def _notebook_05_check_cell():
    notebook = json.loads((NOTEBOOKS_DIR / "05_periksa_laporan.ipynb").read_text("utf-8"))
    (source,) = [
        "".join(cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == "code" and "ReportCheck()" in "".join(cell["source"])
    ]
    *body, last = source.strip().splitlines()
    namespace: dict = {}
    exec("\n".join(body), namespace)  # noqa: S102 (the notebook's own cell)
    return eval(last, namespace)  # noqa: S307


def _descendants(widget) -> list:
    """Every widget shown inside ``widget`` (children of boxes, at any depth)."""
    found = []
    for child in getattr(widget, "children", ()):
        found += [child, *_descendants(child)]
    return found


def test_notebook_05_in_app_mode_shows_no_path_box(monkeypatch):
    monkeypatch.setenv("KIP_APP", "1")
    monkeypatch.delenv("KIP_APP_REPORTS", raising=False)
    widget = _notebook_05_check_cell()
    shown = _descendants(widget)
    assert widget.path_text not in shown and widget.upload in shown
    # A path sent to the hidden box (a crafted widget message) is still refused.
    widget.path_text.value = "/etc"
    assert widget.run() is None
    assert "hanya laporan contoh yang dapat dibaca dari server" in widget.result.value


def test_notebook_05_in_app_mode_reads_only_the_configured_folder(monkeypatch, tmp_path):
    reports = DATA_DIR / "contoh" / "laporan" / "2025-S2"
    monkeypatch.setenv("KIP_APP", "1")
    monkeypatch.setenv("KIP_APP_REPORTS", str(tmp_path))
    (tmp_path / "ke-luar").symlink_to("/etc")
    widget = _notebook_05_check_cell()
    assert widget.path_text in _descendants(widget)
    for outside in ("/etc", str(tmp_path / "ke-luar"), str(tmp_path / ".." / "..")):
        widget.path_text.value = outside
        assert widget.run() is None, outside
        assert f"hanya folder laporan {tmp_path}" in widget.result.value
    widget.path_text.value = str(reports / "DISHUB_2025-S2.xlsx")  # the bundled samples
    assert widget.run() is not None


def test_outside_kip_app_the_path_box_reads_any_folder(monkeypatch):
    monkeypatch.delenv("KIP_APP", raising=False)
    widget = _notebook_05_check_cell()
    assert widget.path_text in _descendants(widget)
    widget.path_text.value = str(DATA_DIR / "contoh" / "laporan" / "2025-S2")
    assert widget.run() is not None


def test_a_session_gets_a_join_address_a_qr_code_and_one_store_for_the_room(
    execv, tmp_path, capsys, monkeypatch
):
    from PIL import Image

    from kip_training.commands import app as app_command
    from kip_training.quiz.bank import default_bank
    from kip_training.quiz.session import create_session
    from kip_training.quiz.store import ResultStore

    for name in ("KIP_DB", "KIP_SESI"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setattr(app_command, "lan_address", lambda: "192.168.10.20")
    room_db = tmp_path / "keluaran" / "hasil_kuis.sqlite"
    with ResultStore(room_db) as store:
        session = create_session(store, "Pelatihan PPID 2026-1", default_bank(), count=3)

    code = cli.main(["app", "04", "--sesi", session.code.lower(), "--ip", "0.0.0.0"])
    assert code == 0
    (argv,) = execv
    assert any(part.endswith("04_kuis_kewajiban_keterbukaan.ipynb") for part in argv)
    assert "--Voila.ip=0.0.0.0" in argv
    assert os.environ["KIP_DB"] == str(room_db)  # every kernel writes to this one file
    assert os.environ["KIP_SESI"] == session.code
    assert "192.168.10.20" in os.environ["KIP_APP_HOSTS"].split(",")
    token = os.environ["KIP_APP_TOKEN"]
    out = capsys.readouterr().out
    join = f"http://192.168.10.20:8866/?token={token}&sesi={session.code}"
    assert join in out and f"Sesi {session.code}: Pelatihan PPID 2026-1 (3 soal)" in out
    assert "▄" in out or "█" in out  # the QR code in the terminal
    png = tmp_path / "keluaran" / f"gabung_sesi_{session.code}.png"
    assert f"Kode QR untuk layar proyektor: {png}" in out
    with Image.open(png) as image:
        assert image.size[0] == image.size[1] >= 300


def test_an_unknown_session_is_a_bad_argument(execv, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KIP_DB", str(tmp_path / "kosong.sqlite"))
    code = cli.main(["app", "04", "--sesi", "ZZZZZZ"])
    assert code == 2 and execv == []
    assert "Sesi dengan kode ZZZZZZ tidak ditemukan" in capsys.readouterr().err
