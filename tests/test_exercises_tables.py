"""Reference tables shown in the notebooks come from law.py."""

from kip_training import law
from kip_training.exercises import tables


def test_deadline_table_has_every_deadline_with_its_article():
    table = tables.deadline_table()
    assert len(table) == len(law.DEADLINES)
    row = table.loc["Pemberitahuan tertulis atas permohonan informasi"]
    assert row["Hari kerja"] == 10
    assert row["Dasar hukum"] == "UU 14/2008 Pasal 22 ayat (7)"


def test_category_table_marks_the_secondary_wording_of_pasal_11():
    table = tables.category_table()
    assert table.loc["Informasi yang wajib tersedia setiap saat", "Keyakinan"] == "sumber sekunder"
    assert (
        "paling singkat 6 (enam) bulan"
        in table.loc["Informasi yang wajib disediakan dan diumumkan secara berkala", "Isi"]
    )


def test_pasal_17_table_marks_a_to_f_as_not_permanent():
    column = tables.pasal_17_table()["Tidak permanen (Pasal 20 ayat (1))"]
    assert "".join(column[column == "ya"].index) == "abcdef"


def test_sanction_table_has_only_pasal_51_to_53_with_rupiah_figures():
    table = tables.sanction_table()
    assert list(table.index) == [
        "UU 14/2008 Pasal 51",
        "UU 14/2008 Pasal 52",
        "UU 14/2008 Pasal 53",
    ]
    assert table.loc["UU 14/2008 Pasal 53", "Denda paling banyak"] == "Rp10.000.000"


def test_objection_table_marks_deliberation_grounds():
    column = tables.objection_table()["Dapat diselesaikan musyawarah (Pasal 35 ayat (2))"]
    assert "".join(column[column == "ya"].index) == "bcdefg"


def test_monev_table_states_bands_as_secondary():
    table = tables.monev_table()
    assert set(table["Keyakinan"]) == {"sumber sekunder"}
    assert table.loc[("KI Pusat 2018–2025", "Informatif"), "Nilai"] == "90 sampai 100"
    assert "97" not in " ".join(table["Nilai"])  # the unconfirmed pre-2018 band is not taught


def test_table_html_keeps_long_text_whole_and_escaped():
    import pandas as pd

    long = "Tanggal pemberitahuan lebih awal dari tanggal diterima. " * 4 + "<b>"
    html = tables.table_html(pd.DataFrame({"Masalah": [long]}))
    assert "..." not in html and "&lt;b&gt;" in html
    assert 'class="dataframe kip-tabel"' in html
