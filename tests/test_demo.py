"""``kip demo``: sample reports, their check, a quiz database and the deck, paths printed."""

import pytest
from deck_pptx import open_deck, title_of

from kip_training.cli import main


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    import contextlib
    import io

    folder = tmp_path_factory.mktemp("demo") / "keluaran"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["demo", "-o", str(folder)])
    return code, folder, out.getvalue()


def test_demo_exits_0_and_ends_with_the_deck_path(demo):
    code, folder, printed = demo
    assert code == 0
    last = printed.strip().splitlines()[-1]
    deck = folder / "rapat_koordinasi_2025-S2.pptx"
    assert last == f"Paparan ditulis: {deck}"
    assert deck.is_file()


def test_demo_writes_two_semesters_of_reports_and_a_quiz_database(demo):
    _, folder, printed = demo
    for label in ("2025-S1", "2025-S2"):
        files = list((folder / "laporan" / label).iterdir())
        assert files, label
        assert str(folder / "laporan" / label) in printed
    assert (folder / "hasil_kuis_contoh.sqlite3").is_file()
    assert "baris dibaca" in printed  # the check summary


def test_demo_deck_compares_with_the_previous_semester_and_has_training(demo):
    _, folder, _ = demo
    prs = open_deck(folder / "rapat_koordinasi_2025-S2.pptx")
    titles = [title_of(s) for s in prs.slides]
    assert titles[0] == "Rapat Koordinasi PPID — Laporan Semester II 2025"
    assert any(t.startswith("Pelatihan: ") and "OPD ikut" in t for t in titles)
    # the only refusal without a Pasal 17 letter (a row the check rejects) is named
    assert any(t.endswith("1 penolakan tanpa dasar Pasal 17") for t in titles)
    quality = next(s for s in prs.slides if title_of(s).endswith("tanpa dasar Pasal 17"))
    text = " ".join(sh.text_frame.text for sh in quality.shapes if sh.has_text_frame)
    assert "Penolakan tanpa huruf Pasal 17: DLH, lembar Permohonan, baris 2" in text
    assert (folder / "rapat_koordinasi_2025-S2_lampiran.xlsx").is_file()
    headline = next(s for s in prs.slides if title_of(s).startswith("Angka utama"))
    header = [c.text for c in next(s for s in headline.shapes if s.has_table).table.rows[0].cells]
    assert header[1:] == ["Semester I 2025", "Semester II 2025", "Perubahan"]


def test_demo_can_run_twice_into_the_same_folder(demo):
    code, folder, _ = demo
    assert main(["demo", "-o", str(folder)]) == 0


def test_demo_leaves_no_sqlite_side_files(tmp_path):
    import io

    from kip_training.commands.demo import make_demo

    make_demo(tmp_path / "demo", out=io.StringIO())
    leftovers = [p.name for p in (tmp_path / "demo").iterdir() if p.name.endswith(("-wal", "-shm"))]
    assert leftovers == []
