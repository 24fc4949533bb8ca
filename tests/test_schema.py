import pytest

from kip_training import law
from kip_training.reports import schema


def test_decision_codes_are_the_contract_with_metrics_and_deck():
    assert list(schema.KEPUTUSAN) == [
        "dipenuhi_seluruhnya",
        "dipenuhi_sebagian",
        "ditolak",
        "tidak_dikuasai",
        "belum_didokumentasikan",
        "dalam_proses",
    ]


def test_article_letters_come_from_law():
    assert list(schema.PASAL_17_CODES) == list(law.PASAL_17)
    assert list(schema.PASAL_35_CODES) == list(law.PASAL_35_GROUNDS)


@pytest.mark.parametrize("sheet", schema.SHEETS, ids=lambda s: s.key)
def test_every_label_and_code_reads_back_as_its_code(sheet):
    for column in sheet.columns:
        lookup = schema.code_lookup(column)
        for code, label in column.codes.items():
            if column.key == "semester":
                continue
            assert lookup[schema.normalise_key(label)] == code
            assert lookup[schema.normalise_key(code)] == code


@pytest.mark.parametrize("sheet", schema.SHEETS, ids=lambda s: s.key)
def test_no_report_column_is_mistaken_for_personal_data(sheet):
    for column in sheet.columns:
        assert not column.header_names() & schema.PERSONAL_DATA_HEADERS, column.key


@pytest.mark.parametrize(
    "header",
    [
        "Nama Pemohon",
        "NAMA",
        "Alamat Lengkap",
        "NIK",
        "No. HP",
        "Email Pemohon",
        "No KTP/NIK",
        "Nomor Telepon/WA",
        "Kontak Pemohon",
    ],
)
def test_requester_identity_headers_are_recognised(header):
    assert schema.is_personal_header(header)


@pytest.mark.parametrize("header", ["Keterangan", "Cara Permohonan", "Informasi yang Diminta"])
def test_ordinary_headers_are_not_personal_data(header):
    assert not schema.is_personal_header(header)


@pytest.mark.parametrize("sheet", schema.SHEETS, ids=lambda s: s.key)
def test_header_spellings_point_to_one_column_per_sheet(sheet):
    seen: dict[str, str] = {}
    for column in sheet.columns:
        for name in column.header_names():
            assert seen.setdefault(name, column.key) == column.key, name


def test_requester_identity_columns_are_not_in_the_report():
    keys = {c.key for s in schema.SHEETS[1:] for c in s.columns}
    assert not keys & {"nama_pemohon", "alamat", "nik", "telepon", "email"}


def test_sheet_names_are_recognised_in_any_case_and_spacing():
    assert schema.sheet_for_name("  PERMOHONAN ") is schema.PERMOHONAN
    assert schema.sheet_for_name("informasi_berkala") is schema.BERKALA
    assert schema.sheet_for_name("Kendala & Rekomendasi") is schema.KENDALA
    assert schema.sheet_for_name("Sheet1") is None


def test_severity_is_written_as_its_indonesian_word():
    import json

    assert json.dumps([s for s in schema.Severity]) == '["galat", "peringatan", "temuan"]'
    assert f"{schema.Severity.TEMUAN}" == "temuan"
    assert schema.Severity("galat") is schema.Severity.GALAT


def test_severity_rank_puts_errors_then_findings_then_warnings():
    ranked = schema.Severity.by_rank()
    assert [s.label for s in ranked] == ["Galat", "Temuan", "Peringatan"]
    assert sorted(["peringatan", "temuan", "galat", "lain"], key=schema.severity_rank) == [
        "galat",
        "temuan",
        "peringatan",
        "lain",
    ]
