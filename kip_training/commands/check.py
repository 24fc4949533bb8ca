"""``kip check PATH… [--json FILE|-] [--feedback DIR]``: check six-monthly reports."""

from __future__ import annotations

import argparse
import json
import sys

from kip_training.commands._options import add_cache_option
from kip_training.errors import EXIT_FAILED
from kip_training.terminal import printable

NAME = "check"
HELP = "periksa laporan semester PPID Pembantu (xlsx, xlsm, xls, ods, csv; berkas atau folder)"
ORDER = 30

SEVERITY_TAGS = {"galat": "GALAT", "peringatan": "PERINGATAN", "temuan": "TEMUAN"}


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="berkas laporan atau folder")
    parser.add_argument(
        "--json",
        metavar="BERKAS",
        help="tulis hasil sebagai JSON ke BERKAS ('-' untuk layar/stdout)",
    )
    parser.add_argument(
        "--feedback",
        metavar="FOLDER",
        help="tulis satu berkas xlsx hasil pemeriksaan per OPD ke FOLDER",
    )
    parser.add_argument(
        "--periode",
        metavar="PERIODE",
        help="periode laporan, misalnya 2025-S1 (bawaan: periode sebagian besar laporan)",
    )
    parser.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")
    add_cache_option(parser)


def _issue_line(issue) -> str:
    where = issue.location()
    parts = [f"[{SEVERITY_TAGS[issue.severity]}]"]
    if where:
        parts.append(f"{where}:")
    if issue.value not in (None, ""):
        parts.append(f"nilai '{issue.value}':")
    parts.append(issue.message)
    return printable(" ".join(parts))


def _print_text(reports, out, totals=None) -> None:
    from kip_training.textfmt import format_date

    names = dict(zip(reports.roster["kode"], reports.roster["nama"], strict=True))
    for result in reports.files:
        print(f"Berkas: {printable(result.file)}", file=out)
        if not result.readable:
            for issue in result.issues:
                print(f"  [GALAT] {printable(issue.message)}", file=out)
            print(file=out)
            continue
        opd = result.kode_opd or "(tidak dikenal)"
        name = names.get(result.kode_opd, "")
        period = result.period.title if result.period else "(periode tidak diketahui)"
        dated = (
            f", tanggal laporan {format_date(result.tanggal_laporan, weekday=False)}"
            if result.tanggal_laporan
            else ""
        )
        print(printable(f"  OPD: {opd} {name}".rstrip() + f" | {period}{dated}"), file=out)
        if not result.used:
            print("  (berkas ini tidak dipakai, lihat masalah di bawah)", file=out)
        print(
            f"  Baris: dibaca {result.rows_read}, diterima {result.rows_accepted}, "
            f"ditolak {result.rows_rejected}",
            file=out,
        )
        for count in result.sheets.values():
            print(
                f"    {printable(count.sheet)}: dibaca {count.rows_read}, "
                f"diterima {count.rows_accepted}, "
                f"ditolak {count.rows_rejected}",
                file=out,
            )
        out.write("".join(f"  {_issue_line(issue)}\n" for issue in result.issues) + "\n")
    totals = reports.totals() if totals is None else totals
    period = reports.period.title if reports.period else "(periode tidak diketahui)"
    print(f"Ringkasan {period}: {totals['files']} berkas", file=out)
    print(
        f"  Baris: dibaca {totals['rows_read']}, diterima {totals['rows_accepted']}, "
        f"ditolak {totals['rows_rejected']}",
        file=out,
    )
    counts = totals["issues"]
    print(
        f"  Masalah: {counts['galat']} galat, {counts['temuan']} temuan, "
        f"{counts['peringatan']} peringatan",
        file=out,
    )
    missing = totals["missing_opd"]
    if reports.period is not None and len(reports.files) == 1:
        print(
            f"  OPD belum melapor: {len(missing)} (daftarnya ditampilkan bila memeriksa "
            "laporan semua OPD sekaligus)",
            file=out,
        )
    elif reports.period is not None:
        listed = ", ".join(f"{m['kode']} ({m['nama']})" for m in missing) or "tidak ada"
        print(f"  OPD belum melapor ({len(missing)}): {printable(listed)}", file=out)
        unusable = totals["unusable_opd"]
        listed = ", ".join(f"{m['kode']} ({m['nama']})" for m in unusable) or "tidak ada"
        print(
            f"  OPD yang laporannya tiba tetapi tidak dapat dipakai ({len(unusable)}): "
            + printable(listed),
            file=out,
        )
        partial = [o for o in totals["opd"] if not o["lengkap"]]
        listed = (
            ", ".join(
                f"{o['kode']} ({o['baris_diterima_persen']:g}% baris diterima)" for o in partial
            )
            or "tidak ada"
        )
        print(
            f"  OPD dengan angka tidak lengkap (ada baris ditolak) ({len(partial)}): "
            + printable(listed),
            file=out,
        )
        late = totals["late_opd"]
        due = format_date(reports.report_due, weekday=False) if reports.report_due else "-"
        listed = ", ".join(f"{m['kode']} ({m['nama']})" for m in late) or "tidak ada"
        print(f"  OPD terlambat melapor (batas {due}) ({len(late)}): {printable(listed)}", file=out)


def json_text(data: dict) -> str:
    """The check result as JSON: one top-level key, file or issue per line.

    Readable and easy to grep (one issue per line), and written by json's C encoder:
    ``indent`` would switch to the pure-Python encoder, three times slower for 27,000
    issues. Each issue is listed twice (under its file and in ``issues``) and encoded
    once: a file's line is its other fields, then its issues' text.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    encoded = {id(issue): encode(issue) for issue in data.get("issues") or ()}

    def file_line(entry: dict) -> str:
        issues = entry.get("issues")
        if not isinstance(issues, list) or list(entry)[-1] != "issues":
            return encode(entry)
        head = encode({k: v for k, v in entry.items() if k != "issues"})
        listed = ", ".join(encoded.get(id(i)) or encode(i) for i in issues)
        return f'{head[:-1]}, "issues": [{listed}]}}'

    parts = []
    for key, value in data.items():
        name = json.dumps(key)
        if isinstance(value, list) and value:
            line = file_line if key == "files" else (lambda v: encoded.get(id(v)) or encode(v))
            items = ",\n".join(map(line, value))
            parts.append(f"{name}: [\n{items}\n]")
        else:
            parts.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}"


def run(args: argparse.Namespace) -> int:
    from kip_training.commands._options import cache_option
    from kip_training.reports.read import find_files, links_message

    links: list = []
    _, missing = find_files(args.paths, links)
    if missing:
        for path in missing:
            print(f"Galat: path {printable(path)} tidak ditemukan.", file=sys.stderr)
        return 2
    if links:
        print(f"Peringatan: {printable(links_message(links))}", file=sys.stderr)
    return _check(args, cache_option(args))


def _check(args: argparse.Namespace, cache) -> int:
    from pathlib import Path

    from kip_training.commands._options import period_option
    from kip_training.config import load_config
    from kip_training.errors import KipError
    from kip_training.reports import load_reports

    try:
        period = period_option(args.periode)
        config = load_config(args.config)
        reports = load_reports(args.paths, config=config, period=period, cache=cache)
    except KipError as exc:
        print(f"Galat: {printable(exc)}", file=sys.stderr)
        return 2
    if not reports.files:
        print(
            "Galat: tidak ada berkas laporan (.xlsx, .xlsm, .xls, .ods, .csv) di "
            + printable(", ".join(args.paths))
            + ".",
            file=sys.stderr,
        )
        return 2
    totals = reports.totals()  # once, for the JSON and the text
    if args.json:
        text = json_text(reports.as_dict(totals))
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    if args.json != "-":
        _print_text(reports, sys.stdout, totals)
    if args.feedback:
        from kip_training.reports.feedback import write_feedback

        written = write_feedback(reports, args.feedback)
        target = sys.stderr if args.json == "-" else sys.stdout
        for message in written.messages:
            print(printable(message), file=target)
        folder = printable(args.feedback)
        print(f"Umpan balik ditulis: {len(written.files)} berkas di {folder}", file=target)
        if written.failed:
            return EXIT_FAILED
    return 1 if reports.has_errors else 0
