"""Deterministic sample reports of the fictional "Kota Contoh" (and bulk data for benchmarks).

:func:`generate` writes one semester of PPID Pembantu reports for the roster in
``data/opd.csv``: most OPDs with 0–40 requests, a few with hundreds, one OPD missing,
one report sent late, and the mistakes the checker must catch (listed in
:data:`MISTAKES`). The committed sample under ``data/contoh/laporan/<period>/`` is its
output with the default seed; a test keeps the two in step.

:func:`generate_many` writes many synthetic reports (skewed sizes, ~``mean_rows``
requests on average) for the load benchmark.

Everything is fictional: no person, request or number here is real, and the requests
carry no requester identity (except the one deliberate requester-name column, with
invented names, that the loader must drop).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from kip_training.calendar import WorkingCalendar
from kip_training.paths import DATA_DIR
from kip_training.reports import schema
from kip_training.reports.model import Period
from kip_training.reports.writer import write_report
from kip_training.roster import Opd, Roster, read_roster
from kip_training.textfmt import MONTHS

DEFAULT_SEED = 2025
PERIODS = (Period(2025, 1), Period(2025, 2))

#: OPDs with hundreds of requests a semester (population services).
BIG_OPD = {"DISDUKCAPIL": 320, "DPMPTSP": 210, "DINKES": 160}
#: OPD missing and OPD late, per period label.
MISSING = {"2025-S1": "KESBANGPOL", "2025-S2": "SETDA-PBJ"}
LATE = {"2025-S1": "DISARPUS", "2025-S2": "KEC-PASIRWANGI"}
#: Which OPD carries which deliberate mistake (the same every period).
MISTAKES = {
    "notice_before_receipt": "DISHUB",
    "refusal_without_letter": "DLH",
    "date_outside_semester": "DINSOS",
    "duplicate_registration": "DISDUKCAPIL",
    "unknown_request_objection": "DPUPR",
    "duplicate_file": "BAPPEDA",
    "requester_name_column": "KEC-SUKAMAJU",
    "messy_file": "KEC-CIBENING",
}

TOPICS = {
    "dinas": (
        "Rencana strategis dan rencana kerja tahunan",
        "Dokumen pelaksanaan anggaran (DPA)",
        "Laporan realisasi anggaran",
        "Data penerima program bantuan (rekap per kelurahan)",
        "Standar pelayanan dan maklumat pelayanan",
        "Daftar kegiatan pengadaan dan pemenangnya",
        "Data statistik sektoral tahun berjalan",
        "Laporan kinerja instansi pemerintah (LKjIP)",
        "Salinan surat keputusan kepala dinas",
        "Prosedur perizinan dan persyaratannya",
    ),
    "badan": (
        "Ringkasan APBD dan perubahannya",
        "Dokumen RPJMD dan RKPD",
        "Laporan keuangan pemerintah daerah",
        "Data aset daerah per lokasi",
        "Hasil musrenbang kecamatan",
        "Formasi dan rekapitulasi ASN",
        "Rencana kontinjensi bencana",
    ),
    "kecamatan": (
        "Data penduduk per kelurahan",
        "Laporan penggunaan dana kelurahan",
        "Jadwal dan hasil musrenbang",
        "Daftar sarana umum di kecamatan",
        "Prosedur surat keterangan",
    ),
    "lainnya": (
        "Salinan peraturan daerah dan peraturan wali kota",
        "Risalah rapat paripurna",
        "Laporan hasil pemeriksaan yang sudah dipublikasikan",
        "Data kunjungan pasien per bulan",
        "Jadwal kegiatan pimpinan",
        "Dokumen kontrak pengadaan",
    ),
}
OBSTACLES = (
    ("kendala_internal", "Petugas layanan informasi merangkap tugas lain."),
    ("kendala_internal", "Dokumentasi informasi di bidang teknis belum tertib."),
    ("kendala_eksternal", "Pemohon mengajukan permohonan melalui kanal yang tidak resmi."),
    ("kendala_eksternal", "Sebagian pemohon belum memahami prosedur keberatan."),
    ("rekomendasi", "Pelatihan uji konsekuensi bagi seluruh PPID Pembantu."),
    ("rekomendasi", "Pemutakhiran DIP dilakukan bersama PPID Utama setiap semester."),
    ("tindak_lanjut", "Menyusun jadwal pemutakhiran informasi berkala di situs web OPD."),
)
FAKE_NAMES = ("Ahmad Fauzi", "Siti Rahmawati", "Budi Santoso", "Dewi Lestari", "Rudi Hartono")

SALURAN_P = {
    "langsung": 0.3,
    "surat": 0.2,
    "email": 0.2,
    "website": 0.18,
    "media_sosial": 0.05,
    "telepon": 0.04,
    "aplikasi_pesan": 0.03,
}
KATEGORI_P = {
    "perorangan": 0.55,
    "badan_hukum": 0.1,
    "organisasi_masyarakat": 0.12,
    "lembaga_pendidikan": 0.15,
    "media": 0.08,
}
KEPUTUSAN_P = {
    "dipenuhi_seluruhnya": 0.7,
    "dipenuhi_sebagian": 0.1,
    "ditolak": 0.05,
    "tidak_dikuasai": 0.07,
    "belum_didokumentasikan": 0.02,
    "dalam_proses": 0.06,
}
PASAL_17_P = {"h": 0.35, "a": 0.15, "i": 0.2, "j": 0.15, "b": 0.1, "e": 0.05}
ALASAN_P = {"a": 0.3, "c": 0.2, "e": 0.2, "g": 0.15, "d": 0.1, "f": 0.05}
HASIL_P = {"mediasi_berhasil": 0.4, "dalam_proses": 0.3, "dikabulkan": 0.15, "ditolak": 0.15}


def _busdaycal() -> np.busdaycalendar:
    # The synthetic dates keep cuti bersama as days off (the stricter reading), as before.
    calendar = WorkingCalendar.from_config().with_reading("libur")
    days = np.array(list(calendar.days_off), dtype="datetime64[D]")
    return np.busdaycalendar(weekmask="1111100", holidays=days)


def _choice(rng: np.random.Generator, probs: dict[str, float], n: int) -> np.ndarray:
    keys = list(probs)
    p = np.array([probs[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


def _request_count(rng: np.random.Generator, opd: Opd, period: Period) -> int:
    if opd.kode in BIG_OPD:
        base = BIG_OPD[opd.kode] * (1.0 if period.semester == 1 else 1.15)
        return int(rng.normal(base, base * 0.1))
    scale = 4 if opd.kelompok == "kecamatan" else 12
    return int(min(40, rng.gamma(1.3, scale)))


def _requests(
    rng: np.random.Generator,
    opd: Opd,
    period: Period,
    n: int,
    cal: np.busdaycalendar,
    quality: float,
) -> pd.DataFrame:
    """``n`` request rows (vectorised), ordered by receipt date."""
    start, end = np.datetime64(period.start, "D"), np.datetime64(period.end, "D")
    workdays = np.arange(start, end + 1)
    workdays = workdays[np.is_busday(workdays, busdaycal=cal)]
    received = np.sort(rng.choice(workdays, size=n))
    decision = _choice(rng, KEPUTUSAN_P, n)
    # Requests still open are the recent ones.
    decision[(decision == "dalam_proses") & (received < end - np.timedelta64(20, "D"))] = (
        "dipenuhi_seluruhnya"
    )
    u = rng.random(n)
    on_time = 0.55 + 0.42 * quality
    days = np.where(
        u < on_time,
        rng.integers(1, 11, n),
        np.where(u < on_time + 0.07, rng.integers(11, 18, n), rng.integers(11, 26, n)),
    )
    extended = (days > 10) & (u < on_time + 0.07)
    extended |= (days > 17) & (rng.random(n) < 0.3)
    notice = np.busday_offset(received, days, roll="backward", busdaycal=cal)
    open_ = decision == "dalam_proses"
    topics = TOPICS.get(opd.kelompok, TOPICS["lainnya"]) + TOPICS["lainnya"][:2]
    prefix = opd.kode.replace("KEC-", "K").replace("SETDA-", "S")[:6]
    fee = np.where(rng.random(n) < 0.08, rng.integers(1, 20, n) * 2500, 0)
    frame = pd.DataFrame(
        {
            "no_registrasi": [f"{prefix}/{period.label}/{i + 1:03d}" for i in range(n)],
            "tanggal_diterima": received.astype("datetime64[D]").astype(object),
            "saluran": [schema.SALURAN[c] for c in _choice(rng, SALURAN_P, n)],
            "kategori_pemohon": [schema.KATEGORI_PEMOHON[c] for c in _choice(rng, KATEGORI_P, n)],
            "informasi_diminta": np.array(topics, dtype=object)[rng.integers(0, len(topics), n)],
            "dikuasai": np.where(decision == "tidak_dikuasai", "Tidak", "Ya"),
            "keputusan": [schema.KEPUTUSAN[c] for c in decision],
            "pasal_17": [
                schema.PASAL_17_CODES[c] if d == "ditolak" else None
                for c, d in zip(_choice(rng, PASAL_17_P, n), decision, strict=True)
            ],
            "perpanjangan": np.where(extended, "Ya", "Tidak"),
            "tanggal_pemberitahuan": np.where(
                open_, None, notice.astype("datetime64[D]").astype(object)
            ),
            "biaya": fee,
            "keterangan": np.where(
                extended, "Perpanjangan karena informasi dihimpun dari bidang teknis", None
            ),
        }
    )
    return frame


def _objections(
    rng: np.random.Generator, requests: pd.DataFrame, cal, period: Period
) -> list[dict]:
    n = len(requests)
    if not n:
        return []
    count = int(rng.binomial(n, 0.03))
    picked = np.sort(rng.choice(n, size=min(count, n), replace=False))
    rows = []
    end = np.datetime64(period.end, "D")
    for k, index in enumerate(picked, start=1):
        base = requests.iloc[index]
        start = np.datetime64(base["tanggal_pemberitahuan"] or base["tanggal_diterima"], "D")
        filed = np.busday_offset(start, int(rng.integers(2, 20)), roll="backward", busdaycal=cal)
        if filed > end:
            continue
        answered = np.busday_offset(filed, int(rng.integers(5, 32)), roll="backward", busdaycal=cal)
        ground = _choice(rng, ALASAN_P, 1)[0]
        to_ki = rng.random() < 0.25
        row = {
            "no_keberatan": f"KB/{period.label}/{k:02d}",
            "no_registrasi": base["no_registrasi"],
            "tanggal_keberatan": filed.astype(object),
            "alasan": schema.PASAL_35_CODES[ground],
            "tanggal_tanggapan": answered.astype(object) if answered <= end else None,
            "keputusan_atasan": schema.KEPUTUSAN_ATASAN[
                "belum_ditanggapi"
                if answered > end
                else ("diterima" if rng.random() < 0.6 else "ditolak")
            ],
            "ke_komisi": "Ya" if to_ki and answered <= end else "Tidak",
        }
        if row["ke_komisi"] == "Ya":
            dispute = np.busday_offset(
                answered, int(rng.integers(3, 14)), roll="backward", busdaycal=cal
            )
            row["tanggal_sengketa"] = dispute.astype(object)
            row["hasil_sengketa"] = schema.HASIL_SENGKETA[_choice(rng, HASIL_P, 1)[0]]
        rows.append(row)
    return rows


def _periodic(rng: np.random.Generator, period: Period, quality: float) -> list[dict]:
    rows = []
    for item, basis in schema.BERKALA_ITEMS:
        published = rng.random() < 0.55 + 0.4 * quality
        fresh = rng.random() < 0.4 + 0.5 * quality
        if published:
            months_ago = int(rng.integers(0, 5)) if fresh else int(rng.integers(7, 20))
            day = pd.Timestamp(period.end) - pd.DateOffset(
                months=months_ago, days=int(rng.integers(0, 25))
            )
            updated = day.date()
        rows.append(
            {
                "item": item,
                "dasar": schema.DASAR_BERKALA[basis],
                "diumumkan": "Ya" if published else "Tidak",
                "tautan": f"https://ppid.kotacontoh.go.id/{schema.normalise_key(item)[:30]}"
                if published
                else None,
                "tanggal_mutakhir": updated if published else None,
            }
        )
    return rows


def _obstacles(rng: np.random.Generator) -> list[dict]:
    picked = rng.choice(len(OBSTACLES), size=int(rng.integers(1, 4)), replace=False)
    return [
        {"jenis": schema.JENIS_KENDALA[OBSTACLES[i][0]], "uraian": OBSTACLES[i][1]}
        for i in sorted(picked)
    ]


def _identitas(opd: Opd, period: Period, reported: dt.date) -> dict:
    return {
        "kode_opd": opd.kode,
        "nama_opd": opd.nama,
        "tahun": period.year,
        "semester": period.roman,
        "nama_ppid": f"Sekretaris {opd.nama}",
        "jabatan_ppid": "PPID Pembantu",
        "tanggal_laporan": reported,
        "kontak": f"ppid.{opd.kode.lower()}@kotacontoh.go.id",
    }


def _apply_mistakes(opd: Opd, period: Period, requests: pd.DataFrame, objections: list[dict]):
    """Plant the deliberate mistakes of :data:`MISTAKES` in this OPD's rows."""
    rows = requests.to_dict("records")
    kinds = {k for k, v in MISTAKES.items() if v == opd.kode}
    if not rows:
        return rows, objections
    if "notice_before_receipt" in kinds:
        r = rows[len(rows) // 2]
        r["tanggal_pemberitahuan"] = r["tanggal_diterima"] - dt.timedelta(days=3)
        r["keputusan"] = schema.KEPUTUSAN["dipenuhi_seluruhnya"]
    if "refusal_without_letter" in kinds:
        r = rows[0]
        r["keputusan"], r["pasal_17"] = schema.KEPUTUSAN["ditolak"], None
    if "date_outside_semester" in kinds:
        r = rows[-1]
        r["tanggal_diterima"] = period.next().start + dt.timedelta(days=7)
        r["tanggal_pemberitahuan"] = r["tanggal_diterima"] + dt.timedelta(days=2)
    if "duplicate_registration" in kinds and len(rows) > 3:
        rows[3]["no_registrasi"] = rows[2]["no_registrasi"]
    if "unknown_request_objection" in kinds:
        received = rows[0]["tanggal_diterima"]
        objections = [
            *objections,
            {
                "no_keberatan": f"KB/{period.label}/99",
                "no_registrasi": f"DPUPR/{period.label}/999",
                "tanggal_keberatan": received + dt.timedelta(days=14),
                "alasan": schema.PASAL_35_CODES["c"],
                "keputusan_atasan": schema.KEPUTUSAN_ATASAN["belum_ditanggapi"],
                "ke_komisi": "Tidak",
            },
        ]
    return rows, objections


def _messy(rows: list[dict], periodic: list[dict]) -> tuple[list[dict], dict]:
    """Write values the way a hurried person does: text dates, YA, dot thousands."""
    for n, row in enumerate(rows):
        received = row["tanggal_diterima"]
        if n % 2 == 0:
            row["tanggal_diterima"] = f"{received.day} {MONTHS[received.month - 1]} {received.year}"
        if row.get("tanggal_pemberitahuan") and n % 3 == 0:
            row["tanggal_pemberitahuan"] = row["tanggal_pemberitahuan"].strftime("%d/%m/%Y")
        row["dikuasai"] = str(row["dikuasai"]).upper()
        row["perpanjangan"] = "y" if row["perpanjangan"] == "Ya" else "TDK"
        if row["biaya"]:
            row["biaya"] = f"{int(row['biaya']):,}".replace(",", ".")
        if row["biaya"] == 0 and n % 4 == 0:
            row["biaya"] = "Rp 15.000"
    for item in periodic:
        item["diumumkan"] = str(item["diumumkan"]).upper()
    headers = {
        "permohonan": {
            "no_registrasi": "NO. REGISTRASI",
            "tanggal_diterima": "tgl diterima",
            "saluran": "CARA PERMOHONAN ",
            "keputusan": "Status Permohonan",
            "tanggal_pemberitahuan": "Tanggal  Pemberitahuan",
            "biaya": "biaya (rp)",
        },
        "berkala": {"diumumkan": "SUDAH DIUMUMKAN"},
    }
    return rows, headers


def _report_date(rng, period: Period, cal, late: bool) -> dt.date:
    days = int(rng.integers(14, 25)) if late else int(rng.integers(2, 10))
    end = np.datetime64(period.end, "D")
    return np.busday_offset(end, days, roll="forward", busdaycal=cal).astype(object)


def generate(
    period: Period | str,
    out_dir: Path | str,
    seed: int = DEFAULT_SEED,
    roster_path: Path | None = None,
    opd_limit: int | None = None,
    scale: float = 1.0,
) -> list[Path]:
    """Write the sample reports of one period into ``out_dir``; returns the files written.

    ``opd_limit`` keeps only the first OPDs of the roster; ``scale`` multiplies the number
    of requests (both for quick tests and benchmarks).
    """
    period = Period.parse(period)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cal = _busdaycal()
    opds = list(read_roster(roster_path))[:opd_limit]
    written = []
    for index, opd in enumerate(opds):
        if opd.kode == MISSING.get(period.label):
            continue
        rng = np.random.default_rng([seed, period.year, period.semester, index])
        quality = float(np.random.default_rng([seed, index]).beta(4, 2))
        n = max(0, int(_request_count(rng, opd, period) * scale))
        if opd.kode in MISTAKES.values():
            n = max(n, int(12 * scale))  # room for the planted mistake
        requests = _requests(rng, opd, period, n, cal, quality)
        objections = _objections(rng, requests, cal, period)
        rows, objections = _apply_mistakes(opd, period, requests, objections)
        periodic = _periodic(rng, period, quality)
        obstacles = _obstacles(rng)
        reported = _report_date(rng, period, cal, late=opd.kode == LATE.get(period.label))
        headers, extra = None, None
        if opd.kode == MISTAKES["messy_file"]:
            rows, headers = _messy(rows, periodic)
        if opd.kode == MISTAKES["requester_name_column"]:
            extra = {"permohonan": ["Nama Pemohon"]}
            for n_row, row in enumerate(rows):
                row["Nama Pemohon"] = FAKE_NAMES[n_row % len(FAKE_NAMES)]
        sheets = {
            "permohonan": rows,
            "keberatan": objections,
            "berkala": periodic,
            "kendala": obstacles,
        }
        name = f"{opd.kode}_{period.label}.xlsx"
        if opd.kode == MISTAKES["duplicate_file"]:
            # First version, sent on time; the revision below (later date) must win.
            early = reported - dt.timedelta(days=1)
            first_rows = [dict(r) for r in rows[: max(0, len(rows) - 2)]]
            written.append(
                write_report(
                    out / f"{opd.kode}_{period.label}_awal.xlsx",
                    _identitas(opd, period, early),
                    {**sheets, "permohonan": first_rows},
                )
            )
            name = f"{opd.kode}_{period.label}_revisi.xlsx"
        written.append(
            write_report(
                out / name,
                _identitas(opd, period, reported),
                sheets,
                headers=headers,
                extra_columns=extra,
            )
        )
    return written


def generate_many(
    n_reports: int,
    out_dir: Path | str,
    seed: int = DEFAULT_SEED,
    mean_rows: int = 300,
    period: Period | str = "2025-S1",
) -> tuple[list[Path], pd.DataFrame]:
    """Write ``n_reports`` synthetic reports (request counts lognormal, mean ~``mean_rows``).

    Returns the files and the synthetic roster (codes ``OPD-0001``...), to pass as
    ``load_reports(..., roster=roster)``. Meant for benchmarks: no deliberate mistakes.
    """
    period = Period.parse(period)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cal = _busdaycal()
    rng = np.random.default_rng([seed, 7])
    sigma = 0.9
    mu = np.log(mean_rows) - sigma**2 / 2
    sizes = np.clip(rng.lognormal(mu, sigma, n_reports).astype(int), 0, 20 * mean_rows)
    roster = Roster(
        tuple(
            Opd(f"OPD-{i + 1:04d}", f"Perangkat Daerah Sintetis {i + 1}", f"PDS {i + 1}", "dinas")
            for i in range(n_reports)
        )
    )
    written = []
    for i, opd in enumerate(roster):
        code = opd.kode
        local = np.random.default_rng([seed, i])
        requests = _requests(local, opd, period, int(sizes[i]), cal, 0.7)
        sheets = {
            "permohonan": requests.to_dict("records"),
            "keberatan": _objections(local, requests, cal, period),
            "berkala": _periodic(local, period, 0.7),
            "kendala": _obstacles(local),
        }
        reported = _report_date(local, period, cal, late=False)
        written.append(
            write_report(
                out / f"{code}_{period.label}.xlsx", _identitas(opd, period, reported), sheets
            )
        )
    return written, roster.frame()


def default_sample_dir() -> Path:
    return DATA_DIR / "contoh" / "laporan"


def write_sample(
    out_root: Path | str | None = None, periods: Sequence[Period] = PERIODS
) -> dict[str, list[Path]]:
    """Write the bundled sample of every period into ``out_root/<period>/``."""
    root = Path(out_root) if out_root else default_sample_dir()
    return {p.label: generate(p, root / p.label) for p in periods}


if __name__ == "__main__":  # pragma: no cover - regenerate the committed sample
    for label, files in write_sample().items():
        print(label, len(files), "berkas")
