"""The cache of loaded reports: reused while nothing changed, never a stale result."""

import json
import os
import shutil
from pathlib import Path

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
    assert len(list(cache.directory.glob("*.zip"))) == 2


def test_a_damaged_entry_is_ignored_and_replaced(reports, cache, reads):
    folder, roster, files = reports
    first = load_reports([folder], roster=roster, cache=cache, workers=1)
    (entry,) = cache.directory.glob("*.zip")
    entry.write_bytes(b"rusak")
    second = load_reports([folder], roster=roster, cache=cache, workers=1)
    assert len(reads) == 2 * len(files)
    _same(first, second)
    assert entry.stat().st_size > 100


def test_only_the_most_recently_used_entries_are_kept(tmp_path, report_set):
    cache = ReportCache(tmp_path)
    keys = [f"{n:032x}" for n in range(MAX_ENTRIES + 3)]
    for key in keys:
        cache.put(key, report_set)
    kept = sorted(p.stem for p in tmp_path.glob("*.zip"))
    assert not list(tmp_path.glob("*.tmp"))  # written atomically, nothing left behind
    assert kept == keys[3:]


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


def test_other_read_limits_change_the_key(tmp_path):
    from kip_training.calendar import WorkingCalendar
    from kip_training.reports.cache import cache_key
    from kip_training.reports.limits import Limits

    path = tmp_path / "laporan.xlsx"
    path.write_bytes(b"A" * 100)
    roster = pd.DataFrame({"kode": ["DINKES"], "nama": ["Dinas Kesehatan"]})
    calendar = WorkingCalendar()
    default = cache_key([path], roster, 10, calendar, None, Limits())
    assert cache_key([path], roster, 10, calendar, None, Limits()) == default
    assert cache_key([path], roster, 10, calendar, None, Limits(rows=10)) != default


@pytest.fixture
def report_set(reports):
    folder, roster, _ = reports
    return load_reports([folder], roster=roster, workers=1)


def test_an_entry_is_data_a_zip_of_json_and_arrow_tables_never_a_pickle(
    reports, cache, report_set, monkeypatch
):
    import pickle
    import zipfile

    cache.put("0" * 32, report_set)
    (entry,) = cache.directory.iterdir()
    with zipfile.ZipFile(entry) as archive:
        names = archive.namelist()
    assert names[0] == "data.json" and all(n.endswith(".arrow") for n in names[1:])

    def refuse(*_args, **_kwargs):
        raise AssertionError("pickle used")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    _same(cache.get("0" * 32), report_set)


def test_an_entry_naming_another_type_is_refused_and_read_again(cache, report_set):
    import zipfile

    cache.put("0" * 32, report_set)
    (entry,) = cache.directory.iterdir()
    with zipfile.ZipFile(entry) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["data.json"] = b'{"format": 1, "value": {"$Popen": {"args": "ls"}}}'
    with zipfile.ZipFile(entry, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert cache.get("0" * 32) is None
    assert not entry.exists()


def test_the_cache_folders_are_created_private(monkeypatch, tmp_path):
    monkeypatch.setenv("KIP_CACHE", str(tmp_path / "simpanan"))
    folder = default_cache().directory
    assert folder == tmp_path / "simpanan" / "laporan"
    assert stat_mode(folder) == stat_mode(folder.parent) == 0o700


def stat_mode(path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.parametrize("unsafe", ["link", "group_writable", "world_writable"])
def test_an_unsafe_cache_folder_is_not_used_and_the_user_is_warned_once(
    unsafe, monkeypatch, tmp_path, capsys
):
    from kip_training import cachedir

    monkeypatch.setattr(cachedir, "_warned", set())
    home = tmp_path / "simpanan"
    if unsafe == "link":
        (tmp_path / "tempat_lain").mkdir()
        home.symlink_to(tmp_path / "tempat_lain")
    else:
        home.mkdir()
        home.chmod(0o770 if unsafe == "group_writable" else 0o707)
    monkeypatch.setenv("KIP_CACHE", str(home))
    assert default_cache() is None
    assert default_cache() is None
    warning = capsys.readouterr().err
    assert warning.count("Peringatan: folder simpanan") == 1
    assert "tidak dipakai" in warning
    assert not (tmp_path / "tempat_lain" / "laporan").exists()


def test_a_cache_folder_of_another_user_is_not_used(monkeypatch, tmp_path, capsys):
    from kip_training import cachedir

    monkeypatch.setattr(cachedir, "_warned", set())
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 1)
    monkeypatch.setenv("KIP_CACHE", str(tmp_path / "simpanan"))
    assert default_cache() is None
    assert "dimiliki pengguna lain" in capsys.readouterr().err


def test_the_days_off_table_is_json_in_the_private_folder(monkeypatch, tmp_path):
    from kip_training.calendar import national_days_off

    monkeypatch.setenv("KIP_CACHE", str(tmp_path / "simpanan"))
    national_days_off.cache_clear()
    days = national_days_off(2025, 2025)
    (stored,) = (tmp_path / "simpanan" / "kalender").iterdir()
    assert stat_mode(stored.parent) == 0o700
    assert json.loads(stored.read_text()) == {
        category: {d.isoformat(): name for d, name in table.items()}
        for category, table in days.items()
    }


def test_pruning_removes_only_its_own_entries_and_follows_no_link(tmp_path, report_set):
    cache = ReportCache(tmp_path / "simpanan")
    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    precious = elsewhere / f"{'f' * 32}.zip"
    precious.write_text("bukan milik simpanan")
    cache.directory.mkdir()
    (cache.directory / f"{'e' * 32}.zip").symlink_to(precious)
    (cache.directory / "catatan.zip").write_text("berkas lain")
    for n in range(MAX_ENTRIES + 2):
        cache.put(f"{n:032x}", report_set)
    names = {p.name for p in cache.directory.iterdir()}
    assert {f"{'e' * 32}.zip", "catatan.zip"} <= names
    assert precious.read_text() == "bukan milik simpanan"
    assert len([n for n in names if n.startswith("0000")]) == MAX_ENTRIES


def test_changing_the_source_of_textfmt_changes_the_key(monkeypatch, tmp_path):
    from kip_training import textfmt
    from kip_training.calendar import WorkingCalendar
    from kip_training.reports import cache as report_cache

    report = tmp_path / "laporan.xlsx"
    report.write_bytes(b"A")
    roster = pd.DataFrame({"kode": ["DINKES"], "nama": ["Dinas Kesehatan"]})

    def key() -> str:
        return report_cache.cache_key([report], roster, 10, WorkingCalendar(), None)

    original = report_cache.source_files()
    assert Path(textfmt.__file__) in original
    before = key()
    copy = tmp_path / "textfmt.py"
    copy.write_bytes(Path(textfmt.__file__).read_bytes() + b"\n# diubah\n")
    swapped = [copy if p == Path(textfmt.__file__) else p for p in original]
    monkeypatch.setattr(report_cache, "source_files", lambda: swapped)
    assert key() != before
