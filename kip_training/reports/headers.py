"""Find a sheet's header row and name its columns; cell matrices and their blank cells.

Headers are read leniently, never silently. The header row is looked for in the first
:data:`HEADER_SEARCH_ROWS` rows (a letterhead or title block above it is normal); a
two-row header ("Tanggal" merged over "Diterima" / "Pemberitahuan") is read as one
("Tanggal Diterima", "Tanggal Pemberitahuan"). Each header cell is matched against the
schema's column titles and synonyms: exactly (any case and spacing), after expanding
common abbreviations (``Tgl.`` -> tanggal), or with a fuzzy score (rapidfuzz). A
column's own title always beats a synonym, a synonym beats a fuzzy match, each column
is taken at most once (best score first), and a header that fits two columns about
equally well is reported, not guessed. :class:`HeaderMatch` records every mapping so the
caller can report it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from kip_training.reports import schema
from kip_training.reports.normalise import Factorized

HEADER_SEARCH_ROWS = 30
#: A fuzzy match at or above this score (0-100) maps a header to a column.
FUZZY_THRESHOLD = 85
#: Two columns scoring within this margin for one header are a close call: not guessed.
AMBIGUOUS_MARGIN = 4
#: Candidates shown for a required column that was not found score at least this.
SUGGEST_THRESHOLD = 50
#: Header cells longer than this are not headers (free text in a data row).
MAX_HEADER_CHARS = 120

#: How a header was matched, strongest first.
TITLE, SYNONYM, FUZZY = 3, 2, 1

#: Abbreviations in headers, expanded before matching (normalised words).
ABBREVIATIONS: Mapping[str, str] = {
    "tgl": "tanggal",
    "tg": "tanggal",
    "no": "nomor",
    "nmr": "nomor",
    "nomer": "nomor",
    "reg": "registrasi",
    "ket": "keterangan",
    "kep": "keputusan",
    "info": "informasi",
    "inf": "informasi",
    "thn": "tahun",
}


def cell_matrix(raw) -> np.ndarray:
    """A raw sheet (DataFrame or 2-D array of cells) as a 2-D object array."""
    if isinstance(raw, np.ndarray) and raw.dtype == object and raw.ndim == 2:
        return raw
    if raw is None:
        return np.empty((0, 0), dtype=object)
    matrix = np.asarray(raw, dtype=object)
    return matrix if matrix.ndim == 2 else matrix.reshape(len(matrix), -1)


_HEADER_LOOKUPS: dict[str, dict[str, str]] = {}
_KEYS: dict[object, str] = {}


def cached_key(text: object) -> str:
    """:func:`schema.normalise_key`, remembered: headers and sheet names repeat in every file."""
    try:
        return _KEYS[text]
    except KeyError:
        normalised = schema.normalise_key(text)
        if len(_KEYS) < 10_000:
            _KEYS[text] = normalised
        return normalised
    except TypeError:  # unhashable cell value
        return schema.normalise_key(text)


def header_lookup(sheet: schema.Sheet) -> dict[str, str]:
    """Normalised exact spelling (title, key, synonyms) -> column key."""
    if sheet.key in _HEADER_LOOKUPS and sheet is schema.SHEETS_BY_KEY.get(sheet.key):
        return _HEADER_LOOKUPS[sheet.key]
    lookup: dict[str, str] = {}
    for column in sheet.columns:
        for name in _titles(column):
            lookup.setdefault(name, column.key)
    for column in sheet.columns:
        for name in column.header_names():
            lookup.setdefault(name, column.key)
    if sheet is schema.SHEETS_BY_KEY.get(sheet.key):
        _HEADER_LOOKUPS[sheet.key] = lookup
    return lookup


def _titles(column: schema.Column) -> set[str]:
    """The template's own title of a column (with and without its parenthesis)."""
    without = column.title.split("(")[0]
    return {schema.normalise_key(column.title), schema.normalise_key(without)}


def find_header(raw: np.ndarray, lookup: Mapping[str, str]) -> int | None:
    """The row (0-based) among the first few that holds most known column headers."""
    best, best_hits = None, 0
    cells = raw[:HEADER_SEARCH_ROWS]
    for position, row in enumerate(cells):
        names = [cached_key(v) for v in row if isinstance(v, str) and v.strip()]
        hits = len({lookup[n] for n in names if n in lookup})
        if hits > best_hits:
            best, best_hits = position, hits
        if hits >= 3:  # a real header row: stop looking
            break
    return best


@dataclass(frozen=True)
class Candidate:
    """A column a header cell may stand for."""

    key: str
    kind: int  # TITLE, SYNONYM or FUZZY
    score: float


def _expand(text: str) -> str:
    words = schema.normalise_key(text).split("_")
    return " ".join(ABBREVIATIONS.get(w, w) for w in words if w)


_TARGETS: dict[str, tuple] = {}


def _targets(sheet: schema.Sheet) -> tuple[dict[str, tuple[str, int]], list[str], list[str]]:
    """Exact spellings (normalised -> key, kind) and the names fuzzy matching compares."""
    known = sheet is schema.SHEETS_BY_KEY.get(sheet.key)
    if known and sheet.key in _TARGETS:
        return _TARGETS[sheet.key]
    exact: dict[str, tuple[str, int]] = {}
    for column in sheet.columns:
        for name in _titles(column):
            exact.setdefault(name, (column.key, TITLE))
    for column in sheet.columns:
        for name in column.header_names():
            exact.setdefault(name, (column.key, SYNONYM))
    names, keys = [], []
    for column in sheet.columns:
        for name in column.header_names():
            expanded = _expand(name)
            if expanded:
                names.append(expanded)
                keys.append(column.key)
    if known:
        _TARGETS[sheet.key] = (exact, names, keys)
    return exact, names, keys


_CANDIDATES: dict[tuple[str, str], tuple[Candidate, ...]] = {}


def candidates(sheet: schema.Sheet, text: object) -> tuple[Candidate, ...]:
    """The columns a header cell may stand for, best first (scores of SUGGEST_THRESHOLD and up)."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_HEADER_CHARS:
        return ()
    cache_key = (sheet.key, text)
    found = _CANDIDATES.get(cache_key)
    if found is not None:
        return found
    exact, names, keys = _targets(sheet)
    normalised = cached_key(text)
    expanded = _expand(text)
    if normalised in exact:
        key, kind = exact[normalised]
        found = (Candidate(key, kind, 100.0),)
    elif schema.normalise_key(expanded) in exact:  # an abbreviation of a known spelling
        found = (Candidate(exact[schema.normalise_key(expanded)][0], SYNONYM, 100.0),)
    elif schema.is_personal_header(normalised):  # dropped on load, never a near miss
        found = ()
    else:
        found = _fuzzy(expanded, names, keys)
    if len(_CANDIDATES) < 20_000:
        _CANDIDATES[cache_key] = found
    return found


def _fuzzy(expanded: str, names: list[str], keys: list[str]) -> tuple[Candidate, ...]:
    """Fuzzy candidates: edit-distance ratios, and a schema name contained in the header
    ("Keputusan PPID Pembantu" holds "Keputusan"); a header that is only part of a name
    ("Tanggal") does not count as containing it."""
    if not expanded:
        return ()
    best: dict[str, float] = {}
    words = set(expanded.split())
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        for _, score, index in process.extract(
            expanded, names, scorer=scorer, limit=None, score_cutoff=SUGGEST_THRESHOLD
        ):
            best[keys[index]] = max(best.get(keys[index], 0.0), score)
    for name, key in zip(names, keys, strict=True):
        name_words = set(name.split())
        if name_words < words and any(len(w) >= 4 for w in name_words):
            best[key] = max(best.get(key, 0.0), 90.0)
    ranked = sorted(best.items(), key=lambda item: -item[1])
    return tuple(Candidate(key, FUZZY, round(score, 1)) for key, score in ranked)


def display(text: object) -> str:
    """A header cell as one line ("Tanggal\\nDiterima " -> "Tanggal Diterima")."""
    return " ".join(str(text).split())


@dataclass
class HeaderMatch:
    """The header of one sheet and what each of its columns was read as."""

    first_row: int  # 0-based row of the (first) header row
    last_row: int  # 0-based row of the last header row (data start below it)
    titles: list[object]  # per position, the header as the user wrote it (two rows joined)
    mapped: dict[str, int] = field(default_factory=dict)  # column key -> position
    how: dict[str, Candidate] = field(default_factory=dict)  # column key -> the match
    ambiguous: dict[int, list[str]] = field(default_factory=dict)  # position -> keys
    duplicate: dict[int, str] = field(default_factory=dict)  # position -> key taken before
    candidates: list[tuple[Candidate, ...]] = field(default_factory=list)
    joined: set[int] = field(default_factory=set)  # positions whose two header rows were joined

    @property
    def two_rows(self) -> bool:
        return self.last_row > self.first_row

    def closest(self, key: str, limit: int = 3) -> list[str]:
        """The header cells most like column ``key`` (for "not found" messages)."""
        scored = [
            (c.score, position)
            for position, found in enumerate(self.candidates)
            for c in found
            if c.key == key and position not in self.mapped.values()
        ]
        return [display(self.titles[p]) for _, p in sorted(scored, key=lambda s: -s[0])[:limit]]


def _assign(sheet: schema.Sheet, titles: list[object], first: int, last: int) -> HeaderMatch:
    """Map header cells to columns: strongest matches first, each column at most once."""
    match = HeaderMatch(first, last, titles, candidates=[candidates(sheet, t) for t in titles])
    pairs = [
        (c.kind, c.score, -position, c)
        for position, found in enumerate(match.candidates)
        for c in found
        if c.kind > FUZZY or c.score >= FUZZY_THRESHOLD
    ]
    pairs.sort(key=lambda p: p[:3], reverse=True)
    taken: set[int] = set()
    for kind, score, minus_position, candidate in pairs:
        position = -minus_position
        if position in taken or position in match.ambiguous:
            continue
        if candidate.key in match.mapped:
            if kind > FUZZY:
                match.duplicate.setdefault(position, candidate.key)
            continue
        if kind == FUZZY:
            rivals = [
                c.key
                for c in match.candidates[position]
                if c.key != candidate.key
                and c.key not in match.mapped
                and c.score >= FUZZY_THRESHOLD
                and c.score > score - AMBIGUOUS_MARGIN
            ]
            if rivals:
                match.ambiguous[position] = [candidate.key, *rivals]
                continue
        match.mapped[candidate.key] = position
        match.how[candidate.key] = candidate
        taken.add(position)
    for position in taken:
        match.duplicate.pop(position, None)
    return match


def _joined(upper: np.ndarray, lower: np.ndarray) -> tuple[list[object], set[int]] | None:
    """Two header rows read as one ("Tanggal" over "Diterima" -> "Tanggal Diterima") and
    the positions joined, or None when the lower row holds anything but text (it is data)."""
    joined: list[object] = []
    both: set[int] = set()
    texts = 0
    for top, bottom in zip(upper, lower, strict=True):
        bottom_text = isinstance(bottom, str) and bottom.strip()
        if bottom is not None and not bottom_text and not (isinstance(bottom, str)):
            return None  # a number or date: the row below is data
        top_text = isinstance(top, str) and top.strip()
        if not bottom_text or (top_text and cached_key(top) == cached_key(bottom)):
            joined.append(top)
        elif not top_text:
            joined.append(bottom)
            texts += 1
        else:
            both.add(len(joined))
            joined.append(f"{display(top)} {display(bottom)}")
            texts += 1
    return (joined, both) if texts else None


def _unsettled(match: HeaderMatch, sheet: schema.Sheet) -> bool:
    """Whether some header cell or required column was left unmatched."""
    if any(c.required and c.key not in match.mapped for c in sheet.columns):
        return True
    used = set(match.mapped.values()) | set(match.duplicate)
    return any(
        isinstance(t, str) and t.strip() and p not in used for p, t in enumerate(match.titles)
    )


def _fuzzy_row(raw: np.ndarray, sheet: schema.Sheet) -> int | None:
    """The row among the first few whose cells match most columns (fuzzy)."""
    best, best_hits = None, 0
    for position, row in enumerate(raw[:HEADER_SEARCH_ROWS]):
        keys = {
            c.key
            for v in row
            for c in candidates(sheet, v)[:1]
            if c.kind > FUZZY or c.score >= FUZZY_THRESHOLD
        }
        if len(keys) > best_hits:
            best, best_hits = position, len(keys)
    return best


def match_headers(raw: np.ndarray, sheet: schema.Sheet) -> HeaderMatch | None:
    """The header of a data sheet and its columns, or None when no row looks like one."""
    if raw.ndim != 2 or not raw.shape[1]:
        return None
    lookup = header_lookup(sheet)
    row = find_header(raw, lookup)
    hits = 0
    if row is not None:
        hits = len({lookup[cached_key(v)] for v in raw[row] if cached_key(v) in lookup})
    if hits < min(3, len(sheet.columns)):
        row = _fuzzy_row(raw, sheet)
    if row is None:
        return None
    match = _assign(sheet, list(raw[row]), row, row)
    if row + 1 < len(raw) and _unsettled(match, sheet):
        joined = _joined(raw[row], raw[row + 1])
        if joined is not None:
            two = _assign(sheet, joined[0], row, row + 1)
            two.joined = joined[1]
            if len(two.mapped) > len(match.mapped):
                return two
    return match


def sheet_for_cells(raw: np.ndarray) -> schema.Sheet | None:
    """The data sheet whose header a sheet's cells hold (for a CSV file named by no sheet)."""
    scores = []
    for sheet in schema.SHEETS[1:]:
        match = match_headers(raw, sheet)
        if match is not None:
            required = sum(1 for c in sheet.columns if c.required and c.key in match.mapped)
            scores.append((len(match.mapped) + required, sheet))
    scores.sort(key=lambda s: -s[0])
    if not scores or scores[0][0] < 3 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def blank_matrix(columns: list[Factorized]) -> np.ndarray:
    """rows x columns: True where the cell is empty."""
    if not columns:
        return np.zeros((0, 0), dtype=bool)
    return np.column_stack([c.blank() for c in columns])


def column_letter(position: int) -> str:
    """The Excel letter of a 0-based column position (0 -> "A", 26 -> "AA").

    Computed here: importing openpyxl would cost every report load about 0.2 s.
    """
    letters = ""
    number = position + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
