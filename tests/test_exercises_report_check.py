"""The report-check widget: upload or path, problems as a table, missing OPDs in folder mode."""

import datetime as dt

import pandas as pd
from fixtures.reports.build import request, write

from kip_training.exercises import report_check
from kip_training.exercises.report_check import ReportCheck, issues_table, missing_text

ROSTER = pd.DataFrame(
    {
        "kode": ["DINKES", "DISDIK"],
        "nama": ["Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan"],
        "singkatan": ["Dinkes", "Disdik"],
        "kelompok": ["dinas", "dinas"],
    }
)


def use_roster(monkeypatch):
    original = report_check.load_reports

    def load(paths, **kwargs):
        return original(paths, roster=ROSTER, **kwargs)

    monkeypatch.setattr(report_check, "load_reports", load)


def broken_report(folder):
    late_notice = request("002", tanggal_pemberitahuan=dt.date(2024, 12, 30))
    return write(folder, "laporan_dinkes.xlsx", permohonan=[request(), late_notice])


def choose(widget: ReportCheck, data: bytes, name: str = "laporan_dinkes.xlsx") -> None:
    """Pick a file in the widget's upload button, as the browser hands it over."""
    widget.upload.value = [
        {
            "name": name,
            "type": "",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        }
    ]


def test_issue_table_lists_errors_first_with_row_column_and_fix(tmp_path, monkeypatch):
    use_roster(monkeypatch)
    reports = report_check.check([broken_report(tmp_path)])
    table = issues_table(reports.issues)
    first = table.iloc[0]
    assert first["Tingkat"] == "Galat"
    assert first["Berkas"] == "laporan_dinkes.xlsx"
    assert first["Lembar"] == "Permohonan"
    assert first["Baris"] == 3
    assert first["Masalah dan cara memperbaiki"]
    assert list(table.columns)[-1] == "Masalah dan cara memperbaiki"


def test_widget_checks_an_uploaded_file(tmp_path, monkeypatch):
    use_roster(monkeypatch)
    data = broken_report(tmp_path).read_bytes()
    widget = ReportCheck()
    choose(widget, data)
    widget.check_button.click()
    assert "Perbaiki dulu setiap galat" in widget.result.value
    assert widget.result.value.count("Perbaiki dulu") == 1
    assert "laporan_dinkes.xlsx" in widget.issues.value
    assert "<td>Galat</td>" in widget.issues.value
    assert widget.missing.value == ""
    assert widget.upload.value == ()


def test_widget_with_a_clean_path_says_ready_to_send(tmp_path, monkeypatch):
    use_roster(monkeypatch)
    path = write(tmp_path)
    widget = ReportCheck(path)
    widget.check_button.click()
    assert widget.reports.count("galat") == 0
    assert "Galat: 0" in widget.result.value


def test_folder_mode_lists_the_opd_that_did_not_report(tmp_path, monkeypatch):
    use_roster(monkeypatch)
    write(tmp_path)
    widget = ReportCheck(tmp_path, folder=True)
    widget.check_button.click()
    assert "Belum melapor: Dinas Pendidikan dan Kebudayaan" in widget.missing.value
    assert "Semua laporan dapat dipakai" in widget.result.value
    assert "OPD wajib lapor: 2; sudah melapor: 1." in missing_text(widget.reports)
    assert widget.upload not in widget.children


def test_a_missing_path_is_explained(tmp_path):
    widget = ReportCheck(tmp_path / "tidak_ada")
    widget.check_button.click()
    assert "Belum bisa diperiksa" in widget.result.value
    assert "tidak ditemukan" in widget.result.value


def test_nothing_to_check_asks_for_a_file():
    widget = ReportCheck()
    widget.check_button.click()
    assert "Unggah berkas laporan" in widget.result.value
    assert "kip-periksa-laporan" in widget.check_button._dom_classes


def test_values_are_shown_as_typed_with_dates_in_indonesian():
    from kip_training.exercises.report_check import value_text

    assert value_text(dt.date(2025, 9, 21), "Tanggal Diterima") == "21 September 2025"
    assert value_text("2025-09-21", "Tanggal Pemberitahuan Tertulis") == "21 September 2025"
    assert value_text(1758412800000000000, "Tanggal Pemberitahuan Tertulis") == (
        "21 September 2025"
    )
    assert value_text(1758412800000000000, "Biaya") == "1758412800000000000"
    assert value_text("DISDUK/003", "Nomor Registrasi") == "DISDUK/003"
    assert value_text(None) == ""


def test_the_blank_template_is_offered_as_a_browser_download():
    import base64
    import re

    from openpyxl import load_workbook

    from kip_training.exercises.report_check import TEMPLATE_PATH

    widget = ReportCheck()
    assert widget.template_link in widget.children
    link = widget.template_link.value
    assert 'download="laporan_ppid_pembantu.xlsx"' in link
    assert "Unduh templat laporan kosong" in link
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1)
    assert base64.b64decode(encoded) == TEMPLATE_PATH.read_bytes()
    workbook = load_workbook(TEMPLATE_PATH)
    assert "Permohonan" in workbook.sheetnames


def test_the_chosen_file_is_named_and_still_named_after_the_check(tmp_path, monkeypatch):
    use_roster(monkeypatch)
    data = broken_report(tmp_path).read_bytes()
    widget = ReportCheck()
    assert widget.chosen.value == ""
    choose(widget, data)
    assert "Berkas dipilih: <b>laporan_dinkes.xlsx (" in widget.chosen.value
    widget.check_button.click()
    assert "Berkas diperiksa: <b>laporan_dinkes.xlsx (" in widget.chosen.value


def test_in_kip_app_the_server_path_box_is_not_shown(monkeypatch):
    monkeypatch.delenv("KIP_APP_REPORTS", raising=False)
    monkeypatch.delenv("KIP_APP", raising=False)
    on_own_computer = ReportCheck()
    assert on_own_computer.path_text in on_own_computer.children
    monkeypatch.setenv("KIP_APP", "1")
    in_app = ReportCheck()
    assert in_app.path_text not in in_app.children
    assert in_app.template_link in in_app.children
