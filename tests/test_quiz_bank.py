"""The question bank: size, agreement with law.py and the validator's messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kip_training import law
from kip_training.errors import QuestionBankError
from kip_training.paths import DATA_DIR
from kip_training.quiz import types
from kip_training.quiz.bank import load_bank, summary_counts, validate_paths
from kip_training.quiz.types.angka import sanction_figure

QUESTIONS = DATA_DIR / "questions"


@pytest.fixture(scope="module")
def bank():
    return load_bank([QUESTIONS])


def write(tmp_path: Path, body: str, name: str = "topik.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


HEADER = "topic: uji\njudul: Topik uji\nquestions:\n"
GOOD = """  - id: u-01
    type: pilihan
    difficulty: 1
    prompt: Siapa menjawab keberatan?
    options: [Atasan PPID, Komisi Informasi]
    answer: Atasan PPID
    explanation: Atasan PPID menjawab keberatan.
    reference: UU 14/2008 Pasal 36 ayat (2)
"""


def messages(issues) -> list[str]:
    return [str(i) for i in issues]


def test_bundled_bank_is_valid_and_big_enough(bank):
    counts = summary_counts(bank.hand_written)
    assert len(bank.hand_written) >= 80
    assert len(counts["topic"]) >= 8
    assert min(counts["topic"].values()) >= 6
    assert set(counts["type"]) == set(types.names()) - {"tenggat"}
    # Every deadline kind of law.py has a generated question.
    assert {q.kind for q in bank.questions if q.type == "tenggat"} == set(law.DEADLINES)


def test_every_topic_has_an_indonesian_title(bank):
    for topic in bank.topics.values():
        assert topic.title and topic.title != topic.key


def test_deadline_numbers_agree_with_law(bank):
    deadline_questions = [q for q in bank.questions if q.type == "angka" and q.law_ref]
    assert {q.law_ref for q in deadline_questions} >= set(law.DEADLINES)
    for q in deadline_questions:
        if q.law_ref in law.DEADLINES:
            assert q.answer == law.DEADLINES[q.law_ref].working_days, q.id
            assert q.reference == law.DEADLINES[q.law_ref].basis, q.id
        else:
            assert q.answer == law.EXTENSION_DAYS, q.id
    # Any angka question citing a deadline article carries a law_ref.
    for q in bank.questions:
        if q.type == "angka" and re.search(r"Pasal (22|36|37|38)\b", q.reference):
            assert q.law_ref, q.id


def test_sanction_figures_agree_with_law(bank):
    sanction_questions = [q for q in bank.questions if q.topic == "sanksi" and q.type == "angka"]
    assert sanction_questions
    for q in sanction_questions:
        assert q.sanction_ref, q.id
        assert q.answer == sanction_figure(q.sanction_ref)
    assert sanction_figure("52.denda") == law.SANCTIONS["52"].max_fine_rp
    assert sanction_figure("53.penjara") == 2


def test_no_uncertain_fact_is_an_answer_key(bank):
    for q in bank.questions:
        text = " ".join([q.prompt, q.explanation, q.reference, *q.options])
        assert not re.search(r"Pasal\s+(54|55)\b", q.reference), q.id
        assert not re.search(r"Pasal\s+9\s+ayat", q.reference), q.id
        assert "paling lambat 6" not in text.lower() and "paling lambat enam" not in text.lower()
        # The PTUN lawsuit deadline's unit is not settled: never asked.
        assert not ("PTUN" in q.prompt and "hari" in q.prompt), q.id


def test_monev_answers_agree_with_law(bank):
    pairs = dict(bank["mon-06"].pairs)
    for left, kualifikasi in pairs.items():
        score = float(left.split()[-1])
        assert law.kualifikasi(score, 2021) == kualifikasi
    assert bank["mon-02"].answer == law.kualifikasi(85, 2021)
    assert bank["mon-03"].answer == law.kualifikasi(92.5, 2019)


def test_berkala_question_uses_paling_singkat(bank):
    assert bank["kat-02"].answer == "Paling singkat 6 (enam) bulan sekali"


def test_good_file_has_no_issues(tmp_path):
    bank, issues = validate_paths([write(tmp_path, HEADER + GOOD)])
    assert issues == []
    assert bank["u-01"].topic == "uji"
    assert bank.title("uji") == "Topik uji"


def test_duplicate_id_names_both_files(tmp_path):
    first = write(tmp_path, HEADER + GOOD, "a.yaml")
    second = write(tmp_path, HEADER.replace("uji", "uji2") + GOOD, "b.yaml")
    _, issues = validate_paths([first, second])
    assert len(issues) == 1
    issue = issues[0]
    assert issue.file == str(second) and issue.question_id == "u-01" and issue.field == "id"
    assert "id kembar" in str(issue) and str(first) in str(issue)


def test_answer_not_among_options(tmp_path):
    body = HEADER + GOOD.replace("answer: Atasan PPID", "answer: Bupati")
    _, issues = validate_paths([write(tmp_path, body)])
    assert messages(issues) == [
        f"{tmp_path / 'topik.yaml'}, soal 'u-01', kolom 'answer': "
        "jawaban 'Bupati' tidak ada di antara pilihan."
    ]


def test_missing_reference_and_bad_difficulty(tmp_path):
    body = HEADER + GOOD.replace("    reference: UU 14/2008 Pasal 36 ayat (2)\n", "").replace(
        "difficulty: 1", "difficulty: 5"
    )
    _, issues = validate_paths([write(tmp_path, body)])
    fields = {(i.question_id, i.field) for i in issues}
    assert fields == {("u-01", "reference"), ("u-01", "difficulty")}
    assert any("rujukan wajib diisi" in str(i) for i in issues)


def test_unknown_type_and_unknown_field(tmp_path):
    body = HEADER + GOOD.replace("type: pilihan", "type: esai")
    _, issues = validate_paths([write(tmp_path, body)])
    assert [i.field for i in issues] == ["type"]
    body = HEADER + GOOD.replace("answer:", "jawaban: x\n    answer:")
    _, issues = validate_paths([write(tmp_path, body)])
    assert [(i.field, i.message) for i in issues] == [
        ("jawaban", "kolom tidak dikenal untuk jenis 'pilihan'.")
    ]


def test_deadline_number_checked_against_law(tmp_path):
    body = HEADER + (
        "  - id: u-02\n    type: angka\n    difficulty: 1\n    prompt: Berapa hari kerja?\n"
        "    answer: 14\n    law_ref: pemberitahuan\n    explanation: x\n"
        "    reference: UU 14/2008 Pasal 22 ayat (7)\n"
    )
    _, issues = validate_paths([write(tmp_path, body)])
    assert [i.field for i in issues] == ["answer"]
    assert "10 hari kerja" in issues[0].message
    _, issues = validate_paths([write(tmp_path, body.replace("    law_ref: pemberitahuan\n", ""))])
    assert [i.field for i in issues] == ["law_ref"]


def test_sanction_figure_checked_and_uncertain_articles_refused(tmp_path):
    body = HEADER + (
        "  - id: u-03\n    type: angka\n    difficulty: 1\n    prompt: Denda?\n"
        "    answer: 20000000\n    sanction_ref: 53.denda\n    explanation: x\n"
        "    reference: UU 14/2008 Pasal 53\n"
    )
    _, issues = validate_paths([write(tmp_path, body)])
    assert [i.field for i in issues] == ["answer"]
    body = HEADER + GOOD.replace("Pasal 36 ayat (2)", "Pasal 54")
    _, issues = validate_paths([write(tmp_path, body)])
    assert [i.field for i in issues] == ["reference"] and "belum pasti" in issues[0].message


def test_paling_lambat_six_months_is_refused(tmp_path):
    body = HEADER + GOOD.replace(
        "Siapa menjawab keberatan?", "Informasi berkala diumumkan paling lambat 6 bulan sekali?"
    )
    _, issues = validate_paths([write(tmp_path, body)])
    assert [i.field for i in issues] == ["prompt"] and "paling singkat" in issues[0].message


def test_multi_answer_and_pairs_and_tenggat_checks(tmp_path):
    body = HEADER + (
        "  - id: u-04\n    type: pilihan_ganda\n    difficulty: 2\n    prompt: p\n"
        "    options: [a, b, c]\n    answer: [a, d]\n    explanation: x\n    reference: r\n"
        "  - id: u-05\n    type: pasangan\n    difficulty: 2\n    prompt: p\n"
        "    pairs: {a: x}\n    explanation: x\n    reference: r\n"
        "  - id: u-06\n    type: tenggat\n    difficulty: 2\n    prompt: Diterima kapan?\n"
        "    kind: libur\n    dari: 2026-01-01\n    sampai: 2026-02-01\n"
        "  - id: u-07\n    type: benar_salah\n    difficulty: 1\n    prompt: p\n"
        "    answer: mungkin\n    explanation: x\n    reference: r\n"
    )
    _, issues = validate_paths([write(tmp_path, body)])
    assert {(i.question_id, i.field) for i in issues} == {
        ("u-04", "answer"),
        ("u-05", "pairs"),
        ("u-06", "kind"),
        ("u-07", "answer"),
    }


def test_broken_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, HEADER + "  - id: [unclosed\n")
    _, issues = validate_paths([path])
    assert len(issues) == 1 and issues[0].file == str(path)
    assert "bukan YAML yang sah (baris" in issues[0].message


def test_load_bank_raises_with_every_issue(tmp_path):
    body = HEADER + GOOD.replace("answer: Atasan PPID", "answer: Bupati").replace(
        "difficulty: 1", "difficulty: 0"
    )
    with pytest.raises(QuestionBankError) as info:
        load_bank([write(tmp_path, body)])
    text = str(info.value)
    assert "2 kesalahan" in text and "'answer'" in text and "'difficulty'" in text


def test_yaml_aliases_are_refused_before_they_expand(tmp_path):
    """A "billion laughs" question file fails fast, naming the file (issue 15, item 7)."""
    import time

    lines = ["topic: lol", "judul: Lol", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    lines.append(f"questions: [{','.join(['*i'] * 9)}]")
    path = tmp_path / "lol.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size < 800
    started = time.perf_counter()
    with pytest.raises(QuestionBankError) as info:
        load_bank([path])
    assert time.perf_counter() - started < 2
    text = str(info.value)
    assert f"{path}: bukan YAML yang sah (baris 4): alias '*a' tidak diizinkan" in text
