"""What the coordination-meeting deck says: slides, numbers and notes from the metrics.

:func:`build_content` turns a :class:`~kip_training.metrics.Comparison` (current and
previous semester) into a :class:`~kip_training.deck.model.Deck`, pure data. Every number
comes from the metrics; every legal reference comes from :mod:`kip_training.law`.
Nothing here knows about PowerPoint.

Privacy: only the per-OPD figures, totals and distributions of the summary are read,
never request rows, so no requester data can reach a slide.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_extension_array_dtype, is_object_dtype

from kip_training import law
from kip_training.calendar import WorkingCalendar
from kip_training.config import Config
from kip_training.deck.model import (
    Bullets,
    Chart,
    Column,
    Columns,
    Deck,
    Figure,
    Figures,
    Series,
    Slide,
    Table,
    Text,
    Tone,
)
from kip_training.metrics import Comparison, PeriodSummary
from kip_training.quiz.analytics import TrainingSummary
from kip_training.reports import Period, schema
from kip_training.reports.schema import Severity
from kip_training.textfmt import format_date, format_number, format_percent

NO_DATA = "—"

INTERNAL_ESTIMATE = "Perkiraan internal — bukan nilai monev Komisi Informasi"
MEETING_WORKING_DAYS_AFTER_PERIOD = 15
#: An OPD is followed up when less than this share of its periodic information is fresh.
BERKALA_MIN_FRESH = 0.5


# --------------------------------------------------------------------------- formatting


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def fmt_count(value: Any) -> str:
    return NO_DATA if _missing(value) else format_number(float(value))


def fmt_percent(value: Any) -> str:
    return NO_DATA if _missing(value) else format_percent(float(value), 1)


def fmt_days(value: Any) -> str:
    if _missing(value):
        return NO_DATA
    value = float(value)
    return format_number(value, 0 if value == int(value) else 1)


def _arrow(change: float) -> str:
    if change > 0:
        return "▲"
    if change < 0:
        return "▼"
    return "="


def fmt_change(change: float | None, kind: str) -> str:
    """A change as shown in the headline table: "▲ 12", "▼ 3,5 poin", "= 0 hari"."""
    if _missing(change):
        return NO_DATA
    assert change is not None
    arrow = _arrow(change)
    if kind == "percent":
        return f"{arrow} {format_number(abs(change) * 100, 1)} poin"
    if kind == "days":
        return f"{arrow} {fmt_days(abs(change))} hari"
    return f"{arrow} {fmt_count(abs(change))}"


def _tone(change: float | None, better: str | None) -> Tone:
    if _missing(change) or not change or better is None:
        return None
    assert change is not None
    up_is_good = better == "naik"
    return "baik" if (change > 0) == up_is_good else "buruk"


def _code_label(code: str, labels: Mapping[str, str]) -> str:
    return labels.get(code) or str(code).replace("_", " ").capitalize()


# --------------------------------------------------------------------------- helpers


def _get(row: Mapping[str, Any], key: str, default: Any = 0) -> Any:
    value = row.get(key, default)
    return default if value is None else value


def _num(value: Any) -> float:
    return 0.0 if _missing(value) else float(value)


def short_name(row: Mapping[str, Any], code: str = "") -> str:
    """The OPD's abbreviation for chart labels (its name, or code, when it has none)."""
    for key in ("singkatan", "nama"):
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return str(code)


USABLE_STATUS = ("tepat_waktu", "terlambat")
INCOMPLETE_MARK = "*"
INCOMPLETE_NOTE = (
    "* Angka tidak lengkap: sebagian baris laporan OPD ini ditolak saat pemeriksaan "
    "(lihat hasil pemeriksaan per OPD); angkanya batas bawah, bukan nol."
)


def usable(row: Mapping[str, Any]) -> bool:
    """Whether the OPD's report gives figures (on time or late; not unusable, not missing)."""
    return row.get("status_laporan") in USABLE_STATUS


def incomplete(row: Mapping[str, Any]) -> bool:
    """Whether the OPD's figures are incomplete: a usable report with rows rejected."""
    return usable(row) and row.get("lengkap") is not None and not bool(row.get("lengkap"))


def _with_status(rows: Mapping[str, Mapping[str, Any]], status: str) -> list[str]:
    """The codes of the OPDs (rows by code) with that reporting status, in order."""
    return [code for code, row in rows.items() if row.get("status_laporan") == status]


def long_name(row: Mapping[str, Any], code: str = "") -> str:
    value = row.get("nama")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return short_name(row, code)


def _rows(per_opd: pd.DataFrame) -> list[tuple[str, dict[str, Any]]]:
    """(code, row dict) for every OPD of the summary, in roster order.

    The same dicts as ``per_opd.to_dict("records")`` (Python scalars: int, float, str,
    Timestamp, NaN/NaT), built from whole columns: ``Series.tolist`` converts a column
    in one go, where ``to_dict`` boxes every cell on its own (3x slower on 1,000 OPDs).
    """
    codes = [str(code) for code in per_opd.index]
    names = list(per_opd.columns)
    columns = []
    for j in range(len(names)):
        column = per_opd.iloc[:, j]
        values = column.tolist()
        if is_object_dtype(column.dtype) or is_extension_array_dtype(column.dtype):
            values = [_native(v) for v in values]  # as to_dict boxes these columns
        columns.append(values)
    records = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
    if not names:  # zip(*[]) yields nothing; to_dict gives one empty dict per row
        records = [{} for _ in codes]
    return list(zip(codes, records, strict=True))


def _native(value: Any) -> Any:
    """A cell of an object or extension column as ``to_dict`` gives it: NA as None,
    NumPy scalars as Python ones (datetimes as Timestamp)."""
    if value is pd.NA:
        return None
    if isinstance(value, np.datetime64 | np.timedelta64):
        return pd.Timestamp(value) if isinstance(value, np.datetime64) else pd.Timedelta(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def _top_with_rest(
    items: Sequence[tuple[str, float]], top_n: int, rest_label: str = "Lainnya"
) -> list[tuple[str, float]]:
    """The top_n items by value, then one item grouping the rest (when there is a rest)."""
    ordered = sorted(items, key=lambda item: -item[1])
    head, rest = ordered[:top_n], ordered[top_n:]
    if rest:
        head.append((f"{rest_label} ({len(rest)} OPD)", sum(v for _, v in rest)))
    return head


def default_meeting_date(period: Period, calendar: WorkingCalendar | None = None) -> dt.date:
    """The meeting date when config sets none: the 15th working day after the semester.

    A meeting is never set on a cuti bersama day, whatever reading the deadlines use.
    """
    if calendar is None:
        calendar = WorkingCalendar.from_config()
    calendar = calendar.with_reading(law.CUTI_BERSAMA_LIBUR)
    return calendar.add_working_days(period.end, MEETING_WORKING_DAYS_AFTER_PERIOD)


def six_months_on(day: dt.date, calendar: WorkingCalendar | None = None) -> dt.date:
    """The same day six months later (clamped to the month's end), moved to a working day."""
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for dom in range(day.day, 0, -1):
        try:
            result = dt.date(year, month, dom)
            break
        except ValueError:
            continue
    if calendar is not None:
        calendar = calendar.with_reading(law.CUTI_BERSAMA_LIBUR)
        while not calendar.is_working_day(result):
            result += dt.timedelta(days=1)
    return result


# --------------------------------------------------------------------------- slides


HEADLINE = (
    # (label, totals keys summed, kind, which direction is better)
    ("Permohonan informasi", ("permohonan",), "count", None),
    (
        "Dipenuhi (seluruhnya + sebagian)",
        ("dipenuhi_seluruhnya", "dipenuhi_sebagian"),
        "count",
        None,
    ),
    ("Ditolak", ("ditolak",), "count", None),
    ("Pemberitahuan tepat waktu", ("persen_tepat_waktu",), "percent", "naik"),
    ("Median hari kerja sampai pemberitahuan", ("hari_kerja_median",), "days", "turun"),
    ("Keberatan", ("keberatan",), "count", "turun"),
    ("Sengketa informasi", ("sengketa",), "count", "turun"),
)


def _total(totals: Mapping[str, Any] | None, keys: Sequence[str]) -> float | None:
    if totals is None:
        return None
    values = [totals.get(k) for k in keys]
    if any(_missing(v) for v in values):
        return None
    return float(sum(float(v) for v in values))


def _fmt(value: float | None, kind: str) -> str:
    if kind == "percent":
        return fmt_percent(value)
    if kind == "days":
        return fmt_days(value)
    return fmt_count(value)


def headline_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """The headline figures: label, current, previous, change (numbers, not text)."""
    current = comparison.current.totals
    previous = comparison.previous.totals if comparison.previous is not None else None
    rows = []
    for label, keys, kind, better in HEADLINE:
        now = _total(current, keys)
        before = _total(previous, keys)
        change = None if now is None or before is None else now - before
        rows.append(
            {
                "label": label,
                "kind": kind,
                "current": now,
                "previous": before,
                "change": change,
                "tone": _tone(change, better),
            }
        )
    return rows


def _reading_note(calendar: WorkingCalendar) -> str:
    """One sentence: how this deck counts cuti bersama, as the toolkit's convention."""
    return (
        f"Deck ini menghitung dengan {law.CUTI_BERSAMA_READING_LABELS[calendar.cuti_bersama]} "
        f"(konvensi; bawaan toolkit: {law.CUTI_BERSAMA_READING_LABELS[law.CUTI_BERSAMA_DEFAULT]}, "
        "tanggal yang lebih awal); pemeriksaan laporan menyebut baris yang putusannya berubah "
        "bila cuti bersama dihitung dengan cara lain."
    )


def _headline_slide(comparison: Comparison, calendar: WorkingCalendar) -> Slide:
    current = comparison.current
    previous = comparison.previous
    rows = headline_rows(comparison)
    if previous is not None:
        columns = (
            Column("Indikator", 3.2),
            Column(previous.period.title, 1.5, "right"),
            Column(current.period.title, 1.5, "right"),
            Column("Perubahan", 1.5, "right"),
        )
        body = tuple(
            (
                r["label"],
                _fmt(r["previous"], r["kind"]),
                _fmt(r["current"], r["kind"]),
                fmt_change(r["change"], r["kind"]),
            )
            for r in rows
        )
        tones = tuple((None, None, None, r["tone"]) for r in rows)
        compare_note = (
            f"Kolom Perubahan membandingkan dengan {previous.period.title}: panah hijau berarti "
            "membaik, merah berarti memburuk; jumlah permohonan tidak dinilai baik atau buruk."
        )
    else:
        columns = (Column("Indikator", 3.2), Column(current.period.title, 1.5, "right"))
        body = tuple((r["label"], _fmt(r["current"], r["kind"])) for r in rows)
        tones = None
        compare_note = "Data semester sebelumnya tidak diberikan, jadi tidak ada perbandingan."
    notice = law.DEADLINES["pemberitahuan"]
    extended = law.DEADLINES["perpanjangan"]
    return Slide(
        key="headline",
        layout="isi",
        title=f"Angka utama {current.period.title}",
        agenda="Angka utama dibanding semester lalu",
        blocks=(Table(columns, body, large=True, tones=tones),),
        notes=(
            f"Angka utama layanan informasi seluruh OPD pada {current.period.title}, "
            "dihitung dari laporan PPID Pembantu yang diterima. "
            f"Tepat waktu berarti pemberitahuan tertulis paling lambat {notice.working_days} "
            f"hari kerja ({notice.basis}) atau {extended.working_days} hari kerja dengan "
            f"perpanjangan ({extended.basis}). {law.DAY_ZERO_CONVENTION} "
            f"{_reading_note(calendar)} {compare_note} "
            "Tanyakan: apa yang menjelaskan perubahan terbesar? Apakah semua permohonan "
            "sudah dicatat di register?"
        ),
    )


def _reporting_slide(
    summary: PeriodSummary, config: Config | None, calendar: WorkingCalendar | None = None
) -> Slide:
    totals = summary.totals
    figures = Figures(
        (
            Figure("OPD wajib melapor", fmt_count(totals.get("opd_wajib"))),
            Figure("Tepat waktu", fmt_count(totals.get("opd_tepat_waktu")), tone="baik"),
            Figure("Terlambat", fmt_count(totals.get("opd_terlambat")), tone="buruk"),
            Figure(
                "Tidak dapat dipakai",
                fmt_count(totals.get("opd_tidak_dapat_dipakai")),
                tone="buruk",
            ),
            Figure("Tidak melapor", fmt_count(totals.get("opd_tidak_melapor")), tone="buruk"),
        )
    )
    rows = dict(_rows(summary.per_opd))
    flagged = sorted(
        (
            rank,
            long_name(rows[code], code),
            schema.STATUS_LAPORAN[status],
            _fmt_date(rows[code].get("tanggal_laporan")),
        )
        for rank, status, codes in (
            (0, "tidak_melapor", summary.missing_opd),
            (1, "tidak_dapat_dipakai", _with_status(rows, "tidak_dapat_dipakai")),
            (2, "terlambat", summary.late_opd),
        )
        for code in codes
    )
    blocks: list = [figures]
    due_days = config.report_due_working_days if config is not None else None
    if due_days and calendar is not None:
        due_date = calendar.add_working_days(summary.period.end, due_days)
        blocks.append(
            Text(
                (
                    f"Batas penyampaian laporan {summary.period.title}: "
                    f"{format_date(due_date)} ({due_days} hari kerja setelah semester "
                    "berakhir).",
                )
            )
        )
    if flagged:
        blocks.append(
            Table(
                (Column("OPD", 4), Column("Status", 1.6), Column("Tanggal laporan", 2)),
                tuple(row[1:] for row in flagged),
            )
        )
    else:
        blocks.append(Text(("Semua OPD menyampaikan laporan tepat waktu.",)))
    due_text = (
        f"Laporan tepat waktu bila diterima paling lambat {due_days} hari kerja setelah "
        "semester berakhir (pengaturan kip.toml). "
        if due_days
        else ""
    )
    return Slide(
        key="pelapor",
        layout="isi",
        title="Kepatuhan pelaporan PPID Pembantu",
        agenda="Kepatuhan pelaporan PPID Pembantu",
        blocks=tuple(blocks),
        notes=(
            "Siapa yang melapor tepat waktu, terlambat, atau belum melapor sama sekali. "
            "'Tidak dapat dipakai': berkasnya tiba tetapi tidak terbaca atau identitas/isinya "
            "ditolak, sehingga angkanya tidak dihitung (bukan nol). "
            f"{due_text}"
            "Tanyakan kepada OPD yang terlambat atau belum melapor: apa kendalanya, dan kapan "
            "laporan dapat dikirim? Apakah PPID Pembantu sudah ditetapkan dan aktif?"
        ),
    )


def _fmt_date(value: Any) -> str:
    if value is None or _missing_date(value):
        return NO_DATA
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value, weekday=False)
    return str(value)


def _missing_date(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _requests_slide(summary: PeriodSummary, top_n: int) -> Slide:
    rows = [(c, r) for c, r in _rows(summary.per_opd) if usable(r)]
    items = [
        (short_name(r, c) + (INCOMPLETE_MARK if incomplete(r) else ""), _num(_get(r, "permohonan")))
        for c, r in rows
    ]
    with_requests = [item for item in items if item[1] > 0]
    total = sum(v for _, v in items)
    partial = sum(1 for _, r in rows if incomplete(r))
    unusable = _with_status(dict(_rows(summary.per_opd)), "tidak_dapat_dipakai")
    if with_requests:
        top = _top_with_rest(with_requests, top_n)
        block: Any = Chart(
            "bar",
            "Jumlah permohonan",
            tuple(name for name, _ in top),
            (Series("Permohonan", tuple(v for _, v in top)),),
            grouped_last=len(top) > len(with_requests[:top_n]),
        )
    else:
        block = Text(("Tidak ada permohonan informasi yang dilaporkan pada semester ini.",))
    lead = Text(
        (
            f"{fmt_count(total)} permohonan di {fmt_count(len(with_requests))} OPD; "
            f"{fmt_count(len(items) - len(with_requests))} OPD tidak mencatat permohonan.",
            *((INCOMPLETE_NOTE,) if partial else ()),
            *(
                (
                    f"{fmt_count(len(unusable))} OPD laporannya tidak dapat dipakai "
                    "dan tidak dihitung (bukan nol).",
                )
                if unusable
                else ()
            ),
        )
    )
    return Slide(
        key="permohonan",
        layout="isi",
        title=f"Permohonan informasi per OPD ({top_n} terbanyak)",
        agenda="Permohonan informasi per OPD",
        blocks=(lead, block),
        notes=(
            f"Jumlah permohonan informasi per OPD, {top_n} OPD terbanyak; OPD lainnya "
            "dijumlahkan dalam satu batang. Angka lengkap per OPD ada di lampiran. "
            "Tanyakan kepada OPD tanpa permohonan: apakah memang tidak ada permohonan, atau "
            "permohonan belum dicatat di register (termasuk yang datang lewat media sosial "
            "dan telepon)?"
        ),
    )


def _decisions_slide(summary: PeriodSummary) -> Slide:
    labels = schema.KEPUTUSAN
    decisions = summary.decisions
    decision_chart = Chart(
        "bar",
        "Keputusan atas permohonan",
        tuple(_code_label(str(code), labels) for code in decisions.index),
        (Series("Permohonan", tuple(_num(v) for v in decisions.values)),),
    )
    refusals = [
        (str(letter), _num(count))
        for letter, count in summary.refusals_by_letter.items()
        if _num(count) > 0
    ]
    if refusals:
        refusal_block: Any = Chart(
            "bar",
            "Penolakan menurut Pasal 17",
            tuple(f"Huruf {letter}: {law.PASAL_17.get(letter, '')}" for letter, _ in refusals),
            (Series("Penolakan", tuple(v for _, v in refusals)),),
        )
    else:
        refusal_block = Text(("Tidak ada penolakan berdasarkan Pasal 17 pada semester ini.",))
    exemption = law.CATEGORIES["dikecualikan"].article
    return Slide(
        key="keputusan",
        layout="isi",
        title="Keputusan dan alasan penolakan",
        agenda="Keputusan dan alasan penolakan",
        blocks=(Columns((decision_chart, refusal_block), (0.4, 0.6)),),
        notes=(
            "Kiri: keputusan atas seluruh permohonan. Kanan: penolakan menurut huruf "
            f"pengecualian {exemption}. Penolakan harus didasarkan uji konsekuensi. "
            "Tanyakan kepada OPD yang menolak: apakah uji konsekuensi sudah dibuat dan "
            "ditandatangani, dan apakah informasi bisa dibuka sebagian (dihitamkan) "
            "alih-alih ditolak seluruhnya? Untuk 'tidak dikuasai': apakah pemohon diarahkan "
            "ke Badan Publik yang menguasainya?"
        ),
    )


def working_day_bins(days: Any) -> list[tuple[str, int]]:
    """Counts of notices by working days: 0–5, 6–10, 11–17, more than 17.

    ``days`` is array-like (a list, an array, a Series; NaN = no notice yet).
    """
    limit, extended = law.NOTICE_DAYS, law.NOTICE_DAYS_EXTENDED
    half = limit // 2
    labels = [
        f"0–{half} hari kerja",
        f"{half + 1}–{limit} hari kerja",
        f"{limit + 1}–{extended} hari kerja",
        f"lebih dari {extended} hari kerja",
    ]
    values = np.asarray(days, dtype=float)
    values = values[~np.isnan(values)]
    # right-closed bins: (-inf, half], (half, limit], (limit, extended], (extended, inf)
    counts = np.bincount(np.searchsorted([half, limit, extended], values), minlength=4)
    return [(label, int(n)) for label, n in zip(labels, counts, strict=True)]


def _timeliness_slide(summary: PeriodSummary, config: Config | None, top_n: int) -> Slide:
    totals = summary.totals
    threshold = config.ontime_threshold if config is not None else 0.8
    rated = [
        (short_name(r, c), float(r["persen_tepat_waktu"]))
        for c, r in _rows(summary.per_opd)
        if not _missing(r.get("persen_tepat_waktu"))
    ]
    rated.sort(key=lambda item: (item[1], item[0]))
    lowest = rated[:top_n]
    blocks: list = [
        Text(
            (
                f"Tepat waktu: {fmt_percent(totals.get('persen_tepat_waktu'))} "
                f"(≤ {law.NOTICE_DAYS} hari kerja: {fmt_count(totals.get('tepat_10'))}; "
                f"dengan perpanjangan ≤ {law.NOTICE_DAYS_EXTENDED}: "
                f"{fmt_count(totals.get('tepat_17'))}; terlambat: "
                f"{fmt_count(totals.get('terlambat'))}). Median "
                f"{fmt_days(totals.get('hari_kerja_median'))} hari kerja.",
            )
        )
    ]
    charts: list = []
    if lowest:
        charts.append(
            Chart(
                "bar",
                f"Persentase tepat waktu ({len(lowest)} OPD terendah)",
                tuple(name for name, _ in lowest),
                (Series("Tepat waktu", tuple(v for _, v in lowest)),),
                number_format="0%",
                axis_max=1.0,
            )
        )
    else:
        charts.append(Text(("Belum ada pemberitahuan tertulis yang tercatat.",)))
    bins = working_day_bins(summary.working_days_to_notice)  # whole column, no list
    charts.append(
        Chart(
            "column",
            "Hari kerja sampai pemberitahuan",
            tuple(label for label, _ in bins),
            (Series("Permohonan", tuple(float(n) for _, n in bins)),),
        )
    )
    blocks.append(Columns(tuple(charts)))
    notice = law.DEADLINES["pemberitahuan"]
    return Slide(
        key="ketepatan",
        layout="isi",
        title="Ketepatan waktu pemberitahuan",
        agenda="Ketepatan waktu pemberitahuan",
        blocks=tuple(blocks),
        notes=(
            f"Kiri: OPD dengan persentase pemberitahuan tepat waktu terendah (ambang tindak "
            f"lanjut {format_percent(threshold)}). Kanan: sebaran hari kerja dari diterimanya "
            f"permohonan sampai pemberitahuan tertulis; batasnya {notice.working_days} hari "
            f"kerja ({notice.basis}), dapat diperpanjang paling lama {law.EXTENSION_DAYS} hari "
            "kerja dengan alasan tertulis. Hari libur nasional dan cuti bersama tidak dihitung. "
            "Tanyakan: di mana permohonan tertahan (disposisi, koordinasi dengan bidang "
            "pemilik data)? Apakah perpanjangan diberitahukan tertulis beserta alasannya?"
        ),
    )


def _objections_slide(comparison: Comparison) -> Slide:
    summary = comparison.current
    totals = summary.totals
    changes = {
        key: (comparison.change(key) if comparison.previous is not None else None)
        for key in ("keberatan", "sengketa")
    }

    def detail(key: str) -> str:
        change = changes[key]
        if change is None:
            return ""
        before = comparison.previous.period.title
        if not change:
            return f"sama dengan {before}"
        return f"{fmt_change(change, 'count')} dibanding {before}"

    figures = Figures(
        (
            Figure(
                "Keberatan",
                fmt_count(totals.get("keberatan")),
                detail("keberatan"),
                _tone(changes["keberatan"], "turun"),
            ),
            Figure(
                "Sengketa informasi",
                fmt_count(totals.get("sengketa")),
                detail("sengketa"),
                _tone(changes["sengketa"], "turun"),
            ),
        )
    )
    grounds = [(str(g), _num(v)) for g, v in summary.objections_by_ground.items() if _num(v) > 0]
    blocks: list = []
    if grounds:
        blocks.append(
            Chart(
                "bar",
                "Keberatan menurut alasan (Pasal 35 ayat (1))",
                tuple(f"Huruf {g}: {law.PASAL_35_GROUNDS.get(g, '')}" for g, _ in grounds),
                (Series("Keberatan", tuple(v for _, v in grounds)),),
            )
        )
    else:
        blocks.append(Text(("Tidak ada keberatan pada semester ini.",)))
    labels = schema.HASIL_SENGKETA
    outcomes = [
        (_code_label(str(k), labels), _num(v))
        for k, v in summary.dispute_outcomes.items()
        if _num(v) > 0
    ]
    if outcomes:
        blocks.append(
            Chart(
                "bar",
                "Hasil sengketa di Komisi Informasi",
                tuple(k for k, _ in outcomes),
                (Series("Sengketa", tuple(v for _, v in outcomes)),),
            )
        )
    else:
        blocks.append(Text(("Tidak ada sengketa informasi pada semester ini.",)))
    answer = law.DEADLINES["tanggapan_keberatan"]
    dispute = law.DEADLINES["sengketa"]
    silent = law.DEADLINES["sengketa_tanpa_tanggapan"]
    return Slide(
        key="keberatan",
        layout="isi",
        title="Keberatan dan sengketa informasi",
        agenda="Keberatan dan sengketa informasi",
        blocks=(figures, Columns(tuple(blocks))),
        notes=(
            "Keberatan yang diajukan kepada Atasan PPID menurut alasannya, dan sengketa "
            f"yang sampai ke Komisi Informasi. Atasan PPID menanggapi keberatan paling lambat "
            f"{answer.working_days} hari kerja ({answer.basis}); pemohon dapat mengajukan "
            f"sengketa dalam {dispute.working_days} hari kerja ({dispute.basis}); bila Atasan "
            f"PPID tidak menanggapi, praktiknya {silent.working_days} hari kerja sesudah "
            f"{answer.working_days} hari kerja itu berakhir ({silent.basis}). Di Komisi "
            "Informasi, mediasi hanya untuk alasan keberatan Pasal 35 ayat (1) huruf b–g; "
            "penolakan berdasarkan Pasal 17 langsung diselesaikan lewat ajudikasi "
            "nonlitigasi (Pasal 40 ayat (2)). "
            "Tanyakan: apakah setiap keberatan dijawab tertulis tepat waktu? Alasan mana "
            "yang paling sering, dan apa yang bisa dicegah di layanan pertama?"
        ),
    )


def _periodic_slide(summary: PeriodSummary) -> Slide:
    rows = []
    for code, row in _rows(summary.per_opd):
        items = _num(_get(row, "berkala_item"))
        fresh = _num(_get(row, "berkala_mutakhir"))
        reported = usable(row)
        rows.append(
            (
                long_name(row, code),
                fmt_count(items) if reported else NO_DATA,
                fmt_count(_get(row, "berkala_terbit")) if reported else NO_DATA,
                fmt_count(fresh) if reported else NO_DATA,
                fmt_percent(fresh / items) if reported and items else NO_DATA,
            )
        )
    article = law.CATEGORIES["berkala"].article
    return Slide(
        key="berkala",
        layout="isi",
        title=f"Informasi berkala ({article.split()[-2]} {article.split()[-1]}) per OPD",
        agenda="Informasi berkala per OPD",
        blocks=(
            Table(
                (
                    Column("OPD", 4.2),
                    Column("Item berkala", 1.2, "right"),
                    Column("Terbit", 1.1, "right"),
                    Column("Mutakhir", 1.1, "right"),
                    Column("% mutakhir", 1.2, "right"),
                ),
                tuple(rows),
            ),
        ),
        notes=(
            f"Informasi berkala ({article}) per OPD: jumlah item yang dicatat, yang sudah "
            "diumumkan, dan yang mutakhir (diumumkan atau diperbarui dalam enam bulan "
            "terakhir); informasi berkala diumumkan paling singkat 6 (enam) bulan sekali. "
            "Tanyakan: item mana yang belum diumumkan, di mana diumumkan (situs, papan "
            "pengumuman), dan siapa yang memperbaruinya?"
        ),
    )


def _quality_slide(summary: PeriodSummary, top_n: int) -> Slide:
    rows = _rows(summary.per_opd)
    errors = sum(_num(_get(r, "masalah_galat")) for _, r in rows)
    warnings = sum(_num(_get(r, "masalah_peringatan")) for _, r in rows)
    with_problems = [
        (short_name(r, c), _num(_get(r, "masalah_galat")), _num(_get(r, "masalah_peringatan")))
        for c, r in rows
        if _num(_get(r, "masalah_galat")) + _num(_get(r, "masalah_peringatan")) > 0
    ]
    with_problems.sort(key=lambda item: (-(item[1] + item[2]), item[0]))
    lead = Text(
        (
            f"Pemeriksaan laporan menemukan {fmt_count(errors)} galat dan "
            f"{fmt_count(warnings)} peringatan pada {fmt_count(len(with_problems))} OPD.",
        )
    )
    if with_problems:
        head, rest = with_problems[:top_n], with_problems[top_n:]
        categories = [name for name, _, _ in head]
        galat = [g for _, g, _ in head]
        peringatan = [p for _, _, p in head]
        if rest:
            categories.append(f"Lainnya ({len(rest)} OPD)")
            galat.append(sum(g for _, g, _ in rest))
            peringatan.append(sum(p for _, _, p in rest))
        block: Any = Chart(
            "bar_stacked",
            "Masalah data per OPD",
            tuple(categories),
            (
                Series(Severity.GALAT.label, tuple(galat)),
                Series(Severity.PERINGATAN.label, tuple(peringatan)),
            ),
        )
    else:
        block = Text(("Tidak ada masalah data: semua laporan lolos pemeriksaan.",))
    return Slide(
        key="kualitas",
        layout="isi",
        title="Kualitas data laporan",
        agenda="Kualitas data laporan",
        blocks=(lead, block),
        notes=(
            "Masalah yang ditemukan pemeriksaan laporan (kip check) per OPD. Galat: baris "
            "yang tidak dapat dihitung (misalnya tanggal tidak sah, keputusan kosong); "
            "peringatan: nilai yang ditafsirkan ulang atau janggal. Rincian per baris ada di "
            "hasil kip check untuk setiap berkas. Tanyakan: apakah OPD memakai templat "
            "laporan terbaru, dan siapa yang mengisi register permohonan?"
        ),
    )


def _readiness_slide(summary: PeriodSummary, config: Config | None) -> Slide:
    year = summary.period.year
    overrides = config.monev_overrides if config is not None else None
    regime = law.monev_regime(year, overrides)
    rows = []
    for code, row in _rows(summary.per_opd):
        score = row.get("indeks_kesiapan")
        band = row.get("kualifikasi_internal")
        rows.append(
            (
                -1.0 if _missing(score) else float(score),
                long_name(row, code),
                NO_DATA if _missing(score) else format_number(float(score), 1),
                band if isinstance(band, str) and band else NO_DATA,
            )
        )
    rows.sort(key=lambda item: (-item[0], item[1]))
    counts = {band.kualifikasi: 0 for band in regime.bands}
    for _, _, _, band in rows:
        if band in counts:
            counts[band] += 1
    band_text = (
        f"Perkiraan internal dengan {regime.basis}: "
        + "; ".join(f"{name}: {n} OPD" for name, n in counts.items())
        + "."
    )
    weights = config.readiness_weights if config is not None else {}
    weight_text = ", ".join(
        f"{k.replace('_', ' ')} {format_number(v)}%" for k, v in weights.items()
    )
    return Slide(
        key="kesiapan",
        layout="isi",
        title="Indeks kesiapan internal per OPD",
        agenda="Indeks kesiapan internal",
        blocks=(
            Text((INTERNAL_ESTIMATE,), emphasis=True),
            Text((band_text,)),
            Table(
                (
                    Column("OPD", 4.5),
                    Column("Indeks (0–100)", 1.4, "right"),
                    Column("Kualifikasi (batas KI)", 2.2),
                ),
                tuple(row[1:] for row in rows),
            ),
        ),
        notes=(
            f"{INTERNAL_ESTIMATE}. Indeks 0–100 dihitung dari laporan PPID Pembantu"
            + (f" dengan bobot {weight_text}" if weight_text else "")
            + f", lalu dipetakan ke {regime.basis}; nama kualifikasi itu milik Komisi Informasi, "
            "bukan hasil monev OPD. Nilai resmi "
            "hanya berasal dari monev Komisi Informasi (SAQ, verifikasi, presentasi atau "
            "visitasi). "
            "Gunakan untuk melihat OPD mana yang perlu dibantu sebelum monev, bukan untuk "
            "memberi peringkat resmi. Tanyakan: bukti apa yang perlu disiapkan OPD untuk monev?"
        ),
    )


def _training_slide(training: TrainingSummary, top_n: int) -> Slide:
    by_topic = training.by_topic
    answers = float(by_topic["jawaban"].sum()) if len(by_topic) else 0.0
    if answers:
        average = float((by_topic["jawaban"] * by_topic["rata_rata"]).sum()) / answers
    else:
        average = float("nan")
    figures = (
        (0, f"Peserta: {fmt_count(training.participants)}"),
        (0, f"Jawaban: {fmt_count(training.answers)}"),
        (0, f"Kuis: {fmt_count(training.quizzes)}"),
        (0, f"Rata-rata jawaban benar: {fmt_percent(average)}"),
    )
    titles = {str(t): str(j) for t, j in zip(by_topic["topic"], by_topic["judul"], strict=False)}
    lowest = list(zip(by_topic["judul"], by_topic["rata_rata"], strict=False))[:top_n]
    chart = (
        Chart(
            "bar",
            "Rata-rata jawaban benar per topik",
            tuple(str(j) for j, _ in lowest),
            (Series("Rata-rata benar", tuple(float(v) for _, v in lowest)),),
            number_format="0%",
            axis_max=1.0,
        )
        if lowest
        else Text(("Belum ada jawaban kuis.",))
    )
    weakest = [titles.get(str(t), str(t)) for t in training.weakest_topics]
    side = Bullets(
        figures
        + (
            ((0, "Topik terlemah:"),) + tuple((1, t) for t in weakest)
            if weakest
            else ((0, "Belum ada topik yang menonjol lemah."),)
        )
    )
    blocks = [Columns((chart, side), (0.62, 0.38))]
    return Slide(
        key="pelatihan",
        layout="isi",
        title="Hasil pelatihan PPID Pembantu",
        agenda="Hasil pelatihan",
        blocks=tuple(blocks),
        notes=(
            "Hasil kuis pelatihan UU KIP: jumlah peserta, jawaban, dan rata-rata jawaban "
            "benar per topik (topik terlemah di atas). Topik terlemah menjadi bahan "
            "pendalaman di sesi berikutnya. Tanyakan: bagian mana yang membingungkan, dan "
            "apakah contoh kasus dari OPD sendiri dapat dipakai untuk latihan?"
        ),
    )


def attention_reasons(row: Mapping[str, Any], threshold: float) -> list[str]:
    """Why an OPD needs follow-up, derived from its figures."""
    status = row.get("status_laporan")
    if status == "tidak_melapor":
        return ["belum menyampaikan laporan semester"]
    if status == "tidak_dapat_dipakai":
        return ["laporan tiba tetapi tidak dapat dipakai (lihat hasil pemeriksaan)"]
    reasons = []
    if status == "terlambat":
        reasons.append(f"laporan terlambat (diterima {_fmt_date(row.get('tanggal_laporan'))})")
    rate = row.get("persen_tepat_waktu")
    if not _missing(rate) and float(rate) < threshold:
        reasons.append(
            f"pemberitahuan tepat waktu {fmt_percent(rate)} "
            f"(di bawah ambang {format_percent(threshold)})"
        )
    errors = _num(_get(row, "masalah_galat"))
    if errors:
        reasons.append(f"{fmt_count(errors)} galat data pada laporan")
    items = _num(_get(row, "berkala_item"))
    fresh = _num(_get(row, "berkala_mutakhir"))
    if items == 0:
        reasons.append("belum mencatat informasi berkala")
    elif fresh / items < BERKALA_MIN_FRESH:
        reasons.append(
            f"hanya {fmt_count(fresh)} dari {fmt_count(items)} informasi berkala mutakhir"
        )
    return reasons


def _follow_up_slide(
    summary: PeriodSummary, config: Config | None, meeting: dt.date, calendar: WorkingCalendar
) -> Slide:
    threshold = config.ontime_threshold if config is not None else 0.8
    rows = []
    for code, row in _rows(summary.per_opd):
        reasons = attention_reasons(row, threshold)
        if reasons:
            rows.append((long_name(row, code), "; ".join(reasons)))
    next_meeting = six_months_on(meeting, calendar)
    following = summary.period.next()
    due_days = config.report_due_working_days if config is not None else None
    lead = [f"Rapat koordinasi berikutnya: {format_date(next_meeting)}."]
    if due_days and calendar is not None:
        due = calendar.add_working_days(following.end, due_days)
        lead[0] += f" Laporan {following.title} paling lambat {format_date(due, weekday=False)}."
    blocks: list = [Text(tuple(lead), emphasis=True)]
    if rows:
        blocks.append(
            Table((Column("OPD", 3.2), Column("Perlu perhatian karena", 6.0)), tuple(rows))
        )
    else:
        blocks.append(Text(("Tidak ada OPD yang perlu tindak lanjut khusus.",)))
    return Slide(
        key="tindak_lanjut",
        layout="isi",
        title="Tindak lanjut",
        agenda="Tindak lanjut dan rapat berikutnya",
        blocks=tuple(blocks),
        notes=(
            "OPD yang perlu perhatian, disusun otomatis dari angka: belum melapor, laporan "
            f"terlambat, pemberitahuan tepat waktu di bawah {format_percent(threshold)} "
            "(ambang di kip.toml), galat data, dan informasi berkala yang belum mutakhir. "
            "Sepakati bersama setiap OPD: langkah perbaikan, penanggung jawab, dan batas "
            "waktunya sebelum rapat berikutnya."
        ),
    )


#: Weights share out the width left once every column fits its text (names first).
APPENDIX_COLUMNS = (
    Column("OPD", 4.0),
    Column("Status", 1.5),
    Column("Permohonan", 0.3, "right"),
    Column("Dipenuhi", 0.3, "right"),
    Column("Ditolak", 0.3, "right"),
    Column("Tepat waktu", 0.3, "right"),
    Column("Median HK", 0.3, "right"),
    Column("Keberatan", 0.3, "right"),
    Column("Sengketa", 0.3, "right"),
    Column("Berkala terbit/item", 0.3, "right"),
    Column("Galat/ peringatan", 0.3, "right"),
    Column("Indeks", 0.3, "right"),
)


def appendix_rows(summary: PeriodSummary) -> list[tuple[str, ...]]:
    """One row per OPD with all its figures, in roster order."""
    out = []
    for code, row in _rows(summary.per_opd):
        reported = usable(row)
        mark = INCOMPLETE_MARK if incomplete(row) else ""

        def count(
            key: str, row: Mapping[str, Any] = row, reported: bool = reported, mark: str = mark
        ) -> str:
            return fmt_count(_get(row, key)) + mark if reported else NO_DATA

        fulfilled = _num(_get(row, "dipenuhi_seluruhnya")) + _num(_get(row, "dipenuhi_sebagian"))
        score = row.get("indeks_kesiapan")
        out.append(
            (
                short_name(row, code),
                schema.STATUS_LAPORAN.get(str(row.get("status_laporan")), NO_DATA),
                count("permohonan"),
                fmt_count(fulfilled) if reported else NO_DATA,
                count("ditolak"),
                fmt_percent(row.get("persen_tepat_waktu")) if reported else NO_DATA,
                fmt_days(row.get("hari_kerja_median")) if reported else NO_DATA,
                count("keberatan"),
                count("sengketa"),
                f"{count('berkala_terbit')}/{count('berkala_item')}" if reported else NO_DATA,
                f"{count('masalah_galat')}/{count('masalah_peringatan')}" if reported else NO_DATA,
                NO_DATA if _missing(score) else format_number(float(score), 1),
            )
        )
    return out


def _appendix_slide(summary: PeriodSummary) -> Slide:
    return Slide(
        key="lampiran",
        layout="isi",
        title=f"Lampiran: angka per OPD, {summary.period.title}",
        blocks=(Table(APPENDIX_COLUMNS, tuple(appendix_rows(summary))),)
        + (
            (Text((INCOMPLETE_NOTE,)),)
            if any(incomplete(r) for _, r in _rows(summary.per_opd))
            else ()
        ),
        notes=(
            "Satu baris per OPD (singkatan namanya) dengan seluruh angkanya, untuk rujukan "
            "saat tanya jawab. "
            "Tepat waktu: persentase pemberitahuan dalam batas waktu; Median HK: median "
            "hari kerja sampai pemberitahuan; Galat/peringatan: hasil pemeriksaan laporan; "
            f"Indeks: {INTERNAL_ESTIMATE.lower()}."
        ),
    )


def _legal_slide(config: Config | None) -> Slide:
    pasal_12 = f"{law.UU_KIP} Pasal 12"
    notice = law.DEADLINES["pemberitahuan"]
    extended = law.DEADLINES["perpanjangan"]
    due = config.report_due_working_days if config is not None else None
    rhythm = (
        "Ritme pelaporan (pengaturan internal, bukan bunyi UU KIP): PPID Pembantu "
        "melaporkan layanan informasinya kepada PPID Utama setiap enam bulan"
        + (f", paling lambat {due} hari kerja setelah semester berakhir" if due else "")
        + "; laporan dibahas dalam rapat koordinasi ini."
    )
    items = tuple((1, f"{k}. {v}") for k, v in law.PASAL_12_ITEMS.items())
    return Slide(
        key="dasar_hukum",
        layout="isi",
        title="Dasar hukum dan ritme pelaporan",
        agenda="Dasar hukum dan ritme pelaporan",
        blocks=(
            Bullets(
                (
                    (
                        0,
                        f"{pasal_12}: setiap tahun Badan Publik wajib mengumumkan "
                        "layanan informasinya, yang meliputi:",
                    ),
                )
                + items
                + (
                    (
                        0,
                        f"Pemberitahuan tertulis paling lambat {notice.working_days} hari kerja "
                        f"({notice.basis}); dapat diperpanjang paling lama "
                        f"{law.EXTENSION_DAYS} hari kerja lagi dengan alasan tertulis "
                        f"({extended.basis}).",
                    ),
                    (0, rhythm),
                )
            ),
        ),
        notes=(
            f"Empat butir {pasal_12} adalah inti setiap laporan PPID Pembantu. Ritme enam "
            "bulanan adalah pengaturan internal pemerintah daerah ini, bukan bunyi undang-"
            "undang. Tanyakan: apakah setiap OPD sudah punya register permohonan yang "
            "mencatat keempat butir itu?"
        ),
    )


def build_content(
    comparison: Comparison,
    config: Config | None = None,
    training: TrainingSummary | None = None,
    calendar: WorkingCalendar | None = None,
) -> Deck:
    """All slides of the coordination-meeting deck, as data.

    ``comparison`` is a :class:`~kip_training.metrics.Comparison`; ``training`` an optional
    ``TrainingSummary`` (slide 13 is left out without it); ``config`` a
    :class:`~kip_training.config.Config` (body name, meeting, top N, thresholds).
    """
    return _build_content(comparison, config, training, calendar)


def _build_content(
    comparison: Comparison,
    config: Config | None,
    training: TrainingSummary | None,
    calendar: WorkingCalendar | None,
) -> Deck:
    summary = comparison.current
    period = summary.period
    top_n = int(config.top_n) if config is not None else 10
    if calendar is None:
        calendar = WorkingCalendar.from_config(config) if config is not None else WorkingCalendar()
    meeting = (
        config.meeting_date
        if config is not None and config.meeting_date
        else default_meeting_date(period, calendar)
    )
    body = config.body_name if config is not None else ""
    unit = config.ppid_unit if config is not None else ""
    place = config.meeting_place if config is not None else ""
    title = f"Rapat Koordinasi PPID — Laporan {period.title}"
    subtitle_lines = [line for line in (body, unit, place, format_date(meeting)) if line]

    content = [
        _legal_slide(config),
        _headline_slide(comparison, calendar),
        _reporting_slide(summary, config, calendar),
        _requests_slide(summary, top_n),
        _decisions_slide(summary),
        _timeliness_slide(summary, config, top_n),
        _objections_slide(comparison),
        _periodic_slide(summary),
        _quality_slide(summary, top_n),
        _readiness_slide(summary, config),
    ]
    if training is not None:
        content.append(_training_slide(training, top_n))
    content.append(_follow_up_slide(summary, config, meeting, calendar))
    topics = [s.agenda for s in content if s.agenda] + ["Lampiran: angka per OPD"]
    numbered = [(0, f"{i}. {topic}") for i, topic in enumerate(topics, start=1)]
    half = (len(numbered) + 1) // 2
    agenda = Slide(
        key="agenda",
        layout="isi",
        title="Agenda",
        blocks=(
            Columns(
                (
                    Bullets(tuple(numbered[:half]), numbered=True),
                    Bullets(tuple(numbered[half:]), numbered=True),
                )
            ),
        ),
        notes=(
            "Urutan pembahasan. Setiap slide memuat catatan pembicara: apa yang ditunjukkan "
            "angka dan apa yang perlu ditanyakan kepada OPD."
        ),
    )
    slides = [
        Slide(key="judul", layout="judul", title=title, subtitle="\n".join(subtitle_lines)),
        agenda,
        *content,
        Slide(
            key="bagian_lampiran",
            layout="bagian",
            title="Lampiran",
            subtitle=f"Angka lengkap per OPD, {period.title}",
        ),
        _appendix_slide(summary),
    ]
    return Deck(title=title, slides=tuple(slides))
