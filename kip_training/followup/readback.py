"""Read last meeting's follow-up register back, reporting every row it cannot take.

The workbook may have been edited and re-saved in Excel or LibreOffice (also as .ods):
the header row is searched for in the first rows of every sheet, header case and
spacing do not matter, and a status is matched without regard to case or spaces. Every
non-blank row after the header is accepted or reported (file, sheet, row, column) as
the report check does; a rejected row is left out of the status slide, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kip_training.errors import ReportError, os_reason
from kip_training.followup.model import BELUM, LEVELS, STATUSES, Item
from kip_training.followup.workbook import COLUMNS, PERIOD_LABEL
from kip_training.reports.issues import IssueSink
from kip_training.reports.model import GALAT, PERINGATAN, Issue, Period
from kip_training.reports.normalise import is_blank
from kip_training.reports.read import read_raw
from kip_training.roster import RosterIndex, display_code
from kip_training.textfmt import read_date

#: The register is a small file; anything bigger is not one (and is not read).
MAX_BYTES = 20 * 1024 * 1024
HEADER_SEARCH_ROWS = 20
#: Column key -> header spellings accepted (compared lower-case, spaces collapsed).
HEADERS: dict[str, tuple[str, ...]] = {
    "no": ("no", "no.", "nomor"),
    "kode_opd": ("kode opd", "kode"),
    "opd": ("opd", "nama opd"),
    "masalah": ("masalah",),
    "tingkat": ("tingkat",),
    "tindakan": ("tindakan yang disepakati", "tindakan"),
    "penanggung_jawab": ("penanggung jawab", "pj"),
    "tenggat": ("tenggat", "batas waktu"),
    "status": ("status",),
    "catatan": ("catatan", "keterangan"),
}
REQUIRED = ("kode_opd", "masalah", "status")
TITLES = dict(zip(HEADERS, (title for title, _ in COLUMNS), strict=True))
_SPACES = re.compile(r"\s+")
_STATUS = {_SPACES.sub(" ", s.lower()): s for s in STATUSES}


def _key(value: Any) -> str:
    return _SPACES.sub(" ", str(value).strip().lower()).rstrip(":")


_LOOKUP = {spelling: key for key, spellings in HEADERS.items() for spelling in spellings}


@dataclass
class ReadBack:
    """What one register file gave: the rows accepted, the problems, the row counts."""

    file: str
    items: list[Item] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    rows_read: int = 0
    rows_rejected: int = 0
    period: Period | None = None
    sheet: str | None = None

    @property
    def rows_accepted(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> int:
        return sum(1 for issue in self.issues if issue.severity == GALAT)


def _find_header(raw: pd.DataFrame) -> tuple[int, dict[str, int]] | None:
    """(row position, column key -> column position) of the first row naming the
    required columns, searched in the first rows of the sheet."""
    for position in range(min(HEADER_SEARCH_ROWS, len(raw))):
        found: dict[str, int] = {}
        for column, value in enumerate(raw.iloc[position].tolist()):
            if is_blank(value):
                continue
            key = _LOOKUP.get(_key(value))
            if key and key not in found:
                found[key] = column
        if sum(1 for key in REQUIRED if key in found) >= 2:
            return position, found
    return None


def _period(sheets: Mapping[str, pd.DataFrame]) -> Period | None:
    """The period the register was written for (its Petunjuk line), when still there."""
    marker = _key(PERIOD_LABEL)
    for raw in sheets.values():
        for value in raw.head(HEADER_SEARCH_ROWS).to_numpy().ravel():
            text = str(value) if isinstance(value, str) else ""
            if _key(text).startswith(marker) and ":" in text:
                try:
                    return Period.parse(text.split(":", 1)[1])
                except ValueError:
                    return None
    return None


def _date(value: Any) -> tuple[dt.date | None, bool]:
    """(date, understood) of a Tenggat cell."""
    if is_blank(value):
        return None, True
    if isinstance(value, dt.datetime):
        return value.date(), True
    if isinstance(value, dt.date):
        return value, True
    if isinstance(value, pd.Timestamp):
        return value.date(), True
    try:
        return read_date(str(value))[0], True
    except ValueError:
        return None, False


def _text(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_register(path: Path | str, opd: Mapping[str, str]) -> ReadBack:
    """Read the register at ``path``; ``opd`` maps the roster's codes to their names.

    Never raises for bad content: an unreadable file or a missing column is one issue,
    a bad row one issue (the row is rejected). Warnings keep the row.
    """
    path = Path(path)
    result = ReadBack(file=str(path))
    sink = IssueSink(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReportError(
                f"{path}: berkas terlalu besar untuk register tindak lanjut "
                f"({size // (1024 * 1024)} MB; paling besar {MAX_BYTES // (1024 * 1024)} MB)."
            )
        sheets = read_raw(path)
    except (ReportError, OSError) as exc:
        message = str(exc) if isinstance(exc, ReportError) else os_reason(exc)
        sink.add(GALAT, f"Register tindak lanjut tidak dapat dibaca: {message}")
        result.issues = sink.issues
        return result
    result.period = _period(sheets)
    located = None
    for name, raw in sheets.items():
        header = _find_header(raw)
        if header is not None:
            located = (name, raw, *header)
            break
    if located is None:
        wanted = ", ".join(TITLES[key] for key in REQUIRED)
        sink.add(
            GALAT,
            f"Tidak ada lembar dengan baris judul register tindak lanjut (kolom {wanted}). "
            "Pakai berkas tindak_lanjut_<periode>.xlsx yang ditulis kip deck, tanpa mengubah "
            "judul kolomnya.",
        )
        result.issues = sink.issues
        return result
    sheet, raw, header_row, columns = located
    result.sheet = sheet
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        for key in missing:
            sink.add(
                GALAT,
                f"Kolom '{TITLES[key]}' tidak ditemukan pada baris judul (baris "
                f"{header_row + 1}). Tambahkan kembali kolom itu dengan judul yang sama.",
                sheet,
                header_row + 1,
                TITLES[key],
            )
        result.issues = sink.issues
        return result
    _read_rows(raw, sheet, header_row, columns, opd, sink, result)
    result.issues = sink.issues
    return result


def _read_rows(
    raw: pd.DataFrame,
    sheet: str,
    header_row: int,
    columns: Mapping[str, int],
    opd: Mapping[str, str],
    sink: IssueSink,
    result: ReadBack,
) -> None:
    index = RosterIndex.of(opd)
    roster = {display_code(code): code for code in opd}
    width = raw.shape[1]

    def cell(values: list, key: str) -> Any:
        position = columns.get(key)
        return values[position] if position is not None and position < width else None

    for position in range(header_row + 1, len(raw)):
        values = raw.iloc[position].tolist()
        if all(is_blank(v) for v in values):
            continue
        row = position + 1
        result.rows_read += 1
        bad = False
        typed_code = cell(values, "kode_opd")
        code = roster.get(display_code(typed_code)) if not is_blank(typed_code) else None
        if code is None and not is_blank(typed_code):
            code = index.by_code(typed_code)
            if code is not None:
                sink.add(
                    PERINGATAN,
                    f"Kode OPD '{typed_code}' dibaca sebagai {code}.",
                    sheet,
                    row,
                    TITLES["kode_opd"],
                    typed_code,
                )
        if code is None:
            bad = True
            if is_blank(typed_code):
                message = "Kode OPD kosong. Isi Kode OPD dari daftar OPD."
            else:
                near = index.closest(typed_code)
                hint = f" Mungkin maksudnya: {', '.join(near)}." if near else ""
                message = f"Kode OPD '{typed_code}' tidak ada di daftar OPD.{hint}"
            sink.add(GALAT, message, sheet, row, TITLES["kode_opd"], typed_code)
        typed_status = cell(values, "status")
        status = _STATUS.get(_key(typed_status)) if not is_blank(typed_status) else BELUM
        if is_blank(typed_status):
            sink.add(
                PERINGATAN,
                f"Status kosong; dibaca sebagai '{BELUM}'.",
                sheet,
                row,
                TITLES["status"],
            )
        elif status is None:
            bad = True
            sink.add(
                GALAT,
                f"Status '{typed_status}' tidak dikenal. Pilih salah satu: "
                + ", ".join(STATUSES)
                + ".",
                sheet,
                row,
                TITLES["status"],
                typed_status,
            )
        due, understood = _date(cell(values, "tenggat"))
        if not understood:
            sink.add(
                PERINGATAN,
                "Tenggat bukan tanggal (tulis misalnya 31/03/2026); baris dihitung tanpa "
                "tenggat, jadi tidak dinilai lewat tenggat.",
                sheet,
                row,
                TITLES["tenggat"],
                cell(values, "tenggat"),
            )
        if bad:
            result.rows_rejected += 1
            continue
        assert code is not None and status is not None
        level = _text(cell(values, "tingkat")).capitalize()
        result.items.append(
            Item(
                kode_opd=code,
                opd=opd.get(code) or _text(cell(values, "opd")) or code,
                masalah=_text(cell(values, "masalah")),
                tingkat=level if level in LEVELS else "",
                tindakan=_text(cell(values, "tindakan")),
                penanggung_jawab=_text(cell(values, "penanggung_jawab")),
                tenggat=due,
                status=status,
                catatan=_text(cell(values, "catatan")),
                row=row,
            )
        )
