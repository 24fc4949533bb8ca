"""Every column derived from the parsed reports, computed once, here.

- Permohonan ``hari_kerja``: working days from receipt to the written notice (day of
  receipt is day 0, KIP.md §3); ``ketepatan``: "tepat_10" (within 10 working days, UU
  KIP Pasal 22 ayat (7)), "tepat_17" (within 17 with an extension, ayat (8)),
  "terlambat", or empty without a notice date (codes: ``schema.KETEPATAN``).
- Keberatan ``hari_kerja_tanggapan``: working days from the objection to the answer.
- Identitas ``status_laporan``: "tepat_waktu" or "terlambat" (report dated after the
  due date); per roster OPD :func:`opd_status` adds "tidak_dapat_dipakai" (a file
  arrived but gave no usable figures) and "tidak_melapor" (no file at all) (codes:
  ``schema.STATUS_LAPORAN``), from which the late, unusable and missing OPDs are read.
  :func:`opd_rows` gives each OPD's share of accepted rows (figures from an OPD with
  rejected rows are incomplete).

:func:`lateness` is the one place that judges the service's deadlines; the validator
reads its result to write the findings ("temuan") about late notices and answers, and
the loader adds its columns to the accepted rows. A date before its start date (a
notice before the request) counts no days: such a row is rejected by the validator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kip_training import law
from kip_training.calendar import WorkingCalendar

NOTICE = law.DEADLINES["pemberitahuan"]
EXTENDED = law.DEADLINES["perpanjangan"]
ANSWER = law.DEADLINES["tanggapan_keberatan"]

#: Derived columns per sheet kind, in the order they follow the schema's columns.
DERIVED_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "identitas": ("status_laporan",),
    "permohonan": ("hari_kerja", "ketepatan"),
    "keberatan": ("hari_kerja_tanggapan",),
}


@dataclass(frozen=True)
class Lateness:
    """The service's deadlines, judged per parsed row.

    ``hari_kerja`` and ``ketepatan`` are per Permohonan row, ``hari_kerja_tanggapan``
    and ``answer_late`` per Keberatan row; ``extended`` marks the requests with an
    extension (their limit is 17 working days).
    """

    hari_kerja: pd.arrays.IntegerArray
    ketepatan: np.ndarray
    extended: np.ndarray
    hari_kerja_tanggapan: pd.arrays.IntegerArray
    answer_late: np.ndarray

    @property
    def notice_late(self) -> np.ndarray:
        return self.ketepatan == "terlambat"

    def columns(self, sheet: str) -> dict[str, object]:
        """The derived columns of a sheet kind (see :data:`DERIVED_COLUMNS`)."""
        if sheet == "permohonan":
            return {"hari_kerja": self.hari_kerja, "ketepatan": self.ketepatan}
        if sheet == "keberatan":
            return {"hari_kerja_tanggapan": self.hari_kerja_tanggapan}
        return {}


def _days(calendar: WorkingCalendar, starts, ends) -> pd.arrays.IntegerArray:
    """Working days from ``starts`` to ``ends``; NA unless both are known, in that order."""
    begin = np.asarray(starts, dtype="datetime64[ns]")
    end = np.asarray(ends, dtype="datetime64[ns]")
    known = ~np.isnat(begin) & ~np.isnat(end)
    known[known] = end[known] >= begin[known]
    counted = np.zeros(len(begin), dtype="int64")
    if known.any():
        counted[known] = calendar.count_working_days(begin[known], end[known])
    return pd.arrays.IntegerArray(counted, ~known)


def lateness(
    permohonan: Mapping[str, object],
    keberatan: Mapping[str, object],
    calendar: WorkingCalendar,
) -> Lateness:
    """Working days to the notice and to the objection's answer, and which are late.

    ``permohonan`` and ``keberatan`` map column keys to the parsed columns of those
    sheets (``tanggal_diterima``, ``tanggal_pemberitahuan``, ``perpanjangan``;
    ``tanggal_keberatan``, ``tanggal_tanggapan``). A notice is on time within
    10 working days, or 17 with an extension; an answer within 30.
    """
    days = _days(calendar, permohonan["tanggal_diterima"], permohonan["tanggal_pemberitahuan"])
    known = ~days.isna()
    counted = days.to_numpy(dtype="int64", na_value=0)
    extended = np.asarray(permohonan["perpanjangan"], dtype=object) == "ya"
    within_10 = known & (counted <= NOTICE.working_days)
    within_17 = known & ~within_10 & extended & (counted <= EXTENDED.working_days)
    ketepatan = np.full(len(counted), None, dtype=object)
    ketepatan[within_10] = "tepat_10"
    ketepatan[within_17] = "tepat_17"
    ketepatan[known & ~within_10 & ~within_17] = "terlambat"

    answer = _days(calendar, keberatan["tanggal_keberatan"], keberatan["tanggal_tanggapan"])
    answer_late = ~answer.isna() & (
        answer.to_numpy(dtype="int64", na_value=0) > ANSWER.working_days
    )
    return Lateness(days, ketepatan, extended, answer, np.asarray(answer_late, dtype=bool))


def report_due(period, calendar: WorkingCalendar, working_days: int) -> dt.date | None:
    """The date by which a period's reports are due (None without a period)."""
    return calendar.add_working_days(period.end, working_days) if period else None


def report_status(identitas: pd.DataFrame, due: dt.date | None) -> np.ndarray:
    """Per report: "terlambat" when dated after ``due``, else "tepat_waktu".

    A report without a date (or a period without a due date) counts as on time.
    """
    if not len(identitas) or due is None:
        return np.full(len(identitas), "tepat_waktu", dtype=object)
    dates = pd.to_datetime(identitas["tanggal_laporan"])
    late = (dates.notna() & (dates > pd.Timestamp(due))).to_numpy()
    return np.where(late, "terlambat", "tepat_waktu").astype(object)


ON_TIME, LATE, UNUSABLE, MISSING = (
    "tepat_waktu",
    "terlambat",
    "tidak_dapat_dipakai",
    "tidak_melapor",
)

#: Per-OPD row counts of :func:`opd_rows` (data sheets of the report in use).
ROW_COLUMNS = ("baris_dibaca", "baris_diterima", "baris_ditolak", "baris_diterima_persen")


def _data_counts(result) -> tuple[int, int, int, int]:
    """(read, accepted) over the data sheets and over Permohonan, of one file."""
    data = [c for key, c in result.sheets.items() if key != "identitas"]
    requests = result.sheets.get("permohonan")
    return (
        sum(c.rows_read for c in data),
        sum(c.rows_accepted for c in data),
        requests.rows_read if requests else 0,
        requests.rows_accepted if requests else 0,
    )


def gives_figures(result) -> bool:
    """Whether a file in use gives figures: it has a Permohonan sheet, and not every data
    row (nor every request) was rejected."""
    requests = result.sheets.get("permohonan")
    if requests is None or requests.missing:
        return False
    read, accepted, requests_read, requests_accepted = _data_counts(result)
    return not ((read and not accepted) or (requests_read and not requests_accepted))


def opd_status(codes: Iterable[str], identitas: pd.DataFrame, files=(), period=None) -> pd.Series:
    """Reporting status of every roster OPD, in roster order, indexed by code: the one
    place where it is decided.

    - the ``status_laporan`` of its report in use ("tepat_waktu"/"terlambat"; the last
      one when there are several) when that report gives figures;
    - "tidak_dapat_dipakai" when a file of the period arrived for it (by any clue: code,
      name or file name, see ``FileResult.named_opd``) but could not be used: unreadable,
      identity rejected, or every data row (or every request) rejected;
    - "tidak_melapor" otherwise. ``files`` are the loaded ``FileResult`` objects; files
      of another period than ``period`` do not count.
    """
    index = pd.Index(list(codes), name="kode")
    status = pd.Series(MISSING, index=index, dtype=object)
    if len(identitas):
        reports = identitas.drop_duplicates("kode_opd", keep="last").set_index("kode_opd")
        given = (
            reports["status_laporan"].astype(object)
            if "status_laporan" in reports
            else pd.Series(ON_TIME, index=reports.index, dtype=object)
        ).reindex(index)
        status = given.fillna(MISSING).astype(object)
    arrived: set[str] = set()
    for result in files:
        if period is not None and result.period is not None and result.period != period:
            continue
        named = result.named_opd or ((result.kode_opd,) if result.kode_opd else ())
        if result.used and not gives_figures(result):
            status[status.index.isin(named)] = UNUSABLE
        elif not result.used:
            arrived.update(named)
    sent = status.index.isin(list(arrived)) & (status.to_numpy() == MISSING)
    status[sent] = UNUSABLE
    return status


def opd_rows(codes: Iterable[str], files=()) -> pd.DataFrame:
    """Per roster OPD, rows of the data sheets of its report in use: read, accepted,
    rejected and the accepted share in percent (NaN without a report or rows)."""
    index = pd.Index(list(codes), name="kode")
    counts = {}
    for result in files:
        if result.used and result.kode_opd is not None:
            read, accepted, _, _ = _data_counts(result)
            counts[result.kode_opd] = (read, accepted, read - accepted)
    table = pd.DataFrame.from_dict(
        counts, orient="index", columns=list(ROW_COLUMNS[:3]), dtype="int64"
    ).reindex(index, fill_value=0)
    table = table.astype("int64")
    read = table["baris_dibaca"].replace(0, np.nan)
    table["baris_diterima_persen"] = (100 * table["baris_diterima"] / read).round(1)
    return table


def incomplete(status: pd.Series, rows: pd.DataFrame) -> pd.Series:
    """OPDs whose figures are incomplete: a report in use with some rows rejected."""
    usable = status.isin([ON_TIME, LATE])
    return usable & (rows["baris_ditolak"].reindex(status.index, fill_value=0) > 0)


def missing_opd(codes: Iterable[str], identitas: pd.DataFrame, files=(), period=None) -> list[str]:
    """Roster codes with no file at all for the period, in roster order."""
    status = opd_status(codes, identitas, files, period)
    return list(status.index[status.to_numpy() == MISSING])


def unusable_opd(codes: Iterable[str], identitas: pd.DataFrame, files=(), period=None) -> list[str]:
    """Roster codes whose file arrived but could not be used, in roster order."""
    status = opd_status(codes, identitas, files, period)
    return list(status.index[status.to_numpy() == UNUSABLE])


def late_opd(codes: Iterable[str], identitas: pd.DataFrame, files=(), period=None) -> list[str]:
    """Roster codes whose usable report came after the due date, in roster order."""
    status = opd_status(codes, identitas, files, period)
    return list(status.index[status.to_numpy() == LATE])


def _no_days() -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(np.zeros(0, dtype="int64"), np.ones(0, dtype=bool))


#: The derived columns of sheets without rows (their types, for empty frames).
NO_ROWS = Lateness(
    _no_days(), np.empty(0, dtype=object), np.zeros(0, dtype=bool), _no_days(), np.zeros(0, bool)
)
