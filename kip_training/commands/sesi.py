"""``kip sesi``: start, list and show training sessions (one quiz for a whole room).

``kip sesi mulai --judul "..."`` creates a session in the results store (``--db`` or
``$KIP_DB``) and prints its id, join code and questions; ``kip app 04 --sesi KODE``
then serves the quiz notebook to the room for that session. Numbers are checked here
so that a bad value gives one Indonesian line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

from kip_training.terminal import printable

NAME = "sesi"
HELP = "mulai, daftar dan lihat sesi pelatihan (satu kuis yang sama untuk satu ruang)"
ORDER = 45


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="sesi_command", metavar="TINDAKAN", title="tindakan")

    start = sub.add_parser(
        "mulai",
        help="buat sesi baru: kode bergabung, soal tetap, batas waktu, nilai lulus",
        description=(
            "Buat sesi pelatihan. Semua peserta mendapat soal yang sama dengan urutan yang "
            "sama; urutan pilihan jawaban diacak per peserta. Soal dipilih dari --kuis, atau "
            "--jumlah soal dari --topik dengan --benih."
        ),
    )
    start.add_argument("--judul", required=True, metavar="TEKS", help="judul sesi")
    start.add_argument(
        "--kuis",
        metavar="SPEK",
        default="",
        help="id soal dan/atau topik dipisah koma (topik:N = N soal topik itu), atau berkas "
        ".txt berisi daftar itu",
    )
    start.add_argument(
        "--topik", nargs="+", metavar="TOPIK", help="topik soal (bawaan: semua topik)"
    )
    start.add_argument("--jumlah", metavar="N", help="jumlah soal (bawaan: 10)")
    start.add_argument("--benih", metavar="N", help="benih pengacak soal (bawaan: acak)")
    start.add_argument(
        "--batas-waktu-soal", metavar="DETIK", help="batas waktu per soal dalam detik"
    )
    start.add_argument(
        "--batas-waktu-kuis", metavar="MENIT", help="batas waktu seluruh kuis dalam menit"
    )
    start.add_argument("--nilai-lulus", metavar="PERSEN", help="nilai lulus 0–100 (bawaan: 70)")
    start.add_argument(
        "--percobaan", metavar="N", help="kesempatan mengerjakan per peserta (bawaan: 1)"
    )
    start.add_argument(
        "--dihitung",
        metavar="CARA",
        default="terbaik",
        help="percobaan yang dihitung: terbaik atau terakhir (bawaan: terbaik)",
    )
    start.add_argument("--db", metavar="BERKAS", help="basis data hasil (bawaan: $KIP_DB)")

    listing = sub.add_parser("daftar", help="daftar sesi, yang terbaru dahulu")
    listing.add_argument("--db", metavar="BERKAS", help="basis data hasil (bawaan: $KIP_DB)")

    show = sub.add_parser("lihat", help="rincian satu sesi: aturan, soal, peserta")
    show.add_argument("kode", metavar="KODE", help="kode bergabung atau id sesi")
    show.add_argument("--db", metavar="BERKAS", help="basis data hasil (bawaan: $KIP_DB)")


def _fail(message: str) -> int:
    print(f"Galat: {message}", file=sys.stderr)
    return 2


def _number(value: str | None, option: str, low: float, high: float | None = None, kind=int):
    """The value of a numeric option, or ValueError with an Indonesian message."""
    if value is None:
        return None
    try:
        number = kind(str(value).strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"{option} harus berupa angka (ditemukan: {value!r}).") from None
    if number < low or (high is not None and number > high):
        limit = f"antara {low:g} dan {high:g}" if high is not None else f"paling sedikit {low:g}"
        raise ValueError(f"{option} harus {limit} (ditemukan: {value}).")
    return number


def _rules(session) -> list[str]:
    from kip_training.textfmt import format_percent

    lines = [
        f"Jumlah soal     : {len(session)}",
        "Batas waktu soal: "
        + (f"{session.question_seconds} detik" if session.question_seconds else "tidak ada"),
        "Batas waktu kuis: "
        + (f"{session.quiz_seconds // 60} menit" if session.quiz_seconds else "tidak ada"),
        f"Nilai lulus     : {format_percent(session.pass_mark)}",
        f"Percobaan       : {session.max_attempts} (yang dihitung: {session.counted})",
    ]
    return lines


def _questions(session, bank) -> list[str]:
    """The session's questions as everybody sees them (deadline dates filled in)."""
    from kip_training.quiz.session import questions_for

    lines = []
    for number, item in enumerate(questions_for(session, bank), start=1):
        prompt = " ".join(item.question.prompt.split())
        if len(prompt) > 90:
            prompt = prompt[:89] + "…"
        lines.append(f"  {number:>2}. [{item.id}] {prompt}")
    return lines


def _create(store, bank, args, count, seed, question_seconds, quiz_minutes, pass_mark, attempts):
    from kip_training.quiz.session import create_session

    return create_session(
        store,
        args.judul,
        bank,
        quiz_spec=args.kuis,
        topics=args.topik,
        count=count,
        seed=seed,
        question_seconds=question_seconds,
        quiz_seconds=quiz_minutes * 60 if quiz_minutes else None,
        pass_mark=0.7 if pass_mark is None else pass_mark / 100,
        max_attempts=attempts or 1,
        counted=args.dihitung,
    )


def _start(args: argparse.Namespace) -> int:
    from kip_training.errors import QuestionBankError
    from kip_training.quiz.bank import default_bank
    from kip_training.quiz.session import COUNTED, SessionError
    from kip_training.quiz.store import ResultStore

    try:
        count = _number(args.jumlah, "--jumlah", 1)
        seed = _number(args.benih, "--benih", 0)
        question_seconds = _number(args.batas_waktu_soal, "--batas-waktu-soal", 5, 3600)
        quiz_minutes = _number(args.batas_waktu_kuis, "--batas-waktu-kuis", 1, 600)
        pass_mark = _number(args.nilai_lulus, "--nilai-lulus", 0, 100, float)
        attempts = _number(args.percobaan, "--percobaan", 1, 20)
    except ValueError as exc:
        return _fail(str(exc))
    if args.dihitung not in COUNTED:
        return _fail(f"--dihitung harus {' atau '.join(COUNTED)} (ditemukan: {args.dihitung}).")
    if not args.judul.strip():
        return _fail("--judul tidak boleh kosong.")
    if args.kuis and args.topik:
        return _fail("pakai --kuis atau --topik, tidak keduanya.")
    bank = default_bank()
    with ResultStore(args.db) as store:
        try:
            session = _create(
                store, bank, args, count, seed, question_seconds, quiz_minutes, pass_mark, attempts
            )
        except (SessionError, QuestionBankError) as exc:
            return _fail(str(exc))
        _print_header(f"Sesi dibuat: {session.title}", session)
        print(f"Basis data hasil: {printable(store.location)}")
        for line in _rules(session):
            print(line)
        print("Soal (sama untuk semua peserta, urutan ini):")
        for line in _questions(session, bank):
            print(line)
        print(
            "Tampilkan kuis untuk ruang pelatihan: "
            f"kip app 04_kuis_kewajiban_keterbukaan.ipynb --sesi {session.code} --ip 0.0.0.0"
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    from kip_training.quiz.results import format_wib
    from kip_training.quiz.session import sessions
    from kip_training.quiz.store import ResultStore

    with ResultStore(args.db) as store:
        found = sessions(store)
        if not found:
            print(
                f"Belum ada sesi di {printable(store.location)}. "
                'Buat dengan: kip sesi mulai --judul "..."'
            )
            return 0
        attempts = store.attempts()
        print(f"{'KODE':<7} {'DIBUAT':<21} {'SOAL':>4} {'PESERTA':>7}  JUDUL")
        for session in found:
            people = {(a.participant, a.opd) for a in attempts if a.session == session.session_id}
            print(
                f"{session.code:<7} {format_wib(session.created_at):<21} {len(session):>4} "
                f"{len(people):>7}  {session.title}"
            )
    return 0


def _show(args: argparse.Namespace) -> int:
    from kip_training.quiz.bank import default_bank
    from kip_training.quiz.results import format_wib, participant_result
    from kip_training.quiz.session import SessionError, open_session
    from kip_training.quiz.store import ResultStore
    from kip_training.textfmt import format_percent

    with ResultStore(args.db) as store:
        try:
            session = open_session(store, args.kode)
        except SessionError as exc:
            return _fail(str(exc))
        _print_header(f"Sesi: {session.title}", session)
        print(f"Dibuat          : {format_wib(session.created_at)}")
        for line in _rules(session):
            print(line)
        print("Soal:")
        for line in _questions(session, default_bank()):
            print(line)
        people = list(
            dict.fromkeys((a.participant, a.opd) for a in store.attempts(session.session_id))
        )
        print(f"Peserta: {len(people)}")
        for name, opd in people:
            result = participant_result(store, session, name, opd)
            if result is None:
                continue
            state = "selesai" if result.finished else "sedang mengerjakan"
            verdict = "lulus" if result.passed else "belum lulus"
            print(
                f"  {name} ({opd}): {format_percent(result.score)}, {verdict}, "
                f"percobaan ke-{result.attempt}, {state}"
            )
    return 0


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "sesi_command", None)
    if action == "mulai":
        return _start(args)
    if action == "daftar":
        return _list(args)
    if action == "lihat":
        return _show(args)
    return _fail("pilih tindakan: mulai, daftar atau lihat (kip sesi --help).")


def _print_header(title: str, session) -> None:
    print(printable(title))
    print(f"Kode bergabung  : {session.code}")
    print(f"Id sesi         : {session.session_id}")
