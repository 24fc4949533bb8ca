"""The roster of OPDs that must report (``data/opd.csv``): one type and one reader.

The file has the columns ``kode, nama, singkatan, kelompok`` (headers in any case and
spacing). The report loader, the quiz's participant form and the sample generator all
read it with :func:`read_roster`.

OPD codes are compared after :func:`normalise_code`: surrounding spaces are removed and
letters put in capitals, nothing else. So ``"dpupr "`` and ``"DPUPR"`` are the same
code, while ``"DPU-PR"`` is another one: a hyphen (or a space) inside a code is part of
it, as the roster's own codes (``SETDA-HUKUM``, ``KEC-MEKARSARI``) need.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kip_training.config import load_config
from kip_training.errors import ReportError

COLUMNS = ("kode", "nama", "singkatan", "kelompok")


def normalise_code(text: object) -> str:
    """An OPD code as compared everywhere: without surrounding spaces, in capitals."""
    return str(text).strip().upper()


@dataclass(frozen=True)
class Opd:
    """One organisational unit of the roster."""

    kode: str
    nama: str
    singkatan: str = ""
    kelompok: str = ""

    @property
    def label(self) -> str:
        """What a dropdown shows: "Dinkes – Dinas Kesehatan"."""
        return f"{self.singkatan} – {self.nama}" if self.singkatan else self.nama


@dataclass(frozen=True)
class Roster:
    """The OPDs that must report, in file order, with unique normalised codes."""

    opds: tuple[Opd, ...] = ()

    def __iter__(self) -> Iterator[Opd]:
        return iter(self.opds)

    def __len__(self) -> int:
        return len(self.opds)

    def __getitem__(self, index: int) -> Opd:
        return self.opds[index]

    @property
    def codes(self) -> list[str]:
        return [opd.kode for opd in self.opds]

    @property
    def names(self) -> dict[str, str]:
        """Code -> full name."""
        return {opd.kode: opd.nama for opd in self.opds}

    def get(self, code: object) -> Opd | None:
        """The OPD of a code as anyone typed it (see :func:`normalise_code`), or None."""
        wanted = normalise_code(code)
        return next((opd for opd in self.opds if opd.kode == wanted), None)

    def frame(self) -> pd.DataFrame:
        """The roster as a table (columns :data:`COLUMNS`), for pandas joins."""
        return pd.DataFrame(
            [[opd.kode, opd.nama, opd.singkatan, opd.kelompok] for opd in self.opds],
            columns=list(COLUMNS),
            dtype=object,
        )

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, source: object = "") -> Roster:
        """A roster from a table with the columns :data:`COLUMNS` (headers in any case).

        Cells are stripped, codes normalised, rows without a code dropped; a missing
        column or a code listed twice raises :class:`ReportError` naming ``source``.
        """
        # Cycle: importing reports.schema runs reports/__init__, which loads this module.
        from kip_training.reports.schema import normalise_key

        frame = frame.rename(columns=normalise_key)
        missing = [c for c in COLUMNS if c not in frame.columns]
        if missing:
            raise ReportError(
                f"Daftar OPD {source}: kolom {', '.join(missing)} tidak ada "
                "(yang diperlukan: kode, nama, singkatan, kelompok)."
            )
        rows = frame[list(COLUMNS)].fillna("").astype(str).apply(lambda s: s.str.strip())
        rows["kode"] = rows["kode"].map(normalise_code)
        rows = rows[rows["kode"] != ""]
        duplicated = rows["kode"][rows["kode"].duplicated()]
        if len(duplicated):
            raise ReportError(
                f"Daftar OPD {source}: kode {', '.join(sorted(set(duplicated)))} tercantum "
                "lebih dari sekali."
            )
        return cls(tuple(Opd(*row) for row in rows.itertuples(index=False)))


def read_roster(path: Path | str | None = None) -> Roster:
    """The roster in ``path`` (the configured one when None); :class:`ReportError` when
    the file is missing or unusable."""
    if path is None:
        path = load_config().roster_path
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReportError(f"Daftar OPD {path} tidak ditemukan.") from None
    return Roster.from_frame(frame, path)
