"""Which workbook sheet is which report sheet: copies, unnamed sheets, two with rows."""

from fixtures.reports.build import request, write
from openpyxl import load_workbook

from kip_training.reports import load_file
from kip_training.reports.model import GALAT, PERINGATAN

ROSTER = {"DINKES": "Dinas Kesehatan"}


def _moved(path, title: str, keep_original: bool):
    """The report with its Permohonan rows in a sheet titled ``title`` (the original
    left with its header only, or removed)."""
    workbook = load_workbook(path)
    original = workbook["Permohonan"]
    copy = workbook.copy_worksheet(original)
    copy.title = title
    if keep_original:
        original.delete_rows(2, original.max_row)
    else:
        workbook.remove(original)
    workbook.save(path)
    return path


def test_rows_in_a_copy_beside_an_empty_template_sheet_are_read(tmp_path):
    path = write(tmp_path, permohonan=[request("001"), request("002"), request("003")])
    result = load_file(_moved(path, "Permohonan (2)", keep_original=True), ROSTER)
    assert result.sheets["permohonan"].rows_accepted == 3
    [note] = [i for i in result.issues if i.sheet == "Permohonan (2)"]
    assert note.severity == PERINGATAN and "salinan lembar" in note.message
    assert "'Permohonan' tidak berisi baris data" in note.message


def test_a_sheet_named_sheet1_is_known_by_its_column_titles(tmp_path):
    path = write(tmp_path, permohonan=[request("001"), request("002")])
    result = load_file(_moved(path, "Sheet1", keep_original=False), ROSTER)
    assert result.sheets["permohonan"].rows_accepted == 2
    assert any("menurut judul kolomnya" in i.message for i in result.issues)


def test_a_second_sheet_with_rows_is_an_error_naming_its_rows(tmp_path):
    path = write(tmp_path, permohonan=[request("001"), request("002")])
    workbook = load_workbook(path)
    workbook.copy_worksheet(workbook["Permohonan"]).title = "Permohonan Juli-Sep"
    workbook.save(path)
    result = load_file(path, ROSTER)
    assert result.sheets["permohonan"].rows_accepted == 2  # the sheet named so is read
    [error] = [i for i in result.issues if i.severity == GALAT]
    assert error.sheet == "Permohonan Juli-Sep"
    assert "juga berisi 2 baris Permohonan dan tidak dibaca" in error.message
