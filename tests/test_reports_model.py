import datetime as dt

import pytest

from kip_training.reports import Period


def test_period_parses_the_usual_spellings():
    assert Period.parse("2025-S2") == Period(2025, 2)
    assert Period.parse("2025-2") == Period(2025, 2)
    assert Period.parse("2025 II") == Period(2025, 2)
    assert Period.parse("2025s1") == Period(2025, 1)


def test_period_rejects_nonsense_in_indonesian():
    with pytest.raises(ValueError, match="bukan periode"):
        Period.parse("2025-S3")


def test_period_bounds_labels_and_previous():
    p = Period(2025, 1)
    assert (p.start, p.end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert p.label == "2025-S1"
    assert p.title == "Semester I 2025"
    assert p.previous() == Period(2024, 2)
    assert Period(2025, 2).previous() == p


def test_an_issue_survives_pickling_with_every_field():
    import pickle

    from kip_training.reports.model import Issue
    from kip_training.reports.schema import Severity

    issue = Issue(Severity("galat"), "a.xlsx", "Permohonan", 7, "Tanggal", "31/02", "pesan", "DKI")
    assert pickle.loads(pickle.dumps(issue)) == issue
