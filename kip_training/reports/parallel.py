"""The process pool that loads a large folder of reports on every core.

:func:`map_chunks` splits the report files into chunks and runs a loading function on
each: in a process pool when there are many files (fork on Linux), else here, in
order. The chunks come back in file order, so the result does not depend on the pool
or on how the files were split. Nothing here knows what a report is: the loading
function and its arguments come from :mod:`kip_training.reports.load`.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

# Imported before forking, so every worker inherits them instead of importing them.
from kip_training.reports import read, validate  # noqa: F401

#: Below this many files the pool costs more (start-up, pickling) than it saves.
POOL_MIN_FILES = 48
#: Chunks per worker: enough to balance uneven files, few enough to keep pickling cheap.
CHUNKS_PER_WORKER = 8
#: Files parsed together: enough to share the work per distinct value, few enough to keep
#: the cells of one chunk (about 15 MB for 64 reports of 300 requests) small.
CHUNK_FILES = 64

T = TypeVar("T")
Groups = list[list[Any]]

_WORKER: tuple = ()  # (function, arguments) of this worker process


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while loading.

    Loading creates hundreds of thousands of objects (cells, values, issues) and almost
    no reference cycles; each full collection walks all of them, so the collector's
    cost grows with the number of files (about 15 % of a 1,000-file load). Reference
    counting still frees memory as usual; the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _init_worker(function: Callable, args: tuple) -> None:
    global _WORKER
    _WORKER = (function, args)
    gc.freeze()  # objects inherited by fork: never scanned, so never copied on write


def _run_in_worker(groups: Groups):
    function, args = _WORKER
    return function(groups, *args)


def available_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _pool_context(explicit: bool):
    """The start method for the pool, or None to stay in this process.

    Fork (Linux, and only while this process runs no other thread) starts workers in
    milliseconds with every module already imported. Other start methods re-import the
    caller's main module in each worker (a script without an ``if __name__ ==
    "__main__"`` guard would run again) and import pandas first (about a second): they
    are used only when the caller asked for workers explicitly.
    """
    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn") if explicit else None


def map_chunks(
    function: Callable[..., T],
    groups: Groups,
    args: Sequence[Any],
    workers: int | None = None,
    pool_min_files: int = POOL_MIN_FILES,
    before_pool: Callable[[], Any] | None = None,
) -> list[T]:
    """``function(chunk, *args)`` for consecutive chunks of ``groups``, in order.

    With ``pool_min_files`` groups or more and more than one worker (default: every
    CPU, where fork is available; a number also asks for a pool where it is not), the
    chunks run in a process pool; ``before_pool`` runs first (work the workers then
    inherit). A pool that breaks (a worker died, none could start) is replaced by this
    process. ``function`` runs at least once, on an empty chunk when there is no group.
    """
    explicit = workers is not None
    workers = min(available_cpus() if workers is None else workers, len(groups))
    context = _pool_context(explicit) if workers > 1 and len(groups) >= pool_min_files else None
    if context is not None:
        if before_pool is not None:
            before_pool()
        size = min(CHUNK_FILES, max(1, -(-len(groups) // (workers * CHUNKS_PER_WORKER))))
        chunks = [groups[i : i + size] for i in range(0, len(groups), size)]
        try:
            with ProcessPoolExecutor(
                workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(function, tuple(args)),
            ) as pool:
                return list(pool.map(_run_in_worker, chunks))
        except (BrokenProcessPool, OSError):  # a worker died (memory?) or none could start
            pass
    return [
        function(groups[i : i + CHUNK_FILES], *args) for i in range(0, len(groups), CHUNK_FILES)
    ] or [function([], *args)]
