"""Read a filled evidence checklist back (``kip monev periksa``).

Every row of ``Daftar Bukti`` is either read or reported with its sheet, row and column;
the indicators and weights come from ``Ringkasan`` (the checklist carries its rubric).
A workbook that cannot be used at all raises :class:`ChecklistError`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from kip_training.errors import EXIT_INPUT, KipError
from kip_training.monev import checklist as layout
from kip_training.roster import Opd, Roster

MAX_BYTES = 20_000_000
MAX_ROWS = 5_000


class ChecklistError(KipError):
    """The checklist workbook cannot be read at all."""

    exit_code = EXIT_INPUT


@dataclass(frozen=True)
class InputProblem:
    """A cell of the checklist that cannot be used as it is."""

    sheet: str
    row: int
    column: str
    value: Any
    message: str

    def __str__(self) -> str:
        value = "" if self.value in (None, "") else f" (isi: {str(self.value)[:60]!r})"
        return (
            f"sheet '{self.sheet}', baris {self.row}, kolom '{self.column}'{value}: {self.message}"
        )


@dataclass(frozen=True)
class Row:
    """One sub-item row of ``Daftar Bukti``."""

    row: int
    kode_indikator: str
    kode_butir: str
    butir: str
    opd: Opd | None
    evidence: tuple[str, ...]
    status: str | None
    catatan: str = ""


@dataclass(frozen=True)
class IndicatorRow:
    row: int
    kode: str
    nama: str
    bobot: float
    butir: int


@dataclass
class Checklist:
    path: Path
    rows: list[Row]
    indicators: list[IndicatorRow]
    problems: list[InputProblem] = field(default_factory=list)
    title: str = ""
    contoh: bool = False


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _key(text: Any) -> str:
    return " ".join(_text(text).casefold().split())


def _match_opd(text: str, roster: Roster) -> Opd | None:
    code = text.split(layout.OPD_SEPARATOR.strip(), 1)[0].strip()
    opd = roster.get(code) if code else None
    if opd is not None:
        return opd
    wanted = _key(text)
    return next(
        (o for o in roster if wanted in (_key(o.nama), _key(o.singkatan), _key(o.kode))), None
    )


def _status(text: str) -> str | None:
    return next((s for s in layout.STATUSES if _key(s) == _key(text)), None)


def _header_columns(
    header: Sequence[Any], expected: Sequence[tuple[str, str]], sheet: str, path: Path
) -> dict[str, int]:
    found = {_key(title): index for index, title in enumerate(header) if _text(title)}
    columns, missing = {}, []
    for key, title in expected:
        if _key(title) in found:
            columns[key] = found[_key(title)]
        else:
            missing.append(title)
    if missing:
        raise ChecklistError(
            f"{path}: sheet '{sheet}', baris 1: kolom {', '.join(repr(m) for m in missing)} "
            "tidak ditemukan. Pakai daftar bukti yang dibuat dengan kip monev siapkan."
        )
    return columns


def _sheet_rows(wb, title: str, path: Path) -> list[tuple]:
    if title not in wb.sheetnames:
        raise ChecklistError(
            f"{path}: sheet '{title}' tidak ada (sheet yang ada: {', '.join(wb.sheetnames)}). "
            "Pakai daftar bukti yang dibuat dengan kip monev siapkan."
        )
    rows = []
    for values in wb[title].iter_rows(values_only=True):
        rows.append(values)
        if len(rows) > MAX_ROWS:
            raise ChecklistError(f"{path}: sheet '{title}' berisi lebih dari {MAX_ROWS} baris.")
    if not rows:
        raise ChecklistError(f"{path}: sheet '{title}' kosong.")
    return rows


def _indicators(rows: list[tuple], path: Path, problems: list[InputProblem]) -> list[IndicatorRow]:
    sheet = layout.SUMMARY_TITLE
    expected = [(k, t) for k, t, _ in layout.SUMMARY_COLUMNS[:4]]
    col = _header_columns(rows[0], expected, sheet, path)
    titles = dict(expected)
    indicators = []
    for number, values in enumerate(rows[1:], start=2):

        def cell(key: str, values=values) -> Any:
            return values[col[key]] if col[key] < len(values) else None

        kode = _text(cell("kode"))
        if not kode:
            break  # the indicator table ends at the first row without a code (the total row)
        numbers = {}
        for key in ("bobot", "butir"):
            value = cell(key)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                problems.append(
                    InputProblem(sheet, number, titles[key], value, "harus berupa angka.")
                )
                value = 0
            numbers[key] = value
        indicators.append(
            IndicatorRow(
                number,
                kode,
                _text(cell("indikator")),
                float(numbers["bobot"]),
                int(numbers["butir"]),
            )
        )
    if not indicators:
        raise ChecklistError(f"{path}: sheet '{sheet}' tidak berisi indikator.")
    total = sum(i.bobot for i in indicators)
    if abs(total - 100) > 1e-6:
        problems.append(
            InputProblem(
                sheet,
                indicators[0].row,
                titles["bobot"],
                total,
                f"bobot indikator berjumlah {total:g}, harus 100.",
            )
        )
    return indicators


def _rows(
    rows: list[tuple],
    roster: Roster,
    path: Path,
    indicators: list[IndicatorRow],
    problems: list[InputProblem],
) -> list[Row]:
    sheet = layout.CHECKLIST_TITLE
    expected = [(c.key, c.title) for c in layout.COLUMNS[:9]]
    col = _header_columns(rows[0], expected, sheet, path)
    titles = dict(expected)
    known = {i.kode for i in indicators}
    seen: dict[str, int] = {}
    result = []
    for number, values in enumerate(rows[1:], start=2):

        def cell(key: str, values=values) -> str:
            return _text(values[col[key]]) if col[key] < len(values) else ""

        if not any(cell(key) for key, _ in expected):
            continue
        kode, indicator = cell("kode_butir"), cell("kode_indikator")
        if not kode:
            problems.append(
                InputProblem(
                    sheet,
                    number,
                    titles["kode_butir"],
                    "",
                    "baris tanpa kode butir (baris yang ditambahkan sendiri tidak dibaca).",
                )
            )
            continue
        if kode in seen:
            problems.append(
                InputProblem(
                    sheet,
                    number,
                    titles["kode_butir"],
                    kode,
                    f"kode butir sama dengan baris {seen[kode]}; baris ini tidak dibaca.",
                )
            )
            continue
        seen[kode] = number
        if indicator not in known:
            problems.append(
                InputProblem(
                    sheet,
                    number,
                    titles["kode_indikator"],
                    indicator,
                    f"indikator tidak ada di sheet '{layout.SUMMARY_TITLE}'.",
                )
            )
            continue
        opd_text, opd = cell("opd"), None
        if opd_text:
            opd = _match_opd(opd_text, roster)
            if opd is None:
                problems.append(
                    InputProblem(
                        sheet,
                        number,
                        titles["opd"],
                        opd_text,
                        "OPD tidak ada di daftar OPD; pilih dari daftar.",
                    )
                )
        status_text, status = cell("status"), None
        if status_text:
            status = _status(status_text)
            if status is None:
                problems.append(
                    InputProblem(
                        sheet,
                        number,
                        titles["status"],
                        status_text,
                        f"status harus salah satu dari {', '.join(layout.STATUSES)}.",
                    )
                )
        evidence = tuple(line.strip() for line in cell("bukti").splitlines() if line.strip())
        result.append(
            Row(number, indicator, kode, cell("butir"), opd, evidence, status, cell("catatan"))
        )
    return result


def _counts(indicators, rows, problems) -> None:
    for indicator in indicators:
        found = sum(1 for r in rows if r.kode_indikator == indicator.kode)
        if found != indicator.butir:
            problems.append(
                InputProblem(
                    layout.SUMMARY_TITLE,
                    indicator.row,
                    "Jumlah butir",
                    indicator.butir,
                    f"indikator {indicator.kode} punya {indicator.butir} butir di rubrik, tetapi "
                    f"{found} baris terbaca di sheet '{layout.CHECKLIST_TITLE}'.",
                )
            )


def read_checklist(path: Path | str, roster: Roster) -> Checklist:
    """Read a filled checklist; cells that cannot be used are in ``problems``."""
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise ChecklistError(f"{path}: berkas lebih dari {MAX_BYTES // 1_000_000} MB.")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        if isinstance(exc, FileNotFoundError | PermissionError):
            raise
        raise ChecklistError(
            f"{path}: bukan berkas xlsx yang dapat dibaca (rusak, terkunci kata sandi, atau "
            "format lain)."
        ) from None
    try:
        problems: list[InputProblem] = []
        indicators = _indicators(_sheet_rows(wb, layout.SUMMARY_TITLE, path), path, problems)
        rows = _rows(
            _sheet_rows(wb, layout.CHECKLIST_TITLE, path), roster, path, indicators, problems
        )
        _counts(indicators, rows, problems)
        props = wb.properties
        return Checklist(
            path,
            rows,
            indicators,
            problems,
            title=props.title or "",
            contoh=(props.keywords or "") == layout.EXAMPLE_KEYWORD,
        )
    finally:
        wb.close()
