"""Text safe to print to a terminal: what a file or a cell holds is shown, never obeyed.

A value printed as it stands can drive the terminal: an ESC sequence in a cell can clear
the screen and print a fake "SEMUA SAH" in green, and a line feed in a file name can
forge a line of output. Everything ``kip`` prints that came from a file, a cell, a
roster or the command line passes through :func:`printable`. Imports nothing heavy:
command modules load it at start-up.
"""

from __future__ import annotations

import re
from typing import Any

# What changes a terminal's screen rather than showing: C0 and C1 controls (ESC starts
# a sequence that can clear the screen, a line feed or carriage return forges a line),
# DEL, lone surrogates (cannot even be printed), bidirectional overrides (they reorder
# the text that follows) and the noncharacters U+FFFE/U+FFFF (shown as nothing).
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def _escape(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def printable(text: Any) -> str:
    """``text`` safe to print to a terminal: control characters shown as escapes.

    An ESC sequence in a cell cannot clear the screen or colour a fake line, and a line
    feed in a file name cannot start a line of its own. Cheap for ordinary text (one
    regex search).

    >>> printable("DINKES\\x1b[2J")
    'DINKES\\\\x1b[2J'
    >>> printable("a.xlsx\\nSEMUA SAH")
    'a.xlsx\\\\nSEMUA SAH'
    """
    text = str(text)
    if not _TERMINAL_UNSAFE.search(text):
        return text
    return _TERMINAL_UNSAFE.sub(_escape, text)
