"""``kip deadline DATE [--kind KIND] [--json]``: the due date of a KIP deadline.

The due date follows the configured reading of cuti bersama (kip.toml ``[kalender]
cuti_bersama``); the JSON also gives the date under both readings, and the text shows
both when they differ, with the counting stated as the toolkit's convention.
"""

from __future__ import annotations

import argparse
import json
import sys

from kip_training import law

NAME = "deadline"
HELP = "hitung tanggal jatuh tempo tenggat KIP dalam hari kerja"
ORDER = 10


def register(parser: argparse.ArgumentParser) -> None:
    kinds = "; ".join(
        f"{k} ({d.total_working_days} hari kerja sejak {d.received_from})"
        for k, d in law.DEADLINES.items()
    )
    parser.add_argument(
        "date",
        metavar="TANGGAL",
        help="tanggal diterima, misalnya 2026-03-16, 16/03/2026 atau '16 Maret 2026'",
    )
    parser.add_argument(
        "--jenis",
        "--kind",
        dest="kind",
        metavar="JENIS",
        default="pemberitahuan",
        help=f"jenis tenggat (bawaan: pemberitahuan). Pilihan: {kinds}",
    )
    parser.add_argument("--json", action="store_true", help="keluarkan hasil sebagai JSON")
    parser.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")


def run(args: argparse.Namespace) -> int:
    from kip_training.calendar import WorkingCalendar, unknown_kind_message
    from kip_training.config import load_config
    from kip_training.terminal import printable
    from kip_training.textfmt import format_date, parse_date

    if args.kind not in law.DEADLINES:
        print(f"Galat: {printable(unknown_kind_message(args.kind))}", file=sys.stderr)
        return 2
    try:
        received = parse_date(args.date)
    except ValueError:
        print(
            f"Galat: '{printable(args.date)}' bukan tanggal yang sah. Tulis seperti 2026-03-16, "
            "16/03/2026 atau '16 Maret 2026'. Jenis tenggat yang sah: "
            f"{', '.join(law.DEADLINES)}.",
            file=sys.stderr,
        )
        return 2
    calendar = WorkingCalendar.from_config(load_config(args.config))
    result = calendar.due_date(received, args.kind)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return 0
    rule = result.deadline
    print(f"{rule.label}")
    given = f" ({rule.received_from})" if rule.preceding_days else ""
    print(f"Diterima      : {format_date(result.received)}{given}")
    print(f"Batas waktu   : {rule.working_days} hari kerja sejak {rule.counted_from}")
    print(f"Jatuh tempo   : {format_date(result.due)}")
    print(f"Dasar hukum   : {rule.basis}")
    if result.skipped:
        print("Hari libur yang dilewati (selain Sabtu dan Minggu):")
        for day in result.skipped:
            print(f"  - {format_date(day.date)}: {day.name}")
    else:
        print("Tidak ada hari libur selain Sabtu dan Minggu dalam rentang ini.")
    print("Catatan:")
    for line in result.convention_lines():
        print(f"  - {line}")
    return 0
