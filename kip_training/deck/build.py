"""Build the coordination-meeting deck: the functions ``kip deck`` and the notebooks call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kip_training.deck import content, draw, template
from kip_training.errors import DeckError


class NothingToShow(DeckError):
    """No usable report was read, so there is no deck to build.

    ``issues`` holds the problems found in the files that were tried.
    """

    exit_code = 1

    def __init__(self, message: str, issues: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.issues = list(issues)


@dataclass
class DeckResult:
    """What was written: the file, its slide count, and the data problems met on the way."""

    path: Path
    slides: int
    period: Any
    previous_period: Any = None
    issues: list[Any] = field(default_factory=list)  # of the current period's reports
    previous_issues: list[Any] = field(default_factory=list)
    missing_opd: list[str] = field(default_factory=list)
    late_opd: list[str] = field(default_factory=list)


def build_deck(
    comparison: Any,
    output: Path | str,
    *,
    config: Any = None,
    template_path: Path | str | None = None,
    training: Any = None,
    calendar: Any = None,
) -> DeckResult:
    """Write the deck for a :class:`~kip_training.metrics.Comparison` to ``output``.

    ``training`` is a ``TrainingSummary`` (adds the training slide); ``template_path`` a
    corporate template with layouts named as in :data:`template.LAYOUT_NAMES`.
    """
    if config is None:
        from kip_training.config import load_config

        config = load_config()
    tpl = template.open_template(template_path)
    deck = content.build_content(comparison, config, training, calendar)
    presentation = draw.draw_deck(deck, tpl)
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        presentation.save(str(target))
    except OSError as exc:
        raise DeckError(f"Berkas {target} tidak dapat ditulis: {exc.strerror or exc}.") from None
    current = comparison.current
    return DeckResult(
        path=target,
        slides=len(presentation.slides),
        period=current.period,
        previous_period=comparison.previous.period if comparison.previous is not None else None,
        missing_opd=list(getattr(current, "missing_opd", []) or []),
        late_opd=list(getattr(current, "late_opd", []) or []),
    )


def load_training(quiz_db: Path | str | None) -> Any:
    """The training summary of a quiz database, or None without one."""
    if quiz_db is None:
        return None
    path = Path(quiz_db)
    if not path.is_file():
        raise DeckError(f"Basis data kuis {path} tidak ditemukan.")
    from kip_training.quiz.analytics import training_summary

    return training_summary(path)


def build_deck_from_paths(
    paths: Sequence[Path | str],
    output: Path | str,
    *,
    previous: Iterable[Path | str] | None = None,
    quiz_db: Path | str | None = None,
    config: Any = None,
    template_path: Path | str | None = None,
    period: Any = None,
    cache: Any = None,
) -> DeckResult:
    """Read reports (files or folders), compute the metrics and write the deck.

    Raises :class:`NothingToShow` when no report of the period could be used; data
    problems do not stop the deck, they are returned in ``DeckResult.issues``.
    ``cache`` (a :class:`~kip_training.reports.cache.ReportCache`) serves reports
    loaded before, for instance by ``kip check``.
    """
    from kip_training.calendar import WorkingCalendar
    from kip_training.config import load_config
    from kip_training.metrics import compare, summarize
    from kip_training.reports import load_reports

    if config is None:
        config = load_config()
    calendar = WorkingCalendar.from_file(config.extra_days_off_path)
    current_reports = load_reports(
        list(paths), config=config, period=period, calendar=calendar, cache=cache
    )
    if current_reports.period is None or len(current_reports.identitas) == 0:
        raise NothingToShow(
            "Tidak ada laporan yang dapat dipakai di "
            + ", ".join(str(p) for p in paths)
            + ". Periksa berkasnya dengan: kip check "
            + " ".join(str(p) for p in paths),
            current_reports.issues,
        )
    current = summarize(current_reports, config, calendar)
    previous_issues: list[Any] = []
    previous_summary = None
    previous = list(previous or [])
    if previous:
        previous_reports = load_reports(
            previous,
            config=config,
            period=current_reports.period.previous(),
            calendar=calendar,
            cache=cache,
        )
        previous_issues = list(previous_reports.issues)
        if len(previous_reports.identitas):
            previous_summary = summarize(previous_reports, config, calendar)
    training = load_training(quiz_db)
    result = build_deck(
        compare(current, previous_summary),
        output,
        config=config,
        template_path=template_path,
        training=training,
        calendar=calendar,
    )
    result.issues = list(current_reports.issues)
    result.previous_issues = previous_issues
    return result
