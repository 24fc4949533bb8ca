"""``kip demo [-o DIR]``: the whole flow on bundled sample data, ending with the deck.

Writes the sample reports of two semesters into DIR, checks them, fills a sample quiz
results database, builds the coordination-meeting deck for the later semester with the
earlier one as comparison, and prints the paths of what it wrote (the deck last).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NAME = "demo"
HELP = "jalankan contoh lengkap: laporan contoh, pemeriksaan, dan paparan rapat koordinasi"
ORDER = 90

DEFAULT_DIR = "keluaran"
CURRENT = "2025-S2"
PREVIOUS = "2025-S1"
QUIZ_DB = "hasil_kuis_contoh.sqlite3"
DEADLINE_EXAMPLE = (dt.date(2025, 12, 22), "pemberitahuan")


@dataclass
class DemoResult:
    """Everything the demo wrote."""

    reports: dict[str, Path] = field(default_factory=dict)  # period label -> folder
    quiz_db: Path | None = None
    deck: Path | None = None
    slides: int = 0
    seconds: float = 0.0


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FOLDER",
        default=DEFAULT_DIR,
        help=f"folder hasil (bawaan: {DEFAULT_DIR}/)",
    )
    parser.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")


def _check_summary(reports: Any, out: Any) -> None:
    files = reports.files
    counts = {s: reports.count(s) for s in ("galat", "peringatan", "temuan")}
    rows = sum(f.rows_read for f in files)
    accepted = sum(f.rows_accepted for f in files)
    print(
        f"  {len(files)} berkas, {rows} baris dibaca, {accepted} diterima, "
        f"{rows - accepted} ditolak; {counts['galat']} galat, {counts['peringatan']} "
        f"peringatan, {counts['temuan']} temuan; {len(reports.missing_opd())} OPD belum melapor.",
        file=out,
    )


def write_sample_reports(folder: Path, period: Any) -> list[Path]:
    """Copy the sample reports of ``period`` into ``folder``.

    They ship with the package, in ``data/contoh/laporan/<period>/``.
    """
    from kip_training import sample

    bundled = sample.default_sample_dir() / period.label
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in bundled.iterdir() if p.is_file())
    return [Path(shutil.copy2(p, folder / p.name)) for p in files]


def make_demo(directory: Path | str, config: Any = None, out: Any = None) -> DemoResult:
    """Run the demo into ``directory`` and return what it wrote (progress goes to ``out``)."""
    out = out or sys.stdout
    from kip_training.calendar import WorkingCalendar
    from kip_training.config import load_config
    from kip_training.deck.build import build_deck_from_paths
    from kip_training.quiz.sample import fill_sample_results
    from kip_training.reports import Period, load_reports
    from kip_training.textfmt import format_date

    started = time.perf_counter()
    config = config or load_config()
    calendar = WorkingCalendar.from_config(config)
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    result = DemoResult()

    received, kind = DEADLINE_EXAMPLE
    due = calendar.due_date(received, kind)
    print(
        f"Contoh tenggat: permohonan diterima {format_date(received)} -> pemberitahuan "
        f"paling lambat {format_date(due.due)} ({due.deadline.basis}).",
        file=out,
    )

    for label in (PREVIOUS, CURRENT):
        period = Period.parse(label)
        folder = root / "laporan" / label
        write_sample_reports(folder, period)
        result.reports[label] = folder
        print(f"Laporan contoh {period.title} ditulis ke {folder}", file=out)
        _check_summary(load_reports([folder], config=config, period=period), out)

    quiz_db = root / QUIZ_DB
    quiz_db.unlink(missing_ok=True)
    fill_sample_results(quiz_db, seed=0)
    result.quiz_db = quiz_db
    print(f"Hasil kuis contoh ditulis ke {quiz_db}", file=out)

    deck = build_deck_from_paths(
        [result.reports[CURRENT]],
        root / f"rapat_koordinasi_{CURRENT}.pptx",
        previous=[result.reports[PREVIOUS]],
        quiz_db=quiz_db,
        config=config,
        period=Period.parse(CURRENT),
    )
    result.deck, result.slides = deck.path, deck.slides
    result.seconds = time.perf_counter() - started
    return result


def run(args: argparse.Namespace) -> int:
    from kip_training.config import load_config

    result = make_demo(args.output, load_config(args.config))
    print(f"Paparan rapat koordinasi: {result.slides} slide.")
    print(f"Paparan ditulis: {result.deck}")
    return 0
