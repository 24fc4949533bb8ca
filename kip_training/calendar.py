"""Indonesian working-day calendar for KIP deadlines.

Working days are Monday to Friday minus the national public holidays (``holidays``
package, country ID, category ``public``), minus local extra days off read from a CSV
file (``tanggal,keterangan``), and minus the government's collective leave (cuti
bersama, category ``government``) only under the ``libur`` reading. The default reading,
``kerja``, counts cuti bersama as working days (the earlier date); both are the toolkit's
conventions (:data:`kip_training.law.CUTI_BERSAMA_READINGS`), and a :class:`DueDate`
carries the due date under both.

Counting convention (:data:`kip_training.law.RECEIPT_DAY_COUNTS`, the toolkit's, not the
law's): the day of receipt is day 0; the deadline is the N-th working day after it. A
request received on a Saturday has Monday as day 1.

Build a calendar from the configuration with :meth:`WorkingCalendar.from_config` and
pass it along; :meth:`WorkingCalendar.with_reading` gives the same calendar under the
other reading of cuti bersama.

The arithmetic runs on numpy's business-day functions, so whole columns of dates are
counted at once (see :meth:`WorkingCalendar.count_working_days`).
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import holidays
import numpy as np

from kip_training import law, textfile
from kip_training.cachedir import private_folder, write_atomically
from kip_training.config import Config, load_config
from kip_training.errors import CalendarError
from kip_training.textfmt import format_date, parse_date

FIRST_YEAR = 2008
LAST_YEAR = 2040
WEEKEND_NAMES = {5: "Sabtu", 6: "Minggu"}
#: How the ``holidays`` package marks a date it has only estimated (language "id").
ESTIMATE_MARK = "perkiraan"


@dataclass(frozen=True)
class DayOff:
    """A weekday that is not a working day, with its Indonesian name."""

    date: dt.date
    name: str
    cuti_bersama: bool = False


@dataclass(frozen=True)
class DueDate:
    """The due date of a deadline kind for a given receipt date, under both readings.

    ``due`` and ``skipped`` follow the calendar's reading of cuti bersama (``reading``);
    ``due_kerja`` and ``due_libur`` are the due dates with cuti bersama counted as
    working days and skipped. ``cuti_bersama_counted`` lists the cuti bersama days that
    the ``kerja`` reading counted as working days up to ``due``; ``received_day_off``
    names the receipt date when it is itself a day off (weekend, holiday, cuti bersama);
    ``estimated_years`` the years of the window whose holiday dates are estimates.
    """

    received: dt.date
    deadline: law.Deadline
    due: dt.date
    skipped: tuple[DayOff, ...]
    reading: str = law.CUTI_BERSAMA_DEFAULT
    due_kerja: dt.date | None = None
    due_libur: dt.date | None = None
    cuti_bersama_counted: tuple[DayOff, ...] = ()
    received_day_off: str | None = None
    estimated_years: tuple[int, ...] = ()

    @property
    def kind(self) -> str:
        return self.deadline.key

    @property
    def readings_differ(self) -> bool:
        """Whether skipping cuti bersama would give another due date."""
        return self.due_kerja != self.due_libur

    def as_dict(self) -> dict:
        return {
            "received": self.received.isoformat(),
            "kind": self.deadline.key,
            "label": self.deadline.label,
            "working_days": self.deadline.working_days,
            "counted_from": self.deadline.counted_from,
            "due": self.due.isoformat(),
            "reading": law.CUTI_BERSAMA_READINGS[self.reading],
            "due_cuti_bersama_kerja": (self.due_kerja or self.due).isoformat(),
            "due_cuti_bersama_libur": (self.due_libur or self.due).isoformat(),
            "basis": self.deadline.basis,
            "skipped": [{"date": d.date.isoformat(), "name": d.name} for d in self.skipped],
            "estimated_years": list(self.estimated_years),
        }

    def convention_lines(self) -> list[str]:
        """Indonesian lines that explain the counting as the toolkit's convention.

        The day-0 rule; the reading of cuti bersama and both dates when they differ
        (with why the default is the earlier date); how offices differ when the
        receipt date is a day off; and which years' holiday dates are estimates.
        """
        lines = [law.DAY_ZERO_CONVENTION]
        if self.deadline.preceding_days:
            lines.append(
                f"Tanggal yang dimasukkan adalah {self.deadline.received_from}; "
                f"{self.deadline.working_days} hari kerja dihitung sesudah "
                f"{self.deadline.counted_from}, jadi jatuh tempo adalah hari kerja ke-"
                f"{self.deadline.total_working_days} sesudah tanggal itu."
            )
        if self.received_day_off:
            lines.append(
                f"Tanggal diterima bukan hari kerja biasa ({self.received_day_off}). "
                f"{law.DAY_OFF_RECEIPT_NOTE}"
            )
        label = law.CUTI_BERSAMA_READING_LABELS[self.reading]
        if self.readings_differ:
            lines += [
                f"Bacaan yang dipakai: {label}.",
                "Jatuh tempo bila cuti bersama dihitung sebagai hari kerja (bawaan): "
                f"{format_date(self.due_kerja)}.",
                f"Jatuh tempo bila cuti bersama dilewati: {format_date(self.due_libur)}.",
                law.CUTI_BERSAMA_DEFAULT_REASON,
            ]
        elif self.cuti_bersama_counted:
            lines.append(f"Bacaan yang dipakai: {label}; kedua bacaan memberi tanggal yang sama.")
        if self.cuti_bersama_counted:
            days = "; ".join(f"{format_date(d.date)} ({d.name})" for d in self.cuti_bersama_counted)
            lines.append(f"Cuti bersama yang dihitung sebagai hari kerja: {days}.")
        if self.estimated_years:
            years = ", ".join(str(y) for y in self.estimated_years)
            lines.append(
                f'Tanggal libur tahun {years} masih perkiraan (ditandai "perkiraan"); '
                "periksa SKB libur nasional dan cuti bersama tahun itu."
            )
        return lines


def read_extra_days_off(path: Path) -> dict[dt.date, str]:
    """Read a local file of extra days off (``tanggal,keterangan``): a CSV with ``,``,
    ``;`` or tabs, in UTF-8 or Windows-1252 (as Excel and LibreOffice save it).

    Raises :class:`CalendarError` naming the file, the line and the value when a row
    cannot be understood.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CalendarError(f"Berkas libur tambahan {path} tidak ditemukan.") from None
    text = textfile.decode(data) or data.decode("cp1252", errors="replace")
    reader = csv.DictReader(text.splitlines(), delimiter=textfile.separator(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "tanggal" not in header or "keterangan" not in header:
        raise CalendarError(
            f"Berkas libur tambahan {path}: baris 1 harus memuat kolom 'tanggal' dan "
            f"'keterangan' (ditemukan: {', '.join(header) or 'kosong'})."
        )
    days: dict[dt.date, str] = {}
    for line_no, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not any(row.values()):
            continue
        raw = row.get("tanggal", "")
        try:
            day = parse_date(raw)
        except ValueError:
            raise CalendarError(
                f"Berkas libur tambahan {path}, baris {line_no}, kolom 'tanggal': "
                f"'{raw}' bukan tanggal. Tulis seperti 2026-08-18 atau 18/08/2026."
            ) from None
        name = row.get("keterangan") or "Libur tambahan"
        if day in days:
            raise CalendarError(
                f"Berkas libur tambahan {path}, baris {line_no}: tanggal {day.isoformat()} "
                "tercantum dua kali."
            )
        days[day] = name
    return days


HOLIDAY_CATEGORIES = ("public", "government")


def _weekday_holidays(first_year: int, last_year: int, category: str) -> dict[dt.date, str]:
    national = holidays.country_holidays(
        "ID",
        years=range(first_year, last_year + 1),
        categories=(category,),
        language="id",
    )
    return {day: name for day, name in national.items() if day.weekday() < 5}


@cache
def national_days_off(first_year: int, last_year: int) -> dict[str, dict[dt.date, str]]:
    """Weekday national holidays (``public``) and cuti bersama (``government``), by category.

    Each category maps its weekday dates to their Indonesian names (from ``holidays``;
    estimated dates carry "(perkiraan)").

    Computing them (the ``holidays`` country tables, 33 years of lunar and solar
    dates) takes about 0.3 s, paid by every command and every worker process; the
    table is kept in the toolkit's cache folder (``kalender/``), keyed by the version
    of ``holidays`` and the years, so a new release of ``holidays`` (new cuti bersama)
    is picked up at once. Within a process it is computed once (callers copy what
    they change).
    """
    folder = private_folder("kalender")
    key = f"ID-{'+'.join(HOLIDAY_CATEGORIES)}-{first_year}-{last_year}-{holidays.__version__}"
    path = None if folder is None else folder / f"{key}.json"
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            return {
                category: {
                    dt.date.fromisoformat(day): name for day, name in stored[category].items()
                }
                for category in HOLIDAY_CATEGORIES
            }
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            pass  # not stored yet, or damaged: compute it again
    days = {c: _weekday_holidays(first_year, last_year, c) for c in HOLIDAY_CATEGORIES}
    if path is not None:
        text = json.dumps(
            {c: {day.isoformat(): name for day, name in table.items()} for c, table in days.items()}
        )
        with contextlib.suppress(OSError):  # a read-only cache folder only costs time
            write_atomically(path, text.encode("utf-8"))
    return days


@dataclass
class WorkingCalendar:
    """Working days for KIP deadlines in Indonesia under one reading of cuti bersama.

    ``cuti_bersama`` is ``"kerja"`` (counted as working days, the default) or
    ``"libur"`` (skipped); ``extra_days_off`` are the local days off of kip.toml.
    """

    extra_days_off: Mapping[dt.date, str] = field(default_factory=dict)
    first_year: int = FIRST_YEAR
    last_year: int = LAST_YEAR
    cuti_bersama: str = law.CUTI_BERSAMA_DEFAULT

    def __post_init__(self) -> None:
        if self.cuti_bersama not in law.CUTI_BERSAMA_READINGS:
            raise ValueError(
                f"cuti_bersama must be one of {', '.join(law.CUTI_BERSAMA_READINGS)}, "
                f"not {self.cuti_bersama!r}"
            )

    @classmethod
    def from_config(cls, config: Config | None = None) -> WorkingCalendar:
        """The calendar of ``config`` (the active kip.toml when None): its local extra
        days off and its reading of cuti bersama. Read at each call, never kept."""
        config = config if config is not None else load_config()
        path = config.extra_days_off_path
        return cls(read_extra_days_off(path) if path else {}, cuti_bersama=config.cuti_bersama)

    def with_reading(self, reading: str) -> WorkingCalendar:
        """This calendar under another reading of cuti bersama ("kerja" or "libur")."""
        if reading == self.cuti_bersama:
            return self
        return dataclasses.replace(self, cuti_bersama=reading)

    @property
    def other_reading(self) -> str:
        """The reading of cuti bersama this calendar does not use ("kerja" or "libur")."""
        return next(r for r in law.CUTI_BERSAMA_READINGS if r != self.cuti_bersama)

    @property
    def reading(self) -> str:
        """The reading's key as shown to users: "cuti_bersama_kerja" or "cuti_bersama_libur"."""
        return law.CUTI_BERSAMA_READINGS[self.cuti_bersama]

    @cached_property
    def _national(self) -> dict[str, dict[dt.date, str]]:
        return national_days_off(self.first_year, self.last_year)

    @cached_property
    def cuti_bersama_days(self) -> dict[dt.date, str]:
        """Weekday cuti bersama that are not also a national holiday or a local day off:
        the days on which the two readings differ."""
        public = self._national["public"]
        return {
            day: name
            for day, name in self._national["government"].items()
            if day not in public and day not in self.extra_days_off
        }

    @cached_property
    def days_off(self) -> dict[dt.date, str]:
        """Every weekday off under this reading (national holiday, local day off, and
        cuti bersama when it is skipped), with its name."""
        names = dict(self._national["public"])
        if self.cuti_bersama == law.CUTI_BERSAMA_LIBUR:
            for day, name in self._national["government"].items():
                names[day] = f"{names[day]}; {name}" if day in names else name
        for day, name in self.extra_days_off.items():
            if day.weekday() < 5:
                names[day] = f"{names[day]}; {name}" if day in names else name
        return dict(sorted(names.items()))

    @cached_property
    def estimated_years(self) -> frozenset[int]:
        """Years whose holiday dates the ``holidays`` package marks as estimates."""
        return frozenset(
            day.year
            for table in self._national.values()
            for day, name in table.items()
            if ESTIMATE_MARK in name
        )

    @cached_property
    def _other(self) -> WorkingCalendar:
        other = {law.CUTI_BERSAMA_KERJA: law.CUTI_BERSAMA_LIBUR}.get(
            self.cuti_bersama, law.CUTI_BERSAMA_KERJA
        )
        return self.with_reading(other)

    @cached_property
    def _busdaycal(self) -> np.busdaycalendar:
        return np.busdaycalendar(
            weekmask="1111100", holidays=np.array(list(self.days_off), dtype="datetime64[D]")
        )

    def prepare(self) -> WorkingCalendar:
        """Compute the days off now (before forking processes that count with them)."""
        self._busdaycal  # noqa: B018  (a cached property: computed once, then kept)
        return self

    def __getstate__(self) -> dict:
        # numpy's busdaycalendar cannot be pickled; worker processes rebuild it.
        state = dict(self.__dict__)
        state.pop("_busdaycal", None)
        state.pop("_other", None)
        return state

    def _check_range(self, day: dt.date) -> None:
        if not self.first_year <= day.year <= self.last_year:
            raise CalendarError(
                f"Tanggal {day.isoformat()} di luar rentang kalender "
                f"({self.first_year}–{self.last_year})."
            )

    def is_working_day(self, day: dt.date) -> bool:
        self._check_range(day)
        return bool(np.is_busday(np.datetime64(day, "D"), busdaycal=self._busdaycal))

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (``start`` itself is day 0)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        self._check_range(start)
        if n == 0:
            return start
        # Rolling a day off back to the previous working day does not change which
        # working day is the n-th after it: none lies between the two.
        due = np.busday_offset(
            np.datetime64(start, "D"), n, roll="backward", busdaycal=self._busdaycal
        )
        result = due.astype(dt.date)
        self._check_range(result)
        return result

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``.

        The inverse of :meth:`add_working_days`: ``working_days_between(d,
        add_working_days(d, n)) == n``. Negative when ``end`` is before ``start``.
        """
        self._check_range(start)
        self._check_range(end)
        return int(self.count_working_days(np.array([start]), np.array([end]))[0])

    def count_working_days(self, starts: Iterable, ends: Iterable) -> np.ndarray:
        """Vectorised :meth:`working_days_between` over arrays of dates.

        Accepts anything numpy turns into ``datetime64[D]`` (dates, pandas datetime
        columns). Missing dates (NaT) are not allowed: drop those pairs first.
        """
        begin = np.asarray(starts, dtype="datetime64[D]") + np.timedelta64(1, "D")
        end = np.asarray(ends, dtype="datetime64[D]") + np.timedelta64(1, "D")
        return np.busday_count(begin, end, busdaycal=self._busdaycal)

    def days_off_between(self, start: dt.date, end: dt.date) -> list[DayOff]:
        """Weekdays off after ``start`` up to and including ``end``, with their names."""
        cuti = self.cuti_bersama_days
        return [
            DayOff(day, name, day in cuti)
            for day, name in self.days_off.items()
            if start < day <= end
        ]

    def day_off_name(self, day: dt.date) -> str | None:
        """Why ``day`` is a day off (weekend, holiday, local day off or cuti bersama under
        either reading), or None for an ordinary working day."""
        if day.weekday() >= 5:
            return WEEKEND_NAMES[day.weekday()]
        return self.days_off.get(day) or self.cuti_bersama_days.get(day)

    def due_date(self, received: dt.date, kind: str) -> DueDate:
        """The due date of a KIP deadline kind (see :data:`kip_training.law.DEADLINES`),
        by this calendar's reading of cuti bersama and by the other one."""
        try:
            deadline = law.DEADLINES[kind]
        except KeyError:
            raise CalendarError(unknown_kind_message(kind)) from None
        due = self.add_working_days(received, deadline.total_working_days)
        other = self._other.add_working_days(received, deadline.total_working_days)
        kerja = self.cuti_bersama == law.CUTI_BERSAMA_KERJA
        due_kerja, due_libur = (due, other) if kerja else (other, due)
        counted = (
            tuple(
                DayOff(day, name, True)
                for day, name in self.cuti_bersama_days.items()
                if received < day <= due
            )
            if kerja
            else ()
        )
        last = max(due_kerja, due_libur)
        estimated = tuple(
            y for y in range(received.year, last.year + 1) if y in self.estimated_years
        )
        return DueDate(
            received,
            deadline,
            due,
            tuple(self.days_off_between(received, due)),
            self.cuti_bersama,
            due_kerja,
            due_libur,
            counted,
            self.day_off_name(received),
            estimated,
        )


def unknown_kind_message(kind: str) -> str:
    """Indonesian message for an unknown deadline kind, listing the valid ones."""
    valid = ", ".join(law.DEADLINES)
    return f"Jenis tenggat '{kind}' tidak dikenal. Pilihan yang sah: {valid}."
