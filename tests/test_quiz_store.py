"""Results store: answers saved as given, concurrent writers, offline import."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import sqlite3

import pytest

from kip_training.quiz.export import stored_answers
from kip_training.quiz.store import (
    SCHEMA_VERSION,
    AnswerRecord,
    ResultStore,
    SessionRow,
    StoreError,
    default_db_path,
)

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
    queue.put(i + 1)


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
    written = sum(queue.get(timeout=5) for _ in workers)
    assert written == WRITERS * ANSWERS_EACH
    store = ResultStore(path)
    assert store.count() == WRITERS * ANSWERS_EACH
    rows = store.answers()
    assert len({(r.participant, r.question_id) for r in rows}) == WRITERS * ANSWERS_EACH
    for w in range(WRITERS):
        assert len(store.answers(participant=f"Peserta {w:02d}")) == ANSWERS_EACH


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
        AnswerRecord.from_mapping({**dataclasses.asdict(answer()), "score": 3})


# --------------------------------------------------------------------------- issue 15, item 5


def test_an_answer_the_schema_refuses_is_reported_not_counted_as_duplicate(tmp_path):
    store = ResultStore(tmp_path / "hasil.sqlite")
    with pytest.raises(StoreError, match="tidak dapat disimpan .*tidak sah .*NOT NULL"):
        store.record(answer(participant=None))
    assert store.count() == 0
    with pytest.raises(StoreError, match="Jawaban ke-2 tidak dapat disimpan"):
        store.record_many([answer(), answer(question="keb-02", participant=None)])
    assert store.count() == 0  # all or nothing
    assert store.record(answer(question="keb-03")) is True


def test_import_reports_a_refused_answer_and_keeps_the_rest(tmp_path):
    source = ResultStore(tmp_path / "a.sqlite")
    source.record(answer())
    source.record(answer(question="keb-02"))
    good = tmp_path / "peserta.json"
    source.export_participant(good, "Peserta 01")
    data = json.loads(good.read_text("utf-8"))
    data["jawaban"][1]["participant"] = ""  # passes the type check, refused by the schema
    bad = tmp_path / "kosong.json"
    bad.write_text(json.dumps(data), "utf-8")
    trainer = ResultStore(tmp_path / "pelatih.sqlite")
    report = trainer.import_files([bad])
    assert (report.read, report.added, report.duplicates) == (2, 1, 0)
    assert f"{bad}, jawaban ke-2: isinya tidak sah (CHECK constraint failed" in report.problems[0]


def test_import_checks_types_instead_of_converting_them(tmp_path):
    source = ResultStore(tmp_path / "a.sqlite")
    source.record(answer(correct=False, score=0.0))
    path = tmp_path / "peserta.json"
    source.export_participant(path, "Peserta 01")
    data = json.loads(path.read_text("utf-8"))
    data["jawaban"][0]["correct"] = "false"
    path.write_text(json.dumps(data), "utf-8")
    trainer = ResultStore(tmp_path / "pelatih.sqlite")
    report = trainer.import_files([path])
    assert report.added == 0 and trainer.count() == 0
    assert (
        "jawaban ke-1: tidak sah (correct harus true atau false (ditemukan: 'false'))"
        in (report.problems[0])
    )


def test_a_newer_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "baru.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        ResultStore(path).count()
    assert "dibuat oleh kip-training yang lebih baru" in str(caught.value)
    assert f"skema versi {SCHEMA_VERSION + 1}" in str(caught.value)
    assert path.read_bytes() == before


def test_an_old_database_is_migrated_and_keeps_its_answers(tmp_path):
    path = tmp_path / "lama.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """CREATE TABLE answers (uid TEXT PRIMARY KEY, participant TEXT NOT NULL,
        opd TEXT NOT NULL, quiz TEXT NOT NULL, question_id TEXT NOT NULL, topic TEXT NOT NULL,
        answer TEXT NOT NULL, correct INTEGER NOT NULL, score REAL NOT NULL,
        answered_at TEXT NOT NULL);
        CREATE INDEX answers_participant ON answers (participant, opd);
        INSERT INTO answers VALUES ('u1', 'Peserta 01', 'DINKES', 'k', 'keb-01', 'keberatan',
        'Atasan PPID', 1, 1.0, '2026-01-01T00:00:00+00:00');"""
    )
    conn.close()
    store = ResultStore(path)
    assert [r.uid for r in store.answers()] == ["u1"]
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with pytest.raises(StoreError):  # the new CHECK constraints hold after migration
        store.record(answer(score=2.0))
    store.close()
    assert ResultStore(path).count() == 1


def test_a_corrupted_database_gives_one_indonesian_message(tmp_path):
    path = tmp_path / "rusak.sqlite"
    with ResultStore(path) as store:
        store.record(answer())
    with open(path, "r+b") as handle:
        handle.write(b"\xde\xad\xbe\xef" * 32)  # over the 100-byte header
    with pytest.raises(StoreError) as caught:
        ResultStore(path).record(answer(question="keb-02"))
    message = str(caught.value)
    assert message.startswith(f"Basis data hasil kuis {path} rusak atau bukan basis data SQLite")
    assert "pakai berkas basis data baru" in message
    with pytest.raises(StoreError, match="rusak"):
        ResultStore(path, read_only=True).count()


def test_exports_open_the_store_read_only(tmp_path):
    path = tmp_path / "hasil.sqlite"
    with ResultStore(path) as store:
        store.record(answer())
    reader = ResultStore(path, read_only=True)
    assert reader.count() == 1
    with pytest.raises(StoreError, match="hanya dapat dibaca"):
        reader.record(answer(question="keb-02"))
    with pytest.raises(StoreError, match="tidak ditemukan"):
        ResultStore(tmp_path / "tidak-ada.sqlite", read_only=True).count()
    assert not (tmp_path / "tidak-ada.sqlite").exists()


def test_the_quiz_widget_warns_when_an_answer_was_not_saved_and_lets_the_participant_go_on(
    tmp_path, bank, calendar
):
    from kip_training.quiz.engine import build_quiz, response_for_correct
    from kip_training.quiz.widgets import QuizApp

    path = tmp_path / "rusak.sqlite"
    path.write_bytes(b"\xde\xad\xbe\xef" * 1024)
    quiz = build_quiz(bank, topics=["sanksi"], count=2, seed=1, calendar=calendar)
    app = QuizApp(quiz, bank=bank, store=ResultStore(path), roster=[], export_dir=tmp_path)
    app.name_input.value = "Peserta 01"
    app.opd_input.value = "DINKES"
    app.start_button.click()
    view = app.view
    view.item.question.qtype.fill_input(view.item, view.inputs, response_for_correct(view.item))
    app.check_button.click()
    shown = app.feedback.value
    assert "Jawaban ini belum tersimpan." in shown and "Anda tetap dapat melanjutkan" in shown
    assert "rusak atau bukan basis data SQLite" in shown
    assert app.next_button.disabled is False
    app.next_button.click()
    assert app.view is not view  # the participant moved on to the next question


def test_a_version_1_database_gains_sessions_and_keeps_its_answers(tmp_path):
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE answers (uid TEXT PRIMARY KEY, participant TEXT NOT NULL, "
        "opd TEXT NOT NULL, quiz TEXT NOT NULL, question_id TEXT NOT NULL, topic TEXT NOT NULL, "
        "answer TEXT NOT NULL, correct INTEGER NOT NULL, score REAL NOT NULL, "
        "answered_at TEXT NOT NULL)"
    )
    conn.execute(
        "INSERT INTO answers VALUES ('u1', 'Siti', 'DISKOMINFO', 'k', 'keb-01', 'keberatan', "
        "'30', 1, 1.0, '2026-01-05T02:00:00+00:00')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with ResultStore(path) as store:
        (old,) = store.answers()
        assert (old.participant, old.session, old.attempt, old.mistake) == ("Siti", "", 1, "")
        assert store.record(answer(session="s1", attempt=2, mistake="hari_kalender", seconds=4.5))
        got = store.answers(session="s1")
        assert [(r.attempt, r.mistake, r.seconds) for r in got] == [(2, "hari_kalender", 4.5)]
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_sessions_and_attempts_are_stored(tmp_path):
    with ResultStore(tmp_path / "kelas.sqlite") as store:
        store.save_session(SessionRow("s-1", "KIP7Q2", "Pelatihan 2026-1", {"jumlah": 10}))
        assert store.session("kip7q2").title == "Pelatihan 2026-1"
        assert store.session("s-1").spec == {"jumlah": 10}
        assert store.session("TIDAKADA") is None
        with pytest.raises(StoreError):
            store.save_session(SessionRow("s-2", "KIP7Q2", "kode sama", {}))
        assert store.start_attempt("s-1", "Siti", "DISKOMINFO") == 1
        assert store.start_attempt("s-1", "Siti", "DISKOMINFO") == 2
        store.finish_attempt("s-1", "Siti", "DISKOMINFO", 1)
        rows = store.attempts("s-1")
        assert [(r.attempt, r.finished_at is not None) for r in rows] == [(1, True), (2, False)]


def test_an_import_file_of_version_1_still_imports(tmp_path):
    with ResultStore(tmp_path / "a.sqlite") as store:
        store.record(answer())
        store.export_participant(tmp_path / "p.json", "Peserta 01")
    payload = json.loads((tmp_path / "p.json").read_text("utf-8"))
    for row in payload["jawaban"]:
        for key in ("session", "attempt", "mistake", "seconds"):
            del row[key]
    (tmp_path / "p.json").write_text(json.dumps(payload), "utf-8")
    with ResultStore(tmp_path / "b.sqlite") as other:
        report = other.import_files([tmp_path / "p.json"])
        assert (report.added, report.problems) == (1, [])
        assert other.answers()[0].attempt == 1
