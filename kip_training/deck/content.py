"""What the coordination-meeting deck says: slides, numbers and notes from the metrics.

:func:`build_content` turns a :class:`~kip_training.metrics.Comparison` (current and
previous semester), and optionally the intake facts of the reports
(:mod:`kip_training.deck.facts`), into a :class:`~kip_training.deck.model.Deck`, pure
data. Every number comes from the metrics; every legal reference from
:mod:`kip_training.law`. Nothing here knows about PowerPoint. The one-glance measure
slides live in :mod:`.measures`, data quality, the OPDs' voice and training in
:mod:`.voice`.

Privacy: only per-OPD figures, totals, the check's (masked) messages and the OPDs' own
Kendala text are read, never request rows, so no requester data can reach a slide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kip_training import law
from kip_training.calendar import WorkingCalendar
from kip_training.config import Config
from kip_training.deck import measures, voice
from kip_training.deck.common import (  # re-exported: content.fmt_count, ...
    BERKALA_MIN_FRESH,
    INCOMPLETE_MARK,
    INCOMPLETE_NOTE,
    INTERNAL_ESTIMATE,
    NO_DATA,
    _code_label,
    _fmt_date,
    _get,
    _missing,
    _num,
    _rows,
    _tone,
    _with_status,
    count_words,
    default_meeting_date,
    fmt_change,
    fmt_count,
    fmt_days,
    fmt_percent,
    fmt_pp,
    incomplete,
    join_names,
    long_name,
    pp_change,
    short_name,
    six_months_on,
    usable,
)
from kip_training.deck.facts import IntakeFacts
from kip_training.deck.measures import ANNEX_NOTE, LARGE_ROSTER, TABLE_ROWS
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
)
from kip_training.deck.monev import has_content, monev_slide
from kip_training.metrics import Comparison, PeriodSummary
from kip_training.monev.slide import MonevSlide
from kip_training.quiz.analytics import TrainingSummary
from kip_training.reports import schema
from kip_training.textfmt import format_date, format_number, format_percent

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
        if kind == "percent":  # points between the rounded figures shown
            change = pp_change(now, before)
            change = None if change is None else change / 100
        else:
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


def excluded_text(summary: PeriodSummary, facts: IntakeFacts | None) -> str:
    """ "1.194 permohonan dilaporkan, 4 tidak dapat dipakai; 1 OPD laporannya tidak dapat
    dipakai" — what the headline figures leave out, and why."""
    parts = []
    if facts is not None:
        parts.append(
            f"{fmt_count(facts.requests_read)} permohonan dilaporkan, "
            f"{fmt_count(facts.requests_rejected)} tidak dapat dipakai (baris bergalat, "
            "lihat slide kualitas data)"
        )
    unusable = summary.totals.get("opd_tidak_dapat_dipakai") or 0
    missing = summary.totals.get("opd_tidak_melapor") or 0
    if unusable:
        parts.append(f"{fmt_count(unusable)} OPD laporannya tidak dapat dipakai (tidak dihitung)")
    if missing:
        parts.append(f"{fmt_count(missing)} OPD belum melapor")
    return "; ".join(parts) + "." if parts else ""


def _headline_slide(
    comparison: Comparison, calendar: WorkingCalendar, facts: IntakeFacts | None = None
) -> Slide:
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
        title=(
            f"Angka utama {current.period.title}: {fmt_count(current.totals.get('permohonan'))} "
            f"permohonan, {fmt_percent(current.totals.get('persen_tepat_waktu'))} tepat waktu"
        ),
        agenda="Angka utama dibanding semester lalu",
        blocks=(Table(columns, body, large=True, tones=tones),)
        + ((Text((excluded,)),) if (excluded := excluded_text(current, facts)) else ()),
        notes=(
            f"Angka utama layanan informasi seluruh OPD pada {current.period.title}, "
            "dihitung dari laporan PPID Pembantu yang diterima. "
            f"Tepat waktu berarti pemberitahuan tertulis paling lambat {notice.working_days} "
            f"hari kerja ({notice.basis}) atau {extended.working_days} hari kerja dengan "
            f"perpanjangan ({extended.basis}). {law.DAY_ZERO_CONVENTION} "
            f"{_reading_note(calendar)} {compare_note} {excluded} "
            "Perubahan persentase dalam poin persentase, dihitung dari angka bulat yang tampil. "
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
    due_date = report_due(summary, config, calendar)
    late = len(summary.late_opd)
    if due_date is not None:
        blocks.append(
            Text(
                (
                    f"Batas data: laporan {summary.period.title} paling lambat "
                    f"{format_date(due_date)}; {count_words(late, 'laporan')} masuk sesudahnya "
                    "(terlambat, tetap dihitung).",
                )
            )
        )
    if flagged:
        blocks.append(
            Table(
                (Column("OPD", 4), Column("Status", 1.6), Column("Tanggal laporan", 2)),
                tuple(row[1:] for row in flagged[:TABLE_ROWS]),
            )
        )
        if len(flagged) > TABLE_ROWS:
            blocks.append(Text((f"{len(flagged) - TABLE_ROWS} OPD lainnya: {ANNEX_NOTE}",)))
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
        title=(
            f"{fmt_count(totals.get('opd_tepat_waktu'))} dari {fmt_count(totals.get('opd_wajib'))} "
            f"OPD melapor tepat waktu; {len(flagged)} OPD terlambat, belum melapor atau laporannya "
            "tidak dapat dipakai"
        ),
        agenda="Kepatuhan pelaporan PPID Pembantu",
        blocks=tuple(blocks),
        notes=(
            "Siapa yang melapor tepat waktu, terlambat, atau belum melapor sama sekali: "
            + "; ".join(f"{r[1]} ({r[2].lower()}, {r[3]})" for r in flagged[:12])
            + ". "
            "'Tidak dapat dipakai': berkasnya tiba tetapi tidak terbaca atau identitas/isinya "
            "ditolak, sehingga angkanya tidak dihitung (bukan nol). "
            f"{due_text}"
            "Tanyakan kepada OPD yang terlambat atau belum melapor: apa kendalanya, dan kapan "
            "laporan dapat dikirim? Apakah PPID Pembantu sudah ditetapkan dan aktif?"
        ),
    )


def _decisions_title(summary: PeriodSummary) -> str:
    totals = summary.totals
    requests = _num(totals.get("permohonan"))
    granted = _num(totals.get("dipenuhi_seluruhnya")) + _num(totals.get("dipenuhi_sebagian"))
    refused = int(_num(totals.get("ditolak")))
    letters = summary.refusals_by_letter
    top = str(letters.idxmax()) if refused and len(letters) and letters.max() > 0 else ""
    return (
        f"{fmt_percent(granted / requests) if requests else NO_DATA} permohonan dipenuhi; "
        f"{fmt_count(refused)} ditolak" + (f", terbanyak Pasal 17 huruf {top}" if top else "")
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
            tuple(
                f"Huruf {letter}: {law.PASAL_17_SHORT.get(letter, '')}" for letter, _ in refusals
            ),
            (Series("Penolakan", tuple(v for _, v in refusals)),),
        )
    else:
        refusal_block = Text(("Tidak ada penolakan berdasarkan Pasal 17 pada semester ini.",))
    exemption = law.CATEGORIES["dikecualikan"].article
    letters = "".join(f" Huruf {letter}: {law.PASAL_17.get(letter, '')}." for letter, _ in refusals)
    return Slide(
        key="keputusan",
        layout="isi",
        title=_decisions_title(summary),
        agenda="Keputusan dan alasan penolakan",
        blocks=(Columns((decision_chart, refusal_block), (0.4, 0.6)),),
        notes=(
            "Kiri: keputusan atas seluruh permohonan. Kanan: penolakan menurut huruf "
            f"pengecualian {exemption}. Penolakan harus didasarkan uji konsekuensi. "
            "Tanyakan kepada OPD yang menolak: apakah uji konsekuensi sudah dibuat dan "
            "ditandatangani, dan apakah informasi bisa dibuka sebagian (dihitamkan) "
            "alih-alih ditolak seluruhnya? Untuk 'tidak dikuasai': apakah pemohon diarahkan "
            "ke Badan Publik yang menguasainya?"
            + (
                f" Arti huruf yang dipakai (label singkat, bukan bunyi lengkap pasal):{letters}"
                if letters
                else ""
            )
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
    Column("Berkala terbit/ item", 0.3, "right"),
    Column("Galat/ peringatan", 0.3, "right"),
    Column("Indeks", 0.3, "right"),
)
#: The appendix's columns are shown on two tables, so that each fits a 4:3 slide too:
#: the service figures, then objections, periodic information, the check and the index.
APPENDIX_SERVICE = 7


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


def group_rows(summary: PeriodSummary, threshold: float = 0.8) -> list[tuple[str, ...]]:
    """Per roster ``kelompok``: OPDs, reports usable, requests, on-time share, median
    readiness (the large-roster appendix)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for _, row in _rows(summary.per_opd):
        groups.setdefault(str(row.get("kelompok") or "lainnya"), []).append(row)
    out = []
    for name in sorted(groups):
        rows = groups[name]
        used = [r for r in rows if usable(r)]
        notices = sum(_num(_get(r, "pemberitahuan")) for r in used)
        ontime = sum(_num(_get(r, "tepat_10")) + _num(_get(r, "tepat_17")) for r in used)
        below = sum(
            1
            for r in used
            if not _missing(r.get("persen_tepat_waktu"))
            and float(r["persen_tepat_waktu"]) < threshold
        )
        scores = [
            float(r["indeks_kesiapan"]) for r in used if not _missing(r.get("indeks_kesiapan"))
        ]
        out.append(
            (
                name.replace("_", " ").capitalize(),
                fmt_count(len(rows)),
                fmt_count(len(used)),
                fmt_count(sum(_num(_get(r, "permohonan")) for r in used)),
                fmt_percent(ontime / notices) if notices else NO_DATA,
                fmt_count(below),
                format_number(float(np.median(scores)), 1) if scores else NO_DATA,
            )
        )
    return out


GROUP_COLUMNS = (
    Column("Kelompok", 2.2),
    Column("OPD", 0.8, "right"),
    Column("Laporan dipakai", 1.3, "right"),
    Column("Permohonan", 1.2, "right"),
    Column("Tepat waktu", 1.2, "right"),
    Column("OPD di bawah ambang", 1.4, "right"),
    Column("Median indeks", 1.2, "right"),
)


def _appendix_slides(summary: PeriodSummary, large: bool = False) -> list[Slide]:
    if large:
        return [
            Slide(
                key="lampiran",
                layout="isi",
                appendix=True,
                title=f"Lampiran: angka per kelompok OPD, {summary.period.title}",
                blocks=(Table(GROUP_COLUMNS, tuple(group_rows(summary))), Text((ANNEX_NOTE,))),
                notes=(
                    f"{len(summary.per_opd)} OPD, dirangkum per kelompok roster. Tabel satu baris "
                    "per OPD terlalu panjang untuk paparan: ada di lampiran xlsx (lembar Per OPD). "
                    f"Indeks: {INTERNAL_ESTIMATE.lower()}."
                ),
            )
        ]
    rows = appendix_rows(summary)
    note = INCOMPLETE_NOTE if any(incomplete(r) for _, r in _rows(summary.per_opd)) else ""
    service = Slide(
        key="lampiran",
        layout="isi",
        appendix=True,
        title=f"Lampiran: layanan per OPD, {summary.period.title}",
        blocks=(
            Table(
                APPENDIX_COLUMNS[:APPENDIX_SERVICE],
                tuple(r[:APPENDIX_SERVICE] for r in rows),
                note=note,
            ),
        ),
        notes=(
            f"{len(summary.per_opd)} OPD, satu baris per OPD (singkatan namanya): status "
            "laporan dan angka layanan, untuk rujukan saat tanya jawab. Tepat waktu: "
            "persentase pemberitahuan dalam batas waktu; Median HK: median hari kerja sampai "
            f"pemberitahuan. {ANNEX_NOTE}"
        ),
    )
    oversight = Slide(
        key="lampiran_pengawasan",
        layout="isi",
        appendix=True,
        title=f"Lampiran: keberatan, informasi berkala dan pemeriksaan per OPD, "
        f"{summary.period.title}",
        blocks=(
            Table(
                APPENDIX_COLUMNS[:1] + APPENDIX_COLUMNS[APPENDIX_SERVICE:],
                tuple(r[:1] + r[APPENDIX_SERVICE:] for r in rows),
                note=note,
            ),
        ),
        notes=(
            f"{len(summary.per_opd)} OPD: keberatan dan sengketa, informasi berkala yang "
            "terbit dari yang wajib, galat/peringatan hasil pemeriksaan laporan, dan indeks "
            f"({INTERNAL_ESTIMATE.lower()}). {ANNEX_NOTE}"
        ),
    )
    return [service, oversight]


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


def report_due(
    summary: PeriodSummary, config: Config | None, calendar: WorkingCalendar | None
) -> dt.date | None:
    """The data cut-off: the report due date of the loader, else from config and calendar."""
    due = getattr(summary, "report_due", None)
    if due is not None:
        return due
    days = config.report_due_working_days if config is not None else None
    if days and calendar is not None:
        return calendar.add_working_days(summary.period.end, days)
    return None


@dataclass(frozen=True)
class KeyMessage:
    """One key-message sentence and the figures in it (named, as computed)."""

    text: str
    values: dict[str, float] = field(default_factory=dict)


def key_messages(
    comparison: Comparison, config: Config | None, facts: IntakeFacts | None = None
) -> list[KeyMessage]:
    """3–5 sentences, each with its number, computed from the metrics."""
    summary = comparison.current
    totals = summary.totals
    threshold = measures.threshold_of(config)
    out: list[KeyMessage] = []
    rate = totals.get("persen_tepat_waktu")
    below = measures.below_threshold(summary, threshold)
    if not _missing(rate):
        text = (
            f"{fmt_percent(rate)} pemberitahuan tertulis tepat waktu "
            f"({fmt_count(totals['tepat_10'] + totals['tepat_17'])} dari "
            f"{fmt_count(totals['pemberitahuan'])}); {count_words(len(below))} di bawah ambang "
            f"{format_percent(threshold)}."
        )
        values = {"persen_tepat_waktu": float(rate), "opd_bawah_ambang": float(len(below))}
        if comparison.previous is not None:
            change = pp_change(rate, comparison.previous.totals.get("persen_tepat_waktu"))
            if change is not None:
                text = (
                    text[:-1] + f", {fmt_pp(change)} dibanding {comparison.previous.period.title}."
                )
                values["perubahan_poin"] = change
        out.append(KeyMessage(text, values))
    head = measures.pareto_head(summary)
    if head is not None:
        leaders, share, total = head
        out.append(
            KeyMessage(
                f"{count_words(len(leaders), capital=True)} "
                f"({join_names([n for _, n, _ in leaders])}) menyumbang "
                f"{format_percent(share)} dari {fmt_count(total)} pemberitahuan terlambat.",
                {
                    "opd_penyumbang": float(len(leaders)),
                    "porsi_terlambat": share,
                    "terlambat": float(total),
                },
            )
        )
    on_time, required = totals.get("opd_tepat_waktu", 0), totals.get("opd_wajib", 0)
    late = totals.get("opd_terlambat", 0)
    gone = totals.get("opd_tidak_melapor", 0) + totals.get("opd_tidak_dapat_dipakai", 0)
    out.append(
        KeyMessage(
            f"{fmt_count(on_time)} dari {fmt_count(required)} OPD melapor tepat waktu; "
            f"{fmt_count(late)} terlambat, {fmt_count(gone)} belum melapor atau laporannya "
            "tidak dapat dipakai.",
            {
                "opd_tepat_waktu": float(on_time),
                "opd_wajib": float(required),
                "opd_terlambat": float(late),
                "opd_tanpa_laporan": float(gone),
            },
        )
    )
    if facts is not None:
        errors = sum(1 for f in facts.findings if f.severity == "galat")
        refusals = facts.unlawful_refusals
        names = {c: short_name(r, c) for c, r in _rows(summary.per_opd)}
        text = (
            f"{fmt_count(facts.requests_rejected)} dari {fmt_count(facts.requests_read)} "
            f"permohonan tidak dapat dihitung karena galat data ({fmt_count(errors)} galat)"
        )
        if refusals:
            who = join_names([names.get(f.kode_opd or "", f.kode_opd or "") for f in refusals])
            text += f"; {count_words(len(refusals), 'penolakan')} tanpa huruf Pasal 17 ({who})"
        out.append(
            KeyMessage(
                text + ".",
                {
                    "permohonan_ditolak_pemeriksaan": float(facts.requests_rejected),
                    "permohonan_dibaca": float(facts.requests_read),
                    "galat": float(errors),
                    "penolakan_tanpa_pasal_17": float(len(refusals)),
                },
            )
        )
    late_answers = int(measures.answer_times(facts, list(summary.per_opd.index))["lewat"].sum())
    objections = totals.get("keberatan", 0)
    out.append(
        KeyMessage(
            f"{fmt_count(objections)} keberatan dan {fmt_count(totals.get('sengketa', 0))} "
            f"sengketa; {fmt_count(late_answers)} jawaban Atasan PPID melewati "
            f"{measures.answer_limit()} hari kerja.",
            {
                "keberatan": float(objections),
                "sengketa": float(totals.get("sengketa", 0)),
                "jawaban_lewat_batas": float(late_answers),
            },
        )
    )
    return out[:5]


def _key_messages_slide(messages: Sequence[KeyMessage], summary: PeriodSummary) -> Slide:
    return Slide(
        key="pesan_utama",
        layout="isi",
        title=f"Pesan utama {summary.period.title}",
        agenda="Pesan utama",
        blocks=(Bullets(tuple((0, m.text) for m in messages)),),
        notes="Sampaikan lima pesan ini lebih dulu; slide berikutnya merinci tiap pesan. "
        + " ".join(m.text for m in messages),
    )


#: (agenda item, minutes); times start at :data:`MEETING_START`.
MEETING_START = dt.time(9, 0)
AGENDA_SECTIONS = (
    ("Pembukaan dan pesan utama", 10),
    ("Status tindak lanjut rapat lalu", 10),
    ("Kinerja layanan informasi per OPD", 25),
    ("Kualitas data dan suara OPD", 20),
    ("Hasil pelatihan", 10),
    ("Tindak lanjut dan keputusan", 25),
    ("Penutup", 5),
)


def _clock(minutes: int) -> str:
    start = MEETING_START.hour * 60 + MEETING_START.minute + minutes
    return f"{start // 60:02d}.{start % 60:02d}"


def _agenda_slide(
    decisions: Sequence[str], with_followup: bool, with_training: bool, notes_detail: str
) -> Slide:
    items, minute = [], 0
    for label, length in AGENDA_SECTIONS:
        if (label.startswith("Status") and not with_followup) or (
            label == "Hasil pelatihan" and not with_training
        ):
            continue
        items.append((0, f"{_clock(minute)}–{_clock(minute + length)}  {label}"))
        minute += length
    return Slide(
        key="agenda",
        layout="isi",
        title=f"Agenda: {len(decisions)} keputusan yang perlu diambil hari ini",
        blocks=(
            Columns(
                (
                    Bullets(tuple(items), numbered=True),
                    Bullets(((0, "Keputusan yang diambil:"), *((1, d) for d in decisions))),
                ),
                (0.5, 0.5),
            ),
        ),
        notes=(
            f"Rapat mulai pukul {_clock(0)} (sesuaikan), sekitar {minute} menit. "
            + notes_detail
            + " Keputusan: "
            + "; ".join(decisions)
            + "."
        ),
    )


def _close_slide(
    summary: PeriodSummary,
    config: Config | None,
    meeting: dt.date,
    calendar: WorkingCalendar,
    problem_opd: Sequence[str],
) -> Slide:
    following = summary.period.next()
    next_meeting = six_months_on(meeting, calendar)
    due_days = config.report_due_working_days if config is not None else None
    due = calendar.add_working_days(following.end, due_days) if due_days else None
    steps = [
        (
            0,
            f"Tindak lanjut disepakati untuk {len(problem_opd)} OPD; statusnya dibahas di "
            "rapat berikutnya.",
        ),
        (0, "Hasil pemeriksaan per OPD dikirim ke PPID Pembantu bersama teks perbaikannya."),
    ]
    if due is not None:
        steps.append((0, f"Laporan {following.title} paling lambat {format_date(due)}."))
    steps.append((0, f"Rapat koordinasi berikutnya: {format_date(next_meeting)}."))
    return Slide(
        key="penutup",
        layout="isi",
        title=f"Langkah berikut: rapat berikutnya {format_date(next_meeting, weekday=False)}",
        agenda="Penutup",
        blocks=(Bullets(tuple(steps)),),
        notes=(
            f"OPD yang perlu tindak lanjut: {join_names(list(problem_opd), 10) or 'tidak ada'}. "
            + (
                f"Batas laporan {following.title}: {format_date(due)} ({due_days} hari kerja "
                "setelah semester berakhir, pengaturan kip.toml). "
                if due is not None
                else ""
            )
            + "Tanggal rapat berikutnya: enam bulan sesudah rapat ini, "
            + f"{format_date(next_meeting)}."
        ),
    )


def proposed_followup(
    comparison: Comparison, config: Config | None, calendar: WorkingCalendar, meeting: dt.date
) -> Any:
    """This meeting's follow-up register proposed from the figures alone (a
    :class:`kip_training.followup.slides.FollowUp`), for callers that give none."""
    # imported here: kip_training.followup's slides import this package's model
    from kip_training.followup import slides, triggers

    register = triggers.build_register(comparison, meeting, config=config, calendar=calendar)
    return slides.FollowUp(register, next_meeting=six_months_on(meeting, calendar))


def problem_opd(summary: PeriodSummary, config: Config | None) -> list[str]:
    """Codes of the OPDs with a service or reporting problem (attention_reasons)."""
    threshold = measures.threshold_of(config)
    return [code for code, row in _rows(summary.per_opd) if attention_reasons(row, threshold)]


def build_content(
    comparison: Comparison,
    config: Config | None = None,
    training: TrainingSummary | None = None,
    calendar: WorkingCalendar | None = None,
    *,
    facts: IntakeFacts | None = None,
    followup: Any = None,
    monev: MonevSlide | None = None,
) -> Deck:
    """All slides of the coordination-meeting deck, as data.

    ``comparison`` is a :class:`~kip_training.metrics.Comparison`; ``training`` an optional
    ``TrainingSummary`` (the training slide is left out without it); ``config`` a
    :class:`~kip_training.config.Config`; ``facts`` the intake facts of the current
    reports (:func:`kip_training.deck.facts.intake_facts`; without them the rows excluded,
    the check's findings and the Kendala sheet are not shown); ``followup`` last
    and last meeting's follow-up (:class:`kip_training.followup.slides.FollowUp`; proposed
    from the figures when not given, :func:`proposed_followup`), whose register also gives
    the OPDs named in the agenda and the close; ``monev`` what the monev slide shows
    (:func:`kip_training.monev.slide.monev_slide`; no slide without it or when empty).
    """
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
    large = len(summary.per_opd) > LARGE_ROSTER
    problems = problem_opd(summary, config)
    names = {c: short_name(r, c) for c, r in _rows(summary.per_opd)}

    messages = key_messages(comparison, config, facts)
    if followup is None:
        followup = proposed_followup(comparison, config, calendar, meeting)
    opening = followup.opening()  # last meeting's follow-up status, when read back
    followed = [names.get(code, code) for code in followup.register.opd_codes()]
    performance = [
        _headline_slide(comparison, calendar, facts),
        _reporting_slide(summary, config, calendar),
        measures.ontime_slide(summary, config, top_n),
        measures.pareto_slide(summary, top_n),
        measures.change_slide(comparison, top_n),
        measures.periodic_slide(summary, top_n),
        measures.readiness_slide(summary, config, top_n),
        monev_slide(monev) if monev is not None and has_content(monev) else None,
        measures.objections_slide(comparison, facts),
        _decisions_slide(summary),
    ]
    quality = [
        voice.quality_slide(summary, facts),
        voice.findings_slide(summary, facts),
        voice.kendala_slide(summary, facts),
    ]
    trained = (
        [voice.training_slide(training, summary, problems, top_n)] if training is not None else []
    )
    closing = followup.closing()  # this meeting's register
    close = _close_slide(summary, config, meeting, calendar, followed)
    due = report_due(summary, config, calendar)
    following_due = (
        calendar.add_working_days(period.next().end, config.report_due_working_days)
        if config is not None and config.report_due_working_days
        else None
    )
    decisions = [
        f"tindak lanjut untuk {len(followed)} OPD (masalah, langkah, penanggung jawab, tenggat)",
        *(
            [f"batas laporan {period.next().title}: {format_date(following_due, weekday=False)}"]
            if following_due
            else []
        ),
        f"tanggal rapat berikutnya: {format_date(six_months_on(meeting, calendar), weekday=False)}",
    ]
    agenda = _agenda_slide(
        decisions,
        bool(opening),
        training is not None,
        (
            f"Data: laporan yang masuk sampai {format_date(due)}; "
            f"{len(summary.late_opd)} laporan masuk sesudahnya dan tetap dihitung."
            if due is not None
            else "Tanggal batas data tidak diketahui."
        ),
    )
    appendix = [
        Slide(
            key="bagian_lampiran",
            layout="bagian",
            title="Lampiran",
            subtitle=f"Angka lengkap per OPD, {period.title}; tabel lengkap juga di lampiran xlsx",
        ),
        *_appendix_slides(summary, large),
        _legal_slide(config),
    ]
    slides = [
        Slide(key="judul", layout="judul", title=title, subtitle="\n".join(subtitle_lines)),
        agenda,
        _key_messages_slide(messages, summary),
        *opening,
        *(s for s in performance if s is not None),
        *(s for s in quality if s is not None),
        *trained,
        *closing,
        close,
        *appendix,
    ]
    return Deck(title=title, slides=tuple(slides))
