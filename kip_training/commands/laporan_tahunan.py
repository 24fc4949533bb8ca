"""``kip laporan-tahunan TAHUN PATH…``: the annual information-service report (docx + xlsx)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kip_training.commands._options import add_cache_option

NAME = "laporan-tahunan"
HELP = (
    "buat laporan tahunan layanan informasi publik (Word dan tabel xlsx, PDF bila diminta) "
    "dari laporan Semester I dan II"
)
ORDER = 35


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tahun", metavar="TAHUN", help="tahun laporan, misalnya 2025")
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="folder atau berkas laporan semester tahun itu (satu folder berisi kedua "
        "semester, atau satu folder per semester)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FOLDER", default=".", help="folder keluaran (bawaan: folder ini)"
    )
    parser.add_argument("--pdf", action="store_true", help="buat juga PDF dengan LibreOffice")
    parser.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")
    parser.add_argument(
        "--tindak-lanjut",
        metavar="BERKAS.xlsx",
        help="register tindak lanjut rapat koordinasi (untuk bagian rekomendasi)",
    )
    parser.add_argument(
        "--template", metavar="BERKAS.docx", help="templat Word sendiri (gaya yang sama namanya)"
    )
    add_cache_option(parser)


def _year(text: str) -> int | None:
    from kip_training.annual.load import FIRST_YEAR

    if not re.fullmatch(r"\d{4}", text.strip()):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= 2100 else None


def _argument_problems(args: argparse.Namespace) -> list[str]:
    problems = []
    if _year(args.tahun) is None:
        problems.append(
            f"tahun '{args.tahun}' tidak sah; tulis empat angka dari 2010 (UU KIP berlaku), "
            "misalnya 2025"
        )
    for path in args.paths:
        if not Path(path).exists():
            problems.append(f"laporan '{path}' tidak ditemukan")
    for label, path in (("register tindak lanjut", args.tindak_lanjut), ("templat", args.template)):
        if path and not Path(path).is_file():
            problems.append(f"{label} '{path}' tidak ditemukan")
    output = Path(args.output)
    if output.exists() and not output.is_dir():
        problems.append(f"keluaran '{args.output}' bukan folder")
    return problems


def _print_files(result, out) -> None:
    """Per semester: files, rows and the files left out (as ``kip check`` counts them)."""
    from kip_training.textfmt import format_number

    for note in result.figures.notes:
        print(
            f"{note.period.title}: {note.files} berkas, {note.files_used} dipakai; baris dibaca "
            f"{format_number(note.rows_read)}, tidak dihitung {format_number(note.rows_rejected)}"
            f"; {note.errors} galat.",
            file=out,
        )
        for name, why in note.excluded:
            print(f"  tidak dipakai: {Path(name).name}: {why}", file=out)
    for period in result.figures.semesters_missing:
        print(f"{period.title}: tidak ada laporan; angka tahunan tanpa semester ini.", file=out)
    for name, period in result.figures.other_years:
        print(f"Tidak dihitung (periode lain, {period}): {Path(name).name}", file=out)


def run(args: argparse.Namespace) -> int:
    problems = _argument_problems(args)
    if problems:
        for problem in problems:
            print(f"Galat: {problem}.", file=sys.stderr)
        return 2

    from kip_training.annual.build import NoReports, build_annual_report
    from kip_training.annual.pdf import PdfError, to_pdf
    from kip_training.commands._options import cache_option
    from kip_training.commands.deck import print_problems
    from kip_training.config import load_config

    config = load_config(args.config)
    try:
        result = build_annual_report(
            _year(args.tahun),
            args.paths,
            args.output,
            config,
            followup=args.tindak_lanjut,
            cache=cache_option(args),
            template=args.template,
        )
    except NoReports as exc:
        print_problems([i for r in exc.reports.loaded for i in r.issues])
        print(f"Galat: {exc}", file=sys.stderr)
        return 1
    print_problems([i for r in result.reports.loaded for i in r.issues])
    _print_files(result, sys.stdout)
    from kip_training.annual.document import cell_text

    totals = result.figures.totals
    print(
        f"Tahun {result.year}: {cell_text(totals['Permohonan'])} permohonan, "
        f"{cell_text(totals['Ditolak'])} ditolak, {cell_text(totals['keberatan'])} keberatan, "
        f"{cell_text(totals['sengketa'])} sengketa.",
    )
    print(f"Tabel untuk laman web ditulis: {result.workbook}")
    if args.pdf:
        try:
            pdf = to_pdf(result.document)
        except PdfError as exc:
            print(f"Laporan ditulis: {result.document}")
            print(f"Galat: {exc}", file=sys.stderr)
            return exc.exit_code
        print(f"PDF ditulis: {pdf}")
    print(f"Laporan ditulis: {result.document}")
    return 0
