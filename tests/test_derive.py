"""Derived columns: working days, timeliness, report status, late and missing OPDs."""

import datetime as dt

import numpy as np
import pandas as pd

from kip_training.calendar import WorkingCalendar
from kip_training.reports import derive
from kip_training.reports.model import Period

CALENDAR = WorkingCalendar()
MONDAY = "2025-02-03"  # no holiday in February 2025: day 10 is 17 Feb, day 17 is 26 Feb


def dates(*values):
    return np.array([np.datetime64(v) if v else np.datetime64("NaT") for v in values], "M8[ns]")


def requests(notices, extended):
    return {
        "tanggal_diterima": dates(*[MONDAY] * len(notices)),
        "tanggal_pemberitahuan": dates(*notices),
        "perpanjangan": np.array(extended, dtype=object),
    }


def objections(answers):
    return {
        "tanggal_keberatan": dates(*[MONDAY] * len(answers)),
        "tanggal_tanggapan": dates(*answers),
    }


def test_notice_within_10_or_17_working_days_with_extension_is_on_time():
    result = derive.lateness(
        requests(
            ["2025-02-17", "2025-02-18", "2025-02-26", "2025-02-27", None, "2025-01-31"],
            ["tidak", "tidak", "ya", "ya", "tidak", "tidak"],
        ),
        objections([]),
        CALENDAR,
    )
    assert list(result.ketepatan) == ["tepat_10", "terlambat", "tepat_17", "terlambat", None, None]
    # a notice before the request counts no days (the validator rejects that row)
    assert list(result.hari_kerja.astype(object)) == [10, 11, 17, 18, pd.NA, pd.NA]
    assert list(result.notice_late) == [False, True, False, True, False, False]


def test_objection_answered_after_30_working_days_is_late():
    result = derive.lateness(
        requests([], []), objections(["2025-03-17", "2025-03-18", None]), CALENDAR
    )
    assert list(result.hari_kerja_tanggapan.astype(object)) == [30, 31, pd.NA]
    assert list(result.answer_late) == [False, True, False]


def test_lateness_counts_with_the_calendar_it_is_given():
    off = WorkingCalendar({dt.date(2025, 2, 10): "libur daerah"})
    result = derive.lateness(requests(["2025-02-18"], ["tidak"]), objections([]), off)
    assert list(result.ketepatan) == ["tepat_10"]


def test_report_after_the_due_date_is_late_and_an_undated_one_on_time():
    identitas = pd.DataFrame(
        {
            "kode_opd": ["A", "B", "C"],
            "tanggal_laporan": pd.to_datetime(["2026-01-21", "2026-01-22", None]),
        }
    )
    assert derive.report_due(Period(2025, 1), CALENDAR, 5) == dt.date(2025, 7, 7)
    assert derive.report_due(None, CALENDAR, 5) is None
    status = derive.report_status(identitas, dt.date(2026, 1, 21))
    assert list(status) == ["tepat_waktu", "terlambat", "tepat_waktu"]
    assert list(derive.report_status(identitas, None)) == ["tepat_waktu"] * 3


def test_missing_and_late_opds_in_roster_order():
    identitas = pd.DataFrame(
        {"kode_opd": ["C", "A"], "status_laporan": ["terlambat", "tepat_waktu"]}
    )
    codes = ["A", "B", "C", "D"]
    assert list(derive.opd_status(codes, identitas)) == [
        "tepat_waktu",
        "tidak_melapor",
        "terlambat",
        "tidak_melapor",
    ]
    assert derive.missing_opd(codes, identitas) == ["B", "D"]
    assert derive.late_opd(codes, identitas) == ["C"]
    assert derive.missing_opd(codes, identitas.iloc[:0]) == codes


S1 = Period(2025, 1)


def _file(kode, used=True, read=10, accepted=10, named=None, period=S1):
    from kip_training.reports.model import FileResult, SheetCount

    result = FileResult(f"{kode}.xlsx", kode_opd=kode, period=period, used=used)
    result.named_opd = named if named is not None else ((kode,) if kode else ())
    result.sheets = {"permohonan": SheetCount("Permohonan", read, accepted, read - accepted)}
    return result


def test_an_opd_whose_file_arrived_unusable_is_not_an_opd_that_sent_nothing():
    identitas = pd.DataFrame({"kode_opd": ["A", "B"], "status_laporan": ["tepat_waktu"] * 2})
    files = [
        _file("A"),
        _file("B", accepted=0),  # every request rejected
        _file(None, used=False, read=0, accepted=0, named=("C",)),  # unreadable, named C
        _file("E", used=False, period=Period(2024, 2)),  # another period: not this one's
    ]
    status = derive.opd_status(["A", "B", "C", "D", "E"], identitas, files, Period(2025, 1))
    assert status.to_dict() == {
        "A": "tepat_waktu",
        "B": "tidak_dapat_dipakai",
        "C": "tidak_dapat_dipakai",
        "D": "tidak_melapor",
        "E": "tidak_melapor",
    }


def test_an_opd_with_some_rows_rejected_is_incomplete_with_its_accepted_share():
    identitas = pd.DataFrame({"kode_opd": ["A", "B"], "status_laporan": ["tepat_waktu"] * 2})
    files = [_file("A", read=8, accepted=6), _file("B")]
    rows = derive.opd_rows(["A", "B", "C"], files)
    assert rows.loc["A", "baris_diterima_persen"] == 75.0
    assert rows.loc["B", "baris_diterima_persen"] == 100.0
    assert np.isnan(rows.loc["C", "baris_diterima_persen"])
    status = derive.opd_status(["A", "B", "C"], identitas, files)
    assert derive.incomplete(status, rows).to_dict() == {"A": True, "B": False, "C": False}
