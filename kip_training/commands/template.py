"""``kip template [-o FILE]``: write the blank six-monthly report workbook."""

from __future__ import annotations

import argparse

NAME = "template"
HELP = "tulis templat laporan semester PPID Pembantu (xlsx)"
ORDER = 20
DEFAULT_NAME = "laporan_ppid_pembantu.xlsx"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="BERKAS",
        default=DEFAULT_NAME,
        help=f"berkas xlsx yang ditulis (bawaan: {DEFAULT_NAME} di folder kerja)",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kip_training.reports.template import write_template

    target = Path(args.output)
    if target.is_dir():
        target = target / DEFAULT_NAME
    if target.suffix.lower() != ".xlsx":
        print(f"Galat: berkas keluaran harus berakhiran .xlsx, bukan '{target.name}'.")
        return 2
    write_template(target)  # an OSError becomes one line and exit status 3 (kip_training.cli)
    print(f"Templat laporan ditulis ke {target}")
    return 0
