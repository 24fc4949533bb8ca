"""The monev-preparation keys of kip.toml's ``[monev]`` table.

Next to ``komisi`` and the per-year rubric entries (:mod:`kip_training.monev.registry`),
``[monev]`` may hold:

- ``batas_bukti_mb``: the largest evidence file the commission accepts, in MB
  (1 MB = 1.000.000 bytes, the stricter reading); default 2;
- ``nilai_tahun_lalu`` and ``peringkat_tahun_lalu``: last year's monev score and rank;
- ``[[monev.jadwal]]``: the monev timeline, one table per stage with ``tahap``,
  ``mulai`` and optionally ``selesai`` (dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kip_training.errors import ConfigError

#: How every score estimated from the checklist is labelled.
ESTIMATE_LABEL = "perkiraan internal, bukan nilai monev Komisi Informasi"

#: The keys of ``[monev]`` this module reads (the registry reads the others).
KEYS = ("batas_bukti_mb", "nilai_tahun_lalu", "peringkat_tahun_lalu", "jadwal")
DEFAULT_LIMIT_MB = 2.0
BYTES_PER_MB = 1_000_000


@dataclass(frozen=True)
class Stage:
    """One stage of the monev timeline, e.g. "Pengisian SAQ", 4 May – 15 June."""

    tahap: str
    mulai: dt.date
    selesai: dt.date | None = None


@dataclass(frozen=True)
class MonevPrep:
    """What kip.toml says about preparing for the monev."""

    batas_bukti_mb: float = DEFAULT_LIMIT_MB
    nilai_tahun_lalu: float | None = None
    peringkat_tahun_lalu: int | None = None
    jadwal: tuple[Stage, ...] = ()

    @property
    def limit_bytes(self) -> int:
        return int(self.batas_bukti_mb * BYTES_PER_MB)


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"{where} harus berupa tanggal, misalnya 2026-05-04, bukan {value!r}.")


def _stages(value: Any, where: str) -> tuple[Stage, ...]:
    if not isinstance(value, list):
        raise ConfigError(
            f"{where}: 'monev.jadwal' harus berupa daftar tahap ([[monev.jadwal]] dengan "
            "tahap, mulai, selesai)."
        )
    stages = []
    for index, raw in enumerate(value, start=1):
        at = f"{where}: monev.jadwal[{index}]"
        if not isinstance(raw, Mapping) or not isinstance(raw.get("tahap"), str):
            raise ConfigError(f"{at} harus berisi 'tahap' (teks) dan 'mulai' (tanggal).")
        if unknown := [k for k in raw if k not in ("tahap", "mulai", "selesai")]:
            raise ConfigError(f"{at}: kunci {', '.join(unknown)} tidak dikenal.")
        if "mulai" not in raw:
            raise ConfigError(f"{at}: kunci 'mulai' wajib ada.")
        start = _date(raw["mulai"], f"{at}.mulai")
        end = _date(raw["selesai"], f"{at}.selesai") if "selesai" in raw else None
        if end is not None and end < start:
            raise ConfigError(f"{at}: 'selesai' ({end}) lebih awal dari 'mulai' ({start}).")
        stages.append(Stage(raw["tahap"].strip(), start, end))
    return tuple(stages)


def prep_from_config(table: Mapping[str, Any], where: str) -> MonevPrep:
    """The preparation keys of a ``[monev]`` table (other keys are ignored here)."""
    limit = table.get("batas_bukti_mb", DEFAULT_LIMIT_MB)
    if isinstance(limit, bool) or not isinstance(limit, int | float) or not 0 < limit <= 1000:
        raise ConfigError(
            f"{where}: 'monev.batas_bukti_mb' bernilai {limit!r}; yang diharapkan: ukuran "
            "berkas bukti terbesar dalam MB, misalnya 2."
        )
    score = table.get("nilai_tahun_lalu")
    if score is not None and (
        isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 100
    ):
        raise ConfigError(
            f"{where}: 'monev.nilai_tahun_lalu' bernilai {score!r}; yang diharapkan: angka 0–100."
        )
    rank = table.get("peringkat_tahun_lalu")
    if rank is not None and (isinstance(rank, bool) or not isinstance(rank, int) or rank < 1):
        raise ConfigError(
            f"{where}: 'monev.peringkat_tahun_lalu' bernilai {rank!r}; yang diharapkan: "
            "bilangan bulat positif, misalnya 3."
        )
    return MonevPrep(
        batas_bukti_mb=float(limit),
        nilai_tahun_lalu=None if score is None else float(score),
        peringkat_tahun_lalu=rank,
        jadwal=_stages(table.get("jadwal", []), where),
    )
