"""Personal data typed into report cells is found, masked in every echo, and warned about."""

import io
import json
import zipfile

import pyarrow as pa
import pytest
from fixtures.reports.build import objection, request, write
from openpyxl import load_workbook

from kip_training.cli import main
from kip_training.reports import load_file
from kip_training.reports.personal import find_personal, mask

# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("text", "kinds", "masked"),
    [
        # NIK: province, regency, district, birth date (women +40), serial
        ("3273015508900006", ("nik",), "3273********0006"),
        ("3273014508900006", ("nik",), "3273********0006"),  # a man born 5 Aug 1990
        ("NIK 3273 0155 0890 0006.", ("nik",), "NIK 3273********0006."),
        ("1101017112850001", ("nik",), "1101********0001"),  # 31 Dec, woman
        # 16 digits that are not a NIK
        ("5202010100240001", (), None),  # month 00: a budget code
        ("1234567890123456", (), None),  # no province 12 regency 34 born on day 56-40=16, month 78
        ("0012015508900006", (), None),  # province 00
        ("3273015508900000", (), None),  # serial 0000
        ("3273013002900006", (), None),  # 30 February
        # phones, written as people write them
        ("081234567890", ("telepon",), "0812****7890"),
        ("Hubungi 0812-3456-7890 ya", ("telepon",), "Hubungi 0812****7890 ya"),
        ("0812.3456.7890", ("telepon",), "0812****7890"),
        ("0812 3456 7890", ("telepon",), "0812****7890"),
        ("+62 812 3456 7890", ("telepon",), "+6281*****7890"),
        ("62812-3456-7890", ("telepon",), "6281*****7890"),
        ("+62-812-3456-7890", ("telepon",), "+6281*****7890"),
        ("telp (022) 4231234", ("telepon",), "telp 0224**1234"),
        # e-mail
        ("budi.santoso@gmail.com", ("email",), "b***@gmail.com"),
        ("kirim ke siti_r@yahoo.co.id.", ("email",), "kirim ke s***@yahoo.co.id."),
        # names after "a.n." and honorifics
        ("a.n. Budi Santoso", ("nama",), "a.n. B*** S***"),
        ("Permohonan an. Siti", ("nama",), "Permohonan an. S***"),
        ("atas nama Rina Wati untuk skripsi", ("nama",), "atas nama R*** W*** untuk skripsi"),
        ("Bapak/Ibu Joko", ("nama",), "Bapak/Ibu J***"),
        ("Bpk. Ahmad Yani", ("nama",), "Bpk. A*** Y***"),
        ("Ibu Sri Mulyani meminta data", ("nama",), "Ibu S*** M*** meminta data"),
        ("Sdr. Andi", ("nama",), "Sdr. A***"),
        ("Sdri. Rina", ("nama",), "Sdri. R***"),
        ("a.n. budi santoso untuk penelitian", ("nama",), "a.n. b*** s*** untuk penelitian"),
        # not personal data
        ("001/PPID/2025", (), None),
        ("2025-03-15", (), None),
        ("15/03/2025", (), None),
        ("Rp 1.500.000", (), None),
        ("Dana 5.2.02.01.01.0024", (), None),
        ("Ibu Kota Nusantara", (), None),
        ("ibu hamil dan menyusui", (), None),
        ("Bapak/Ibu Kepala Dinas", (), None),
        ("atas nama Dinas Kesehatan", (), None),
        ("Rencana kerja 2025", (), None),
        ("https://contoh.go.id/profil", (), None),
        ("PMH-2025-0001", (), None),
    ],
)
def test_detection_and_masking(text, kinds, masked):
    assert find_personal(text) == kinds
    assert mask(text) == (masked if kinds else text)
    assert find_personal(mask(text)) == ()  # masking is idempotent


def test_several_kinds_in_one_cell_are_all_masked():
    text = "Pemohon a.n. Siti, HP 081234567890, NIK 3273015508900006, siti@yahoo.co.id"
    assert find_personal(text) == ("nik", "telepon", "email", "nama")
    assert mask(text) == (
        "Pemohon a.n. S***, HP 0812****7890, NIK 3273********0006, s***@yahoo.co.id"
    )


def test_a_nik_typed_as_a_number_is_found():
    assert find_personal(3273015508900006) == ("nik",)
    assert mask(3273015508900006.0) == "3273********0006"
    assert mask(50000.0) == 50000.0


# --------------------------------------------------------------------------- end to end

NIK = "3273015508900006"
RAW = [
    NIK,
    "3273 0155 0890 0006",
    "0812-3456-7890",
    "081298765432",
    "budi.santoso@gmail.com",
    "Budi Santoso",
    "Andi Wijaya",
    "Sri Rahayu",
]
MASKED = ["3273********0006", "0812****7890", "0812****5432", "b***@gmail.com", "a.n. B*** S***"]


def _messy_report(folder):
    return write(
        folder,
        permohonan=[
            request(NIK, informasi_diminta="Salinan SK a.n. Budi Santoso, HP 0812-3456-7890"),
            request(
                "002",
                informasi_diminta="Data gizi buruk",
                keterangan="dijawab ke budi.santoso@gmail.com",
            ),
            request("003", tanggal_pemberitahuan="081298765432"),  # a phone in a date column
            request("004", keterangan="Ibu Sri Rahayu, NIK 3273 0155 0890 0006"),
        ],
        keberatan=[objection("K01", NIK)],
        kendala=[
            {"jenis": "Kendala eksternal", "uraian": "Sdr. Andi Wijaya menelepon berkali-kali"}
        ],
    )


def _texts(path):
    """Every byte of a file as text; zip members (xlsx, cache entries) unpacked, Arrow
    tables read back to their values."""
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return [data.decode("utf-8", "replace")]
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            member = archive.read(name)
            if name.endswith(".arrow"):
                table = pa.ipc.open_file(pa.py_buffer(member)).read_all()
                texts.append(json.dumps(table.to_pylist(), default=str, ensure_ascii=False))
            else:
                texts.append(member.decode("utf-8", "replace"))
    return texts


def _assert_clean(text, where):
    for raw in RAW:
        assert raw not in text, f"{raw!r} in {where}"


def test_no_raw_personal_value_in_any_output_or_the_cache(tmp_path, capsys, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("KIP_CACHE", str(cache))
    path = _messy_report(tmp_path / "in")
    feedback = tmp_path / "umpan"

    main(["check", str(path), "--json", "-", "--feedback", str(feedback)])
    out = capsys.readouterr()
    _assert_clean(out.out + out.err, "JSON")
    data = json.loads(out.out)
    for masked in MASKED:
        assert masked in out.out, masked

    main(["check", str(path)])  # the text, now taken from the cache
    text = capsys.readouterr().out
    _assert_clean(text, "console")
    for masked in MASKED:
        assert masked in text, masked

    books = sorted(feedback.glob("*.xlsx"))
    assert books
    cells = []
    for book in books:
        for texts in _texts(book):
            _assert_clean(texts, book.name)
        wb = load_workbook(book)
        cells += [str(c.value) for ws in wb for row in ws.iter_rows() for c in row]
    assert "3273********0006" in cells

    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert any(p.suffix == ".zip" for p in entries)
    for entry in entries:
        for texts in _texts(entry):
            _assert_clean(texts, entry.name)

    warnings = [i for i in data["issues"] if "berisi data pribadi" in i["message"]]
    per_column = [(i["sheet"], i["column"]) for i in warnings]
    assert sorted(per_column) == sorted(
        [
            ("Permohonan", "Nomor Registrasi"),
            ("Permohonan", "Informasi yang Diminta"),
            ("Permohonan", "Tanggal Pemberitahuan Tertulis"),
            ("Permohonan", "Keterangan"),
            ("Keberatan", "Nomor Registrasi Permohonan"),
            ("Kendala dan Rekomendasi", "Uraian"),
        ]
    )
    by_column = {i["column"]: i for i in warnings}
    assert by_column["Informasi yang Diminta"]["message"].startswith(
        "Kolom 'Informasi yang Diminta' berisi data pribadi (nomor telepon, nama orang): "
        "disamarkan; jangan menulis data pribadi pemohon di laporan"
    )
    keterangan = by_column["Keterangan"]
    assert "(NIK, alamat email, nama orang)" in keterangan["message"]
    assert "2 sel: baris 3, 5" in keterangan["message"]
    # the issue quotes the masked pieces, not the text of the request
    assert by_column["Informasi yang Diminta"]["value"] == "a.n. B*** S***, 0812****7890"


def test_masked_values_keep_rows_and_links(tmp_path):
    result = load_file(_messy_report(tmp_path))
    permohonan = result.frames["permohonan"]
    assert result.sheets["permohonan"].rows_accepted == 4
    assert permohonan["no_registrasi"].tolist() == ["3273********0006", "002", "003", "004"]
    assert permohonan["tanggal_pemberitahuan"].isna().tolist() == [False, False, True, False]
    assert permohonan["informasi_diminta"].iloc[0] == "Salinan SK a.n. B*** S***, HP 0812****7890"
    # the objection still refers to the masked request: no "unknown request" error
    assert not [i for i in result.issues if i.sheet == "Keberatan" and i.severity == "galat"]
    assert result.frames["kendala"]["uraian"].tolist() == ["Sdr. A*** W*** menelepon berkali-kali"]


def test_identitas_official_contact_is_kept_but_a_nik_is_masked(tmp_path):
    office = load_file(write(tmp_path, "a.xlsx", identitas={"kontak": "ppid.dinkes@contoh.go.id"}))
    assert not [i for i in office.issues if "data pribadi" in i.message]

    nik = load_file(write(tmp_path, "b.xlsx", identitas={"kontak": "NIK 3273015508900006"}))
    (warning,) = [i for i in nik.issues if "data pribadi" in i.message]
    assert (warning.sheet, warning.column) == ("Identitas", "Kontak Kantor (telepon/email)")
    assert warning.value == "3273********0006"
    assert "3273015508900006" not in json.dumps(nik.as_dict())


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("hubungi 0812 - 3456 - 7890 ya", "hubungi 0812****7890 ya"),
        ("Tanggal 2025-02-31 tidak sah", "Tanggal 2025-02-31 tidak sah"),
        ("nilai 1.500.000", "nilai 1.500.000"),
    ],
)
def test_spaced_phone_numbers_are_masked_and_dates_and_amounts_left(text, masked):
    assert mask(text) == masked
