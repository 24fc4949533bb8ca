"""Indonesian working-day calendar for KIP deadlines.

Working days are Monday to Friday minus the national public holidays and the
government's collective leave (cuti bersama), both from the ``holidays`` package
(country ID, categories ``public`` and ``government``), minus local extra days off
read from a CSV file (``tanggal,keterangan``).

Counting convention (KIP.md §3, :data:`kip_training.law.RECEIPT_DAY_COUNTS`): the day
of receipt is day 0; the deadline is the N-th working day after it. A request received
on a Saturday has Monday as day 1.

The arithmetic runs on numpy's business-day functions, so whole columns of dates are
counted at once (see :meth:`WorkingCalendar.count_working_days`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import holidays
import numpy as np

from kip_training import law
from kip_training.errors import CalendarError
from kip_training.textfmt import parse_date

FIRST_YEAR = 2008
LAST_YEAR = 2040
WEEKEND_NAMES = {5: "Sabtu", 6: "Minggu"}


@dataclass(frozen=True)
class DayOff:
    """A weekday that is not a working day, with its Indonesian name."""

    date: dt.date
    name: str


@dataclass(frozen=True)
class DueDate:
    """The due date of a deadline kind for a given receipt date."""

    received: dt.date
    deadline: law.Deadline
    due: dt.date
    skipped: tuple[DayOff, ...]

    @property
    def kind(self) -> str:
        return self.deadline.key

    def as_dict(self) -> dict:
        return {
            "received": self.received.isoformat(),
            "kind": self.deadline.key,
            "label": self.deadline.label,
            "working_days": self.deadline.working_days,
            "counted_from": self.deadline.counted_from,
            "due": self.due.isoformat(),
            "basis": self.deadline.basis,
            "skipped": [{"date": d.date.isoformat(), "name": d.name} for d in self.skipped],
        }


def read_extra_days_off(path: Path) -> dict[dt.date, str]:
    """Read a local file of extra days off (``tanggal,keterangan``).

    Raises :class:`CalendarError` naming the file, the line and the value when a row
    cannot be understood.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CalendarError(f"Berkas libur tambahan {path} tidak ditemukan.") from None
    except UnicodeDecodeError:
        raise CalendarError(
            f"Berkas libur tambahan {path} bukan teks UTF-8; simpan ulang sebagai CSV UTF-8."
        ) from None
    reader = csv.DictReader(text.splitlines())
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


def _weekday_holidays(first_year: int, last_year: int) -> dict[dt.date, str]:
    national = holidays.country_holidays(
        "ID",
        years=range(first_year, last_year + 1),
        categories=HOLIDAY_CATEGORIES,
        language="id",
    )
    return {day: name for day, name in national.items() if day.weekday() < 5}


def national_days_off(first_year: int, last_year: int) -> dict[dt.date, str]:
    """National holidays and cuti bersama on weekdays, from ``holidays``, with their names.

    Computing them (the ``holidays`` country tables, 33 years of lunar and solar
    dates) takes about 0.3 s, paid by every command and every worker process; the
    table is kept in the toolkit's cache folder (``kalender/``), keyed by the version
    of ``holidays`` and the years, so a new release of ``holidays`` (new cuti bersama)
    is picked up at once.
    """
    import json

    from kip_training.cachedir import cache_home, write_atomically

    home = cache_home()
    key = f"ID-{'-'.join(HOLIDAY_CATEGORIES)}-{first_year}-{last_year}-{holidays.__version__}"
    path = None if home is None else home / "kalender" / f"{key}.json"
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            return {dt.date.fromisoformat(day): name for day, name in stored.items()}
        except (OSError, ValueError, AttributeError):
            pass  # not stored yet, or damaged: compute it again
    days = _weekday_holidays(first_year, last_year)
    if path is not None:
        text = json.dumps({day.isoformat(): name for day, name in days.items()})
        with contextlib.suppress(OSError):  # a read-only cache folder only costs time
            write_atomically(path, text.encode("utf-8"))
    return days


@dataclass
class WorkingCalendar:
    """Working days for KIP deadlines in Indonesia (plus local extra days off)."""

    extra_days_off: Mapping[dt.date, str] = field(default_factory=dict)
    first_year: int = FIRST_YEAR
    last_year: int = LAST_YEAR

    @classmethod
    def from_file(cls, path: Path | None) -> WorkingCalendar:
        """A calendar with the extra days off of ``path`` (none when ``path`` is None)."""
        return cls(read_extra_days_off(path) if path else {})

    @cached_property
    def days_off(self) -> dict[dt.date, str]:
        """Every weekday off (national holiday, cuti bersama, local), with its name."""
        names = national_days_off(self.first_year, self.last_year)
        for day, name in self.extra_days_off.items():
            if day.weekday() < 5:
                names[day] = f"{names[day]}; {name}" if day in names else name
        return dict(sorted(names.items()))

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
        return [DayOff(day, name) for day, name in self.days_off.items() if start < day <= end]

    def due_date(self, received: dt.date, kind: str) -> DueDate:
        """The due date of a KIP deadline kind (see :data:`kip_training.law.DEADLINES`)."""
        try:
            deadline = law.DEADLINES[kind]
        except KeyError:
            raise CalendarError(unknown_kind_message(kind)) from None
        due = self.add_working_days(received, deadline.working_days)
        return DueDate(received, deadline, due, tuple(self.days_off_between(received, due)))


def unknown_kind_message(kind: str) -> str:
    """Indonesian message for an unknown deadline kind, listing the valid ones."""
    valid = ", ".join(law.DEADLINES)
    return f"Jenis tenggat '{kind}' tidak dikenal. Pilihan yang sah: {valid}."


_default: WorkingCalendar | None = None


def default_calendar() -> WorkingCalendar:
    """The calendar of the active configuration (extra days off from kip.toml)."""
    global _default
    if _default is None:
        from kip_training.config import load_config

        _default = WorkingCalendar.from_file(load_config().extra_days_off_path)
    return _default
