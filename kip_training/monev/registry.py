"""The monev registry: bands, indicators and weights per Komisi Informasi and year, as data.

Each commission sets its own rubric every year (a city is graded by its provincial KI,
not by KI Pusat), so none of this is a constant. The bundled ``registri.yaml`` holds what
was found, each entry with its confidence mark and source; ``kip.toml`` may name the
commission (``[monev] komisi = "..."``) and add or override entries per year
(``[monev.2026]`` with the same keys). Before :data:`FIRST_GRADED_YEAR` KI Pusat ranked
bodies rather than grading them: asking for bands then raises :class:`NoBandsError`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

import yaml

from kip_training.errors import ConfigError, KipError

REGISTRY_FILE = "registri.yaml"
FIRST_GRADED_YEAR = 2018
#: The confidence marks of law.py (teks, sekunder, belum_pasti).
CONFIDENCE_MARKS = ("teks", "sekunder", "belum_pasti")
NO_BANDS_REASON = "KI Pusat memeringkat Badan Publik, bukan mengelompokkannya ke dalam kualifikasi"

_KEYS = (
    "tahun",
    "batas",
    "indikator",
    "jumlah_indikator",
    "bobot",
    "ambang_saq",
    "bobot_presentasi",
    "keyakinan",
    "sumber",
)
#: The keys that hold a rubric field (every key but the year and the bookkeeping).
FIELDS = _KEYS[1:7]


class NoBandsError(KipError):
    """No qualification bands exist for the year asked (KI Pusat ranked, not graded)."""


@dataclass(frozen=True)
class MonevBand:
    """One qualification band of a monev: score >= minimum."""

    kualifikasi: str
    minimum: float


@dataclass(frozen=True)
class Entry:
    """One registry (or kip.toml) entry: some rubric fields of one commission for some years."""

    komisi: str
    first_year: int
    last_year: int
    values: Mapping[str, Any]
    confidence: str
    source: str
    from_config: bool = False

    @property
    def years(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def label(self) -> str:
        """Whose data this is, e.g. "KI Pusat 2018–2025" or "KI Provinsi Banten 2026, kip.toml"."""
        return f"{self.komisi} {self.years}" + (", kip.toml" if self.from_config else "")

    @property
    def bands(self) -> tuple[MonevBand, ...]:
        return self.values.get("batas", ())

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


@dataclass(frozen=True)
class Registry:
    """All entries, and the commission used when kip.toml names none."""

    default_komisi: str
    entries: tuple[Entry, ...]

    def commissions(self) -> list[str]:
        return list(dict.fromkeys(e.komisi for e in self.entries))


@dataclass(frozen=True)
class Settings:
    """What kip.toml says about monev: the grading commission and its own entries."""

    komisi: str | None = None
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Rubric:
    """The monev rubric of one commission and year, as far as it is known."""

    komisi: str
    year: int
    bands: tuple[MonevBand, ...]
    band_entry: Entry
    carried_forward: bool
    values: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    @property
    def basis(self) -> str:
        """Where the bands come from, e.g. "batas KI Pusat 2018–2025"."""
        text = f"batas {self.band_entry.label}"
        if self.carried_forward:
            text += f"; belum ada data untuk {self.year}"
        return text

    @property
    def certain(self) -> bool:
        """Whether the bands were found for this very year (not carried forward)."""
        return not self.carried_forward and self.band_entry.confidence != "belum_pasti"


# --- parsing -------------------------------------------------------------------------------


def _number(value: Any, where: str, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ConfigError(f"{where}: {what} harus berupa angka 0–100, bukan {value!r}.")
    return float(value)


def _bands(value: Any, where: str) -> tuple[MonevBand, ...]:
    if not isinstance(value, Mapping) or not value:
        raise ConfigError(
            f"{where}: harus berisi kualifikasi = nilai minimum, misalnya Informatif = 90."
        )
    bands = tuple(
        MonevBand(str(name), _number(minimum, f"{where}.{name}", "nilai minimum"))
        for name, minimum in value.items()
    )
    for upper, lower in zip(bands, bands[1:], strict=False):
        if lower.minimum >= upper.minimum:
            raise ConfigError(
                f"{where}: batas harus menurun dari kualifikasi tertinggi ke terendah "
                f"('{lower.kualifikasi}' = {lower.minimum:g} tidak lebih kecil dari "
                f"'{upper.kualifikasi}' = {upper.minimum:g})."
            )
    if bands[-1].minimum != 0:
        raise ConfigError(f"{where}: kualifikasi terendah harus bernilai minimum 0.")
    return bands


def _names(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: harus berupa daftar nama indikator.")
    return tuple(value)


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: harus berupa bilangan bulat positif, bukan {value!r}.")
    return value


def _weights(value: Any, where: str) -> dict[str, float]:
    if not isinstance(value, Mapping) or not value:
        raise ConfigError(f"{where}: harus berisi indikator = bobot persen.")
    weights = {str(k): _number(v, f"{where}.{k}", "bobot") for k, v in value.items()}
    if abs(sum(weights.values()) - 100) > 1e-6:
        raise ConfigError(
            f"{where}: bobot harus berjumlah 100 (sekarang {sum(weights.values()):g})."
        )
    return weights


_PARSERS = {
    "batas": _bands,
    "indikator": _names,
    "jumlah_indikator": _count,
    "bobot": _weights,
    "ambang_saq": lambda v, where: _number(v, where, "nilai SAQ minimum"),
    "bobot_presentasi": lambda v, where: _number(v, where, "porsi presentasi"),
}


def _years(value: Any, where: str) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value, value]
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 2000 <= value[0] <= value[1] <= 2100
    ):
        return value[0], value[1]
    raise ConfigError(
        f"{where}: harus berupa tahun (misalnya 2022) atau rentang [awal, akhir], bukan {value!r}."
    )


def _entry(
    raw: Any, komisi: str, where: str, years: tuple[int, int] | None, *, from_config: bool = False
) -> Entry:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: harus berupa tabel berisi kunci {', '.join(_KEYS)}.")
    allowed = _KEYS[1:] if years else _KEYS
    for key, value in raw.items():
        if key not in allowed:
            hint = ""
            if isinstance(value, int | float) and not isinstance(value, bool):
                hint = f"; batas kualifikasi ditulis di bawah kunci 'batas' ({where}.batas)"
            raise ConfigError(
                f"{where}: kunci '{key}' tidak dikenal (kunci yang dikenal: "
                f"{', '.join(allowed)}){hint}."
            )
    if years is None:
        if "tahun" not in raw:
            raise ConfigError(f"{where}: kunci 'tahun' wajib ada.")
        years = _years(raw["tahun"], f"{where}.tahun")
    values = {k: _PARSERS[k](raw[k], f"{where}.{k}") for k in FIELDS if k in raw}
    if not values:
        raise ConfigError(f"{where}: tidak berisi satu pun dari {', '.join(FIELDS)}.")
    weights, names = values.get("bobot", {}), values.get("indikator")
    if names and (unknown := [k for k in weights if k not in names]):
        raise ConfigError(
            f"{where}.bobot: indikator {', '.join(unknown)} tidak ada di 'indikator'."
        )
    confidence = raw.get("keyakinan", "sekunder" if from_config else None)
    if confidence not in CONFIDENCE_MARKS:
        raise ConfigError(
            f"{where}.keyakinan: harus salah satu dari {', '.join(CONFIDENCE_MARKS)}, "
            f"bukan {confidence!r}."
        )
    source = raw.get("sumber", "kip.toml" if from_config else "")
    if not isinstance(source, str) or not source.strip():
        raise ConfigError(f"{where}.sumber: catatan sumber wajib diisi.")
    return Entry(komisi, *years, values, confidence, " ".join(source.split()), from_config)


def _check_overlaps(entries: tuple[Entry, ...], name: str) -> None:
    for i, a in enumerate(entries):
        for b in entries[i + 1 :]:
            clash = a.komisi == b.komisi and a.first_year <= b.last_year
            clash = clash and b.first_year <= a.last_year
            if clash and (both := [k for k in a.values if k in b.values]):
                raise ConfigError(
                    f"{name}: komisi.{a.komisi}: entri {a.years} dan {b.years} sama-sama "
                    f"mengisi {', '.join(both)} untuk tahun yang sama."
                )


def parse_registry(data: Any, name: str = REGISTRY_FILE) -> Registry:
    """A registry from parsed YAML; errors name the file and the key, in Indonesian."""
    if not isinstance(data, Mapping) or set(data) != {"komisi_bawaan", "komisi"}:
        raise ConfigError(f"{name}: harus berisi tepat dua kunci, 'komisi_bawaan' dan 'komisi'.")
    commissions = data["komisi"]
    if not isinstance(commissions, Mapping) or not commissions:
        raise ConfigError(f"{name}: 'komisi' harus berisi nama komisi dengan daftar entrinya.")
    entries = []
    for komisi, items in commissions.items():
        if not isinstance(items, list) or not items:
            raise ConfigError(f"{name}: komisi.{komisi} harus berupa daftar entri.")
        for index, raw in enumerate(items):
            entries.append(_entry(raw, str(komisi), f"{name}: komisi.{komisi}[{index}]", None))
    default = data["komisi_bawaan"]
    if default not in commissions:
        raise ConfigError(f"{name}: komisi_bawaan '{default}' tidak ada di 'komisi'.")
    _check_overlaps(tuple(entries), name)
    return Registry(str(default), tuple(entries))


@functools.cache
def registry() -> Registry:
    """The bundled registry (read once)."""
    text = (files("kip_training") / "monev" / REGISTRY_FILE).read_text(encoding="utf-8")
    return parse_registry(yaml.safe_load(text))


def settings_from_config(table: Mapping[str, Any], where: str) -> Settings:
    """The ``[monev]`` table of kip.toml: ``komisi`` and one ``[monev.TAHUN]`` per year."""
    komisi = table.get("komisi")
    if komisi is not None and (not isinstance(komisi, str) or not komisi.strip()):
        raise ConfigError(
            f"{where}: 'monev.komisi' harus berupa teks, misalnya \"KI Provinsi Banten\"."
        )
    name = komisi or registry().default_komisi
    entries = []
    for key, raw in table.items():
        if key == "komisi":
            continue
        if not str(key).isdigit():
            raise ConfigError(
                f"{where}: kunci 'monev.{key}' tidak dikenal (yang dikenal: komisi, dan "
                "[monev.TAHUN] misalnya [monev.2026])."
            )
        year = int(key)
        entries.append(_entry(raw, name, f"{where}: [monev.{key}]", (year, year), from_config=True))
    return Settings(komisi, tuple(entries))


# --- lookup --------------------------------------------------------------------------------


def rubric(year: int, settings: Settings | None = None) -> Rubric:
    """The rubric of the configured commission for ``year`` (kip.toml entries first).

    Bands fall back to the default commission's (KI Pusat) when the commission has none
    of its own, and to the latest known bands after the last year found (marked as carried
    forward); the rubric's ``basis`` always names whose bands they are.
    """
    settings = settings or Settings()
    reg = registry()
    komisi = settings.komisi or reg.default_komisi
    own = [e for e in settings.entries if e.covers(year)]
    own += [e for e in reg.entries if e.komisi == komisi and e.covers(year)]
    values: dict[str, Any] = {}
    for entry in own:
        for key, value in entry.values.items():
            values.setdefault(key, value)
    band_entry = next((e for e in own if e.bands), None)
    carried = False
    if band_entry is None:
        band_entry = _fallback_bands(year, komisi, settings, reg)
        carried = not band_entry.covers(year)
    return Rubric(
        komisi=komisi,
        year=year,
        bands=band_entry.bands,
        band_entry=band_entry,
        carried_forward=carried,
        values=values,
        sources=tuple(dict.fromkeys(e.source for e in (*own, band_entry))),
    )


def _fallback_bands(year: int, komisi: str, settings: Settings, reg: Registry) -> Entry:
    banded = [e for e in (*settings.entries, *reg.entries) if e.bands]
    same_year = [e for e in banded if e.komisi == reg.default_komisi and e.covers(year)]
    if same_year:
        return same_year[0]
    if year < FIRST_GRADED_YEAR:
        raise NoBandsError(
            f"Tidak ada batas kualifikasi monev untuk tahun {year}: sebelum "
            f"{FIRST_GRADED_YEAR} {NO_BANDS_REASON}. "
            f"Batas 90/80/60/40 dipakai sejak {FIRST_GRADED_YEAR}."
        )
    earlier = [e for e in banded if e.komisi in (komisi, reg.default_komisi)]
    earlier = [e for e in earlier if e.last_year < year]
    return max(earlier, key=lambda e: (e.last_year, e.komisi == komisi))


def kualifikasi(score: float, year: int, settings: Settings | None = None) -> str:
    """The band name of a monev score (0–100) in a year, with the configured commission."""
    if not 0 <= score <= 100:
        raise ValueError(f"Nilai monev harus antara 0 dan 100, bukan {score}.")
    for band in rubric(year, settings).bands:
        if score >= band.minimum:
            return band.kualifikasi
    raise AssertionError("the lowest band starts at 0")  # pragma: no cover
