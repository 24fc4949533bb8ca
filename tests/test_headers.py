"""Header rows found and read leniently, and every mapping reported."""

import numpy as np

from kip_training.reports import schema
from kip_training.reports.headers import match_headers, sheet_for_cells
from kip_training.reports.read import read_csv

TITLES = [c.title for c in schema.PERMOHONAN.columns]


def _cells(*rows):
    width = max(len(r) for r in rows)
    return np.array([list(r) + [None] * (width - len(r)) for r in rows], dtype=object)


def test_abbreviations_and_spacing_map_to_the_columns():
    header = [
        "No. Reg",
        "Tgl. Terima",
        "Cara  Permohonan",
        "KATEGORI\nPEMOHON",
        "Rincian Informasi yang Dibutuhkan",
        "Keputusan",
    ]
    match = match_headers(_cells(["KOP SURAT"], [], header), schema.PERMOHONAN)
    assert match.first_row == 2
    assert match.mapped == {
        "no_registrasi": 0,
        "tanggal_diterima": 1,
        "saluran": 2,
        "kategori_pemohon": 3,
        "informasi_diminta": 4,
        "keputusan": 5,
    }


def test_own_title_beats_a_synonym_whatever_the_order():
    match = match_headers(_cells(["Status", *TITLES]), schema.PERMOHONAN)
    assert match.mapped["keputusan"] == 1 + TITLES.index("Keputusan")
    assert match.duplicate == {0: "keputusan"}


def test_a_close_call_is_reported_not_guessed_and_missing_columns_name_the_closest():
    header = [
        "Nomor Registrasi",
        "Tanggal",
        "Tgl",
        "Cara Permohonan",
        "Kategori Pemohon",
        "Informasi yang Diminta",
        "Keputusan",
        "Tanggal Diterima Pemberitahuan",
    ]
    match = match_headers(_cells(header), schema.PERMOHONAN)
    assert "tanggal_diterima" not in match.mapped
    assert set(match.ambiguous[7]) == {"tanggal_diterima", "tanggal_pemberitahuan"}
    assert match.closest("tanggal_diterima") == ["Tanggal Diterima Pemberitahuan", "Tanggal", "Tgl"]


def test_a_csv_of_one_sheet_is_named_by_its_header(tmp_path):
    path = tmp_path / "laporan_kiriman.csv"
    path.write_text(
        "No Keberatan;Nomor Registrasi Permohonan;Tanggal Diterima;Alasan\nK1;001;03/02/2025;e\n",
        encoding="utf-8",
    )
    assert list(read_csv(path)) == ["Keberatan"]
    assert sheet_for_cells(_cells(["Jenis Informasi", "Diumumkan", "Tautan"])).key == "berkala"
