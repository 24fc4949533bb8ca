"""The cache of loaded reports: reused while nothing changed, never a stale result."""

import json
import os
import shutil

import pandas as pd
import pytest
from fixtures.reports.build import request, write

from kip_training.cli import main
from kip_training.reports import load_reports, read
from kip_training.reports.cache import MAX_ENTRIES, ReportCache, default_cache
from kip_training.sample import generate_many

FRAMES = ("identitas", "permohonan", "keberatan", "berkala", "kendala")


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "laporan"
    folder.mkdir()
    files, roster = generate_many(4, folder, seed=5, mean_rows=20)
    return folder, roster, files


@pytest.fixture
def cache(tmp_path):
    return ReportCache(tmp_path / "simpanan")


@pytest.fixture
def reads(monkeypatch):
    """Counts the workbooks actually opened."""
    opened = []
    original = read._spreadsheet_rows

    def counting(path, *args, **kwargs):
        opened.append(path.name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(read, "_spreadsheet_rows", counting)
    return opened


def _same(a, b) -> None:
    for key in FRAMES:
        pd.testing.assert_frame_equal(a.frame(key), b.frame(key))
    assert a.issues == b.issues
    assert a.totals() == b.totals()
    assert a.report_due == b.report_due


def test_a_second_load_of_unchanged_reports_reads_no_workbook(reports, cache, reads):
    folder, roster, files = reports
    first = load_reports([folder], roster=roster, cache=cache, workers=1)
    assert len(reads) == len(files)
    second = load_reports([folder], roster=roster, cache=cache, workers=1)
    assert len(reads) == len(files)  # nothing opened again
    _same(first, second)


def test_a_resaved_report_is_read_again_and_its_change_shows(tmp_path, cache, reads):
    path = write(tmp_path, permohonan=[request()], keberatan=[])
    before = load_reports([path], cache=cache)
    assert before.totals()["rows_rejected"] == 0
    write(tmp_path, permohonan=[request(tanggal_diterima="besok")], keberatan=[])
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    after = load_reports([path], cache=cache)
    assert len(reads) == 2
    assert after.totals()["rows_rejected"] == 1
    assert any("besok" in i.message for i in after.issues)


def test_a_report_added_to_the_folder_is_counted(reports, cache):
    folder, roster, files = reports
    before = load_reports([folder], roster=roster, cache=cache, workers=1)
    shutil.copy(files[0], folder / "OPD-0001_2025-S1_revisi.xlsx")
    after = load_reports([folder], roster=roster, cache=cache, workers=1)
    assert len(after.files) == len(before.files) + 1


def test_another_period_or_roster_is_a_separate_entry(reports, cache):
    folder, roster, _ = reports
    load_reports([folder], roster=roster, cache=cache, workers=1)
    smaller = roster.iloc[:-1]
    fewer = load_reports([folder], roster=smaller, cache=cache, workers=1)
    assert len(fewer.roster) == len(roster) - 1
    assert len(list(cache.directory.glob("*.pickle"))) == 2


def test_a_damaged_entry_is_ignored_and_replaced(reports, cache, reads):
    folder, roster, files = reports
    first = load_reports([folder], roster=roster, cache=cache, workers=1)
    (entry,) = cache.directory.glob("*.pickle")
    entry.write_bytes(b"rusak")
    second = load_reports([folder], roster=roster, cache=cache, workers=1)
    assert len(reads) == 2 * len(files)
    _same(first, second)
    assert entry.stat().st_size > 100


def test_only_the_most_recently_used_entries_are_kept(tmp_path):
    cache = ReportCache(tmp_path)
    for n in range(MAX_ENTRIES + 3):
        cache.put(f"k{n:02d}", {"n": n})
    kept = sorted(p.stem for p in tmp_path.glob("*.pickle"))
    assert not list(tmp_path.glob("*.tmp"))  # written atomically, nothing left behind
    assert len(kept) == MAX_ENTRIES and "k00" not in kept and f"k{MAX_ENTRIES + 2:02d}" in kept


def test_an_unwritable_cache_costs_speed_not_the_result(reports, tmp_path):
    folder, roster, _ = reports
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder")
    loaded = load_reports([folder], roster=roster, cache=ReportCache(blocked / "x"), workers=1)
    assert loaded.totals()["files"] == 4


def test_kip_cache_off_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("KIP_CACHE", "off")
    assert default_cache() is None
    monkeypatch.setenv("KIP_CACHE", str(tmp_path))
    assert default_cache().directory == tmp_path / "laporan"


def test_kip_deck_after_kip_check_uses_what_the_check_read(tmp_path, monkeypatch, reads, capsys):
    path = write(tmp_path, permohonan=[request()], keberatan=[])
    monkeypatch.setenv("KIP_CACHE", str(tmp_path / "simpanan"))
    assert main(["check", str(path)]) == 0
    assert main(["deck", str(path), "-o", str(tmp_path / "paparan.pptx")]) == 0
    assert reads == [path.name]
    capsys.readouterr()
    assert main(["check", str(path), "--tanpa-cache", "--json", "-"]) == 0
    assert reads == [path.name, path.name]
    assert json.loads(capsys.readouterr().out)["totals"]["rows_read"] == 4


def test_an_entry_written_in_the_background_is_there_after_wait(tmp_path):
    cache = ReportCache(tmp_path, background=True)
    cache.put("k", {"rows": list(range(1000))})
    cache.wait()
    assert cache.get("k") == {"rows": list(range(1000))}


def test_with_another_thread_running_the_entry_is_written_at_once(tmp_path):
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        cache = ReportCache(tmp_path, background=True)
        cache.put("k", [1, 2, 3])
        assert cache.get("k") == [1, 2, 3]  # no wait(): nothing was forked
    finally:
        release.set()
        other.join()


def test_a_file_copied_over_with_its_old_size_and_time_changes_the_key(tmp_path):
    from kip_training.calendar import WorkingCalendar
    from kip_training.reports.cache import cache_key

    path = tmp_path / "laporan.xlsx"
    path.write_bytes(b"A" * 100)
    stat = path.stat()
    roster = pd.DataFrame({"kode": ["DINKES"], "nama": ["Dinas Kesehatan"]})
    calendar = WorkingCalendar()
    before = cache_key([path], roster, 10, calendar, None)
    path.write_bytes(b"B" * 100)  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time, as cp -p keeps it
    assert cache_key([path], roster, 10, calendar, None) != before
