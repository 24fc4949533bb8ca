"""Run ``kip check`` and ``kip deck`` on the messy corpus once, and keep every output."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .truth import Truth


@dataclass
class Outputs:
    """What the toolkit wrote for the corpus: JSON, console text, files, loaded reports."""

    root: Path
    folder: Path
    truths: list[Truth]
    cache_dir: Path
    feedback_dir: Path
    deck_path: Path
    check_code: int | None = None
    check_json: dict | None = None
    check_console: str = ""
    deck_code: int | None = None
    deck_console: str = ""
    reports: object = None  # ReportSet (load_reports, no cache)
    summary: object = None  # metrics.PeriodSummary
    failures: dict[str, str] = field(default_factory=dict)  # step -> traceback

    def need(self, step: str) -> None:
        """Fail the calling test when ``step`` crashed (so every test says why)."""
        if step in self.failures:
            import pytest

            pytest.fail(f"'{step}' crashed on the messy corpus:\n{self.failures[step]}")

    def file(self, truth: Truth) -> dict:
        """The ``kip check --json`` entry of a truth's file."""
        self.need("check")
        entries = [f for f in self.check_json["files"] if Path(f["file"]).name == truth.file]
        assert len(entries) == 1, f"{truth.label()} is not listed once in kip check --json"
        return entries[0]

    def truth(self, kind: str) -> Truth:
        [found] = [t for t in self.truths if t.kind == kind]
        return found


def _captured(fn):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = fn()
    return code, out.getvalue() + err.getvalue()


def run_all(root: Path, folder: Path, truths: list[Truth]) -> Outputs:
    """``kip check --json --feedback`` then ``kip deck`` (sharing a private KIP_CACHE)."""
    from kip_training.cli import main

    out = Outputs(
        root=root,
        folder=folder,
        truths=truths,
        cache_dir=root / "cache",
        feedback_dir=root / "umpan-balik",
        deck_path=root / "paparan" / "paparan.pptx",
    )
    json_path = root / "cek.json"
    saved = os.environ.get("KIP_CACHE")
    os.environ["KIP_CACHE"] = str(out.cache_dir)
    try:
        try:
            out.check_code, out.check_console = _captured(
                lambda: main(
                    [
                        "check",
                        str(folder),
                        "--json",
                        str(json_path),
                        "--feedback",
                        str(out.feedback_dir),
                    ]
                )
            )
            out.check_json = json.loads(json_path.read_text(encoding="utf-8"))
        except BaseException:  # noqa: BLE001 - recorded, every test that needs it fails
            out.failures["check"] = traceback.format_exc()
        try:
            out.deck_path.parent.mkdir(parents=True, exist_ok=True)
            out.deck_code, out.deck_console = _captured(
                lambda: main(["deck", str(folder), "-o", str(out.deck_path)])
            )
            if not out.deck_path.exists():
                raise RuntimeError(f"no deck written (exit {out.deck_code}):\n{out.deck_console}")
        except BaseException:  # noqa: BLE001
            out.failures["deck"] = traceback.format_exc()
    finally:
        if saved is None:
            os.environ.pop("KIP_CACHE", None)
        else:
            os.environ["KIP_CACHE"] = saved
    try:
        from kip_training.metrics import summarize
        from kip_training.reports import load_reports

        out.reports = load_reports([folder], cache=None)
        out.summary = summarize(out.reports)
    except BaseException:  # noqa: BLE001
        out.failures["load"] = traceback.format_exc()
    return out


# --- reading outputs back ---------------------------------------------------------------


def _arrow_text(data: bytes) -> bytes:
    """Every value of an Arrow IPC file (possibly compressed) as UTF-8 text."""
    import pyarrow as pa

    try:
        with pa.ipc.open_file(pa.py_buffer(data)) as reader:
            table = reader.read_all()
    except pa.ArrowInvalid:
        return b""
    return "\n".join(str(v) for column in table.columns for v in column.to_pylist()).encode(
        "utf-8", "replace"
    )


def readable_bytes(data: bytes, depth: int = 0) -> bytes:
    """The bytes of a file plus everything packed inside it (zip members, Arrow tables)."""
    parts = [data]
    if depth < 3 and data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    parts.append(readable_bytes(archive.read(name), depth + 1))
        except zipfile.BadZipFile:
            pass
    if data[:6] == b"ARROW1":
        parts.append(_arrow_text(data))
    return b"\n".join(parts)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def leaks(data: bytes, values: tuple[str, ...]) -> list[str]:
    """The personal-data values found in ``data`` (as UTF-8 or in XML-escaped form)."""
    found = []
    for value in values:
        forms = {value.encode(), value.replace("+", "&#43;").encode()}
        if any(form in data for form in forms):
            found.append(value)
    return found


# --- the deck ---------------------------------------------------------------------------

#: The headline slide's title: "Angka utama Semester II 2025: 1.190 permohonan, …".
_TOTAL = re.compile(r"Angka utama [^:\n]*: ([\d.]+) permohonan")


def deck_text(path: Path) -> str:
    from deck_pptx import all_text, open_deck

    return all_text(open_deck(path))


def deck_request_total(path: Path) -> int:
    """The request total the deck's headline slide states."""
    text = deck_text(path)
    match = _TOTAL.search(text)
    assert match, "the deck states no request total ('Angka utama …: N permohonan')"
    return int(match.group(1).replace(".", ""))


def deck_rows(path: Path) -> list[str]:
    """Every table row (cells joined) and text paragraph of the deck, one string each."""
    from deck_pptx import open_deck

    rows: list[str] = []
    for slide in open_deck(path).slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows.extend(" | ".join(c.text for c in row.cells) for row in shape.table.rows)
            if shape.has_text_frame:
                rows.extend(shape.text_frame.text.split("\n"))
    return rows
