"""The wheel: built from the checkout, installed (not editable) into a fresh venv, ``kip`` works.

The venv reuses this environment's installed dependencies through a ``.pth`` line (added
after the install, so pip never sees them), but not its editable ``kip_training``: the
test fails if the package is imported from anywhere but the venv.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "kip_training", "data", "templates", "notebooks")
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints")


def _run(command, **kwargs):
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=False, **kwargs
    )


def _checked(command, **kwargs):
    done = _run(command, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """(wheel, the copy of the checkout it was built from: build/ stays out of the tree)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, symlinks=True, ignore=JUNK)
        else:
            shutil.copy2(path, src / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    _checked([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", tmp / "dist", src])
    (built,) = (tmp / "dist").glob("kip_training-*.whl")
    return built, src


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):
    """A fresh venv with the wheel installed; returns (bin folder, environment for its runs)."""
    built, _ = wheel
    tmp = tmp_path_factory.mktemp("venv")
    root = tmp / "venv"
    _checked([sys.executable, "-m", "venv", "--without-pip", root])
    python = root / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "--python", python]
    _checked([*pip, "install", "--no-deps", "--no-index", built])
    purelib = _checked([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    Path(purelib.stdout.strip(), "_kip_test_deps.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIP_", "PYTHON"))}
    env.update(KIP_CACHE=str(tmp / "simpanan"), KIP_DB=str(tmp / "kuis.sqlite"))
    return root / "bin", env


def test_the_wheel_carries_every_file_of_the_package_with_its_bundled_data(wheel):
    built, src = wheel
    names = set(zipfile.ZipFile(built).namelist())
    expected = {
        path.relative_to(src).as_posix()
        for path in (src / "kip_training").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected - names == set()
    for name in (
        "kip_training/py.typed",
        "kip_training/kip_default.toml",
        "kip_training/_bundled/data/opd.csv",
        "kip_training/_bundled/templates/laporan_ppid_pembantu.xlsx",
        "kip_training/_bundled/templates/rapat_koordinasi.pptx",
        "kip_training/_bundled/notebooks/00_mulai_di_sini.ipynb",
    ):
        assert name in names
    samples = [n for n in names if n.startswith("kip_training/_bundled/data/contoh/laporan/")]
    assert len(samples) == len(list((src / "data" / "contoh" / "laporan").rglob("*.xlsx")))


def test_the_installed_package_is_the_one_in_the_venv(venv):
    bin_dir, env = venv
    done = _checked(
        [bin_dir / "python", "-c", "import kip_training.paths as p; print(p.__file__, p.DATA_DIR)"],
        env=env,
        cwd=bin_dir,
    )
    module, data = done.stdout.split()
    site = bin_dir.parent / "lib"
    assert Path(module).is_relative_to(site)
    assert Path(data).is_relative_to(site) and (Path(data) / "opd.csv").is_file()


def test_kip_demo_runs_from_the_installed_wheel(venv, tmp_path):
    bin_dir, env = venv
    done = _checked([bin_dir / "kip", "demo", "-o", "hasil"], env=env, cwd=tmp_path)
    deck = tmp_path / "hasil" / "rapat_koordinasi_2025-S2.pptx"
    assert done.stdout.strip().splitlines()[-1] == "Paparan ditulis: hasil/" + deck.name
    assert deck.stat().st_size > 0
    for label in ("2025-S1", "2025-S2"):
        bundled = ROOT / "data" / "contoh" / "laporan" / label
        written = tmp_path / "hasil" / "laporan" / label
        assert sorted(p.name for p in written.iterdir()) == sorted(
            p.name for p in bundled.iterdir()
        )
    assert (tmp_path / "hasil" / "hasil_kuis_contoh.sqlite3").is_file()


def test_kip_template_quiz_validate_and_deadline_run_from_the_installed_wheel(venv, tmp_path):
    bin_dir, env = venv
    _checked([bin_dir / "kip", "template", "-o", "laporan.xlsx"], env=env, cwd=tmp_path)
    assert load_workbook(tmp_path / "laporan.xlsx").sheetnames[:2] == ["Petunjuk", "Identitas"]

    validated = _checked([bin_dir / "kip", "quiz", "validate"], env=env, cwd=tmp_path)
    assert "soal" in validated.stdout

    deadline = _checked(
        [bin_dir / "kip", "deadline", "2026-03-16", "--kind", "pemberitahuan", "--json"],
        env=env,
        cwd=tmp_path,
    )
    assert json.loads(deadline.stdout)["due"].startswith("2026-")


def test_kip_help_in_the_installed_wheel_is_in_indonesian(venv, tmp_path):
    bin_dir, env = venv
    done = _run([bin_dir / "kip", "deck"], env=env, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("penggunaan: kip deck")
    assert "galat: argumen berikut wajib diisi" in done.stderr
