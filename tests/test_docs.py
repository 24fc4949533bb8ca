"""The legal reference page (docs/dasar_hukum.md) is generated from law.py and is current."""

from pathlib import Path

from kip_training import law
from kip_training.docs import DOCS_PAGE, render_legal_reference

ROOT = Path(__file__).resolve().parent.parent


def test_committed_page_is_current():
    committed = (ROOT / DOCS_PAGE).read_text(encoding="utf-8")
    assert committed == render_legal_reference(), (
        f"{DOCS_PAGE} is out of date with law.py or the monev registry: "
        "run `python tools/build_docs.py` and commit the result."
    )


def test_every_deadline_appears_with_its_article_and_confidence():
    page = render_legal_reference()
    rows = {line.split("(`")[1].split("`)")[0]: line for line in page.splitlines() if "(`" in line}
    for key, deadline in law.DEADLINES.items():
        assert deadline.basis in rows[key]
        assert (
            rows[key]
            .rstrip(" |")
            .endswith(
                "belum pasti" if deadline.confidence == law.BELUM_PASTI else deadline.confidence
            )
        )


def test_conventions_are_stated_as_the_toolkits_own():
    page = render_legal_reference()
    assert "konvensi perangkat ini, bukan bunyi undang-undang" in page
    assert law.DAY_ZERO_CONVENTION in page and law.CUTI_BERSAMA_DEFAULT_REASON in page


def test_monev_section_teaches_2018_bands_and_no_bands_before():
    page = render_legal_reference()
    assert "| Informatif | 90–100 |" in page and "| Menuju Informatif | 80–89,9 |" in page
    assert "Tidak ada batas kualifikasi sebelum 2018" in page
    assert "97" not in page  # the unconfirmed pre-2018 band is not taught
    assert "KI Provinsi Banten, 2023" in page and "Jumlah indikator: 4" in page


def test_every_rule_of_law_is_on_the_page_with_its_basis():
    page = render_legal_reference()
    rules = [*law.OBJECTION_RULES, *law.DISPUTE_PATH, *law.CONSEQUENCE_TEST_RULES]
    for rule in [*rules, *law.REPORTING_RULES, law.SANCTION_RULE, law.PASAL_12_RULE]:
        assert rule.text in page and rule.basis in page
    for text in (*law.PASAL_17.values(), *law.PASAL_35_GROUNDS.values()):
        assert text in page


def test_page_stands_alone():
    page = render_legal_reference()
    assert "../shared" not in page and "KIP.md" not in page
