"""The consequence-test form: checks, the xlsx test sheet and the widget."""

import dataclasses
import datetime as dt
import io

from openpyxl import load_workbook

from kip_training.exercises.consequence import (
    FIELDS,
    ConsequenceForm,
    ConsequenceTest,
    check,
    example,
    summary,
    to_xlsx,
)


def sheet_values(data: bytes) -> dict[str, str]:
    sheet = load_workbook(io.BytesIO(data)).active
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}


def test_every_field_of_the_answers_is_on_the_form():
    names = {f.name for f in dataclasses.fields(ConsequenceTest)}
    assert names == {key for key, _label, _hint in FIELDS} | {"tanggal"}


def test_the_example_is_complete():
    assert check(example()) == []
    assert "Semua isian lengkap" in summary(example())


def test_empty_fields_are_named():
    problems = check(ConsequenceTest(dokumen="Daftar penerima bansos"))
    assert "Isian '2. Informasi yang dikecualikan' masih kosong." in problems
    assert "Isian '5. Jangka waktu pengecualian' masih kosong." in problems
    assert not any("Dokumen yang diuji" in p for p in problems)


def test_exempting_the_whole_document_is_flagged():
    test = dataclasses.replace(example(), informasi="Seluruh dokumen")
    assert any("seluruh dokumen" in p and "penghitaman" in p for p in check(test))


def test_permanent_exemption_under_letters_a_to_f_is_flagged():
    test = dataclasses.replace(example(), pasal_17="c", jangka_waktu="Permanen")
    assert any("Pasal 20 ayat (1)" in p for p in check(test))
    test = dataclasses.replace(example(), pasal_17="h", jangka_waktu="Permanen")
    assert not any("Pasal 20" in p for p in check(test))


def test_a_review_cycle_is_rejected_as_an_exemption_period():
    test = dataclasses.replace(example(), jangka_waktu="Ditinjau ulang setiap tahun oleh PPID")
    problems = check(test)
    assert any("siklus peninjauan, bukan jangka waktu" in p for p in problems)
    assert "Perlu diperbaiki sebelum ditandatangani" in summary(test)
    test = dataclasses.replace(example(), jangka_waktu="Dievaluasi tiap 6 bulan")
    assert any("siklus peninjauan" in p for p in check(test))


def test_a_span_of_time_with_a_review_schedule_is_accepted():
    for period in (
        "5 tahun sejak ditetapkan",
        "Lima (5) tahun sejak ditetapkan, ditinjau ulang setiap tahun",
        "Sampai 31 Desember 2030",
    ):
        assert check(dataclasses.replace(example(), jangka_waktu=period)) == [], period


def test_the_sheet_is_the_ppid_classification_decision():
    sheet = load_workbook(io.BytesIO(to_xlsx(example()))).active
    assert "PENETAPAN KLASIFIKASI" in sheet["A1"].value
    assert "penetapan klasifikasi oleh PPID" in summary(example())
    assert sheet_values(to_xlsx(example()))["5. Jangka waktu pengecualian"] == (
        "5 tahun sejak ditetapkan"
    )


def test_a_basis_without_an_undang_undang_is_flagged():
    test = dataclasses.replace(example(), dasar_undang_undang="Peraturan Wali Kota 5/2020")
    assert any("harus Undang-Undang" in p for p in check(test))


def test_xlsx_sheet_holds_the_answers_and_the_pasal_17_wording():
    values = sheet_values(to_xlsx(example()))
    assert values["1. Dokumen yang diuji"].startswith("Daftar penerima bantuan sosial")
    assert values["3. Pasal 17 UU KIP"] == (
        "UU 14/2008 Pasal 17 huruf h — mengungkap rahasia pribadi"
    )
    assert values["Tanggal uji"] == "Senin, 16 Maret 2026"


def test_xlsx_neutralises_formulas_typed_into_the_form(tmp_path):
    test = dataclasses.replace(example(), dokumen='=HYPERLINK("http://x","klik")')
    path = tmp_path / "uji.xlsx"
    to_xlsx(test, path)
    sheet = load_workbook(path).active
    cell = next(c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value))
    assert cell.value == '\'=HYPERLINK("http://x","klik")'
    assert cell.data_type == "s"


def test_form_example_button_then_build_offers_a_download(tmp_path):
    form = ConsequenceForm(output_dir=tmp_path)
    form.example_button.click()
    assert form.inputs["dokumen"].value.startswith("Daftar penerima")
    assert form.letter_dropdown.value == "h"
    form.build_button.click()
    assert "Lembar uji lengkap." in form.result.value
    assert 'download="uji_konsekuensi_daftar_penerima_bantuan_sosial_kelurahan.xlsx"' in (
        form.download.value
    )
    assert "base64," in form.download.value
    assert form.saved_path.read_bytes() == form.xlsx
    assert sheet_values(form.xlsx)["Badan Publik / OPD"] == "Dinas Sosial Kota Contoh"


def test_form_lists_what_to_fix_when_incomplete():
    form = ConsequenceForm()
    form.inputs["dokumen"].value = "Notulen rapat pimpinan"
    form.inputs["informasi"].value = "Semua isi notulen"
    form.build_button.click()
    assert "hal perlu diperbaiki" in form.result.value
    assert "Isian &#x27;3. Pasal 17 UU KIP&#x27; masih kosong." in form.result.value
    assert form.test.tanggal == dt.date.today()


def test_form_widgets_carry_css_classes():
    form = ConsequenceForm()
    assert "kip-buat-lembar" in form.build_button._dom_classes
    assert "kip-pasal-17" in form.letter_dropdown._dom_classes
    assert "kip-uji-dokumen" in form.inputs["dokumen"]._dom_classes
