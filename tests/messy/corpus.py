"""Build the messy corpus: one report file per kind of mess, each with its true values.

Every file starts from ``kip template`` (:func:`kip_training.reports.template.build_workbook`)
and from request rows of the bundled sample reports (``data/contoh/laporan/2025-S2``),
then is messed up the way OPD staff do it, and is saved through LibreOffice Calc where a
real user would (re-saved ``.xlsx``, ``.ods``, ``.xls``, a ``;``-separated Windows-1252
CSV, an English-locale import). :func:`build_corpus` returns the truth of every file
(:class:`~messy.truth.Truth`). LibreOffice runs once per kind of conversion, on a batch.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

from openpyxl import Workbook, load_workbook

from kip_training.paths import DATA_DIR
from kip_training.reports import schema
from kip_training.reports.template import build_workbook

from .truth import UNKNOWN, Request, Truth

SAMPLES = DATA_DIR / "contoh" / "laporan" / "2025-S2"
POOL_FILES = ("DINKES_2025-S2.xlsx", "DPMPTSP_2025-S2.xlsx")
COLUMNS = schema.PERMOHONAN.columns
KEYS = [c.key for c in COLUMNS]
TITLES = [c.title for c in COLUMNS]
REPORT_DATE = dt.date(2026, 1, 8)
SEMESTER = (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
DATE_FORMAT = "DD/MM/YYYY"
SHEET_INDEX = 2  # Petunjuk, Identitas, Permohonan, ... (also LibreOffice's CSV sheet number - 1)

BULAN = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
BULAN = dict(enumerate(BULAN.split(), start=1))
BULAN_SINGKAT = {3: "Mrt", 2: "Peb", 7: "Jul", 8: "Agt", 9: "Sep", 10: "Okt", 11: "Nop", 12: "Des"}
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTH_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

#: Personal data typed into the cells of kind 18 (and the digit forms a leak could take).
NIK_REG = "3273011505800006"
NIK_TEXT = "3174054101900012"
PHONE_1 = "0812-3456-7890"
PHONE_2 = "+62 813-2233-4455"
EMAIL = "budi.santoso@gmail.com"
PERSONAL = (
    NIK_REG,
    NIK_TEXT,
    PHONE_1,
    "081234567890",
    PHONE_2,
    "6281322334455",
    "81322334455",
    EMAIL,
    "Budi Santoso",
    "Slamet Riyadi",
)


def label(column: str, code: str) -> str:
    return dict(schema.PERMOHONAN.column(column).codes)[code]


def _code(column: str, value: object) -> str:
    return schema.code_lookup(schema.PERMOHONAN.column(column))[schema.normalise_key(value)]


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _fee(value: object) -> float | None:
    return None if value in (None, "") else float(value)


def sample_requests(path: Path) -> list[Request]:
    """The valid request rows of a sample report, with the truth read from their cells.

    The samples carry a few deliberate mistakes (a notice dated before the request, a
    request outside the semester): those rows are rightly rejected, so they are no true
    rows here.
    """
    ws = load_workbook(path, read_only=True)["Permohonan"]
    rows = ws.iter_rows(values_only=True)
    header = next(rows)
    keys = [KEYS[TITLES.index(title)] for title in header]
    out = []
    for baris, row in enumerate(rows, start=2):
        if not row or not row[0]:
            continue
        cells = {
            k: (v.date() if isinstance(v, dt.datetime) else v)
            for k, v in zip(keys, row, strict=False)
        }
        notice = _date(cells["tanggal_pemberitahuan"])
        received = cells["tanggal_diterima"]
        if not (SEMESTER[0] <= received <= SEMESTER[1]) or (notice and notice < received):
            continue
        out.append(
            Request(
                cells=cells,
                diterima=cells["tanggal_diterima"],
                pemberitahuan=notice,
                keputusan=_code("keputusan", cells["keputusan"]),
                biaya=_fee(cells["biaya"]),
                baris=baris,
            )
        )
    return out


def decide(req: Request, code: str) -> Request:
    """Set the decision (and what goes with it) of a request row, cells and truth."""
    req.keputusan = code
    req.cells["keputusan"] = label("keputusan", code)
    req.cells["pasal_17"] = label("pasal_17", "b") if code == "ditolak" else None
    if code == "ditolak":
        req.cells["biaya"], req.biaya = 0, 0.0
    if code == "dalam_proses":
        req.cells["tanggal_pemberitahuan"], req.pemberitahuan = None, None
    elif req.pemberitahuan is None:
        notice = req.diterima + dt.timedelta(days=2 if req.diterima.weekday() < 3 else 4)
        req.cells["tanggal_pemberitahuan"], req.pemberitahuan = notice, notice
    return req


def fee(req: Request, cell: object, true: float | None | str) -> None:
    req.cells["biaya"], req.biaya = cell, true


# --- date writings (kind 6) -------------------------------------------------------------


def _serial(d: dt.date) -> str:
    return str((d - dt.date(1899, 12, 30)).days)


DATE_WRITINGS: tuple[Callable[[dt.date], str], ...] = (
    lambda d: f"{d.day} {BULAN[d.month]} {d.year}",
    lambda d: f"{HARI[d.weekday()]}, {d.day} {BULAN[d.month]} {d.year}",
    lambda d: f"{d.day} {BULAN_SINGKAT[d.month]} {d.year}",
    lambda d: f"{d:%d/%m/%y}",
    lambda d: f"{d:%Y/%m/%d}",
    lambda d: f"{d.day:02d}-{MONTH_EN[d.month - 1]}-{d:%y}",
    lambda d: f"{d.day} {BULAN[d.month]} {d.year} 09:15",
    lambda d: f"{d:%Y-%m-%d} 14:30:00",
    _serial,
    lambda d: f"{HARI[d.weekday()]}, {d.day} {BULAN_SINGKAT[d.month]} {d.year}",
    lambda d: f"{d:%d.%m.%Y}",
    lambda d: f"{d:%d-%m-%Y}",
)


# --- workbook helpers -------------------------------------------------------------------


def workbook(
    code: str,
    nama: str | None = None,
    semester: str = "II",
    tanggal: dt.date = REPORT_DATE,
    names: dict[str, str] | None = None,
) -> Workbook:
    """The template with its Identitas, Informasi Berkala and Kendala sheets filled in."""
    wb = build_workbook()
    values = {
        "kode_opd": code,
        "nama_opd": nama or (names or {}).get(code, code),
        "tahun": 2025,
        "semester": semester,
        "nama_ppid": "Sekretaris",
        "jabatan_ppid": "Sekretaris",
        "tanggal_laporan": tanggal,
        "kontak": f"ppid.{code.lower()}@kotacontoh.go.id",
    }
    ws = wb["Identitas"]
    for row, column in enumerate(schema.IDENTITAS.columns, start=2):
        ws.cell(row=row, column=2, value=values[column.key])
    ws = wb["Informasi Berkala"]
    for row in range(3, 3 + len(schema.BERKALA_ITEMS)):
        ws.cell(row=row, column=3, value="Ya")
        ws.cell(row=row, column=4, value=f"https://{code.lower()}.kotacontoh.go.id/ppid")
        ws.cell(row=row, column=5, value=dt.date(2025, 11, 3)).number_format = DATE_FORMAT
    ws = wb["Kendala dan Rekomendasi"]
    ws.cell(row=3, column=1, value=schema.JENIS_KENDALA["kendala_internal"])
    ws.cell(row=3, column=2, value="Petugas layanan informasi merangkap tugas lain.")
    return wb


def fresh_permohonan(wb: Workbook):
    """Replace the template's Permohonan sheet by an empty one at the same place."""
    wb.remove(wb["Permohonan"])
    return wb.create_sheet("Permohonan", SHEET_INDEX)


def put(ws, row: int, col: int, value: object) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def write_rows(ws, first: int, keys: list[str], reqs: list[Request], extra=None) -> None:
    """Write request rows from ``first``; ``extra(i, req)`` gives cells of user columns."""
    for i, req in enumerate(reqs):
        req.baris = first + i
        values = {**req.cells, **(extra(i, req) if extra else {})}
        for col, key in enumerate(keys, start=1):
            put(ws, req.baris, col, values.get(key))


def standard(wb: Workbook, reqs: list[Request]) -> None:
    """The template's own layout: header row 1, example row 2, data from row 3."""
    write_rows(wb["Permohonan"], 3, KEYS, reqs)


# --- the builder ------------------------------------------------------------------------


class Builder:
    """Writes the corpus: final files in ``out``, files to convert in stage folders."""

    def __init__(self, root: Path) -> None:
        from kip_training.roster import read_roster

        self.root = root
        self.out = root / "laporan"
        self.stages = {name: root / "stage" / name for name in ("xlsx", "ods", "xls", "csv")}
        for folder in (self.out, *self.stages.values()):
            folder.mkdir(parents=True, exist_ok=True)
        self.names = read_roster(DATA_DIR / "opd.csv").names
        self._pool: Iterator[Request] = itertools.chain.from_iterable(
            sample_requests(SAMPLES / name) for name in POOL_FILES
        )
        self.truths: list[Truth] = []
        self.renames: dict[str, str] = {}  # converted name -> final name

    def take(self, code: str, n: int, where=None) -> list[Request]:
        """``n`` rows of the sample pool (those matching ``where``), renumbered for ``code``."""
        rows = []
        for req in self._pool:
            if where is None or where(req):
                req.cells["no_registrasi"] = f"{code}/2025-S2/{len(rows) + 1:03d}"
                rows.append(req)
                if len(rows) == n:
                    return rows
        raise RuntimeError("sample pool exhausted")

    def wb(self, code: str, **kwargs) -> Workbook:
        return workbook(code, names=self.names, **kwargs)

    def final(self, wb: Workbook, name: str) -> None:
        """Saved as is (written by a program, never opened in a spreadsheet)."""
        wb.save(self.out / name)

    def resave(self, wb: Workbook, name: str) -> None:
        """Saved, then opened and saved again as .xlsx by LibreOffice Calc."""
        wb.save(self.stages["xlsx"] / name)

    def add(self, truth: Truth) -> Truth:
        self.truths.append(truth)
        return truth

    def convert(self) -> None:
        """Every LibreOffice conversion: one soffice call per target format."""
        targets = {
            "xlsx": "xlsx",
            "ods": "ods",
            "xls": "xls",
            # sheet 3 (Permohonan), ';', '"', Windows-1252, as shown on screen
            "csv": "csv:Text - txt - csv (StarCalc):59,34,1,1,,0,false,true,true,false,false,"
            + str(SHEET_INDEX + 1),
        }
        for stage, target in targets.items():
            files = sorted(self.stages[stage].iterdir())
            if files:
                soffice(target, self.out, files, profile=self.root / "lo-profile")
        for converted, name in self.renames.items():
            (self.out / converted).rename(self.out / name)


def soffice(target: str, outdir: Path, files: list[Path], *, profile: Path, infilter=None) -> None:
    command = [
        shutil.which("soffice") or "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
    ]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target, "--outdir", str(outdir), *map(str, files)]
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    missing = [f.name for f in files if not any(outdir.glob(f.stem + "*"))]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {missing}")


# --- one function per kind of mess -------------------------------------------------------


def k01_letterhead(b: Builder) -> None:
    code = "BAPENDA"
    reqs = b.take(code, 7)
    wb = b.wb(code)
    ws = fresh_permohonan(wb)
    kop = (
        "PEMERINTAH KOTA CONTOH",
        "BADAN PENDAPATAN DAERAH",
        "Jl. Merdeka No. 12, Kota Contoh 40111",
        None,
        "REGISTER PERMOHONAN INFORMASI PUBLIK SEMESTER II TAHUN 2025",
    )
    for row, line in enumerate(kop, start=1):
        if line:
            ws.cell(row=row, column=1, value=line)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(KEYS))
    for col, title in enumerate(TITLES, start=1):
        ws.cell(row=6, column=col, value=title)
    write_rows(ws, 7, KEYS, reqs)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "01-kop-surat",
            "kop surat 5 baris di atas judul kolom",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
        )
    )


def k02_merged_header(b: Builder) -> None:
    code = "BKPSDM"
    reqs = b.take(code, 8)
    wb = b.wb(code)
    ws = fresh_permohonan(wb)
    order = ["no_registrasi", "tanggal_diterima", "tanggal_pemberitahuan"] + [
        k for k in KEYS if k not in ("no_registrasi", "tanggal_diterima", "tanggal_pemberitahuan")
    ]
    for col, key in enumerate(order, start=1):
        if key == "tanggal_diterima":
            ws.cell(row=1, column=col, value="Tanggal")
            ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + 1)
            ws.cell(row=2, column=col, value="Diterima")
        elif key == "tanggal_pemberitahuan":
            ws.cell(row=2, column=col, value="Pemberitahuan")
        else:
            ws.cell(row=1, column=col, value=schema.PERMOHONAN.column(key).title)
            ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
    write_rows(ws, 3, order, reqs)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "02-judul-dua-baris",
            "judul kolom dua baris: 'Tanggal' di atas 'Diterima'/'Pemberitahuan'",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("tanggal", "pemberitahuan"),),
        )
    )


HEADERS_03 = {
    "no_registrasi": "No. Reg",
    "tanggal_diterima": "Tgl. Terima",
    "saluran": "Cara\nPermohonan",
    "kategori_pemohon": "Kategori   Pemohon ",
    "informasi_diminta": "Rincian Informasi yang Dibutuhkan",
    "dikuasai": "Informasi\nDikuasai",
    "keputusan": "Keputusan",
    "pasal_17": "Huruf Psl 17 (jika ditolak)",
    "perpanjangan": "Perpanjangan\nWaktu",
    "tanggal_pemberitahuan": "Tgl. Pemberitahuan\nTertulis",
    "biaya": "Biaya\n(Rp)",
    "keterangan": "Ket.",
}


def k03_abbreviated(b: Builder) -> None:
    code = "BPKAD"
    reqs = b.take(code, 8)
    wb = b.wb(code)
    ws = wb["Permohonan"]
    for col, key in enumerate(KEYS, start=1):
        ws.cell(row=1, column=col, value=HEADERS_03[key])
    standard(wb, reqs)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "03-judul-singkatan",
            "judul kolom disingkat/salah eja/berganti baris",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(
                ("tgl. terima", "tanggal diterima"),
                ("rincian informasi yang dibutuhkan", "informasi yang diminta"),
            ),
        )
    )


def k04_extra_columns(b: Builder) -> None:
    code = "DINKES"
    reqs = b.take(code, 8)
    decide(reqs[1], "ditolak")
    decide(reqs[3], "dipenuhi_sebagian")
    decide(reqs[5], "tidak_dikuasai")
    wb = b.wb(code)
    ws = fresh_permohonan(wb)
    at = KEYS.index("keputusan") + 1
    keys = ["no", *KEYS[:at], "status", *KEYS[at:], "disposisi"]
    titles = {"no": "No", "status": "Status", "disposisi": "Disposisi ke Bidang"}
    for col, key in enumerate(keys, start=1):
        ws.cell(row=1, column=col, value=titles.get(key) or schema.PERMOHONAN.column(key).title)
    write_rows(
        ws,
        2,
        keys,
        reqs,
        extra=lambda i, r: {
            "no": i + 1,
            "status": "Proses" if r.keputusan == "dalam_proses" else "Selesai",
            "disposisi": "Bidang Pelayanan Kesehatan",
        },
    )
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "04-kolom-tambahan",
            "kolom tambahan 'No', 'Status' di samping 'Keputusan', 'Disposisi'",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("status",),),
        )
    )


def k05_placeholders(b: Builder) -> None:
    code = "KEC-CIBENING"
    reqs = b.take(code, 8)
    decide(reqs[2], "ditolak")
    decide(reqs[6], "dalam_proses")
    for i, req in enumerate(reqs):
        if req.keputusan != "ditolak":
            req.cells["pasal_17"] = "-"
        req.cells["keterangan"] = "nihil" if i % 2 else "-"
        req.cells["perpanjangan"] = "tidak ada"
        if not req.biaya:
            fee(req, "gratis", 0.0)
    fee(reqs[4], "-", None)
    reqs[5].cells["dikuasai"] = "n/a"
    reqs[6].cells["tanggal_pemberitahuan"] = "–"
    wb = b.wb(code)
    standard(wb, reqs)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "05-strip-nihil-gratis",
            "'-', '–', 'nihil', 'tidak ada', 'n/a' untuk kosong; biaya 'gratis'",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("biaya",), ("pasal 17",)),
        )
    )


def k06_text_dates(b: Builder) -> None:
    code = "DISDIK"
    reqs = b.take(code, len(DATE_WRITINGS))
    for i, req in enumerate(reqs):
        req.cells["tanggal_diterima"] = DATE_WRITINGS[i](req.diterima)
        if isinstance(req.pemberitahuan, dt.date) and i % 2:
            req.cells["tanggal_pemberitahuan"] = DATE_WRITINGS[(i + 5) % len(DATE_WRITINGS)](
                req.pemberitahuan
            )
    wb = b.wb(code)
    standard(wb, reqs)
    berkala = wb["Informasi Berkala"]
    berkala.cell(row=3, column=5, value="17 Mrt 2025")
    berkala.cell(row=4, column=5, value="3 Peb 2025")
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "06-tanggal-teks",
            "tanggal sebagai teks: nama bulan, Mrt/Peb/Agt/Nop, tahun 2 "
            "angka, nama hari, jam, nomor seri",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("tanggal diterima",),),
            berkala_dates={3: dt.date(2025, 3, 17), 4: dt.date(2025, 2, 3)},
        )
    )


def k07_day_month_swap(b: Builder) -> None:
    """Typed dd/mm/yyyy into Excel set to English (US): day <= 12 became m/d dates."""
    code = "DISDUKCAPIL"
    low = b.take(code, 5, where=lambda r: r.diterima.day <= 12)
    high = b.take(code, 5, where=lambda r: r.diterima.day > 12)
    reqs = [r for pair in zip(low, high, strict=True) for r in pair]
    for n, req in enumerate(reqs, start=1):
        req.cells["no_registrasi"] = f"{code}/2025-S2/{n:03d}"
    stage = b.root / "stage" / "en-us"
    stage.mkdir(parents=True, exist_ok=True)
    lines = ["diterima,pemberitahuan"] + [
        f"{r.diterima:%d/%m/%Y},"
        + (f"{r.pemberitahuan:%d/%m/%Y}" if isinstance(r.pemberitahuan, dt.date) else "")
        for r in reqs
    ]
    (stage / "tanggal.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    soffice(
        "xlsx",
        stage,
        [stage / "tanggal.csv"],
        profile=b.root / "lo-profile",
        infilter="CSV:44,34,76,1,,1033",
    )
    typed = list(
        load_workbook(stage / "tanggal.xlsx").active.iter_rows(min_row=2, values_only=True)
    )
    for req, (received, notice) in zip(reqs, typed, strict=True):
        req.cells["tanggal_diterima"] = received
        req.cells["tanggal_pemberitahuan"] = notice
    assert any(isinstance(r.cells["tanggal_diterima"], dt.datetime) for r in reqs)
    assert any(isinstance(r.cells["tanggal_diterima"], str) for r in reqs)
    wb = b.wb(code)
    standard(wb, reqs)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "07-tukar-hari-bulan",
            "Excel berbahasa Inggris: dd/mm dengan hari <= 12 "
            "tersimpan sebagai bulan/hari, hari > 12 tetap teks",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("tanggal diterima", "bulan"),),
        )
    )


FEES_08 = (
    ("Rp 50.000", 50000.0),
    ("Rp. 5.000,-", 5000.0),
    ("50rb", 50000.0),
    ("5.000,00", 5000.0),
    ("Rp2.500", 2500.0),
    ("Rp 0", 0.0),
    ("2,500", UNKNOWN),  # ambiguous: a warning, not a guess
)


def k08_fee_text(b: Builder) -> None:
    code = "DISKOMINFO"
    reqs = b.take(code, 8, where=lambda r: r.keputusan != "ditolak")
    for req, (text, value) in zip(reqs, FEES_08, strict=False):
        fee(req, text, value)
    wb = b.wb(code)
    standard(wb, reqs)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "08-biaya-teks",
            "biaya 'Rp 50.000', 'Rp. 5.000,-', '50rb', '5.000,00'",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("biaya",),),
        )
    )


def k09_merged_cells(b: Builder) -> None:
    code = "KEC-SUKAMAJU"
    granted = b.take(code, 4, where=lambda r: r.keputusan == "dipenuhi_seluruhnya")
    rest = b.take(code, 4, where=lambda r: r.keputusan != "dipenuhi_seluruhnya")
    reqs = granted + rest
    for n, req in enumerate(reqs, start=1):
        req.cells["no_registrasi"] = f"{code}/2025-S2/{n:03d}"
    for req in reqs[4:7]:
        req.cells["saluran"] = label("saluran", "langsung")
    wb = b.wb(code)
    standard(wb, reqs)
    ws = wb["Permohonan"]
    for key, first, last in (("keputusan", 3, 6), ("saluran", 7, 9)):
        col = KEYS.index(key) + 1
        for row in range(first + 1, last + 1):
            ws.cell(row=row, column=col).value = None
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "09-sel-data-digabung",
            "'Keputusan' digabung (merge) di atas 4 baris, 'Cara Permohonan' di atas 3 baris",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("keputusan",),),
        )
    )


def k10_totals_signature(b: Builder) -> None:
    code = "DISPERINDAG"
    reqs = b.take(code, 7)
    wb = b.wb(code)
    standard(wb, reqs)
    ws = wb["Permohonan"]
    row = reqs[-1].baris + 2
    ws.cell(row=row, column=1, value="JUMLAH")
    ws.cell(row=row, column=5, value=f"{len(reqs)} permohonan")
    ws.cell(row=row, column=KEYS.index("biaya") + 1, value=sum(r.biaya or 0 for r in reqs))
    block = (
        (None, "Kota Contoh, 8 Januari 2026"),
        ("Mengetahui,", "PPID Pembantu"),
        ("Kepala Dinas Perindustrian dan Perdagangan", "Dinas Perindustrian dan Perdagangan"),
        (None, None),
        (None, None),
        ("Ir. Bambang Wicaksono, M.T.", "Sri Lestari, S.Sos."),
        ("NIP. 19700101 199503 1 002", "NIP. 19820512 200901 2 004"),
    )
    for i, (left, right) in enumerate(block, start=row + 2):
        ws.cell(row=i, column=2, value=left)
        ws.cell(row=i, column=10, value=right)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "10-jumlah-tanda-tangan",
            "baris JUMLAH dan blok tanda tangan di bawah data",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("jumlah|total",),),
        )
    )


def k11_formulas(b: Builder) -> None:
    code = "DISPERKIM"
    reqs = b.take(
        code, 7, where=lambda r: isinstance(r.pemberitahuan, dt.date) and r.keputusan != "ditolak"
    )
    wb = b.wb(code)
    standard(wb, reqs)
    ws = wb["Permohonan"]
    received = KEYS.index("tanggal_diterima") + 1
    for req in reqs[:2]:
        ws.cell(row=req.baris, column=KEYS.index("biaya") + 1, value="=2*2500")
        req.biaya = UNKNOWN
    for req in reqs[2:4]:
        letter = ws.cell(row=req.baris, column=received).column_letter
        ws.cell(
            row=req.baris,
            column=KEYS.index("tanggal_pemberitahuan") + 1,
            value=f"={letter}{req.baris}+4",
        ).number_format = DATE_FORMAT
        req.pemberitahuan = UNKNOWN
    b.final(wb, f"{code}_2025-S2.xlsx")  # written by a program: formulas never calculated
    b.add(
        Truth(
            "11-rumus-tanpa-nilai",
            "rumus tanpa nilai tersimpan di 'Biaya' dan 'Tanggal Pemberitahuan'",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("rumus", "biaya"), ("rumus", "pemberitahuan")),
        )
    )


def k12_contoh(b: Builder) -> None:
    code = "DISPORAPAR"
    reqs = b.take(code, 6)
    wb = b.wb(code)
    standard(wb, reqs)  # the template's exact example row stays on row 2
    berkala = wb["Informasi Berkala"]
    row = 3 + len(schema.BERKALA_ITEMS)
    for col, value in enumerate(
        (
            "Contoh formulir permohonan informasi dan keberatan",
            schema.DASAR_BERKALA["pasal_9_d"],
            "Ya",
            "https://disporapar.kotacontoh.go.id/formulir",
            dt.date(2025, 9, 1),
        ),
        start=1,
    ):
        put(berkala, row, col, value)
    kendala = wb["Kendala dan Rekomendasi"]
    kendala.cell(
        row=4,
        column=2,
        value="Contohnya, pemohon datang tanpa surat permohonan "
        "tertulis sehingga register tidak lengkap.",
    )
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "12-baris-contoh",
            "baris contoh templat yang persis, dan baris nyata yang diawali 'Contoh…'",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            berkala_rows=len(schema.BERKALA_ITEMS) + 1,
            kendala_rows=2,
        )
    )


def k13_hidden_rows(b: Builder) -> None:
    code = "DKP3"
    reqs = b.take(code, 8)
    wb = b.wb(code)
    standard(wb, reqs)
    ws = wb["Permohonan"]
    for req in (reqs[2], reqs[4], reqs[5]):
        ws.row_dimensions[req.baris].hidden = True
    ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(KEYS)).column_letter}{reqs[-1].baris}"
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "13-baris-tersembunyi",
            "3 baris data disembunyikan/tersaring",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("sembunyi|saring|filter",),),
        )
    )


def k14_colleague(b: Builder) -> None:
    genuine = "DISHUB"
    other = "DLH"
    shutil.copy(SAMPLES / f"{genuine}_2025-S2.xlsx", b.out / f"{genuine}_2025-S2.xlsx")
    b.add(
        Truth(
            "14-berkas-rekan:asli",
            "laporan asli DISHUB",
            f"{genuine}_2025-S2.xlsx",
            genuine,
            sample_requests(SAMPLES / f"{genuine}_2025-S2.xlsx"),
        )
    )
    reqs = b.take(other, 6)
    wb = b.wb(genuine, nama=b.names[other])  # the colleague's code left in the file
    standard(wb, reqs)
    b.resave(wb, f"{other}_2025-S2.xlsx")
    b.add(
        Truth(
            "14-berkas-rekan",
            "berkas DISHUB dipakai ulang: kode DISHUB, nama dan nama berkas DLH",
            f"{other}_2025-S2.xlsx",
            other,
            reqs,
            used=False,
            notes=(("dishub", "dlh|lingkungan hidup"),),
        )
    )


def k15_stale_identitas(b: Builder) -> None:
    code = "DP3AKB"
    reqs = b.take(code, 8)
    wb = b.wb(code, semester="I", tanggal=dt.date(2025, 7, 4))
    standard(wb, reqs)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "15-identitas-basi",
            "Identitas semester lalu (2025 I, 4 Juli 2025), tanggal permohonan semester ini",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("semester|periode",),),
        )
    )


def k16_two_files(b: Builder) -> list[tuple[str, int]]:
    """Two pairs: later report date wins; same date, later file wins; never the bigger."""
    code = "DPMPTSP"
    older = b.take(code, 8)
    newer = b.take(code, 6)
    wb = b.wb(code, tanggal=dt.date(2026, 1, 5))
    standard(wb, older)
    b.resave(wb, f"{code}_2025-S2_awal.xlsx")
    wb = b.wb(code, tanggal=dt.date(2026, 1, 12))
    standard(wb, newer)
    b.resave(wb, f"{code}_2025-S2_revisi.xlsx")
    b.add(
        Truth(
            "16-dua-berkas:tanggal",
            "berkas lama (8 baris, 5 Jan)",
            f"{code}_2025-S2_awal.xlsx",
            code,
            older,
            used=False,
        )
    )
    b.add(
        Truth(
            "16-dua-berkas:tanggal",
            "berkas baru (6 baris, 12 Jan)",
            f"{code}_2025-S2_revisi.xlsx",
            code,
            newer,
        )
    )
    code = "DPUPR"
    rows = b.take(code, 9)
    wb = b.wb(code)
    standard(wb, rows)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "16-dua-berkas:waktu-simpan",
            "berkas lama (9 baris, disimpan lebih dulu)",
            f"{code}_2025-S2.xlsx",
            code,
            rows,
            used=False,
        )
    )
    fewer = [
        Request(dict(r.cells), r.diterima, r.pemberitahuan, r.keputusan, r.biaya) for r in rows[:5]
    ]
    wb = b.wb(code)
    standard(wb, fewer)
    b.resave(wb, f"{code}_2025-S2 (1).xlsx")
    b.add(
        Truth(
            "16-dua-berkas:waktu-simpan",
            "berkas baru (5 baris, tanggal laporan sama, disimpan kemudian)",
            f"{code}_2025-S2 (1).xlsx",
            code,
            fewer,
        )
    )
    # (file, seconds after the reference time): awal is the newer file on disk on purpose
    return [
        ("DPMPTSP_2025-S2_revisi.xlsx", 0),
        ("DPMPTSP_2025-S2_awal.xlsx", 600),
        ("DPUPR_2025-S2.xlsx", 0),
        ("DPUPR_2025-S2 (1).xlsx", 600),
    ]


def k17_unusable(b: Builder) -> None:
    data = (SAMPLES / "BPBD_2025-S2.xlsx").read_bytes()
    (b.out / "BPBD_2025-S2.xlsx").write_bytes(data[: len(data) * 6 // 10])
    b.add(
        Truth(
            "17-tidak-dapat-dipakai:rusak",
            "berkas xlsx terpotong (rusak)",
            "BPBD_2025-S2.xlsx",
            "BPBD",
            usable=False,
        )
    )
    wb = load_workbook(SAMPLES / "KESBANGPOL_2025-S2.xlsx")
    wb.remove(wb["Permohonan"])
    wb.save(b.out / "KESBANGPOL_2025-S2.xlsx")
    b.add(
        Truth(
            "17-tidak-dapat-dipakai:tanpa-permohonan",
            "lembar Permohonan tidak ada",
            "KESBANGPOL_2025-S2.xlsx",
            "KESBANGPOL",
            usable=False,
        )
    )


def k18_personal_data(b: Builder) -> None:
    code = "RSUD"
    reqs = b.take(code, 7)
    reqs[0].cells["no_registrasi"] = NIK_REG
    reqs[1].cells["keterangan"] = f"a.n. Budi Santoso, HP {PHONE_1}"
    reqs[2].cells["informasi_diminta"] = f"Salinan hasil laboratorium, mohon dikirim ke {EMAIL}"
    reqs[3].cells["keterangan"] = f"Bapak Slamet Riyadi, WA {PHONE_2}, NIK {NIK_TEXT}"
    wb = b.wb(code)
    standard(wb, reqs)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    words = "pribadi|nik|telepon|email|surel|nama"
    b.add(
        Truth(
            "18-data-pribadi",
            "NIK, nomor HP, email, 'a.n. Budi Santoso' di sel; nomor registrasi berupa NIK",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(
                ("nomor registrasi", words),
                ("keterangan", words),
                ("informasi yang diminta", words),
            ),
            personal=PERSONAL,
        )
    )


def k19_csv(b: Builder) -> None:
    code = "SATPOLPP"
    reqs = b.take(code, 8)
    reqs[1].cells["informasi_diminta"] = "Data penertiban PKL 2024–2025 (kafe dan café)"
    wb = b.wb(code)
    standard(wb, reqs)
    wb.save(b.stages["csv"] / f"{code}.xlsx")
    b.renames[f"{code}-Permohonan.csv"] = f"{code}_2025-S2.csv"
    b.add(
        Truth(
            "19-csv-windows-1252",
            "satu lembar Permohonan sebagai CSV ';' Windows-1252 (disimpan LibreOffice)",
            f"{code}_2025-S2.csv",
            code,
            reqs,
        )
    )


def k20_libreoffice_formats(b: Builder) -> None:
    for code, stage in (("DINSOS", "ods"), ("DISNAKER", "xls")):
        name = f"{code}_2025-S2.xlsx"
        shutil.copy(SAMPLES / name, b.stages[stage] / name)
        b.add(
            Truth(
                f"20-libreoffice-{stage}",
                f"laporan bersih disimpan LibreOffice sebagai .{stage}",
                f"{code}_2025-S2.{stage}",
                code,
                sample_requests(SAMPLES / name),
            )
        )


def k21_numbered_rows(b: Builder) -> None:
    """A "No." column added in front, the sheet numbered 1–80 in advance, data in a few."""
    code = "KEC-BATUANYAR"
    reqs = b.take(code, 9)
    wb = b.wb(code)
    ws = fresh_permohonan(wb)
    for col, title in enumerate(["No.", *TITLES], start=1):
        ws.cell(row=1, column=col, value=title)
    for number in range(1, 81):
        ws.cell(row=1 + number, column=1, value=number)
    for i, req in enumerate(reqs):
        req.baris = 2 + i
        for col, key in enumerate(KEYS, start=2):
            put(ws, req.baris, col, req.cells.get(key))
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "21-nomor-urut",
            "kolom No. ditambahkan dan diberi nomor 1–80 sebelum diisi",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("nomor urut", "71"),),
        )
    )


def k22_header_pasted_again(b: Builder) -> None:
    """Two months' tables pasted one under the other, each with its header."""
    code = "DISARPUS"
    reqs = b.take(code, 12)
    wb = b.wb(code)
    ws = fresh_permohonan(wb)
    row = 1
    for block in (reqs[:5], reqs[5:]):
        for col, title in enumerate(TITLES, start=1):
            ws.cell(row=row, column=col, value=title)
        write_rows(ws, row + 1, KEYS, block)
        row += len(block) + 2  # one empty row between the tables
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "22-judul-diulang",
            "dua tabel ditempel berurutan, masing-masing dengan judul kolomnya",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("judul kolom yang diulang", "baris 8"),),
        )
    )


def k23_renamed_formats(b: Builder) -> None:
    """Saved as Excel 97-2003, then renamed to .xlsx; and an .xlsx renamed to .xls."""
    code = "SETWAN"
    reqs = b.take(code, 7)
    wb = b.wb(code)
    standard(wb, reqs)
    wb.save(b.stages["xls"] / f"{code}.xlsx")
    b.renames[f"{code}.xls"] = f"{code}_2025-S2.xlsx"
    b.add(
        Truth(
            "23-format-salah-nama:xls-jadi-xlsx",
            "disimpan sebagai Excel 97-2003 lalu diganti nama menjadi .xlsx",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("excel 97", "dibaca sesuai isinya"),),
        )
    )
    code = "BAPPEDA"
    reqs = b.take(code, 6)
    wb = b.wb(code)
    standard(wb, reqs)
    b.final(wb, f"{code}_2025-S2.xls")
    b.add(
        Truth(
            "23-format-salah-nama:xlsx-jadi-xls",
            "berkas .xlsx yang diganti nama menjadi .xls",
            f"{code}_2025-S2.xls",
            code,
            reqs,
            notes=(("excel (.xlsx)", "dibaca sesuai isinya"),),
        )
    )


def k24_web_export(b: Builder) -> None:
    """A web application's "export to Excel": an HTML table saved as .xls."""
    code = "INSPEKTORAT"
    reqs = b.take(code, 6)

    def text(value: object) -> str:
        if isinstance(value, dt.date):
            return f"{value:%d/%m/%Y}"
        return "" if value is None else html.escape(str(value))

    header = "".join(f"<th>{html.escape(t)}</th>" for t in TITLES)
    body = []
    for i, req in enumerate(reqs):
        req.baris = 2 + i
        body.append("<tr>" + "".join(f"<td>{text(req.cells.get(k))}</td>" for k in KEYS) + "</tr>")
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f"</head><body><table border=1><tr>{header}</tr>{''.join(body)}</table></body></html>"
    )
    (b.out / f"{code}_2025-S2.xls").write_text(page, encoding="utf-8")
    b.add(
        Truth(
            "24-ekspor-web-html",
            "tabel HTML hasil 'ekspor ke Excel' aplikasi web, bernama .xls",
            f"{code}_2025-S2.xls",
            code,
            reqs,
            notes=(("halaman web", "dibaca sesuai isinya"),),
        )
    )


def k25_identitas_as_a_form(b: Builder) -> None:
    """Identitas typed as a paper form: "Label | : | value", the semester spelled out."""
    code = "KEC-MEKARSARI"
    reqs = b.take(code, 5)
    wb = b.wb(code)
    standard(wb, reqs)
    ws = wb["Identitas"]
    for row in range(2, 2 + len(schema.IDENTITAS.columns)):
        value = ws.cell(row=row, column=2).value
        if ws.cell(row=row, column=1).value == "Semester":
            value = "II (Juli - Desember)"
        if ws.cell(row=row, column=1).value == "Tanggal Laporan":
            value = "Kamis, 8 Januari 2026"
        ws.cell(row=row, column=2, value=":")
        ws.cell(row=row, column=3, value=value)
    b.resave(wb, f"{code}_2025-S2.xlsx")
    b.add(
        Truth(
            "25-identitas-formulir",
            "Identitas diketik seperti formulir (Isian | : | nilai), semester dengan bulannya",
            f"{code}_2025-S2.xlsx",
            code,
            reqs,
            notes=(("semester", "ii (juli - desember)"),),
        )
    )


KINDS = (
    k01_letterhead,
    k02_merged_header,
    k03_abbreviated,
    k04_extra_columns,
    k05_placeholders,
    k06_text_dates,
    k07_day_month_swap,
    k08_fee_text,
    k09_merged_cells,
    k10_totals_signature,
    k11_formulas,
    k12_contoh,
    k13_hidden_rows,
    k14_colleague,
    k15_stale_identitas,
    k17_unusable,
    k18_personal_data,
    k19_csv,
    k20_libreoffice_formats,
    k21_numbered_rows,
    k22_header_pasted_again,
    k23_renamed_formats,
    k24_web_export,
    k25_identitas_as_a_form,
)


def build_corpus(root: Path) -> tuple[Path, list[Truth]]:
    """Write the corpus under ``root``; returns the folder of report files and the truths."""
    b = Builder(Path(root))
    for kind in KINDS:
        kind(b)
    mtimes = k16_two_files(b)
    b.convert()
    reference = dt.datetime(2026, 1, 12, 9, 0).timestamp()
    for name, later in mtimes:
        os.utime(b.out / name, (reference + later, reference + later))
    found = sorted(p.name for p in b.out.iterdir())
    expected = sorted(t.file for t in b.truths)
    if found != expected:
        raise RuntimeError(f"corpus files {found} differ from the truth table {expected}")
    return b.out, b.truths
