"""Load report files into tidy frames: headers matched, values normalised, rows counted.

:func:`read_report` reads one report's cells (a pure function of one file);
:func:`parse_reports` parses and checks many reports at once (sheet kind by sheet
kind, see :mod:`~kip_training.reports.stacked`), so the work per distinct value and per
column is shared by the reports of a chunk; :func:`load_reports` runs chunks of files
(in a process pool when there are many) and then does the checks that need every file
at once (the same OPD sent twice, OPDs that did not report).

With many files, :func:`load_reports` hands chunks of files to a process pool (fork on
Linux) and concatenates the chunks in file order, so the result does not depend on the
pool or on how the files are split into chunks.

Accounting: for every sheet, ``rows_read`` counts the non-blank rows below the header
(the template's "CONTOH" example row is not data and is not counted), and
``rows_read = rows_accepted + rows_rejected``. A rejected row has a "galat" issue on its
row, or an issue without a row number covers its whole sheet (columns missing, identity
unusable) or its whole file (superseded by another report of the same OPD, or of another
period).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kip_training.calendar import WorkingCalendar
from kip_training.config import load_config
from kip_training.errors import ReportError
from kip_training.reports import derive, schema, validate
from kip_training.reports.cache import cache_key
from kip_training.reports.headers import cell_matrix
from kip_training.reports.identity import (
    Identity,
    file_period,
    identify_without_identitas,
    match_roster,
    parse_identitas,
    period_of_dates,
    reconcile_period,
)
from kip_training.reports.issues import ChunkSink, IssueSink
from kip_training.reports.limits import DEFAULT, Limits, too_big
from kip_training.reports.model import (
    GALAT,
    PERINGATAN,
    FileResult,
    Issue,
    Period,
    ReportSet,
    SheetCount,
)
from kip_training.reports.normalise import to_date
from kip_training.reports.parallel import POOL_MIN_FILES, gc_paused, map_chunks
from kip_training.reports.read import find_files, group_files, read_cells
from kip_training.reports.sheets import IGNORED_SHEETS, data_sheets
from kip_training.reports.stacked import Array, StackedSheet, empty_stacked, parse_stacked
from kip_training.roster import Roster, RosterIndex, read_roster

DATA_SHEETS = schema.SHEETS[1:]


@dataclass
class RawReport:
    """One report as read: its sheets' cells (row 0 = Excel row 1), or why it is unreadable.

    A report is one workbook, or the CSV files of one report (one per sheet).
    """

    label: str
    sheets: dict[str, np.ndarray]
    unreadable: list[str] = dataclasses.field(default_factory=list)
    modified: float | None = None  # the latest modification time of its files
    notes: list[str] = dataclasses.field(default_factory=list)  # how a file was read


def report_label(paths: list[Path]) -> str:
    """How a report is named in every output: its file (CSV files of one report: their
    common prefix and "…"). Bytes of a name that are not UTF-8 (a name copied from another
    system) are shown escaped ("\\xe9"): outputs stay UTF-8, the file is still opened
    by its path."""
    path = paths[0] if len(paths) == 1 else paths[0].parent / (paths[0].stem + "…")
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_report(path: Path | str | list[Path], limits=None) -> RawReport:
    """Read the cells of one report's sheets; read errors are kept, never raised.

    ``limits`` (:class:`~kip_training.reports.limits.Limits`) bound what a file may cost.
    """

    paths = [Path(p) for p in path] if isinstance(path, list) else [Path(path)]
    report = RawReport(report_label(paths), {})
    for item in paths:
        try:
            modified = item.stat().st_mtime
            report.modified = max(report.modified or modified, modified)
        except OSError:
            pass
        notes: list[str] = []  # kept only when the file could be read
        try:
            for sheet_name, raw in read_cells(item, IGNORED_SHEETS, limits, notes).items():
                report.sheets.setdefault(sheet_name, raw)
        except ReportError as exc:
            report.unreadable.append(str(exc))
        else:
            report.notes.extend(notes)
    return report


@dataclass
class _Report:
    """One readable report while its chunk is parsed."""

    index: int
    sheets: dict[str, tuple[str, np.ndarray]]
    identity: Identity
    identity_name: str


def _open_reports(
    raws: list[RawReport],
    sinks: list[IssueSink],
    results: list[FileResult],
    roster: RosterIndex | Mapping[str, str] | None,
    expected_period: Period | None,
) -> list[_Report]:
    """Per report: its sheets, identity, OPD and period; unusable files are settled here.

    An unreadable file is still attributed (``named_opd``) to the OPD its file name
    names, so that OPD shows as "sent but unusable", not as "not sent".
    """
    if roster is not None and not isinstance(roster, RosterIndex):
        roster = RosterIndex.of(roster)
    opened = []
    for index, raw in enumerate(raws):
        sink, result = sinks[index], results[index]
        result.modified = raw.modified
        for note in raw.notes:
            sink.add(PERINGATAN, note)
        by_key = data_sheets(raw.sheets, sink) if raw.sheets else {}
        if not by_key:
            named = roster.by_file_name(Path(raw.label.rstrip("…")).stem) if roster else None
            result.named_opd = (named,) if named else ()
            if raw.sheets or not raw.unreadable:
                sink.add(
                    GALAT,
                    f"Berkas {Path(raw.label).name} tidak berisi lembar laporan (Identitas, "
                    "Permohonan, ...). Pakai templat dari 'kip template'.",
                )
            result.readable = result.used = False
            continue
        name, cells = by_key.get("identitas", (schema.IDENTITAS.title, None))
        identity = parse_identitas(cells, name, sink)
        if identity.present:
            match = match_roster(identity, roster, name, sink, raw.label)
            result.kode_opd, result.named_opd = match.kode, match.named
            result.period = file_period(identity, expected_period, name, sink)
        else:
            result.kode_opd, result.period = identify_without_identitas(
                raw.label, roster, expected_period
            )
            result.named_opd = (result.kode_opd,) if result.kode_opd else ()
        result.tanggal_laporan = to_date(identity.values.get("tanggal_laporan"))
        opened.append(_Report(index, by_key, identity, name))
    return opened


def parse_reports(
    raws: list[RawReport],
    roster: Mapping[str, str] | None = None,
    expected_period: Period | None = None,
    calendar=None,
) -> Chunk:
    """Parse and validate several reports at once; their results, and their rows per sheet.

    Each sheet kind is parsed for all the reports together (:mod:`stacked`), so the
    cost per report is a few header cells, not a pass over every column. The accepted
    rows of the usable reports are one frame per sheet kind (the ``file`` column tells
    them apart). Issues are per file, in the order a file-by-file parse gives them,
    sorted by sheet and row.
    """
    sinks = [IssueSink(raw.label) for raw in raws]
    results = [FileResult(raw.label) for raw in raws]
    chunk_sink = ChunkSink(sinks)
    opened = _open_reports(raws, sinks, results, roster, expected_period)
    stacked: dict[str, StackedSheet] = {}
    for sheet in DATA_SHEETS:
        parts = []
        for report in opened:
            if sheet.key in report.sheets:
                parts.append((report.index, *report.sheets[sheet.key]))
            else:
                sinks[report.index].add(
                    GALAT if sheet.key == "permohonan" else PERINGATAN,
                    f"Lembar {sheet.title} tidak ada. Pakai templat terbaru; bila tidak ada "
                    "isinya, biarkan lembarnya kosong.",
                    sheet.title,
                )
        periods = [r.period for r in results]
        stacked[sheet.key] = parse_stacked(sheet, parts, len(raws), chunk_sink, periods)
    _reconcile_periods(opened, results, stacked, sinks)
    for report in opened:
        if not report.identity.present:
            _note_missing_identitas(report, results[report.index], sinks[report.index])
    calendar = calendar if calendar is not None else WorkingCalendar.from_config()
    lateness = derive.lateness(
        stacked["permohonan"].columns, stacked["keberatan"].columns, calendar
    )
    masks = validate.check_sheets(stacked, [r.period for r in results], lateness, chunk_sink)
    other = calendar.with_reading(calendar.other_reading)
    validate.check_reading(
        stacked,
        lateness,
        derive.lateness(stacked["permohonan"].columns, stacked["keberatan"].columns, other),
        (calendar.cuti_bersama, other.cuti_bersama),
        masks,
        chunk_sink,
    )
    rejected = {
        key: np.bincount(sheet.files, weights=masks[key], minlength=len(raws)).astype(int)
        for key, sheet in stacked.items()
    }
    usable = np.zeros(len(raws), dtype=bool)
    for report in opened:
        usable[report.index] = _settle(
            report, results[report.index], stacked, rejected, sinks[report.index], expected_period
        )
    for index, (raw, sink, result) in enumerate(zip(raws, sinks, results, strict=True)):
        result.used = result.readable and bool(usable[index])
        _finish_issues(raw, sink, result)
    return results, _chunk_frames(stacked, masks, lateness, opened, results, usable)


def _reconcile_periods(
    opened: list[_Report],
    results: list[FileResult],
    stacked: dict[str, StackedSheet],
    sinks: list[IssueSink],
) -> None:
    """Each report's period checked against its request and objection dates (a stale
    Identitas sheet gives one message, see :func:`~identity.reconcile_period`)."""
    pairs = [
        (stacked["permohonan"].files, stacked["permohonan"].columns["tanggal_diterima"]),
        (stacked["keberatan"].files, stacked["keberatan"].columns["tanggal_keberatan"]),
    ]
    files = np.concatenate([f for f, _ in pairs])
    dates = np.concatenate([np.asarray(d, dtype="datetime64[ns]") for _, d in pairs])
    order = np.argsort(files, kind="stable")
    files, dates = files[order], dates[order]
    for report in opened:
        result = results[report.index]
        lo, hi = np.searchsorted(files, [report.index, report.index + 1])
        if result.period is None:
            if not report.identity.present and result.kode_opd is not None:
                result.period = period_of_dates(dates[lo:hi])
            continue
        result.period = reconcile_period(
            result.period, dates[lo:hi], report.identity, report.identity_name, sinks[report.index]
        )


def _note_missing_identitas(report: _Report, result: FileResult, sink: IssueSink) -> None:
    """Without an Identitas sheet: an error when OPD or period stay unknown, else a warning
    saying where they were read from (the file name, the dates)."""
    if result.kode_opd is None or result.period is None:
        sink.add(
            GALAT,
            "Lembar Identitas tidak ada atau kosong, dan nama berkas serta tanggal-tanggalnya "
            "tidak menunjuk satu OPD dan satu semester, sehingga OPD dan periode laporan tidak "
            "diketahui. Isi lembar Identitas dari templat.",
            report.identity_name,
        )
        return
    sink.add(
        PERINGATAN,
        f"Lembar Identitas tidak ada: laporan dicatat sebagai {result.kode_opd} "
        f"{result.period.label} menurut nama berkas dan tanggal-tanggalnya. Kirim laporan "
        "lengkap dengan lembar Identitas dari templat.",
        report.identity_name,
    )


def _settle(
    report: _Report,
    result: FileResult,
    stacked: dict[str, StackedSheet],
    rejected_rows: dict[str, np.ndarray],
    sink: IssueSink,
    expected_period: Period | None,
) -> bool:
    """Whether a report is usable; counts its rows per sheet (read = accepted + rejected)."""
    identity, name, period = report.identity, report.identity_name, result.period
    usable = result.kode_opd is not None and period is not None
    if usable and expected_period is not None and period != expected_period:
        sink.add(
            GALAT,
            f"Laporan ini untuk {period.title}, bukan {expected_period.title}; tidak dipakai "
            "untuk periode ini. Kirim laporan periode yang benar.",
            name,
            identity.rows.get("semester"),
            "Semester",
            period.label,
        )
        usable = False
    result.sheets[schema.IDENTITAS.key] = SheetCount(
        name,
        rows_read=1 if identity.present else 0,
        rows_accepted=1 if identity.present and usable else 0,
        rows_rejected=1 if identity.present and not usable else 0,
    )
    for key, sheet in stacked.items():
        index = report.index
        read = int(sheet.read[index])
        rejected = int(rejected_rows[key][index]) + int(sheet.unreadable[index])
        if not usable and read:
            sink.add(
                GALAT,
                f"Semua {read} baris lembar {sheet.title} ditolak karena OPD atau periode "
                "laporan tidak sah (lihat lembar Identitas).",
                sheet.title,
            )
            rejected = read
        result.sheets[key] = SheetCount(
            sheet.title,
            rows_read=read,
            rows_accepted=read - rejected,
            rows_rejected=rejected,
            missing=key not in report.sheets,
        )
    return usable


def _finish_issues(raw: RawReport, sink: IssueSink, result: FileResult) -> None:
    """The report's issues, by sheet then row, with its OPD; read errors first."""
    order = {s.title: n for n, s in enumerate(schema.SHEETS)}
    sink.issues.sort(key=lambda i: (order.get(i.sheet, -1), i.row or 0))
    issues = _with_opd(sink.issues, result.kode_opd)
    if raw.unreadable:
        unreadable = IssueSink(raw.label)
        for message in raw.unreadable:
            unreadable.add(GALAT, message)
        issues = unreadable.with_opd(result.kode_opd) + issues
    result.issues = issues


def _chunk_frames(
    stacked: dict[str, StackedSheet],
    rejected: dict[str, np.ndarray],
    lateness: derive.Lateness,
    opened: list[_Report],
    results: list[FileResult],
    usable: np.ndarray,
) -> dict[str, pd.DataFrame | None]:
    """The accepted rows of the usable reports, with their derived columns: one frame per
    sheet kind (None: no report)."""
    if not usable.any():
        return dict.fromkeys(FRAME_KEYS)
    kodes = np.array([r.kode_opd for r in results], dtype=object)
    labels = np.array([r.file for r in results], dtype=object)
    records = []
    for report in opened:
        if usable[report.index]:
            result = results[report.index]
            values = {c.key: report.identity.values.get(c.key) for c in schema.IDENTITAS.columns}
            values.update(
                kode_opd=result.kode_opd,
                tahun=result.period.year,
                semester=result.period.semester,
                file=result.file,
            )
            records.append(values)
    frames: dict[str, pd.DataFrame | None] = {"identitas": _identitas_frame(records)}
    for key, sheet in stacked.items():
        keep = usable[sheet.files] & ~rejected[key]
        files = sheet.files[keep]
        data: dict[str, Array] = {"kode_opd": kodes[files], "file": labels[files]}
        whole = bool(keep.all())
        for name, values in {**sheet.columns, **lateness.columns(key)}.items():
            data[name] = values if whole else values[keep]
        frames[key] = pd.DataFrame({n: _typed_column(v) for n, v in data.items()})
    return frames


def load_raw(
    raw_sheets: Mapping[str, pd.DataFrame | np.ndarray],
    file: str,
    roster: Mapping[str, str] | None = None,
    expected_period: Period | None = None,
    calendar=None,
) -> FileResult:
    """Parse and validate the raw sheets of one report (see :func:`load_file`)."""
    raw = RawReport(file, {name: cell_matrix(cells) for name, cells in raw_sheets.items()})
    return _single(raw, roster, expected_period, calendar)


def load_file(
    path: Path | str | list[Path],
    roster: Mapping[str, str] | None = None,
    expected_period: Period | None = None,
    calendar=None,
) -> FileResult:
    """Read, normalise and validate one report (a workbook, or the CSV files of one report).

    Never raises for a bad file: an unreadable file gives a FileResult with
    ``readable=False`` and one "galat" issue naming it.
    """
    return _single(read_report(path), roster, expected_period, calendar)


def _single(raw: RawReport, roster, expected_period, calendar) -> FileResult:
    """One report parsed on its own, with its accepted rows in ``frames``."""
    (result,), frames = parse_reports([raw], roster, expected_period, calendar)
    if result.used:
        result.frames = {k: f if f is not None else _empty_frame(k) for k, f in frames.items()}
    return result


def _typed_column(values: Array) -> Array:
    """Text and code columns as pandas' string dtype (missing = NaN), whatever they hold.

    Stating the type (rather than letting pandas infer it from the values) keeps a
    column's dtype the same for any split of the files into chunks, even when one
    chunk has no value at all in that column.
    """
    if isinstance(values, np.ndarray) and values.dtype == object:
        return pd.array(values, dtype="str")
    return values


def _identitas_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """One row per report; text fields as string dtype, the report date as datetime64."""
    frame = pd.DataFrame(records)
    for name in frame.columns:
        if name != "tanggal_laporan" and frame[name].dtype == object:
            frame[name] = _typed_column(frame[name].to_numpy(dtype=object))
    frame["tanggal_laporan"] = pd.to_datetime(frame["tanggal_laporan"])
    return frame


_ISSUE_FIELDS = ("severity", "file", "sheet", "row", "column", "value", "message", "kode_opd")


def _with_opd(issues: list[Issue], kode: str | None) -> list[Issue]:
    """The issues with their OPD code (as ``IssueSink.with_opd``, a few times faster)."""
    if tuple(f.name for f in dataclasses.fields(Issue)) != _ISSUE_FIELDS:
        return [dataclasses.replace(i, kode_opd=kode) for i in issues]  # pragma: no cover
    return [
        Issue(i.severity, i.file, i.sheet, i.row, i.column, i.value, i.message, kode)
        for i in issues
    ]


def _combine(frames: list[pd.DataFrame | None]) -> pd.DataFrame | None:
    """Rows of several frames of one sheet kind, in order (empty frames only if all are)."""
    frames = [f for f in frames if f is not None]
    if not frames:
        return None
    frames = [f for f in frames if len(f)] or frames[:1]
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)


def _empty_frame(key: str) -> pd.DataFrame:
    """The frame of a sheet kind without rows, with every column (derived ones too)."""
    if key == "identitas":
        return pd.DataFrame(columns=["kode_opd", "tahun", "semester", "tanggal_laporan", "file"])
    columns = {"kode_opd": np.empty(0, dtype=object), "file": np.empty(0, dtype=object)}
    columns.update(empty_stacked(schema.SHEETS_BY_KEY[key], 0).columns)
    columns.update(derive.NO_ROWS.columns(key))
    return pd.DataFrame({name: _typed_column(values) for name, values in columns.items()})


FRAME_KEYS = ("identitas", "permohonan", "keberatan", "berkala", "kendala")

Chunk = tuple[list[FileResult], dict[str, pd.DataFrame | None]]


def load_chunk(
    groups: list[list[Path]],
    roster: Mapping[str, str] | None,
    expected_period: Period | None,
    calendar,
    limits=None,
) -> Chunk:
    """Read and parse several reports; their results (without frames) and rows per sheet.

    The accepted rows of the usable files are stacked per sheet kind into one frame
    for the whole chunk (the ``file`` column tells them apart): no DataFrame is built
    per file, and a process pool hands back a few large frames instead of many small.
    """
    with gc_paused():
        raws = [read_report(group if len(group) > 1 else group[0], limits) for group in groups]
        return parse_reports(raws, roster, expected_period, calendar)


def crashed_chunk(
    groups: list[list[Path]],
    roster: Mapping[str, str] | None,
    expected_period: Period | None,
    calendar,
    limits=None,
) -> Chunk:
    """:func:`load_chunk` for reports whose reading process died (out of memory, or the
    reader crashed): each is unreadable, with one message naming its files."""

    memory = (limits or DEFAULT).memory_mb
    raws = []
    for group in groups:
        raw = RawReport(report_label(group), {})
        for path in group:
            raw.unreadable.append(
                str(
                    too_big(
                        path,
                        "pembacanya kehabisan memori atau berhenti mendadak",
                        f"memori {memory:,} MB per proses pembaca".replace(",", "."),
                    )
                )
            )
        raws.append(raw)
    return parse_reports(raws, roster, expected_period, calendar)


def load_reports(
    paths: Iterable[Path | str],
    roster: Roster | pd.DataFrame | Path | str | None = None,
    config=None,
    period: Period | None = None,
    calendar=None,
    workers: int | None = None,
    pool_min_files: int = POOL_MIN_FILES,
    cache=None,
) -> ReportSet:
    """Load every report under ``paths`` (files and folders) for one period.

    The period is ``period`` when given, else the most common period among the
    reports. Unreadable files become issues, never exceptions. When one OPD sent
    several reports for the period, the one with the latest report date is used
    (then the one modified last, then the last file name; never by row count); the
    others are counted as rejected with a warning that names both files.

    With ``pool_min_files`` files or more, files are parsed in a process pool of
    ``workers`` processes (default: every CPU, on Linux while no other thread runs;
    1 turns the pool off; a number also asks for a pool where fork is not available).
    The result is the same either way, in file order. The accepted rows are in the ReportSet's
    frames; ``ReportSet.files[i].frames`` is left empty to keep memory low.

    With a :class:`~kip_training.reports.cache.ReportCache` as ``cache``, a set of reports
    loaded before (same files, unchanged, same roster, calendar and period) is taken
    from the cache instead of being read again, and a new load is stored there.
    """

    config = config or load_config()
    if isinstance(roster, pd.DataFrame):
        roster = Roster.from_frame(roster, "(tabel)")
    elif not isinstance(roster, Roster):
        roster = read_roster(roster if roster is not None else config.roster_path)
    roster_table = roster.frame()
    if calendar is None:
        calendar = WorkingCalendar.from_config(config)
    files, missing = find_files(paths)
    if missing:
        raise ReportError("Path tidak ditemukan: " + ", ".join(str(p) for p in missing) + ".")
    limits = Limits.from_settings(getattr(config, "read_limits", None))
    key = None
    if cache is not None:
        key = cache_key(
            files, roster_table, config.report_due_working_days, calendar, period, limits
        )
        cached = cache.get(key)
        if cached is not None:
            return cached
    codes = RosterIndex.of(roster)
    with gc_paused():  # also while the pool's results are unpickled here
        chunks = map_chunks(
            load_chunk,
            group_files(files),
            (codes, period, calendar, limits),
            workers,
            pool_min_files,
            before_pool=calendar.prepare,  # the days off: computed once, inherited by workers
            memory_mb=limits.memory_mb,
            crashed=crashed_chunk,
        )
    results = [result for chunk_results, _ in chunks for result in chunk_results]
    if period is None:
        seen = [r.period for r in results if r.period is not None and r.kode_opd is not None]
        if seen:
            period = max(set(seen), key=lambda p: (seen.count(p), p))
            for result in results:
                if result.used and result.period != period:
                    _reject_file(
                        result,
                        f"Laporan ini untuk {result.period.title}, bukan {period.title} "
                        "(periode sebagian besar laporan); tidak dipakai untuk periode ini",
                        GALAT,
                    )
    _resolve_duplicates(results)
    due = derive.report_due(period, calendar, config.report_due_working_days)
    frames = _final_frames(chunks, results)
    report_set = ReportSet(
        period=period,
        roster=roster_table,
        **frames,
        issues=[i for r in results for i in r.issues],
        files=results,
        report_due=due,
    )
    report_set.identitas["status_laporan"] = derive.report_status(report_set.identitas, due)
    if cache is not None:
        cache.put(key, report_set)
    return report_set


def _final_frames(chunks: list[Chunk], results: list[FileResult]) -> dict[str, pd.DataFrame]:
    """One frame per sheet kind: the chunks' rows, without those of files set aside since."""
    used = {r.file for r in results if r.used}
    dropped = any(r.file not in used for r in results)
    frames = {}
    for key in FRAME_KEYS:
        frame = _combine([chunk_frames[key] for _, chunk_frames in chunks])
        if frame is not None and dropped:
            frame = frame[frame["file"].isin(used)].reset_index(drop=True)
        if frame is None or (key == "identitas" and not len(frame)):
            frame = _empty_frame(key)
        frames[key] = frame
    return frames


def _reject_file(result: FileResult, message: str, severity: str) -> None:
    """Count every accepted row of a file as rejected, with one file-level issue."""
    moved = []
    for count in result.sheets.values():
        if count.rows_accepted:
            moved.append(f"{count.sheet} {count.rows_accepted}")
            count.rows_rejected += count.rows_accepted
            count.rows_accepted = 0
    detail = f" (baris yang tidak dipakai: {', '.join(moved)})" if moved else ""
    sink = IssueSink(result.file)
    sink.add(severity, f"{message}{detail}.")
    result.issues = result.issues + sink.with_opd(result.kode_opd)
    result.used = False
    result.frames = {}


def _resolve_duplicates(results: list[FileResult]) -> None:
    """One report per OPD and period: the later report date wins, then the later file
    modification time, then the later file name; never the one with more rows. The
    others are set aside with a warning naming both files."""
    groups: dict[tuple[str, Period], list[FileResult]] = {}
    for result in results:
        if result.used:
            groups.setdefault((result.kode_opd, result.period), []).append(result)
    for (kode, period), group in groups.items():
        if len(group) < 2:
            continue

        def rank(r: FileResult) -> tuple:
            return (r.tanggal_laporan or dt.date.min, r.modified or 0.0, Path(r.file).name)

        winner = max(group, key=rank)
        for result in group:
            if result is winner:
                continue
            if result.tanggal_laporan != winner.tanggal_laporan:
                why = "tanggal laporannya paling akhir"
            elif result.modified != winner.modified:
                why = "tanggal laporannya sama, dan berkasnya paling akhir diubah"
            else:
                why = "tanggal laporan dan waktu ubah berkasnya sama; dipilih nama berkas terakhir"
            _reject_file(
                result,
                f"{kode} mengirim lebih dari satu laporan untuk {period.title}: "
                f"{Path(result.file).name} dan {Path(winner.file).name}. Yang dipakai: "
                f"{Path(winner.file).name} ({why}); berkas ini tidak dipakai",
                PERINGATAN,
            )
