"""Build the coordination-meeting deck: the functions ``kip deck`` and the notebooks call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kip_training.calendar import WorkingCalendar
from kip_training.config import Config, load_config
from kip_training.deck import annex, content, draw, template
from kip_training.deck.facts import IntakeFacts, intake_facts
from kip_training.errors import DeckError, os_reason
from kip_training.followup import readback as followup_readback
from kip_training.followup import slides as followup_slides
from kip_training.followup import triggers as followup_triggers
from kip_training.followup import workbook as followup_workbook
from kip_training.metrics import Comparison, compare, summarize
from kip_training.monev.slide import MonevSlide, monev_slide
from kip_training.quiz.analytics import TrainingSummary, training_summary
from kip_training.quiz.store import describe_target, store_exists
from kip_training.reports import Issue, Period, load_reports
from kip_training.reports.cache import ReportCache

if TYPE_CHECKING:  # the check reads workbooks and PDFs: only kip deck --monev runs it
    from kip_training.monev.check import CheckResult


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
    annex: Path | None = None  # the xlsx annex beside the deck (full per-OPD tables)
    register: Path | None = None  # the follow-up register beside the deck
    register_kept: bool = False  # True when it existed already and was left as it was
    followup_read: followup_readback.ReadBack | None = None  # last meeting's, read back


def build_deck(
    comparison: Comparison,
    output: Path | str,
    *,
    config: Config | None = None,
    template_path: Path | str | None = None,
    training: TrainingSummary | None = None,
    calendar: WorkingCalendar | None = None,
    facts: IntakeFacts | None = None,
    followup: followup_slides.FollowUp | None = None,
    monev: MonevSlide | None = None,
) -> DeckResult:
    """Write the deck for a :class:`~kip_training.metrics.Comparison` to ``output``, and
    the xlsx annex beside it (``<name>_lampiran.xlsx``).

    ``training`` is a ``TrainingSummary`` (adds the training slide); ``template_path`` a
    corporate template with layouts named as in :data:`template.LAYOUT_NAMES`; ``facts``
    the intake facts of the current reports (rows excluded, findings, Kendala sheet);
    ``followup`` last meeting's follow-up register, ``monev`` the monev slide's data (see
    :func:`content.build_content`).
    """
    if config is None:
        config = load_config()
    if calendar is None:
        calendar = WorkingCalendar.from_config(config)
    if followup is None:
        followup = default_followup(comparison, config, calendar, training)
    tpl = template.open_template(template_path)
    deck = content.build_content(
        comparison, config, training, calendar, facts=facts, followup=followup, monev=monev
    )
    presentation = draw.draw_deck(deck, tpl)
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        presentation.save(str(target))
    except OSError as exc:
        raise DeckError(f"Berkas {target} tidak dapat ditulis: {os_reason(exc)}.") from None
    written_annex = annex.write_annex(comparison, facts, annex.annex_path(target))
    register = target.parent / followup.register.file_name
    # A register already there may hold the meeting's edits: it is never overwritten.
    register_kept = register.exists()
    if not register_kept:
        followup_workbook.write_register(followup.register, register)
    current = comparison.current
    return DeckResult(
        path=target,
        slides=len(presentation.slides),
        period=current.period,
        previous_period=comparison.previous.period if comparison.previous is not None else None,
        missing_opd=list(current.missing_opd),
        late_opd=list(current.late_opd),
        annex=written_annex,
        register=register,
        register_kept=register_kept,
        followup_read=followup.previous,
    )


def default_followup(
    comparison: Comparison,
    config: Config,
    calendar: WorkingCalendar,
    training: TrainingSummary | None = None,
    *,
    facts=None,
    previous_facts=None,
    previous_register: followup_readback.ReadBack | None = None,
) -> followup_slides.FollowUp:
    """This meeting's proposed follow-up register (and last meeting's, when read back:
    its unfinished rows are carried into the new register).

    ``facts`` / ``previous_facts``: :func:`kip_training.followup.triggers.report_facts`
    of the current and previous reports.
    """
    meeting = followup_triggers.meeting_date(comparison.current.period, config, calendar)
    register = followup_triggers.build_register(
        comparison,
        meeting,
        config=config,
        calendar=calendar,
        training=training,
        facts=facts,
        previous_facts=previous_facts,
    )
    register = followup_triggers.carry_over(register, previous_register)
    return followup_slides.FollowUp(
        register, previous_register, followup_triggers.next_meeting(meeting, calendar)
    )


def load_training(quiz_db: Path | str | None) -> TrainingSummary | None:
    """The training summary of a quiz database, or None without one."""
    if quiz_db is None:
        return None
    if not store_exists(quiz_db):  # a file, or a postgresql:// URL
        raise DeckError(f"Basis data kuis {describe_target(quiz_db)} tidak ditemukan.")
    return training_summary(quiz_db)


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
    followup_register: Path | str | None = None,
    monev_check: CheckResult | None = None,
) -> DeckResult:
    """Read reports (files or folders), compute the metrics and write the deck.

    ``followup_register`` is last meeting's follow-up register (xlsx) as edited since:
    its rows open the deck; its bad rows are left out and reported in
    ``DeckResult.followup_read.issues``. ``monev_check`` is this year's monev checklist as
    checked (:func:`kip_training.monev.check.check_checklist_files`) for the monev slide;
    the slide also shows last year's score and the timeline from kip.toml ``[monev]``.

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
    previous_facts = None
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
            previous_facts = followup_triggers.report_facts(previous_reports)
    training = load_training(quiz_db)
    comparison = compare(current, previous_summary)
    read_back = (
        followup_readback.read_register(
            followup_register, {str(k): str(v) for k, v in current.per_opd["nama"].items()}
        )
        if followup_register is not None
        else None
    )
    followup = default_followup(
        comparison,
        config,
        calendar,
        training,
        facts=followup_triggers.report_facts(current_reports),
        previous_facts=previous_facts,
        previous_register=read_back,
    )
    result = build_deck(
        comparison,
        output,
        config=config,
        template_path=template_path,
        training=training,
        calendar=calendar,
        facts=intake_facts(current_reports),
        followup=followup,
        monev=monev_slide(config, followup.register.meeting.year, monev_check),
    )
    result.issues = list(current_reports.issues)
    result.previous_issues = previous_issues
    return result
