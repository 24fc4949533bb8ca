"""Column widths of the annual report's tables, and headers that wrap between syllables.

A table of nine figures on a portrait page gives each column about 1.5 cm: "Permohonan"
or "didokumentasikan" in bold does not fit, and Word and LibreOffice then break the word
anywhere ("Perm / ohona / n"). Here each figure column is as wide as its longest header
word needs (within bounds), text columns share what is left, and a header word still too
long for its column gets soft hyphens (U+00AD) between its syllables, so it wraps as
"Permo-honan". Indonesian syllables split regularly: before a lone consonant between
vowels ("mo-ho-nan"), between two consonants ("men-ta"), keeping ng, ny, sy and kh
together ("ruh-nya").
"""

from __future__ import annotations

from collections.abc import Sequence

from kip_training.deck.fit import text_width

SOFT_HYPHEN = "\u00ad"
TABLE_PT = 8.5  # the table style's size (annual/template.py)
#: Cell margins, left and right together (Word's default 0.19 cm each).
PADDING_CM = 0.38
NUMBER_MIN_CM, NUMBER_MAX_CM = 1.2, 2.5
TEXT_MIN_CM = 2.0
_VOWELS = frozenset("aiueoAIUEO")
_DIGRAPHS = ("ng", "ny", "sy", "kh")
_DIPHTHONGS = ("ai", "au", "oi", "ei")


def _cm(points: float) -> float:
    return points / 72 * 2.54


def word_width_cm(word: str, bold: bool = True) -> float:
    return _cm(text_width(word, TABLE_PT, bold)) + PADDING_CM


def syllables(word: str) -> str:
    """``word`` with soft hyphens between its syllables (no piece shorter than 2 letters)."""
    vowels = [i for i, c in enumerate(word) if c in _VOWELS]
    breaks = []
    for a, b in zip(vowels, vowels[1:], strict=False):
        between = word[a + 1 : b]
        if not between.isalpha() and between:
            continue  # a digit or a sign between: not a plain word
        if not between:
            at = None if word[a : b + 1].lower() in _DIPHTHONGS else b
        elif len(between) == 1:
            at = a + 1
        elif len(between) == 2:
            at = a + 1 if between.lower() in _DIGRAPHS else a + 2
        else:
            at = b - 2 if word[b - 2 : b].lower() in _DIGRAPHS else b - 1
        if at is not None and 2 <= at <= len(word) - 2:
            breaks.append(at)
    for at in reversed(breaks):
        word = word[:at] + SOFT_HYPHEN + word[at:]
    return word


def fitted_header(title: str, width_cm: float) -> str:
    """The header with soft hyphens in the words too wide for a column ``width_cm`` wide."""
    return " ".join(
        syllables(word) if word_width_cm(word) > width_cm else word for word in title.split(" ")
    )


def widths(
    titles: Sequence[str], numeric: Sequence[bool], lengths: Sequence[int], total_cm: float
) -> list[float]:
    """Column widths (cm) filling ``total_cm``: a figure column as wide as its longest
    header word (bounded), text columns by the length of their longest cell."""
    number = [
        min(NUMBER_MAX_CM, max([NUMBER_MIN_CM, *(word_width_cm(w) for w in t.split())]))
        for t, is_number in zip(titles, numeric, strict=True)
        if is_number
    ]
    text_lengths = [n for n, is_number in zip(lengths, numeric, strict=True) if not is_number]
    spare = total_cm - sum(number)
    if text_lengths and spare < TEXT_MIN_CM * len(text_lengths):  # figures give way
        scale = max(total_cm - TEXT_MIN_CM * len(text_lengths), 0) / sum(number)
        number = [max(NUMBER_MIN_CM, w * scale) for w in number]
        spare = total_cm - sum(number)
    weight = sum(text_lengths) or 1
    out, numbers, texts = [], iter(number), iter(text_lengths)
    for is_number in numeric:
        out.append(next(numbers) if is_number else max(TEXT_MIN_CM, spare * next(texts) / weight))
    if not text_lengths and number:  # figures only: share the whole width
        out = [w * total_cm / sum(out) for w in out]
    return out
