"""The Identitas sheet of a report: which OPD sent it, for which period, on which date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from kip_training.reports import schema
from kip_training.reports.headers import blank_matrix, cell_matrix, find_header, header_lookup
from kip_training.reports.issues import IssueSink
from kip_training.reports.messages import WARNING_TEXT, error_text
from kip_training.reports.model import GALAT, PERINGATAN, Period
from kip_training.reports.normalise import BLANK, ERROR, Factorized, interpret_value, is_blank
from kip_training.roster import normalise_code


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
            key = lookup.get(schema.normalise_key(values[filled[0]]))
            if key and key not in cells:
                at = filled[0] + 1
                cells[key] = (values[at] if at < len(values) else None, index + 1)
    values: dict[str, object] = {}
    rows: dict[str, int] = {}
    for column in sheet.columns:
        raw_value, row = cells.get(column.key, (None, None))
        rows[column.key] = row
        value, status = interpret_value(raw_value, column)
        if status == ERROR:
            sink.add(GALAT, error_text(column, raw_value), name, row, column.title, raw_value)
            value = None
        elif column.required and status == BLANK:
            where = (
                "" if row else " (isiannya tidak ditemukan; pakai lembar Identitas dari templat)"
            )
            sink.add(
                GALAT if column.key in ("kode_opd", "tahun", "semester") else PERINGATAN,
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


def match_roster(
    identity: Identity, roster: Mapping[str, str] | None, name: str, sink: IssueSink
) -> str | None:
    """The roster code of the report's OPD (by code, else by name), or None."""
    code = identity.values.get("kode_opd")
    code = normalise_code(code) if code is not None else None
    if roster is None:
        return code
    if code in roster:
        given = identity.values.get("nama_opd")
        if given and schema.normalise_key(given) != schema.normalise_key(roster[code]):
            sink.add(
                PERINGATAN,
                f"Nama OPD '{given}' berbeda dengan nama di daftar OPD untuk kode {code} "
                f"('{roster[code]}'); laporan dicatat sebagai {roster[code]}.",
                name,
                identity.rows.get("nama_opd"),
                "Nama OPD",
                given,
            )
        return code
    by_name = {schema.normalise_key(v): k for k, v in roster.items()}
    given = identity.values.get("nama_opd")
    if given and schema.normalise_key(given) in by_name:
        found = by_name[schema.normalise_key(given)]
        sink.add(
            PERINGATAN,
            f"Kode OPD '{code or ''}' tidak ada di daftar OPD; dari Nama OPD laporan ini "
            f"dicatat sebagai {found}. Perbaiki kode OPD.",
            name,
            identity.rows.get("kode_opd"),
            "Kode OPD",
            code,
        )
        return found
    if code:
        sink.add(
            GALAT,
            f"Kode OPD '{code}' tidak ada di daftar OPD wajib lapor, sehingga laporan ini "
            "tidak dapat dicatat. Pakai kode dari daftar OPD PPID Utama (data/opd.csv).",
            name,
            identity.rows.get("kode_opd"),
            "Kode OPD",
            code,
        )
    return None


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
