"""Write docs/dasar_hukum.md, the legal reference generated from law.py and the monev registry.

Run from anywhere: ``python tools/build_docs.py``. tests/test_docs.py fails while the
committed page differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from kip_training.docs import DOCS_PAGE, render_legal_reference

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    target = ROOT / DOCS_PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_legal_reference(), encoding="utf-8")
    print(f"Ditulis: {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
