from openpyxl import load_workbook

from kip_training.paths import TEMPLATES_DIR
from kip_training.reports import load_file, schema
from kip_training.reports.template import write_template

COMMITTED = TEMPLATES_DIR / "laporan_ppid_pembantu.xlsx"


def _content(path):
    """Everything a user sees in the workbook, without zip timestamps."""
    wb = load_workbook(path)
    content = {}
    for ws in wb.worksheets:
        cells = [(c.coordinate, c.value, c.number_format) for row in ws.iter_rows() for c in row]
        cells += [(k, d.width, d.number_format) for k, d in sorted(ws.column_dimensions.items())]
        validations = sorted(
            (str(dv.sqref), dv.formula1) for dv in ws.data_validations.dataValidation
        )
        content[ws.title] = (ws.sheet_state, ws.freeze_panes, cells, validations)
    return content


def test_committed_template_is_up_to_date(tmp_path):
    fresh = write_template(tmp_path / "t.xlsx")
    assert _content(fresh) == _content(COMMITTED), "jalankan: kip template -o " + str(COMMITTED)


def test_template_has_every_sheet_with_frozen_headers(tmp_path):
    wb = load_workbook(write_template(tmp_path / "t.xlsx"))
    assert wb.sheetnames[0] == "Petunjuk"
    for sheet in schema.SHEETS[1:]:
        ws = wb[sheet.title]
        assert ws.freeze_panes == "A2"
        assert [c.value for c in ws[1]] == [c.title for c in sheet.columns]


def test_coded_columns_have_drop_down_lists(tmp_path):
    wb = load_workbook(write_template(tmp_path / "t.xlsx"))
    ws = wb["Permohonan"]
    covered = {str(dv.sqref).split(":")[0] for dv in ws.data_validations.dataValidation}
    letters = {"C3", "D3", "F3", "G3", "H3", "I3"}  # saluran..perpanjangan
    assert letters <= covered
    lists = {
        col[0].value: [c.value for c in col[1:] if c.value] for col in wb["Daftar Pilihan"].columns
    }
    assert lists["Keputusan"] == list(schema.KEPUTUSAN.values())
    assert lists["Perpanjangan Waktu"] == ["Ya", "Tidak"]


def test_date_columns_are_formatted_as_dates(tmp_path):
    ws = load_workbook(write_template(tmp_path / "t.xlsx"))["Permohonan"]
    assert ws["B2"].number_format == "DD/MM/YYYY"
    assert ws.column_dimensions["B"].number_format == "DD/MM/YYYY"
    assert ws.column_dimensions["J"].number_format == "DD/MM/YYYY"


def test_blank_template_loads_with_its_example_rows_skipped(tmp_path):
    result = load_file(write_template(tmp_path / "t.xlsx"))
    assert result.sheets["permohonan"].rows_read == 0
    assert result.sheets["keberatan"].rows_read == 0
    # the pre-filled periodic items are data rows waiting for "Diumumkan"
    assert result.sheets["berkala"].rows_read == len(schema.BERKALA_ITEMS)
    assert not result.used  # no OPD code yet
    assert any("Kode OPD wajib diisi" in i.message for i in result.issues)


def test_kip_template_writes_the_workbook(tmp_path, capsys):
    from kip_training.cli import main

    target = tmp_path / "laporan.xlsx"
    assert main(["template", "-o", str(target)]) == 0
    assert load_workbook(target).sheetnames[:2] == ["Petunjuk", "Identitas"]
    assert main(["template", "-o", str(tmp_path / "laporan.pdf")]) == 2


def test_a_template_filled_in_like_a_user_does_loads_cleanly(tmp_path):
    import datetime as dt

    path = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(path)
    ident = wb["Identitas"]
    for row, value in zip(
        range(2, 10),
        [
            "DINKES",
            "Dinas Kesehatan",
            2025,
            "I",
            "Sekretaris",
            "PPID Pembantu",
            dt.date(2025, 7, 7),
            "ppid@contoh.go.id",
        ],
        strict=True,
    ):
        ident.cell(row=row, column=2, value=value)
    ws = wb["Permohonan"]
    ws.append(
        [
            "001",
            dt.date(2025, 2, 3),
            "Surat",
            "Perorangan",
            "APBD 2025",
            "Ya",
            "Dipenuhi seluruhnya",
            None,
            "Tidak",
            dt.date(2025, 2, 5),
            0,
            None,
        ]
    )
    berkala = wb["Informasi Berkala"]
    for row in range(3, 3 + len(schema.BERKALA_ITEMS)):
        berkala.cell(row=row, column=3, value="Tidak")
    wb.save(path)
    result = load_file(path, {"DINKES": "Dinas Kesehatan"})
    assert [i for i in result.issues if i.severity == "galat"] == []
    assert result.used and result.sheets["permohonan"].rows_read == 1
    assert result.frames["permohonan"].loc[0, "baris"] == 3  # below the example row
    assert result.sheets["berkala"].rows_accepted == len(schema.BERKALA_ITEMS)


def test_petunjuk_says_not_to_type_personal_data(tmp_path):
    ws = load_workbook(write_template(tmp_path / "t.xlsx"))["Petunjuk"]
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "JANGAN menulis nama, alamat, NIK, nomor telepon atau email pemohon" in text
    assert "di lembar mana pun" in text and "disamarkan" in text
