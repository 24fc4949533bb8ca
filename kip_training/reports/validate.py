"""Checks on the content of reports that catch real mistakes, on whole columns.

The checks run on a :class:`~kip_training.reports.stacked.StackedSheet`: the rows of
one sheet kind of many reports at once, each row knowing its file. What is per report
(the semester, the uniqueness of numbers, the requests an objection may refer to) is
keyed by the row's file.

Severity: "galat" rejects the row (it cannot be counted as it stands); "peringatan"
keeps the row but asks for a fix; "temuan" is a finding about the service itself
(a late notice), the row is accepted and counted as such.

The checks run on numpy arrays taken once from each sheet's frame (one comparison per
column, no Python code per row); only flagged rows are visited, to write their issue.

The checks only read their input: they return, per sheet, the mask of rejected rows,
and write issues to the sink. Working days and timeliness come from
:func:`kip_training.reports.derive.lateness`; the findings about late notices and
answers are written here from its result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kip_training import law
from kip_training.reports import schema
from kip_training.reports.derive import ANSWER, EXTENDED, NOTICE, Lateness
from kip_training.reports.issues import ChunkSink
from kip_training.reports.model import GALAT, PERINGATAN, TEMUAN, Period
from kip_training.textfmt import format_date


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


def _normalised_codes(values: np.ndarray) -> np.ndarray:
    """Per cell, a code of the value written in capitals without surrounding spaces (-1: empty)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if not len(uniques):
        return codes
    upper, _ = pd.factorize(np.array([str(u).strip().upper() for u in uniques], dtype=object))
    return np.where(codes >= 0, upper[np.maximum(codes, 0)], -1)


def _duplicates(
    numbers: np.ndarray,
    files: np.ndarray,
    rows: np.ndarray,
    title: str,
    sheet: str,
    sinks: ChunkSink,
    what: str,
) -> np.ndarray:
    """Rows whose number (any case) appeared on an earlier row of the same report."""
    number = _normalised_codes(numbers)
    if not len(number) or number.max(initial=-1) < 0:
        return np.zeros(len(numbers), dtype=bool)
    key = np.where(number >= 0, files * (int(number.max()) + 1) + number, -1)
    _, first = np.unique(key, return_index=True)
    dup = key >= 0
    dup[first] = False
    if dup.any():
        first_row = dict(zip(key[first].tolist(), rows[first].tolist(), strict=True))
        sinks.per_row(
            dup,
            files,
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
    dates: np.ndarray,
    files: np.ndarray,
    rows: np.ndarray,
    title: str,
    periods: list[Period | None],
    sheet: str,
    sinks: ChunkSink,
) -> np.ndarray:
    """Rows dated outside the semester of their report (no check when it is unknown)."""
    nat = np.datetime64("NaT", "ns")
    starts = np.array([np.datetime64(p.start, "ns") if p else nat for p in periods])
    ends = np.array([np.datetime64(p.end, "ns") if p else nat for p in periods])
    start, end = starts[files], ends[files]
    outside = ~np.isnat(dates) & ~np.isnat(start) & ((dates < start) | (dates > end))
    sinks.per_row(
        outside,
        files,
        rows,
        GALAT,
        sheet,
        title,
        _dates_at(dates, outside),
        lambda v, i: (
            f"Tanggal {_fmt(v)} di luar {periods[files[i]].title} "
            f"({_fmt(periods[files[i]].start)} – {_fmt(periods[files[i]].end)}). "
            + _swap_hint(v, periods[files[i]])
            + "Perbaiki tanggalnya, atau laporkan baris ini pada laporan semester yang benar."
        ),
    )
    return outside


def _swap_hint(value, period: Period) -> str:
    """A hint when the date falls in the semester with day and month swapped (typed
    mm/dd, or read so by an Excel set to English)."""
    day = pd.Timestamp(value).date()
    if day.day > 12 or day.day == day.month:
        return ""
    swapped = day.replace(month=day.day, day=day.month)
    if not period.start <= swapped <= period.end:
        return ""
    return (
        f"Mungkin hari dan bulannya tertukar ({_fmt(swapped)} ada di dalam semester): "
        "ketik tanggal sebagai dd/mm/yyyy. "
    )


def check_permohonan(
    data, periods: list[Period | None], lateness: Lateness, sinks: ChunkSink
) -> np.ndarray:
    """Checks of the Permohonan rows; the rows rejected (those rejected on parsing too)."""
    frame, sheet, files = data.columns, data.title, data.files
    col = schema.PERMOHONAN.column
    rows = frame["baris"]
    received = _dates(frame, "tanggal_diterima")
    notice = _dates(frame, "tanggal_pemberitahuan")
    decision = _objects(frame, "keputusan")
    letter = _objects(frame, "pasal_17")
    bad = np.asarray(data.rejected, dtype=bool).copy()
    if not len(rows):
        return bad

    numbers = _objects(frame, "no_registrasi")
    bad |= _duplicates(numbers, files, rows, col("no_registrasi").title, sheet, sinks, "registrasi")
    bad |= _outside(received, files, rows, col("tanggal_diterima").title, periods, sheet, sinks)

    before = ~np.isnat(received) & ~np.isnat(notice) & (notice < received)
    sinks.per_row(
        before,
        files,
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
    sinks.per_row(
        no_letter,
        files,
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
    sinks.per_row(
        stray & ~bad,
        files,
        rows,
        PERINGATAN,
        sheet,
        col("pasal_17").title,
        letter,
        "Huruf Pasal 17 diisi padahal permohonan tidak ditolak. Periksa keputusan atau "
        "kosongkan huruf Pasal 17.",
    )

    d = lateness.hari_kerja.to_numpy(dtype="int64", na_value=0)
    extended = lateness.extended
    late = lateness.notice_late
    sinks.per_row(
        late & ~bad,
        files,
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
    sinks.grouped(
        no_notice,
        files,
        rows,
        sheet,
        col("tanggal_pemberitahuan").title,
        _dates_at(notice, no_notice),
        "Keputusan sudah ada tetapi tanggal pemberitahuan tertulis kosong, sehingga waktu "
        "layanan tidak dapat dihitung. Isi tanggalnya",
    )
    return bad


def _known_requests(
    request_numbers: np.ndarray, request_files: np.ndarray, numbers: np.ndarray, files: np.ndarray
) -> np.ndarray:
    """Per objection: is its request number on the Permohonan sheet of the same report?

    Numbers match in any case and without surrounding spaces.
    """
    codes = _normalised_codes(np.concatenate([request_numbers, numbers]))
    requested, referred = codes[: len(request_numbers)], codes[len(request_numbers) :]
    width = int(codes.max(initial=-1)) + 2
    known = (request_files * width + requested)[requested >= 0]
    return (referred >= 0) & np.isin(files * width + referred, known)


def check_keberatan(
    data, requests, periods: list[Period | None], lateness: Lateness, sinks: ChunkSink
) -> np.ndarray:
    """Checks of the Keberatan rows; the rows rejected. ``requests`` is the Permohonan
    sheet (its numbers are the requests an objection may refer to)."""
    frame, sheet, files = data.columns, data.title, data.files
    col = schema.KEBERATAN.column
    rows = frame["baris"]
    bad = np.asarray(data.rejected, dtype=bool).copy()
    if not len(rows):
        return bad
    numbers = _objects(frame, "no_keberatan")
    bad |= _duplicates(numbers, files, rows, col("no_keberatan").title, sheet, sinks, "keberatan")
    filed = _dates(frame, "tanggal_keberatan")
    answered = _dates(frame, "tanggal_tanggapan")
    bad |= _outside(filed, files, rows, col("tanggal_keberatan").title, periods, sheet, sinks)

    request = _objects(frame, "no_registrasi")
    known_request = _known_requests(
        _objects(requests.columns, "no_registrasi"), requests.files, request, files
    )
    unknown = ~pd.isna(request) & ~known_request
    sinks.per_row(
        unknown,
        files,
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
    sinks.per_row(
        before,
        files,
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
    d = lateness.hari_kerja_tanggapan.to_numpy(dtype="int64", na_value=0)
    slow = lateness.answer_late & ~bad
    sinks.per_row(
        slow,
        files,
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
    sinks.per_row(
        to_ki & np.isnat(dispute_date) & ~bad,
        files,
        rows,
        PERINGATAN,
        sheet,
        col("tanggal_sengketa").title,
        None,
        "Keberatan diajukan ke Komisi Informasi tetapi tanggal registrasi sengketa kosong. "
        "Isi tanggalnya.",
    )
    sinks.per_row(
        ~to_ki & (~pd.isna(outcome) | ~np.isnat(dispute_date)) & ~bad,
        files,
        rows,
        PERINGATAN,
        sheet,
        col("ke_komisi").title,
        _objects(frame, "ke_komisi"),
        "Ada data sengketa tetapi 'Diajukan ke Komisi Informasi' bukan 'Ya'. Periksa kolom ini.",
    )
    return bad


def check_reading(
    sheets: dict,
    lateness: Lateness,
    other: Lateness,
    readings: tuple[str, str],
    masks: dict[str, np.ndarray],
    sinks: ChunkSink,
) -> None:
    """Per report and sheet, one finding naming the accepted rows whose verdict (late or
    on time) would change under the other reading of cuti bersama.

    ``readings`` holds the configured reading and the other one ("kerja"/"libur");
    ``lateness`` and ``other`` are the deadlines judged under each.
    """
    used, alternative = (law.CUTI_BERSAMA_READING_LABELS[r] for r in readings)
    for key, column, late, late_other in (
        ("permohonan", "tanggal_pemberitahuan", lateness.notice_late, other.notice_late),
        ("keberatan", "tanggal_tanggapan", lateness.answer_late, other.answer_late),
    ):
        data = sheets[key]
        title = schema.SHEETS_BY_KEY[key].column(column).title
        values = data.columns[column]
        for flagged, now, then in (
            (late & ~late_other, "terlambat", "tepat waktu"),
            (~late & late_other, "tepat waktu", "terlambat"),
        ):
            sinks.grouped(
                flagged & ~masks[key],
                data.files,
                data.columns["baris"],
                data.title,
                title,
                values,
                f"Ketepatan waktu baris berikut bergantung pada cara menghitung cuti bersama: "
                f"{now} menurut cara yang dipakai ({used}), {then} bila {alternative}. "
                "Cara menghitung cuti bersama adalah konvensi, bukan ketentuan UU KIP; "
                "sepakati cara yang dipakai badan publik Anda",
                TEMUAN,
            )


def check_sheets(
    sheets: dict, periods: list[Period | None], lateness: Lateness, sinks: ChunkSink
) -> dict[str, np.ndarray]:
    """Run every content check; the rejected rows of every sheet (its input is not changed).

    ``sheets`` maps sheet keys to :class:`~kip_training.reports.stacked.StackedSheet`;
    ``periods`` gives each file's semester (None when unknown); ``lateness`` the
    working days of the sheets' rows (:func:`kip_training.reports.derive.lateness`).
    """
    masks = {key: np.asarray(sheet.rejected, dtype=bool) for key, sheet in sheets.items()}
    masks["permohonan"] = check_permohonan(sheets["permohonan"], periods, lateness, sinks)
    masks["keberatan"] = check_keberatan(
        sheets["keberatan"], sheets["permohonan"], periods, lateness, sinks
    )
    return masks
