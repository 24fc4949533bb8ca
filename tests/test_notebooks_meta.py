"""The committed notebooks read like training modules: header, hidden short code, no outputs.

What trainees see: every code cell starts with an Indonesian comment (never a test marker
or an import), and the text shown in the no-code view (Voilà, where the kip template
hides ``<div class="kip-lab-saja">`` blocks) has no "Run All" instructions, and in the
trainee notebooks (00–05) no ``kip`` commands.
"""

import ast
import re
import sys

import nbformat
import pytest

from kip_training.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
CHECK = "# NBVAL_CHECK_OUTPUT"
CHECK_TAG = "nbval-check-output"
LAB_ONLY = re.compile(r'<div class="kip-lab-saja">.*?</div>', re.S)
#: The notebooks trainees open (the others are for trainers and PPID Utama staff).
TRAINEE_PREFIXES = ("00", "01", "02", "03", "04", "05")
MAX_CODE_LINES = 12
LOGIC = (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.If, ast.With, ast.Try, ast.Lambda)
INDONESIAN = {"yang", "dan", "untuk", "dengan", "ini", "tidak", "dari", "atau", "pada", "anda"}
ENGLISH = {"the", "and", "with", "this", "for", "you", "of", "is", "are", "to"}


def load(path):
    return nbformat.read(path, as_version=4)


def ids(paths):
    return [p.stem for p in paths]


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


REQUIRED = (
    "00_mulai_di_sini",
    "01_dasar_hukum_kip",
    "02_latihan_tenggat_waktu",
    "03_klasifikasi_dan_uji_konsekuensi",
    "04_kuis_kewajiban_keterbukaan",
    "05_periksa_laporan",
    "06_dasbor_pelatih",
    "07_bahan_rapat_koordinasi",
)


def test_the_eight_training_notebooks_are_there_numbered_and_distinct():
    names = [p.stem for p in NOTEBOOKS]
    assert set(REQUIRED) <= set(names)
    numbers = [name[:2] for name in names]
    assert numbers == sorted(set(numbers))
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", p.name) for p in NOTEBOOKS)


def test_the_meeting_notebook_has_a_papermill_parameters_cell_and_widgets_for_people():
    nb = load(NOTEBOOKS_DIR / "07_bahan_rapat_koordinasi.ipynb")
    tagged = [c for c in code_cells(nb) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert 'periode = "2025-S2"' in tagged[0].source
    assert any("MeetingForm(" in c.source for c in code_cells(nb))
    shown = voila_text(nb)
    assert "Buat bahan rapat" in shown and "`periode`" not in shown


def test_papermill_makes_the_deck_unattended_for_another_period(tmp_path, monkeypatch):
    import papermill
    from pptx import Presentation

    monkeypatch.setenv("KIP_OUTPUT", str(tmp_path))
    monkeypatch.setenv("KIP_DB", str(tmp_path / "kuis.sqlite"))
    papermill.execute_notebook(
        str(NOTEBOOKS_DIR / "07_bahan_rapat_koordinasi.ipynb"),
        str(tmp_path / "hasil.ipynb"),
        parameters={"periode": "2025-S1"},
        cwd=str(tmp_path),
        progress_bar=False,
    )
    deck = Presentation(tmp_path / "rapat_koordinasi_2025-S1.pptx")
    assert len(deck.slides) > 5
    title = " ".join(
        shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame
    )
    assert "Semester I 2025" in title


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_first_cell_has_title_purpose_audience_and_duration(path):
    first = load(path).cells[0]
    assert first.cell_type == "markdown"
    assert re.match(rf"# {path.name[:2]} · \S", first.source)
    for label in ("**Tujuan:**", "**Untuk siapa:**", "**Waktu:**"):
        assert label in first.source, label
    assert re.search(r"\*\*Waktu:\*\* ± \d+", first.source)


def checked(cell) -> bool:
    """Whether nbval compares the cell's output (marker on any comment line, or tag)."""
    marker = any(line.strip() == CHECK for line in cell.source.splitlines())
    return marker or CHECK_TAG in cell.metadata.get("tags", [])


def voila_text(nb) -> str:
    """The Markdown a no-code (Voilà) viewer sees: without the JupyterLab-only blocks."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return LAB_ONLY.sub("", text)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_only_checked_cells_keep_outputs(path):
    nb = load(path)
    assert "widgets" not in nb.metadata
    for cell in code_cells(nb):
        if checked(cell):
            assert cell.outputs, f"{path.name}: checked cell without a stored output"
        else:
            assert cell.outputs == [] and cell.execution_count is None, cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_code_is_hidden_short_and_only_calls_the_package(path):
    for cell in code_cells(load(path)):
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source
        assert len(cell.source.splitlines()) <= MAX_CODE_LINES, cell.source
        tree = ast.parse(cell.source)
        assert not [n for n in ast.walk(tree) if isinstance(n, LOGIC)], cell.source
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module.split(".")[0] in ("kip_training", "IPython"), cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_every_code_cell_starts_with_an_indonesian_comment(path):
    """Whoever opens a hidden cell first reads what it does, in Indonesian."""
    for cell in code_cells(load(path)):
        first = cell.source.splitlines()[0].strip() if cell.source.strip() else ""
        assert first.startswith("# "), f"{path.name}: {first!r}"
        assert not first.lstrip("# ").upper().startswith("NBVAL"), f"{path.name}: {first!r}"
        words = re.findall(r"[a-z]+", first.lower())
        assert len(words) >= 2 and not set(words) & ENGLISH, f"{path.name}: {first!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_the_no_code_view_has_no_run_all_and_trainees_see_no_kip_commands(path):
    shown = voila_text(load(path))
    assert "Run All" not in shown and "Run ▸" not in shown
    assert "Semua Sel" not in shown  # the menu name in the Indonesian JupyterLab
    if path.name.startswith(TRAINEE_PREFIXES):
        assert not re.search(r"`kip\s", shown), re.findall(r"`kip\s[^`]*`", shown)
        assert "make app" not in shown and "make lab" not in shown


def test_the_lab_only_blocks_keep_their_markdown_apart():
    """A blank line after <div> and before </div>, so the Markdown inside still renders."""
    for path in NOTEBOOKS:
        for cell in load(path).cells:
            for block in LAB_ONLY.findall(cell.source):
                assert block.startswith('<div class="kip-lab-saja">\n\n'), path.name
                assert block.endswith("\n\n</div>"), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_text_is_in_indonesian_and_cites_articles(path):
    text = "\n".join(c.source for c in load(path).cells if c.cell_type == "markdown")
    words = re.findall(r"[a-z]+", text.lower())
    indonesian = sum(w in INDONESIAN for w in words)
    english = sum(w in ENGLISH for w in words)
    assert indonesian > 10 * max(english, 1), (indonesian, english)
    if not path.name.startswith("00"):
        assert "Pasal" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_nothing_uncertain_is_taught_as_certain(path):
    text = "\n".join(c.source for c in load(path).cells if c.cell_type == "markdown")
    assert "paling lambat 6" not in text  # Pasal 9: "paling singkat 6 (enam) bulan sekali"
    assert not re.search(r"Pasal 9 ayat", text)  # which ayat is not settled (KIP.md §2)


def test_notebooks_match_their_generator():
    """The notebooks are built by tools/build_notebooks.py: edit tools/notebook_cells.py."""
    import importlib.util
    from pathlib import Path

    tools = Path(__file__).resolve().parents[1] / "tools"
    spec = importlib.util.spec_from_file_location("notebook_cells", tools / "notebook_cells.py")
    cells = importlib.util.module_from_spec(spec)
    sys.modules["notebook_cells"] = cells  # dataclasses look their module up
    try:
        spec.loader.exec_module(cells)
    finally:
        del sys.modules["notebook_cells"]
    assert set(cells.NOTEBOOKS) == {p.stem for p in NOTEBOOKS}
    for name, expected in cells.NOTEBOOKS.items():
        nb = load(NOTEBOOKS_DIR / f"{name}.ipynb")
        assert [c.source for c in nb.cells] == [c.source.strip("\n") for c in expected], name
