"""The annual report's charts as PNG images, each with the alt text that describes it."""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from kip_training.annual.figures import AnnualFigures  # noqa: E402
from kip_training.textfmt import format_number  # noqa: E402

DECISIONS = ("Dipenuhi seluruhnya", "Dipenuhi sebagian", "Ditolak", "Tidak dikuasai")
COLOURS = ("#1F4E79", "#7FA7D1")


@dataclass(frozen=True)
class Chart:
    """One chart: PNG bytes, its caption and its alt text (for screen readers)."""

    png: bytes
    caption: str
    alt: str


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def _axes(width: float = 6.3, height: float = 2.8):
    fig, ax = plt.subplots(figsize=(width, height))
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v)))
    return fig, ax


def decisions_chart(figures: AnnualFigures) -> Chart:
    """Requests per decision, Semester I and II side by side."""
    semesters = figures.per_semester.iloc[:-1].to_dict("records")
    fig, ax = _axes()
    width = 0.38
    for i, (row, colour) in enumerate(zip(semesters, COLOURS, strict=False)):
        positions = [x + (i - 0.5) * width for x in range(len(DECISIONS))]
        ax.bar(
            positions, [row.get(d, 0) for d in DECISIONS], width, label=row["Periode"], color=colour
        )
    ax.set_xticks(range(len(DECISIONS)), DECISIONS, fontsize=8)
    ax.set_ylabel("Permohonan")
    ax.legend(frameon=False, fontsize=8)
    parts = [
        f"{row['Periode']}: "
        + ", ".join(f"{d.lower()} {format_number(row.get(d, 0))}" for d in DECISIONS)
        for row in semesters
    ]
    alt = "Diagram batang keputusan atas permohonan informasi per semester. " + "; ".join(parts)
    return Chart(_png(fig), f"Keputusan atas permohonan informasi tahun {figures.year}", alt + ".")


def refusals_chart(figures: AnnualFigures) -> Chart:
    """Refusals per Pasal 17 letter in the year."""
    table = figures.refusals
    fig, ax = _axes(height=2.6)
    ax.bar(table["Huruf Pasal 17"], table["Jumlah"], color=COLOURS[0])
    ax.set_xlabel("Huruf Pasal 17 UU KIP")
    ax.set_ylabel("Permohonan ditolak")
    used = table[table["Jumlah"] > 0]
    listed = ", ".join(
        f"huruf {r['Huruf Pasal 17']} {format_number(r['Jumlah'])}" for _, r in used.iterrows()
    )
    alt = (
        f"Diagram batang permohonan yang ditolak per huruf Pasal 17 UU KIP tahun {figures.year}: "
        + (listed or "tidak ada penolakan")
        + "."
    )
    return Chart(_png(fig), f"Permohonan ditolak per huruf Pasal 17, tahun {figures.year}", alt)


def days_chart(figures: AnnualFigures) -> Chart:
    """How many working days requests took to the written notice (histogram)."""
    days = figures.notice_days
    fig, ax = _axes(height=2.6)
    top = int(days.max()) if len(days) else 10
    ax.hist(days, bins=range(0, top + 2), color=COLOURS[0], edgecolor="white")
    ax.axvline(10.5, color="#C00000", linestyle="--", linewidth=1)
    ax.axvline(17.5, color="#C00000", linestyle=":", linewidth=1)
    ax.set_xlabel("Hari kerja sampai pemberitahuan tertulis (garis: 10 dan 17 hari kerja)")
    ax.set_ylabel("Permohonan")
    within = int((days <= 10).sum())
    alt = (
        f"Histogram lama pemberitahuan tertulis atas {format_number(len(days))} permohonan "
        f"tahun {figures.year}: {format_number(within)} paling lama 10 hari kerja, "
        f"{format_number(int(((days > 10) & (days <= 17)).sum()))} 11 sampai 17 hari kerja, "
        f"{format_number(int((days > 17).sum()))} lebih dari 17 hari kerja."
    )
    return Chart(_png(fig), f"Lama pemberitahuan tertulis, tahun {figures.year}", alt)
