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
    try:
        write_template(target)
    except OSError as exc:
        print(f"Galat: tidak dapat menulis {target}: {exc.strerror or exc}.")
        return 2
    print(f"Templat laporan ditulis ke {target}")
    return 0
