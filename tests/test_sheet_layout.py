"""The sheet as the user sees it: letterhead, two-row header, merged cells, formulas
without a value, hidden rows, totals and a signature block, in files built with openpyxl
and re-saved through LibreOffice."""

import datetime as dt
import subprocess

import openpyxl
import pytest
from fixtures.reports.build import write

from kip_training.reports import load_file
from kip_training.reports.layout import xlsx_layouts

ROSTER = {"DINKES": "Dinas Kesehatan"}
D = dt.datetime


def _row(no, received, notice, info="Rencana kerja 2025"):
    return [no, received, notice, "Email", "Perorangan", info, "Dipenuhi seluruhnya", "selesai", 0]


def _messy(tmp_path, name="messy.xlsx"):
    """A Permohonan sheet as an OPD lays it out, below a 5-row letterhead."""
    path = write(tmp_path, name)
    workbook = openpyxl.load_workbook(path)
    index = workbook.sheetnames.index("Permohonan")
    del workbook["Permohonan"]
    ws = workbook.create_sheet("Permohonan", index)
    ws["A1"] = "PEMERINTAH KABUPATEN SERANG"
    ws.merge_cells("A1:I1")
    ws["A2"] = "DINAS KESEHATAN"
    ws["A3"] = "LAPORAN PERMOHONAN INFORMASI PUBLIK"
    ws["A5"] = "Semester I Tahun 2025"
    ws["A6"], ws["B6"] = "No. Reg.", "Tanggal"
    ws.merge_cells("A6:A7")
    ws.merge_cells("B6:C6")
    ws["B7"], ws["C7"] = "Diterima", "Pemberitahuan"
    for col, title in zip(
        "DEFGHI",
        [
            "Cara Permohonan",
            "Kategori Pemohon",
            "Rincian Informasi\nyang Dibutuhkan",
            "Keputusan",
            "Status",
            "Biaya (Rp)",
        ],
        strict=True,
    ):
        ws[f"{col}6"] = title
        ws.merge_cells(f"{col}6:{col}7")
    ws.append(_row("001", D(2025, 1, 6), D(2025, 1, 10)))  # row 8
    ws.append(_row("002", D(2025, 1, 7), D(2025, 1, 13)))  # row 9
    ws.append(_row("003", None, D(2025, 1, 13)))  # row 10: date merged from row 9
    ws.merge_cells("B9:B10")
    ws.append(_row("004", "=B8+2", D(2025, 1, 14)))  # row 11: formula, no stored value
    ws.append(_row("Contoh-12", D(2025, 1, 8), D(2025, 1, 14), "Contoh surat edaran"))
    ws.row_dimensions[12].hidden = True
    ws.append(["JUMLAH", None, None, None, None, None, 5])  # row 13
    ws.merge_cells("A13:F13")
    ws["B15"], ws["G15"] = "Mengetahui,", "Serang, 5 Juli 2025"
    ws["B16"], ws["G16"] = "Kepala Dinas Kesehatan", "PPID Pembantu"
    ws["B19"], ws["G19"] = "dr. Ahmad Sutisna", "Siti Aminah, S.Sos"
    ws["B20"], ws["G20"] = "NIP. 19700101 199503 1 001", "NIP. 19800202 200501 2 002"
    workbook.save(path)
    return path


def _messages(result, sheet="Permohonan"):
    return [i.message for i in result.issues if i.sheet == sheet]


def test_sheet_xml_gives_merges_formulas_and_hidden_rows(tmp_path):
    layout = xlsx_layouts(_messy(tmp_path))["Permohonan"]
    assert (8, 1, 9, 1) in layout.merges  # B9:B10
    assert layout.formulas == {(10, 1): "=B8+2"}
    assert layout.hidden_rows == [11]


def test_openpyxl_file_reads_as_the_user_sees_it(tmp_path):
    result = load_file(_messy(tmp_path), roster=ROSTER)
    count = result.sheets["permohonan"]
    # 5 data rows; the total row and the signature block are not data
    assert (count.rows_read, count.rows_accepted, count.rows_rejected) == (5, 4, 1)
    frame = result.frames["permohonan"]
    assert list(frame["no_registrasi"]) == ["001", "002", "003", "Contoh-12"]
    assert frame.set_index("no_registrasi")["tanggal_diterima"]["003"] == dt.datetime(2025, 1, 7)
    assert list(frame["informasi_diminta"])[-1] == "Contoh surat edaran"
    messages = _messages(result)
    assert any("'No. Reg.' (kolom A) dibaca sebagai 'Nomor Registrasi'" in m for m in messages)
    assert any(
        "'Tanggal Diterima' (judul dua baris) (kolom B) dibaca sebagai 'Tanggal Diterima'" in m
        for m in messages
    )
    assert any(
        "'Rincian Informasi yang Dibutuhkan'" in m and "'Informasi yang Diminta'" in m
        for m in messages
    )
    assert any("'Status' (kolom H) bermakna sama dengan kolom 'Keputusan'" in m for m in messages)
    formula = [i for i in result.issues if "rumus belum dihitung" in i.message]
    assert [(i.severity, i.row, i.column) for i in formula] == [("galat", 11, "Tanggal Diterima")]
    assert any("sel gabungan di baris data (kolom" in m and "B9:B10)" in m for m in messages)
    assert any("1 baris tersembunyi" in m and "baris 12" in m for m in messages)
    skipped = [m for m in messages if "bukan data" in m]
    assert skipped == [
        "5 baris bukan data dan dilewati, tidak dihitung: baris jumlah/total (baris 13) dan "
        "blok tanda tangan (baris 15, 16, 19, 20). Jumlah dihitung sendiri oleh PPID Utama; "
        "baris ini boleh tetap ada."
    ]
    assert not any("wajib diisi" in m for m in messages)


def test_only_the_templates_own_example_row_is_skipped(tmp_path):
    from kip_training.reports.template import EXAMPLES

    example = EXAMPLES["permohonan"]
    path = write(
        tmp_path,
        permohonan=[
            dict(example, keterangan=None),
            {**example, "no_registrasi": "Contoh-002", "keterangan": None},
        ],
    )
    result = load_file(path, roster=ROSTER)
    assert list(result.frames["permohonan"]["no_registrasi"]) == ["Contoh-002"]
    assert result.sheets["permohonan"].rows_read == 1


@pytest.mark.parametrize("suffix", ["ods", "xlsx"])
def test_file_saved_by_libreoffice_reads_the_same(tmp_path, suffix):
    (tmp_path / "src").mkdir()
    source = _messy(tmp_path / "src")
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", suffix, "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    result = load_file(out / f"messy.{suffix}", roster=ROSTER)
    count = result.sheets["permohonan"]
    assert count.rows_read == 5
    assert count.rows_read == count.rows_accepted + count.rows_rejected
    frame = result.frames["permohonan"]
    assert frame.set_index("no_registrasi")["tanggal_diterima"]["003"] == dt.datetime(2025, 1, 7)
    assert "Contoh-12" in set(frame["no_registrasi"])
    messages = _messages(result)
    assert any("baris bukan data" in m for m in messages)
    assert any("sel gabungan di baris data (kolom" in m and "B9:B10)" in m for m in messages)
    assert any("1 baris tersembunyi" in m for m in messages)
