"""The deck as plain data: slides and the blocks on them, with no drawing in sight.

:mod:`kip_training.deck.content` builds these objects from the metrics;
:mod:`kip_training.deck.draw` turns them into PowerPoint shapes. Tests of what the
deck *says* can run on these objects alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: How a change is judged: "baik" (good, green), "buruk" (bad, red), None (neutral);
#: bands of a graded scale (such as the monev qualifications) take the steps between,
#: worst first: see :data:`SCALE`.
Tone = Literal["buruk", "kurang", "sedang", "cukup", "baik"] | None
SCALE: tuple[Tone, ...] = ("buruk", "kurang", "sedang", "cukup", "baik")


@dataclass(frozen=True)
class Text:
    """A short paragraph (or several) of plain text; ``emphasis`` draws it as a banner."""

    paragraphs: tuple[str, ...]
    emphasis: bool = False


@dataclass(frozen=True)
class Bullets:
    """A bulleted list; each item is (level, text), level 0 or 1.

    ``numbered`` lists carry their numbers in the text and get no bullet glyph.
    """

    items: tuple[tuple[int, str], ...]
    numbered: bool = False


@dataclass(frozen=True)
class Figure:
    """One headline number with an optional comparison line."""

    label: str
    value: str
    detail: str = ""
    tone: Tone = None


@dataclass(frozen=True)
class Figures:
    """A row of headline numbers drawn as cards."""

    items: tuple[Figure, ...]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Band:
    """A colour band of a one-measure chart: values in [lower, upper) carry ``tone``.

    ``label`` names the band in a legend ("di bawah ambang 80%"). ``upper`` None is
    open-ended. The bands of a chart are given from the lowest up and do not overlap.
    """

    lower: float
    upper: float | None
    tone: Tone
    label: str


@dataclass(frozen=True)
class Chart:
    """A native chart. ``kind``: "bar" (horizontal), "column", "bar_stacked".

    Optional one-glance marks (single-series charts; drawn by :mod:`.charts`):

    - ``threshold``: a reference line across the bars at this value (same unit as the
      values, e.g. 0.8 for an 80% on-time threshold), labelled ``threshold_label``;
    - ``bands``: colour bands by value (:class:`Band`); each bar takes the tone of the
      band its value falls in, and the bands form the legend;
    - ``point_tones``: a tone per category that overrides the band colour (e.g. a
      problem OPD highlighted "buruk"); None entries keep the band or series colour;
    - ``point_labels``: text written beside each bar after its value, one per category
      (e.g. "n=120" requests behind a rate), "" for none.

    OPDs without a figure (report missing or unusable) are never given a 0 bar: content
    leaves them out of the chart and names them in a text block beside it.
    """

    kind: Literal["bar", "column", "bar_stacked"]
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    number_format: str = "0"
    axis_max: float | None = None
    grouped_last: bool = False  # the last category groups the rest ("Lainnya"): muted
    threshold: float | None = None
    threshold_label: str = ""
    bands: tuple[Band, ...] = ()
    point_tones: tuple[Tone, ...] = ()
    point_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    header: str
    weight: float = 1.0
    align: Literal["left", "right", "center"] = "left"


@dataclass(frozen=True)
class Table:
    """A table; long ones are continued on further slides titled "(lanjutan)".

    ``large`` asks for bigger text (short tables such as the headline figures).
    ``tones`` optionally gives, per row, per column, a tone to colour the cell text.
    ``note`` is a footnote drawn under the table on every slide it spans (a mark in a
    row on a continuation slide is explained there too).
    """

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    large: bool = False
    tones: tuple[tuple[Tone, ...], ...] | None = None
    note: str = ""


@dataclass(frozen=True)
class Columns:
    """Blocks placed side by side; ``weights`` share the width (equal by default)."""

    blocks: tuple[Block, ...]
    weights: tuple[float, ...] | None = None


Block = Text | Bullets | Figures | Chart | Table | Columns


@dataclass(frozen=True)
class Slide:
    """One slide before drawing.

    ``layout``: "judul" (title), "isi" (content) or "bagian" (section divider).
    ``key`` names the slide for tests and for the agenda ("headline", "pelapor", ...).
    Blocks of a content slide are stacked from top to bottom.
    """

    key: str
    layout: Literal["judul", "isi", "bagian"]
    title: str
    subtitle: str = ""
    blocks: tuple[Block, ...] = ()
    notes: str = ""
    agenda: str = ""
    # Appendix slides may use small (12 pt) tables; presented slides keep 16 pt tables
    # and 18 pt text.
    appendix: bool = False


@dataclass(frozen=True)
class Deck:
    """All slides of the deck, in order."""

    title: str
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    def slide(self, key: str) -> Slide:
        for slide in self.slides:
            if slide.key == key:
                return slide
        raise KeyError(key)
