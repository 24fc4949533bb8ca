"""A training room on JupyterHub (deploy/jupyterhub_config.py) with a shared PostgreSQL store.

JupyterHub runs here with the deployment's own configuration, changed only where a test
machine must differ: free local ports, a temporary folder, and
``SimpleLocalProcessSpawner`` (servers run as the current account, no system users).
Participants log in with the room password through the hub's login form, their servers
copy the notebooks into their home and open on the quiz; each answers through the quiz
widget in a kernel of their own server (Jupyter's REST and websocket API), and the
trainer, logged in with the trainer's password, sees both on the dashboard: read from
the trainer's own server, and in Chromium on the page the trainer lands on.

Needs ``configurable-http-proxy`` (npm; ``.ci/run`` installs it) and PostgreSQL's server
programs (``tests/pgcluster.py``). Hub, proxy and every server are stopped in ``finally``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
import requests
import yaml
from chromium import CHROMIUM, CHROMIUM_ARGS
from pgcluster import free_port
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from kip_training import hub as kip_hub
from kip_training.quiz.bank import default_bank
from kip_training.quiz.session import Session, create_session
from kip_training.quiz.store import ResultStore

ROOT = Path(__file__).resolve().parents[1]
HUB_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
HELM_VALUES = ROOT / "deploy" / "helm" / "values.yaml"
BIN = Path(sys.executable).parent
ROOM_PASSWORD = "ruang-pelatihan-1"
TRAINER_PASSWORD = "sandi-pelatih-yang-panjang-0123456789"
TRAINER = "pelatih"
#: Hub user name -> (name typed in the quiz, OPD typed in the quiz, questions right).
PARTICIPANTS = {
    "siti": ("Siti Rahmawati", "Dinas Kesehatan", 3),
    "budi": ("Budi Santoso", "Dinas Pendidikan", 1),
}
QUESTIONS = 3
SESSION_TITLE = "Pelatihan PPID Pembantu di JupyterHub"
SERVICE_TOKEN = uuid.uuid4().hex
START_TIMEOUT = 180.0
SCREENSHOTS = ROOT / "build" / "screenshots" / "test_hub"
INSTALL_PROXY = (
    "configurable-http-proxy tidak ditemukan. Pasang dengan: "
    "npm install -g configurable-http-proxy (.ci/run memasangnya otomatis)."
)

#: Run in a participant's kernel: notebook 04's quiz cell as Voilà runs it for the trainer's
#: session link (``?sesi=KODE`` reaches the kernel as ``QUERY_STRING``), answered by "clicks".
PARTICIPANT_CODE = """
import json, os
os.environ["QUERY_STRING"] = "sesi={code}"
from kip_training.exercises.quiz_setup import quiz_for_notebook
from kip_training.quiz.engine import response_for_correct, response_for_wrong

app = quiz_for_notebook(count=10).app
app.name_input.value = {name!r}
if app.opd_dropdown is not None:
    app.opd_dropdown.value = app.opd_dropdown.options[1][1]
else:
    app.opd_input.value = {opd!r}
assert app.start(), app.login_message.value
for number, view in enumerate(app.views):
    right = number < {right}
    response = (response_for_correct if right else response_for_wrong)(view.item)
    view.item.question.qtype.fill_input(view.item, view.inputs, response)
    app.check()
    app.next_question()
app.finish()
failed = [v.item.id for v in app.views if "kip-gagal-simpan" in v.feedback.value]
print(json.dumps({{"engine": os.environ["KIP_DB"].split(":")[0], "answered": len(app.results),
                  "not_saved": failed, "cwd": os.getcwd()}}))
"""

#: Run in the trainer's kernel: what the dashboard's participant table is made of.
TRAINER_CODE = """
import json
from kip_training.quiz.analytics import answers_frame, participant_progress
from kip_training.quiz.store import ResultStore

with ResultStore() as store:
    progress = participant_progress(answers_frame(store.answers(session={session!r})))
print(json.dumps(progress[["peserta", "jawaban", "benar"]].to_dict("records")))
"""


@dataclass
class Hub:
    """A JupyterHub started for the tests."""

    url: str
    folder: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {SERVICE_TOKEN}"}

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(
            method, f"{self.url}/hub/api/{path}", headers=self.headers, timeout=60, **kwargs
        )

    def log_tail(self, lines: int = 60) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def login(self, name: str, password: str) -> tuple[requests.Response, requests.Session]:
        """Fill in the hub's login form: the answer (302 = logged in) and the browser session."""
        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=30).raise_for_status()
        response = session.post(
            f"{self.url}/hub/login",
            data={"username": name, "password": password, "_xsrf": session.cookies["_xsrf"]},
            allow_redirects=False,
            timeout=30,
        )
        return response, session

    def open_home(self, session: requests.Session) -> requests.Response:
        """What the browser shows after logging in: spawn, wait, follow to the server."""
        response = session.get(f"{self.url}/hub/spawn", timeout=START_TIMEOUT)
        if "/spawn-pending/" in response.url:  # the server takes a while: wait like the page
            name = response.url.rstrip("/").rsplit("/", 1)[-1]
            self.wait_ready(name)
            response = session.get(f"{self.url}/user/{name}/", timeout=START_TIMEOUT)
        return response

    def join_link(self, code: str) -> str:
        """The session link a trainer hands out on the hub: it opens each user's own server."""
        return f"{self.url}/hub/user-redirect{kip_hub.default_url(trainer=False)}?sesi={code}"

    def wait_ready(self, name: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            server = self.api("GET", f"users/{name}").json().get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        pytest.fail(f"Server {name} tidak siap.\n{self.log_tail()}")

    def execute(self, name: str, code: str) -> str:
        """Run ``code`` in a new kernel of ``name``'s server; returns what it printed."""
        return asyncio.run(self._execute(name, code))

    async def _execute(self, name: str, code: str) -> str:
        kernel = requests.post(
            f"{self.url}/user/{name}/api/kernels", headers=self.headers, json={}, timeout=60
        )
        kernel.raise_for_status()
        kernel_id = kernel.json()["id"]
        ws_url = self.url.replace("http://", "ws://") + f"/user/{name}/api/kernels/{kernel_id}"
        connection = await websocket_connect(
            HTTPRequest(f"{ws_url}/channels", headers=self.headers, connect_timeout=60)
        )
        try:
            return await _run_code(connection, code)
        finally:
            connection.close()
            requests.delete(
                f"{self.url}/user/{name}/api/kernels/{kernel_id}", headers=self.headers, timeout=60
            )


async def _run_code(connection, code: str, timeout: float = 180.0) -> str:
    """Send an execute_request over a kernel websocket; collect stdout until idle."""
    msg_id = uuid.uuid4().hex
    message = {
        "header": {
            "msg_id": msg_id,
            "username": "uji",
            "session": uuid.uuid4().hex,
            "msg_type": "execute_request",
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": {},
        "content": {
            "code": code,
            "silent": False,
            "store_history": False,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
        "channel": "shell",
        "buffers": [],
    }
    await connection.write_message(json.dumps(message))
    output: list[str] = []
    replied = idle = False
    deadline = time.monotonic() + timeout
    while not (replied and idle):
        raw = await asyncio.wait_for(connection.read_message(), deadline - time.monotonic())
        if raw is None:
            raise RuntimeError("Koneksi ke kernel terputus.")
        if isinstance(raw, bytes):
            continue  # binary widget buffers
        reply = json.loads(raw)
        if reply.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = reply["msg_type"], reply["content"]
        if kind == "stream" and content["name"] == "stdout":
            output.append(content["text"])
        elif kind == "error":
            raise RuntimeError("\n".join(content["traceback"]))
        elif kind == "execute_reply":
            replied = True
        elif kind == "status" and content["execution_state"] == "idle":
            idle = True
    return "".join(output)


def _hub_config(folder: Path, port: int) -> Path:
    """The deployment's config, then what differs on a test machine."""
    home = folder / "home" / "{username}"
    root_only = '["--allow-root"]' if os.geteuid() == 0 else "[]"
    text = f"""
    c = get_config()  # noqa: F821
    load_subconfig({str(HUB_CONFIG)!r})  # noqa: F821
    c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = {free_port()}
    c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = {str(home)!r}
    c.Spawner.args = {root_only}
    c.JupyterHub.services.append({{"name": "uji", "api_token": {SERVICE_TOKEN!r}}})
    c.JupyterHub.load_roles.append(
        {{
            "name": "uji",
            "scopes": ["admin:users", "admin:servers", "access:servers"],
            "services": ["uji"],
        }}
    )
    """
    path = folder / "jupyterhub_config.py"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _stop_tree(process: subprocess.Popen, folder: Path) -> None:
    """Stop the hub (it stops the proxy and the servers), then anything left in ``folder``."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # the proxy and services, if still there
    for proc in psutil.process_iter(["cwd"]):
        with contextlib.suppress(psutil.Error):
            cwd = proc.info["cwd"]
            if cwd and Path(cwd).is_relative_to(folder):
                proc.kill()


@contextlib.contextmanager
def running_hub(folder: Path, db_url: str) -> Iterator[Hub]:
    if shutil.which("configurable-http-proxy") is None:
        pytest.fail(INSTALL_PROXY, pytrace=False)
    port = free_port()
    config = _hub_config(folder, port)
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),
        "KIP_HUB_DB": db_url,
        "KIP_HUB_SANDI": ROOM_PASSWORD,
        "KIP_HUB_SANDI_PELATIH": TRAINER_PASSWORD,
        "KIP_HUB_PELATIH": TRAINER,
    }
    env.pop("KIP_DB", None)
    log_path = folder / "jupyterhub.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(f"http://127.0.0.1:{port}", folder, log_path, process)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterHub berhenti (kode {process.returncode}).\n{hub.log_tail()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{hub.url}/hub/api/", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterHub tidak menjawab.\n{hub.log_tail()}")
            time.sleep(0.5)
        yield hub
    finally:
        _stop_tree(process, folder)


@dataclass
class Room:
    hub: Hub
    session: Session
    landing: dict[str, requests.Response]
    joined: dict[str, requests.Response]
    answered: dict[str, dict]


@pytest.fixture(scope="module")
def room(tmp_path_factory, pg_url) -> Iterator[Room]:
    """The trainer's session on the hub, both participants through its quiz in their kernels."""
    folder = tmp_path_factory.mktemp("hub")
    folder.chmod(0o755)
    with ResultStore(pg_url) as store:  # what `kip sesi mulai` does with KIP_DB on the server
        session = create_session(store, SESSION_TITLE, default_bank(), count=QUESTIONS, seed=5)
    with running_hub(folder, pg_url) as hub:
        landing, joined, answered = {}, {}, {}
        for user, (name, opd, right) in PARTICIPANTS.items():
            answer, browser = hub.login(user, ROOM_PASSWORD)
            assert answer.status_code == 302, hub.log_tail()
            landing[user] = hub.open_home(browser)
            joined[user] = browser.get(hub.join_link(session.code), timeout=START_TIMEOUT)
            code = PARTICIPANT_CODE.format(code=session.code, name=name, opd=opd, right=right)
            answered[user] = json.loads(hub.execute(user, code))
        yield Room(hub, session, landing, joined, answered)


def test_room_password_lets_participants_in_and_trainers_need_their_own(room):
    hub = room.hub
    page = requests.get(f"{hub.url}/hub/login", timeout=30).text
    assert "kata sandi ruangan" in page and "Masuk" in page
    refused, _browser = hub.login("dewi", "sandi-yang-salah")
    assert refused.status_code == 403
    assert "Nama pengguna atau kata sandi salah" in refused.text
    # a trainer's name with the room password is refused: only the trainer password opens it
    assert hub.login(TRAINER, ROOM_PASSWORD)[0].status_code == 403
    users = {user["name"]: user for user in hub.api("GET", "users").json()}
    assert users[TRAINER]["admin"] is True
    assert not users["siti"]["admin"] and not users["budi"]["admin"]


def test_participants_land_on_the_quiz_with_the_notebooks_in_their_home(room):
    for user, response in room.landing.items():
        assert response.status_code == 200
        assert response.url.split("?")[0].endswith(
            f"/user/{user}{kip_hub.default_url(trainer=False)}"
        )
        # Voilà ran notebook 04 on the participant's server: its title, in Indonesian
        assert "Kuis Kewajiban Keterbukaan" in response.text
        assert '<html lang="id">' in response.text
        folder = room.hub.folder / "home" / user / kip_hub.FOLDER
        assert (folder / kip_hub.PARTICIPANT_NOTEBOOK).is_file()
        assert (folder / kip_hub.TRAINER_NOTEBOOK).is_file()
        assert room.answered[user]["cwd"] == str(room.hub.folder / "home" / user)


def test_the_session_link_opens_the_quiz_on_each_participants_own_server(room):
    for user, response in room.joined.items():
        assert response.status_code == 200
        assert response.url == (
            f"{room.hub.url}/user/{user}{kip_hub.default_url(trainer=False)}"
            f"?sesi={room.session.code}"
        )
        assert "Kuis Kewajiban Keterbukaan" in response.text


def test_each_participant_answers_in_their_own_server_into_postgresql(room):
    for user in PARTICIPANTS:
        assert room.answered[user] == {
            "engine": "postgresql",
            "answered": QUESTIONS,
            "not_saved": [],
            "cwd": str(room.hub.folder / "home" / user),
        }


def test_trainer_sees_both_participants_on_the_dashboard(room):
    """The trainer logs in in Chromium, lands on notebook 06 and finds both participants."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
            page.set_default_timeout(START_TIMEOUT * 1000)
            expect.set_options(timeout=START_TIMEOUT * 1000)
            page.goto(f"{room.hub.url}/hub/login")
            page.fill("#username_input", TRAINER)
            page.fill("#password_input", TRAINER_PASSWORD)
            page.screenshot(path=str(SCREENSHOTS / "01-masuk-pelatih.png"))
            page.click("#login_submit")
            page.wait_for_url(f"**/user/{TRAINER}{kip_hub.default_url(trainer=True)}*")
            page.get_by_role("tab", name="Peserta", exact=True).first.click()
            for name, _opd, _right in PARTICIPANTS.values():
                expect(page.get_by_text(name).first).to_be_visible()
            page.get_by_text(PARTICIPANTS["siti"][0]).first.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / "02-dasbor-pelatih-peserta.png"))
        finally:
            browser.close()
    # the same figures, read in a kernel of the trainer's own server
    code = TRAINER_CODE.format(session=room.session.session_id)
    rows = json.loads(room.hub.execute(TRAINER, code))
    seen = {row["peserta"]: (row["jawaban"], row["benar"]) for row in rows}
    assert seen == {name: (QUESTIONS, right) for name, _opd, right in PARTICIPANTS.values()}


def test_notebooks_are_copied_once_and_a_participants_edits_survive_a_restart(tmp_path):
    copied = kip_hub.copy_notebooks(tmp_path)
    folder = tmp_path / kip_hub.FOLDER
    assert folder / kip_hub.PARTICIPANT_NOTEBOOK in copied
    assert folder / kip_hub.TRAINER_NOTEBOOK in copied
    (folder / kip_hub.PARTICIPANT_NOTEBOOK).write_text("{}", encoding="utf-8")
    assert kip_hub.copy_notebooks(tmp_path) == []
    assert (folder / kip_hub.PARTICIPANT_NOTEBOOK).read_text(encoding="utf-8") == "{}"


def test_helm_values_start_the_same_servers_as_the_hub_config():
    """Kubernetes users get the same start command, landing pages, store and culling."""
    values = yaml.safe_load(HELM_VALUES.read_text(encoding="utf-8"))
    single = values["singleuser"]
    assert single["cmd"][1:] == ["-m", "kip_training.hub", "jupyterhub-singleuser"]
    assert single["defaultUrl"] == kip_hub.default_url(trainer=False)
    assert single["extraEnv"]["KIP_DB"]["valueFrom"]["secretKeyRef"]["name"] == "kip-db"
    landing = values["hub"]["extraConfig"]["kip-halaman-awal"]
    assert kip_hub.default_url(trainer=False) in landing
    assert kip_hub.default_url(trainer=True) in landing
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "shared-password"
    assert values["cull"]["enabled"] is True
