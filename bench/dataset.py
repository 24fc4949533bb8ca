"""The benchmark's synthetic reports: generated once with the sample generator, then cached.

The cache lives in ``bench/cache/n<N>-<key>/`` where ``key`` hashes the generator's
parameters (seed, mean rows, period) and the source of every module that decides
what the workbooks hold (sample generator, writer, schema, text neutraliser). Edit
the generator and the next run regenerates. Generation uses every core: each worker
runs :func:`kip_training.sample.generate_many` in full (the data is cheap) but only
writes its share of the workbooks (the writing is what costs).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
CACHE_DIR = BENCH_DIR / "cache"
SEED = 2025
MEAN_ROWS = 300
PERIOD = "2025-S1"
#: Bump to force regeneration when the layout of a cache entry changes.
LAYOUT_VERSION = 1

_GENERATOR_SOURCES = ("sample.py", "reports/writer.py", "reports/schema.py", "safe_export.py")


@dataclass(frozen=True)
class Dataset:
    """A cached set of generated reports, with the roster and a ``kip.toml`` that uses it."""

    root: Path
    reports_dir: Path
    roster_path: Path
    config_path: Path
    files: tuple[Path, ...]
    generated_seconds: float | None  # None when taken from the cache


def cache_key(n_reports: int) -> str:
    from kip_training import sample

    package = Path(sample.__file__).resolve().parent
    digest = hashlib.sha256()
    digest.update(json.dumps([n_reports, SEED, MEAN_ROWS, PERIOD, LAYOUT_VERSION]).encode())
    for name in _GENERATOR_SOURCES:
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.hexdigest()[:12]


def _write_share(args: tuple[int, int, int, str]):
    """Worker: run the generator for all reports, write those with index % step == start."""
    n_reports, start, step, out = args
    from kip_training import sample

    real_write = sample.write_report
    counter = iter(range(n_reports))

    def write_some(path, *a, **k):
        index = next(counter)
        return real_write(path, *a, **k) if index % step == start else Path(path)

    sample.write_report = write_some
    try:
        files, roster = sample.generate_many(
            n_reports, out, seed=SEED, mean_rows=MEAN_ROWS, period=PERIOD
        )
    finally:
        sample.write_report = real_write
    return len(range(start, n_reports, step)), [Path(f).name for f in files], roster


def _config_text(roster: Path) -> str:
    from kip_training.config import load_config

    days_off = load_config().extra_days_off_path
    lines = ["[data]", f"roster = {json.dumps(str(roster))}"]
    if days_off:
        lines.append(f"libur_tambahan = {json.dumps(str(days_off))}")
    return "\n".join(lines) + "\n"


def ensure_dataset(n_reports: int, workers: int | None = None, log=print) -> Dataset:
    """The cached dataset of ``n_reports`` workbooks, generated first if needed."""
    import time

    root = CACHE_DIR / f"n{n_reports}-{cache_key(n_reports)}"
    reports_dir = root / "laporan"
    roster_path = root / "opd.csv"
    config_path = root / "kip.toml"
    done = root / "complete.json"
    seconds = None
    if not done.exists():
        if root.exists():
            shutil.rmtree(root)
        for stale in CACHE_DIR.glob(f"n{n_reports}-*"):
            shutil.rmtree(stale, ignore_errors=True)
        reports_dir.mkdir(parents=True)
        workers = workers or os.cpu_count() or 1
        log(f"membuat {n_reports} laporan sintetis di {root} ({workers} proses)…")
        started = time.perf_counter()
        jobs = [(n_reports, k, workers, str(reports_dir)) for k in range(workers)]
        if workers > 1:
            with ProcessPoolExecutor(workers) as pool:
                shares = list(pool.map(_write_share, jobs))
        else:
            shares = [_write_share(jobs[0])]
        written = sum(share[0] for share in shares)
        assert written == n_reports, (written, n_reports)
        _, files, roster = shares[0]
        roster.to_csv(roster_path, index=False)
        config_path.write_text(_config_text(roster_path), encoding="utf-8")
        seconds = time.perf_counter() - started
        done.write_text(
            json.dumps({"files": files, "seconds": round(seconds, 2)}, indent=1),
            encoding="utf-8",
        )
        log(f"selesai dalam {seconds:.1f} s")
    names = json.loads(done.read_text(encoding="utf-8"))["files"]
    return Dataset(
        root,
        reports_dir,
        roster_path,
        config_path,
        tuple(reports_dir / name for name in names),
        seconds,
    )
