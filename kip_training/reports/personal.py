"""Personal data typed into report cells: find it, and mask it wherever a value is echoed.

A report to the PPID Utama needs no requester's identity, yet staff type it anyway: a NIK
as the registration number, "a.n. Budi Santoso, 0812-3456-7890" in what was requested.
This module finds four kinds in any text:

- ``nik``: 16 digits (optionally in groups) with a plausible structure: a real province
  code, a regency code 01–79, a district code, a birth date ``ddmmyy`` (women add 40
  to the day) and a serial other than 0000;
- ``telepon``: an Indonesian phone number (``phonenumbers``, region ID) written from its
  trunk ``0``, ``62`` or ``+62``, with spaces, dashes, dots or brackets;
- ``email``: an e-mail address;
- ``nama``: a person's name after "a.n.", "an.", "a/n", "atas nama", "Bapak", "Ibu",
  "Bpk.", "Sdr." or "Sdri.".

:func:`mask` replaces each with a masked form that keeps it recognisable to the person who
typed it (``3273********0006``, ``0812****7890``, ``b***@gmail.com``, ``a.n. B*** S***``).
Masking is idempotent: a masked text is found clean.

The rule the loader applies (see :mod:`~kip_training.reports.stacked` and
:mod:`~kip_training.reports.identity`): every cell of every data sheet is masked before
its value reaches a frame, an issue or the cache, with one warning per column and file.
In the Identitas sheet the fields in :data:`OFFICIAL_FIELDS` (the PPID official's name
and title, the office contact) are the body's own public contact, so phone numbers,
e-mails and names are allowed there; a NIK is masked everywhere.

Results are cached per distinct text: a report's columns repeat their values, and
everything that cannot hold personal data is set aside by one regular-expression search.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

import numpy as np
import phonenumbers

NIK, TELEPON, EMAIL, NAMA = "nik", "telepon", "email", "nama"
#: The kinds in the order messages list them, with their Indonesian names.
KIND_LABELS = {NIK: "NIK", TELEPON: "nomor telepon", EMAIL: "alamat email", NAMA: "nama orang"}

#: Identitas fields that hold the body's own official contact: only a NIK is masked there.
OFFICIAL_FIELDS = frozenset({"nama_ppid", "jabatan_ppid", "kontak"})
OFFICIAL_ALLOWED = frozenset({TELEPON, EMAIL, NAMA})

#: Province codes (Kemendagri), the first two digits of a NIK.
PROVINCES = frozenset(
    [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53]
    + [61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96]
)

_HONORIFIC = r"(?:Bapak/Ibu|Bapak|Ibu|Bpk\.?|Sdri\.|Sdr\.|Saudari|Saudara)"
_ON_BEHALF = r"(?:a\.\s?n\.?|an\.|a/n|atas\s+nama)"
#: Texts with none of these cannot hold personal data (cheap checks set most texts aside).
#: Nine digits or more, each at most three separators from the next ("0812 - 3456"):
#: what a NIK (16) or a phone number (9+, see :func:`_phone_spans`) needs; a date such
#: as 2025-02-31 (eight digits) is not sent to the phone-number matcher.
_DIGITS = re.compile(r"\d(?:[ .()\-]{0,3}\d){8,}")


def _may_name(lower: str) -> bool:
    """Whether a lower-cased text has a word that may introduce a name (a chain of ``in``
    tests: several times faster than ``any`` over a tuple or a regular expression)."""
    return (
        "a.n" in lower
        or "a. n" in lower
        or "an." in lower
        or "a/n" in lower
        or "atas" in lower
        or "bapak" in lower
        or "ibu" in lower
        or "bpk" in lower
        or "sdr" in lower
        or "saudar" in lower
    )


_NIK = re.compile(r"(?<![\d.\-])\d(?:[ .\-]?\d){15}(?![\d])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_NAME_WORD = r"[A-Za-z][a-z']+"
_CAP_WORD = r"[A-Z][a-zA-Z']+"
_NAMES = (
    re.compile(rf"(?<![\w/.])({_ON_BEHALF})(\s*)({_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,3}})", re.I),
    re.compile(rf"\b({_HONORIFIC})(\s+)({_CAP_WORD}(?:[ ]{_CAP_WORD}){{0,3}})"),
)
#: Words after an honorific or "atas nama" that are not a person's name.
_NOT_NAMES = frozenset(
    [
        "kota",
        "kepala",
        "menteri",
        "gubernur",
        "bupati",
        "walikota",
        "wali",
        "camat",
        "lurah",
        "direktur",
        "sekretaris",
        "pejabat",
        "ppid",
        "dinas",
        "badan",
        "kantor",
        "instansi",
        "lembaga",
        "yayasan",
        "pt",
        "cv",
        "ud",
        "koperasi",
        "sekolah",
        "pemohon",
        "pemerintah",
        "pemda",
        "kabupaten",
        "provinsi",
        "desa",
        "kelurahan",
        "kecamatan",
        "negara",
        "rumah",
        "sakit",
        "puskesmas",
        "universitas",
        "yang",
        "dan",
        "untuk",
        "dari",
        "pada",
        "tentang",
        "di",
        "ke",
        "dengan",
        "atau",
        "ini",
        "itu",
        "hamil",
        "menyusui",
        "guru",
        "ketua",
        "anggota",
        "staf",
        "petugas",
        "tersebut",
    ]
)
#: Words that end a name written in lower case ("a.n. budi untuk ...").
_NAME_STOP = _NOT_NAMES | {"meminta", "mohon", "minta", "nomor", "no", "hp", "telp", "wa"}


@dataclass(frozen=True)
class Found:
    """Personal data in one value: its kinds, the value masked, the masked pieces."""

    kinds: tuple[str, ...]
    masked: object
    items: str


def describe(kinds) -> str:
    """ "NIK, nomor telepon" (in a fixed order)."""
    return ", ".join(label for kind, label in KIND_LABELS.items() if kind in kinds)


def warning_text(column: str, kinds) -> str:
    """The warning for a column of one file that held personal data."""
    return (
        f"Kolom '{column}' berisi data pribadi ({describe(kinds)}): disamarkan; jangan "
        "menulis data pribadi pemohon di laporan"
    )


def _star(text: str, keep_start: int, keep_end: int) -> str:
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + text[-keep_end:]


def _plausible_nik(digits: str) -> bool:
    if int(digits[:2]) not in PROVINCES or not 1 <= int(digits[2:4]) <= 79:
        return False
    if digits[4:6] == "00" or digits[12:] == "0000":
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    day = day - 40 if day > 40 else day
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def _nik_spans(text: str) -> list[tuple]:
    spans = []
    for match in _NIK.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if _plausible_nik(digits):
            spans.append((match.start(), match.end(), NIK, _star(digits, 4, 4)))
    return spans


def _phone_spans(text: str) -> list[tuple]:
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, "ID", phonenumbers.Leniency.VALID):
        raw = match.raw_string
        digits = re.sub(r"\D", "", raw)
        if not raw.lstrip("(").startswith(("0", "62", "+")) or len(digits) < 9:
            continue  # "1.500.000" is an amount, not a number dialled from 0 or +62
        plus = "+" if raw.startswith("+") else ""
        spans.append((match.start, match.end, TELEPON, plus + _star(digits, 4, 4)))
    return spans


def _email_spans(text: str) -> list[tuple]:
    spans = []
    for match in _EMAIL.finditer(text):
        local, domain = match.group().rsplit("@", 1)
        spans.append((match.start(), match.end(), EMAIL, f"{local[0]}***@{domain}"))
    return spans


def _name_spans(text: str) -> list[tuple]:
    spans = []
    for pattern in _NAMES:
        for match in pattern.finditer(text):
            words = []
            for word in match.group(3).split(" "):
                if word.lower() in _NAME_STOP:
                    break
                words.append(word)
            if not words:
                continue
            start = match.start(3)
            end = start + len(" ".join(words))
            masked = " ".join(w[0] + "***" for w in words)
            spans.append((start, end, NAMA, masked, match.group(1) + match.group(2) + masked))
    return spans


@functools.lru_cache(maxsize=1 << 16)
def _scan_text(text: str, allowed: frozenset[str]) -> Found | None:
    digits = _DIGITS.search(text) is not None
    finders = (
        (_nik_spans, digits and NIK not in allowed),
        (_email_spans, "@" in text and EMAIL not in allowed),
        (_phone_spans, digits and TELEPON not in allowed),
        (_name_spans, NAMA not in allowed and _may_name(text.lower())),
    )
    taken: list[tuple] = []
    for finder, needed in finders:  # in this order: a NIK is not read as a phone number
        if not needed:
            continue
        for span in finder(text):
            if all(span[1] <= s[0] or span[0] >= s[1] for s in taken):
                taken.append(span)
    if not taken:
        return None
    taken.sort()
    out, at = [], 0
    for start, end, _, masked, *_ in taken:
        out.append(text[at:start])
        out.append(masked)
        at = end
    out.append(text[at:])
    kinds = tuple(k for k in KIND_LABELS if any(s[2] == k for s in taken))
    items = ", ".join(dict.fromkeys(s[-1] for s in taken))
    return Found(kinds, "".join(out), items)


def scan(value: object, allowed: frozenset[str] = frozenset()) -> Found | None:
    """The personal data in ``value`` (text, or a number that is a NIK), or None.

    Kinds in ``allowed`` are neither reported nor masked.
    """
    if value.__class__ is str:
        return _scan_text(value, allowed)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return None
        text = str(int(value))
        if len(text) == 16 and NIK not in allowed and _plausible_nik(text):
            masked = _star(text, 4, 4)
            return Found((NIK,), masked, masked)
        return None
    if isinstance(value, str):
        return _scan_text(str(value), allowed)
    return None


def find_personal(value: object) -> tuple[str, ...]:
    """The kinds of personal data in ``value`` (empty when none)."""
    found = scan(value)
    return found.kinds if found else ()


def mask(value: object) -> object:
    """``value`` with its personal data masked (unchanged when it holds none)."""
    found = scan(value)
    return found.masked if found else value


@dataclass
class MaskedColumn:
    """A factorised column's distinct values with personal data masked, and what was found."""

    uniques: np.ndarray
    found: list[Found | None]  # per distinct value

    def flagged(self, codes: np.ndarray) -> np.ndarray:
        """Per cell, whether its value held personal data."""
        flags = np.array([f is not None for f in self.found] + [False], dtype=bool)
        return flags[codes]


def mask_uniques(uniques: np.ndarray) -> MaskedColumn | None:
    """The distinct values of a column masked; None when none holds personal data."""
    found = [scan(u) for u in uniques.tolist()]
    if not any(found):
        return None
    masked = uniques.copy()
    for position, item in enumerate(found):
        if item is not None:
            masked[position] = item.masked
    return MaskedColumn(masked, found)
