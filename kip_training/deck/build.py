"""Build the coordination-meeting deck: the functions ``kip deck`` and the notebooks call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kip_training.calendar import WorkingCalendar
from kip_training.config import Config, load_config
from kip_training.deck import content, draw, template
from kip_training.errors import DeckError
from kip_training.metrics import Comparison, compare, summarize
from kip_training.quiz.analytics import TrainingSummary, training_summary
from kip_training.reports import Issue, Period, load_reports
from kip_training.reports.cache import ReportCache


class NothingToShow(DeckError):
    """No usable report was read, so there is no deck to build.

    ``issues`` holds the problems found in the files that were tried.
    """

    exit_code = 1

    def __init__(self, message: str, issues: Sequence[Issue] = ()) -> None:
        super().__init__(message)
        self.issues = list(issues)


@dataclass
class DeckResult:
    """What was written: the file, its slide count, and the data problems met on the way."""

    path: Path
    slides: int
    period: Period
    previous_period: Period | None = None
    issues: list[Issue] = field(default_factory=list)  # of the current period's reports
    previous_issues: list[Issue] = field(default_factory=list)
    missing_opd: list[str] = field(default_factory=list)
    late_opd: list[str] = field(default_factory=list)


def build_deck(
    comparison: Comparison,
    output: Path | str,
    *,
    config: Config | None = None,
    template_path: Path | str | None = None,
    training: TrainingSummary | None = None,
    calendar: WorkingCalendar | None = None,
) -> DeckResult:
    """Write the deck for a :class:`~kip_training.metrics.Comparison` to ``output``.

    ``training`` is a ``TrainingSummary`` (adds the training slide); ``template_path`` a
    corporate template with layouts named as in :data:`template.LAYOUT_NAMES`.
    """
    if config is None:
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
        missing_opd=list(current.missing_opd),
        late_opd=list(current.late_opd),
    )


def load_training(quiz_db: Path | str | None) -> TrainingSummary | None:
    """The training summary of a quiz database, or None without one."""
    if quiz_db is None:
        return None
    path = Path(quiz_db)
    if not path.is_file():
        raise DeckError(f"Basis data kuis {path} tidak ditemukan.")
    return training_summary(path)


def build_deck_from_paths(
    paths: Sequence[Path | str],
    output: Path | str,
    *,
    previous: Iterable[Path | str] | None = None,
    quiz_db: Path | str | None = None,
    config: Config | None = None,
    template_path: Path | str | None = None,
    period: Period | None = None,
    cache: ReportCache | None = None,
) -> DeckResult:
    """Read reports (files or folders), compute the metrics and write the deck.

    Raises :class:`NothingToShow` when no report of the period could be used; data
    problems do not stop the deck, they are returned in ``DeckResult.issues``.
    ``cache`` (a :class:`~kip_training.reports.cache.ReportCache`) serves reports
    loaded before, for instance by ``kip check``.
    """
    if config is None:
        config = load_config()
    calendar = WorkingCalendar.from_config(config)
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
    current = summarize(current_reports, config)
    previous_issues: list[Issue] = []
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
            previous_summary = summarize(previous_reports, config)
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
