"""Placeholders, optional cells and amounts as people type them, as the loader reads them."""

import datetime as dt

import numpy as np
import pytest
from fixtures.reports.build import request, write

from kip_training.reports import GALAT, PERINGATAN, load_file, schema
from kip_training.reports.normalise import Factorized, parse_factorized

ROSTER = {"DINKES": "Dinas Kesehatan"}
D = dt.date
BIAYA = schema.PERMOHONAN.column("biaya")


def check(tmp_path, rows):
    return load_file(write(tmp_path, permohonan=rows, keberatan=[]), ROSTER)


def column_issues(result, title):
    return [i for i in result.issues if i.sheet == "Permohonan" and i.column == title]


def test_placeholders_read_as_blank_with_one_note_per_column(tmp_path):
    rows = [
        request(f"00{n}", keterangan=text, tanggal_pemberitahuan=D(2025, 1, 10))
        for n, text in enumerate(["-", "–", "—", "nihil", "Tidak ada", "N/A", "NA", "."], 1)
    ]
    result = check(tmp_path, rows)
    assert result.sheets["permohonan"].rows_accepted == 8
    assert result.frames["permohonan"]["keterangan"].isna().all()
    [note] = column_issues(result, "Keterangan")
    assert note.severity == PERINGATAN
    assert "dibaca sebagai sel kosong" in note.message and "(8 sel: baris 2, 3" in note.message


def test_zero_is_a_value_not_a_placeholder(tmp_path):
    result = check(tmp_path, [request("001", biaya="0"), request("002", biaya="-")])
    fees = result.frames["permohonan"].set_index("no_registrasi")["biaya"]
    assert fees["001"] == 0 and np.isnan(fees["002"])


def test_a_placeholder_in_a_required_column_rejects_the_row_as_empty(tmp_path):
    result = check(tmp_path, [request("001"), request("002", informasi_diminta="-")])
    assert result.sheets["permohonan"].rows_rejected == 1
    [issue] = column_issues(result, "Informasi yang Diminta")
    assert issue.severity == GALAT and issue.row == 3 and "wajib diisi" in issue.message


def test_free_of_charge_in_words_is_zero_with_a_note(tmp_path):
    rows = [request("001", biaya="gratis"), request("002", biaya="Tidak dipungut biaya")]
    result = check(tmp_path, rows)
    assert result.frames["permohonan"]["biaya"].tolist() == [0.0, 0.0]
    [note] = column_issues(result, "Biaya (Rp)")
    assert "dibaca sebagai 0" in note.message and "(2 sel" in note.message


def test_a_bad_value_in_an_optional_cell_costs_the_value_not_the_row(tmp_path):
    rows = [
        request("001", dikuasai="mungkin"),
        request("002", tanggal_pemberitahuan="minggu depan"),
        request("003", biaya="seikhlasnya"),
    ]
    result = check(tmp_path, rows)
    assert result.sheets["permohonan"].rows_accepted == 3
    frame = result.frames["permohonan"].set_index("no_registrasi")
    assert frame.loc["001", "dikuasai"] is None or np.isnan(frame.loc["001", "dikuasai"])
    assert frame["tanggal_pemberitahuan"].isna()["002"]
    assert np.isnan(frame.loc["003", "biaya"])
    for title, row in (
        ("Informasi Dikuasai", 2),
        ("Tanggal Pemberitahuan Tertulis", 3),
        ("Biaya (Rp)", 4),
    ):
        [issue] = [i for i in column_issues(result, title) if "dikosongkan" in i.message]
        assert issue.severity == PERINGATAN and issue.row == row
    assert not [i for i in result.issues if i.severity == GALAT]


def test_a_bad_pasal_17_letter_on_a_granted_request_does_not_ask_for_a_letter(tmp_path):
    rows = [
        request("001", pasal_17="zz"),
        request("002", keputusan="Ditolak", pasal_17="zz"),
    ]
    result = check(tmp_path, rows)
    issues = {i.row: i for i in column_issues(result, "Huruf Pasal 17 (jika ditolak)")}
    granted = issues[2].message
    assert "tidak ditolak" in granted and "dikosongkan" in granted
    assert "Tulis satu huruf" not in granted
    # a refused request still needs its letter: the bad value is blanked, the row rejected
    refused = [i for i in column_issues(result, "Huruf Pasal 17 (jika ditolak)") if i.row == 3]
    assert any("Tulis satu huruf" in i.message for i in refused)
    assert not any("tetap dihitung" in i.message for i in refused)
    assert any(i.severity == GALAT and "tanpa huruf Pasal 17" in i.message for i in refused)
    assert result.sheets["permohonan"].rows_accepted == 1


def test_fee_text_is_read_with_one_note_and_an_ambiguous_one_warns(tmp_path):
    rows = [
        request("001", biaya="Rp 50.000"),
        request("002", biaya="Rp. 5.000,-"),
        request("003", biaya="50rb"),
        request("004", biaya="5.000,00"),
        request("005", biaya="IDR 5000"),
        request("006", biaya="2,500"),
    ]
    result = check(tmp_path, rows)
    fees = result.frames["permohonan"].set_index("no_registrasi")["biaya"]
    assert fees.to_dict() == {
        "001": 50_000,
        "002": 5_000,
        "003": 50_000,
        "004": 5_000,
        "005": 5_000,
        "006": 2_500,
    }
    notes = column_issues(result, "Biaya (Rp)")
    assert len(notes) == 2
    read, ambiguous = sorted(notes, key=lambda i: i.row)
    assert "(5 sel" in read.message
    assert ambiguous.row == 7 and "2500 atau 2,5" in ambiguous.message


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        ("Rp 50.000", 50_000.0, "ribuan"),
        ("50 ribu", 50_000.0, "ribuan"),
        ("5 jt", 5_000_000.0, "ribuan"),
        ("2,500", 2_500.0, "ambigu"),
        ("gratis", 0.0, "gratis"),
        ("free", 0.0, "gratis"),
        ("5000", 5_000.0, None),
    ],
)
def test_each_distinct_fee_is_read_once(text, value, status):
    parsed = parse_factorized(Factorized.of([text, text, None]), BIAYA)
    assert parsed.values[:2].tolist() == [value, value]
    assert not parsed.errors.any()
    if status is None:
        assert parsed.warnings == {}
    else:
        assert parsed.warnings[status].tolist() == [True, True, False]


def test_ticks_and_crosses_read_as_ya_and_tidak_with_a_note():
    from kip_training.reports import schema
    from kip_training.reports.normalise import interpret_value

    column = next(c for c in schema.BERKALA.columns if c.kind == schema.YESNO)
    for typed, code in (("✓", "ya"), ("√", "ya"), ("✔", "ya"), ("✗", "tidak"), ("×", "tidak")):
        assert interpret_value(typed, column) == (code, "sinonim"), typed
    assert interpret_value("?", column)[0] is None


def test_article_letters_are_read_from_the_ways_clerks_abbreviate_them():
    from kip_training.reports import schema
    from kip_training.reports.normalise import interpret_value

    refusal = schema.PERMOHONAN.column("pasal_17")
    ground = schema.KEBERATAN.column("alasan")
    for typed in ("Ps. 17 huruf h", "Psl 17 h", "17 (h)", "Pasal 17 huruf h UU KIP"):
        assert interpret_value(typed, refusal)[0] == "h", typed
    for typed in ("Ps. 35 (1) c", "Psl 35 ayat 1 hrf c", "Pasal 35 ayat (1) huruf c"):
        assert interpret_value(typed, ground)[0] == "c", typed
    assert interpret_value("k", refusal)[0] is None  # Pasal 17 stops at j


def test_objection_grounds_in_a_few_words_read_as_their_pasal_35_letter():
    from kip_training.reports import schema
    from kip_training.reports.normalise import interpret_value

    ground = schema.KEBERATAN.column("alasan")
    for typed, letter in (
        ("Tidak ditanggapi", "c"),
        ("Biaya tidak wajar", "f"),
        ("Terlambat", "g"),
    ):
        assert interpret_value(typed, ground) == (letter, "sinonim"), typed
    assert interpret_value("Kurang puas", ground)[0] is None  # no ground of the law
