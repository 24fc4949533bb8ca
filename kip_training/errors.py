"""Exceptions for what users can get wrong; their messages are the Indonesian text shown."""


class KipError(Exception):
    """Base class: the message is complete Indonesian text fit to show a user."""


class ConfigError(KipError):
    """kip.toml (or a path it names) is unusable."""


class CalendarError(KipError):
    """A date outside the calendar, an unknown deadline kind or a bad days-off file."""


class ReportError(KipError):
    """A report file or folder cannot be used at all."""


class QuestionBankError(KipError):
    """The question bank is invalid."""


class DeckError(KipError):
    """The deck cannot be built (template layouts missing, nothing to show)."""
