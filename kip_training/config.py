"""Configuration from ``kip.toml``: the body's name, data paths, calendar, meeting and index
settings.

Lookup order: an explicit path, the ``KIP_CONFIG`` environment variable, ``kip.toml``
in the working folder, then the bundled defaults for the fictional "Kota Contoh".
Keys missing from a user's file take the bundled default. Relative paths are read from
the folder of the file that names them.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kip_training import law
from kip_training.errors import ConfigError
from kip_training.monev import registry as monev_registry
from kip_training.monev import settings as monev_settings
from kip_training.paths import BUNDLE_DIR, DEFAULT_CONFIG
from kip_training.textfmt import parse_date

READINESS_COMPONENTS = ("pelaporan", "ketepatan_waktu", "informasi_berkala", "kualitas_data")
#: What one report file may cost to read ([batas]; see kip_training.reports.limits).
READ_LIMIT_KEYS = (
    "ukuran_berkas_mb",
    "ukuran_bagian_mb",
    "rasio_kompresi",
    "baris_per_lembar",
    "kolom_per_lembar",
    "sel_per_lembar",
    "memori_mb",
)
#: Texts of the annual service report the user writes in [laporan_tahunan] (empty: placeholder).
ANNUAL_TEXT_KEYS = ("kebijakan", "sarana", "sdm", "anggaran", "perkara_pengadilan")

# (section, key) -> (expected type, description shown in errors)
_SPEC: dict[tuple[str, str], tuple[type | tuple[type, ...], str]] = {
    ("badan_publik", "nama"): (str, 'teks, misalnya "Pemerintah Kota Serang"'),
    ("badan_publik", "ppid_utama"): (str, "teks, nama unit PPID Utama"),
    ("badan_publik", "kota"): (str, "teks, nama kota atau kabupaten"),
    ("data", "roster"): (str, "path berkas CSV daftar OPD"),
    ("data", "libur_tambahan"): (str, "path berkas CSV libur tambahan (boleh kosong)"),
    ("data", "bank_soal"): (str, "path folder bank soal (*.yaml)"),
    ("kalender", "cuti_bersama"): (str, 'salah satu dari "kerja" atau "libur"'),
    ("laporan", "batas_kirim_hari_kerja"): (int, "bilangan bulat hari kerja, misalnya 10"),
    ("rapat", "tempat"): (str, "teks, tempat rapat koordinasi"),
    ("rapat", "tanggal"): ((str, dt.date), "tanggal, misalnya 2026-01-22"),
    ("rapat", "jumlah_opd_teratas"): (int, "bilangan bulat, misalnya 10"),
    ("rapat", "ambang_tepat_waktu"): ((int, float), "angka antara 0 dan 1, misalnya 0.8"),
    **{("indeks", k): ((int, float), "angka bobot 0–100") for k in READINESS_COMPONENTS},
    **{("batas", k): (int, "bilangan bulat positif") for k in READ_LIMIT_KEYS},
    **{("laporan_tahunan", k): (str, "teks untuk laporan tahunan") for k in ANNUAL_TEXT_KEYS},
}


@dataclass(frozen=True)
class Config:
    """The settings the toolkit runs with."""

    body_name: str
    ppid_unit: str
    city: str
    roster_path: Path
    extra_days_off_path: Path | None
    questions_dir: Path
    report_due_working_days: int
    meeting_place: str
    meeting_date: dt.date | None
    top_n: int
    ontime_threshold: float
    readiness_weights: Mapping[str, float]
    #: Reading of cuti bersama for working days: "kerja" (default) or "libur".
    cuti_bersama: str = law.CUTI_BERSAMA_DEFAULT
    #: The grading commission and per-year monev entries of kip.toml ([monev]).
    monev_overrides: law.MonevSettings = field(default_factory=law.MonevSettings)
    #: Monev preparation ([monev] batas_bukti_mb, nilai/peringkat_tahun_lalu, jadwal).
    monev_prep: monev_settings.MonevPrep = field(default_factory=monev_settings.MonevPrep)
    #: Texts of the annual report ([laporan_tahunan]); "" where the user wrote nothing.
    annual_texts: Mapping[str, str] = field(default_factory=dict)
    #: Bounds on reading one report file ([batas]: toml key -> positive integer).
    read_limits: Mapping[str, int] = field(default_factory=dict)
    source: Path | None = None

    def kualifikasi(self, score: float, year: int) -> str:
        """Monev kualifikasi of a score, with this config's per-year bands."""
        return law.kualifikasi(score, year, self.monev_overrides)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"Berkas konfigurasi {path} tidak ditemukan.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Berkas konfigurasi {path} tidak dapat dibaca: {exc}.") from None


def _check_types(data: Mapping[str, Any], path: Path) -> None:
    for section, values in data.items():
        if section == "monev":
            continue
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: '{section}' harus berupa bagian [{section}].")
        for key, value in values.items():
            spec = _SPEC.get((section, key))
            if spec is None:
                known = ", ".join(k for s, k in _SPEC if s == section) or "tidak ada"
                raise ConfigError(
                    f"{path}: kunci '{section}.{key}' tidak dikenal "
                    f"(kunci yang dikenal di [{section}]: {known})."
                )
            expected, description = spec
            if isinstance(value, bool) or not isinstance(value, expected):
                raise ConfigError(
                    f"{path}: '{section}.{key}' bernilai {value!r}; yang diharapkan: {description}."
                )


def _monev_overrides(data: Mapping[str, Any], path: Path) -> law.MonevSettings:
    monev = data.get("monev", {})
    if not isinstance(monev, dict):
        raise ConfigError(f"{path}: 'monev' harus berupa bagian [monev].")
    rubric = {k: v for k, v in monev.items() if k not in monev_settings.KEYS}
    return monev_registry.settings_from_config(rubric, str(path))


def _merge(base: dict[str, Any], user: Mapping[str, Any]) -> dict[str, Any]:
    merged = {section: dict(values) for section, values in base.items()}
    for section, values in user.items():
        if isinstance(values, dict):
            merged.setdefault(section, {}).update(values)
        else:
            merged[section] = values
    return merged


def find_config_path(explicit: Path | str | None = None) -> Path | None:
    """The user's config file to use, or None for the bundled defaults."""
    if explicit:
        return Path(explicit)
    if env := os.environ.get("KIP_CONFIG"):
        return Path(env)
    local = Path.cwd() / "kip.toml"
    return local if local.is_file() else None


def load_config(path: Path | str | None = None) -> Config:
    """Load the configuration (see the module docstring for the lookup order)."""
    defaults = _read_toml(DEFAULT_CONFIG)
    user_path = find_config_path(path)
    user = _read_toml(user_path) if user_path else {}
    if user_path:
        _check_types(user, user_path)
    data = _merge(defaults, user)

    def resolve(section: str, key: str) -> Path | None:
        value = data[section].get(key, "")
        if not value:
            return None
        base = user_path.parent if user_path and key in user.get(section, {}) else BUNDLE_DIR
        return (base / value).resolve()

    weights = {k: float(data["indeks"][k]) for k in READINESS_COMPONENTS}
    if abs(sum(weights.values()) - 100) > 1e-6:
        raise ConfigError(
            f"{user_path or DEFAULT_CONFIG}: bobot [indeks] harus berjumlah 100 "
            f"(sekarang {sum(weights.values()):g})."
        )
    threshold = float(data["rapat"]["ambang_tepat_waktu"])
    if not 0 <= threshold <= 1:
        raise ConfigError(
            f"{user_path or DEFAULT_CONFIG}: 'rapat.ambang_tepat_waktu' bernilai {threshold}; "
            "yang diharapkan: angka antara 0 dan 1, misalnya 0.8."
        )
    cuti_bersama = data["kalender"]["cuti_bersama"]
    if cuti_bersama not in law.CUTI_BERSAMA_READINGS:
        accepted = ", ".join(f'"{r}"' for r in law.CUTI_BERSAMA_READINGS)
        raise ConfigError(
            f"{user_path or DEFAULT_CONFIG}: 'kalender.cuti_bersama' bernilai {cuti_bersama!r}; "
            f"yang diharapkan: salah satu dari {accepted}."
        )
    meeting_date = data["rapat"].get("tanggal") or None
    if isinstance(meeting_date, str):
        try:
            meeting_date = parse_date(meeting_date)
        except ValueError:
            raise ConfigError(
                f"{user_path}: 'rapat.tanggal' bernilai {meeting_date!r}; yang diharapkan: "
                "tanggal, misalnya 2026-01-22."
            ) from None
    return Config(
        body_name=data["badan_publik"]["nama"],
        ppid_unit=data["badan_publik"]["ppid_utama"],
        city=data["badan_publik"]["kota"],
        roster_path=resolve("data", "roster"),
        extra_days_off_path=resolve("data", "libur_tambahan"),
        questions_dir=resolve("data", "bank_soal"),
        report_due_working_days=int(data["laporan"]["batas_kirim_hari_kerja"]),
        meeting_place=data["rapat"]["tempat"],
        meeting_date=meeting_date,
        top_n=int(data["rapat"]["jumlah_opd_teratas"]),
        ontime_threshold=threshold,
        readiness_weights=weights,
        cuti_bersama=cuti_bersama,
        monev_overrides=_monev_overrides(user, user_path) if user_path else law.MonevSettings(),
        monev_prep=monev_settings.prep_from_config(
            data.get("monev", {}), str(user_path or DEFAULT_CONFIG)
        ),
        annual_texts={k: data.get("laporan_tahunan", {}).get(k, "") for k in ANNUAL_TEXT_KEYS},
        read_limits=_read_limits(data.get("batas", {}), user_path or DEFAULT_CONFIG),
        source=user_path,
    )


def _read_limits(values: Mapping[str, Any], path: Path) -> dict[str, int]:
    """The [batas] values, each a positive integer."""
    for key, value in values.items():
        if key not in READ_LIMIT_KEYS or isinstance(value, bool) or not isinstance(value, int):
            continue  # reported by _check_types for the user's file
        if value <= 0:
            raise ConfigError(
                f"{path}: 'batas.{key}' bernilai {value}; yang diharapkan: bilangan bulat positif."
            )
    return {k: v for k, v in values.items() if k in READ_LIMIT_KEYS}
