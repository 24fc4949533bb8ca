import datetime as dt

from fixtures.reports.build import objection, request, write

from kip_training.reports import GALAT, PERINGATAN, TEMUAN, load_file

ROSTER = {"DINKES": "Dinas Kesehatan"}
D = dt.date


def check(tmp_path, **sheets):
    return load_file(write(tmp_path, **sheets), ROSTER)


def issues(result, severity, column=None):
    return [
        i
        for i in result.issues
        if i.severity == severity and (column is None or i.column == column)
    ]


def test_notice_before_receipt_is_an_error(tmp_path):
    result = check(
        tmp_path, permohonan=[request(tanggal_pemberitahuan=D(2025, 1, 3))], keberatan=[]
    )
    [issue] = issues(result, GALAT)
    assert issue.row == 2 and issue.column == "Tanggal Pemberitahuan Tertulis"
    assert "lebih awal" in issue.message
    assert result.sheets["permohonan"].rows_rejected == 1


def test_a_notice_after_ten_working_days_without_extension_is_a_late_finding(tmp_path):
    # received Mon 6 Jan 2025; 10th working day is Mon 20 Jan, 11th is Tue 21 Jan
    rows = [
        request("001", tanggal_pemberitahuan=D(2025, 1, 20)),
        request("002", tanggal_pemberitahuan=D(2025, 1, 21)),
        request("003", tanggal_pemberitahuan=D(2025, 1, 21), perpanjangan="Ya"),
    ]
    result = check(tmp_path, permohonan=rows, keberatan=[])
    [late] = issues(result, TEMUAN)
    assert late.row == 3 and "11 hari kerja" in late.message and "Pasal 22 ayat (7)" in late.message
    frame = result.frames["permohonan"].set_index("no_registrasi")
    assert frame["ketepatan"].to_dict() == {
        "001": "tepat_10",
        "002": "terlambat",
        "003": "tepat_17",
    }
    assert result.sheets["permohonan"].rows_accepted == 3  # a finding does not reject


def test_a_notice_after_seventeen_working_days_is_late_even_with_extension(tmp_path):
    # Wed 5 Feb 2025 is well past the 17th working day after Mon 6 Jan
    rows = [request("001", tanggal_pemberitahuan=D(2025, 2, 5), perpanjangan="Ya")]
    result = check(tmp_path, permohonan=rows, keberatan=[])
    [late] = issues(result, TEMUAN)
    assert "17 hari kerja" in late.message
    assert result.frames["permohonan"].loc[0, "ketepatan"] == "terlambat"


def test_a_refusal_without_a_pasal_17_letter_is_an_error(tmp_path):
    rows = [
        request("001", keputusan="Ditolak (dikecualikan)"),
        request("002", keputusan="ditolak", pasal_17="h"),
        request("003", keputusan="ditolak", pasal_17="Pasal 17 huruf j"),
    ]
    result = check(tmp_path, permohonan=rows, keberatan=[])
    [issue] = issues(result, GALAT)
    assert issue.row == 2 and issue.column == "Huruf Pasal 17 (jika ditolak)"
    letters = result.frames["permohonan"].set_index("no_registrasi")["pasal_17"]
    assert letters.to_dict() == {"002": "h", "003": "j"}


def test_dates_outside_the_semester_are_errors(tmp_path):
    rows = [request("001", tanggal_diterima=D(2025, 7, 1), tanggal_pemberitahuan=D(2025, 7, 2))]
    result = check(tmp_path, permohonan=rows, keberatan=[])
    [issue] = issues(result, GALAT)
    assert "di luar Semester I 2025" in issue.message and issue.column == "Tanggal Diterima"


def test_duplicate_registration_numbers_are_errors_on_the_second_row(tmp_path):
    result = check(tmp_path, permohonan=[request("001"), request("001")], keberatan=[])
    [issue] = issues(result, GALAT)
    assert issue.row == 3 and "baris 2" in issue.message


def test_an_objection_to_an_unknown_request_is_an_error(tmp_path):
    result = check(tmp_path, keberatan=[objection("K01", "001"), objection("K02", "999")])
    [issue] = issues(result, GALAT)
    assert issue.sheet == "Keberatan" and issue.row == 3 and issue.value == "999"


def test_a_late_answer_to_an_objection_is_a_finding(tmp_path):
    result = check(tmp_path, keberatan=[objection(tanggal_tanggapan=D(2025, 4, 30))])
    [finding] = issues(result, TEMUAN)
    assert "Pasal 36 ayat (2)" in finding.message


def test_pasal_35_grounds_are_read_from_letters_and_labels(tmp_path):
    rows = [
        objection("K01", alasan="c"),
        objection("K02", alasan="g. penyampaian informasi melebihi waktu yang diatur"),
    ]
    result = check(tmp_path, keberatan=rows)
    assert list(result.frames["keberatan"]["alasan"]) == ["c", "g"]


def test_a_required_value_left_empty_is_an_error_that_says_what_to_do(tmp_path):
    result = check(tmp_path, permohonan=[request(keputusan=None)], keberatan=[])
    [issue] = issues(result, GALAT)
    assert issue.column == "Keputusan" and "wajib diisi" in issue.message


def test_a_code_outside_the_list_names_the_choices(tmp_path):
    result = check(tmp_path, permohonan=[request(saluran="merpati pos")], keberatan=[])
    [issue] = issues(result, GALAT)
    assert "Pilih salah satu" in issue.message and "Email" in issue.message


def test_a_letter_given_without_a_refusal_is_a_warning(tmp_path):
    result = check(tmp_path, permohonan=[request(pasal_17="h")], keberatan=[])
    assert issues(result, PERINGATAN, "Huruf Pasal 17 (jika ditolak)")
    assert result.sheets["permohonan"].rows_accepted == 1


def test_checks_leave_their_input_alone_and_return_the_rejected_rows(tmp_path):
    import numpy as np

    from kip_training.calendar import WorkingCalendar
    from kip_training.reports import derive, schema, validate
    from kip_training.reports.issues import ChunkSink, IssueSink
    from kip_training.reports.load import read_report
    from kip_training.reports.sheets import data_sheets
    from kip_training.reports.stacked import parse_stacked

    rows = [
        request("001", tanggal_pemberitahuan=D(2025, 1, 3)),  # before receipt: rejected
        request("002", tanggal_pemberitahuan=D(2025, 1, 21)),  # late: counted, a finding
    ]
    path = write(tmp_path, permohonan=rows, keberatan=[])
    sink = IssueSink(str(path))
    sinks = ChunkSink([sink])
    by_key = data_sheets(read_report(path).sheets, sink)
    sheets = {
        key: parse_stacked(schema.SHEETS_BY_KEY[key], [(0, *by_key[key])], 1, sinks)
        for key in ("permohonan", "keberatan")
    }
    before = {k: (dict(s.columns), s.rejected.copy()) for k, s in sheets.items()}
    lateness = derive.lateness(
        sheets["permohonan"].columns, sheets["keberatan"].columns, WorkingCalendar()
    )
    masks = validate.check_sheets(sheets, [None], lateness, sinks)
    assert list(masks["permohonan"]) == [True, False]
    for key, sheet in sheets.items():
        assert sheet.columns.keys() == before[key][0].keys()  # no derived column added
        assert np.array_equal(sheet.rejected, before[key][1])
    assert [i.severity for i in sink.issues] == [GALAT, TEMUAN]


def test_a_dash_for_no_pasal_17_letter_on_a_granted_request_is_no_problem(tmp_path):
    rows = [request("001", pasal_17="-"), request("002", pasal_17="nihil")]
    result = check(tmp_path, permohonan=rows, keberatan=[])
    assert result.sheets["permohonan"].rows_accepted == 2
    column = "Huruf Pasal 17 (jika ditolak)"
    assert not issues(result, GALAT) and not [
        i for i in issues(result, PERINGATAN, column) if "Pasal 17 diisi" in i.message
    ]
    [note] = issues(result, PERINGATAN, column)
    assert "dibaca sebagai sel kosong" in note.message


def test_a_refusal_with_a_dash_for_its_letter_still_asks_for_the_letter(tmp_path):
    rows = [request("001", keputusan="Ditolak", pasal_17="-")]
    result = check(tmp_path, permohonan=rows, keberatan=[])
    [error] = issues(result, GALAT)
    assert "tanpa huruf Pasal 17" in error.message and error.row == 2
