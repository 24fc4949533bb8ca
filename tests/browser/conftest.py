"""Fixtures for the browser tests: a Jupyter server or Voilà, and Debian's Chromium.

The servers run on a free localhost port with a token, in a temporary folder holding a
copy of the notebook (so JupyterLab never saves outputs into ``notebooks/``), with
their own Jupyter config/data/runtime folders and a temporary results store
(``KIP_DB``). They are stopped whatever happens.

Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright for Python; Playwright
never downloads a browser of its own. Without Chromium the tests fail (they are not
skipped) with the command that installs it.

Screenshots of every step go to ``build/screenshots/<test name>/`` (``build/`` is
git-ignored); the folders are listed at the end of the pytest run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from session_helpers import free_port, start_logged, stop

from kip_training.paths import NOTEBOOKS_DIR

INSTALL_CHROMIUM = (
    f"Chromium tidak ditemukan di {CHROMIUM}. Pasang dengan: sudo apt-get install chromium "
    "(.ci/run memasangnya otomatis). / Chromium is missing at {path}: install it with "
    "`sudo apt-get install chromium` (.ci/run does it for you)."
).replace("{path}", str(CHROMIUM))
INSTALL_PLAYWRIGHT = (
    "Playwright untuk Python belum terpasang. Jalankan: make install "
    "(atau .venv/bin/pip install -e '.[dev]'). Jangan jalankan `playwright install`: "
    "tes ini memakai Chromium dari Debian."
)
SCREENSHOT_ROOT = Path(__file__).resolve().parents[2] / "build" / "screenshots"
SERVER_START_TIMEOUT = 90.0
TOKEN = "kip-uji-peramban"
VIEWPORT = {"width": 1280, "height": 900}
#: Generous wait for anything the kernel has to compute before the page shows it.
UI_TIMEOUT_MS = 60_000

_SCREENSHOT_DIRS: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: real-browser test (Chromium + Playwright); runs in the default run"
    )


def pytest_terminal_summary(terminalreporter) -> None:
    if _SCREENSHOT_DIRS:
        terminalreporter.section("tangkapan layar (screenshots)")
        for folder in _SCREENSHOT_DIRS:
            count = len(list(folder.glob("*.png")))
            terminalreporter.write_line(f"{folder} ({count} PNG)")


@dataclass
class Server:
    """A Jupyter or Voilà server started for one test."""

    base_url: str
    token: str
    folder: Path
    db_path: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    def url(self, path: str = "") -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}/{path.lstrip('/')}{sep}token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def _wait_until_answers(server: Server, probe: str, timeout: float, strict: bool = True) -> None:
    """Poll ``probe`` until it answers 200 (or, when not ``strict``, any HTTP answer)."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(
                f"Server berhenti sebelum siap (kode {server.process.returncode}).\n"
                f"{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(server.url(probe), timeout=5) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as exc:
            if not strict:  # it answers (with an error page): it is up
                return
            last_error = exc
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = exc
        time.sleep(0.25)
    pytest.fail(
        f"Server tidak menjawab dalam {timeout:.0f} detik ({last_error}).\n{server.log_tail()}"
    )


def _server_env(folder: Path) -> dict[str, str]:
    """Environment with private Jupyter folders and a temporary results store."""
    jupyter = folder / "jupyter"
    config = jupyter / "config"
    (config / "labconfig").mkdir(parents=True, exist_ok=True)
    # No news/announcement pop-up over the notebook.
    (config / "labconfig" / "page_config.json").write_text(
        '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}\n',
        encoding="utf-8",
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "IPYTHON", "KIP_"))
    }
    env.update(
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_DATA_DIR=str(jupyter / "data"),
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(jupyter / "lab-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(jupyter / "lab-workspaces"),
        IPYTHONDIR=str(jupyter / "ipython"),
        KIP_DB=str(folder / "hasil_kuis.sqlite"),
        KIP_OUTPUT=str(folder / "keluaran"),
        PYTHONUNBUFFERED="1",
    )
    return env


def launch(
    command: list[str],
    port: int,
    work: Path,
    env: dict[str, str],
    log_path: Path,
    started: list[subprocess.Popen],
    probe: str = "api/status",
    strict: bool = True,
) -> Server:
    """Start a Jupyter server (``command``, listening on ``port``, serving ``work``), add
    it to ``started`` (to be stopped) and wait until ``probe`` answers."""
    process = start_logged(command, env, work, log_path)
    started.append(process)
    server = Server(
        base_url=f"http://127.0.0.1:{port}",
        token=TOKEN,
        folder=work,
        db_path=Path(env["KIP_DB"]),
        log_path=log_path,
        process=process,
    )
    _wait_until_answers(server, probe, SERVER_START_TIMEOUT, strict)
    return server


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator:
    """``start_server(kind, notebook)`` -> :class:`Server` (kind: "lab" or "voila").

    The notebook is copied to a temporary folder the server serves from; every server
    started is stopped at the end of the test, whatever happens.
    """
    started: list[subprocess.Popen] = []

    def start(kind: str, notebook: str) -> Server:
        folder = tmp_path / f"server-{kind}"
        work = folder / "notebooks"
        work.mkdir(parents=True)
        shutil.copy2(NOTEBOOKS_DIR / notebook, work / notebook)
        env = _server_env(folder)
        port = free_port()
        if kind == "lab":
            command = [
                sys.executable,
                "-m",
                "jupyter",
                "lab",
                "--no-browser",
                "--allow-root",
                "--ServerApp.ip=127.0.0.1",
                f"--port={port}",
                f"--IdentityProvider.token={TOKEN}",
                f"--ServerApp.root_dir={work}",
                "--ServerApp.open_browser=False",
                "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            ]
            probe, strict = "api/status", True
        elif kind == "voila":
            command = [
                sys.executable,
                "-m",
                "voila",
                str(work / notebook),
                "--no-browser",
                "--Voila.ip=127.0.0.1",
                f"--port={port}",
                f"--Voila.token={TOKEN}",
            ]
            # Any answer will do: requesting the notebook itself would start a kernel.
            probe, strict = "api/status", False
        else:
            raise ValueError(kind)
        return launch(command, port, work, env, folder / f"{kind}.log", started, probe, strict)

    try:
        yield start
    finally:
        for process in started:
            stop(process)


def _playwright():
    """Playwright's sync API on Debian's Chromium (a clear failure when either is missing),
    with the expectations' timeout set."""
    if not CHROMIUM.exists():
        pytest.fail(INSTALL_CHROMIUM, pytrace=False)
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail(INSTALL_PLAYWRIGHT, pytrace=False)
    expect.set_options(timeout=UI_TIMEOUT_MS)
    return sync_playwright()


@pytest.fixture
def browser_context(tmp_path: Path) -> Iterator:
    """A Playwright browser context on Debian's Chromium with a fresh user-data dir."""
    with _playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profil"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            locale="id-ID",
        )
        context.set_default_timeout(UI_TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context):
    """A new page in the browser context (console errors printed on failure)."""
    page = browser_context.new_page()
    page.on("pageerror", lambda error: print(f"[pageerror] {error}"))
    return page


class Screenshots:
    """Numbered screenshots of the steps of one test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def take(self, page, step: str, focus=None) -> Path:
        """Screenshot of the page (after scrolling ``focus`` into view, when given)."""
        if focus is not None:
            focus.scroll_into_view_if_needed()
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.screenshot(path=str(path))
        return path


@pytest.fixture
def screenshots(request: pytest.FixtureRequest) -> Screenshots:
    """``build/screenshots/<test name>/``, emptied first; its path is printed."""
    folder = SCREENSHOT_ROOT / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    _SCREENSHOT_DIRS.append(folder)
    print(f"Tangkapan layar: {folder}")
    return Screenshots(folder)


@pytest.fixture
def new_context() -> Iterator:
    """``new_context()`` -> a fresh browser context (own cookies, downloads allowed) on one
    Chromium: several participants in one test, each in a context of their own."""
    with _playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        contexts = []

        def make():
            context = browser.new_context(viewport=VIEWPORT, locale="id-ID", accept_downloads=True)
            context.set_default_timeout(UI_TIMEOUT_MS)
            contexts.append(context)
            return context

        try:
            yield make
        finally:
            for context in contexts:
                context.close()
            browser.close()
