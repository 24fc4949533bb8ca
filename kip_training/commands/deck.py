"""``kip deck PATH… -o FILE.pptx``: the briefing deck for the coordination meeting."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kip_training.commands._options import add_cache_option
from kip_training.terminal import printable

NAME = "deck"
HELP = "buat bahan paparan rapat koordinasi PPID (PowerPoint) dari laporan PPID Pembantu"
ORDER = 30

MAX_ISSUE_LINES = 15


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help=(
            "berkas laporan (.xlsx, .xlsm, .xls, .ods, .csv) atau folder berisi laporan "
            "semester ini"
        ),
    )
    parser.add_argument(
        "-o", "--output", metavar="BERKAS.pptx", required=True, help="berkas paparan yang ditulis"
    )
    parser.add_argument(
        "--previous",
        metavar="PATH",
        nargs="+",
        help="laporan semester sebelumnya, untuk perbandingan",
    )
    parser.add_argument(
        "--quiz-db", metavar="BERKAS", help="basis data hasil kuis (slide hasil pelatihan)"
    )
    parser.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")
    parser.add_argument(
        "--template",
        metavar="BERKAS.pptx",
        help="templat PowerPoint sendiri (tata letak bernama Judul, Isi dan Bagian)",
    )
    parser.add_argument(
        "--periode", metavar="PERIODE", help="periode laporan, misalnya 2025-S2 (bawaan: otomatis)"
    )
    parser.add_argument(
        "--tindak-lanjut",
        dest="tindak_lanjut",
        metavar="BERKAS.xlsx",
        help="register tindak lanjut rapat lalu yang sudah diperbarui statusnya "
        "(tindak_lanjut_<periode>.xlsx); paparan dibuka dengan statusnya",
    )
    parser.add_argument(
        "--monev",
        metavar="DAFTAR_BUKTI.xlsx",
        help="daftar bukti monev tahun ini (dari 'kip monev siapkan'); paparan memuat "
        "kelengkapannya dan kekurangan per OPD",
    )
    parser.add_argument(
        "--bukti",
        metavar="FOLDER",
        help="folder berkas bukti monev (bawaan: folder 'bukti' di samping daftar bukti)",
    )
    add_cache_option(parser)


def _argument_problems(args: argparse.Namespace) -> list[str]:
    from kip_training.quiz.store import is_url

    problems = []
    if Path(args.output).suffix.lower() != ".pptx":
        problems.append(f"berkas keluaran harus berakhiran .pptx, bukan '{args.output}'")
    for label, paths in (("laporan", args.paths), ("laporan sebelumnya", args.previous or [])):
        for path in paths:
            if not Path(path).exists():
                problems.append(f"{label} '{path}' tidak ditemukan")
    for label, path in (
        ("basis data kuis", args.quiz_db),
        ("templat", args.template),
        ("register tindak lanjut", getattr(args, "tindak_lanjut", None)),
        ("daftar bukti monev", getattr(args, "monev", None)),
        ("folder bukti monev", getattr(args, "bukti", None)),
    ):
        if path and not (path is args.quiz_db and is_url(path)) and not Path(path).is_file():
            problems.append(f"{label} '{path}' tidak ditemukan")
    return problems


def print_problems(issues: Sequence[Any], out: Any = None) -> None:
    """Summarise data problems on the terminal: counts, then the first few in full."""
    out = out or sys.stdout
    if not issues:
        print("Pemeriksaan data: tidak ada masalah.", file=out)
        return
    from kip_training.reports.schema import severity_rank

    ranks = {severity: severity_rank(severity) for severity in {i.severity for i in issues}}
    ranked = sorted(issues, key=lambda i: ranks[i.severity])  # stable: file order kept
    counts: dict[str, int] = {}
    for issue in ranked:
        counts[issue.severity] = counts.get(issue.severity, 0) + 1
    summary = ", ".join(f"{n} {severity}" for severity, n in counts.items())
    print(f"Masalah data: {summary} (rincian lengkap: kip check PATH…).", file=out)
    for issue in ranked[:MAX_ISSUE_LINES]:
        where = issue.location() if hasattr(issue, "location") else ""
        name = Path(str(issue.file)).name if issue.file else ""
        place = ", ".join(p for p in (name, where) if p)
        print(printable(f"  [{issue.severity}] {place}: {issue.message}"), file=out)
    if len(ranked) > MAX_ISSUE_LINES:
        print(f"  … dan {len(ranked) - MAX_ISSUE_LINES} masalah lainnya.", file=out)


def report(result: Any, names: dict[str, str], out: Any = None) -> None:
    """Print what the deck shows about reporting, then the path of the deck (last line)."""
    out = out or sys.stdout
    print_problems(result.issues, out)
    if result.previous_issues:
        galat = sum(1 for i in result.previous_issues if i.severity == "galat")
        print(
            f"Laporan {result.previous_period.title if result.previous_period else 'sebelumnya'}"
            f": {len(result.previous_issues)} masalah data, {galat} di antaranya galat.",
            file=out,
        )
    for label, codes in (
        ("OPD belum melapor", result.missing_opd),
        ("OPD terlambat melapor", result.late_opd),
    ):
        if codes:
            listed = ", ".join(names.get(code, code) for code in codes)
            print(printable(f"{label} ({len(codes)}): {listed}"), file=out)
    compared = (
        f", dibandingkan dengan {result.previous_period.title}" if result.previous_period else ""
    )
    print(f"Paparan {result.period.title}{compared}: {result.slides} slide.", file=out)
    if getattr(result, "annex", None) is not None:
        print(f"Lampiran tabel lengkap (xlsx) ditulis: {printable(result.annex)}", file=out)
    _report_followup(result, out)
    print(f"Paparan ditulis: {printable(result.path)}", file=out)


def _report_followup(result: Any, out: Any) -> None:
    """The register read back (rows accepted, each problem) and the register written."""
    read = getattr(result, "followup_read", None)
    if read is not None:
        name = Path(read.file).name
        print(
            f"Register tindak lanjut {name}: {read.rows_read} baris dibaca, "
            f"{read.rows_accepted} diterima, {read.rows_rejected} ditolak.",
            file=out,
        )
        for issue in read.issues:
            place = ", ".join(p for p in (name, issue.location()) if p)
            print(printable(f"  [{issue.severity}] {place}: {issue.message}"), file=out)
        if read.errors:
            print(
                "  Baris yang ditolak tidak dihitung pada slide status tindak lanjut; "
                "perbaiki lalu jalankan lagi.",
                file=out,
            )
    if getattr(result, "register", None) is None:
        return
    if result.register_kept:
        print(
            f"Register tindak lanjut {result.register} sudah ada dan tidak ditimpa (mungkin "
            "sudah diisi); pindahkan atau ganti namanya bila ingin register usulan yang baru.",
            file=out,
        )
    else:
        print(f"Register tindak lanjut ditulis: {result.register}", file=out)


def _monev_check(args: argparse.Namespace, config):
    """The monev checklist given with --monev, checked against its evidence folder."""
    if not args.monev:
        return None
    from kip_training.monev.check import check_checklist_files

    return check_checklist_files(config, args.monev, args.bukti)


def run(args: argparse.Namespace) -> int:
    problems = _argument_problems(args)
    if problems:
        for problem in problems:
            print(f"Galat: {printable(problem)}.", file=sys.stderr)
        return 2

    from kip_training.commands._options import cache_option, period_option
    from kip_training.config import load_config
    from kip_training.deck.build import NothingToShow, build_deck_from_paths
    from kip_training.reports.read import find_files, links_message

    links: list = []
    find_files([*args.paths, *(args.previous or [])], links)
    if links:
        print(f"Peringatan: {printable(links_message(links))}", file=sys.stderr)
    period = period_option(args.periode)
    config = load_config(args.config)
    cache = cache_option(args)
    try:
        result = build_deck_from_paths(
            args.paths,
            args.output,
            previous=args.previous,
            quiz_db=args.quiz_db,
            config=config,
            template_path=args.template,
            period=period,
            cache=cache,
            followup_register=args.tindak_lanjut,
            monev_check=_monev_check(args, config),
        )
    except NothingToShow as exc:
        print_problems(exc.issues)
        print(f"Galat: {printable(exc)}", file=sys.stderr)
        return 1
    names = _roster_names(config)
    report(result, names)
    return 1 if result.followup_read is not None and result.followup_read.errors else 0


def _roster_names(config: Any) -> dict[str, str]:
    from kip_training.errors import KipError
    from kip_training.roster import read_roster

    try:
        return read_roster(config.roster_path).names
    except (KipError, OSError, ValueError):  # names only decorate the terminal summary
        return {}
