"""The Identitas sheet of a report: which OPD sent it, for which period, on which date."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kip_training.reports import schema
from kip_training.reports.headers import blank_matrix, cell_matrix, find_header, header_lookup
from kip_training.reports.issues import IssueSink
from kip_training.reports.messages import WARNING_TEXT, error_text
from kip_training.reports.model import GALAT, PERINGATAN, Period
from kip_training.reports.normalise import BLANK, ERROR, Factorized, interpret_value, is_blank
from kip_training.roster import RosterIndex, display_code


@dataclass
class Identity:
    """The Identitas sheet: fields, their Excel rows, and whether the file is usable."""

    values: dict[str, object]
    rows: dict[str, int]
    present: bool


def parse_identitas(raw, name: str, sink: IssueSink) -> Identity:
    """Read the Identitas sheet, laid out as label/value rows or as a one-row table."""
    sheet = schema.IDENTITAS
    if raw is None:
        return Identity({}, {}, False)
    raw = cell_matrix(raw)
    if raw.size == 0:
        return Identity({}, {}, False)
    lookup = header_lookup(sheet)
    header_at = find_header(raw, lookup)
    table_hits = 0
    if header_at is not None:
        table_hits = sum(1 for v in raw[header_at] if schema.normalise_key(v) in lookup)
    cells: dict[str, tuple[object, int]] = {}
    if table_hits >= 3:  # one-row table: headers then values
        body = raw[header_at + 1 :]
        blank = blank_matrix([Factorized.of(body[:, c]) for c in range(body.shape[1])])
        filled = np.flatnonzero(~blank.all(axis=1)) if blank.size else []
        if len(filled):
            first = header_at + 1 + int(filled[0])
            for position, header in enumerate(raw[header_at]):
                key = lookup.get(schema.normalise_key(header))
                if key and key not in cells:
                    cells[key] = (raw[first, position], first + 1)
    else:  # label in the first non-empty cell, value in the cell to its right
        for index, values in enumerate(raw.tolist()):  # a handful of rows: a loop is fine
            filled = [n for n, v in enumerate(values) if not is_blank(v)]
            if not filled:
                continue
            key, value = _label_and_value(values, filled, lookup)
            if key and key not in cells:
                cells[key] = (value, index + 1)
    values: dict[str, object] = {}
    rows: dict[str, int] = {}
    for column in sheet.columns:
        raw_value, row = cells.get(column.key, (None, None))
        rows[column.key] = row
        raw_value = sink.personal_field(raw_value, column.key, name, row, column.title)
        value, status = interpret_value(raw_value, column)
        if status == ERROR:
            sink.add(GALAT, error_text(column, raw_value), name, row, column.title, raw_value)
            value = None
        elif column.required and status == BLANK and column.key != "kode_opd":
            where = (
                "" if row else " (isiannya tidak ditemukan; pakai lembar Identitas dari templat)"
            )
            sink.add(
                GALAT if column.key in ("tahun", "semester") else PERINGATAN,
                f"{column.title} wajib diisi{where}."
                + (
                    " Tanpa tanggal ini laporan dianggap dikirim tepat waktu."
                    if column.key == "tanggal_laporan"
                    else ""
                ),
                name,
                row,
                column.title,
            )
            value = None
        elif status in WARNING_TEXT:
            sink.add(PERINGATAN, WARNING_TEXT[status] + ".", name, row, column.title, raw_value)
        if value is not None and not (isinstance(value, float) and np.isnan(value)):
            values[column.key] = value
    return Identity(values, rows, True)


#: A cell between a label and its value, as forms are typed ("Kode OPD | : | DINKES").
_SEPARATORS = frozenset((":", "：", "="))


def _label_and_value(values: list, filled: list[int], lookup: Mapping[str, str]):
    """(field key, value) of one label/value row of the Identitas sheet: the value is the
    cell right of the label, or the one after a lone ":" cell; a label cell that holds
    "Kode OPD: DINKES" gives the text after the colon when the next cell is empty."""
    label = values[filled[0]]
    key = lookup.get(schema.normalise_key(label))
    at = filled[0] + 1
    value = values[at] if at < len(values) else None
    if key is None and isinstance(label, str) and ":" in label:
        head, _, tail = label.partition(":")
        key = lookup.get(schema.normalise_key(head))
        if key is not None and is_blank(value) and tail.strip():
            return key, tail.strip()
    if isinstance(value, str) and value.strip() in _SEPARATORS:
        after = [n for n in filled if n > at]
        value = values[after[0]] if after else None
    return key, value


@dataclass(frozen=True)
class Match:
    """Which roster OPD a report is credited to (``kode``, None when none), and every
    OPD its clues named (two or more when they disagree)."""

    kode: str | None
    named: tuple[str, ...] = ()


def _label(index: RosterIndex, code: str) -> str:
    return f"{code} ({index.name_of(code)})"


def _candidates(index: RosterIndex, text: object) -> str:
    found = index.closest(text)
    if not found:
        return ""
    return " Yang paling mirip di daftar OPD: " + ", ".join(_label(index, c) for c in found) + "."


def match_roster(
    identity: Identity,
    roster: RosterIndex | Mapping[str, str] | None,
    name: str,
    sink: IssueSink,
    file: str = "",
) -> Match:
    """The roster OPD of a report, from every clue: Kode OPD, Nama OPD and the file name.

    The code decides when the other clues agree with it or name no roster OPD. When a
    clue names another OPD the report is credited to neither (an error naming both:
    typically a colleague's file reused). Without a usable code, the name or the file
    name is used when they name one OPD (a warning says which clue); an unknown code
    gets the closest roster entries.
    """
    raw_code = identity.values.get("kode_opd")
    if roster is None:
        if raw_code is None:
            sink.add(
                GALAT,
                "Kode OPD wajib diisi, sehingga laporan ini tidak dapat dicatat.",
                name,
                identity.rows.get("kode_opd"),
                "Kode OPD",
            )
        return Match(display_code(raw_code) if raw_code is not None else None)
    index = roster if isinstance(roster, RosterIndex) else RosterIndex.of(roster)
    given_name = identity.values.get("nama_opd")
    file_name = Path(file.rstrip("…")).name
    by_code = index.by_code(raw_code) if raw_code is not None else None
    clues = {}
    if given_name is not None and index.by_name(given_name):
        clues[f"Nama OPD '{given_name}'"] = index.by_name(given_name)
    stem = Path(file_name).stem
    if stem and index.by_file_name(stem):
        clues[f"nama berkas '{file_name}'"] = index.by_file_name(stem)
    code_row, code_title = identity.rows.get("kode_opd"), "Kode OPD"
    others = {code for code in clues.values() if code != by_code}
    if by_code is not None and not others:
        if given_name and not index.by_name(given_name):
            sink.add(
                PERINGATAN,
                f"Nama OPD '{given_name}' berbeda dengan nama di daftar OPD untuk kode "
                f"{by_code} ('{index.name_of(by_code)}'); laporan dicatat sebagai "
                f"{index.name_of(by_code)}.",
                name,
                identity.rows.get("nama_opd"),
                "Nama OPD",
                given_name,
            )
        return Match(by_code, (by_code,))
    if by_code is not None or len(others) > 1:
        named = tuple(dict.fromkeys(([by_code] if by_code else []) + list(clues.values())))
        said = [f"Kode OPD '{raw_code}' menunjuk {_label(index, by_code)}"] if by_code else []
        said += [f"{clue} menunjuk {_label(index, code)}" for clue, code in clues.items()]
        sink.add(
            GALAT,
            "Identitas laporan saling bertentangan: " + "; ".join(said) + ". Laporan ini "
            f"tidak dicatat untuk {' maupun '.join(named)}, dan laporan lain OPD tersebut "
            "tetap dipakai. Bila berkas OPD lain dipakai ulang, perbaiki Kode OPD dan Nama OPD "
            "di lembar Identitas.",
            name,
            code_row,
            code_title,
            raw_code,
        )
        return Match(None, named)
    if others:
        found = others.pop()
        used = " dan ".join(clues)
        code_said = (
            f"Kode OPD '{raw_code}' tidak ada di daftar OPD" if raw_code else ("Kode OPD kosong")
        )
        sink.add(
            PERINGATAN,
            f"{code_said}; dari {used} laporan ini dicatat sebagai {_label(index, found)}. "
            f"Isi Kode OPD dengan {found}.",
            name,
            code_row,
            code_title,
            raw_code,
        )
        return Match(found, (found,))
    if raw_code is not None:
        message = (
            f"Kode OPD '{raw_code}' tidak ada di daftar OPD wajib lapor, sehingga laporan ini "
            f"tidak dapat dicatat.{_candidates(index, raw_code)} Pakai kode dari daftar OPD "
            "PPID Utama (data/opd.csv)."
        )
    else:
        message = (
            "Kode OPD wajib diisi; Nama OPD dan nama berkas juga tidak menunjuk satu OPD di "
            "daftar, sehingga laporan ini tidak dapat dicatat."
            + (_candidates(index, given_name) if given_name else "")
        )
    sink.add(GALAT, message, name, code_row, code_title, raw_code)
    return Match(None)


def file_period(
    identity: Identity, expected: Period | None, name: str, sink: IssueSink
) -> Period | None:
    year = identity.values.get("tahun")
    semester = identity.values.get("semester")
    if year is not None and semester is not None:
        try:
            return Period(int(year), 1 if semester == "1" else 2)
        except ValueError:  # pragma: no cover - the parser only gives "1" or "2"
            return None
    if expected is not None and identity.present:
        sink.add(
            PERINGATAN,
            f"Tahun atau semester di lembar Identitas kosong; laporan dianggap untuk "
            f"{expected.title}. Lengkapi lembar Identitas.",
            name,
            identity.rows.get("tahun"),
            "Tahun",
        )
        return expected
    return None


#: Dates needed before a whole report is read as another semester (or rejected).
STALE_MIN_DATES = 3


def periods_of(dates: np.ndarray) -> set[Period]:
    """The semesters that dates (datetime64, without NaT) fall in."""
    months = dates.astype("datetime64[M]").astype("int64")  # months since January 1970
    return {Period(1970 + k // 2, k % 2 + 1) for k in np.unique(months // 6).tolist()}


def reconcile_period(
    period: Period | None, dates: np.ndarray, identity: Identity, name: str, sink: IssueSink
) -> Period | None:
    """The report's period, checked against its data's dates (one message, not one per row).

    When every request and objection date falls in one semester other than the
    Identitas sheet's, the sheet is stale (copied from the last report): if it names the
    semester just before the dates', the report is read as the dates' semester with a
    warning; any other mismatch is an error and the period is None (the report is not
    used, and its dates are not checked against a period it does not have).
    """
    dates = dates[~np.isnat(dates)]
    if period is None or len(dates) < STALE_MIN_DATES:  # a date or two: row messages say it
        return period
    seen = periods_of(dates)
    if len(seen) != 1 or period in seen:
        return period
    (found,) = seen
    stale = (
        f"Lembar Identitas masih menyebut {period.label}, padahal tanggal permohonan berada "
        f"di {found.label}: perbarui Tahun/Semester di lembar Identitas."
    )
    where = (name, identity.rows.get("semester"), "Semester", period.label)
    if found == period.next():
        sink.add(
            PERINGATAN,
            f"{stale} Semua {len(dates)} tanggal berada di {found.title}, sehingga laporan ini "
            f"dibaca sebagai laporan {found.label}.",
            *where,
        )
        return found
    sink.add(
        GALAT,
        f"{stale.replace('masih menyebut', 'menyebut')} Semua {len(dates)} tanggal berada di "
        f"{found.title}, bukan semester sesudah "
        f"{period.label}, sehingga periode laporan tidak jelas dan laporan ini tidak dipakai.",
        *where,
    )
    return None


#: A period in a file name: "2025-S2", "2025_S1", "2025 sem 2", "2025-II".
_FILE_PERIOD = re.compile(
    r"(?<!\d)(20\d{2})[\s_\-]*(?:SEMESTER|SEM|S)?[\s_\-]*(II|I|1|2)(?![\dA-Z])", re.I
)


def period_in_file_name(file: str) -> Period | None:
    """The semester a file name states (``SATPOLPP_2025-S2.csv`` -> 2025-S2), or None."""
    match = _FILE_PERIOD.search(Path(file.rstrip("…")).stem)
    if not match:
        return None
    return Period(int(match.group(1)), 2 if match.group(2).upper() in ("2", "II") else 1)


def identify_without_identitas(
    file: str, roster: RosterIndex | None, expected: Period | None
) -> tuple[str | None, Period | None]:
    """OPD and period of a report without an Identitas sheet (e.g. one sheet saved as
    CSV): the OPD its file name names, and the period its file name states or the one
    expected (None when unknown: the dates may still tell, see :func:`period_of_dates`)."""
    kode = roster.by_file_name(Path(file.rstrip("…")).stem) if roster is not None else None
    return kode, period_in_file_name(file) or expected


def period_of_dates(dates: np.ndarray) -> Period | None:
    """The one semester all known dates fall in (at least :data:`STALE_MIN_DATES`), or None."""
    dates = dates[~np.isnat(dates)]
    if len(dates) < STALE_MIN_DATES:
        return None
    seen = periods_of(dates)
    return seen.pop() if len(seen) == 1 else None
