"""How much room text takes: wrapped line counts, row heights, table pages.

Pure arithmetic in points, no python-pptx: the drawing code and the tests both use it.
Character widths are those of the font the text is drawn in (the template's theme
font, set with :func:`measuring`), read from the font file found by matplotlib's font
manager; when that font is not installed (the viewer will substitute another), the
metrics of Helvetica, which Arial and Liberation Sans share. Bold text and everything
else is widened a little, so that text estimated to fit does fit.
"""

from __future__ import annotations

import functools
import math
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from PIL import ImageFont

POINTS_PER_INCH = 72.0
LINE_SPACING = 1.2  # line height as a multiple of font size
CELL_MARGIN_X = 0.1 * POINTS_PER_INCH  # python-pptx / PowerPoint default cell margins
CELL_MARGIN_Y = 0.05 * POINTS_PER_INCH
SAFETY = 1.04  # widen every estimate a little

# Advance widths of Helvetica / Arial / Liberation Sans (regular), in 1/1000 em.
_WIDTHS = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
        "abcdefghijklmnopqrstuvwxyz{|}~",
        (
            278,
            278,
            355,
            556,
            556,
            889,
            667,
            191,
            333,
            333,
            389,
            584,
            278,
            333,
            278,
            278,
            556,
            556,
            556,
            556,
            556,
            556,
            556,
            556,
            556,
            556,
            278,
            278,
            584,
            584,
            584,
            556,
            1015,
            667,
            667,
            722,
            722,
            667,
            611,
            778,
            722,
            278,
            500,
            667,
            556,
            833,
            722,
            778,
            667,
            778,
            722,
            667,
            611,
            722,
            667,
            944,
            667,
            667,
            611,
            278,
            278,
            278,
            469,
            556,
            333,
            556,
            556,
            500,
            556,
            556,
            278,
            556,
            556,
            222,
            222,
            500,
            222,
            833,
            556,
            556,
            556,
            556,
            333,
            500,
            278,
            556,
            500,
            722,
            500,
            500,
            500,
            334,
            260,
            334,
            584,
        ),
        strict=True,
    )
)
_WIDTHS.update({"—": 1000, "–": 556, "▲": 1000, "▼": 1000, "≤": 584, "•": 350, "%": 889})
BOLD_FACTOR = 1.08  # bold faces run about 5–10 % wider


_MEASURED: ContextVar[dict[str, float] | None] = ContextVar("measured_font", default=None)


@functools.lru_cache(maxsize=8)
def font_widths(family: str) -> dict[str, float] | None:
    """Advance widths (1/1000 em) of the characters of ``_WIDTHS`` in ``family``.

    None when no installed font file has that family name.
    """
    path = font_file(family)
    if path is None:
        return None
    font = ImageFont.truetype(path, 1000)
    return {char: font.getlength(char) for char in _WIDTHS}


def font_file(family: str) -> str | None:
    """The installed font file of ``family`` (regular face), found by fontconfig; None when
    fontconfig is missing or only offers another family as a substitute."""
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{family}\\n%{file}", f"{family}:style=Regular"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    names, _, path = found.stdout.partition("\n")
    wanted = family.casefold()
    if found.returncode or not path or wanted not in (n.casefold() for n in names.split(",")):
        return None
    return path


@contextmanager
def measuring(family: str) -> Iterator[bool]:
    """Measure text in ``family`` inside the block; yields whether its metrics were found."""
    token = _MEASURED.set(font_widths(family))
    try:
        yield _MEASURED.get() is not None
    finally:
        _MEASURED.reset(token)


def char_width_em(char: str) -> float:
    """Approximate advance width of one character, in em."""
    widths = _MEASURED.get() or _WIDTHS
    if char in widths:
        return widths[char] / 1000
    return 0.72 if char.isupper() else 0.6


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Estimated width of one line of text, in points."""
    width = sum(char_width_em(c) for c in text) * size_pt * SAFETY
    return width * (BOLD_FACTOR if bold else 1.0)


def wrapped_lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """How many lines ``text`` takes when word-wrapped into ``width_pt`` points.

    Explicit newlines start new lines; a word longer than the line is broken.
    """
    if width_pt <= 0:
        raise ValueError("width must be positive")
    total = 0
    for paragraph in str(text).split("\n"):
        words = paragraph.split(" ")
        lines, current = 1, 0.0
        space = text_width(" ", size_pt, bold)
        for word in words:
            word_w = text_width(word, size_pt, bold)
            if word_w > width_pt:  # a word wider than the line wraps on its own
                if current > 0:
                    lines += 1
                lines += math.ceil(word_w / width_pt) - 1
                current = word_w - (math.ceil(word_w / width_pt) - 1) * width_pt
                continue
            needed = word_w if current == 0 else current + space + word_w
            if needed <= width_pt:
                current = needed
            else:
                lines += 1
                current = word_w
        total += lines
    return total


def longest_word(text: str, size_pt: float, bold: bool = False) -> float:
    """Width (points) of the widest word of ``text``: a column narrower breaks words."""
    words = str(text).split()
    return max((text_width(w, size_pt, bold) for w in words), default=0.0)


def longest_line(text: str, size_pt: float, bold: bool = False) -> float:
    """Width (points) of the widest paragraph of ``text`` left unwrapped."""
    return max((text_width(p, size_pt, bold) for p in str(text).split("\n")), default=0.0)


def auto_widths(
    minimum: Sequence[float], desired: Sequence[float], weights: Sequence[float], total: float
) -> list[float]:
    """Share ``total`` among columns like a browser's automatic table layout.

    Every column gets at least its ``minimum`` (its widest word) when that is possible;
    columns then grow towards their ``desired`` width (their longest unwrapped text),
    in proportion to what they lack; width left over is shared by ``weights``.
    """
    n = len(weights)
    need_min = sum(minimum)
    if need_min >= total:  # cannot avoid broken words: shrink the minimums evenly
        return [total * m / need_min for m in minimum] if need_min else [total / n] * n
    widths = list(minimum)
    room = total - need_min
    lack = [max(d - m, 0.0) for d, m in zip(desired, minimum, strict=True)]
    lacking = sum(lack)
    if lacking >= room:
        return [w + room * gap / lacking for w, gap in zip(widths, lack, strict=True)]
    widths = [w + gap for w, gap in zip(widths, lack, strict=True)]
    room -= lacking
    weight_sum = sum(weights)
    return [w + room * k / weight_sum for w, k in zip(widths, weights, strict=True)]


def text_height(lines: int, size_pt: float) -> float:
    return lines * size_pt * LINE_SPACING


def row_height(
    cells: Sequence[str], col_widths_pt: Sequence[float], size_pt: float, bold: bool = False
) -> float:
    """Estimated height (points) of a table row: its tallest cell plus margins."""
    lines = max(
        wrapped_lines(text, width - 2 * CELL_MARGIN_X, size_pt, bold)
        for text, width in zip(cells, col_widths_pt, strict=True)
    )
    return text_height(lines, size_pt) + 2 * CELL_MARGIN_Y


def _greedy(
    heights: Sequence[float], header: float, first_room: float, room: float, most: int
) -> list[tuple[int, int]]:
    pages: list[tuple[int, int]] = []
    start, used, limit = 0, header, first_room
    for i, height in enumerate(heights):
        full = used + height > limit or i - start >= most
        if full and i > start:
            pages.append((start, i))
            start, used, limit = i, header, room
        elif full and i == start and not pages and first_room < room:
            # not even one row fits under the other blocks: start on a fresh slide
            pages.append((start, start))
            used, limit = header, room
        used += height
    pages.append((start, len(heights)))
    return pages


def paginate(
    heights: Sequence[float], header: float, first_room: float, room: float
) -> list[tuple[int, int]]:
    """Split rows into pages: (start, stop) per page, each page header + rows <= room.

    ``first_room`` is the height free on the first slide (other blocks may sit above
    the table), ``room`` the height on continuation slides. A single row taller than a
    whole page still gets its own page (it cannot be split). When the table has its
    slides to itself, rows are spread evenly so the last slide is not a stub.
    """
    pages = _greedy(heights, header, first_room, room, len(heights) + 1)
    if len(pages) > 1 and first_room >= room:
        most = math.ceil(len(heights) / len(pages))
        even = _greedy(heights, header, first_room, room, most)
        if len(even) == len(pages):
            return even
    return pages
