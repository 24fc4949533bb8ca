"""``kip quiz``: validate, export, results, import, sample."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

from kip_training.cli import main
from kip_training.quiz.store import AnswerRecord, ResultStore

BAD = """topic: uji
judul: Topik uji
questions:
  - id: u-01
    type: pilihan
    difficulty: 1
    prompt: Siapa menjawab keberatan?
    options: [Atasan PPID, Komisi Informasi]
    answer: Bupati
    explanation: x
  - id: u-01
    type: benar_salah
    difficulty: 1
    prompt: p
    answer: true
    explanation: x
    reference: r
"""


def test_validate_bundled_bank(capsys):
    assert main(["quiz", "validate"]) == 0
    out = capsys.readouterr().out
    assert "Bank soal sah." in out and "11 topik" in out
    assert "soal pilihan tunggal (" in out and "; sasaran: paling banyak sepertiga." in out


def single_choice_bank(tmp_path, longest: int, total: int):
    """``total`` single-choice questions; in ``longest`` of them the answer is the longest."""
    entries = []
    for i in range(total):
        answer, other = ("Atasan PPID", "PPID") if i < longest else ("PPID", "Atasan PPID")
        entries.append(
            f"  - id: u-{i:02d}\n    type: pilihan\n    difficulty: 1\n    prompt: Soal {i}?\n"
            f"    options: [{answer}, {other}]\n    answer: {answer}\n    explanation: x\n"
            "    reference: UU 14/2008 Pasal 36\n"
        )
    path = tmp_path / "uji.yaml"
    path.write_text("topic: uji\njudul: Uji\nquestions:\n" + "".join(entries), encoding="utf-8")
    return path


def test_validate_fails_when_the_longest_option_gives_the_answer_away(tmp_path, capsys):
    path = single_choice_bank(tmp_path, longest=3, total=9)
    assert main(["quiz", "validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "Jawaban benar adalah pilihan terpanjang pada 3 dari 9 soal pilihan tunggal (33%); "
        "sasaran: paling banyak sepertiga."
    ) in out
    assert "Bank soal sah." in out
    path = single_choice_bank(tmp_path, longest=4, total=9)
    assert main(["quiz", "validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert "pada 4 dari 9 soal pilihan tunggal (44%)" in captured.out
    assert "Bank soal sah." not in captured.out
    assert "Panjang pilihan membocorkan jawaban" in captured.err


def test_validate_reports_file_question_and_field(tmp_path, capsys):
    path = tmp_path / "uji.yaml"
    path.write_text(BAD, encoding="utf-8")
    assert main(["quiz", "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"GALAT  {path}, soal 'u-01', kolom 'answer': jawaban 'Bupati' tidak ada" in out
    assert f"GALAT  {path}, soal 'u-01', kolom 'reference': rujukan wajib diisi." in out
    assert f"GALAT  {path}, soal 'u-01', kolom 'id': id kembar: sudah dipakai di {path}." in out
    assert main(["quiz", "validate", str(tmp_path / "tidak-ada.yaml")]) == 2


def test_export_formats(tmp_path, capsys):
    for fmt in ("gift", "csv", "json"):
        out = tmp_path / f"bank.{fmt}"
        assert main(["quiz", "export", "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    assert "$CATEGORY: kip/definisi_badan_publik" in (tmp_path / "bank.gift").read_text("utf-8")
    rows = list(csv.DictReader((tmp_path / "bank.csv").open(encoding="utf-8-sig")))
    assert len(rows) == len(json.loads((tmp_path / "bank.json").read_text("utf-8"))["soal"])


def test_results_import_and_sample(tmp_path, monkeypatch, capsys):
    db = tmp_path / "pelatih.sqlite"
    monkeypatch.setenv("KIP_DB", str(db))
    assert main(["quiz", "results", "-o", str(tmp_path / "x.csv")]) == 2
    laptop = ResultStore(tmp_path / "laptop.sqlite")
    laptop.record(AnswerRecord("Peserta 09", "DINKES", "k", "keb-01", "keberatan", "@x", False, 0))
    laptop.export_participant(tmp_path / "p09.json", "Peserta 09")
    assert main(["quiz", "import", str(tmp_path / "p09.json")]) == 0
    assert main(["quiz", "import", str(tmp_path / "p09.json")]) == 0
    out = capsys.readouterr().out
    assert "1 ditambahkan" in out and "0 ditambahkan, 1 sudah ada" in out
    assert main(["quiz", "results", "-o", str(tmp_path / "hasil.csv")]) == 0
    rows = list(csv.DictReader((tmp_path / "hasil.csv").open(encoding="utf-8-sig")))
    assert [r["jawaban"] for r in rows] == ["'@x"]
    assert main(["quiz", "sample"]) == 0
    assert main(["quiz", "results", "-o", str(tmp_path / "hasil.xlsx")]) == 0
    assert (tmp_path / "hasil.xlsx").stat().st_size > 0


def test_quiz_command_keeps_heavy_imports_out():
    code = (
        "import sys, kip_training.commands.quiz; "
        "print(sorted(m for m in ('pandas', 'ipywidgets', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_import_refuses_a_string_where_a_boolean_belongs(tmp_path, capsys):
    laptop = ResultStore(tmp_path / "laptop.sqlite")
    laptop.record(AnswerRecord("Peserta 09", "DINKES", "k", "keb-01", "keberatan", "x", False, 0))
    laptop.record(AnswerRecord("Peserta 09", "DINKES", "k", "keb-02", "keberatan", "y", True, 1))
    path = tmp_path / "p09.json"
    laptop.export_participant(path, "Peserta 09")
    data = json.loads(path.read_text("utf-8"))
    data["jawaban"][0]["correct"] = "false"
    path.write_text(json.dumps(data), "utf-8")
    db = tmp_path / "pelatih.sqlite"
    assert main(["quiz", "import", "--db", str(db), str(path)]) == 1
    out = capsys.readouterr().out
    assert "jawaban ke-1: tidak sah (correct harus true atau false (ditemukan: 'false'))" in out
    assert "1 ditambahkan" in out
    stored = ResultStore(db).answers()
    assert [(r.question_id, r.correct) for r in stored] == [("keb-02", True)]


def test_a_corrupted_results_database_is_one_line_with_status_1(tmp_path, capsys):
    db = tmp_path / "rusak.sqlite"
    db.write_bytes(b"\x00junk" * 2000)
    assert main(["quiz", "results", "--db", str(db), "-o", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Galat: Basis data hasil kuis {db} rusak atau bukan basis data SQLite")
    assert err.count("\n") == 1 and not (tmp_path / "x.csv").exists()
