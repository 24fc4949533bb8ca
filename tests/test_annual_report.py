"""kip laporan-tahunan: the annual service report from both semesters of the sample year."""

import shutil
import subprocess
import zipfile

import docx
import pytest
from openpyxl import load_workbook

from kip_training import law
from kip_training.annual.document import SECTIONS
from kip_training.annual.template import TEMPLATE, write_template
from kip_training.cli import main
from kip_training.paths import DATA_DIR
from kip_training.reports import Period, load_reports

S1 = DATA_DIR / "contoh" / "laporan" / "2025-S1"
S2 = DATA_DIR / "contoh" / "laporan" / "2025-S2"
STEM = "laporan_layanan_informasi_2025"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One run with --pdf on the two sample folders (LibreOffice once for the module)."""
    folder = tmp_path_factory.mktemp("tahunan")
    code = main(["laporan-tahunan", "2025", str(S1), str(S2), "-o", str(folder), "--pdf"])
    return code, folder


@pytest.fixture(scope="module")
def document(built):
    return docx.Document(str(built[1] / f"{STEM}.docx"))


@pytest.fixture(scope="module")
def semesters():
    return [
        load_reports([S1], period=Period(2025, 1)),
        load_reports([S2], period=Period(2025, 2)),
    ]


def number(text):
    return int(text.replace(".", ""))


def table_after(document, caption_start):
    """The table whose caption paragraph starts with ``caption_start``, as rows of text as
    a reader sees it (soft hyphens, shown only where a word wraps, left out)."""
    body = document.element.body
    found = False
    for child in body.iterchildren():
        if child.tag.endswith("}p") and "".join(child.itertext()).startswith(caption_start):
            found = True
        elif found and child.tag.endswith("}tbl"):
            table = docx.table.Table(child, document)
            return [[c.text.replace("\u00ad", "") for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table captioned {caption_start!r}")


def test_the_command_writes_docx_xlsx_and_pdf(built):
    code, folder = built
    assert code == 0
    for suffix in (".docx", ".pdf", "_tabel.xlsx"):
        assert (folder / f"{STEM}{suffix}").stat().st_size > 1000


def test_pasal_12_figures_equal_the_checked_reports_of_both_semesters(document, semesters):
    requests = sum(len(r.permohonan) for r in semesters)
    decided = {
        code: sum(int((r.permohonan["keputusan"] == code).sum()) for r in semesters)
        for code in ("dipenuhi_seluruhnya", "dipenuhi_sebagian", "ditolak")
    }
    rows = table_after(document, "Tabel 1.")
    header, total = rows[0], rows[-1]
    assert total[0] == "Jumlah setahun"
    assert number(total[header.index("Permohonan")]) == requests
    assert number(total[header.index("Dipenuhi seluruhnya")]) == decided["dipenuhi_seluruhnya"]
    assert number(total[header.index("Dipenuhi sebagian")]) == decided["dipenuhi_sebagian"]
    assert number(total[header.index("Ditolak")]) == decided["ditolak"]
    per_opd = table_after(document, "Tabel 3.")
    assert number(per_opd[-1][1]) == requests  # the OPD table adds up to the same total

    refusals = table_after(document, "Tabel 2.")
    by_letter = {row[0]: number(row[-1]) for row in refusals[1:]}
    for letter in law.PASAL_17:
        refused = [r.permohonan[r.permohonan["keputusan"] == "ditolak"] for r in semesters]
        expected = sum(int((f["pasal_17"] == letter).sum()) for f in refused)
        assert by_letter[letter] == expected, letter

    objections = table_after(document, "Tabel 4.")
    assert objections[1][0] == "Keberatan diterima"
    assert number(objections[1][1]) == sum(len(r.keberatan) for r in semesters)


def test_the_six_sections_of_pasal_56_come_in_order(document):
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == list(SECTIONS)


def test_table_of_contents_is_a_field_with_the_headings_written_in(built, document):
    xml = zipfile.ZipFile(built[1] / f"{STEM}.docx").read("word/document.xml").decode()
    assert "TOC \\o" in xml
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Daftar Isi")
    assert texts[start + 1 : start + 7] == list(SECTIONS)


def test_missing_texts_show_visible_placeholders(document):
    placeholders = [p.text for p in document.paragraphs if p.text.startswith("[isi:")]
    for key in ("kebijakan", "sarana", "sdm", "anggaran", "perkara_pengadilan"):
        assert any(f"kunci {key}." in text for text in placeholders), key


def test_texts_from_kip_toml_replace_the_placeholders(tmp_path):
    config = tmp_path / "kip.toml"
    config.write_text(
        '[laporan_tahunan]\nkebijakan = "Perwal Kota Contoh Nomor 12 Tahun 2023."\n',
        encoding="utf-8",
    )
    args = ["laporan-tahunan", "2025", str(S1), "-o", str(tmp_path), "--config", str(config)]
    assert main(args) == 0
    doc = docx.Document(str(tmp_path / f"{STEM}.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "Perwal Kota Contoh Nomor 12 Tahun 2023." in texts
    assert not any("kunci kebijakan." in t for t in texts)
    assert any("kunci anggaran." in t for t in texts)
    assert any("Semester II 2025: tidak ada laporan" in t for t in texts)


def test_every_picture_has_alt_text(document):
    pictures = document.inline_shapes
    assert len(pictures) >= 3
    for shape in pictures:
        assert len(shape._inline.docPr.get("descr", "")) > 40


def test_workbook_for_the_website_has_the_tables(built, semesters):
    wb = load_workbook(built[1] / f"{STEM}_tabel.xlsx")
    for name in ("Permohonan", "Per OPD", "Penolakan Pasal 17", "Sengketa", "Kendala"):
        assert name in wb.sheetnames
    ws = wb["Permohonan"]
    header = [c.value for c in ws[3]]
    last = [c.value for c in ws[ws.max_row]]
    assert last[0] == "Jumlah setahun"
    assert last[header.index("Permohonan")] == sum(len(r.permohonan) for r in semesters)


def test_the_pdf_has_every_section(built):
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed"
    text = subprocess.run(
        [pdftotext, str(built[1] / f"{STEM}.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for title in SECTIONS:
        assert flat.count(title) >= 2, title  # in the table of contents and as a heading


def test_a_year_without_reports_exits_1_in_indonesian(tmp_path, capsys):
    assert main(["laporan-tahunan", "2024", str(S1), "-o", str(tmp_path)]) == 1
    assert "Tidak ada laporan PPID Pembantu tahun 2024" in capsys.readouterr().err


@pytest.mark.parametrize("year", ["20x5", "1999", "25"])
def test_a_bad_year_exits_2(tmp_path, capsys, year):
    assert main(["laporan-tahunan", year, str(S1), "-o", str(tmp_path)]) == 2
    assert f"tahun '{year}' tidak sah" in capsys.readouterr().err


def test_an_unreadable_file_is_named_and_the_rest_used(tmp_path, capsys):
    folder = tmp_path / "laporan"
    shutil.copytree(S1, folder)
    (folder / "RUSAK_2025-S1.xlsx").write_bytes(b"bukan berkas excel")
    assert main(["laporan-tahunan", "2025", str(folder), "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "RUSAK_2025-S1.xlsx" in out
    doc = docx.Document(str(tmp_path / f"{STEM}.docx"))
    total = table_after(doc, "Tabel 1.")[-1]
    assert number(total[1]) == len(load_reports([S1], period=Period(2025, 1)).permohonan)


def test_committed_template_is_current(tmp_path):
    fresh = write_template(tmp_path / "t.docx")
    for part in ("word/styles.xml", "word/document.xml"):
        assert zipfile.ZipFile(fresh).read(part) == zipfile.ZipFile(TEMPLATE).read(part), (
            "jalankan: python -c 'from kip_training.annual.template import write_template; "
            "write_template()'"
        )
