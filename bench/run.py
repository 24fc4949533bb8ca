"""``make bench``: the report pipeline against its floor and against the naive way.

Environment: ``BENCH_REPORTS`` (default 1000) synthetic workbooks, generated once with
:func:`kip_training.sample.generate_many` and cached in ``bench/cache/``;
``BENCH_NAIVE=reuse`` takes the naive figure from the last ``results.json`` of the same
size instead of measuring it again (it takes minutes; the JSON says so when reused).

Measured on the same files, after one untimed read of every file (so
the disk is out of the picture):

- **floor**: python-calamine reads every sheet of every file into Python values, one
  process, nothing else;
- **end-to-end**, as a user runs it: ``kip check DIR --json FILE`` then
  ``kip deck DIR -o FILE.pptx`` (check, metrics and deck), each as its own process;
  ``BENCH_REPEAT`` rounds (default 3) of floor, check and deck, interleaved; each
  round's end-to-end is divided by the floor of the same round (the machine's speed
  drifts: the floor alone has varied by 70 % within one run) and ``ratio_vs_floor`` is
  the median of those ratios (``details.ratio_best`` is best against best);
- **peer**: ``pandas.read_excel(f, sheet_name=None, engine="calamine")`` for every
  file, then ``pandas.concat`` per sheet (what a user would write today; reading only);
- **naive**: ``pandas.read_excel(f, sheet_name=None, engine="openpyxl")`` for every
  file, then ``pandas.concat`` per sheet;
- ``kip --help`` start-up (best of 3) and ``kip deck`` on the 35-OPD sample.

``peak_rss_mb`` is the largest summed resident memory of the ``kip`` process tree
(the command and its pool workers) during the end-to-end commands. Results go to
``bench/results.json`` and one summary line is printed. Nothing here is a test: no
duration is asserted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
import measure  # noqa: E402

RESULTS = dataset.BENCH_DIR / "results.json"
SAMPLE_PERIOD = "2025-S2"


def _log(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _rows(check_json: Path) -> dict[str, int]:
    totals = json.loads(check_json.read_text(encoding="utf-8"))["totals"]
    rows = {"rows": totals["rows_read"], "rows_accepted": totals["rows_accepted"]}
    for name, counts in totals["sheets"].items():
        rows[f"rows_{name.lower()}"] = counts["rows_read"]
    rows["issues"] = sum(totals["issues"].values())
    return rows


def _command_result(run: measure.CommandRun) -> dict:
    return {
        "seconds": round(run.seconds, 3),
        "returncode": run.returncode,
        "tree_peak_rss_mb": round(run.tree_peak_mb, 1),
        "largest_process_rss_mb": round(run.largest_process_mb, 1),
    }


LOAD_AT_START: list[float] = []


def _fresh_cache(kip: list[str], folder: Path) -> dict[str, str]:
    """A cache folder with no reports in it, for a measured command (``KIP_CACHE``).

    Only the national days-off table is put there first (by an untimed ``kip
    deadline``): every installation computes it once, on its first command ever, and
    keeps it; the reports are read by the measured commands themselves.
    """
    env = {"KIP_CACHE": str(folder)}
    measure.run_command([*kip, "deadline", "2025-01-06"], env=env)
    return env


def _stages(data: dataset.Dataset, out_dir: Path) -> dict:
    import subprocess

    done = subprocess.run(
        [
            sys.executable,
            str(dataset.BENCH_DIR / "stages.py"),
            str(data.config_path),
            str(data.reports_dir),
            str(out_dir),
        ],
        capture_output=True,
        text=True,
    )
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"errors": {"stages": done.stderr[-500:]}}


def main() -> int:
    LOAD_AT_START.extend(round(x, 2) for x in os.getloadavg())
    n_reports = int(os.environ.get("BENCH_REPORTS", "1000"))
    kip = measure.kip_command()
    data = dataset.ensure_dataset(n_reports, log=_log)
    files = list(data.files)
    _log(f"{len(files)} laporan di {data.reports_dir}")
    measure.warm_page_cache(files)

    repeats = max(1, int(os.environ.get("BENCH_REPEAT", "3")))
    _log(f"floor dibagi ke {_cores()} inti…")
    seconds_floor_cores = measure.floor_all_cores(files, _cores())
    _log("peer: pandas.read_excel(engine='calamine') + concat…")
    seconds_peer, peer_rows = measure.peer_calamine(files)

    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="kip-bench-") as tmp:
        tmp_path = Path(tmp)
        check_json = tmp_path / "check.json"
        config = ["--config", str(data.config_path)]
        # Rounds of floor, kip check, kip deck, interleaved so that a machine that speeds
        # up or slows down during the run weighs on both sides of the ratio alike.
        floors: list[float] = []
        rounds: list[tuple[measure.CommandRun, measure.CommandRun]] = []
        for round_number in range(1, repeats + 1):
            _log(f"putaran {round_number}/{repeats}: floor (python-calamine, satu proses)…")
            seconds, floor_rows = measure.floor(files)
            floors.append(seconds)
            # A fresh cache: kip check reads every report, kip deck reuses what it read.
            cache = _fresh_cache(kip, tmp_path / f"simpanan{round_number}")
            _log(f"putaran {round_number}/{repeats}: kip check…")
            check_json.unlink(missing_ok=True)
            check = measure.run_command(
                [*kip, "check", str(data.reports_dir), "--json", str(check_json), *config],
                env=cache,
            )
            if check.returncode not in (0, 1) or not check_json.exists():
                _log(f"kip check gagal ({check.returncode}):\n{check.stderr_tail}")
                return 1
            _log(f"putaran {round_number}/{repeats}: kip deck…")
            deck_path = tmp_path / f"bench{round_number}.pptx"
            deck = measure.run_command(
                [*kip, "deck", str(data.reports_dir), "-o", str(deck_path), *config], env=cache
            )
            deck_ok = deck.returncode == 0 and deck_path.exists()
            if not deck_ok:
                _log(f"kip deck gagal ({deck.returncode}):\n{deck.stderr_tail}")
                return 1
            rounds.append((check, deck))
        _log("kip deck saja (memeriksa, menghitung, menulis paparan; tanpa simpanan)…")
        deck_only = measure.run_command(
            [*kip, "deck", str(data.reports_dir), "-o", str(tmp_path / "saja.pptx"), *config],
            env=_fresh_cache(kip, tmp_path / "simpanan-kosong"),
        )
        rows = _rows(check_json)
        _log("tahap demi tahap (satu proses)…")
        stages = _stages(data, tmp_path)

        _log("kip --help (terbaik dari 3), impor pandas…")
        help_runs = [measure.run_command([*kip, "--help"]) for _ in range(3)]
        seconds_import = measure.startup([sys.executable, "-c", "import pandas, python_calamine"])
        sample_dir = dataset.BENCH_DIR.parent / "data" / "contoh" / "laporan" / SAMPLE_PERIOD
        _log(f"kip deck pada contoh {SAMPLE_PERIOD}…")
        sample_deck = measure.run_command(
            [*kip, "deck", str(sample_dir), "-o", str(tmp_path / "contoh.pptx")]
        )

    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    reuse_naive = (
        os.environ.get("BENCH_NAIVE") == "reuse"
        and previous.get("reports") == len(files)
        and previous.get("seconds_naive")
    )
    if reuse_naive:
        _log("naive: dipakai ulang dari results.json sebelumnya (BENCH_NAIVE=reuse)")
        seconds_naive = previous["seconds_naive"]
        naive_rows = previous.get("details", {}).get("naive_rows_per_sheet", {})
    else:
        _log("naive: pandas.read_excel(engine='openpyxl') + concat (lama)…")
        seconds_naive, naive_rows = measure.naive(files)

    end_to_end = [check.seconds + deck.seconds for check, deck in rounds]
    ratios = [e2e / floor for e2e, floor in zip(end_to_end, floors, strict=True)]
    middle = sorted(range(len(rounds)), key=ratios.__getitem__)[len(rounds) // 2]
    check, deck = rounds[middle]  # the round whose ratio is the median
    seconds_e2e = end_to_end[middle]
    seconds_floor = floors[middle]
    peak = max(r.tree_peak_mb for r in [*(run for pair in rounds for run in pair), deck_only])
    results = {
        "reports": len(files),
        "rows": rows["rows"],
        "seconds_end_to_end": round(seconds_e2e, 3),
        "seconds_floor": round(seconds_floor, 3),
        "seconds_naive": round(seconds_naive, 3),
        "seconds_peer_calamine": round(seconds_peer, 3),
        "ratio_vs_floor": round(ratios[middle], 3),
        "ratio_vs_naive": round(seconds_e2e / seconds_naive, 3),
        "ratio_vs_peer": round(seconds_e2e / seconds_peer, 3),
        "peak_rss_mb": round(peak, 1),
        "seconds_deck_only": round(deck_only.seconds, 3),
        "ratio_deck_only_vs_floor": round(deck_only.seconds / seconds_floor, 3),
        "seconds_floor_all_cores": round(seconds_floor_cores, 3),
        "seconds_import_pandas": round(seconds_import, 3),
        "seconds_load": stages.get("load_pool"),
        "ratio_load_vs_floor": round(stages["load_pool"] / seconds_floor, 3)
        if stages.get("load_pool")
        else None,
        "seconds_help": round(min(r.seconds for r in help_runs), 3),
        "seconds_sample_deck": round(sample_deck.seconds, 3),
        "sample_deck_ok": sample_deck.returncode == 0,
        "end_to_end_includes_deck": True,
        "repeats": len(rounds),
        "cores": _cores(),
        "details": {
            **rows,
            "floor_rows_python": floor_rows,
            "naive_rows_per_sheet": naive_rows,
            "peer_rows_per_sheet": peer_rows,
            "naive_reused_from_previous_run": bool(reuse_naive),
            "load_average_at_start": LOAD_AT_START,
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
            "stages_seconds": stages,
            "ratio_best": round(min(end_to_end) / min(floors), 3),
            "ratio_medians": round(statistics.median(end_to_end) / statistics.median(floors), 3),
            "rounds": [
                {
                    "floor": round(floor_seconds, 3),
                    "check": round(check_run.seconds, 3),
                    "deck": round(deck_run.seconds, 3),
                    "ratio": round((check_run.seconds + deck_run.seconds) / floor_seconds, 3),
                }
                for floor_seconds, (check_run, deck_run) in zip(floors, rounds, strict=True)
            ],
            "check": _command_result(check),
            "deck": _command_result(deck),
            "deck_only": _command_result(deck_only),
            "sample_deck": _command_result(sample_deck),
            "help_runs_seconds": [round(r.seconds, 3) for r in help_runs],
            "generated_seconds": round(data.generated_seconds, 1)
            if data.generated_seconds
            else None,
            "dataset": str(data.root.relative_to(dataset.BENCH_DIR.parent)),
            "end_to_end_note": "kip check DIR --json FILE, then kip deck DIR -o FILE.pptx, "
            "each its own process, in BENCH_REPEAT rounds (default 3) interleaved with the "
            "floor; the figures are those of the round whose end-to-end / floor ratio is the "
            "median (ratio_best: best against best); each round with a fresh report cache "
            "(KIP_CACHE; only the national days-off table, computed once per installation, "
            "is in it): kip check reads "
            "and checks every report with its process pool and stores them, kip deck takes "
            "them from the cache. deck_only: kip deck alone with an empty cache (it reads, "
            "checks, prints the problems, computes the metrics and writes the deck). "
            "floor_all_cores: the floor's reading split over every core, the least any "
            "loader needs here. stages_seconds shows the work in one process, stage by "
            "stage (wall; cpu includes the pool's workers)",
            "naive_note": "measured on every file (none extrapolated)"
            if not reuse_naive
            else "taken from the previous run of the same size (BENCH_NAIVE=reuse)",
            "peak_rss_note": "largest summed RSS of the kip process tree (command + pool "
            "workers, sampled every 20 ms; shared pages of forked workers counted per "
            "process) over the end-to-end commands",
            "python": platform.python_version(),
            "machine": platform.machine(),
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"reports={results['reports']} rows={results['rows']} "
        f"end_to_end={results['seconds_end_to_end']:.2f}s "
        f"floor={results['seconds_floor']:.2f}s naive={results['seconds_naive']:.2f}s "
        f"ratio_vs_floor={results['ratio_vs_floor']:.2f} "
        f"ratio_vs_naive={results['ratio_vs_naive']:.3f} "
        f"peer_calamine={results['seconds_peer_calamine']:.2f}s "
        f"ratio_vs_peer={results['ratio_vs_peer']:.2f} "
        f"deck_only={results['seconds_deck_only']:.2f}s "
        f"floor_all_cores={results['seconds_floor_all_cores']:.2f}s "
        f"peak_rss_mb={results['peak_rss_mb']:.0f} load={results['seconds_load']}s "
        f"help={results['seconds_help']:.2f}s "
        f"sample_deck={results['seconds_sample_deck']:.2f}s cores={results['cores']}"
        + f" (median {len(rounds)} putaran; rasio tiap putaran: "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + ")"
    )
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    _log(f"selesai dalam {time.perf_counter() - started:.0f} s")
    sys.exit(status)
