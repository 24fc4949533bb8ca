"""``kip monev siapkan|periksa``: the evidence checklist, its check, and the rubric file."""

import shutil
import textwrap

import pytest
from openpyxl import load_workbook

from kip_training import cli
from kip_training.config import load_config
from kip_training.monev import checklist as layout
from kip_training.monev import sample
from kip_training.monev.check import ESTIMATE_LABEL, check_checklist, check_checklist_files
from kip_training.monev.evidence import check_evidence
from kip_training.monev.rubric import RubricError, example_rubric_path, load_rubric, parse_rubric
from kip_training.monev.slide import monev_slide
from kip_training.paths import DATA_DIR
from kip_training.roster import read_roster

SAMPLE = DATA_DIR / "contoh" / "monev"
CHECKLIST = SAMPLE / sample.CHECKLIST_NAME
BUKTI = SAMPLE / sample.EVIDENCE_DIR
SAMPLE_CONFIG = SAMPLE / sample.CONFIG_NAME
REPORTS = DATA_DIR / "contoh" / "laporan" / "2025-S2"


@pytest.fixture(scope="module")
def roster():
    return read_roster()


@pytest.fixture(scope="module")
def sample_result(roster):
    limit = load_config(SAMPLE_CONFIG).monev_prep.limit_bytes
    return check_checklist(CHECKLIST, BUKTI, roster, limit)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """`kip monev siapkan` with the sample reports, run once for the module."""
    target = tmp_path_factory.mktemp("siapkan") / "daftar.xlsx"
    code = cli.main(["monev", "siapkan", "-o", str(target), "--laporan", str(REPORTS)])
    assert code == 0
    return load_workbook(target)


def _run(argv, capsys):
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


# --- periksa on the bundled sample -----------------------------------------------------------


def test_periksa_finds_every_planted_gap_and_nothing_else(sample_result):
    found = {(gap.kode_butir, gap.kind) for gap in sample_result.gaps}
    assert found == set(sample.PLANTED.items())
    assert sample_result.problems == []
    assert (sample_result.ready, sample_result.items) == (10, 15)


def test_periksa_prints_gaps_per_opd_and_a_labelled_internal_estimate(capsys):
    code, printed = _run(
        ["monev", "periksa", str(CHECKLIST), "--bukti", str(BUKTI), "--config", str(SAMPLE_CONFIG)],
        capsys,
    )
    assert code == 1
    assert "Diskominfo – Dinas Komunikasi dan Informatika (3)" in printed
    assert "I4.3 (sheet 'Daftar Bukti', baris 12): bukti belum ada." in printed
    assert "melebihi batas 0,05 MB" in printed
    # weights 20/15/20/20/15/10, ready 1/3, 1/2, 3/3, 3/4, 1/2, 1/1 -> 66,7
    assert "I1 kualitas informasi: bobot 20, 1 dari 3 butir siap -> 6,7" in printed
    assert f"Perkiraan nilai: 66,7 dari 100 ({ESTIMATE_LABEL})." in printed
    assert ESTIMATE_LABEL == "perkiraan internal, bukan nilai monev Komisi Informasi"
    assert "CONTOH — bukan rubrik resmi Komisi Informasi" in printed


def test_the_default_limit_of_2_mb_lets_the_small_oversize_sample_file_pass(roster):
    result = check_checklist(CHECKLIST, BUKTI, roster, load_config().monev_prep.limit_bytes)
    assert "terlalu_besar" not in {gap.kind for gap in result.gaps}
    assert len(result.gaps) == len(sample.PLANTED) - 1


def test_a_complete_checklist_exits_0(tmp_path, capsys):
    folder = tmp_path / "bukti"
    shutil.copytree(BUKTI, folder)
    good = sample.minimal_pdf(["Dokumen pengganti"])
    for relative in ("I1/berkala_mutakhir.pdf", "I1/uji_konsekuensi.pdf", "I2/ruang_layanan.pdf"):
        (folder / relative).write_bytes(good)
    (folder / "I4/register_keberatan.pdf").write_bytes(good)
    wb = load_workbook(CHECKLIST)
    ws = wb[layout.CHECKLIST_TITLE]
    col = layout.COLUMN_INDEX
    ws.cell(row=12, column=col["bukti"], value="I4/register_keberatan.pdf")
    ws.cell(row=12, column=col["status"], value="Siap")
    ws.cell(row=14, column=col["bukti"], value="https://ppid.kotacontoh.go.id/permohonan")
    wb.save(tmp_path / "lengkap.xlsx")
    code, printed = _run(
        ["monev", "periksa", str(tmp_path / "lengkap.xlsx"), "--bukti", str(folder)], capsys
    )
    assert code == 0, printed
    assert "Butir siap: 15 dari 15 (100%); kekurangan: 0." in printed


def test_bad_checklist_cells_are_reported_with_sheet_row_and_column(tmp_path, capsys):
    wb = load_workbook(CHECKLIST)
    ws = wb[layout.CHECKLIST_TITLE]
    ws.cell(row=3, column=layout.COLUMN_INDEX["status"], value="siap banget")
    ws.cell(row=6, column=layout.COLUMN_INDEX["opd"], value="Dinas Antah Berantah")
    ws.cell(row=30, column=layout.COLUMN_INDEX["catatan"], value="baris tambahan")
    wb.save(tmp_path / "salah.xlsx")
    code, printed = _run(
        ["monev", "periksa", str(tmp_path / "salah.xlsx"), "--bukti", str(BUKTI)], capsys
    )
    assert code == 1
    assert "sheet 'Daftar Bukti', baris 3, kolom 'Status' (isi: 'siap banget')" in printed
    assert "sheet 'Daftar Bukti', baris 6, kolom 'OPD penanggung jawab'" in printed
    assert "sheet 'Daftar Bukti', baris 30, kolom 'Kode butir': baris tanpa kode butir" in printed


def test_a_file_that_is_no_workbook_is_one_message_with_status_1(tmp_path, capsys):
    fake = tmp_path / "daftar.xlsx"
    fake.write_text("bukan xlsx")
    code, printed = _run(["monev", "periksa", str(fake), "--bukti", str(BUKTI)], capsys)
    assert code == 1
    assert "bukan berkas xlsx yang dapat dibaca" in printed and "Traceback" not in printed


# --- evidence rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("garbage.pdf", b"%PDF-1.4\nnot really a pdf\n%%EOF\n", "rusak"),
        ("word.pdf", b"PK\x03\x04 a docx renamed", "bukan_pdf"),
        ("blank.pdf", sample.minimal_pdf([]), "kosong"),
    ],
)
def test_evidence_file_problems(tmp_path, name, data, kind):
    (tmp_path / name).write_bytes(data)
    assert [p.kind for p in check_evidence(tmp_path, name, 2_000_000)] == [kind]


def test_evidence_paths_stay_inside_the_folder_and_must_exist(tmp_path):
    (tmp_path / "ok.pdf").write_bytes(sample.minimal_pdf(["isi"]))
    assert check_evidence(tmp_path, "ok.pdf", 2_000_000) == []
    assert [p.kind for p in check_evidence(tmp_path, "../ok.pdf", 2_000_000)] == ["di_luar_folder"]
    assert [p.kind for p in check_evidence(tmp_path, "/etc/passwd", 2_000_000)] == [
        "di_luar_folder"
    ]
    assert [p.kind for p in check_evidence(tmp_path, "tidak_ada.pdf", 2_000_000)] == [
        "tidak_ditemukan"
    ]


@pytest.mark.parametrize(
    ("link", "ok"),
    [
        ("https://ppid.kotacontoh.go.id/dip", True),
        ("http://ppid.kotacontoh.go.id", True),
        ("htps//ppid.kotacontoh.go.id", False),
        ("www.ppid.kotacontoh.go.id", False),
        ("ftp://ppid.kotacontoh.go.id/dip", False),
        ("https://ppid kota.go.id", False),
        ("https://", False),
    ],
)
def test_links_are_checked_for_form_only(tmp_path, link, ok):
    assert (check_evidence(tmp_path, link, 2_000_000) == []) is ok


# --- siapkan ----------------------------------------------------------------------------------


def test_siapkan_writes_dropdowns_for_opd_and_status(prepared):
    ws = prepared[layout.CHECKLIST_TITLE]
    rules = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert rules['"Belum ada,Sedang disiapkan,Siap"'] == "H2:H16"
    assert rules["'Daftar'!$A$2:$A$37"] == "F2:F16"
    opds = [c.value for c in prepared[layout.LISTS_TITLE]["A"][1:]]
    assert "DISKOMINFO – Diskominfo" in opds and len(opds) == 36
    assert prepared[layout.LISTS_TITLE].sheet_state == "hidden"


def test_siapkan_protects_formulas_and_leaves_input_cells_unlocked(prepared):
    ws = prepared[layout.CHECKLIST_TITLE]
    assert ws.protection.sheet and prepared[layout.SUMMARY_TITLE].protection.sheet
    for key in ("opd", "bukti", "status", "catatan"):
        assert ws.cell(row=2, column=layout.COLUMN_INDEX[key]).protection.locked is False, key
    for key in ("kode_butir", "butir", "bukti_diperlukan", "data_laporan"):
        assert ws.cell(row=2, column=layout.COLUMN_INDEX[key]).protection.locked is True, key
    summary = prepared[layout.SUMMARY_TITLE]
    assert summary["E2"].value.startswith("=COUNTIFS('Daftar Bukti'!$A$2:$A$16,A2,")
    assert summary["F2"].value == "=IF(D2=0,0,E2/D2)"
    assert summary["G2"].value == "=C2*F2"
    assert ESTIMATE_LABEL in summary["A10"].value


def test_siapkan_prefills_what_the_reports_already_show(prepared):
    ws = prepared[layout.CHECKLIST_TITLE]
    notes = {
        ws.cell(row=r, column=layout.COLUMN_INDEX["kode_butir"]).value: ws.cell(
            row=r, column=layout.COLUMN_INDEX["data_laporan"]
        ).value
        for r in range(2, ws.max_row + 1)
    }
    # 35 of 36 sample OPDs reported; Bag. PBJ did not (see kip check on the sample).
    assert notes["I1.2"].startswith(
        "dari laporan 2025-S2: 35 dari 36 OPD memutakhirkan informasi berkala"
    )
    assert notes["I1.1"].startswith("dari laporan 2025-S2: 29 dari 36 OPD mengumumkan DIP")
    assert "1.190 permohonan informasi" in notes["I4.2"]
    assert notes["I2.1"] is None
    petunjuk = [c.value for c in prepared[layout.PETUNJUK_TITLE]["A"]]
    assert petunjuk[1].startswith("CONTOH — bukan rubrik resmi Komisi Informasi")


def test_the_committed_sample_is_what_the_generator_writes(tmp_path):
    sample.write_sample(tmp_path)
    for relative, data in sample.evidence_files().items():
        assert (BUKTI / relative).read_bytes() == data, relative
    assert sorted(p.relative_to(BUKTI) for p in BUKTI.rglob("*.pdf")) == sorted(
        p.relative_to(tmp_path / "bukti") for p in (tmp_path / "bukti").rglob("*.pdf")
    )
    assert SAMPLE_CONFIG.read_text() == sample.CONFIG_TEXT
    new, old = load_workbook(tmp_path / sample.CHECKLIST_NAME), load_workbook(CHECKLIST)
    assert new.sheetnames == old.sheetnames
    for name in new.sheetnames:
        assert [[c.value for c in r] for r in new[name].iter_rows()] == [
            [c.value for c in r] for r in old[name].iter_rows()
        ], name


# --- the rubric file --------------------------------------------------------------------------

GOOD = """\
judul: Rubrik uji
komisi: KI Provinsi Banten
tahun: 2026
indikator:
  - kode: A
    nama: kualitas informasi
    bobot: 60
    butir:
      - {kode: A.1, uraian: DIP, bukti: SK DIP, data: dip_terbit}
  - kode: B
    nama: inovasi
    bobot: 40
    butir:
      - {kode: B.1, uraian: Inovasi, bukti: Profil inovasi}
"""


def test_the_bundled_example_rubric_is_labelled_as_an_example():
    rubric = load_rubric(example_rubric_path())
    assert rubric.contoh and rubric.judul == "CONTOH — bukan rubrik resmi Komisi Informasi"
    assert "ilustrasi" in rubric.catatan
    assert sum(i.bobot for i in rubric.indicators) == 100
    assert len(rubric.items) == 15


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("bobot: 40", "bobot: 30"),
            "rubrik.yaml baris 5: bobot indikator berjumlah 90",
        ),
        (
            GOOD.replace("    nama: inovasi\n", "    nama: inovasi\n    bobott: 1\n"),
            "rubrik.yaml baris 12: kunci 'bobott' tidak dikenal di indikator[2]",
        ),
        (
            GOOD.replace("judul: Rubrik uji", "judul: &j Rubrik uji\ncatatan: *j"),
            "rubrik.yaml baris 2: bukan YAML yang sah: alias '*j' tidak diizinkan",
        ),
        (
            GOOD.replace("uraian: Inovasi, ", ""),
            "rubrik.yaml baris 14: indikator[2].butir[1]: kunci 'uraian' wajib ada",
        ),
        (
            GOOD.replace("data: dip_terbit", "data: jumlah_pegawai"),
            "rubrik.yaml baris 9: indikator[1].butir[1].data 'jumlah_pegawai' tidak dikenal",
        ),
    ],
)
def test_a_bad_rubric_is_reported_with_its_file_and_line(text, expected):
    with pytest.raises(RubricError) as exc:
        parse_rubric(text, "rubrik.yaml")
    assert expected in str(exc.value)


def test_siapkan_with_a_bad_rubric_exits_1_naming_file_and_line(tmp_path, capsys):
    path = tmp_path / "rubrik.yaml"
    path.write_text(GOOD.replace("bobot: 40", "bobot: 30"))
    code, printed = _run(
        ["monev", "siapkan", "--rubrik", str(path), "-o", str(tmp_path / "x.xlsx")], capsys
    )
    assert code == 1
    assert f"{path} baris 5: bobot indikator berjumlah 90, harus 100" in printed
    assert not (tmp_path / "x.xlsx").exists()


# --- arguments --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["monev"], "penggunaan: kip monev"),
        (["monev", "siapkan", "-o", "daftar.pptx"], "harus berakhiran .xlsx"),
        (["monev", "siapkan", "--rubrik", "tidak_ada.yaml", "-o", "x.xlsx"], "tidak ditemukan"),
        (["monev", "siapkan", "-o", "x.xlsx", "--laporan", "tidak_ada/"], "tidak ditemukan"),
        (["monev", "periksa", "tidak_ada.xlsx", "--bukti", str(BUKTI)], "tidak ditemukan"),
        (["monev", "periksa", str(CHECKLIST), "--bukti", "tidak_ada/"], "folder bukti"),
    ],
)
def test_bad_arguments_exit_2(argv, expected, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, printed = _run(argv, capsys)
    assert code == 2
    assert expected in printed
    assert not (tmp_path / "x.xlsx").exists()


def test_periksa_without_bukti_is_an_argument_error(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["monev", "periksa", str(CHECKLIST)])
    assert exc.value.code == 2
    assert "argumen berikut wajib diisi: --bukti" in capsys.readouterr().err


def test_bad_monev_settings_in_kip_toml_are_config_errors(tmp_path, capsys):
    config = tmp_path / "kip.toml"
    config.write_text("[monev]\nbatas_bukti_mb = 'dua'\n")
    code, printed = _run(
        ["monev", "periksa", str(CHECKLIST), "--bukti", str(BUKTI), "--config", str(config)],
        capsys,
    )
    assert code == 2
    assert "'monev.batas_bukti_mb' bernilai 'dua'" in printed


# --- the deck's monev slide -------------------------------------------------------------------


def test_monev_slide_data_from_the_sample():
    config = load_config(SAMPLE_CONFIG)
    slide = monev_slide(config, 2026, check_checklist_files(config, CHECKLIST, BUKTI))
    assert (slide.nilai_tahun_lalu, slide.peringkat_tahun_lalu) == (86.4, 4)
    assert slide.kualifikasi_tahun_lalu == "Menuju Informatif"
    assert (slide.butir_siap, slide.butir_total) == (10, 15)
    assert slide.kekurangan_per_opd[0] == ("Diskominfo – Dinas Komunikasi dan Informatika", 3)
    assert [s.tahap for s in slide.jadwal][0] == "Sosialisasi monev"
    assert slide.rubrik_contoh and slide.label_perkiraan == ESTIMATE_LABEL
    bare = monev_slide(load_config(), 2026)
    assert bare.nilai_tahun_lalu is None and bare.kelengkapan is None and bare.jadwal == ()


def test_the_rubric_text_is_dedented_yaml():
    # GOOD is valid: the parametrised failures above come from the one change each makes.
    rubric = parse_rubric(textwrap.dedent(GOOD), "rubrik.yaml")
    assert [i.kode for i in rubric.indicators] == ["A", "B"]
    assert rubric.items[0][1].data == "dip_terbit"
