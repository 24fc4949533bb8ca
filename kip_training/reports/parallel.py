"""The process pool that loads a large folder of reports on every core.

:func:`map_chunks` splits the report files into chunks and runs a loading function on
each: in a process pool when there are many files (fork on Linux), else here, in
order. The chunks come back in file order, so the result does not depend on the pool
or on how the files were split. Nothing here knows what a report is: the loading
function and its arguments come from :mod:`kip_training.reports.load`.

Every process that loads chunks may grow by at most ``memory_mb`` of address space
(``RLIMIT_AS``). A file that still exhausts it, or crashes the reader with a signal,
kills only its worker: the chunks that did not come back are loaded again each in a
fresh single-use process, and the files of a chunk that fails again one by one, so
the culprit is found and handed to ``crashed`` (one message) while the others load.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import resource
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


class _Failed:
    """What a worker hands back for a chunk that ran out of memory."""


def limit_memory(memory_mb: int | None) -> None:
    """Let this process's address space grow by ``memory_mb`` at most (RLIMIT_AS): an
    allocation beyond fails (MemoryError, or the reader aborts) instead of taking the
    machine's memory."""
    if not memory_mb:
        return
    try:
        with open("/proc/self/statm") as handle:
            current = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):  # pragma: no cover - not Linux
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or limit < soft:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


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


def _init_worker(function: Callable, args: tuple, memory_mb: int | None = None) -> None:
    global _WORKER
    _WORKER = (function, args)
    limit_memory(memory_mb)
    gc.freeze()  # objects inherited by fork: never scanned, so never copied on write


def _run_in_worker(groups: Groups):
    function, args = _WORKER
    try:
        return function(groups, *args)
    except MemoryError:
        return _Failed()


def _run_once(connection, function: Callable, groups: Groups, args: tuple, memory_mb) -> None:
    """The body of a single-use child process: one chunk, its result sent back."""
    limit_memory(memory_mb)
    try:
        result = function(groups, *args)
    except MemoryError:
        result = _Failed()
    connection.send(result)
    connection.close()


def run_isolated(context, function: Callable, groups: Groups, args: tuple, memory_mb):
    """``function(groups, *args)`` in a fresh process under the memory limit; a
    :class:`_Failed` when that process ran out of memory or died."""
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_run_once, args=(sender, function, groups, tuple(args), memory_mb), daemon=True
    )
    process.start()
    sender.close()
    try:
        result = receiver.recv()
    except (EOFError, OSError):  # it died before sending anything
        result = _Failed()
    finally:
        receiver.close()
        process.join()
    return result


def _recover(context, function, crashed, chunk: Groups, args: tuple, memory_mb) -> list:
    """A chunk whose worker died: again in a fresh process, else file by file."""
    result = run_isolated(context, function, chunk, args, memory_mb)
    if not isinstance(result, _Failed):
        return [result]
    results = []
    for group in chunk:
        result = (
            run_isolated(context, function, [group], args, memory_mb) if len(chunk) > 1 else result
        )
        results.append(crashed([group], *args) if isinstance(result, _Failed) else result)
    return results


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
    memory_mb: int | None = None,
    crashed: Callable[..., T] | None = None,
) -> list[T]:
    """``function(chunk, *args)`` for consecutive chunks of ``groups``, in order.

    With ``pool_min_files`` groups or more and more than one worker (default: every
    CPU, where fork is available; a number also asks for a pool where it is not), the
    chunks run in a process pool; ``before_pool`` runs first (work the workers then
    inherit). Each worker may grow by ``memory_mb`` (see :func:`limit_memory`); the
    chunks of a worker that died are run again in single-use processes, and a group
    that kills its process again is given to ``crashed(chunk, *args)`` instead (see the
    module docstring). A pool that cannot start is replaced by this process.
    ``function`` runs at least once, on an empty chunk when there is no group.
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
            results = _run_pool(context, workers, function, args, chunks, memory_mb)
        except OSError:  # no worker could start
            results = None
        if results is not None:
            merged: list[T] = []
            for chunk, result in zip(chunks, results, strict=True):
                if isinstance(result, _Failed) and crashed is not None:
                    merged.extend(_recover(context, function, crashed, chunk, args, memory_mb))
                elif isinstance(result, _Failed):
                    raise MemoryError("a chunk of files exhausted its worker's memory")
                else:
                    merged.append(result)
            return merged
    return [
        function(groups[i : i + CHUNK_FILES], *args) for i in range(0, len(groups), CHUNK_FILES)
    ] or [function([], *args)]


def _run_pool(context, workers: int, function, args, chunks: list[Groups], memory_mb) -> list:
    """Each chunk's result from a pool, or :class:`_Failed` for a chunk whose worker died
    (every chunk not finished when the pool broke)."""
    results: list = []
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(function, tuple(args), memory_mb),
    ) as pool:
        futures = [pool.submit(_run_in_worker, chunk) for chunk in chunks]
        for future in futures:
            try:
                results.append(future.result())
            except BrokenProcessPool:
                results.append(_Failed())
    return results
