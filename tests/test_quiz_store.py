"""Results store: answers saved as given, concurrent writers, offline import."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3

import pytest

from kip_training.quiz.export import stored_answers
from kip_training.quiz.store import AnswerRecord, ResultStore, default_db_path

WRITERS = 8
ANSWERS_EACH = 200


def answer(participant: str = "Peserta 01", question: str = "keb-01", **extra) -> AnswerRecord:
    values = {
        "participant": participant,
        "opd": "DISKOMINFO",
        "quiz": "kuis-uji",
        "question_id": question,
        "topic": "keberatan",
        "answer": "Atasan PPID",
        "correct": True,
        "score": 1.0,
    }
    values.update(extra)
    return AnswerRecord(**values)


def test_default_path_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KIP_DB", str(tmp_path / "kelas.sqlite"))
    assert default_db_path() == tmp_path / "kelas.sqlite"
    monkeypatch.delenv("KIP_DB")
    assert default_db_path().name == "hasil_kuis.sqlite"
    assert "kip-training" in str(default_db_path())


def test_answers_are_saved_as_given_in_wal_mode(tmp_path):
    path = tmp_path / "hasil.sqlite"
    with ResultStore(path) as store:
        assert store.record(answer())
        assert store.record(answer(question="keb-02", answer="14", correct=False, score=0.0))
    # A fresh connection (another process in real life) sees both rows.
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = conn.execute("SELECT question_id, answer, correct, score FROM answers").fetchall()
    assert sorted(rows) == [("keb-01", "Atasan PPID", 1, 1.0), ("keb-02", "14", 0, 0.0)]
    store = ResultStore(path)
    got = store.answers(participant="Peserta 01")
    assert [r.question_id for r in got] == ["keb-01", "keb-02"]
    assert got[1].correct is False and got[1].answer == "14"


def _writer(path: str, worker: int, queue) -> None:
    store = ResultStore(path)
    for i in range(ANSWERS_EACH):
        store.record(
            answer(
                participant=f"Peserta {worker:02d}",
                question=f"q-{i:03d}",
                correct=i % 3 != 0,
                score=float(i % 3 != 0),
            )
        )
    store.close()
    queue.put(store.retries)


def test_concurrent_writers_lose_nothing(tmp_path):
    path = str(tmp_path / "kelas.sqlite")
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_writer, args=(path, w, queue)) for w in range(WRITERS)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(timeout=120)
    assert [p.exitcode for p in workers] == [0] * WRITERS
    retries = sum(queue.get(timeout=5) for _ in workers)
    store = ResultStore(path)
    assert store.count() == WRITERS * ANSWERS_EACH
    rows = store.answers()
    assert len({(r.participant, r.question_id) for r in rows}) == WRITERS * ANSWERS_EACH
    for w in range(WRITERS):
        assert len(store.answers(participant=f"Peserta {w:02d}")) == ANSWERS_EACH
    print(f"\n{WRITERS} proses x {ANSWERS_EACH} jawaban, percobaan ulang: {retries}")


def test_export_then_import_twice_does_not_double_count(tmp_path):
    laptop = ResultStore(tmp_path / "laptop.sqlite")
    for q in ("keb-01", "keb-02", "keb-03"):
        laptop.record(answer(question=q))
    laptop.record(answer(participant="Peserta 02", question="keb-01"))
    export = tmp_path / "peserta01.json"
    assert laptop.export_participant(export, "Peserta 01", "DISKOMINFO") == 3
    payload = json.loads(export.read_text("utf-8"))
    assert payload["peserta"] == "Peserta 01" and len(payload["jawaban"]) == 3

    trainer = ResultStore(tmp_path / "pelatih.sqlite")
    first = trainer.import_files([export])
    assert (first.files, first.read, first.added, first.duplicates) == (1, 3, 3, 0)
    second = trainer.import_files([export, export])
    assert (second.read, second.added, second.duplicates) == (6, 0, 6)
    assert trainer.count() == 3
    assert "tidak dihitung dua kali" in second.summary()


def test_import_reports_bad_files_and_keeps_good_ones(tmp_path):
    good = tmp_path / "baik.json"
    source = ResultStore(tmp_path / "a.sqlite")
    source.record(answer())
    source.export_participant(good, "Peserta 01")
    broken = tmp_path / "rusak.json"
    broken.write_text("{bukan json", "utf-8")
    other = tmp_path / "lain.json"
    other.write_text(json.dumps({"format": "lain"}), "utf-8")
    partial = tmp_path / "sebagian.json"
    data = json.loads(good.read_text("utf-8"))
    del data["jawaban"][0]["score"]
    partial.write_text(json.dumps(data), "utf-8")

    trainer = ResultStore(tmp_path / "pelatih.sqlite")
    report = trainer.import_files([broken, other, good, partial, tmp_path / "hilang.json"])
    assert report.added == 1 and trainer.count() == 1
    text = " ".join(report.problems)
    assert f"{broken}: bukan berkas hasil kuis" in text
    assert f"{other}: bukan berkas hasil kuis kip-training" in text
    assert f"{partial}, jawaban ke-1: tidak lengkap (" in text and "score" in text
    assert "hilang.json: berkas tidak ditemukan" in text


def test_frame_has_every_column(tmp_path):
    store = ResultStore(tmp_path / "x.sqlite")
    store.record(answer())
    frame = stored_answers(store)
    assert list(frame.columns)[:3] == ["uid", "participant", "opd"]
    assert frame.loc[0, "correct"] == True  # noqa: E712
    with pytest.raises(ValueError):
        AnswerRecord.from_mapping({**frame.iloc[0].to_dict(), "score": 3})
