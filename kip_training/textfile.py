"""Text tables as spreadsheets save them: UTF-8 (with or without a byte-order mark) or
Windows-1252 (Excel and LibreOffice on Windows), columns separated by ``;`` (Excel in an
Indonesian locale), ``,`` or tabs. Used for CSV reports, the roster and the local days off.
"""

from __future__ import annotations

ENCODINGS = ("utf-8-sig", "cp1252")
SEPARATORS = (";", ",", "\t")  # in this order when the first line has as many of two


def decode(data: bytes) -> str | None:
    """``data`` as text in the first encoding of :data:`ENCODINGS` that fits; None when
    none does (the caller says what to do)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def separator(text: str) -> str:
    """The column separator of a text table: the one its first line holds most of ("," when
    it holds none)."""
    first = text.split("\n", 1)[0]
    counts = {mark: first.count(mark) for mark in SEPARATORS}
    return max(counts, key=counts.get) if any(counts.values()) else ","
