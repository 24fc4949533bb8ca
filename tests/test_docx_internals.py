"""The python-docx internals the annual report relies on still exist and do their job."""

import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kip_training.annual import docx_internals


def _table():
    document = docx.Document()
    return document, document.add_table(rows=2, cols=1)


def test_header_row_shading_alt_text_and_field_characters_reach_the_xml():
    document, table = _table()
    docx_internals.repeat_header(table.rows[0])
    docx_internals.shade(table.cell(0, 0), "DCE6F0")
    docx_internals.keep_row_together(table.rows[1])
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert table.cell(0, 0)._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "DCE6F0"

    png = io.BytesIO()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=(1, 1))
    figure.savefig(png, format="png")
    plt.close(figure)
    document.add_picture(io.BytesIO(png.getvalue()))
    docx_internals.describe_picture(document.inline_shapes[-1], "Grafik contoh", "Judul")
    xml = document.inline_shapes[-1]._inline.docPr
    assert (xml.get("descr"), xml.get("title")) == ("Grafik contoh", "Judul")

    run = document.add_paragraph().add_run()
    char = OxmlElement("w:fldChar")
    docx_internals.append_to_run(run, char)
    assert run._r[-1] is char


def test_no_other_module_reaches_into_python_docx_privates():
    import re
    from pathlib import Path

    package = Path(docx_internals.__file__).parents[1]
    private = re.compile(r"\._(tr|tc|r|p|inline|tbl)\b")
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "docx_internals.py"
        and "docx" in path.read_text(encoding="utf-8")
        and private.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
