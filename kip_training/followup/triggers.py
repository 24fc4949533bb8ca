"""Propose the follow-up register from the semester's figures: one row per trigger.

Triggers, per OPD (most severe first):

- report not sent (``tidak_melapor``) or sent but unusable (``tidak_dapat_dipakai``);
- requests refused without a Pasal 17 letter (the check rejects such rows, so they are
  counted from its issues: :func:`report_facts`);
- objections answered by the Atasan PPID after the legal limit
  (``law.DEADLINES["tanggapan_keberatan"]``);
- written notices sent late (``per_opd["terlambat"]``): high when the on-time rate is
  below ``config.ontime_threshold``, low otherwise;
- periodic information (Pasal 9) not kept up to date (less than
  ``deck.common.BERKALA_MIN_FRESH`` of it fresh, as the deck's periodic slide marks it);
- report sent after the due date;
- no participant in the training (when a quiz summary is given).

A trigger that also fired in the previous semester is marked as repeating and raised one
level. Actions are proposals in Indonesian for the meeting to edit; the owner is the
OPD's PPID Pembantu; due dates come from the working-day calendar.

Only per-OPD counts are read, never request rows, so no requester data reaches a row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from typing import Any, NamedTuple

import pandas as pd

from kip_training import law
from kip_training.calendar import WorkingCalendar
from kip_training.config import Config
from kip_training.deck import common as deck_common
from kip_training.followup.model import (
    LEVELS,
    MENENGAH,
    RENDAH,
    SELESAI,
    TINGGI,
    Item,
    Register,
    first_sentence,
    level_rank,
    raised,
)
from kip_training.metrics import Comparison, PeriodSummary
from kip_training.quiz.analytics import TrainingSummary
from kip_training.reports import schema
from kip_training.reports.model import GALAT, Period, ReportSet
from kip_training.textfmt import format_date, format_percent

#: Working days after the meeting for actions that cannot wait for the next report
#: (a convention of this toolkit; the meeting may agree other dates).
URGENT_WORKING_DAYS = 10
SOON_WORKING_DAYS = 20
#: The check's message for a refusal without a Pasal 17 letter starts with this text.
NO_LETTER_MESSAGE = "Permohonan ditolak tanpa huruf Pasal 17"

FACT_COLUMNS = ("tolak_tanpa_pasal17", "keberatan_terlambat")
#: Trigger kinds in the order rows of one OPD are listed (at equal level).
KINDS = (
    "tidak_melapor",
    "tidak_dapat_dipakai",
    "tolak_tanpa_pasal17",
    "keberatan_terlambat",
    "pemberitahuan_terlambat",
    "berkala_usang",
    "laporan_terlambat",
    "tanpa_pelatihan",
)


def report_facts(reports: ReportSet) -> pd.DataFrame:
    """Per roster OPD: refusals without a Pasal 17 letter, objections answered late.

    Refusals without a letter are rejected by the check, so they are counted from its
    issues on the files in use; late answers from the accepted objection rows.
    """
    codes = pd.Index(reports.roster["kode"].astype(str), name="kode")
    facts = pd.DataFrame(0, index=codes, columns=list(FACT_COLUMNS), dtype="int64")
    letter = schema.PERMOHONAN.column("pasal_17").title
    for result in reports.files:
        if not result.used:
            continue
        for issue in result.issues:
            if (
                issue.severity == GALAT
                and issue.column == letter
                and issue.message.startswith(NO_LETTER_MESSAGE)
                and issue.kode_opd in facts.index
            ):
                facts.at[issue.kode_opd, "tolak_tanpa_pasal17"] += 1
    limit = law.DEADLINES["tanggapan_keberatan"].working_days
    objections = reports.keberatan
    if len(objections) and "hari_kerja_tanggapan" in objections:
        late = objections[objections["hari_kerja_tanggapan"].fillna(0).astype("int64") > limit]
        counts = late["kode_opd"].astype(str).value_counts()
        counts = counts[counts.index.isin(facts.index)]
        facts.loc[counts.index, "keberatan_terlambat"] = counts.to_numpy()
    return facts


def _missing(value: Any) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _num(value: Any) -> float:
    return 0.0 if _missing(value) else float(value)


def _count(value: float) -> str:
    return f"{int(value):,}".replace(",", ".")


def _name(row: Mapping[str, Any], code: str) -> str:
    name = row.get("nama")
    return name.strip() if isinstance(name, str) and name.strip() else code


def owner(row: Mapping[str, Any], code: str) -> str:
    """The default owner: the OPD's PPID Pembantu (by the OPD's short name)."""
    for key in ("singkatan", "nama"):
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return f"PPID Pembantu {value.strip()}"
    return f"PPID Pembantu {code}"


class _Dates:
    """The due dates the proposals use, from the calendar and config."""

    def __init__(
        self, period: Period, meeting: dt.date, calendar: WorkingCalendar, config: Config | None
    ) -> None:
        self.meeting = meeting
        self.urgent = calendar.add_working_days(meeting, URGENT_WORKING_DAYS)
        self.soon = calendar.add_working_days(meeting, SOON_WORKING_DAYS)
        self.next_period = period.next()
        due_days = config.report_due_working_days if config is not None else None
        self.next_report = (
            calendar.add_working_days(self.next_period.end, due_days) if due_days else None
        )
        self.report_due = calendar.add_working_days(period.end, due_days) if due_days else None

    @property
    def by_next_report(self) -> dt.date:
        return self.next_report or self.soon


class Proposal(NamedTuple):
    """One trigger that fired: the register's texts and the slide's short ones."""

    kind: str
    level: str
    problem: str
    action: str
    due: dt.date
    short: str
    short_action: str


def _proposals(
    row: Mapping[str, Any],
    facts: Mapping[str, Any],
    period: Period,
    dates: _Dates,
    threshold: float,
    trained: bool | None,
) -> list[Proposal]:
    """Every trigger that fires for one OPD (its figures ``row``, its ``facts``)."""
    out: list[Proposal] = []
    status = row.get("status_laporan")
    if status == "tidak_melapor":
        out.append(
            Proposal(
                "tidak_melapor",
                TINGGI,
                f"Laporan {period.title} tidak diterima PPID Utama.",
                f"Kirim laporan {period.title} memakai templat terbaru (kip template); "
                "tetapkan petugas yang mengisi register permohonan.",
                dates.urgent,
                "Laporan tidak diterima",
                "Kirim laporan memakai templat terbaru",
            )
        )
    elif status == "tidak_dapat_dipakai":
        out.append(
            Proposal(
                "tidak_dapat_dipakai",
                TINGGI,
                f"Laporan {period.title} tiba tetapi tidak dapat dipakai; angkanya tidak "
                "dihitung (bukan nol).",
                "Perbaiki berkas menurut hasil pemeriksaan (kip check) lalu kirim ulang.",
                dates.urgent,
                "Laporan tidak dapat dipakai",
                "Perbaiki menurut kip check, kirim ulang",
            )
        )
    refusals = _num(facts.get("tolak_tanpa_pasal17"))
    if refusals:
        out.append(
            Proposal(
                "tolak_tanpa_pasal17",
                TINGGI,
                f"{_count(refusals)} permohonan ditolak tanpa menyebut huruf Pasal 17 UU KIP; "
                "penolakan hanya sah berdasarkan pengecualian Pasal 17 dan uji konsekuensi.",
                "Tinjau ulang setiap penolakan: buat uji konsekuensi tertulis dan tetapkan "
                "huruf Pasal 17-nya, atau berikan informasinya; laporkan hasilnya.",
                dates.urgent,
                f"{_count(refusals)} penolakan tanpa huruf Pasal 17",
                "Uji konsekuensi tertulis, atau berikan informasinya",
            )
        )
    answer = law.DEADLINES["tanggapan_keberatan"]
    late_answers = _num(facts.get("keberatan_terlambat"))
    if late_answers:
        out.append(
            Proposal(
                "keberatan_terlambat",
                TINGGI,
                f"{_count(late_answers)} keberatan ditanggapi Atasan PPID lewat "
                f"{answer.working_days} hari kerja ({answer.basis}).",
                "Tetapkan alur disposisi keberatan ke Atasan PPID dengan pemantauan "
                f"tenggat {answer.working_days} hari kerja sejak keberatan diterima.",
                dates.soon,
                f"{_count(late_answers)} keberatan dijawab lewat {answer.working_days} HK",
                "Alur disposisi keberatan dengan pemantauan tenggat",
            )
        )
    late_notices = _num(row.get("terlambat"))
    if late_notices:
        rate = row.get("persen_tepat_waktu")
        below = not _missing(rate) and float(rate) < threshold
        notice = law.DEADLINES["pemberitahuan"]
        share = f"; tepat waktu {format_percent(float(rate), 1)}" if not _missing(rate) else ""
        out.append(
            Proposal(
                "pemberitahuan_terlambat",
                TINGGI if below else RENDAH,
                f"{_count(late_notices)} pemberitahuan tertulis terlambat (lewat "
                f"{notice.working_days} hari kerja, atau {law.NOTICE_DAYS_EXTENDED} dengan "
                f"perpanjangan){share}.",
                "Pantau register permohonan setiap minggu; kirim pemberitahuan tertulis "
                f"paling lambat {notice.working_days} hari kerja, atau perpanjangan tertulis "
                "beserta alasannya.",
                dates.by_next_report,
                f"{_count(late_notices)} pemberitahuan terlambat",
                "Pantau register permohonan tiap minggu",
            )
        )
    if status in ("tepat_waktu", "terlambat"):
        items = _num(row.get("berkala_item"))
        fresh = _num(row.get("berkala_mutakhir"))
        article = law.CATEGORIES["berkala"].article
        problem = short = None
        if items == 0:
            problem = f"Belum mencatat informasi berkala ({article})."
            short = "Informasi berkala belum dicatat"
        elif fresh / items < deck_common.BERKALA_MIN_FRESH:
            problem = (
                f"Hanya {_count(fresh)} dari {_count(items)} informasi berkala yang mutakhir "
                f"({article}: diumumkan paling singkat 6 bulan sekali)."
            )
            short = f"Berkala mutakhir {_count(fresh)} dari {_count(items)}"
        if problem and short:
            out.append(
                Proposal(
                    "berkala_usang",
                    MENENGAH,
                    problem,
                    "Perbarui dan umumkan informasi berkala di situs PPID; catat tanggal "
                    "pemutakhirannya di laporan.",
                    dates.soon,
                    short,
                    "Perbarui dan umumkan informasi berkala",
                )
            )
    if status == "terlambat":
        received = row.get("tanggal_laporan")
        when = (
            f" (diterima {format_date(pd.Timestamp(received).date(), weekday=False)})"
            if received is not None and not pd.isna(received)
            else ""
        )
        deadline = (
            f"paling lambat {format_date(dates.next_report, weekday=False)}"
            if dates.next_report
            else "tepat waktu"
        )
        out.append(
            Proposal(
                "laporan_terlambat",
                RENDAH,
                f"Laporan {period.title} terlambat{when}.",
                f"Kirim laporan {dates.next_period.title} {deadline}.",
                dates.by_next_report,
                "Laporan terlambat",
                f"Kirim laporan {dates.next_period.title} tepat waktu",
            )
        )
    if trained is False:
        out.append(
            Proposal(
                "tanpa_pelatihan",
                RENDAH,
                "Tidak ada peserta dari OPD ini pada pelatihan dan kuis UU KIP.",
                "Ikutkan PPID Pembantu dan petugas layanan pada pelatihan UU KIP berikutnya.",
                dates.by_next_report,
                "Tidak ikut pelatihan",
                "Ikut pelatihan UU KIP berikutnya",
            )
        )
    return out


def _rows(per_opd: pd.DataFrame) -> dict[str, dict[str, Any]]:
    records = per_opd.to_dict("index")
    return {str(code): row for code, row in records.items()}


def _facts(facts: pd.DataFrame | None, code: str) -> Mapping[str, Any]:
    if facts is None or code not in facts.index:
        return {}
    return facts.loc[code].to_dict()


def _kinds(
    summary: PeriodSummary | None, facts: pd.DataFrame | None, threshold: float, config
) -> dict[str, set[str]]:
    """The trigger kinds that fired per OPD in ``summary`` (a previous semester)."""
    if summary is None:
        return {}
    period = summary.period
    calendar = WorkingCalendar.from_config(config) if config is not None else WorkingCalendar()
    dates = _Dates(period, period.end, calendar, config)
    return {
        code: {p.kind for p in _proposals(row, _facts(facts, code), period, dates, threshold, None)}
        for code, row in _rows(summary.per_opd).items()
    }


def _trained(training: TrainingSummary | None) -> set[str] | None:
    if training is None:
        return None
    by_opd = training.by_opd
    if by_opd is None or not len(by_opd) or "kode_opd" not in by_opd:
        return set()
    if "peserta" in by_opd:
        by_opd = by_opd[by_opd["peserta"] > 0]
    return {str(code).strip().upper() for code in by_opd["kode_opd"]}


def meeting_date(period: Period, config: Config | None, calendar: WorkingCalendar) -> dt.date:
    """The meeting's date: ``[rapat] tanggal`` of kip.toml, else the deck's default."""
    if config is not None and config.meeting_date:
        return config.meeting_date
    return deck_common.default_meeting_date(period, calendar)


def next_meeting(meeting: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The next meeting's date, as the deck's close computes it."""
    return deck_common.six_months_on(meeting, calendar)


def build_register(
    comparison: Comparison,
    meeting: dt.date,
    *,
    config: Config | None = None,
    calendar: WorkingCalendar | None = None,
    training: TrainingSummary | None = None,
    facts: pd.DataFrame | None = None,
    previous_facts: pd.DataFrame | None = None,
) -> Register:
    """The proposed register of the meeting on ``meeting`` about ``comparison.current``.

    ``facts`` / ``previous_facts`` are :func:`report_facts` of the current and previous
    reports (without them the two triggers that need report rows do not fire).
    Rows are grouped per OPD; OPDs with the most severe problems first.
    """
    summary = comparison.current
    period = summary.period
    if calendar is None:
        calendar = WorkingCalendar.from_config(config) if config is not None else WorkingCalendar()
    threshold = config.ontime_threshold if config is not None else 0.8
    dates = _Dates(period, meeting, calendar, config)
    before = _kinds(comparison.previous, previous_facts, threshold, config)
    previous_title = comparison.previous.period.title if comparison.previous is not None else ""
    trained = _trained(training)
    groups: list[tuple[tuple, list[Item]]] = []
    for position, (code, row) in enumerate(_rows(summary.per_opd).items()):
        took_part = None if trained is None else code.upper() in trained
        proposals = _proposals(row, _facts(facts, code), period, dates, threshold, took_part)
        items = []
        for p in proposals:
            level, problem, short = p.level, p.problem, p.short
            if p.kind in before.get(code, ()):
                level = raised(level)
                problem += f" Berulang: juga terjadi pada {previous_title}."
                short += " (berulang)"
            items.append(
                Item(
                    kode_opd=code,
                    opd=_name(row, code),
                    masalah=problem,
                    tingkat=level,
                    tindakan=p.action,
                    penanggung_jawab=owner(row, code),
                    tenggat=p.due,
                    kind=p.kind,
                    ringkas=short,
                    tindakan_ringkas=p.short_action,
                )
            )
        if not items:
            continue
        items.sort(key=lambda i: (level_rank(i.tingkat), KINDS.index(i.kind)))
        ranks = [level_rank(i.tingkat) for i in items]
        severity = tuple(-ranks.count(rank) for rank in range(len(LEVELS)))
        groups.append(((severity, position), items))
    groups.sort(key=lambda group: group[0])
    return Register(
        period=period,
        meeting=meeting,
        items=tuple(item for _, items in groups for item in items),
        next_report_due=dates.next_report,
    )


def carry_over(register: Register, read_back) -> Register:
    """``register`` with last meeting's unfinished rows appended (status, owner, due date
    and notes kept; the problem marked as carried over), so nothing agreed is dropped."""
    if read_back is None:
        return register
    open_items = [item for item in read_back.items if item.status != SELESAI]
    if not open_items:
        return register
    period = read_back.period
    since = f"Lanjutan rapat {period.title}: " if period is not None else "Lanjutan: "
    carried = tuple(
        dataclasses.replace(
            item,
            masalah=item.masalah if item.masalah.startswith("Lanjutan") else since + item.masalah,
            ringkas=first_sentence(item.masalah) + " (lanjutan)",
            row=None,
        )
        for item in sorted(open_items, key=lambda i: level_rank(i.tingkat))
    )
    return dataclasses.replace(register, items=register.items + carried)
