"""The ``kip`` command: one entry point, subcommands in ``kip_training.commands``.

Each module in ``kip_training/commands/`` defines ``NAME``, ``HELP``, ``ORDER``,
``register(parser)`` and ``run(args) -> int``; it imports heavy libraries inside
``run`` so that ``kip --help`` starts fast. Exit status 2 means unusable arguments.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from kip_training import commands
from kip_training.errors import KipError

# argparse's own words, in Indonesian (argparse looks ``_`` up at call time).
_ARGPARSE_ID = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen posisi",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan tidak sah: %(value)r (pilih dari %(choices)s)"
    ),
    "expected one argument": "memerlukan satu nilai",
    "expected at least one argument": "memerlukan paling sedikit satu nilai",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan ambigu: %(option)s cocok dengan %(matches)s"
    ),
}
argparse._ = lambda text: _ARGPARSE_ID.get(text, text)  # type: ignore[attr-defined]


def _command_modules() -> list:
    modules = [
        importlib.import_module(f"{commands.__name__}.{info.name}")
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda m: (m.ORDER, m.NAME))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
        return 2
    try:
        return int(args.run(args) or 0)
    except KipError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) closed the pipe: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
