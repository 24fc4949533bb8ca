"""Build the notebooks in ``notebooks/`` from the cell lists in ``tools/notebook_cells.py``.

Usage (from the project folder)::

    .venv/bin/python tools/build_notebooks.py              # every notebook
    .venv/bin/python tools/build_notebooks.py 02 03        # only those whose name starts so

Each notebook is written, executed once with nbclient (in a temporary folder, with a
temporary quiz database), and saved with the outputs of ``# NBVAL_CHECK_OUTPUT`` cells
only: that is what nbval compares in ``make test``. Every other output, the widget
state and execution counts are removed, so the committed notebooks stay small and
the no-code view (Voilà) builds everything fresh. Code cells are hidden in JupyterLab
(``jupyter.source_hidden``); Voilà never shows code.

Edit the text in ``tools/notebook_cells.py``, then run this script again; do not edit
the ``.ipynb`` files by hand (the next build overwrites them).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from notebook_cells import NOTEBOOKS, Cell  # noqa: E402

CHECK_MARK = "# NBVAL_CHECK_OUTPUT"


def make_notebook(cells: list[Cell]) -> nbformat.NotebookNode:
    """A notebook with hidden code cells (tags kept) and Indonesian metadata."""
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
    }
    for cell in cells:
        if cell.kind == "markdown":
            nb.cells.append(new_markdown_cell(cell.source.strip("\n")))
            continue
        metadata: dict = {"jupyter": {"source_hidden": True}}
        if cell.tags:
            metadata["tags"] = list(cell.tags)
        nb.cells.append(new_code_cell(cell.source.strip("\n"), metadata=metadata))
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"{'md' if cell.cell_type == 'markdown' else 'code'}-{index:02d}"
    return nb


def execute(nb: nbformat.NotebookNode, scratch: Path) -> float:
    """Run the notebook in ``scratch`` (quiz database and outputs there too); seconds taken."""
    os.environ["KIP_DB"] = str(scratch / "kuis.sqlite")
    os.environ["KIP_OUTPUT"] = str(scratch / "keluaran")
    start = time.perf_counter()
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(scratch)}}
    )
    client.execute()
    return time.perf_counter() - start


def strip(nb: nbformat.NotebookNode) -> None:
    """Keep outputs (and counts) of NBVAL_CHECK_OUTPUT cells only; drop widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        if CHECK_MARK not in cell.source:  # nbval needs the count of a checked cell
            cell.execution_count = None
            cell.outputs = []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="build only notebooks starting with these")
    args = parser.parse_args(argv)
    target = ROOT / "notebooks"
    target.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kip-nb-") as scratch:
        for name, cells in NOTEBOOKS.items():
            if args.prefixes and not any(name.startswith(p) for p in args.prefixes):
                continue
            nb = make_notebook(cells)
            seconds = execute(nb, Path(scratch))
            strip(nb)
            nbformat.validate(nb)
            nbformat.write(nb, target / f"{name}.ipynb")
            print(f"{name}.ipynb: {len(nb.cells)} sel, dijalankan dalam {seconds:.1f} detik")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
