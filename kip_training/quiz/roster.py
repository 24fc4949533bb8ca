"""The OPD roster for the quiz (``data/opd.csv``: kode, nama, singkatan, kelompok)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


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


def default_roster_path() -> Path:
    from kip_training.config import load_config

    return load_config().roster_path


def load_roster(path: Path | str | None = None) -> list[Opd]:
    """The OPDs of the roster, in file order; an empty list when it is missing or unusable.

    The quiz then falls back to a free-text OPD field, so a missing roster never
    stops a training session.
    """
    try:
        path = Path(path) if path is not None else default_roster_path()
        text = path.read_text(encoding="utf-8-sig")
    except Exception:  # any failure: the quiz falls back to free text
        return []
    rows = csv.DictReader(text.splitlines())
    roster = []
    for row in rows:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if row.get("kode") and row.get("nama"):
            roster.append(
                Opd(row["kode"], row["nama"], row.get("singkatan", ""), row.get("kelompok", ""))
            )
    return roster
