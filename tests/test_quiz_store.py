"""Results store: answers saved as given, concurrent writers, offline import.

Most tests run twice: on the SQLite engine (a file) and on the PostgreSQL engine (a
fresh database on a throwaway server, see ``pgcluster.py``). Tests of what only a file
has (WAL mode, ``PRAGMA user_version``, a corrupted file) stay SQLite-only, with
PostgreSQL counterparts where the behaviour exists there too.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import multiprocessing
import sqlite3
from pathlib import Path

import psycopg
import pytest
from pgcluster import free_port, new_database, new_schema

from kip_training.cli import main
from kip_training.quiz.analytics import training_summary
from kip_training.quiz.export import results_frame, stored_answers
from kip_training.quiz.sample import fill_sample_results
from kip_training.quiz.store import (
    SCHEMA_VERSION,
    AnswerRecord,
    ResultStore,
    SessionRow,
    StoreError,
    db_target,
    default_db_path,
    default_db_target,
    describe_target,
)

WRITERS = 8
ANSWERS_EACH = 200
PG_WRITERS = 32
PG_ANSWERS_EACH = 500
_databases = itertools.count(1)


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


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request) -> str:
    return request.param


@pytest.fixture
def make_db(engine, tmp_path, request):
    """``make_db(name)``: the target of a new, empty store on the engine under test."""

    def make(name: str = "hasil") -> Path | str:
        if engine == "sqlite":
            return tmp_path / f"{name}.sqlite"
        pg_url = request.getfixturevalue("pg_url")
        return new_schema(pg_url, f"uji_{next(_databases)}_{name}")

    return make


def _server_sql(url: str, *statements: str) -> list[tuple]:
    """Run SQL on the server directly (as another program would); the last rows."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows: list[tuple] = []
        for statement in statements:
            cursor = conn.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
    return rows


# --------------------------------------------------------------------------- where the store is


def test_default_path_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KIP_DB", str(tmp_path / "kelas.sqlite"))
    assert default_db_path() == tmp_path / "kelas.sqlite"
    assert default_db_target() == tmp_path / "kelas.sqlite"
    monkeypatch.delenv("KIP_DB")
    assert default_db_path().name == "hasil_kuis.sqlite"
    assert "kip-training" in str(default_db_path())


def test_a_server_address_in_kip_db_is_kept_whole_and_shown_without_its_password(monkeypatch):
    url = "postgresql://pelatih:s3cr%40t@db.kominfo.go.id:5432/kip"
    monkeypatch.setenv("KIP_DB", url)
    assert default_db_target() == url
    assert db_target(None) == url and db_target(url) == url  # not spoiled into a Path
    assert default_db_path().name == "hasil_kuis.sqlite"  # file users still get a file
    shown = describe_target(url)
    assert shown == "postgresql://pelatih:***@db.kominfo.go.id:5432/kip"
    assert "s3cr" not in describe_target(url + "?password=s3cr%40t&sslmode=require")
    store = ResultStore()
    assert (store.engine, store.location, store.path) == ("PostgreSQL", shown, None)


# --------------------------------------------------------------------------- both engines


def test_answers_are_saved_as_given_and_another_connection_sees_them(make_db):
    target = make_db()
    with ResultStore(target) as store:
        assert store.record(answer())
        assert store.record(answer(question="keb-02", answer="14", correct=False, score=0.0))
    store = ResultStore(target)  # another process in real life
    got = store.answers(participant="Peserta 01")
    assert [r.question_id for r in got] == ["keb-01", "keb-02"]
    assert got[1].correct is False and got[1].answer == "14" and got[1].score == 0.0
    assert store.answers(participant="Peserta 02") == []


def test_a_resent_answer_is_not_stored_twice(make_db):
    store = ResultStore(make_db())
    first = answer(seconds=12.25)
    assert store.record(first) is True
    assert store.record(first) is False  # the same uid: already there
    assert store.record_many([first, answer(question="keb-02")]) == 1
    assert store.count() == 2
    assert store.answers()[0] == first  # every field back as given, seconds exact


def test_answers_come_back_in_the_order_given_within_one_second(make_db):
    store = ResultStore(make_db())
    stamp = "2026-02-01T03:00:00+00:00"
    uids = [f"z{9 - i}" for i in range(8)]  # uids sort the other way round
    store.record_many(
        [answer(question=f"q{i}", uid=u, answered_at=stamp) for i, u in enumerate(uids)]
    )
    store.record(answer(question="awal", uid="m", answered_at="2026-02-01T02:59:59+00:00"))
    assert [r.uid for r in store.answers()] == ["m", *uids]


def test_export_then_import_twice_does_not_double_count(make_db, tmp_path):
    laptop = ResultStore(make_db("laptop"))
    for q in ("keb-01", "keb-02", "keb-03"):
        laptop.record(answer(question=q))
    laptop.record(answer(participant="Peserta 02", question="keb-01"))
    export = tmp_path / "peserta01.json"
    assert laptop.export_participant(export, "Peserta 01", "DISKOMINFO") == 3
    payload = json.loads(export.read_text("utf-8"))
    assert payload["peserta"] == "Peserta 01" and len(payload["jawaban"]) == 3

    trainer = ResultStore(make_db("pelatih"))
    first = trainer.import_files([export])
    assert (first.files, first.read, first.added, first.duplicates) == (1, 3, 3, 0)
    second = trainer.import_files([export, export])
    assert (second.read, second.added, second.duplicates) == (6, 0, 6)
    assert trainer.count() == 3
    assert "tidak dihitung dua kali" in second.summary()


def test_import_reports_bad_files_and_keeps_good_ones(make_db, tmp_path):
    good = tmp_path / "baik.json"
    source = ResultStore(make_db("a"))
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

    trainer = ResultStore(make_db("pelatih"))
    report = trainer.import_files([broken, other, good, partial, tmp_path / "hilang.json"])
    assert report.added == 1 and trainer.count() == 1
    text = " ".join(report.problems)
    assert f"{broken}: bukan berkas hasil kuis" in text
    assert f"{other}: bukan berkas hasil kuis kip-training" in text
    assert f"{partial}, jawaban ke-1: tidak lengkap (" in text and "score" in text
    assert "hilang.json: berkas tidak ditemukan" in text


def test_frame_has_every_column(make_db):
    store = ResultStore(make_db())
    store.record(answer())
    frame = stored_answers(store)
    assert list(frame.columns)[:3] == ["uid", "participant", "opd"]
    assert frame.loc[0, "correct"] == True  # noqa: E712
    with pytest.raises(ValueError):
        AnswerRecord.from_mapping({**dataclasses.asdict(answer()), "score": 3})


def test_an_answer_the_schema_refuses_is_reported_not_counted_as_duplicate(make_db):
    store = ResultStore(make_db())
    with pytest.raises(StoreError, match="tidak dapat disimpan .*tidak sah .*NOT NULL"):
        store.record(answer(participant=None))
    assert store.count() == 0
    with pytest.raises(StoreError, match="tidak dapat disimpan .*tidak sah .*CHECK"):
        store.record(answer(score=1.5))
    with pytest.raises(StoreError, match="Jawaban ke-2 tidak dapat disimpan"):
        store.record_many([answer(), answer(question="keb-02", participant=None)])
    assert store.count() == 0  # all or nothing
    assert store.record(answer(question="keb-03")) is True


def test_import_reports_a_refused_answer_and_keeps_the_rest(make_db, tmp_path):
    source = ResultStore(make_db("a"))
    source.record(answer())
    source.record(answer(question="keb-02"))
    source.record(answer(question="keb-03"))
    good = tmp_path / "peserta.json"
    source.export_participant(good, "Peserta 01")
    data = json.loads(good.read_text("utf-8"))
    data["jawaban"][1]["participant"] = ""  # passes the type check, refused by the schema
    bad = tmp_path / "kosong.json"
    bad.write_text(json.dumps(data), "utf-8")
    trainer = ResultStore(make_db("pelatih"))
    report = trainer.import_files([bad])
    assert (report.read, report.added, report.duplicates) == (3, 2, 0)
    assert f"{bad}, jawaban ke-2: isinya tidak sah (CHECK constraint failed" in report.problems[0]
    assert sorted(r.question_id for r in trainer.answers()) == ["keb-01", "keb-03"]


def test_import_checks_types_instead_of_converting_them(make_db, tmp_path):
    source = ResultStore(make_db("a"))
    source.record(answer(correct=False, score=0.0))
    path = tmp_path / "peserta.json"
    source.export_participant(path, "Peserta 01")
    data = json.loads(path.read_text("utf-8"))
    data["jawaban"][0]["correct"] = "false"
    path.write_text(json.dumps(data), "utf-8")
    trainer = ResultStore(make_db("pelatih"))
    report = trainer.import_files([path])
    assert report.added == 0 and trainer.count() == 0
    assert (
        "jawaban ke-1: tidak sah (correct harus true atau false (ditemukan: 'false'))"
        in (report.problems[0])
    )


def test_exports_open_the_store_read_only(make_db):
    target = make_db()
    with ResultStore(target) as store:
        store.record(answer())
    reader = ResultStore(target, read_only=True)
    assert reader.count() == 1
    with pytest.raises(StoreError, match="hanya dapat dibaca"):
        reader.record(answer(question="keb-02"))
    assert ResultStore(target).count() == 1


def test_sessions_and_attempts_are_stored(make_db):
    with ResultStore(make_db("kelas")) as store:
        store.save_session(SessionRow("s-1", "KIP7Q2", "Pelatihan 2026-1", {"jumlah": 10}))
        assert store.session("kip7q2").title == "Pelatihan 2026-1"
        assert store.session("s-1").spec == {"jumlah": 10}
        assert store.session("TIDAKADA") is None
        with pytest.raises(StoreError):
            store.save_session(SessionRow("s-2", "KIP7Q2", "kode sama", {}))
        assert store.start_attempt("s-1", "Siti", "DISKOMINFO") == 1
        assert store.start_attempt("s-1", "Siti", "DISKOMINFO") == 2
        assert store.start_attempt("s-1", "Budi", "DINKES") == 1
        store.finish_attempt("s-1", "Siti", "DISKOMINFO", 1)
        rows = store.attempts("s-1")
        assert [(r.participant, r.attempt, r.finished_at is not None) for r in rows] == [
            ("Siti", 1, True),
            ("Siti", 2, False),
            ("Budi", 1, False),
        ]
        assert store.attempts("s-lain") == []


def test_sessions_are_listed_newest_first(make_db):
    store = ResultStore(make_db())
    for sid, day in (("b", "02"), ("a", "03"), ("c", "01"), ("a2", "03")):
        store.save_session(SessionRow(sid, f"K{sid}", sid, {}, f"2026-03-{day}T01:00:00+00:00"))
    assert [s.session_id for s in store.sessions()] == ["a", "a2", "b", "c"]


def test_an_import_file_of_version_1_still_imports(make_db, tmp_path):
    with ResultStore(make_db("a")) as store:
        store.record(answer())
        store.export_participant(tmp_path / "p.json", "Peserta 01")
    payload = json.loads((tmp_path / "p.json").read_text("utf-8"))
    for row in payload["jawaban"]:
        for key in ("session", "attempt", "mistake", "seconds"):
            del row[key]
    (tmp_path / "p.json").write_text(json.dumps(payload), "utf-8")
    with ResultStore(make_db("b")) as other:
        report = other.import_files([tmp_path / "p.json"])
        assert (report.added, report.problems) == (1, [])
        assert other.answers()[0].attempt == 1


def test_both_engines_give_the_same_results_to_the_dashboard_exports_and_deck(tmp_path, pg_url):
    targets = [tmp_path / "sama.sqlite", new_schema(pg_url, "sama")]
    in_session = answer(session="s-1", mistake="hari_kalender", seconds=3.5)
    for target in targets:
        assert fill_sample_results(target, seed=3) > 500
        with ResultStore(target) as store:
            store.save_session(SessionRow("s-1", "SAMA01", "Sesi", {"percobaan": 2}, "2026-01-22"))
            store.start_attempt("s-1", "Peserta 01", "DINKES")
            store.record(in_session)
    sqlite_store, pg_store = (ResultStore(t) for t in targets)
    assert sqlite_store.answers() == pg_store.answers()
    assert sqlite_store.answers(session="s-1") == pg_store.answers(session="s-1")
    assert sqlite_store.sessions() == pg_store.sessions()
    strip = [dataclasses.replace(a, started_at="") for a in sqlite_store.attempts()]
    assert strip == [dataclasses.replace(a, started_at="") for a in pg_store.attempts()]
    lite, pg = (training_summary(t) for t in targets)
    assert lite.by_topic.equals(pg.by_topic) and lite.by_opd.equals(pg.by_opd)
    assert lite.mean_score == pg.mean_score
    assert results_frame(targets[0]).equals(results_frame(targets[1]))


# --------------------------------------------------------------------------- concurrency


def _writer(target: str, worker: int, answers: int, queue) -> None:
    """Record ``answers`` answers (every 50th sent twice); put the acknowledged uids."""
    store = ResultStore(target)
    acknowledged = []
    for i in range(answers):
        record = answer(
            participant=f"Peserta {worker:02d}",
            question=f"q-{i:03d}",
            correct=i % 3 != 0,
            score=float(i % 3 != 0),
        )
        if store.record(record):
            acknowledged.append(record.uid)
        if i % 50 == 0 and store.record(record):  # a resend after a lost reply
            acknowledged.append(record.uid)
    store.close()
    queue.put(acknowledged)


def _run_writers(target: str, writers: int, answers: int) -> list[str]:
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    workers = [
        ctx.Process(target=_writer, args=(str(target), w, answers, queue)) for w in range(writers)
    ]
    for p in workers:
        p.start()
    acknowledged = [uid for _ in workers for uid in queue.get(timeout=300)]
    for p in workers:
        p.join(timeout=60)
    assert [p.exitcode for p in workers] == [0] * writers
    return acknowledged


def _check_every_acknowledged_answer_once(target, writers: int, answers: int, acked: list[str]):
    assert len(acked) == writers * answers  # each resend was refused as already stored
    store = ResultStore(target)
    rows = store.answers()
    assert store.count() == len(rows) == len(acked)
    assert len({r.uid for r in rows}) == len(rows)  # none twice
    assert {r.uid for r in rows} == set(acked)  # every acknowledged answer stored
    assert len({(r.participant, r.question_id) for r in rows}) == writers * answers
    for w in range(writers):
        assert len(store.answers(participant=f"Peserta {w:02d}")) == answers


def test_concurrent_writers_lose_nothing_on_sqlite(tmp_path):
    target = tmp_path / "kelas.sqlite"
    acked = _run_writers(str(target), WRITERS, ANSWERS_EACH)
    _check_every_acknowledged_answer_once(target, WRITERS, ANSWERS_EACH, acked)


def test_32_processes_on_postgresql_lose_nothing_and_store_nothing_twice(pg_url):
    target = new_database(pg_url, "ramai")  # empty: the 32 also race to create the schema
    acked = _run_writers(target, PG_WRITERS, PG_ANSWERS_EACH)
    _check_every_acknowledged_answer_once(target, PG_WRITERS, PG_ANSWERS_EACH, acked)


def _starter(target: str, queue) -> None:
    with ResultStore(target) as store:
        queue.put(store.start_attempt("s-1", "Siti", "DISKOMINFO"))


def test_attempts_started_at_once_get_different_numbers(make_db):
    target = make_db()
    ResultStore(target).count()  # the schema exists
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    starters = [ctx.Process(target=_starter, args=(str(target), queue)) for _ in range(8)]
    for p in starters:
        p.start()
    numbers = sorted(queue.get(timeout=60) for _ in starters)
    for p in starters:
        p.join(timeout=30)
    assert numbers == list(range(1, 9))
    assert [a.attempt for a in ResultStore(target).attempts("s-1")] == list(range(1, 9))


# --------------------------------------------------------------------------- schema versions


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


def test_a_newer_postgresql_schema_is_refused_and_left_alone(pg_url):
    url = new_schema(pg_url, "baru")
    _server_sql(
        url,
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        f"INSERT INTO schema_version VALUES ({SCHEMA_VERSION + 1})",
    )
    with pytest.raises(StoreError) as caught:
        ResultStore(url).record(answer())
    message = str(caught.value)
    assert "dibuat oleh kip-training yang lebih baru" in message
    assert f"skema versi {SCHEMA_VERSION + 1}" in message and "rahasia" not in message
    tables = _server_sql(
        url,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    assert tables == [("schema_version",)]  # nothing created, nothing changed


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


_V1_TABLE = (
    "CREATE TABLE answers (uid TEXT PRIMARY KEY CHECK (length(uid) > 0), "
    "participant TEXT NOT NULL CHECK (length(participant) > 0), opd TEXT NOT NULL, "
    "quiz TEXT NOT NULL, question_id TEXT NOT NULL CHECK (length(question_id) > 0), "
    "topic TEXT NOT NULL, answer TEXT NOT NULL, "
    "correct INTEGER NOT NULL CHECK (correct IN (0, 1)), "
    "score {real} NOT NULL CHECK (score BETWEEN 0 AND 1), answered_at TEXT NOT NULL)"
)
_V1_ROWS = (
    "INSERT INTO answers VALUES ('u2', 'Siti', 'DISKOMINFO', 'k', 'keb-02', 'keberatan', "
    "'30', 1, 1.0, '2026-01-05T02:00:00+00:00'), "
    "('u1', 'Siti', 'DISKOMINFO', 'k', 'keb-01', 'keberatan', "
    "'30', 0, 0.0, '2026-01-05T02:00:00+00:00')"
)


def _check_version_1_migrated(store: ResultStore) -> None:
    old = store.answers()
    assert [r.uid for r in old] == ["u2", "u1"]  # the order they were stored in
    assert (old[0].participant, old[0].session, old[0].attempt, old[0].mistake) == (
        "Siti",
        "",
        1,
        "",
    )
    assert store.record(answer(session="s1", attempt=2, mistake="hari_kalender", seconds=4.5))
    got = store.answers(session="s1")
    assert [(r.attempt, r.mistake, r.seconds) for r in got] == [(2, "hari_kalender", 4.5)]
    with pytest.raises(StoreError, match="CHECK"):
        store.record(answer(question="keb-09", attempt=0))
    store.save_session(SessionRow("s1", "ABC123", "Sesi", {}))
    assert store.start_attempt("s1", "Siti", "DISKOMINFO") == 1


def test_a_version_1_database_gains_sessions_and_keeps_its_answers(tmp_path):
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(_V1_TABLE.format(real="REAL"))
    conn.execute(_V1_ROWS)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with ResultStore(path) as store:
        _check_version_1_migrated(store)
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_version_1_postgresql_database_gains_sessions_and_keeps_its_answers(pg_url):
    url = new_schema(pg_url, "v1")
    _server_sql(
        url,
        _V1_TABLE.format(real="DOUBLE PRECISION"),
        _V1_ROWS,
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "INSERT INTO schema_version VALUES (1)",
    )
    with ResultStore(url) as store:
        _check_version_1_migrated(store)
    assert _server_sql(url, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]


# --------------------------------------------------------------------------- engine errors


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


def test_sqlite_runs_in_wal_mode_and_a_missing_file_is_not_created_for_reading(tmp_path):
    path = tmp_path / "hasil.sqlite"
    ResultStore(path).record(answer())
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with pytest.raises(StoreError, match="tidak ditemukan"):
        ResultStore(tmp_path / "tidak-ada.sqlite", read_only=True).count()
    assert not (tmp_path / "tidak-ada.sqlite").exists()


def test_server_problems_are_explained_in_indonesian_without_the_password(pg_url):
    password = pg_url.split(":")[2].split("@")[0]
    wrong = pg_url.replace(password, "salah-sekali")
    port = pg_url.rsplit(":", 1)[1].split("/")[0]
    cases = {
        wrong: "nama pengguna atau kata sandi ditolak server",
        pg_url.replace(f":{port}/", f":{free_port()}/"): "server tidak dapat dihubungi",
        pg_url.rsplit("/", 1)[0] + "/tidak_ada": "basis data itu tidak ada di server",
        pg_url.replace(f":{port}/", ":bukan-port/"): "alamatnya tidak sah",
        pg_url.replace("@127.0.0.1", "@[127.0.0.1"): "alamatnya tidak sah",
        pg_url + "?pilihan=aneh": "alamatnya tidak sah",
    }
    for url, expected in cases.items():
        with pytest.raises(StoreError) as caught:
            ResultStore(url).record(answer())
        message = str(caught.value)
        assert message.startswith("Basis data hasil kuis postgresql://"), message
        assert f"tidak dapat dibuka: {expected}" in message, message
        assert password not in message and "salah-sekali" not in message, message


def test_the_quiz_widget_warns_when_an_answer_was_not_saved_and_lets_the_participant_go_on(
    tmp_path, bank, calendar, engine, pg_url
):
    from kip_training.quiz.engine import build_quiz, response_for_correct
    from kip_training.quiz.widgets import QuizApp

    if engine == "sqlite":  # a damaged file
        target = tmp_path / "rusak.sqlite"
        target.write_bytes(b"\xde\xad\xbe\xef" * 1024)
        expected = "rusak atau bukan basis data SQLite"
    else:  # a server that is down
        target = pg_url.replace(pg_url.rsplit(":", 1)[1].split("/")[0], str(free_port()))
        expected = "server tidak dapat dihubungi"
    quiz = build_quiz(bank, topics=["sanksi"], count=2, seed=1, calendar=calendar)
    app = QuizApp(quiz, bank=bank, store=ResultStore(target), roster=[], export_dir=tmp_path)
    app.name_input.value = "Peserta 01"
    app.opd_input.value = "DINKES"
    app.start_button.click()
    view = app.view
    view.item.question.qtype.fill_input(view.item, view.inputs, response_for_correct(view.item))
    app.check_button.click()
    shown = app.feedback.value
    assert "Jawaban ini belum tersimpan." in shown and "Anda tetap dapat melanjutkan" in shown
    assert expected in shown
    assert "rahasia" not in shown
    assert app.next_button.disabled is False
    app.next_button.click()
    assert app.view is not view  # the participant moved on to the next question


def test_a_connection_the_server_closed_is_opened_again(pg_url):
    url = new_schema(pg_url, "putus")
    store = ResultStore(url)
    assert store.record(answer())
    _server_sql(
        url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = 'kip-training' AND pid <> pg_backend_pid()",
    )
    assert store.record(answer(question="keb-02"))  # a kernel idle overnight goes on
    assert store.count() == 2


# --------------------------------------------------------------------------- kip quiz --db URL


def test_kip_quiz_commands_work_on_a_server(pg_url, tmp_path, monkeypatch, capsys):
    url = new_database(pg_url, "cli")  # a plain database URL, as a trainer would write it
    shown = describe_target(url)
    assert main(["quiz", "sample", "--db", url]) == 0
    assert f"ditulis ke {shown}" in capsys.readouterr().out
    laptop = ResultStore(tmp_path / "laptop.sqlite")
    laptop.record(answer(participant="Peserta Luring"))
    laptop.export_participant(tmp_path / "luring.json", "Peserta Luring")
    assert main(["quiz", "import", "--db", url, str(tmp_path / "luring.json")]) == 0
    out = capsys.readouterr().out
    assert f"Basis data: {shown}" in out and "1 ditambahkan" in out
    monkeypatch.setenv("KIP_DB", url)  # the same through the environment
    csv = tmp_path / "hasil.csv"
    assert main(["quiz", "results", "-o", str(csv)]) == 0
    stored = ResultStore(url).count()
    assert capsys.readouterr().out.startswith(f"{stored} jawaban dari {shown} ditulis")
    assert "Peserta Luring" in csv.read_text("utf-8-sig")
    down = url.replace(url.rsplit(":", 1)[1].split("/")[0], str(free_port()))
    assert main(["quiz", "results", "--db", down, "-o", str(csv)]) != 0
    printed = capsys.readouterr()
    assert "server tidak dapat dihubungi" in printed.err
    assert "rahasia" not in printed.err + printed.out
