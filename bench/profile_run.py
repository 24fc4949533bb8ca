"""Profile one end-to-end command on the benchmark's cached reports (cProfile, one process).

    .venv/bin/python bench/profile_run.py [check|deck] [--workers 1] [--top 30]

Runs ``kip check`` or ``kip deck`` in this process (same entry point as the command)
and prints the functions with the largest cumulative time. With the default process
pool the parsing happens in worker processes, which cProfile does not see (it shows
up as waiting on a lock); ``--workers 1`` keeps everything in this process.
Generate the reports first with ``make bench`` (or ``BENCH_REPORTS=50 make bench``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("check", "deck"), nargs="?", default="deck")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    n_reports = int(os.environ.get("BENCH_REPORTS", "1000"))
    data = dataset.ensure_dataset(n_reports)

    from kip_training.cli import main as kip
    from kip_training.reports import load

    if args.workers is not None:
        original = load.load_reports

        def load_reports(*a, **k):
            k.setdefault("workers", args.workers)
            return original(*a, **k)

        load.load_reports = load_reports
        import kip_training.reports as reports_package

        reports_package.load_reports = load_reports

    with tempfile.TemporaryDirectory(prefix="kip-profile-") as tmp:
        out = Path(tmp) / ("hasil.json" if args.command == "check" else "paparan.pptx")
        argv = [args.command, str(data.reports_dir), "--config", str(data.config_path)]
        argv += ["--json", str(out)] if args.command == "check" else ["-o", str(out)]
        profile = cProfile.Profile()
        stdout, sys.stdout = sys.stdout, io.StringIO()
        try:
            profile.runcall(kip, argv)
        finally:
            sys.stdout = stdout
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
