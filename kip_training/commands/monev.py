"""``kip monev siapkan|periksa``: the monev evidence checklist and its check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kip_training.terminal import printable

NAME = "monev"
HELP = "siapkan daftar bukti monev Komisi Informasi dari rubrik, lalu periksa kelengkapannya"
ORDER = 50


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="monev_command", metavar="TINDAKAN", title="tindakan")
    prepare = sub.add_parser(
        "siapkan",
        help="tulis daftar bukti (xlsx) dari rubrik monev",
        description=(
            "Tulis daftar bukti monev (xlsx): per indikator dan butir rubrik, OPD penanggung "
            "jawab, berkas bukti atau tautan, status, dan catatan; dengan daftar pilihan, rumus "
            "kelengkapan yang dilindungi, dan sheet Petunjuk. Dengan --laporan, kolom data "
            "laporan diisi dari laporan semester PPID Pembantu."
        ),
    )
    prepare.add_argument(
        "--rubrik",
        metavar="BERKAS",
        help="rubrik monev komisi Anda (YAML); bawaan: rubrik CONTOH bawaan paket, bukan "
        "rubrik resmi Komisi Informasi",
    )
    prepare.add_argument(
        "-o", "--output", metavar="BERKAS.xlsx", required=True, help="daftar bukti yang ditulis"
    )
    prepare.add_argument(
        "--laporan",
        metavar="PATH",
        nargs="+",
        help="laporan semester terakhir (berkas atau folder), untuk mengisi kolom data laporan",
    )
    prepare.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")

    check = sub.add_parser(
        "periksa",
        help="periksa daftar bukti yang sudah diisi beserta folder buktinya",
        description=(
            "Periksa daftar bukti: setiap butir punya bukti; setiap berkas ada di folder bukti, "
            "berupa PDF, tidak melebihi batas ukuran ([monev] batas_bukti_mb di kip.toml), "
            "dapat dibuka, dan tidak kosong; tautan ditulis lengkap (tidak dibuka). Mencetak "
            "kekurangan per OPD dan perkiraan nilai internal per indikator. Status keluar 1 "
            "bila ada kekurangan."
        ),
    )
    check.add_argument("checklist", metavar="DAFTAR.xlsx", help="daftar bukti yang sudah diisi")
    check.add_argument(
        "--bukti",
        metavar="FOLDER",
        required=True,
        help="folder berkas bukti (path di daftar bukti dibaca relatif terhadap folder ini)",
    )
    check.add_argument("--config", metavar="BERKAS", help="berkas kip.toml")
    parser.set_defaults(monev_help=parser.format_help)


def _fail(message: str) -> int:
    print(f"Galat: {printable(message)}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    if args.monev_command == "siapkan":
        return _prepare(args)
    if args.monev_command == "periksa":
        return _check(args)
    print(args.monev_help(), file=sys.stderr)
    return 2


def _prepare(args: argparse.Namespace) -> int:
    target = Path(args.output)
    if target.suffix.lower() != ".xlsx":
        return _fail(f"berkas keluaran harus berakhiran .xlsx, bukan '{target.name}'.")
    if args.rubrik and not Path(args.rubrik).is_file():
        return _fail(f"berkas rubrik '{args.rubrik}' tidak ditemukan.")
    for path in args.laporan or []:
        if not Path(path).exists():
            return _fail(f"laporan '{path}' tidak ditemukan.")

    from kip_training.config import load_config
    from kip_training.monev.checklist import build_checklist, save_workbook
    from kip_training.monev.rubric import example_rubric_path, load_rubric
    from kip_training.roster import read_roster

    config = load_config(args.config)
    rubric = load_rubric(args.rubrik or example_rubric_path())
    roster = read_roster(config.roster_path)
    figures = None
    if args.laporan:
        from kip_training.monev.figures import load_figures

        figures = load_figures(args.laporan, config)
    wb = build_checklist(rubric, roster, figures, config.monev_prep.batas_bukti_mb)
    save_workbook(wb, target)
    if rubric.contoh:
        print(f"Perhatian: {rubric.judul}. Bobot dan butirnya hanya ilustrasi.")
    print(
        f"Rubrik {rubric.komisi} {rubric.tahun}: {len(rubric.indicators)} indikator, "
        f"{len(rubric.items)} butir."
    )
    if figures is not None:
        linked = sum(1 for _, item in rubric.items if item.data)
        print(
            f"Data laporan {figures.period}: {linked} butir diisi dari laporan semester "
            f"({figures.issues} masalah data; rinciannya: kip check)."
        )
    print(f"Daftar bukti ditulis: {target}")
    return 0


def _check(args: argparse.Namespace) -> int:
    checklist, folder = Path(args.checklist), Path(args.bukti)
    if checklist.suffix.lower() != ".xlsx":
        return _fail(f"daftar bukti harus berupa berkas .xlsx, bukan '{checklist.name}'.")
    if not checklist.is_file():
        return _fail(f"daftar bukti '{checklist}' tidak ditemukan.")
    if not folder.is_dir():
        return _fail(f"folder bukti '{folder}' tidak ditemukan.")

    from kip_training.config import load_config
    from kip_training.monev.check import check_checklist
    from kip_training.roster import read_roster

    config = load_config(args.config)
    result = check_checklist(
        checklist, folder, read_roster(config.roster_path), config.monev_prep.limit_bytes
    )
    print_result(result, config.monev_prep.batas_bukti_mb)
    return result.exit_code


def print_result(result, limit_mb: float, out=None) -> None:
    """The check on the terminal: input problems, gaps per OPD, the internal estimate."""
    from kip_training.textfmt import format_number, format_percent

    out = out or sys.stdout
    mb = format_number(limit_mb, 0 if limit_mb == int(limit_mb) else 2)
    print(
        f"Daftar bukti {result.checklist.path} (folder bukti {result.folder}, batas {mb} MB "
        "per berkas)",
        file=out,
    )
    if result.checklist.contoh:
        print(f"Perhatian: {result.checklist.title}.", file=out)
    if result.problems:
        print(f"Isian yang tidak dapat dibaca ({len(result.problems)}):", file=out)
        for problem in result.problems:
            print(f"  {problem}", file=out)
    print(
        f"Butir siap: {result.ready} dari {result.items} "
        f"({format_percent(result.completeness)}); kekurangan: {len(result.gaps)}.",
        file=out,
    )
    groups = result.gaps_by_opd()
    if groups:
        print("Kekurangan per OPD:", file=out)
    for opd, gaps in groups.items():
        print(f"  {opd} ({len(gaps)})", file=out)
        for gap in gaps:
            print(f"    {gap.kode_butir} ({gap.where}): {gap.message}", file=out)
    print(f"Perkiraan nilai per indikator ({result.label}):", file=out)
    for score in result.scores:
        print(
            f"  {score.kode} {score.nama}: bobot {format_number(score.bobot)}, {score.siap} dari "
            f"{score.butir} butir siap -> {format_number(score.perkiraan, 1)}",
            file=out,
        )
    print(
        f"Perkiraan nilai: {format_number(result.estimate, 1)} dari 100 ({result.label}).",
        file=out,
    )
