"""The process pool of load_reports gives exactly what the single process gives."""

import multiprocessing
import shutil

import pandas as pd
import pytest

from kip_training.reports import load_reports, parallel
from kip_training.sample import generate_many

FRAMES = ("identitas", "permohonan", "keberatan", "berkala", "kendala")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("laporan")
    files, roster = generate_many(7, folder, seed=11, mean_rows=40)
    # A second report of one OPD (set aside after loading) and a file that is no workbook.
    shutil.copy(files[2], folder / "OPD-0003_2025-S1_revisi.xlsx")
    (folder / "rusak.xlsx").write_text("bukan lembar kerja")
    return folder, roster


@pytest.fixture
def pool_always(monkeypatch):
    """Use a real pool (this platform's default start method) even for a few files."""
    monkeypatch.setattr(parallel, "_pool_context", lambda *_: multiprocessing.get_context())


def _load(reports, **pool):
    folder, roster = reports
    return load_reports([folder], roster=roster, **pool)


def test_the_pool_gives_the_same_report_set_as_one_process(reports, pool_always):
    serial = _load(reports, workers=1)
    parallel = _load(reports, workers=2, pool_min_files=2)
    assert parallel.period == serial.period
    for key in FRAMES:
        pd.testing.assert_frame_equal(parallel.frame(key), serial.frame(key))
    assert parallel.issues == serial.issues
    assert [r.as_dict() for r in parallel.files] == [r.as_dict() for r in serial.files]
    assert parallel.totals() == serial.totals()


def test_rows_of_a_report_set_aside_after_loading_are_not_counted(reports, pool_always):
    parallel = _load(reports, workers=2, pool_min_files=2)
    used = {r.file for r in parallel.files if r.used}
    set_aside = [r for r in parallel.files if r.readable and not r.used]
    assert len(set_aside) == 1 and set_aside[0].rows_accepted == 0
    for key in FRAMES:
        assert set(parallel.frame(key)["file"]) <= used
    assert len(parallel.permohonan) == sum(
        r.sheets["permohonan"].rows_accepted for r in parallel.files if r.used
    )
    unreadable = [r for r in parallel.files if not r.readable]
    assert [r.file for r in unreadable] == [str(reports[0] / "rusak.xlsx")]
