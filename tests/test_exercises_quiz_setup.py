"""The quiz notebooks' set-up: topics and length, or a trainer's session; name asked once."""

import json
import re
import subprocess
import sys

import pytest

from kip_training.exercises import quiz_setup
from kip_training.exercises.quiz_setup import (
    QuizSetup,
    SessionQuiz,
    quiz_for_notebook,
    session_key,
    topic_options,
)
from kip_training.paths import NOTEBOOKS_DIR
from kip_training.quiz.bank import default_bank
from kip_training.quiz.engine import response_for_correct
from kip_training.quiz.session import create_session
from kip_training.quiz.store import ResultStore
from kip_training.quiz.widgets import Identity


@pytest.fixture(autouse=True)
def fresh_identity(monkeypatch):
    """Each test is a new kernel: nobody has entered a name yet."""
    identity = Identity()
    monkeypatch.setattr(quiz_setup, "KERNEL_IDENTITY", identity)
    for name in ("QUERY_STRING", "KIP_SESI"):
        monkeypatch.delenv(name, raising=False)
    return identity


def login(app, name="Peserta Uji"):
    app.name_input.value = name
    if app.opd_dropdown is not None:
        app.opd_dropdown.value = app.opd_dropdown.options[-1][1]
    else:
        app.opd_input.value = "Dinas Kesehatan"


def test_topics_are_offered_with_their_question_counts():
    bank = default_bank()
    options = dict((key, label) for label, key in topic_options(bank))
    assert "sanksi" in options and "kategori_informasi" in options
    count = sum(q.topic == "sanksi" for q in bank.questions)
    assert options["sanksi"] == f"{bank.title('sanksi')} ({count} soal)"


def test_create_builds_a_quiz_of_the_chosen_topics_and_length(tmp_path):
    setup = QuizSetup(db_path=tmp_path / "kuis.sqlite")
    assert setup.app is None
    setup.topic_select.value = ("sanksi", "keberatan")
    setup.count_slider.value = 4
    setup.create_button.click()
    app = setup.app
    assert app in setup.area.children
    login(app)
    assert app.start()
    assert len(app.quiz) == 4
    assert set(app.quiz.topics) <= {"sanksi", "keberatan"}
    assert "Kuis 4 soal:" in setup.area.children[0].value


def test_the_choice_is_locked_while_the_quiz_runs_and_the_name_is_asked_once(tmp_path):
    setup = QuizSetup(db_path=tmp_path / "kuis.sqlite")
    setup.topic_select.value = ("sanksi",)
    setup.count_slider.value = 2
    setup.create_button.click()
    first = setup.app
    assert not setup.locked
    login(first, "siti  rahmawati ")
    first.start_button.click()
    assert setup.locked and setup.topic_select.disabled and setup.count_slider.disabled
    assert "terkunci" in setup.lock_message.value
    setup.create_button.click()  # disabled in the page; a stray click changes nothing
    assert setup.app is first
    for view in first.views:
        view.item.question.qtype.fill_input(view.item, view.inputs, response_for_correct(view.item))
        view.check_button.click()
        first.next_button.click()
    assert first.finished and not setup.locked
    # A second quiz: the participant is known, no name or OPD fields.
    setup.create_button.click()
    second = setup.app
    assert second is not first
    assert second.name_fields.layout.display == "none"
    assert "Siti Rahmawati" in second.known_label.value
    assert "Tekan <b>Mulai</b>." in setup.area.children[0].value
    second.start_button.click()
    assert second.participant == "Siti Rahmawati" and len(second.views) == 2


def test_no_topic_chosen_means_all_topics(tmp_path):
    setup = QuizSetup(count=40, db_path=tmp_path / "kuis.sqlite")
    setup.create_button.click()
    assert "semua topik" in setup.area.children[0].value
    assert "kip-buat-kuis" in setup.create_button._dom_classes


def test_short_quizzes_give_everyone_the_same_questions_and_ask_the_name_once(tmp_path):
    from kip_training.exercises.quiz_setup import short_quiz

    first = short_quiz(["kategori_informasi"], 3, seed=102, db_path=tmp_path / "a.sqlite")
    second = short_quiz(["kategori_informasi"], 3, seed=102, db_path=tmp_path / "b.sqlite")
    login(first, "Peserta")
    assert first.start()
    assert second.name_fields.layout.display == "none"  # already known in this kernel
    assert second.start()
    assert second.participant == "Peserta"
    assert [i.id for i in first.quiz] == [i.id for i in second.quiz]
    assert len(first.quiz) == 3 and first.quiz.topics == ["kategori_informasi"]


def test_the_session_comes_from_the_page_address_or_from_kip_app():
    assert session_key({}) == ""
    assert session_key({"QUERY_STRING": "token=abc&sesi=k7m%20pqr"}) == "k7mpqr"
    assert session_key({"KIP_SESI": "ABCDEF"}) == "ABCDEF"
    both = {"QUERY_STRING": "sesi=QQQQQQ", "KIP_SESI": "ABCDEF"}
    assert session_key(both) == "QQQQQQ"


def test_the_notebook_shows_the_session_quiz_when_the_page_belongs_to_one(tmp_path, monkeypatch):
    db = tmp_path / "kelas.sqlite"
    bank = default_bank()
    with ResultStore(db) as store:
        session = create_session(store, "Pelatihan PPID 2026-1", bank, count=3, seed=4)
    monkeypatch.setenv("QUERY_STRING", f"token=x&sesi={session.code.lower()}")
    widget = quiz_for_notebook(db_path=db)
    assert isinstance(widget, SessionQuiz) and widget.app is not None
    assert widget.app.session.session_id == session.session_id
    assert session.code in widget.app.rules_html.value
    login(widget.app)
    widget.app.start_button.click()
    assert [v.item.id for v in widget.app.views] == list(session.question_ids)

    monkeypatch.setenv("QUERY_STRING", "sesi=ZZZZZZ")
    missing = quiz_for_notebook(db_path=db)
    assert isinstance(missing, SessionQuiz) and missing.app is None
    assert "Sesi dengan kode ZZZZZZ tidak ditemukan" in missing.message.value

    monkeypatch.delenv("QUERY_STRING")
    assert isinstance(quiz_for_notebook(db_path=db), QuizSetup)


def notebook_code(name: str) -> list[str]:
    notebook = json.loads((NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def test_the_quiz_notebook_loads_neither_pandas_matplotlib_nor_the_postgresql_driver(tmp_path):
    code = "\n".join(notebook_code("04_kuis_kewajiban_keterbukaan.ipynb"))
    script = (
        "import sys\n"
        "from IPython.display import display\n"
        f"{code}\n"
        "heavy = sorted(m for m in ('pandas', 'matplotlib', 'psycopg') if m in sys.modules)\n"
        "print('BERAT:' + ','.join(heavy))\n"
    )
    env_db = tmp_path / "hasil.sqlite"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "KIP_DB": str(env_db), "HOME": str(tmp_path)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "BERAT:\n" in done.stdout, done.stdout


def test_every_code_cell_of_the_quiz_notebook_starts_with_an_indonesian_comment():
    notebook = json.loads(
        (NOTEBOOKS_DIR / "04_kuis_kewajiban_keterbukaan.ipynb").read_text(encoding="utf-8")
    )
    for source in notebook_code("04_kuis_kewajiban_keterbukaan.ipynb"):
        first = source.splitlines()[0]
        assert first.startswith("# ") and "NBVAL" not in first, first
        assert not first.lstrip("# ").startswith(("import", "from")), first
    text = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    # Text for JupyterLab only (how to run cells) is hidden in the no-code view.
    shown = re.sub(r'<div class="kip-lab-saja">.*?</div>', "", text, flags=re.S)
    assert "Run All" not in shown and "kip app" not in shown and "`kip " not in shown
    assert "Cara mengerjakan" in shown and "Unduh berkas hasil saya" in shown


def test_the_overview_lists_topics_alone_and_the_session_in_a_session():
    from kip_training.exercises.quiz_setup import overview_text

    assert "Jumlah:" in overview_text(environ={})
    text = overview_text(environ={"KIP_SESI": "K7QX2M"})
    assert "K7QX2M" in text and "Jumlah:" not in text
