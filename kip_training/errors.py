"""Exceptions for what users can get wrong; their messages are the Indonesian text shown."""

import errno

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


#: Why the operating system refused, in Indonesian (its own text is English here).
OS_REASONS = {
    errno.EACCES: "izin ditolak",
    errno.EPERM: "izin ditolak",
    errno.ENOENT: "berkas atau folder tidak ada",
    errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
    errno.EISDIR: "itu sebuah folder, bukan berkas",
    errno.ENOSPC: "ruang disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EROFS: "sistem berkasnya hanya dapat dibaca",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
    errno.EEXIST: "sudah ada",
}


def os_reason(exc: BaseException) -> str:
    """The reason of an operating-system error in Indonesian (its own text when none)."""
    number = getattr(exc, "errno", None)
    return OS_REASONS.get(number) or getattr(exc, "strerror", None) or str(exc)
