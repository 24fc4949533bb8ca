"""The deck's follow-up slides, as :mod:`kip_training.deck.model` objects.

- :func:`status_slides`: "Status tindak lanjut rapat lalu" (opens the deck when last
  meeting's register is read back): per OPD, rows done / in progress / not done and
  overdue, then the overdue rows themselves;
- :func:`register_slides`: this meeting's register, problem → action → owner → due
  date per OPD, most severe first (the full register is the xlsx beside the deck).

Titles state the takeaway; notes name OPDs and figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kip_training.deck.model import Column, Slide, Table, Text, Tone
from kip_training.followup.model import (
    BELUM,
    SEDANG,
    SELESAI,
    TINGGI,
    Item,
    OpdProgress,
    Register,
    progress,
)
from kip_training.followup.readback import ReadBack
from kip_training.textfmt import format_date, format_number

#: Rows of a table on a presented slide; the rest is summed up ("Lainnya") or left to
#: the xlsx register, so a 300-OPD deck stays short.
MAX_ROWS = 10
#: Rows of the overdue and register tables (their cells hold a few words each, so fewer
#: rows fit a slide at a presented size).
MAX_OVERDUE_ROWS = 7
MAX_REGISTER_ROWS = 8
MAX_NAMES_IN_NOTES = 8


def _date(day: dt.date | None) -> str:
    return format_date(day, weekday=False) if day else "—"


def _n(value: int) -> str:
    return format_number(float(value))


def _names(names: Sequence[str]) -> str:
    shown = list(names[:MAX_NAMES_IN_NOTES])
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" dan {more} OPD lain" if more > 0 else "")


def _status_title(entries: list[OpdProgress], overdue: int) -> str:
    total = sum(e.total for e in entries)
    done = sum(e.counts[SELESAI] for e in entries)
    if not total:
        return "Tindak lanjut rapat lalu: tidak ada baris yang terbaca"
    if done == total:
        return f"Semua {_n(total)} tindak lanjut rapat lalu selesai"
    tail = f", {_n(overdue)} lewat tenggat" if overdue else ", tidak ada yang lewat tenggat"
    return f"Tindak lanjut rapat lalu: {_n(done)} dari {_n(total)} selesai{tail}"


def status_slides(
    items: Sequence[Item],
    on: dt.date,
    source: str = "",
    previous_title: str = "",
) -> list[Slide]:
    """Slides on last meeting's register: progress per OPD, then the overdue rows.

    ``on`` is this meeting's date (a row not done with an earlier due date is overdue);
    ``source`` the register's file name; ``previous_title`` the semester it was about.
    """
    entries = progress(items, on)
    entries.sort(key=lambda e: (-len(e.overdue), -(e.counts[BELUM] + e.counts[SEDANG]), e.opd))
    overdue = [item for e in entries for item in e.overdue]
    shown, rest = entries[:MAX_ROWS], entries[MAX_ROWS:]
    rows = [
        (
            e.opd,
            _n(e.counts[SELESAI]),
            _n(e.counts[SEDANG]),
            _n(e.counts[BELUM]),
            _n(len(e.overdue)),
        )
        for e in shown
    ]
    tones: list[tuple[Tone, ...]] = [
        (
            None,
            "baik" if e.counts[SELESAI] == e.total else None,
            None,
            None,
            "buruk" if e.overdue else None,
        )
        for e in shown
    ]
    if rest:
        rows.append(
            (
                f"Lainnya ({_n(len(rest))} OPD)",
                _n(sum(e.counts[SELESAI] for e in rest)),
                _n(sum(e.counts[SEDANG] for e in rest)),
                _n(sum(e.counts[BELUM] for e in rest)),
                _n(sum(len(e.overdue) for e in rest)),
            )
        )
        tones.append((None,) * 5)
    total = sum(e.total for e in entries)
    counts = {s: sum(e.counts[s] for e in entries) for s in (SELESAI, SEDANG, BELUM)}
    about = f" ({previous_title})" if previous_title else ""
    lead = Text(
        (
            f"{_n(total)} tindak lanjut dari rapat lalu{about}: {_n(counts[SELESAI])} selesai, "
            f"{_n(counts[SEDANG])} sedang dikerjakan, {_n(counts[BELUM])} belum dikerjakan; "
            f"{_n(len(overdue))} lewat tenggat per {_date(on)}.",
        )
    )
    table = Table(
        (
            Column("OPD", 4.0),
            Column("Selesai", 1.2, "right"),
            Column("Sedang dikerjakan", 1.5, "right"),
            Column("Belum dikerjakan", 1.5, "right"),
            Column("Lewat tenggat", 1.3, "right"),
        ),
        tuple(rows),
        tones=tuple(tones),
    )
    late_names = [e.opd for e in entries if e.overdue]
    open_names = [e.opd for e in entries if e.counts[BELUM] and not e.overdue]
    notes = (
        f"Status tindak lanjut yang disepakati pada rapat lalu{about}, dibaca dari register "
        f"{source or 'tindak lanjut'}: {_n(total)} baris, {_n(counts[SELESAI])} selesai, "
        f"{_n(counts[SEDANG])} sedang dikerjakan, {_n(counts[BELUM])} belum dikerjakan. "
        + (
            f"Lewat tenggat ({_n(len(overdue))} baris): {_names(late_names)}. "
            if overdue
            else "Tidak ada baris yang lewat tenggat. "
        )
        + (f"Belum dikerjakan, belum lewat tenggat: {_names(open_names)}. " if open_names else "")
        + "Mintalah setiap OPD yang lewat tenggat menyebut kendalanya dan tanggal selesai "
        "yang baru."
    )
    slides = [
        Slide(
            key="status_tindak_lanjut",
            layout="isi",
            title=_status_title(entries, len(overdue)),
            agenda="Status tindak lanjut rapat lalu",
            blocks=(lead, table),
            notes=notes,
        )
    ]
    if overdue:
        slides.append(_overdue_slide(overdue, on))
    return slides


def _overdue_slide(overdue: list[Item], on: dt.date) -> Slide:
    ordered = sorted(overdue, key=lambda i: (i.tenggat or on, i.opd))
    shown = ordered[:MAX_OVERDUE_ROWS]
    rows = tuple((item.opd, item.short, _date(item.tenggat), item.status) for item in shown)
    blocks: list = [
        Table(
            (
                Column("OPD", 3.2),
                Column("Masalah", 4.6),
                Column("Tenggat", 1.6),
                Column("Status", 1.8),
            ),
            rows,
        )
    ]
    if len(ordered) > len(shown):
        blocks.append(
            Text(
                (
                    f"Dan {_n(len(ordered) - len(shown))} baris lain yang lewat tenggat "
                    "(lihat register tindak lanjut).",
                )
            )
        )
    oldest = ordered[0]
    return Slide(
        key="tindak_lanjut_lewat_tenggat",
        layout="isi",
        title=f"{_n(len(ordered))} tindak lanjut lewat tenggat dan belum selesai",
        blocks=tuple(blocks),
        notes=(
            f"Baris register yang tenggatnya sebelum {_date(on)} dan statusnya belum "
            f"'{SELESAI}'. Paling lama: {oldest.opd}, '{oldest.short}', tenggat "
            f"{_date(oldest.tenggat)}. Sepakati tenggat baru dan catat di register."
        ),
    )


def register_slides(register: Register, next_meeting: dt.date | None = None) -> list[Slide]:
    """This meeting's register: problem → action → owner → due date, most severe first.

    Whole OPD groups are shown up to :data:`MAX_REGISTER_ROWS` rows; the complete register is the
    workbook :attr:`Register.file_name` written beside the deck.
    """
    items = list(register.items)
    codes = register.opd_codes()
    high = [i for i in items if i.tingkat == TINGGI]
    high_opd = list(dict.fromkeys(i.opd for i in high))
    if not items:
        return [
            Slide(
                key="tindak_lanjut",
                layout="isi",
                title="Tidak ada masalah yang perlu tindak lanjut khusus",
                agenda="Tindak lanjut yang disepakati",
                blocks=(Text(("Semua OPD melapor tepat waktu tanpa masalah layanan.",)),),
                notes="Register tindak lanjut semester ini kosong.",
            )
        ]
    shown: list[Item] = []
    for code in codes:
        group = register.of(code)
        if shown and len(shown) + len(group) > MAX_REGISTER_ROWS:
            break
        shown.extend(group)
    rows = []
    tones: list[tuple[Tone, ...]] = []
    for item in shown:
        rows.append(
            (
                item.opd,  # on every row: a long table continues on the next slide
                item.short,
                item.short_action,
                item.penanggung_jawab,
                _date(item.tenggat),
            )
        )
        tones.append((None, "buruk" if item.tingkat == TINGGI else None, None, None, None))
    shown_opd = len(dict.fromkeys(i.kode_opd for i in shown))
    lead_lines = [
        f"{_n(len(items))} masalah di {_n(len(codes))} OPD; slide ini memuat {_n(shown_opd)} "
        f"OPD dengan masalah terberat. Register lengkap untuk diedit: {register.file_name}."
    ]
    if next_meeting is not None:
        lead_lines.append(f"Status dibahas lagi pada rapat berikutnya, {_date(next_meeting)}.")
    title = (
        f"Tindak lanjut: {_n(len(items))} masalah di {_n(len(codes))} OPD, "
        f"{_n(len(high))} tingkat tinggi"
    )
    notes = (
        f"Usulan tindak lanjut dari angka {register.period.title}, diurutkan menurut tingkat. "
        + (
            f"Tingkat tinggi ({_n(len(high))} masalah): {_names(high_opd)}. "
            if high
            else "Tidak ada masalah tingkat tinggi. "
        )
        + "Sepakati untuk setiap baris: tindakan, penanggung jawab (bawaan: PPID Pembantu "
        f"OPD) dan tenggat; catat di {register.file_name} dan bagikan kepada OPD."
    )
    return [
        Slide(
            key="tindak_lanjut",
            layout="isi",
            title=title,
            agenda="Tindak lanjut yang disepakati",
            blocks=(
                Text(tuple(lead_lines)),
                Table(
                    (
                        Column("OPD", 2.6),
                        Column("Masalah", 3.2),
                        Column("Tindakan", 3.4),
                        Column("Penanggung jawab", 2.2),
                        Column("Tenggat", 1.5),
                    ),
                    tuple(rows),
                    tones=tuple(tones),
                ),
            ),
            notes=notes,
        )
    ]


@dataclass(frozen=True)
class FollowUp:
    """What the deck shows of the follow-up: this meeting's proposed ``register`` and,
    when it was read back, last meeting's register (``previous``)."""

    register: Register
    previous: ReadBack | None = None
    next_meeting: dt.date | None = None

    def opening(self) -> list[Slide]:
        """The status of last meeting's rows (none without a register read back)."""
        if self.previous is None or not self.previous.items:
            return []
        period = self.previous.period
        return status_slides(
            self.previous.items,
            self.register.meeting,
            Path(self.previous.file).name,
            period.title if period is not None else "",
        )

    def closing(self) -> list[Slide]:
        """This meeting's register, before the close."""
        return register_slides(self.register, self.next_meeting)
