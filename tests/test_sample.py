import json

import pytest

from kip_training import sample
from kip_training.cli import main
from kip_training.reports import load_reports
from kip_training.reports.read import read_raw

COMMITTED = sample.default_sample_dir()


@pytest.mark.parametrize("period", sample.PERIODS, ids=lambda p: p.label)
def test_committed_sample_matches_the_generator(period, tmp_path):
    fresh = sorted(sample.generate(period, tmp_path))
    committed = sorted((COMMITTED / period.label).glob("*.xlsx"))
    assert [p.name for p in fresh] == [p.name for p in committed], (
        "jalankan: python -m kip_training.sample"
    )
    for new, old in zip(fresh, committed, strict=True):
        a, b = read_raw(new), read_raw(old)
        assert list(a) == list(b), new.name
        for name in a:
            assert a[name].equals(b[name]), f"{new.name}: {name}"


@pytest.fixture(scope="module")
def s1():
    return load_reports([COMMITTED / "2025-S1"])


def test_check_names_the_missing_opd(capsys):
    code = main(["check", str(COMMITTED / "2025-S1"), "--json", "-"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1  # the sample carries deliberate errors
    assert [m["kode"] for m in data["totals"]["missing_opd"]] == [sample.MISSING["2025-S1"]]
    assert [m["kode"] for m in data["totals"]["late_opd"]] == [sample.LATE["2025-S1"]]


def test_sizes_are_realistic(s1):
    sizes = s1.permohonan.groupby("kode_opd").size()
    big = set(sizes[sizes > 100].index)
    assert big == set(sample.BIG_OPD)
    assert (sizes.drop(list(big)) <= 40).all()


def test_every_planted_mistake_is_caught(s1):
    by_opd = {}
    for issue in s1.issues:
        by_opd.setdefault(issue.kode_opd, []).append(issue.message)
    m = sample.MISTAKES
    expect = {
        "notice_before_receipt": "lebih awal dari tanggal diterima",
        "refusal_without_letter": "tanpa huruf Pasal 17",
        "date_outside_semester": "di luar Semester I 2025",
        "duplicate_registration": "sudah dipakai",
        "unknown_request_objection": "tidak ada di lembar Permohonan",
        "duplicate_file": "lebih dari satu laporan",
        "requester_name_column": "data pribadi",
        "messy_file": "nama bulan",
    }
    for kind, text in expect.items():
        assert any(text in msg for msg in by_opd.get(m[kind], [])), kind
    assert any(i.severity == "temuan" for i in s1.issues)  # late notices
    assert "Nama Pemohon" not in s1.permohonan.columns


def test_generate_many_writes_skewed_reports_for_benchmarks(tmp_path):
    files, roster = sample.generate_many(4, tmp_path, seed=1, mean_rows=15)
    assert len(files) == 4 and list(roster["kode"]) == [
        "OPD-0001",
        "OPD-0002",
        "OPD-0003",
        "OPD-0004",
    ]
    reports = load_reports([tmp_path], roster=roster)
    assert reports.missing_opd() == []
    assert len(reports.permohonan) > 0
    again, _ = sample.generate_many(4, tmp_path / "lagi", seed=1, mean_rows=15)
    assert read_raw(again[0])["Permohonan"].equals(read_raw(files[0])["Permohonan"])
