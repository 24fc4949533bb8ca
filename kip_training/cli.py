"""The ``kip`` command: one entry point, subcommands in ``kip_training.commands``.

Each module in ``kip_training/commands/`` defines ``NAME``, ``HELP``, ``ORDER``,
``register(parser)`` and ``run(args) -> int``; it imports heavy libraries inside
``run`` so that ``kip --help`` starts fast. Exit status: 0 fine, 1 problems found in the
input, 2 unusable arguments, 3 the toolkit itself failed (one Indonesian line, no
traceback; ``KIP_DEBUG=1`` shows it).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import sys
from collections.abc import Sequence

from kip_training import commands
from kip_training.errors import EXIT_ARGUMENTS, EXIT_FAILED, EXIT_INPUT, KipError, os_reason
from kip_training.terminal import printable

#: Set to show the traceback of an unexpected failure instead of one line.
DEBUG_ENV = "KIP_DEBUG"

# argparse's own words, in Indonesian, for kip's parsers only (other parsers in the process
# keep argparse's English). Error messages arrive formatted, so they are matched as patterns.
_USAGE = "penggunaan: "
_HELP = "tampilkan bantuan ini lalu keluar"
_ARGUMENT = (re.compile(r"^argument (\S+): "), r"argumen \1: ")
_ERRORS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"the following arguments are required: (.+)", r"argumen berikut wajib diisi: \1"),
        (r"one of the arguments (.+) is required", r"salah satu argumen \1 wajib diisi"),
        (r"unrecognized arguments: (.+)", r"argumen tidak dikenal: \1"),
        (r"invalid choice: (.+) \(choose from (.+)\)$", r"pilihan tidak sah: \1 (pilih dari \2)"),
        (r"expected one argument", "memerlukan satu nilai"),
        (r"expected at least one argument", "memerlukan paling sedikit satu nilai"),
        (r"expected at most one argument", "memerlukan paling banyak satu nilai"),
        (r"expected (\d+) arguments?", r"memerlukan \1 nilai"),
        (r"invalid (\S+) value: (.+)", r"nilai \1 tidak sah: \2"),
        (r"not allowed with argument (.+)", r"tidak boleh bersama argumen \1"),
        (r"ambiguous option: (\S+) could match (.+)", r"pilihan ambigu: \1 cocok dengan \2"),
        (r"ignored explicit argument (.+)", r"argumen eksplisit \1 diabaikan"),
    )
)


def _indonesian(message: str) -> str:
    """An argparse error message with argparse's own words in Indonesian."""
    message = _ARGUMENT[0].sub(_ARGUMENT[1], message, count=1)
    for pattern, replacement in _ERRORS:
        translated, found = pattern.subn(replacement, message, count=1)
        if found:
            return translated
    return message


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with the usage line in Indonesian."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, _USAGE if prefix is None else prefix)


class KipParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in Indonesian.

    Subcommand parsers made with ``add_subparsers().add_parser`` are of the same class.
    A command that needs another formatter should subclass :class:`HelpFormatter`.
    """

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumen posisi"
        self._optionals.title = "pilihan"
        if add_help:
            self.add_argument("-h", "--help", action="help", help=_HELP)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {printable(_indonesian(message))}\n")


def _command_modules() -> list:
    modules = [
        importlib.import_module(f"{commands.__name__}.{info.name}")
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda m: (m.ORDER, m.NAME))


def build_parser() -> argparse.ArgumentParser:
    parser = KipParser(
        prog="kip",
        description=(
            "kip-training: alat pelatihan dan pelaporan PPID "
            "(UU 14/2008 tentang Keterbukaan Informasi Publik)."
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah")
    for module in _command_modules():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.register(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_ARGUMENTS
    try:
        return int(args.run(args) or 0)
    except KipError as exc:
        print(f"Galat: {printable(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) closed the pipe: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INPUT
    except OSError as exc:
        print(f"Galat: {printable(os_error_text(exc, _outputs(args)))}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        print(
            f"Galat: kip-training gagal ({type(exc).__name__}: {printable(exc)}). Ini "
            f"kesalahan alat, bukan data Anda; jalankan lagi dengan {DEBUG_ENV}=1 untuk "
            "rinciannya dan laporkan kepada pengelola.",
            file=sys.stderr,
        )
        return EXIT_FAILED


def _outputs(args: argparse.Namespace) -> set[str]:
    """The paths the command was asked to write (its ``-o``/``--output``)."""
    value = getattr(args, "output", None)
    return {os.path.abspath(value)} if isinstance(value, str) else set()


def os_error_text(exc: OSError, outputs: set[str] = frozenset()) -> str:
    """One Indonesian line for an operating-system error: what, which path, why."""
    reason = os_reason(exc)
    if exc.filename is None:
        return f"operasi berkas gagal: {reason}"
    name = os.path.abspath(os.fsdecode(exc.filename))
    for output in outputs:  # the output itself, or a folder on its way
        if name == output or output.startswith(name.rstrip(os.sep) + os.sep):
            where = "" if name == output else f" (folder {os.fsdecode(exc.filename)})"
            return f"tidak dapat menulis {output}: {reason}{where}"
    return f"tidak dapat membuka {os.fsdecode(exc.filename)}: {reason}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
