"""Exceptions for what users can get wrong; their messages are the Indonesian text shown."""

#: Exit status of ``kip``: fine, problems found in the input, unusable arguments, the
#: toolkit itself failed.
EXIT_OK, EXIT_INPUT, EXIT_ARGUMENTS, EXIT_FAILED = 0, 1, 2, 3


class KipError(Exception):
    """Base class: the message is complete Indonesian text fit to show a user.

    ``exit_code`` is the status ``kip`` exits with when this error ends a command.
    """

    exit_code = EXIT_ARGUMENTS


class ConfigError(KipError):
    """kip.toml (or a path it names) is unusable."""


class CalendarError(KipError):
    """A date outside the calendar, an unknown deadline kind or a bad days-off file."""


class ReportError(KipError):
    """A report file or folder cannot be used at all."""

    exit_code = EXIT_INPUT


class QuestionBankError(KipError):
    """The question bank is invalid."""

    exit_code = EXIT_INPUT


class StoreError(KipError):
    """The results database or an import file cannot be used."""

    exit_code = EXIT_INPUT


class DeckError(KipError):
    """The deck cannot be built (template layouts missing, nothing to show)."""
