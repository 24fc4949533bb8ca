"""Checks on the content of one report that catch real mistakes, on whole columns.

Severity: "galat" rejects the row (it cannot be counted as it stands); "peringatan"
keeps the row but asks for a fix; "temuan" is a finding about the service itself
(a late notice), the row is accepted and counted as such.

The checks run on numpy arrays taken once from each sheet's frame (one comparison per
column, no Python code per row); only flagged rows are visited, to write their issue.

Derived columns added here (used by :mod:`kip_training.metrics`):

- Permohonan ``hari_kerja``: working days from receipt to the written notice (day of
  receipt is day 0, KIP.md §3), ``ketepatan``: "tepat_10" (within 10 working days,
  UU KIP Pasal 22 ayat (7)), "tepat_17" (within 17 with an extension, ayat (8)),
  "terlambat", or empty when there is no notice date yet.
- Keberatan ``hari_kerja_tanggapan``: working days from the objection to the answer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kip_training import law
from kip_training.reports import schema
from kip_training.reports.issues import IssueSink
from kip_training.reports.model import GALAT, PERINGATAN, TEMUAN, Period
from kip_training.textfmt import format_date

NOTICE = law.DEADLINES["pemberitahuan"]
EXTENDED = law.DEADLINES["perpanjangan"]
ANSWER = law.DEADLINES["tanggapan_keberatan"]


def _fmt(value) -> str:
    if value is None or pd.isna(value):
        return "-"
    return format_date(pd.Timestamp(value).date(), weekday=False)


def _dates(columns: dict, column: str) -> np.ndarray:
    return np.asarray(columns[column], dtype="datetime64[ns]")


def _objects(columns: dict, column: str) -> np.ndarray:
    return np.asarray(columns[column], dtype=object)


def _dates_at(dates: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Dates as objects (Timestamps) where ``mask`` is set, for the issues of those rows only.

    Converting a whole column to Timestamps for a few flagged rows costs more than the
    check itself.
    """
    cells = np.full(len(dates), None, dtype=object)
    flagged = np.flatnonzero(mask)
    if len(flagged):
        cells[flagged] = list(pd.DatetimeIndex(dates[flagged]))
    return cells


def _count_days(calendar, starts, ends) -> tuple[np.ndarray, np.ndarray]:
    """Working days from ``starts`` to ``ends`` (0 where unknown) and where both are known."""
    begin = np.asarray(starts, dtype="datetime64[ns]")
    end = np.asarray(ends, dtype="datetime64[ns]")
    both = ~np.isnat(begin) & ~np.isnat(end)
    counted = np.zeros(len(begin), dtype="int64")
    if both.any():
        if calendar is None:
            from kip_training.calendar import default_calendar

            calendar = default_calendar()
        counted[both] = calendar.count_working_days(begin[both], end[both])
    return counted, both


def working_days(calendar, starts, ends) -> pd.Series:
    """Working days from ``starts`` to ``ends`` where both are known (Int64, NA otherwise)."""
    index = starts.index if isinstance(starts, pd.Series) else None
    counted, both = _count_days(calendar, starts, ends)
    return pd.Series(pd.arrays.IntegerArray(counted, ~both), index=index)


def _duplicates(
    numbers: np.ndarray, rows: np.ndarray, title: str, sheet: str, sink: IssueSink, what: str
) -> np.ndarray:
    """Rows whose number (any case) appeared on an earlier row."""
    codes, uniques = pd.factorize(numbers, use_na_sentinel=True)
    if not len(uniques):
        return np.zeros(len(numbers), dtype=bool)
    upper, _ = pd.factorize(np.array([str(u).strip().upper() for u in uniques], dtype=object))
    key = np.where(codes >= 0, upper[np.maximum(codes, 0)], -1)
    _, first = np.unique(key, return_index=True)
    dup = key >= 0
    dup[first] = False
    if dup.any():
        first_row = dict(zip(key[first].tolist(), rows[first].tolist(), strict=True))
        sink.per_row(
            dup,
            rows,
            GALAT,
            sheet,
            title,
            numbers,
            lambda v, i: (
                f"Nomor {what} '{v}' sudah dipakai di baris {first_row[int(key[i])]}. "
                "Setiap nomor harus unik: perbaiki nomornya, atau hapus baris ganda."
            ),
        )
    return dup


def _outside(
    dates: np.ndarray, rows: np.ndarray, title: str, period: Period | None, sheet: str, sink
) -> np.ndarray:
    if period is None:
        return np.zeros(len(dates), dtype=bool)
    start = np.datetime64(period.start, "ns")
    end = np.datetime64(period.end, "ns")
    outside = ~np.isnat(dates) & ((dates < start) | (dates > end))
    sink.per_row(
        outside,
        rows,
        GALAT,
        sheet,
        title,
        _dates_at(dates, outside),
        lambda v, _i: (
            f"Tanggal {_fmt(v)} di luar {period.title} ({_fmt(period.start)} – "
            f"{_fmt(period.end)}). Perbaiki tanggalnya, atau laporkan baris ini pada laporan "
            "semester yang benar."
        ),
    )
    return outside


def _no_days(n: int = 0) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))


def check_permohonan(data, period: Period | None, calendar, sink: IssueSink) -> None:
    frame, sheet = data.columns, data.title
    col = schema.PERMOHONAN.column
    rows = frame["baris"]
    received = _dates(frame, "tanggal_diterima")
    notice = _dates(frame, "tanggal_pemberitahuan")
    decision = _objects(frame, "keputusan")
    letter = _objects(frame, "pasal_17")
    bad = np.asarray(data.rejected, dtype=bool).copy()
    if not len(rows):
        frame["hari_kerja"] = _no_days()
        frame["ketepatan"] = np.empty(0, dtype=object)
        return

    numbers = _objects(frame, "no_registrasi")
    bad |= _duplicates(numbers, rows, col("no_registrasi").title, sheet, sink, "registrasi")
    bad |= _outside(received, rows, col("tanggal_diterima").title, period, sheet, sink)

    before = ~np.isnat(received) & ~np.isnat(notice) & (notice < received)
    sink.per_row(
        before,
        rows,
        GALAT,
        sheet,
        col("tanggal_pemberitahuan").title,
        _dates_at(notice, before),
        lambda v, i: (
            f"Tanggal pemberitahuan {_fmt(v)} lebih awal dari tanggal diterima "
            f"{_fmt(received[i])}. Periksa kedua tanggal (mungkin tertukar)."
        ),
    )
    bad |= before

    refused = decision == "ditolak"
    has_letter = ~pd.isna(letter)
    no_letter = refused & ~has_letter
    sink.per_row(
        no_letter,
        rows,
        GALAT,
        sheet,
        col("pasal_17").title,
        None,
        "Permohonan ditolak tanpa huruf Pasal 17 UU KIP. Penolakan hanya sah berdasarkan "
        "pengecualian Pasal 17 (huruf a–j) dan uji konsekuensi: isi hurufnya.",
    )
    bad |= no_letter
    stray = has_letter & ~refused & (decision != "dipenuhi_sebagian")
    sink.per_row(
        stray & ~bad,
        rows,
        PERINGATAN,
        sheet,
        col("pasal_17").title,
        letter,
        "Huruf Pasal 17 diisi padahal permohonan tidak ditolak. Periksa keputusan atau "
        "kosongkan huruf Pasal 17.",
    )

    d, known = _count_days(calendar, received, np.where(before, np.datetime64("NaT"), notice))
    frame["hari_kerja"] = pd.arrays.IntegerArray(d, ~known)
    extended = _objects(frame, "perpanjangan") == "ya"
    within_10 = known & (d <= NOTICE.working_days)
    within_17 = known & ~within_10 & extended & (d <= EXTENDED.working_days)
    late = known & ~within_10 & ~within_17
    ketepatan = np.full(len(rows), None, dtype=object)
    ketepatan[within_10] = "tepat_10"
    ketepatan[within_17] = "tepat_17"
    ketepatan[late] = "terlambat"
    frame["ketepatan"] = ketepatan
    sink.per_row(
        late & ~bad,
        rows,
        TEMUAN,
        sheet,
        col("tanggal_pemberitahuan").title,
        _dates_at(notice, late & ~bad),
        lambda v, i: (
            f"Pemberitahuan tertulis {int(d[i])} hari kerja setelah permohonan diterima: "
            + (
                f"melewati batas {EXTENDED.working_days} hari kerja dengan perpanjangan "
                f"({EXTENDED.basis})."
                if extended[i]
                else f"melewati batas {NOTICE.working_days} hari kerja ({NOTICE.basis}) tanpa "
                "perpanjangan tertulis."
            )
            + " Dicatat sebagai terlambat."
        ),
    )
    no_notice = np.isin(decision, schema.KEPUTUSAN_FINAL) & np.isnat(notice) & ~bad
    sink.grouped(
        no_notice,
        rows,
        sheet,
        col("tanggal_pemberitahuan").title,
        _dates_at(notice, no_notice),
        "Keputusan sudah ada tetapi tanggal pemberitahuan tertulis kosong, sehingga waktu "
        "layanan tidak dapat dihitung. Isi tanggalnya",
    )
    data.rejected = bad


def _request_lookup(numbers: np.ndarray):
    """``known(number)``: is a request number on the Permohonan sheet (any case, spaces)?

    An exact match is checked first (a C-level set lookup); the set of normalised
    numbers is only built when some number does not match exactly.
    """
    exact = {n for n in pd.unique(numbers) if isinstance(n, str)}
    normalised: set[str] | None = None

    def known(number) -> bool:
        nonlocal normalised
        if number in exact:
            return True
        if normalised is None:
            normalised = {str(n).strip().upper() for n in pd.unique(numbers) if not pd.isna(n)}
        return str(number).strip().upper() in normalised

    return known


def check_keberatan(data, requests, period, calendar, sink: IssueSink) -> None:
    """Checks of the Keberatan sheet; ``requests(number)`` tells a known request number."""
    frame, sheet = data.columns, data.title
    col = schema.KEBERATAN.column
    rows = frame["baris"]
    if not len(rows):
        frame["hari_kerja_tanggapan"] = _no_days()
        return
    bad = np.asarray(data.rejected, dtype=bool).copy()
    numbers = _objects(frame, "no_keberatan")
    bad |= _duplicates(numbers, rows, col("no_keberatan").title, sheet, sink, "keberatan")
    filed = _dates(frame, "tanggal_keberatan")
    answered = _dates(frame, "tanggal_tanggapan")
    bad |= _outside(filed, rows, col("tanggal_keberatan").title, period, sheet, sink)

    request = _objects(frame, "no_registrasi")
    known_request = np.array([r is None or requests(r) for r in request], dtype=bool)
    unknown = ~pd.isna(request) & ~known_request
    sink.per_row(
        unknown,
        rows,
        GALAT,
        sheet,
        col("no_registrasi").title,
        request,
        lambda v, _i: (
            f"Nomor registrasi permohonan '{v}' tidak ada di lembar Permohonan. Tulis nomor "
            "registrasi permohonan yang menjadi pokok keberatan persis seperti di lembar "
            "Permohonan."
        ),
    )
    bad |= unknown

    before = ~np.isnat(filed) & ~np.isnat(answered) & (answered < filed)
    sink.per_row(
        before,
        rows,
        GALAT,
        sheet,
        col("tanggal_tanggapan").title,
        _dates_at(answered, before),
        lambda v, i: (
            f"Tanggal tanggapan {_fmt(v)} lebih awal dari tanggal keberatan diterima "
            f"{_fmt(filed[i])}. Periksa kedua tanggal."
        ),
    )
    bad |= before
    d, known = _count_days(calendar, filed, np.where(before, np.datetime64("NaT"), answered))
    frame["hari_kerja_tanggapan"] = pd.arrays.IntegerArray(d, ~known)
    slow = known & (d > ANSWER.working_days) & ~bad
    sink.per_row(
        slow,
        rows,
        TEMUAN,
        sheet,
        col("tanggal_tanggapan").title,
        _dates_at(answered, slow),
        lambda v, i: (
            f"Tanggapan Atasan PPID {int(d[i])} hari kerja setelah keberatan diterima: "
            f"melewati batas {ANSWER.working_days} hari kerja ({ANSWER.basis})."
        ),
    )
    to_ki = _objects(frame, "ke_komisi") == "ya"
    dispute_date = _dates(frame, "tanggal_sengketa")
    outcome = _objects(frame, "hasil_sengketa")
    sink.per_row(
        to_ki & np.isnat(dispute_date) & ~bad,
        rows,
        PERINGATAN,
        sheet,
        col("tanggal_sengketa").title,
        None,
        "Keberatan diajukan ke Komisi Informasi tetapi tanggal registrasi sengketa kosong. "
        "Isi tanggalnya.",
    )
    sink.per_row(
        ~to_ki & (~pd.isna(outcome) | ~np.isnat(dispute_date)) & ~bad,
        rows,
        PERINGATAN,
        sheet,
        col("ke_komisi").title,
        _objects(frame, "ke_komisi"),
        "Ada data sengketa tetapi 'Diajukan ke Komisi Informasi' bukan 'Ya'. Periksa kolom ini.",
    )
    data.rejected = bad


def check_file(data: dict, period: Period | None, calendar, sink: IssueSink) -> None:
    """Run every content check of one report; updates each sheet's rejected mask.

    ``data`` maps sheet keys to :class:`~kip_training.reports.load.SheetData` (column
    arrays); derived columns are added to their ``columns``.
    """
    requests = _request_lookup(_objects(data["permohonan"].columns, "no_registrasi"))
    check_permohonan(data["permohonan"], period, calendar, sink)
    check_keberatan(data["keberatan"], requests, period, calendar, sink)
