"""Matplotlib charts for the notebooks: plain functions returning a ``Figure``.

Every function builds its figure with :class:`matplotlib.figure.Figure` directly (not
``pyplot``), so nothing is drawn twice in a notebook and nothing needs a display: a
figure returned as the last value of a cell is shown once, and ``figure.savefig``
works anywhere. All labels are Indonesian. Matplotlib is imported in this module only.

The summary charts take a :class:`kip_training.metrics.PeriodSummary` and never show
requester data: they work on counts per OPD only. Decision labels are the report
schema's (:data:`kip_training.reports.schema.KEPUTUSAN`), as on the deck's slides.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
from IPython.display import Image
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from kip_training import law
from kip_training.calendar import DueDate
from kip_training.config import load_config
from kip_training.metrics import PeriodSummary
from kip_training.quiz.analytics import TrainingSummary
from kip_training.reports import schema
from kip_training.textfmt import MONTHS, format_date, format_percent

#: Colours used across the charts (colour-blind friendly, print well in grey).
COLOURS = {
    "diterima": "#1f77b4",
    "hari_kerja": "#cfe8cf",
    "akhir_pekan": "#e6e6e6",
    "libur": "#ffb347",
    "jatuh_tempo": "#d62728",
    "batang": "#4c72b0",
    "baik": "#2ca02c",
    "buruk": "#d62728",
    "netral": "#7f7f7f",
}
WEEKDAY_SHORT = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")


def deadline_calendar(due: DueDate) -> Figure:
    """A small calendar from the week of receipt to the week of the due date.

    The receipt day (day 0) is blue, each counted working day carries its number, the
    weekends are grey, weekdays off (holidays, cuti bersama, local days off) are orange
    and named under the calendar, and the due date is red.
    """
    start = due.received - dt.timedelta(days=due.received.weekday())
    end = due.due + dt.timedelta(days=6 - due.due.weekday())
    weeks = (end - start).days // 7 + 1
    off = {d.date: d.name for d in due.skipped}
    notes = [f"{format_date(d.date)}: {d.name}" for d in due.skipped]

    width = 7.5
    height = 0.9 + 0.45 * weeks + 0.22 * len(notes) + 0.5
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(-1.6, 7)
    ax.set_ylim(weeks, -0.8)
    ax.axis("off")
    for col, name in enumerate(WEEKDAY_SHORT):
        ax.text(col + 0.5, -0.4, name, ha="center", va="center", fontsize=9, weight="bold")

    counted = 0
    for offset in range((end - start).days + 1):
        day = start + dt.timedelta(days=offset)
        row, col = divmod(offset, 7)
        if day == due.received:
            colour, label = COLOURS["diterima"], "0"
        elif day in off:
            colour, label = COLOURS["libur"], "L"
        elif day.weekday() >= 5:
            colour, label = COLOURS["akhir_pekan"], ""
        elif due.received < day <= due.due:
            counted += 1
            colour = COLOURS["jatuh_tempo"] if day == due.due else COLOURS["hari_kerja"]
            label = str(counted)
        else:
            colour, label = "white", ""
        ax.add_patch(Rectangle((col + 0.04, row + 0.04), 0.92, 0.92, color=colour, ec="#999999"))
        ax.text(col + 0.08, row + 0.3, str(day.day), fontsize=7, color="#333333")
        strong = day in (due.received, due.due)
        ax.text(
            col + 0.55,
            row + 0.62,
            label,
            ha="center",
            va="center",
            fontsize=9,
            weight="bold" if strong else "normal",
            color="white" if strong else "black",
        )
        # Month names on the left: the receipt month on the first row, then each row
        # holding a first of the month.
        if (row == 0 and day == due.received) or (row > 0 and day.day == 1):
            ax.text(
                -0.1,
                row + 0.5,
                f"{MONTHS[day.month - 1]} {day.year}",
                ha="right",
                va="center",
                fontsize=8,
            )

    rule = due.deadline
    fig.suptitle(
        f"{rule.label}\nDiterima {format_date(due.received)} → jatuh tempo "
        f"{format_date(due.due)} ({rule.working_days} hari kerja, {rule.basis})",
        fontsize=9,
    )
    legend = [
        Patch(color=COLOURS["diterima"], label="hari diterima (hari ke-0)"),
        Patch(color=COLOURS["hari_kerja"], label="hari kerja yang dihitung"),
        Patch(color=COLOURS["libur"], label="libur/cuti bersama (L)"),
        Patch(color=COLOURS["akhir_pekan"], label="Sabtu/Minggu"),
        Patch(color=COLOURS["jatuh_tempo"], label="jatuh tempo"),
    ]
    caption = (
        "Hari libur yang dilewati:\n" + "\n".join(notes)
        if notes
        else ("Tidak ada hari libur selain Sabtu dan Minggu dalam rentang ini.")
    )
    fig.legend(
        handles=legend,
        loc="outside lower center",
        ncols=3,
        fontsize=7,
        frameon=False,
        title=caption,
        title_fontsize=8,
    )
    return fig


def _opd_labels(per_opd: pd.DataFrame) -> list[str]:
    if "singkatan" in per_opd:
        labels = per_opd["singkatan"].fillna("").astype(str)
        return [s or str(code) for s, code in zip(labels, per_opd.index, strict=True)]
    return [str(code) for code in per_opd.index]


def _barh(values: list[float], labels: list[str], title: str, xlabel: str) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(7, 1.2 + 0.28 * max(len(values), 1)), layout="constrained")
    ax = fig.add_subplot()
    positions = range(len(values))
    ax.barh(positions, values, color=COLOURS["batang"])
    ax.set_yticks(list(positions), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


#: What a bar of an OPD without usable figures says instead of a count (never "0").
NO_FIGURES = {"tidak_dapat_dipakai": " tidak dapat dipakai", "tidak_melapor": " belum melapor"}
INCOMPLETE_NOTE = "* tidak lengkap: sebagian baris laporannya ditolak (angka batas bawah)"


def _count_text(value: float, row: pd.Series) -> str:
    """A bar's label: the count, "12*" when incomplete, or why there is no figure."""
    status = row.get("status_laporan")
    if status in NO_FIGURES:
        return NO_FIGURES[status]
    partial = "lengkap" in row and not bool(row["lengkap"])
    return f" {int(value)}{'*' if partial else ''}"


def requests_per_opd(summary: PeriodSummary, top: int | None = None) -> Figure:
    """Requests received per OPD (largest first; OPDs without requests included).

    An OPD whose report could not be used, or that did not report, is listed last and
    labelled so (not shown as 0); a count from a report with rejected rows is marked
    "12*" and the footnote says it is incomplete.
    """
    per_opd = summary.per_opd
    if "status_laporan" in per_opd:
        no_figures = per_opd["status_laporan"].isin(list(NO_FIGURES)).astype(int)
        per_opd = per_opd.assign(_tanpa=no_figures)
        per_opd = per_opd.sort_values(["_tanpa", "permohonan"], ascending=[True, False])
    else:
        per_opd = per_opd.sort_values("permohonan", ascending=False, kind="stable")
    if top:
        per_opd = per_opd.head(top)
    values = [float(v) for v in per_opd["permohonan"].fillna(0)]
    scope = f" ({len(values)} OPD teratas)" if top and len(summary.per_opd) > top else ""
    texts = [_count_text(v, row) for v, (_, row) in zip(values, per_opd.iterrows(), strict=True)]
    partial = any(t.endswith("*") for t in texts)
    fig, ax = _barh(
        values,
        _opd_labels(per_opd),
        f"Permohonan informasi per OPD{scope} — {summary.period.title}",
        "jumlah permohonan" + (f"\n{INCOMPLETE_NOTE}" if partial else ""),
    )
    for y, (v, text) in enumerate(zip(values, texts, strict=True)):
        ax.text(v, y, text, va="center", fontsize=8)
    return fig


def decisions(summary: PeriodSummary) -> Figure:
    """How requests were decided (all decision codes, zeros included)."""
    series = summary.decisions
    labels = [schema.KEPUTUSAN.get(code, str(code)) for code in series.index]
    values = [float(v) for v in series]
    fig, ax = _barh(
        values,
        labels,
        f"Keputusan atas permohonan — {summary.period.title}",
        "jumlah permohonan",
    )
    total = sum(values)
    for y, v in enumerate(values):
        share = f" ({format_percent(v / total)})" if total else ""
        ax.text(v, y, f" {int(v)}{share}", va="center", fontsize=8)
    return fig


def ontime_per_opd(summary: PeriodSummary, threshold: float | None = None) -> Figure:
    """Share of written notices sent within the legal limit, per OPD.

    OPDs without any notice in the period are listed as "tidak ada data"; the dashed
    line is the follow-up threshold of the configuration (``rapat.ambang_tepat_waktu``).
    """
    if threshold is None:
        threshold = load_config().ontime_threshold
    per_opd = summary.per_opd.sort_values("persen_tepat_waktu", ascending=True, kind="stable")
    shares = [float(v) for v in per_opd["persen_tepat_waktu"]]
    values = [0.0 if math.isnan(v) else v * 100 for v in shares]
    fig, ax = _barh(
        values,
        _opd_labels(per_opd),
        f"Pemberitahuan tepat waktu per OPD — {summary.period.title}",
        f"% pemberitahuan dalam {law.NOTICE_DAYS} (atau {law.NOTICE_DAYS_EXTENDED} dengan "
        "perpanjangan) hari kerja",
    )
    for patch, share in zip(ax.patches, shares, strict=True):
        if not math.isnan(share):
            patch.set_color(COLOURS["baik"] if share >= threshold else COLOURS["buruk"])
    for y, share in enumerate(shares):
        text = " tidak ada data" if math.isnan(share) else f" {format_percent(share)}"
        ax.text(0 if math.isnan(share) else share * 100, y, text, va="center", fontsize=8)
    ax.axvline(
        threshold * 100,
        ls="--",
        color=COLOURS["netral"],
        label=f"ambang tindak lanjut {format_percent(threshold)}",
    )
    ax.legend(loc="upper right", fontsize=7, frameon=False)
    ax.set_xlim(0, 115)
    ax.set_ylim(len(values) - 0.5, -0.5)
    return fig


def working_days_histogram(summary: PeriodSummary) -> Figure:
    """How many working days requesters waited for the written notice."""
    values = [int(v) for v in summary.working_days_to_notice]
    fig = Figure(figsize=(7, 3.5), layout="constrained")
    ax = fig.add_subplot()
    top = max([*values, law.NOTICE_DAYS_EXTENDED + 3])
    bins = [b - 0.5 for b in range(0, top + 2)]  # one bar per whole number of days
    ax.hist(values, bins=bins, color=COLOURS["batang"], edgecolor="white")
    ymax = ax.get_ylim()[1]
    for limit, key, height in (
        (law.NOTICE_DAYS, "pemberitahuan", 0.97),
        (law.NOTICE_DAYS_EXTENDED, "perpanjangan", 0.80),
    ):
        basis = law.DEADLINES[key].basis.replace(f"{law.UU_KIP} ", "")
        ax.axvline(limit + 0.5, ls="--", color=COLOURS["buruk"])
        ax.text(
            limit + 0.7,
            ymax * height,
            f"batas {limit} hari kerja\n({basis})",
            va="top",
            fontsize=7,
            color=COLOURS["buruk"],
        )
    ax.set_title(
        f"Lama menjawab permohonan — {summary.period.title}\n"
        "(hari kerja dari permohonan diterima sampai pemberitahuan tertulis)",
        fontsize=10,
    )
    ax.set_xlabel("hari kerja sejak permohonan diterima", fontsize=9)
    ax.set_ylabel("jumlah permohonan", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    if not values:
        ax.text(
            0.5,
            0.5,
            "Belum ada pemberitahuan tertulis yang tercatat.",
            transform=ax.transAxes,
            ha="center",
        )
    return fig


def to_png(fig: Figure, dpi: int = 90) -> bytes:
    """The figure as PNG bytes (for image widgets and downloads)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def show(fig: Figure, dpi: int = 90) -> Image:
    """An IPython image of the figure: the last value of a notebook cell shows it.

    The figures are built without ``pyplot``, so a bare ``Figure`` has no rich display
    of its own; this works the same in JupyterLab, Voilà and nbval runs.
    """
    return Image(data=to_png(fig, dpi), format="png")


def _empty_note(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=9)
    ax.set_yticks([])


def _score_bars(
    means: pd.Series, labels: list[str], title: str, counts: pd.Series, unit: str
) -> Figure:
    """Horizontal bars of mean scores (0–1) in percent, each labelled with its count."""
    values = [float(v) * 100 for v in means]
    fig, ax = _barh(values, labels, title, "nilai rata-rata (%)")
    ax.set_xlim(0, 110)
    for y, (value, count) in enumerate(zip(values, counts, strict=True)):
        ax.text(
            value,
            y,
            f" {format_percent(value / 100)} ({int(count)} {unit})",
            va="center",
            fontsize=8,
        )
    if not values:
        _empty_note(ax, "Belum ada jawaban kuis.")
    return fig


def quiz_scores_by_topic(training: TrainingSummary) -> Figure:
    """Mean quiz score per topic, weakest first."""
    table = training.by_topic
    labels = [str(t) for t in table["judul"]]
    return _score_bars(
        table["rata_rata"], labels, "Nilai rata-rata kuis per topik", table["jawaban"], "jawaban"
    )


def quiz_scores_by_opd(training: TrainingSummary, names: dict[str, str] | None = None) -> Figure:
    """Mean quiz score and number of participants per OPD, best first."""
    table = training.by_opd
    names = names or {}
    labels = [names.get(code, str(code)) for code in table["kode_opd"]]
    return _score_bars(
        table["rata_rata"], labels, "Nilai rata-rata kuis per OPD", table["peserta"], "peserta"
    )
