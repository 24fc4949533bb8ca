"""Fuzz: 540 mutated report files never break the load (issue 15).

Mutants of real reports (.xlsx, .csv, and an .ods made by LibreOffice): truncated,
bit-flipped, zip parts swapped, removed or duplicated, cells replaced by huge or
control-character strings, dimensions and cell references pushed to the sheet's edge,
sharedStrings inflated. They are loaded in a few batches, each in its own process
(a pool of workers, as for a large folder), among clean files. Asserted: the process
ends normally with no traceback, the clean files load with their true row counts,
every file is loaded or named in a message, and memory stays under the bound.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from kip_training.reports.load import load_file
from kip_training.reports.read import read_raw

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "contoh" / "laporan" / "2025-S2"
BASES = ("DISDIK_2025-S2.xlsx", "DINKES_2025-S2.xlsx", "BPBD_2025-S2.xlsx")
MUTANTS = 540
BATCHES = 4
SEED = 15
#: Peak resident memory of the loading process and of each of its pool workers.
MEMORY_BOUND_MB = 500

SCRIPT = """
import json, resource, sys
from pathlib import Path
from kip_training.reports import load_reports

report_set = load_reports([sys.argv[1]], workers=2, pool_min_files=2)
files = [
    {"file": r.file, "readable": r.readable, "rows": {k: c.rows_read for k, c in r.sheets.items()},
     "messages": [i.message for i in r.issues]}
    for r in report_set.files
]
# this process's own peak (VmHWM): ru_maxrss of RUSAGE_SELF would also count the
# peak of the process that started it (Linux keeps it across exec)
own = next(
    int(line.split()[1])
    for line in open("/proc/self/status", encoding="ascii")
    if line.startswith("VmHWM:")
)
peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"files": files, "peak_mb": peak / 1024}))
"""


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> dict[str, Path]:
    """The clean files mutants start from: three workbooks, a CSV and an .ods."""
    folder = tmp_path_factory.mktemp("dasar")
    found = {}
    for name in BASES:
        found[name] = Path(shutil.copy(SAMPLES / name, folder / name))
    csv_path = folder / "DISDIK_2025-S2_permohonan.csv"
    raw = read_raw(SAMPLES / BASES[0])["Permohonan"]
    with open(csv_path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["" if v is None else str(v) for v in row] for row in raw.itertuples(index=False)]
        )
    found[csv_path.name] = csv_path
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "ods",
            "--outdir",
            str(folder),
            str(SAMPLES / BASES[1]),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    ods = folder / BASES[1].replace(".xlsx", ".ods")
    assert ods.is_file()
    found[ods.name] = ods
    return found


# -- mutations ------------------------------------------------------------------------------


def _zip_parts(data: bytes) -> list[tuple[str, bytes]]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    import io

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicated names are one of the mutations
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, body in parts:
                archive.writestr(name, body)
    return buffer.getvalue()


def truncate(rng: random.Random, data: bytes, suffix: str) -> bytes:
    return data[: rng.randrange(len(data))]


def flip_bits(rng: random.Random, data: bytes, suffix: str) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def swap_parts(rng: random.Random, data: bytes, suffix: str) -> bytes:
    parts = _zip_parts(data)
    a, b = rng.sample(range(len(parts)), 2)
    parts[a], parts[b] = (parts[a][0], parts[b][1]), (parts[b][0], parts[a][1])
    return _zip(parts)


def remove_part(rng: random.Random, data: bytes, suffix: str) -> bytes:
    parts = _zip_parts(data)
    del parts[rng.randrange(len(parts))]
    return _zip(parts)


def duplicate_part(rng: random.Random, data: bytes, suffix: str) -> bytes:
    parts = _zip_parts(data)
    name, body = parts[rng.randrange(len(parts))]
    other = parts[rng.randrange(len(parts))][1]
    parts.insert(rng.randrange(len(parts) + 1), (name, rng.choice([body, other])))
    return _zip(parts)


CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f\u202e"


def _strange_text(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return "Z" * rng.choice([40_000, 400_000])
    return "".join(rng.choice(CONTROL + "=+-@ab") for _ in range(rng.randint(1, 60)))


def _sheet_parts(parts, suffix: str) -> list[int]:
    if suffix == ".ods":
        return [i for i, (n, _) in enumerate(parts) if n == "content.xml"]
    return [i for i, (n, _) in enumerate(parts) if n.startswith("xl/worksheets/")]


def strange_cells(rng: random.Random, data: bytes, suffix: str) -> bytes:
    """Cell texts replaced by huge strings or control characters (raw or as _xHHHH_)."""
    if suffix == ".csv":
        lines = data.decode("utf-8").split("\n")
        for _ in range(rng.randint(1, 5)):
            index = rng.randrange(len(lines))
            cells = lines[index].split(",")
            cells[rng.randrange(len(cells))] = _strange_text(rng).replace(",", ";")
            lines[index] = ",".join(cells)
        return "\n".join(lines).encode("utf-8", "surrogatepass")
    parts = _zip_parts(data)
    for index in _sheet_parts(parts, suffix):
        name, body = parts[index]
        marker = b"<text:p>" if suffix == ".ods" else b"<t>"
        pieces = body.split(marker)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(1, len(pieces)) if len(pieces) > 1 else 0
            text = _strange_text(rng)
            if rng.random() < 0.5:
                text = "".join(f"_x{ord(c):04X}_" if ord(c) < 32 else c for c in text)
            pieces[at] = text.encode("utf-8") + pieces[at][pieces[at].find(b"<") :]
        parts[index] = (name, marker.join(pieces))
    return _zip(parts)


def far_references(rng: random.Random, data: bytes, suffix: str) -> bytes:
    """A dimension, a cell reference or an .ods repeat pushed towards the sheet's edge."""
    import re

    if suffix == ".csv":
        return data + b"," * rng.choice([2_000, 50_000]) + b"x\n"
    parts = _zip_parts(data)
    index = rng.choice(_sheet_parts(parts, suffix))
    name, body = parts[index]
    big = rng.choice([1_048_576, 200_000, 70_000, 5_000])
    if suffix == ".ods":
        repeats = list(re.finditer(rb'number-(rows|columns)-repeated="[0-9]+"', body))
        if repeats:
            hit = rng.choice(repeats)
            body = (
                body[: hit.start()]
                + b'number-%s-repeated="%d"' % (hit.group(1), big)
                + body[hit.end() :]
            )
    elif rng.random() < 0.5:
        body = body.replace(b"<sheetData", b'<dimension ref="A1:XFD%d"/><sheetData' % big, 1)
    else:
        refs = list(re.finditer(rb' r="[A-Z]+[0-9]+"', body))
        hit = rng.choice(refs)
        col = rng.choice([b"A", b"T", b"ZZ", b"XFD"])
        body = body[: hit.start()] + b' r="%s%d"' % (col, big) + body[hit.end() :]
    parts[index] = (name, body)
    return _zip(parts)


def inflate_strings(rng: random.Random, data: bytes, suffix: str) -> bytes:
    """A sharedStrings part (or .ods content) inflated by megabytes of one character."""
    parts = _zip_parts(data)
    size = rng.choice([3, 66]) << 20
    body = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        + b"A" * size
        + b"</t></si></sst>"
    )
    name = "content.xml" if suffix == ".ods" else "xl/sharedStrings.xml"
    parts = [(n, b) for n, b in parts if n != name] + [(name, body)]
    return _zip(parts)


MUTATIONS = {
    "truncate": (truncate, 90),
    "flip_bits": (flip_bits, 134),
    "swap_parts": (swap_parts, 60),
    "remove_part": (remove_part, 60),
    "duplicate_part": (duplicate_part, 40),
    "strange_cells": (strange_cells, 100),
    "far_references": (far_references, 50),
    "inflate_strings": (inflate_strings, 6),
}


@pytest.fixture(scope="module")
def batches(bases, tmp_path_factory) -> list[tuple[Path, list[str]]]:
    """The mutants, written into folders with the clean bases; (folder, mutant names)."""
    rng = random.Random(SEED)
    kinds = [kind for kind, (_, weight) in MUTATIONS.items() for _ in range(weight)]
    assert len(kinds) == MUTANTS
    rng.shuffle(kinds)
    folders = [tmp_path_factory.mktemp(f"fuzz{n}") for n in range(BATCHES)]
    names: list[list[str]] = [[] for _ in folders]
    for number, kind in enumerate(kinds):
        base = rng.choice(list(bases.values()))
        suffix = base.suffix
        mutate = MUTATIONS[kind][0]
        if suffix == ".csv" and kind in ("swap_parts", "remove_part", "duplicate_part"):
            mutate = flip_bits
        if suffix == ".csv" and kind == "inflate_strings":
            mutate = strange_cells
        data = mutate(rng, base.read_bytes(), suffix)
        name = f"m{number:03d}_{kind}_{base.name}"
        (folders[number % BATCHES] / name).write_bytes(data)
        names[number % BATCHES].append(name)
    for folder in folders:
        for base in bases.values():
            shutil.copy(base, folder / base.name)
    return list(zip(folders, names, strict=True))


@pytest.fixture(scope="module")
def true_rows(bases) -> dict[str, dict[str, int]]:
    return {
        name: {k: c.rows_read for k, c in load_file(path).sheets.items()}
        for name, path in bases.items()
    }


def _load_in_child(folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"the load died ({done.returncode}): {done.stderr[-3000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutated_reports_never_break_the_load(batches, bases, true_rows, batch):
    folder, mutants = batches[batch]
    loaded = _load_in_child(folder)
    by_name = {Path(f["file"].rstrip("…")).name: f for f in loaded["files"]}
    messages = " ".join(m for f in loaded["files"] for m in f["messages"])
    for name in bases:
        assert by_name[name]["readable"], by_name[name]["messages"]
        assert by_name[name]["rows"] == true_rows[name], name
    for name in mutants:
        entry = by_name.get(name)
        loaded_ok = entry is not None and entry["readable"]
        assert loaded_ok or name in messages, f"{name}: neither loaded nor named"
    assert loaded["peak_mb"] < MEMORY_BOUND_MB
