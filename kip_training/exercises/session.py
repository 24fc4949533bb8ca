"""Bundled sample material the notebooks share: report folders and a quiz session."""

from __future__ import annotations

from pathlib import Path

from kip_training.exercises.output import output_dir
from kip_training.paths import DATA_DIR
from kip_training.quiz.analytics import training_summary
from kip_training.quiz.sample import fill_sample_results
from kip_training.reports import Period
from kip_training.textfmt import format_percent


def sample_folder(period: str) -> Path:
    """The bundled sample reports of a period ("2025-S2"): ``data/contoh/laporan/<period>``."""
    return DATA_DIR / "contoh" / "laporan" / Period.parse(period).label


def sample_quiz_db() -> Path:
    """A quiz results database with the bundled sample session (30 fictional participants).

    Written once to :func:`output_dir` (``hasil_kuis_contoh.sqlite``); writing it again
    adds nothing, so the figures stay the same.
    """
    path = output_dir() / "hasil_kuis_contoh.sqlite"
    fill_sample_results(path)
    return path


def training_text(db_path: Path | str | None = None) -> str:
    """Participants, answers and the mean score of a quiz results database, in one line."""
    summary = training_summary(db_path)
    return (
        f"Peserta: {summary.participants}; jawaban: {summary.answers}; nilai rata-rata: "
        f"{format_percent(summary.mean_score, 1)}."
    )
