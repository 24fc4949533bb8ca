import csv
import io
import re
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

from kip_training.cli import main
from kip_training.quiz.bank import load_bank
from kip_training.quiz.export import write_bank
from kip_training.quiz.store import AnswerRecord, ResultStore
from kip_training.safe_export import neutralise, neutralise_frame

DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", '=HYPERLINK("http://x","klik")']
CALC = "=cmd|' /C calc'!A0"
# Each payload hidden behind a control character inside an otherwise harmless value.
HIDDEN = [
    f"Budi{sep}{payload}"
    for sep in ("\r", "\n", "\r\n", "\t", "\x1b")
    for payload in [*DANGEROUS, CALC]
]
PAYLOADS = [*DANGEROUS, CALC, "\r=1", "\n=1", *HIDDEN]


def test_neutralise_prefixes_every_formula_trigger():
    for text in DANGEROUS:
        assert neutralise(text) == "'" + text


def test_neutralise_handles_control_characters_anywhere():
    assert neutralise("Budi\r=cmd|' /C calc'!A0") == "Budi\n'=cmd|' /C calc'!A0"
    assert neutralise("Budi\r\n@cmd") == "Budi\n'@cmd"
    assert neutralise("\r=1") == "'\n'=1"
    assert neutralise("Budi\t+SUM(A1)") == "Budi\t'+SUM(A1)"
    assert neutralise("Budi\x1b[2J=1") == "Budi\u241b[2J=1"  # ESC made visible
    assert neutralise("baris satu\nbaris dua\n-5") == "baris satu\nbaris dua\n-5"


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


def _assert_no_formula_in_csv_and_libreoffice(paths, tmp_path):
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for field in row:
                    for piece in re.split("[\r\n\t]", field):
                        assert not piece or piece[0] not in "=+@\t" or piece[0] == "'", (
                            path,
                            field,
                        )
                        assert not piece.startswith("-") or piece[1:2].isdigit(), (path, field)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    out = tmp_path / "lo"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profil').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    values = []
    for path in paths:
        book = openpyxl.load_workbook(out / f"{path.stem}.xlsx")
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(("=", "+", "@")), (path.name, cell.value)
                        values.append(cell.value)
    return values


def test_every_csv_the_toolkit_writes_has_no_formula_cell(tmp_path, capsys):
    """Results and bank CSV, read back by csv.reader and by LibreOffice (issue 15, item 2)."""
    db = tmp_path / "hasil.sqlite"
    with ResultStore(db) as store:
        for number, payload in enumerate(PAYLOADS):
            store.record(
                AnswerRecord(
                    participant=payload,
                    opd=payload,
                    quiz="kuis",
                    question_id=f"q-{number}",
                    topic="uji",
                    answer=payload,
                    correct=True,
                    score=1.0,
                )
            )
    results = tmp_path / "hasil.csv"
    assert main(["quiz", "results", "--db", str(db), "-o", str(results)]) == 0

    bank_file = tmp_path / "uji.yaml"
    entries = "".join(
        f"  - id: u-{i:02d}\n    type: benar_salah\n    difficulty: 1\n"
        f"    prompt: {yaml_quote(payload)}\n    answer: true\n"
        f"    explanation: {yaml_quote(payload)}\n    reference: UU 14/2008 Pasal 2\n"
        for i, payload in enumerate(PAYLOADS)
    )
    bank_file.write_text(f"topic: uji\njudul: Uji\nquestions:\n{entries}", encoding="utf-8")
    bank = tmp_path / "bank.csv"
    write_bank(load_bank([bank_file]), "csv", bank)

    with open(results, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + len(PAYLOADS)  # no payload started a row of its own
    values = _assert_no_formula_in_csv_and_libreoffice([results, bank], tmp_path)
    # The text is still there to read, as text.
    assert any("'=cmd|' /C calc'!A0" in v for v in values)


def yaml_quote(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (control characters escaped)."""
    import json

    return json.dumps(text)


# Characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF): openpyxl refused to save a
# workbook holding one, so one odd value cost the whole export (issue 15, item 4).
XML_FORBIDDEN = ["Budi\x1b[2J", "Ani\x0cSiti", "Rina\ufffe", "Tono\uffff"]


def test_cell_values_carry_no_character_a_workbook_cannot_hold():
    assert neutralise("a\ufffeb\uffff") == "a<U+FFFE>b<U+FFFF>"
    assert neutralise("laporan\udcff.csv") == "laporan<U+DCFF>.csv"  # a name not in UTF-8
    assert neutralise("x\x0c=1") == "x\u240c=1"


def test_every_xlsx_the_toolkit_writes_takes_characters_xml_forbids(tmp_path):
    from kip_training.exercises.consequence import ConsequenceTest, to_xlsx

    db = tmp_path / "hasil.sqlite"
    with ResultStore(db) as store:
        for number, name in enumerate(XML_FORBIDDEN):
            store.record(
                AnswerRecord(
                    participant=name,
                    opd="DINKES",
                    quiz="kuis",
                    question_id=f"q-{number}",
                    topic="uji",
                    answer=name,
                    correct=True,
                    score=1.0,
                )
            )
    results = tmp_path / "hasil.xlsx"
    assert main(["quiz", "results", "--db", str(db), "-o", str(results)]) == 0
    answers = openpyxl.load_workbook(results)["Jawaban"]
    names = {row[0] for row in answers.iter_rows(min_row=2, values_only=True)}
    assert {"Budi\u241b[2J", "Ani\u240cSiti", "Rina<U+FFFE>", "Tono<U+FFFF>"} <= names

    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(ConsequenceTest(dokumen="Daftar\ufffe\x1b"))))
    assert "Daftar<U+FFFE>\u241b" in [c.value for row in sheet.active.iter_rows() for c in row]


def test_an_xlsx_that_cannot_be_written_is_one_indonesian_error_naming_it(tmp_path):
    from kip_training.errors import DeckError
    from kip_training.safe_export import xlsx_workbook

    blocker = tmp_path / "bukan_folder"
    blocker.write_text("berkas biasa")
    target = blocker / "lampiran.xlsx"
    refused = pytest.raises(DeckError, match="lampiran.xlsx tidak dapat ditulis")
    with refused, xlsx_workbook(target) as workbook:
        workbook.add_worksheet("Per OPD")
