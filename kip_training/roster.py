"""The roster of OPDs that must report (``data/opd.csv``): one type and one reader.

The file has the columns ``kode, nama, singkatan, kelompok`` (headers in any case and
spacing). The report loader, the quiz's participant form and the sample generator all
read it with :func:`read_roster`.

OPD codes are compared after :func:`normalise_code`: spaces and punctuation are
removed and letters put in capitals. So ``"DPU-PR"``, ``"dpu pr"``, ``"DPU_PR"`` and
``"DPUPR"`` are one code. The roster keeps each code as written there (in capitals,
``SETDA-HUKUM``) for display; two roster codes that are one code after normalising are
a roster error.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process, utils

from kip_training import textfile
from kip_training.config import load_config
from kip_training.errors import ReportError, os_reason

COLUMNS = ("kode", "nama", "singkatan", "kelompok")


_NOT_CODE = re.compile(r"[\W_]+")


def normalise_code(text: object) -> str:
    """An OPD code as compared everywhere: letters and digits only, in capitals."""
    return _NOT_CODE.sub("", str(text)).upper()


def display_code(text: object) -> str:
    """An OPD code as the roster shows it: without surrounding spaces, in capitals."""
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
        return next((opd for opd in self.opds if normalise_code(opd.kode) == wanted), None)

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

        Cells are stripped, codes put in capitals, rows without a code dropped; a missing
        column, or two codes that are one after :func:`normalise_code`, raise
        :class:`ReportError` naming ``source`` (and both codes).
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
        rows["kode"] = rows["kode"].map(display_code)
        rows = rows[rows["kode"].map(normalise_code) != ""]
        keys = rows["kode"].map(normalise_code)
        clashes = []
        for key in dict.fromkeys(keys[keys.duplicated()]):
            written = list(dict.fromkeys(rows["kode"][keys == key]))
            clashes.append(
                f"{written[0]} tercantum lebih dari sekali"
                if len(written) == 1
                else " dan ".join(written) + " sama bila tanda baca dan spasi diabaikan"
            )
        if clashes:
            raise ReportError(f"Daftar OPD {source}: kode {'; '.join(clashes)}. Bedakan kodenya.")
        return cls(tuple(Opd(*row) for row in rows.itertuples(index=False)))


#: Roster files kept as a workbook (the first sheet is read).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_roster(path: Path | str | None = None) -> Roster:
    """The roster in ``path`` (the configured one when None); :class:`ReportError` when
    the file is missing or unusable.

    The file is the PPID Utama's own list, kept as the CSV that ships with the toolkit or
    edited in a spreadsheet: a CSV with ``,``, ``;`` or tabs in UTF-8 or Windows-1252
    (what Excel and LibreOffice write), or a workbook (its first sheet).
    """
    if path is None:
        path = load_config().roster_path
    path = Path(path)
    try:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            frame = pd.read_excel(path, sheet_name=0, dtype=str, engine="calamine")
        else:
            frame = _read_csv(path)
    except FileNotFoundError:
        raise ReportError(f"Daftar OPD {path} tidak ditemukan.") from None
    except OSError as exc:
        raise ReportError(f"Daftar OPD {path} tidak dapat dibaca: {os_reason(exc)}.") from None
    except pd.errors.ParserError as exc:
        found = _FIELDS.search(str(exc))
        where = (
            f"baris {found[2]} berisi {found[3]} kolom, padahal baris judulnya {found[1]}"
            if found
            else "isinya bukan tabel CSV"
        )
        raise ReportError(
            f"Daftar OPD {path} tidak dapat dibaca: {where}. Periksa tanda pemisah kolom "
            "(koma atau titik koma) dan tanda kutip di baris itu."
        ) from None
    except ValueError:  # a workbook calamine cannot open
        raise ReportError(
            f"Daftar OPD {path} tidak dapat dibaca: bukan lembar kerja yang dikenal. Simpan "
            "ulang sebagai .xlsx atau CSV."
        ) from None
    return Roster.from_frame(frame.fillna(""), path)


def _read_csv(path: Path) -> pd.DataFrame:
    data = path.read_bytes()
    text = textfile.decode(data) or data.decode("latin-1")
    return pd.read_csv(
        io.StringIO(text), sep=textfile.separator(text), dtype=str, keep_default_na=False
    )


class RosterIndex:
    """Finds roster OPDs from what people type: a code, an abbreviation, a name, a file name.

    Every key is compared after :func:`normalise_code`. A code matches a roster code
    (or, failing that, an abbreviation); a name matches a full name or an abbreviation,
    else a name at most a typo or two away (rapidfuzz ratio >= :data:`NAME_SCORE`,
    and clearly ahead of the next one). An alias shared by two OPDs identifies neither.
    """

    NAME_SCORE = 90
    FILE_TOKENS = 5  # the longest run of file-name words tried as one code or name

    def __init__(self, opds: Iterable[Opd]) -> None:
        self.opds = {opd.kode: opd for opd in opds}
        self._codes = {normalise_code(opd.kode): opd.kode for opd in self.opds.values()}
        aliases: dict[str, str | None] = {}
        for opd in self.opds.values():
            for alias in {normalise_code(opd.singkatan), normalise_code(opd.nama)} - {""}:
                aliases[alias] = opd.kode if aliases.get(alias, opd.kode) == opd.kode else None
        self._aliases = aliases

    @classmethod
    def of(cls, roster: Roster | Mapping[str, str]) -> RosterIndex:
        """The index of a roster, or of a mapping code -> full name."""
        if isinstance(roster, Roster):
            return cls(roster.opds)
        return cls(Opd(display_code(k), str(v)) for k, v in roster.items())

    def name_of(self, code: str) -> str:
        return self.opds[code].nama if code in self.opds else code

    def by_code(self, text: object) -> str | None:
        """The roster code of a typed code (``dpu pr`` -> ``DPU-PR``), or of an abbreviation."""
        key = normalise_code(text)
        return self._codes.get(key) or self._aliases.get(key) if key else None

    def by_name(self, text: object) -> str | None:
        """The roster code of a typed OPD name, when it names exactly one OPD."""
        key = normalise_code(text)
        if not key:
            return None
        if key in self._aliases or key in self._codes:
            return self._aliases.get(key) or self._codes.get(key)
        names = {opd.kode: opd.nama for opd in self.opds.values()}
        found = process.extract(
            str(text), names, scorer=fuzz.ratio, processor=utils.default_process, limit=2
        )
        clear = len(found) == 1 or (len(found) > 1 and found[1][1] < found[0][1] - 5)
        return found[0][2] if found and clear and found[0][1] >= self.NAME_SCORE else None

    def by_file_name(self, stem: str) -> str | None:
        """The one roster OPD a file name names (``DISDIK_2025-S2`` -> ``DISDIK``), or None.

        Runs of words are tried as codes, abbreviations and names; a run inside a longer
        matching run does not count. A file name naming two OPDs names none.
        """
        words = [w for w in re.split(r"[\W_]+", stem) if w]
        spans: list[tuple[int, int, str]] = []
        for start in range(len(words)):
            for stop in range(start + 1, min(len(words), start + self.FILE_TOKENS) + 1):
                key = normalise_code("".join(words[start:stop]))
                found = self._codes.get(key) or self._aliases.get(key)
                if found:
                    spans.append((start, stop, found))
        outer = {
            code
            for start, stop, code in spans
            if not any(a <= start and stop <= b and (a, b) != (start, stop) for a, b, _ in spans)
        }
        return outer.pop() if len(outer) == 1 else None

    def closest(self, text: object, limit: int = 3) -> list[str]:
        """The roster codes most like ``text`` (by code, abbreviation and name), best first."""
        query = str(text)
        scores = {
            opd.kode: max(
                fuzz.WRatio(query, choice, processor=utils.default_process)
                for choice in (opd.kode, opd.singkatan, opd.nama)
                if choice
            )
            for opd in self.opds.values()
        }
        ranked = sorted(scores, key=lambda code: -scores[code])
        return [code for code in ranked[:limit] if scores[code] >= 50]
