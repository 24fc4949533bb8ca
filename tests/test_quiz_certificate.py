"""Certificates: one PDF page for each participant who passed, and for nobody else."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image

from kip_training.exercises.trainer import fill_sample_session
from kip_training.quiz.certificate import certificates, certificates_zip
from kip_training.quiz.results import session_results
from kip_training.quiz.store import ResultStore

SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


def results_of(tmp_path, bank, calendar):
    db = tmp_path / "sesi.sqlite"
    fill_sample_session(db, participants=6, bank=bank, calendar=calendar)
    with ResultStore(db) as store:
        return session_results(store, "CONTOH", bank, calendar)


def test_only_those_who_passed_get_a_certificate(tmp_path, bank, calendar):
    results = results_of(tmp_path, bank, calendar)
    passed = [p for p in results.participants if p.passed]
    failed = [p for p in results.participants if not p.passed]
    assert passed and failed, "the sample has both"
    files = certificates(results)
    assert len(files) == len(passed)
    for person in failed:
        slug = person.participant.lower().replace(" ", "-")
        assert not [name for name in files if slug in name]
    assert all(name.startswith("sertifikat_contoh_peserta-") for name in files)
    assert all(data.startswith(b"%PDF") for data in files.values())
    archive = zipfile.ZipFile(io.BytesIO(certificates_zip(results)))
    assert sorted(archive.namelist()) == sorted(files)


def test_certificate_page_names_the_participant_session_and_score(tmp_path, bank, calendar):
    results = results_of(tmp_path, bank, calendar)
    person = results.passed[0]
    name, data = next(iter(certificates(results).items()))
    pdf = tmp_path / name
    pdf.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "SERTIFIKAT" in text and person.participant in text
    assert results.title in text and "22 Januari 2026" in text
    assert f"{round(person.score * 100)}%" in text and "nilai lulus 70%" in text
    assert "Pemerintah Kota Contoh" in text
    # The page as an image: landscape, mostly white with the navy frame drawn.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-singlefile", str(pdf), str(tmp_path / "halaman")],
        check=True,
    )
    image = Image.open(tmp_path / "halaman.png").convert("RGB")
    assert image.width > image.height
    pixels = np.asarray(image)
    navy = np.all(np.abs(pixels.astype(int) - (0x1F, 0x4E, 0x79)) < 40, axis=2).mean()
    assert 0.02 < navy < 0.3
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(tmp_path / "halaman.png", SCREENSHOTS / "sertifikat.png")
