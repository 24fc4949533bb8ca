import json

from fixtures.reports.build import request, write
from openpyxl import load_workbook

from kip_training.cli import main


def run(capsys, *args):
    code = main(["check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_clean_report_exits_0_and_prints_its_counts(tmp_path, capsys):
    code, out, _ = run(capsys, str(write(tmp_path, identitas={"kode_opd": "DINKES"})))
    assert code == 0
    assert "DINKES" in out and "Semester I 2025" in out
    assert "dibaca 1, diterima 1, ditolak 0" in out


def test_errors_exit_1_and_are_printed_with_their_location(tmp_path, capsys):
    path = write(tmp_path, permohonan=[request(tanggal_diterima="besok")], keberatan=[])
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert "[GALAT] lembar Permohonan, baris 2, kolom Tanggal Diterima: nilai 'besok'" in out


def test_warnings_alone_exit_0(tmp_path, capsys):
    path = write(tmp_path, permohonan=[request(biaya="Rp 5.000")], keberatan=[])
    code, out, _ = run(capsys, str(path))
    assert code == 0 and "[PERINGATAN]" in out


def test_a_path_that_does_not_exist_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, str(tmp_path / "tidak-ada"))
    assert code == 2 and "tidak ditemukan" in err


def test_an_unreadable_file_exits_1_and_is_named(tmp_path, capsys):
    write(tmp_path)
    (tmp_path / "rusak.xlsx").write_bytes(b"bukan lembar kerja")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 1 and "rusak.xlsx" in out


def test_json_to_stdout_carries_counts_issues_and_missing_opds(tmp_path, capsys):
    path = write(tmp_path, permohonan=[request("1"), request("1")], keberatan=[])
    code, out, _ = run(capsys, str(path), "--json", "-")
    assert code == 1
    data = json.loads(out)
    [file] = data["files"]
    sheet = file["sheets"]["permohonan"]
    assert (sheet["rows_read"], sheet["rows_accepted"], sheet["rows_rejected"]) == (2, 1, 1)
    [issue] = [i for i in data["issues"] if i["severity"] == "galat"]
    assert {k: issue[k] for k in ("file", "sheet", "row", "column", "value")} == {
        "file": str(path),
        "sheet": "Permohonan",
        "row": 3,
        "column": "Nomor Registrasi",
        "value": "1",
    }
    missing = {m["kode"] for m in data["totals"]["missing_opd"]}
    assert "DINKES" not in missing and "DISDIK" in missing
    assert (
        data["totals"]["rows_read"]
        == data["totals"]["rows_accepted"] + data["totals"]["rows_rejected"]
    )


def test_json_to_a_file_keeps_the_text_report_on_screen(tmp_path, capsys):
    target = tmp_path / "hasil.json"
    code, out, _ = run(capsys, str(write(tmp_path)), "--json", str(target))
    assert code == 0 and "Ringkasan" in out
    assert json.loads(target.read_text())["period"] == "2025-S1"


def test_feedback_writes_one_protected_workbook_per_opd(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "DINKES_identitas.csv").write_text(
        "isian,nilai\nKode OPD,DINKES\nTahun,2025\nSemester,I\nTanggal Laporan,2025-07-07\n"
    )
    payload = '"=HYPERLINK(""http://x"",""klik"")"'
    (folder / "DINKES_permohonan.csv").write_text(
        "Nomor Registrasi,Tanggal Diterima,Cara Permohonan,Kategori Pemohon,"
        "Informasi yang Diminta,Keputusan\n"
        f"{payload},2025-02-03,surat,perorangan,APBD,dalam proses\n"
        f"{payload},2025-02-03,surat,perorangan,APBD,dalam proses\n"
    )
    code, _, _ = run(capsys, str(folder), "--feedback", str(tmp_path / "balikan"))
    assert code == 1
    [book] = (tmp_path / "balikan").glob("*.xlsx")
    assert book.name.startswith("DINKES_2025-S1")
    ws = load_workbook(book)["Masalah"]
    values = [c.value for row in ws.iter_rows(min_row=2) for c in row if c.value]
    assert '\'=HYPERLINK("http://x","klik")' in values
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            assert not (isinstance(cell.value, str) and cell.value.startswith("="))


def test_a_late_notice_shows_its_date_as_the_user_wrote_it(tmp_path, capsys):
    import datetime as dt

    late = request(tanggal_pemberitahuan=dt.date(2025, 1, 31))  # 19 working days after 6 Jan
    code, out, _ = run(capsys, str(write(tmp_path, permohonan=[late], keberatan=[])))
    assert "[TEMUAN] lembar Permohonan, baris 2, kolom Tanggal Pemberitahuan Tertulis" in out
    assert "nilai '2025-01-31'" in out


def test_json_lists_one_issue_per_line(tmp_path, capsys):
    path = write(tmp_path, permohonan=[request(tanggal_diterima="besok")], keberatan=[])
    _, out, _ = run(capsys, str(path), "--json", "-")
    data = json.loads(out)
    issue_lines = [line for line in out.splitlines() if line.startswith('{"severity"')]
    assert len(issue_lines) == len(data["issues"]) >= 1
    assert json.loads(issue_lines[0].rstrip(",")) == data["issues"][0]


def test_an_unreadable_file_is_sent_but_unusable_in_the_json_and_text(tmp_path, capsys):
    write(tmp_path, "DINKES_2025-S1.xlsx")
    (tmp_path / "DISDIK_2025-S1.xlsx").write_bytes(b"bukan xlsx")
    code, out, _ = run(capsys, str(tmp_path), "--json", "-")
    data = json.loads(out)
    status = {o["kode"]: o["status"] for o in data["totals"]["opd"]}
    assert status["DISDIK"] == "tidak_dapat_dipakai" and status["DINKES"] == "tepat_waktu"
    assert [o["kode"] for o in data["totals"]["unusable_opd"]] == ["DISDIK"]
    assert "DISDIK" not in [o["kode"] for o in data["totals"]["missing_opd"]]
    _, text, _ = run(capsys, str(tmp_path))
    assert "tidak dapat dipakai (1): DISDIK" in text


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path, capsys, monkeypatch):
    import os

    monkeypatch.setenv("KIP_CACHE", str(tmp_path / "simpanan"))  # the cache key hashes it
    source = write(tmp_path / "asal", identitas={"kode_opd": "DINKES"})
    folder = tmp_path / "laporan"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"DINKES_laporan_\xe9dit.xlsx")  # Latin-1 bytes
    os.rename(source, os.fsdecode(odd))
    out_json = tmp_path / "hasil.json"
    code, out, _ = run(capsys, str(folder), "--json", str(out_json))
    assert code == 0
    assert "DINKES_laporan_\\xe9dit.xlsx" in out
    [entry] = json.loads(out_json.read_text(encoding="utf-8"))["files"]
    assert entry["file"].endswith("DINKES_laporan_\\xe9dit.xlsx")
    assert entry["rows_accepted"] == entry["rows_read"] > 0
