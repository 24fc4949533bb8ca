"""One small hostile file costs one message, never the run (issue 15, item 3).

Each load runs in its own Python process (a file that aborts the reader must not take
pytest with it); the process reports what it loaded and its peak memory (its own and
its pool workers').
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kip_training.errors import ConfigError
from kip_training.reports import limits as bounds
from kip_training.reports.load import load_file
from kip_training.reports.read import read_cells

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "contoh" / "laporan" / "2025-S2"
CLEAN = ("DISDIK_2025-S2.xlsx", "DINKES_2025-S2.xlsx")
HOSTILE_BASE = SAMPLES / "BPBD_2025-S2.xlsx"
#: Peak resident memory of a process loading a folder (and of its pool workers).
MEMORY_BOUND_MB = 300

SCRIPT = """
import json, resource, sys
from pathlib import Path
from kip_training.config import load_config
from kip_training.reports import load_reports

args = json.loads(sys.argv[1])
config = load_config(args["config"]) if args.get("config") else None
report_set = load_reports(
    [args["folder"]], config=config, workers=args.get("workers"),
    pool_min_files=args.get("pool_min_files", 48),
)
files = {
    Path(r.file).name: {
        "readable": r.readable,
        "rows": {k: c.rows_read for k, c in r.sheets.items()},
        "messages": [i.message for i in r.issues],
    }
    for r in report_set.files
}
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


def _rewrite(source: Path, target: Path, part: str, edit) -> Path:
    """A copy of a workbook with one part's XML edited."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in zin.infolist():
            data = zin.read(info)
            out.writestr(info.filename, edit(data) if info.filename == part else data)
    return target


def _last_row(cells: bytes):
    """An edit adding a last row (1,048,576) with ``cells`` to the Permohonan sheet."""
    row = b'<row r="1048576">' + cells + b"</row></sheetData>"
    return lambda data: data.replace(b"</sheetData>", row)


PERMOHONAN = "xl/worksheets/sheet3.xml"


def write_xfd(target: Path) -> Path:
    """One value at XFD1048576: calamine asks for 512 GiB and aborts."""
    return _rewrite(HOSTILE_BASE, target, PERMOHONAN, _last_row(b'<c r="XFD1048576"><v>1</v></c>'))


def write_tall(target: Path) -> Path:
    """35 real rows and an empty formula result at T1048576 (a formula copied far down)."""
    cell = b'<c r="T1048576" t="str"><f>""</f><v></v></c>'
    return _rewrite(HOSTILE_BASE, target, PERMOHONAN, _last_row(cell))


def write_stray_value(target: Path) -> Path:
    """A number at T1048576: the sheet really is filled that far."""
    return _rewrite(HOSTILE_BASE, target, PERMOHONAN, _last_row(b'<c r="T1048576"><v>0</v></c>'))


def write_zip_bomb(target: Path) -> Path:
    """sharedStrings.xml inflating to 100 MB from about 100 KB."""
    shutil.copy(HOSTILE_BASE, target)
    with (
        zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
        out.open("xl/sharedStrings.xml", "w") as handle,
    ):
        handle.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        handle.write(b"<si><t>")
        block = b"A" * (1 << 20)
        for _ in range(100):
            handle.write(block)
        handle.write(b"</t></si></sst>")
    return target


def write_repeated_ods(target: Path, rows: int = 1_000_000, columns: int = 20) -> Path:
    """An .ods of a few hundred bytes whose one row is repeated ``rows`` times."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Permohonan">'
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
        f'office:value-type="string" table:number-columns-repeated="{columns}"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(target, "w") as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        out.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        out.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return target


def write_wide_csv(target: Path) -> Path:
    """A CSV of 800 KB with 200,000 columns."""
    target.write_text(",".join(["a"] * 200_000) + "\n" + ",".join(["1"] * 200_000) + "\n")
    return target


def write_web_page(target: Path) -> Path:
    """An "export to Excel" web page (.xls) whose one cell spans 10 million columns."""
    target.write_text(
        '<html><body><table><tr><td colspan="10000000">Tanggal Diterima</td></tr>'
        + "<tr><td>1</td></tr>" * 10
        + "</table></body></html>"
    )
    return target


def _load_in_child(folder: Path, config: Path | None = None, **pool) -> dict:
    args = {"folder": str(folder), "config": str(config) if config else None, **pool}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"the load died ({done.returncode}): {done.stderr[-2000:]}"
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def true_rows() -> dict[str, dict[str, int]]:
    """Rows per sheet of each clean file, loaded on its own."""
    return {
        name: {k: c.rows_read for k, c in load_file(SAMPLES / name).sheets.items()}
        for name in CLEAN
    }


def _folder(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name in CLEAN:
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path


def _assert_one_message_and_others_load(loaded: dict, hostile: str, true_rows: dict) -> str:
    entry = loaded["files"][hostile]
    assert not entry["readable"]
    assert len(entry["messages"]) == 1
    message = entry["messages"][0]
    assert hostile in message and "terlalu besar atau rusak" in message and "(batas " in message
    for name in CLEAN:
        assert loaded["files"][name]["readable"]
        assert loaded["files"][name]["rows"] == true_rows[name]
    assert loaded["peak_mb"] < MEMORY_BOUND_MB
    return message


HOSTILE = {
    "BPBD_xfd.xlsx": (write_xfd, "baris 1.048.576, kolom 16.384"),
    "BPBD_jauh.xlsx": (write_stray_value, "baris 1.048.576, kolom 20"),
    "BPBD_bom.xlsx": (write_zip_bomb, "xl/sharedStrings.xml berukuran 100 MB"),
    "BPBD_ulang.ods": (write_repeated_ods, "baris 1.000.000, kolom 20"),
    "BPBD_lebar.csv": (write_wide_csv, "kolom 200.000"),
    "BPBD_web.xls": (write_web_page, "kolom 1.001"),
}
TALL = "BPBD_2025-S2.xlsx"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict:
    """One folder: the clean files, each hostile file, and the sheet used to the last row;
    loaded once, in its own process (before the fix the XFD file aborted it)."""
    folder = _folder(tmp_path_factory.mktemp("laporan"))
    for name, (writer, _) in HOSTILE.items():
        writer(folder / name)
    write_tall(folder / TALL)
    return _load_in_child(folder)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_gives_one_message_and_the_others_load(loaded, true_rows, name):
    message = _assert_one_message_and_others_load(loaded, name, true_rows)
    assert HOSTILE[name][1] in message


def test_a_sheet_used_to_the_last_row_costs_memory_for_its_real_rows(loaded):
    """Before: 988 MB and 5 s for this one file (calamine builds 1,048,576 x 20 cells)."""
    base = load_file(HOSTILE_BASE)
    assert loaded["files"][TALL]["rows"] == {k: c.rows_read for k, c in base.sheets.items()}
    assert loaded["files"][TALL]["messages"] == [i.message for i in base.issues]
    assert loaded["peak_mb"] < MEMORY_BOUND_MB


def test_a_sheet_read_cell_by_cell_gives_what_calamine_gives():
    direct = read_cells(HOSTILE_BASE)
    for name, cells in direct.items():
        assert bounds.stream_sheet(HOSTILE_BASE, name, bounds.DEFAULT) == cells.tolist()


def _config(tmp_path: Path, batas: str) -> Path:
    path = tmp_path / "kip.toml"
    path.write_text("[batas]\n" + batas)
    return path


def test_limits_are_set_in_kip_toml(tmp_path):
    from kip_training.config import load_config
    from kip_training.reports import load_reports

    folder = _folder(tmp_path / "laporan")
    config = load_config(_config(tmp_path, "kolom_per_lembar = 5\n"))
    for result in load_reports([folder], config=config).files:
        assert not result.readable
        (message,) = [i.message for i in result.issues]
        assert "terlalu besar" in message and "5 kolom" in message


@pytest.mark.parametrize("value", ["0", '"besar"'])
def test_a_bad_limit_in_kip_toml_is_named(tmp_path, value):
    from kip_training.config import load_config

    with pytest.raises(ConfigError, match="batas.memori_mb"):
        load_config(_config(tmp_path, f"memori_mb = {value}\n"))


def test_a_reader_that_dies_in_a_pool_worker_costs_one_message(tmp_path, true_rows):
    """The backstop: with the checks as good as off, the XFD file aborts its worker and a
    file needing ~1 GB exceeds the workers' memory limit; each is named once, the
    others load."""
    folder = _folder(tmp_path / "laporan")
    write_xfd(folder / "BPBD_xfd.xlsx")
    write_stray_value(folder / "BPBD_jauh.xlsx")
    off = (
        "baris_per_lembar = 2000000\nkolom_per_lembar = 20000\n"
        "sel_per_lembar = 100000000000\nmemori_mb = 400\n"
    )
    loaded = _load_in_child(folder, _config(tmp_path, off), workers=2, pool_min_files=2)
    for name in ("BPBD_xfd.xlsx", "BPBD_jauh.xlsx"):
        entry = loaded["files"][name]
        assert not entry["readable"]
        (message,) = entry["messages"]
        assert name in message and "berhenti mendadak" in message and "memori 400 MB" in message
    for name in CLEAN:
        assert loaded["files"][name]["rows"] == true_rows[name]


def test_a_file_named_for_one_format_but_holding_another_is_named_for_what_it_holds(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    (tmp_path / "sandi.xlsx").write_bytes(ole + "EncryptedPackage".encode("utf-16-le"))
    (tmp_path / "lama.xlsx").write_bytes(ole + b"\0" * 64)  # no stream of either kind
    (tmp_path / "xml2003.xls").write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        "</Workbook>"
    )
    (tmp_path / "kosong.xls").write_text("<html><body><p>Tidak ada data</p></body></html>")
    messages = {}
    for path in tmp_path.iterdir():
        result = load_file(path)
        assert not result.readable
        [issue] = result.issues
        messages[path.name] = issue.message
    assert "kata sandi" in messages["sandi.xlsx"]
    assert "kata sandi" in messages["lama.xlsx"]  # an .xlsx in that container: encrypted
    assert "XML Spreadsheet 2003" in messages["xml2003.xls"]
    assert "tidak berisi tabel" in messages["kosong.xls"]
