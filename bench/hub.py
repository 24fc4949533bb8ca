"""``make bench-hub``: how many participants one machine holds, for the JupyterHub guide.

Starts ``BENCH_HUB_KERNELS`` (default 40) participant kernels with jupyter_client, each
running the code cells of notebook 04 as Voilà runs them for a session link
(``?sesi=KODE``), with ``KIP_DB`` on SQLite (a file) or on PostgreSQL (a throwaway
server from ``tests/pgcluster.py``). Then measures:

- **memory per kernel** after the notebook ran: RSS and PSS (``/proc/<pid>/smaps_rollup``;
  PSS shares the pages kernels have in common, so it is what each one really costs);
  also whether the kernel imported pandas or matplotlib;
- **memory of one user's Jupyter server** (``jupyterhub-singleuser`` is a Jupyter server
  with the hub's login): a ``jupyter server`` with Voilà, after rendering notebook 04 once
  (its kernel not counted). On JupyterHub every participant has one server and one kernel;
  with ``kip app`` (one Voilà for the room) only the kernels count;
- **CPU to join**: kernel start plus the notebook, CPU seconds per participant;
- **answer latency under concurrent clicks**, for N = ``BENCH_HUB_SIZES`` (10, 20, 40)
  kernels at once on each engine: every kernel enters the session and then answers its
  10 questions as fast as it can, all starting at the same instant (far denser than a
  room, where one answer per participant every 20–60 s is usual). Reported: the time of
  the store's write (``ResultStore.record``) and of the whole click ("Periksa": score,
  feedback, write), p50/p95 in ms, and the kernels' CPU per answer.

From these: participants per GB (kernel + server PSS) and per core (CPU per answer at one
answer every 30 s, and the CPU to join). Prints a table; writes ``bench/hub_results.json``.
Nothing is asserted: figures for the guide (``deploy/PANDUAN.md``).
"""

from __future__ import annotations

import json
import os
import platform
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from pgcluster import postgres_cluster  # noqa: E402

from kip_training.quiz.bank import default_bank  # noqa: E402
from kip_training.quiz.session import create_session  # noqa: E402
from kip_training.quiz.store import ResultStore  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "04_kuis_kewajiban_keterbukaan.ipynb"
RESULTS = Path(__file__).resolve().parent / "hub_results.json"
KERNELS = int(os.environ.get("BENCH_HUB_KERNELS", "40"))
SIZES = [int(n) for n in os.environ.get("BENCH_HUB_SIZES", "10,20,40").split(",")]
QUESTIONS = 10
#: One answer per participant every this many seconds, for the per-core figure.
ANSWER_EVERY_S = 30
#: Everybody in within this many seconds, for the joining figure.
JOIN_WITHIN_S = 120
TIMEOUT = 600

#: Enter the session of this round (name known from the first round) and start it.
ENTER = """
import os
os.environ["KIP_DB"] = {db!r}
os.environ["QUERY_STRING"] = "sesi={code}"
__w = quiz_for_notebook(count=10)
__app = __w.app
__app.name_input.value = {name!r}
if __app.opd_dropdown is not None:
    __app.opd_dropdown.value = __app.opd_dropdown.options[1][1]
else:
    __app.opd_input.value = "Dinas Uji"
assert __app.start(), __app.login_message.value
"""

#: Wait for the common start instant, then answer every question as fast as possible.
BURST = """
import json, time
from kip_training.quiz.engine import response_for_correct
__store_s, __click_s = [], []
__record = __app.store.record
def __timed(record):
    began = time.perf_counter()
    try:
        return __record(record)
    finally:
        __store_s.append(time.perf_counter() - began)
__app.store.record = __timed
while time.time() < {start_at}:
    time.sleep(0.001)
for __view in list(__app.views):
    __item = __view.item
    __item.question.qtype.fill_input(__item, __view.inputs, response_for_correct(__item))
    began = time.perf_counter()
    __app.check()
    __click_s.append(time.perf_counter() - began)
    __app.next_question()
__app.store.record = __record
print(json.dumps({{"store": __store_s, "click": __click_s}}))
"""

PROBE = """
import json, sys
print(json.dumps({m: m in sys.modules for m in ("pandas", "matplotlib", "ipywidgets")}))
"""


def _log(text: str) -> None:
    print(f"[bench-hub] {text}", file=sys.stderr, flush=True)


def _cores() -> int:
    return len(os.sched_getaffinity(0))


def memory_kb(pid: int) -> dict[str, int]:
    """RSS and PSS of one process, in kB, from ``/proc/<pid>/smaps_rollup``."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            values[key.lower()] = int(rest.split()[0])
    return values


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Kernel:
    manager: KernelManager
    client: object
    pid: int

    def send(self, code: str, store_history: bool = False) -> str:
        return self.client.execute(code, store_history=store_history, allow_stdin=False)

    def collect(self, msg_id: str) -> str:
        """Wait for ``msg_id`` to finish; its stdout (an error raises)."""
        output, deadline = [], time.monotonic() + TIMEOUT
        while True:
            try:
                message = self.client.get_iopub_msg(timeout=max(1.0, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError("kernel did not answer in time") from None
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream" and content["name"] == "stdout":
                output.append(content["text"])
            elif kind == "error":
                raise RuntimeError("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                return "".join(output)

    def run(self, code: str, store_history: bool = False) -> str:
        return self.collect(self.send(code, store_history))

    def stop(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def run_everywhere(kernels: list[Kernel], code_for, store_history: bool = False) -> list[str]:
    """Send each kernel its code at once, then collect every answer."""
    ids = [k.send(code_for(i), store_history) for i, k in enumerate(kernels)]
    return [k.collect(msg_id) for k, msg_id in zip(kernels, ids, strict=True)]


def notebook_code() -> list[str]:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def start_kernels(count: int, folder: Path, env: dict[str, str]) -> list[Kernel]:
    kernels = []
    for _ in range(count):
        manager = KernelManager(kernel_name="python3")
        # stderr off: every kernel warns about TCP without encryption (loopback only here)
        manager.start_kernel(env=env, cwd=str(folder), stderr=subprocess.DEVNULL)
        kernels.append(Kernel(manager, manager.client(), manager.provisioner.process.pid))
    for kernel in kernels:
        kernel.client.start_channels()
        kernel.client.wait_for_ready(timeout=TIMEOUT)
    return kernels


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_memory(folder: Path, env: dict[str, str], code: str) -> dict[str, float]:
    """PSS/RSS of a Jupyter server with Voilà after rendering notebook 04 once (MB)."""
    port, token = free_port(), "bench-hub"
    home = folder / "server"
    (home / "pelatihan_kip").mkdir(parents=True)
    (home / "pelatihan_kip" / NOTEBOOK.name).write_bytes(NOTEBOOK.read_bytes())
    server_env = {**env, "JUPYTER_TOKEN": token, "QUERY_STRING": ""}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            f"--port={port}",
            "--ip=127.0.0.1",
            "--no-browser",
            f"--ServerApp.root_dir={home}",
            "--allow-root",
        ],
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        page = f"{base}/voila/render/pelatihan_kip/{NOTEBOOK.name}?sesi={code}&token={token}"
        with urllib.request.urlopen(page, timeout=300) as response:
            response.read()
        time.sleep(1)
        memory = memory_kb(process.pid)
        return {
            "rss_mb": memory["rss"] / 1024,
            "pss_mb": memory["pss"] / 1024,
            "cpu_s": cpu_seconds(process.pid),
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


def new_session(db: str) -> str:
    with ResultStore(db) as store:
        session = create_session(
            store, "Bench JupyterHub", default_bank(), count=QUESTIONS, seed=3, max_attempts=99
        )
    return session.code


def main() -> int:
    sizes = [n for n in SIZES if n <= KERNELS]
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-hub-")))
        _log("PostgreSQL server starting")
        pg_url = stack.enter_context(postgres_cluster(folder, fsync=True))
        dbs = {"sqlite": str(folder / "hasil_kuis.sqlite"), "postgresql": pg_url}
        codes = {engine: new_session(db) for engine, db in dbs.items()}
        env = {
            **os.environ,
            "KIP_DB": dbs["sqlite"],
            "QUERY_STRING": f"sesi={codes['sqlite']}",
            "KIP_OUTPUT": str(folder / "keluaran"),
            "HOME": str(folder),
        }
        _log(f"{KERNELS} kernels starting and running notebook 04")
        began = time.monotonic()
        kernels = start_kernels(KERNELS, folder, env)
        stack.callback(lambda: [k.stop() for k in kernels])
        cells = notebook_code()
        for cell in cells:
            run_everywhere(kernels, lambda _i, cell=cell: cell, store_history=True)
        joined_s = time.monotonic() - began
        join_cpu = [cpu_seconds(k.pid) for k in kernels]
        time.sleep(1)
        memory = [memory_kb(k.pid) for k in kernels]
        modules = json.loads(kernels[0].run(PROBE))
        _log("one Jupyter server with Voilà")
        server = server_memory(folder, env, codes["sqlite"])

        rounds = []
        for engine, db in dbs.items():
            for size in sizes:
                group = kernels[:size]
                run_everywhere(
                    group,
                    lambda i, db=db, engine=engine: ENTER.format(
                        db=db, code=codes[engine], name=f"Peserta {i + 1:02d}"
                    ),
                )
                cpu_before = [cpu_seconds(k.pid) for k in group]
                start_at = time.time() + 1.0 + 0.05 * size
                outputs = run_everywhere(group, lambda _i, s=start_at: BURST.format(start_at=s))
                cpu = sum(cpu_seconds(k.pid) for k in group) - sum(cpu_before)
                store_s = [t for out in outputs for t in json.loads(out)["store"]]
                click_s = [t for out in outputs for t in json.loads(out)["click"]]
                rounds.append(
                    {
                        "engine": engine,
                        "kernels": size,
                        "answers": len(store_s),
                        "store_p50_ms": percentile(store_s, 0.5) * 1000,
                        "store_p95_ms": percentile(store_s, 0.95) * 1000,
                        "click_p50_ms": percentile(click_s, 0.5) * 1000,
                        "click_p95_ms": percentile(click_s, 0.95) * 1000,
                        "cpu_ms_per_answer": cpu / len(click_s) * 1000,
                    }
                )
                _log(f"{engine} N={size}: {rounds[-1]['store_p95_ms']:.1f} ms p95 at the store")
            with ResultStore(db) as store:
                stored = store.count()
            expected = sum(r["answers"] for r in rounds if r["engine"] == engine)
            if stored != expected:
                raise SystemExit(f"{engine}: {stored} answers stored, {expected} given")

    pss = [m["pss"] / 1024 for m in memory]
    rss = [m["rss"] / 1024 for m in memory]
    per_participant_mb = statistics.mean(pss) + server["pss_mb"]
    cpu_answer_ms = max(r["cpu_ms_per_answer"] for r in rounds)
    join_cpu_s = statistics.mean(join_cpu)
    hub_join_cpu_s = join_cpu_s + server["cpu_s"]
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {_cores()} cores",
        "python": platform.python_version(),
        "kernels": KERNELS,
        "kernel_pss_mb_mean": statistics.mean(pss),
        "kernel_pss_mb_max": max(pss),
        "kernel_rss_mb_mean": statistics.mean(rss),
        "kernel_imports": modules,
        "server_pss_mb": server["pss_mb"],
        "server_rss_mb": server["rss_mb"],
        "join_cpu_s_per_participant": join_cpu_s,
        "server_start_cpu_s": server["cpu_s"],
        "join_wall_s_all_kernels": joined_s,
        "rounds": rounds,
        "participants_per_gb_hub": 1024 / per_participant_mb,
        "participants_per_gb_kip_app": 1024 / statistics.mean(pss),
        "participants_per_core_answering": ANSWER_EVERY_S * 1000 / cpu_answer_ms,
        "participants_per_core_joining_kip_app": JOIN_WITHIN_S / join_cpu_s,
        "participants_per_core_joining_hub": JOIN_WITHIN_S / hub_join_cpu_s,
    }
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(report(result))
    return 0


def report(result: dict) -> str:
    lines = [
        f"Mesin: {result['machine']}; {result['kernels']} kernel peserta (notebook 04).",
        f"Memori per kernel: PSS {result['kernel_pss_mb_mean']:.0f} MB rata-rata "
        f"(maks {result['kernel_pss_mb_max']:.0f}), RSS {result['kernel_rss_mb_mean']:.0f} MB; "
        f"modul: {result['kernel_imports']}",
        f"Server Jupyter per pengguna hub: PSS {result['server_pss_mb']:.0f} MB "
        f"(RSS {result['server_rss_mb']:.0f} MB)",
        f"CPU untuk bergabung: kernel {result['join_cpu_s_per_participant']:.1f} s per peserta "
        f"({result['kernels']} kernel siap dalam {result['join_wall_s_all_kernels']:.0f} s); "
        f"server Jupyter {result['server_start_cpu_s']:.1f} s (mulai + halaman Voilà)",
        "",
        f"{'basis data':<11} {'N':>3} {'jawaban':>7} {'simpan p50':>10} {'p95':>7} "
        f"{'klik p50':>9} {'p95':>7} {'CPU/jwb':>8}",
    ]
    for r in result["rounds"]:
        lines.append(
            f"{r['engine']:<11} {r['kernels']:>3} {r['answers']:>7} "
            f"{r['store_p50_ms']:>8.1f}ms {r['store_p95_ms']:>5.1f}ms "
            f"{r['click_p50_ms']:>7.1f}ms {r['click_p95_ms']:>5.1f}ms "
            f"{r['cpu_ms_per_answer']:>6.1f}ms"
        )
    lines += [
        "",
        f"Peserta per GB: {result['participants_per_gb_hub']:.1f} di JupyterHub "
        f"(kernel + server), {result['participants_per_gb_kip_app']:.1f} dengan kip app",
        f"Peserta per inti CPU: {result['participants_per_core_answering']:.0f} saat menjawab "
        f"(1 jawaban / {ANSWER_EVERY_S} s); bergabung dalam {JOIN_WITHIN_S} s: "
        f"{result['participants_per_core_joining_hub']:.0f} di JupyterHub, "
        f"{result['participants_per_core_joining_kip_app']:.0f} dengan kip app",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
