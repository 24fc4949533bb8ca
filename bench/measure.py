"""Timing helpers of the benchmark: the floor, the naive way, and commands run as a user would.

Memory of a command is measured two ways, both over the whole process tree (the
``kip`` process and the worker processes of its pool):

- ``tree_peak_mb``: the largest *sum* of resident memory of the tree, sampled from
  ``/proc`` every 20 ms (pages shared by forked workers are counted once per process,
  so this errs high);
- ``largest_process_mb``: the peak resident memory of the single largest process, from
  ``wait4`` (the kernel's ``ru_maxrss``; the workers are waited for by ``kip``, so they
  are included).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def kip_command() -> list[str]:
    """The installed ``kip`` script next to this Python, else ``python -m kip_training.cli``."""
    script = Path(sys.executable).with_name("kip")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "kip_training.cli"]  # pragma: no cover


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants, now."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _rss(current)
        stack.extend(_children(current))
    return total


@dataclass
class CommandRun:
    argv: list[str]
    seconds: float
    returncode: int
    tree_peak_mb: float
    largest_process_mb: float
    stderr_tail: str


def run_command(
    argv: Sequence[str], interval: float = 0.02, env: dict[str, str] | None = None
) -> CommandRun:
    """Run a command (stdout discarded), timing it and sampling its tree's memory.

    ``env`` adds to (or overrides) this process's environment.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        list(argv),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env} if env else None,
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(process.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read()  # until the command closes it (it ends)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return CommandRun(
        list(argv),
        seconds,
        process.returncode,
        peak[0] / 2**20,
        usage.ru_maxrss / 1024,  # kilobytes on Linux
        stderr[-2000:],
    )


def warm_page_cache(files: Sequence[Path]) -> int:
    """Read every file once so no measurement pays for the disk."""
    total = 0
    for path in files:
        total += len(Path(path).read_bytes())
    return total


def floor(files: Sequence[Path]) -> tuple[float, int]:
    """Every sheet of every file into Python values with python-calamine; nothing else."""
    from python_calamine import CalamineWorkbook

    rows = 0
    started = time.perf_counter()
    for path in files:
        workbook = CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            rows += len(workbook.get_sheet_by_name(name).to_python())
    return time.perf_counter() - started, rows


def _floor_share(paths: list[str]) -> int:
    from python_calamine import CalamineWorkbook

    rows = 0
    for path in paths:
        workbook = CalamineWorkbook.from_path(path)
        for name in workbook.sheet_names:
            rows += len(workbook.get_sheet_by_name(name).to_python())
    return rows


def floor_all_cores(files: Sequence[Path], cores: int) -> float:
    """The floor's work (every sheet into Python values) spread over ``cores`` processes.

    Nothing can read the reports faster on this machine: it bounds what is left, within
    the single-process floor, for everything else a command does (start-up, parsing,
    checks, metrics, the deck).
    """
    import multiprocessing

    paths = [str(p) for p in files]
    shares = [paths[i::cores] for i in range(cores)]
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with context.Pool(cores) as pool:
        pool.map(_floor_share, shares)
    return time.perf_counter() - started


def startup(argv: Sequence[str], runs: int = 3) -> float:
    """Best wall time of a short command (the start-up every ``kip`` command pays)."""
    return min(run_command(argv).seconds for _ in range(runs))


def naive(files: Sequence[Path]) -> tuple[float, dict[str, int]]:
    """What a user would write: ``read_excel(sheet_name=None, engine="openpyxl")``, then concat."""
    import pandas as pd

    started = time.perf_counter()
    by_sheet: dict[str, list] = {}
    for path in files:
        for name, frame in pd.read_excel(path, sheet_name=None, engine="openpyxl").items():
            by_sheet.setdefault(name, []).append(frame)
    combined = {name: pd.concat(frames, ignore_index=True) for name, frames in by_sheet.items()}
    seconds = time.perf_counter() - started
    return seconds, {name: len(frame) for name, frame in combined.items()}


def peer_calamine(files: Sequence[Path]) -> tuple[float, dict[str, int]]:
    """What a user would write today: ``read_excel(sheet_name=None, engine="calamine")``.

    Per file, every sheet into a DataFrame, then ``pandas.concat`` per sheet: reading
    only (no checks, no deck), one process.
    """
    import pandas as pd

    started = time.perf_counter()
    by_sheet: dict[str, list] = {}
    for path in files:
        for name, frame in pd.read_excel(path, sheet_name=None, engine="calamine").items():
            by_sheet.setdefault(name, []).append(frame)
    combined = {name: pd.concat(frames, ignore_index=True) for name, frames in by_sheet.items()}
    seconds = time.perf_counter() - started
    return seconds, {name: len(frame) for name, frame in combined.items()}
