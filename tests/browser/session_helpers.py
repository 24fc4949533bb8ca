"""Helpers shared by the browser tests of a training session (participants and trainer).

- Participant actions in the quiz notebook, as a person does them: open the join
  address, enter name and OPD, pick an option by its label, press "Periksa".
- ``kip`` commands in a subprocess, the way a trainer runs them in a terminal:
  :func:`kip_run` for a command that ends (``kip sesi mulai``), :func:`kip_start` for a
  server (``kip app``) with its output in a log file, :func:`wait_for_join_url` for the
  address it prints, and :func:`stop` to end it with its kernels.

Playwright is imported inside the functions (the fixtures fail with the install command
when it is missing).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

KIP = [sys.executable, "-m", "kip_training.cli"]


# --------------------------------------------------------------------------- participants


def pick(page, option: str) -> None:
    """Click a radio option by its label, as a participant does."""
    from playwright.sync_api import expect

    radio = page.locator(".kip-soal").get_by_role("radio", name=option, exact=True)
    radio.check()
    expect(radio).to_be_checked()


def enter(page, name: str, opd_label: str, screenshots=None, step: str = "") -> None:
    """On an opened join page: type the name, choose the OPD, press "Mulai"."""
    page.locator(".kip-sesi .kip-mulai").wait_for()
    page.locator(".kip-nama input").fill(name)
    page.locator(".kip-opd select").select_option(label=opd_label)
    if screenshots is not None:
        screenshots.take(page, step, focus=page.locator(".kip-mulai"))
    page.locator(".kip-mulai").click()
    page.locator(".kip-soal").wait_for()


def join(page, url: str, name: str, opd_label: str, screenshots, step: str) -> None:
    """Open the join address and start the quiz as ``name`` of ``opd_label``."""
    page.goto(url)
    enter(page, name, opd_label, screenshots, step)


def answer_and_check(page, text: str, number: int, total: int, right: bool = True) -> None:
    """Question ``number``: pick ``text``, press "Periksa", see the verdict colour."""
    from playwright.sync_api import expect

    expect(page.locator(".kip-nomor")).to_contain_text(f"Soal {number} dari {total}")
    pick(page, text)
    page.locator(".kip-periksa").click()
    feedback = page.locator(".kip-umpan-balik")
    expect(feedback).to_have_class(re.compile(r"\bkip-benar\b" if right else r"\bkip-salah\b"))
    expect(feedback).to_contain_text("Benar" if right else "Salah")


# --------------------------------------------------------------------------- kip commands


def room_env(folder: Path) -> dict[str, str]:
    """The environment of a trainer's terminal: one results store and output folder for
    the room (``KIP_DB``, ``KIP_OUTPUT`` under ``folder``), private Jupyter folders."""
    jupyter = folder / "jupyter"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "IPYTHON", "KIP_", "QUERY_STRING"))
    }
    env.update(
        JUPYTER_CONFIG_DIR=str(jupyter / "config"),
        JUPYTER_DATA_DIR=str(jupyter / "data"),
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        IPYTHONDIR=str(jupyter / "ipython"),
        KIP_DB=str(folder / "keluaran" / "hasil_kuis.sqlite"),
        KIP_OUTPUT=str(folder / "keluaran"),
        PYTHONUNBUFFERED="1",
    )
    return env


def kip_run(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> str:
    """Run ``kip ARGS`` to the end; its output (it must succeed)."""
    done = subprocess.run(
        [*KIP, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"kip {' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_logged(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    """Start a server in its own process group (so :func:`stop` ends its kernels too),
    its output to ``log``."""
    with log.open("wb") as handle:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def kip_start(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    """Start ``kip ARGS`` (a server) in its own process group, output to ``log``."""
    return start_logged([*KIP, *args], env, cwd, log)


def wait_for_join_url(
    process: subprocess.Popen, log: Path, port: int, code: str, timeout: float = 180
) -> str:
    """The join address ``kip app`` printed (token and ``sesi=KODE``), once the server
    listens on ``port``."""
    pattern = re.compile(rf"http://localhost:{port}/\?token=[\w-]+&sesi={code}\b")
    deadline = time.monotonic() + timeout
    while True:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if process.poll() is not None:
            raise AssertionError(f"kip app berhenti (kode {process.returncode}):\n{text}")
        match = pattern.search(text)
        if match:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                return match.group(0)
        if time.monotonic() > deadline:
            raise AssertionError(f"kip app tidak siap dalam {timeout:.0f} detik:\n{text}")
        time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    """End a server started by :func:`kip_start` and its kernels (its process group)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
