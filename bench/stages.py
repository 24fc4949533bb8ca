"""Where the end-to-end time goes: each stage of ``kip check`` / ``kip deck``, in one process.

Run by ``bench/run.py`` as ``python bench/stages.py KIP_TOML REPORTS_DIR OUT_DIR``; prints one
JSON object of seconds per stage (wall clock), and under ``cpu`` the CPU seconds of
each stage counting the pool's workers. The stages call the same functions as the commands:
loading (with the process pool, then once more in a single process for comparison),
the ``kip check`` output (text and JSON), storing the reports in the cache and reading
them back (what ``kip deck`` does after ``kip check``), the metrics, and the deck.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import time
from pathlib import Path


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (pool workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(results: dict, name: str, func, *args, **kwargs):
    started, cpu = time.perf_counter(), _cpu()
    try:
        value = func(*args, **kwargs)
    except Exception as exc:  # a stage being rewritten must not hide the others
        results[name] = None
        results.setdefault("errors", {})[name] = f"{type(exc).__name__}: {exc}"[:300]
        return None
    results[name] = round(time.perf_counter() - started, 3)
    results.setdefault("cpu", {})[name] = round(_cpu() - cpu, 3)
    return value


def _check_output(reports) -> int:
    """What ``kip check --json FILE`` writes besides loading: the text report and the JSON."""
    from kip_training.commands import check

    text = check.json_text(reports.as_dict())
    out = io.StringIO()
    check._print_text(reports, out)
    return len(text) + len(out.getvalue())


def main(config_path: str, reports_dir: str, out_dir: str) -> dict:
    from kip_training.calendar import WorkingCalendar
    from kip_training.config import load_config
    from kip_training.reports import load_reports

    results: dict = {}
    config = load_config(config_path)
    calendar = WorkingCalendar.from_config(config)
    reports = _timed(
        results, "load_pool", load_reports, [reports_dir], config=config, calendar=calendar
    )
    _timed(
        results,
        "load_single_process",
        load_reports,
        [reports_dir],
        config=config,
        calendar=calendar,
        workers=1,
    )
    if reports is None:
        return results
    _timed(results, "check_output", _check_output, reports)
    from kip_training.reports.cache import ReportCache

    cache = ReportCache(Path(out_dir) / "simpanan")
    _timed(results, "cache_write", cache.put, "0" * 32, reports)
    _timed(results, "cache_read", cache.get, "0" * 32)
    from kip_training.metrics import compare, summarize

    summary = _timed(results, "metrics", summarize, reports, config)
    if summary is not None:
        from kip_training.deck.build import build_deck

        _timed(
            results,
            "deck_build",
            build_deck,
            compare(summary, None),
            Path(out_dir) / "stages.pptx",
            config=config,
            calendar=calendar,
        )
    return results


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4])))
