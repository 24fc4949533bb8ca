"""Charts of a session's results: answers per option, kinds of mistake (PNG bytes).

Built with :class:`matplotlib.figure.Figure` (no ``pyplot``, safe from a background
thread). Bars of right options are green, the others blue; every bar says its count
and share. ``large=True`` draws for the projector (bigger figure and letters).
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.figure import Figure

from kip_training.quiz.results import QuestionStats, mistake_label
from kip_training.textfmt import format_percent

RIGHT = "#2ca02c"
OTHER = "#4c72b0"
MISTAKE = "#d62728"


def _png(fig: Figure, dpi: int) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _label(text: str, letter: str, large: bool) -> str:
    if letter:
        short = textwrap.shorten(text, 38 if large else 26, placeholder="…")
        return f"{letter}. {short}"
    return textwrap.shorten(text, 40 if large else 30, placeholder="…")


def option_chart(stats: QuestionStats, large: bool = False) -> bytes:
    """How the answers to one question spread over its options (PNG)."""
    options = list(stats.options)
    rows = max(len(options), 1)
    size = (12, 1.6 + 0.75 * rows) if large else (6.4, 0.9 + 0.42 * rows)
    font = 17 if large else 9
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.add_subplot()
    counts = [o.count for o in options]
    total = max(stats.answers, 1)
    positions = list(range(len(options)))
    ax.barh(positions, counts, color=[RIGHT if o.correct else OTHER for o in options])
    ax.set_yticks(positions, [_label(o.text, o.letter, large) for o in options], fontsize=font)
    ax.invert_yaxis()
    top = max(counts, default=0)
    ax.set_xlim(0, max(top * 1.35, 1))
    for y, option in enumerate(options):
        mark = " ✓" if option.correct else ""
        ax.text(
            option.count,
            y,
            f" {option.count} ({format_percent(option.count / total)}){mark}",
            va="center",
            fontsize=font,
        )
    ax.xaxis.set_visible(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    title = (
        f"Soal {stats.number}: {stats.answers} jawaban, {format_percent(stats.share_correct)} benar"
        if stats.answers
        else f"Soal {stats.number}: belum ada jawaban"
    )
    ax.set_title(title, fontsize=font + 1, loc="left")
    if not options:
        ax.text(0.5, 0.5, "Belum ada jawaban.", transform=ax.transAxes, ha="center", fontsize=font)
    return _png(fig, 80 if large else 72)


def mistake_chart(stats: QuestionStats, large: bool = False) -> bytes:
    """The kinds of mistake behind wrong answers to a deadline question (PNG)."""
    mistakes = list(stats.mistakes)
    rows = max(len(mistakes), 1)
    font = 15 if large else 9
    size = (12, 1.4 + 0.6 * rows) if large else (6.4, 0.8 + 0.36 * rows)
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.add_subplot()
    counts = [n for _, n in mistakes]
    positions = list(range(len(mistakes)))
    ax.barh(positions, counts, color=MISTAKE)
    ax.set_yticks(positions, [mistake_label(code) for code, _ in mistakes], fontsize=font)
    ax.invert_yaxis()
    ax.set_xlim(0, max(max(counts, default=0) * 1.25, 1))
    for y, count in enumerate(counts):
        ax.text(count, y, f" {count}", va="center", fontsize=font)
    ax.xaxis.set_visible(False)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.set_title(f"Soal {stats.number}: jenis kesalahan", fontsize=font + 1, loc="left")
    if not mistakes:
        ax.text(
            0.5, 0.5, "Belum ada jawaban salah.", transform=ax.transAxes, ha="center", fontsize=font
        )
        ax.set_yticks([])
    return _png(fig, 80 if large else 72)
