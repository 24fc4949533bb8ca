"""``kip demo``: show the toolkit on bundled sample data."""

from __future__ import annotations

import argparse
import datetime as dt

NAME = "demo"
HELP = "jalankan contoh: kalkulator tenggat pada beberapa tanggal"
ORDER = 90

EXAMPLES = (
    (dt.date(2026, 3, 16), "pemberitahuan"),
    (dt.date(2026, 3, 16), "perpanjangan"),
    (dt.date(2025, 12, 22), "pemberitahuan"),
    (dt.date(2025, 3, 27), "tanggapan_keberatan"),
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")


def run(args: argparse.Namespace) -> int:
    from kip_training.calendar import WorkingCalendar
    from kip_training.config import load_config
    from kip_training.textfmt import format_date

    config = load_config(args.config)
    calendar = WorkingCalendar.from_file(config.extra_days_off_path)
    print(f"Kalkulator tenggat KIP — {config.body_name}")
    for received, kind in EXAMPLES:
        result = calendar.due_date(received, kind)
        print()
        print(f"{result.deadline.label} ({result.deadline.basis})")
        print(f"  diterima {format_date(received)} -> jatuh tempo {format_date(result.due)}")
        for day in result.skipped:
            print(f"  melewati {format_date(day.date)}: {day.name}")
    return 0
