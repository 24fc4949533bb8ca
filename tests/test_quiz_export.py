"""Exports: GIFT checked against the grammar, CSV/JSON of the bank, results files."""

from __future__ import annotations

import csv
import json
import re

import pytest

from kip_training.quiz.bank import Question, QuestionBank, Topic
from kip_training.quiz.export import (
    gift_escape,
    gift_question,
    question_rows,
    to_gift,
    to_json,
    write_bank,
    write_results,
)
from kip_training.quiz.store import AnswerRecord, ResultStore

SPECIAL = set("~=#{}:")


# ----------------------------------------------------------------- a small GIFT parser


def split_unescaped(text: str, stop: set[str]) -> list[tuple[str | None, str]]:
    """Split at unescaped characters of ``stop``: [(delimiter, raw piece), ...]."""
    parts, current, delim, i = [], "", None, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            assert i + 1 < len(text), "backslash at the end"
            current += text[i : i + 2]
            i += 2
            continue
        if char in stop:
            parts.append((delim, current))
            delim, current = char, ""
        else:
            current += char
        i += 1
    parts.append((delim, current))
    return parts


def unescape(raw: str) -> str:
    out, i = "", 0
    while i < len(raw):
        if raw[i] == "\\":
            assert raw[i + 1] in SPECIAL | {"\\", "n"}, f"unknown escape in {raw!r}"
            out += raw[i + 1]
            i += 2
        else:
            assert raw[i] not in SPECIAL, f"unescaped {raw[i]!r} in {raw!r}"
            out += raw[i]
            i += 1
    return out


def parse_gift_question(line: str) -> dict:
    """Parse one GIFT question; assertion errors mean it breaks the grammar."""
    m = re.match(r"^::([A-Za-z0-9_-]+)::", line)
    assert m, f"no ::title:: in {line[:60]!r}"
    rest = line[m.end() :]
    pieces = split_unescaped(rest, {"{", "}"})
    assert [d for d, _ in pieces] == [None, "{", "}"], f"braces wrong in {m.group(1)}"
    assert pieces[2][1].strip() == "", "text after the answer block"
    prompt = unescape(pieces[0][1].strip())
    body = pieces[1][1]
    body, _, feedback = body.partition("####")
    assert "####" not in feedback
    feedback = unescape(feedback.strip())
    body = body.strip()
    result = {"id": m.group(1), "prompt": prompt, "feedback": feedback}
    if body in ("T", "F", "TRUE", "FALSE"):
        return {**result, "kind": "truefalse", "answer": body.startswith("T")}
    if body.startswith("#"):
        nm = re.fullmatch(r"#(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?", body)
        assert nm, f"bad numerical answer {body!r}"
        return {**result, "kind": "numerical", "answer": float(nm.group(1))}
    tokens = [(d, p.strip()) for d, p in split_unescaped(body, {"=", "~"})]
    assert tokens[0] == (None, ""), f"text before first answer in {m.group(1)}"
    answers = []
    for delim, raw in tokens[1:]:
        weight = None
        wm = re.match(r"^%(-?\d+(?:\.\d+)?)%", raw)
        if wm:
            weight, raw = float(wm.group(1)), raw[wm.end() :]
        if "->" in raw:
            left, right = raw.split("->", 1)
            answers.append((delim, weight, (unescape(left.strip()), unescape(right.strip()))))
        else:
            answers.append((delim, weight, unescape(raw)))
    if any(isinstance(a[2], tuple) for a in answers):
        assert all(d == "=" and isinstance(a, tuple) for d, _, a in answers)
        assert len(answers) >= 2
        return {**result, "kind": "matching", "pairs": [a for _, _, a in answers]}
    weights = [w for _, w, _ in answers]
    if any(w is not None for w in weights):
        assert all(d == "~" and w is not None for d, w, _ in answers)
        assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.01)
        return {
            **result,
            "kind": "multiple_answers",
            "right": [a for _, w, a in answers if w > 0],
            "options": [a for _, _, a in answers],
        }
    right = [a for d, _, a in answers if d == "="]
    assert len(right) == 1 and len(answers) >= 2
    return {**result, "kind": "multichoice", "right": right[0], "options": [a for *_, a in answers]}


def parse_gift(text: str) -> tuple[list[str], list[dict]]:
    categories, questions = [], []
    blocks = [b for b in re.split(r"\n\s*\n", text)]
    for block in blocks:
        lines = [ln for ln in block.splitlines() if not ln.startswith("//") and ln.strip()]
        if not lines:
            continue
        assert len(lines) == 1, f"a block has {len(lines)} lines: {lines[:2]}"
        line = lines[0]
        if line.startswith("$CATEGORY:"):
            assert re.fullmatch(r"\$CATEGORY: kip/[a-z0-9_]+", line), line
            categories.append(line.split("/", 1)[1])
        else:
            questions.append({**parse_gift_question(line), "category": categories[-1]})
    return categories, questions


# ----------------------------------------------------------------- tests


def test_gift_escape_escapes_every_special_character():
    assert gift_escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert unescape(gift_escape("Rujukan: Pasal 22 {ayat} = 7 # ~")) == (
        "Rujukan: Pasal 22 {ayat} = 7 # ~"
    )
    assert gift_escape("baris satu\nbaris dua") == "baris satu baris dua"


def test_whole_bank_is_valid_gift_and_round_trips(bank, calendar):
    text = to_gift(bank, seed=1, calendar=calendar)
    categories, questions = parse_gift(text)
    assert categories == list(bank.topics)
    assert [q["id"] for q in questions] == [q.id for q in bank.questions]
    for parsed in questions:
        original = bank[parsed["id"]]
        assert parsed["category"] == original.topic
        assert original.reference in parsed["feedback"]
        if original.type == "tenggat":
            assert parsed["kind"] == "multichoice" and len(parsed["options"]) == 4
            continue
        assert parsed["prompt"] == original.prompt
        assert parsed["feedback"].startswith(original.explanation)
        kind = {
            "pilihan": "multichoice",
            "pilihan_ganda": "multiple_answers",
            "benar_salah": "truefalse",
            "angka": "numerical",
            "pasangan": "matching",
        }[original.type]
        assert parsed["kind"] == kind, original.id
        if kind == "multichoice":
            assert parsed["right"] == original.answer
            assert parsed["options"] == list(original.options)
        elif kind == "multiple_answers":
            assert parsed["right"] == list(original.answer)
        elif kind in ("truefalse", "numerical"):
            assert parsed["answer"] == original.answer
        else:
            assert parsed["pairs"] == list(original.pairs)


def test_tricky_text_is_escaped_in_every_part():
    tricky = Question(
        id="x-01",
        topic="uji",
        type="pilihan",
        prompt="Nilai {a} = 10: benar? #1 ~ ok",
        explanation="Karena a=10 {selalu}.",
        reference="UU 14/2008 Pasal 22 ayat (7)",
        difficulty=1,
        options=("= sepuluh", "~ sembilan: #9"),
        answer="= sepuluh",
    )
    line = gift_question(tricky)
    parsed = parse_gift_question(line)
    assert parsed["prompt"] == tricky.prompt
    assert parsed["right"] == "= sepuluh" and parsed["options"][1] == "~ sembilan: #9"
    assert parsed["feedback"] == "Karena a=10 {selalu}. Rujukan: UU 14/2008 Pasal 22 ayat (7)."


def test_multiple_answer_weights_and_numbers(bank):
    parsed = parse_gift_question(gift_question(bank["keb-05"]))
    assert parsed["kind"] == "multiple_answers" and len(parsed["right"]) == 3
    line = gift_question(bank["snk-01"])
    assert "{#5000000:0 ####" in line
    assert "~%-33.33333%" in gift_question(bank["keb-05"])


def test_tenggat_is_exported_with_fixed_dates(bank, calendar):
    one = gift_question(bank["pro-t1"], seed=4, calendar=calendar)
    two = gift_question(bank["pro-t1"], seed=4, calendar=calendar)
    assert one == two
    parsed = parse_gift_question(one)
    assert "{diterima}" not in parsed["prompt"]
    received = re.search(r"pada (\w+, \d+ \w+ \d{4})", parsed["prompt"]).group(1)
    from kip_training.textfmt import format_date, parse_date

    due = calendar.due_date(parse_date(received), "pemberitahuan").due
    assert parsed["right"] == format_date(due)


def test_csv_export_is_neutralised(tmp_path, calendar):
    bank = QuestionBank(
        {"uji": Topic("uji", "Uji")},
        [
            Question(
                id="x-02",
                topic="uji",
                type="benar_salah",
                prompt='=HYPERLINK("http://contoh")',
                explanation="-penjelasan",
                reference="@rujukan",
                difficulty=1,
                answer=True,
            )
        ],
    )
    path = write_bank(bank, "csv", tmp_path / "bank.csv", calendar=calendar)
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert rows[0]["pertanyaan"] == '\'=HYPERLINK("http://contoh")'
    assert rows[0]["penjelasan"] == "'-penjelasan" and rows[0]["rujukan"] == "'@rujukan"
    assert rows[0]["jawaban"] == "Benar"


def test_csv_and_json_of_the_bundled_bank(bank, calendar, tmp_path):
    rows = question_rows(bank, calendar=calendar)
    assert len(rows) == len(bank)
    data = json.loads(to_json(bank, calendar=calendar))
    assert [t["topic"] for t in data["topik"]] == list(bank.topics)
    tenggat = [q for q in data["soal"] if q["type"] == "tenggat"]
    assert tenggat and all("jatuh_tempo" in q and "diterima" in q for q in tenggat)
    write_bank(bank, "json", tmp_path / "bank.json", calendar=calendar)
    assert json.loads((tmp_path / "bank.json").read_text("utf-8"))["soal"][0]["id"]


def test_results_export_csv_and_xlsx_are_protected(tmp_path):
    db = tmp_path / "hasil.sqlite"
    store = ResultStore(db)
    for name, answer, score in (("Peserta 01", "=1+1", 0.0), ("Peserta 02", "10", 1.0)):
        store.record(
            AnswerRecord(
                name,
                "DISKOMINFO",
                "kuis",
                "pro-01",
                "prosedur_tenggat",
                answer,
                score == 1.0,
                score,
            )
        )
    store.close()
    assert write_results(db, "csv", tmp_path / "hasil.csv") == 2
    rows = list(csv.DictReader((tmp_path / "hasil.csv").open(encoding="utf-8-sig")))
    assert rows[0]["jawaban"] == "'=1+1" and rows[1]["jawaban"] == "10"
    assert set(rows[0]) >= {"peserta", "kode_opd", "soal", "jawaban", "benar", "nilai"}
    write_results(db, "xlsx", tmp_path / "hasil.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "hasil.xlsx")
    assert book.sheetnames == ["Rekap peserta", "Jawaban"]
    values = [c.value for c in book["Jawaban"]["F"]]
    assert values[0] == "jawaban" and "'=1+1" in values
    summary = [[c.value for c in row] for row in book["Rekap peserta"].iter_rows()]
    assert summary[0][:3] == ["peserta", "kode_opd", "jawaban"]
    assert ["Peserta 02", "DISKOMINFO", 1, 1, 100] in summary


def test_session_workbook_has_participants_questions_and_answers(tmp_path, bank, calendar):
    from openpyxl import load_workbook

    from kip_training.exercises.trainer import fill_sample_session
    from kip_training.quiz.export import session_workbook, write_session_results
    from kip_training.quiz.results import session_results

    db = tmp_path / "sesi.sqlite"
    fill_sample_session(db, participants=3, bank=bank, calendar=calendar)
    with ResultStore(db) as store:
        store.record(
            AnswerRecord(
                "=HYPERLINK(1)", "DINKES", "k", "bp-01", "badan_publik", "@x", False, 0.0,
                session="sesi-contoh",
            )
        )  # fmt: skip
        results = session_results(store, "CONTOH", bank, calendar)
    path = tmp_path / "hasil.xlsx"
    path.write_bytes(session_workbook(results))
    book = load_workbook(path)
    assert book.sheetnames == ["Peserta", "Per soal", "Jawaban"]
    people = [[c.value for c in row] for row in book["Peserta"].iter_rows()]
    assert people[0][:4] == ["Nama peserta", "OPD", "Percobaan dihitung", "Jumlah percobaan"]
    names = [row[0] for row in people[1:]]
    assert sorted(names) == ["'=HYPERLINK(1)", "Peserta 01", "Peserta 02", "Peserta 03"]
    passed = {row[0]: row[8] for row in people[1:]}
    assert set(passed.values()) <= {"ya", "tidak"}
    questions = [[c.value for c in row] for row in book["Per soal"].iter_rows()]
    assert questions[0][:3] == ["No.", "Kode soal", "Soal"]
    assert [row[1] for row in questions[1:]] == list(results.spec["soal"])
    assert questions[1][2] == bank["bp-01"].prompt
    assert "(benar)" in questions[1][7] and questions[1][4] == 4
    answers = [[c.value for c in row] for row in book["Jawaban"].iter_rows()]
    assert answers[0][-1] == "Waktu (WIB)" and answers[1][-1].endswith("WIB")
    assert "'@x" in [row[5] for row in answers]
    written = write_session_results(db, "contoh", tmp_path / "lagi.xlsx", bank)
    assert len(written.participants) == 4


def test_kip_quiz_results_exports_one_session(tmp_path, capsys, bank, calendar):
    from openpyxl import load_workbook

    from kip_training.cli import main
    from kip_training.exercises.trainer import fill_sample_session

    db = tmp_path / "sesi.sqlite"
    fill_sample_session(db, participants=4, bank=bank, calendar=calendar)
    out = tmp_path / "sesi.xlsx"
    assert main(["quiz", "results", "--db", str(db), "--sesi", "contoh", "-o", str(out)]) == 0
    assert "kode CONTOH): 4 peserta" in capsys.readouterr().out
    assert load_workbook(out).sheetnames == ["Peserta", "Per soal", "Jawaban"]
    assert main(["quiz", "results", "--db", str(db), "--sesi", "X", "-o", str(out)]) == 2
    assert "Sesi 'X' tidak ditemukan" in capsys.readouterr().err
    csv_out = str(tmp_path / "sesi.csv")
    assert main(["quiz", "results", "--db", str(db), "--sesi", "contoh", "-o", csv_out]) == 2
