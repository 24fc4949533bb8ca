import io

import openpyxl
import pandas as pd

from kip_training.safe_export import neutralise, neutralise_frame

DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\r=1", '=HYPERLINK("http://x","klik")']


def test_neutralise_prefixes_every_formula_trigger():
    for text in DANGEROUS:
        assert neutralise(text) == "'" + text


def test_neutralise_keeps_harmless_values():
    for value in ["Dinas Kesehatan", "-5", "+62 812 3456", "1.234,5", "", None, 12, 3.5]:
        assert neutralise(value) == value


def test_neutralise_frame_protects_text_cells_and_headers():
    frame = pd.DataFrame({"=bad": ["=1+1", "aman", None], "angka": [-1, 2, 3]})
    safe = neutralise_frame(frame)
    assert list(safe.columns) == ["'=bad", "angka"]
    assert safe.iloc[0, 0] == "'=1+1"
    assert safe.iloc[1, 0] == "aman"
    assert pd.isna(safe.iloc[2, 0])
    assert safe["angka"].tolist() == [-1, 2, 3]
    assert frame.iloc[0, 0] == "=1+1"  # the input is not changed


def test_a_neutralised_cell_is_text_in_excel():
    wb = openpyxl.Workbook()
    wb.active["A1"] = neutralise("=1+1")
    buffer = io.BytesIO()
    wb.save(buffer)
    cell = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
    assert cell.data_type == "s"
    assert cell.value == "'=1+1"
