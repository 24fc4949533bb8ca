"""The committed notebooks read like training modules: header, hidden short code, no outputs."""

import ast
import re
import sys

import nbformat
import pytest

from kip_training.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
CHECK = "# NBVAL_CHECK_OUTPUT"
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


def test_the_meeting_notebook_has_a_papermill_parameters_cell():
    nb = load(NOTEBOOKS_DIR / "07_bahan_rapat_koordinasi.ipynb")
    tagged = [c for c in code_cells(nb) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert 'periode = "2025-S2"' in tagged[0].source


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
    deck = tmp_path / "rapat_koordinasi_2025-S1.pptx"
    assert len(Presentation(deck).slides) > 5
    text = "".join(
        o.get("text", "") for c in code_cells(load(tmp_path / "hasil.ipynb")) for o in c.outputs
    )
    assert "Semester I 2025. Tidak ada data semester sebelumnya" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_first_cell_has_title_purpose_audience_and_duration(path):
    first = load(path).cells[0]
    assert first.cell_type == "markdown"
    assert re.match(rf"# {path.name[:2]} · \S", first.source)
    for label in ("**Tujuan:**", "**Untuk siapa:**", "**Waktu:**"):
        assert label in first.source, label
    assert re.search(r"\*\*Waktu:\*\* ± \d+", first.source)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_only_checked_cells_keep_outputs(path):
    nb = load(path)
    assert "widgets" not in nb.metadata
    for cell in code_cells(nb):
        if CHECK in cell.source:
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
