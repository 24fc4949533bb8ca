"""``kip sesi``: a trainer starts, lists and shows sessions from the command line."""

from __future__ import annotations

import re

import pytest

from kip_training import cli
from kip_training.quiz.session import open_session
from kip_training.quiz.store import AnswerRecord, ResultStore


@pytest.fixture
def db(tmp_path):
    return tmp_path / "kelas.sqlite"


def start(db, capsys, *extra: str) -> tuple[int, str, str]:
    code = cli.main(
        ["sesi", "mulai", "--judul", "Pelatihan PPID Pembantu 2026-1", "--db", str(db), *extra]
    )
    out, err = capsys.readouterr()
    return code, out, err


def test_mulai_creates_a_session_and_prints_code_id_and_questions(db, capsys):
    code, out, err = start(
        db,
        capsys,
        "--topik",
        "keberatan",
        "sengketa",
        "--jumlah",
        "5",
        "--benih",
        "3",
        "--batas-waktu-soal",
        "30",
        "--batas-waktu-kuis",
        "10",
        "--nilai-lulus",
        "80",
        "--percobaan",
        "2",
        "--dihitung",
        "terakhir",
    )
    assert code == 0, err
    join = re.search(r"Kode bergabung\s*: (\w{6})", out).group(1)
    session_id = re.search(r"Id sesi\s*: ([0-9a-f]{32})", out).group(1)
    with ResultStore(db) as store:
        session = open_session(store, join)
    assert session.session_id == session_id
    assert (session.question_seconds, session.quiz_seconds) == (30, 600)
    assert (session.pass_mark, session.max_attempts, session.counted) == (0.8, 2, "terakhir")
    assert len(session) == 5
    for number, qid in enumerate(session.question_ids, start=1):
        assert f"{number:>2}. [{qid}]" in out
    assert "{diterima}" not in out  # deadline questions shown with their dates
    assert f"--sesi {join}" in out


def test_the_same_seed_gives_the_same_questions(db, capsys):
    outs = [start(db, capsys, "--jumlah", "6", "--benih", "42")[1] for _ in range(2)]
    questions = [re.findall(r"\[([\w-]+)\]", out) for out in outs]
    assert questions[0] == questions[1] and len(questions[0]) == 6
    codes = [re.search(r"Kode bergabung\s*: (\w+)", out).group(1) for out in outs]
    assert codes[0] != codes[1]


def test_a_quiz_spec_fixes_the_questions(db, capsys, bank):
    first, second = bank.questions[0].id, bank.questions[5].id
    code, out, _ = start(db, capsys, "--kuis", f"{second},{first}")
    assert code == 0
    assert re.findall(r"\[([\w-]+)\]", out) == [second, first]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--jumlah", "nol"], "--jumlah harus berupa angka"),
        (["--jumlah", "0"], "--jumlah harus paling sedikit 1"),
        (["--nilai-lulus", "120"], "--nilai-lulus harus antara 0 dan 100"),
        (["--batas-waktu-soal", "2"], "--batas-waktu-soal harus antara 5 dan 3600"),
        (["--percobaan", "0"], "--percobaan harus antara 1 dan 20"),
        (["--dihitung", "rata-rata"], "--dihitung harus terbaik atau terakhir"),
        (["--topik", "tidak_ada"], "Topik tidak dikenal: tidak_ada"),
        (["--kuis", "bukan-soal"], "tidak dikenal: bukan-soal"),
    ],
)
def test_bad_arguments_give_one_indonesian_line_and_status_2(db, capsys, arguments, message):
    code, out, err = start(db, capsys, *arguments)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Galat: ") and message in lines[0]
    with ResultStore(db) as store:
        assert store.sessions() == []


def test_daftar_and_lihat_show_sessions_and_participants(db, capsys):
    start(db, capsys, "--jumlah", "2", "--benih", "1")
    assert cli.main(["sesi", "daftar", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Pelatihan PPID Pembantu 2026-1" in out and "WIB" in out
    with ResultStore(db) as store:
        (session,) = [open_session(store, s.code) for s in store.sessions()]
        store.start_attempt(session.session_id, "Siti Rahmawati", "DINKES")
        store.record_many(
            AnswerRecord(
                "Siti Rahmawati",
                "DINKES",
                session.title,
                qid,
                "t",
                "x",
                True,
                1.0,
                session=session.session_id,
            )
            for qid in session.question_ids
        )
    assert cli.main(["sesi", "lihat", session.code.lower(), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"Kode bergabung  : {session.code}" in out
    assert "Peserta: 1" in out
    assert "Siti Rahmawati (DINKES): 100%, lulus, percobaan ke-1, sedang mengerjakan" in out

    assert cli.main(["sesi", "lihat", "QQQQQQ", "--db", str(db)]) == 2
    assert "Galat: Sesi dengan kode QQQQQQ tidak ditemukan" in capsys.readouterr().err


def test_an_empty_store_has_no_sessions(db, capsys):
    assert cli.main(["sesi", "daftar", "--db", str(db)]) == 0
    assert "Belum ada sesi" in capsys.readouterr().out
    assert cli.main(["sesi"]) == 2
    assert "pilih tindakan" in capsys.readouterr().err
