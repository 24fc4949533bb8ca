"""``kip quiz``: validate and export the question bank; import and export results."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "quiz"
HELP = "periksa dan ekspor bank soal kuis; kumpulkan dan ekspor hasil kuis"
ORDER = 40


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="quiz_command", metavar="TINDAKAN", title="tindakan")

    validate = sub.add_parser(
        "validate",
        help="periksa bank soal (*.yaml): skema, id kembar, jawaban, rujukan, panjang pilihan",
        description=(
            "Periksa bank soal. Keluar dengan status 1 bila ada kesalahan, atau bila jawaban "
            "benar menjadi pilihan terpanjang pada lebih dari sepertiga soal pilihan tunggal."
        ),
    )
    validate.add_argument(
        "files", nargs="*", metavar="BERKAS", help="berkas atau folder YAML (bawaan: bank soal)"
    )
    validate.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")

    export = sub.add_parser(
        "export",
        help="ekspor bank soal ke GIFT (Moodle), CSV atau JSON",
        description="Ekspor bank soal. Soal tenggat dibangkitkan dengan tanggal tetap (--seed).",
    )
    export.add_argument(
        "--format", choices=("gift", "csv", "json"), default="gift", help="format (bawaan: gift)"
    )
    export.add_argument("-o", "--output", required=True, metavar="BERKAS", help="berkas keluaran")
    export.add_argument("--seed", type=int, default=0, help="seed soal tenggat (bawaan: 0)")
    export.add_argument(
        "files", nargs="*", metavar="BERKAS", help="berkas atau folder YAML (bawaan: bank soal)"
    )
    export.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")

    results = sub.add_parser(
        "results",
        help="ekspor hasil kuis ke CSV atau XLSX (untuk kepegawaian atau LMS)",
        description="Ekspor semua jawaban yang tersimpan, aman dari formula injection.",
    )
    results.add_argument(
        "--format", choices=("csv", "xlsx"), default=None, help="format (bawaan: dari nama berkas)"
    )
    results.add_argument("-o", "--output", required=True, metavar="BERKAS", help="berkas keluaran")
    results.add_argument("--db", metavar="BERKAS|URL", help=DB_HELP)
    results.add_argument(
        "--sesi",
        metavar="KODE",
        help="hanya satu sesi (kode atau id): XLSX berlembar Peserta, Per soal dan Jawaban",
    )

    imp = sub.add_parser(
        "import",
        help="impor berkas hasil peserta (JSON); jawaban yang sama tidak dihitung dua kali",
        description="Impor berkas hasil kuis yang diekspor peserta secara luring.",
    )
    imp.add_argument("files", nargs="+", metavar="BERKAS", help="berkas hasil peserta (*.json)")
    imp.add_argument("--db", metavar="BERKAS|URL", help=DB_HELP)

    sample = sub.add_parser(
        "sample",
        help="isi basis data dengan hasil contoh (peserta fiktif) untuk demo dan dasbor",
        description="Tulis hasil contoh sekitar 30 peserta fiktif ke basis data hasil.",
    )
    sample.add_argument("--db", metavar="BERKAS|URL", help=DB_HELP)
    sample.add_argument("--seed", type=int, default=0, help="seed (bawaan: 0)")


DB_HELP = "basis data hasil: berkas SQLite atau alamat postgresql://… (bawaan: $KIP_DB)"


def _load(files: list[str], config: str | None):
    from kip_training.config import load_config
    from kip_training.quiz.bank import validate_paths

    paths = files or [load_config(config).questions_dir]
    return validate_paths(paths)


def _validate(args: argparse.Namespace) -> int:
    from kip_training.quiz import types
    from kip_training.quiz.bank import summary_counts
    from kip_training.quiz.types.pilihan import answer_length_cue
    from kip_training.textfmt import format_percent

    missing = [f for f in args.files if not Path(f).exists()]
    if missing:
        print(f"Galat: berkas tidak ditemukan: {', '.join(missing)}.", file=sys.stderr)
        return 2
    bank, issues = _load(args.files, args.config)
    for issue in issues:
        print(f"GALAT  {issue}")
    hand = bank.hand_written
    counts = summary_counts(hand)
    print(
        f"{len(bank)} soal sah dalam {len(bank.topics)} topik: {len(hand)} ditulis tangan, "
        f"{len(bank) - len(hand)} templat soal tenggat."
    )
    for key, n in counts["topic"].items():
        print(f"  {bank.title(key)} ({key}): {n}")
    labels = [f"{types.of(t).label} {n}" for t, n in counts["type"].items()]
    print("Menurut jenis: " + ", ".join(labels))
    cue = answer_length_cue(bank.questions)
    if cue.total:
        print(
            f"Jawaban benar adalah pilihan terpanjang pada {cue.longest} dari {cue.total} soal "
            f"pilihan tunggal ({format_percent(cue.share)}); sasaran: paling banyak sepertiga."
        )
    if issues:
        print(f"{len(issues)} kesalahan ditemukan.", file=sys.stderr)
    if cue.too_often:
        print(
            "Panjang pilihan membocorkan jawaban: tulis ulang pengecohnya agar jawaban benar "
            "tidak lebih sering menjadi pilihan terpanjang (paling banyak sepertiga soal).",
            file=sys.stderr,
        )
    if issues or cue.too_often:
        return 1
    print("Bank soal sah.")
    return 0


def _export(args: argparse.Namespace) -> int:
    from kip_training.quiz.export import write_bank

    bank, issues = _load(args.files, args.config)
    if issues:
        for issue in issues:
            print(f"GALAT  {issue}", file=sys.stderr)
        print("Bank soal belum sah; perbaiki dulu (lihat 'kip quiz validate').", file=sys.stderr)
        return 1
    path = write_bank(bank, args.format, args.output, seed=args.seed)
    print(f"{len(bank)} soal ditulis ke {path} (format {args.format}).")
    return 0


def _results(args: argparse.Namespace) -> int:
    from kip_training.quiz.export import write_results
    from kip_training.quiz.store import db_target, describe_target, store_exists

    fmt = args.format or ("xlsx" if args.output.lower().endswith(".xlsx") else "csv")
    db = db_target(args.db)  # a file Path or a postgresql:// URL
    if not store_exists(db):
        print(f"Galat: basis data hasil kuis {db} tidak ditemukan.", file=sys.stderr)
        return 2
    if args.sesi:
        return _session_results(args, db, fmt)
    count = write_results(db, fmt, args.output)
    print(f"{count} jawaban dari {describe_target(db)} ditulis ke {args.output} (format {fmt}).")
    return 0


def _session_results(args: argparse.Namespace, db, fmt: str) -> int:
    from kip_training.quiz.export import write_session_results
    from kip_training.quiz.results import ResultsError

    if fmt != "xlsx":
        print("Galat: hasil satu sesi diekspor sebagai XLSX (-o hasil.xlsx).", file=sys.stderr)
        return 2
    try:
        results = write_session_results(db, args.sesi, args.output)
    except ResultsError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 2
    print(
        f"Hasil sesi {results.title} (kode {results.code}): {len(results.participants)} peserta, "
        f"{len(results.passed)} lulus, {len(results.answers)} jawaban; ditulis ke {args.output}."
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from kip_training.quiz.store import ResultStore

    with ResultStore(args.db) as store:
        report = store.import_files(args.files)
        print(f"Basis data: {store.location}")
    print(report.summary())
    return 1 if report.problems else 0


def _sample(args: argparse.Namespace) -> int:
    from kip_training.quiz.sample import fill_sample_results
    from kip_training.quiz.store import db_target, describe_target

    db = db_target(args.db)
    added = fill_sample_results(db, seed=args.seed)
    print(f"{added} jawaban contoh (peserta fiktif) ditulis ke {describe_target(db)}.")
    return 0


def run(args: argparse.Namespace) -> int:
    actions = {
        "validate": _validate,
        "export": _export,
        "results": _results,
        "import": _import,
        "sample": _sample,
    }
    action = actions.get(getattr(args, "quiz_command", None))
    if action is None:
        print(
            "Galat: sebutkan tindakan: validate, export, results, import atau sample "
            "(lihat 'kip quiz --help').",
            file=sys.stderr,
        )
        return 2
    return action(args)
