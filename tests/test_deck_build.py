"""The deck from real report files: numbers against the metrics, privacy, ``kip deck``."""

import datetime as dt

import pytest
from deck_pptx import all_text, charts_of, open_deck, table_rows, tables_of, title_of
from fixtures.reports.build import periodic, request, write

from kip_training.cli import main
from kip_training.config import load_config
from kip_training.deck import build_deck_from_paths, content
from kip_training.metrics import summarize
from kip_training.reports import Period, load_reports

D = dt.date
PLANTED = "Budi Santoso Pemohon"
ROSTER = """kode,nama,singkatan,kelompok
DINKES,Dinas Kesehatan,Dinkes,dinas
DISDIK,Dinas Pendidikan dan Kebudayaan,Disdik,dinas
DISHUB,Dinas Perhubungan,Dishub,dinas
"""


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """Two semesters of hand-made reports: 2025-S1 (DISHUB missing, DISDIK late), 2024-S2."""
    root = tmp_path_factory.mktemp("laporan")
    (root / "opd.csv").write_text(ROSTER, encoding="utf-8")
    (root / "kip.toml").write_text(
        '[data]\nroster = "opd.csv"\n[rapat]\ntanggal = "2025-07-24"\ntempat = "Aula Diskominfo"\n',
        encoding="utf-8",
    )
    current, previous = root / "2025-S1", root / "2024-S2"
    write(
        current,
        "dinkes.xlsx",
        permohonan=[
            request("001"),
            request(
                "002",
                keputusan="Ditolak (dikecualikan)",
                pasal_17="h",
                tanggal_pemberitahuan=D(2025, 1, 24),
                **{"Nama Pemohon": PLANTED},
            ),
            request("003", keputusan="Dipenuhi sebagian", tanggal_pemberitahuan=D(2025, 1, 8)),
            request("004", keputusan="Dalam proses", tanggal_pemberitahuan=None),
        ],
        extra_columns={"permohonan": ["Nama Pemohon"]},
        berkala=[periodic(), periodic("Laporan keuangan")],
    )
    write(
        current,
        "disdik.xlsx",
        identitas={
            "kode_opd": "DISDIK",
            "nama_opd": "Dinas Pendidikan dan Kebudayaan",
            "tanggal_laporan": D(2025, 8, 15),
        },
        permohonan=[
            request("101"),
            request("102", tanggal_diterima=D(2025, 3, 3), tanggal_pemberitahuan=D(2025, 3, 5)),
        ],
        keberatan=[],
    )
    write(
        previous,
        "dinkes.xlsx",
        identitas={"tahun": 2024, "semester": "II", "tanggal_laporan": D(2025, 1, 6)},
        permohonan=[
            request("001", tanggal_diterima=D(2024, 10, 7), tanggal_pemberitahuan=D(2024, 10, 10))
        ],
        keberatan=[],
        berkala=[periodic(tanggal_mutakhir=D(2024, 11, 1))],
    )
    config = load_config(root / "kip.toml")
    out = root / "rapat.pptx"
    result = build_deck_from_paths([current], out, previous=[previous], config=config)
    metrics = summarize(load_reports([current], config=config), config)
    return {
        "root": root,
        "current": current,
        "previous": previous,
        "config": config,
        "result": result,
        "prs": open_deck(out),
        "metrics": metrics,
    }


def _slide(prs, prefix):
    return next(s for s in prs.slides if title_of(s).startswith(prefix))


def test_headline_numbers_are_the_metrics_of_the_reports(setup):
    prs, totals = setup["prs"], setup["metrics"].totals
    rows = {r[0]: r for r in table_rows(tables_of(_slide(prs, "Angka utama"))[0])}
    assert rows["Permohonan informasi"][1:] == ["1", "6", "▲ 5"]  # counted by hand
    assert rows["Ditolak"][2] == "1"
    assert rows["Permohonan informasi"][2] == content.fmt_count(totals["permohonan"])
    fulfilled = totals["dipenuhi_seluruhnya"] + totals["dipenuhi_sebagian"]
    assert rows["Dipenuhi (seluruhnya + sebagian)"][2] == content.fmt_count(fulfilled)
    assert rows["Pemberitahuan tepat waktu"][2] == content.fmt_percent(totals["persen_tepat_waktu"])
    assert rows["Median hari kerja sampai pemberitahuan"][2] == content.fmt_days(
        totals["hari_kerja_median"]
    )
    assert rows["Keberatan"][2] == content.fmt_count(totals["keberatan"])


def test_reporting_slide_names_late_and_missing_opds(setup):
    slide = _slide(setup["prs"], "1 dari 3 OPD melapor tepat waktu")
    rows = table_rows(tables_of(slide)[0])[1:]
    assert ["Dinas Perhubungan", "Tidak melapor", "—"] in rows
    assert ["Dinas Pendidikan dan Kebudayaan", "Terlambat", "15 Agustus 2025"] in rows
    assert "Dinas Kesehatan" not in [r[0] for r in rows]


def test_refusal_chart_has_the_letter_and_its_count(setup):
    charts = charts_of(
        _slide(setup["prs"], "66,7% permohonan dipenuhi; 1 ditolak, terbanyak Pasal 17 huruf h")
    )
    refusals = charts[1].plots[0]
    assert list(refusals.categories) == ["Huruf h: rahasia pribadi"]
    assert list(refusals.series[0].values) == [1.0]


def test_a_planted_requester_name_never_reaches_the_deck(setup):
    text = all_text(setup["prs"])
    assert PLANTED not in text
    assert "Budi" not in text
    assert "Dinas Kesehatan" in text  # the reader does see the deck's text


def test_result_lists_problems_and_counts_slides(setup):
    result = setup["result"]
    assert result.slides == len(setup["prs"].slides)
    assert result.period == Period(2025, 1)
    assert result.previous_period == Period(2024, 2)
    assert any("data pribadi" in i.message for i in result.issues)
    assert result.missing_opd == ["DISHUB"]


def test_kip_deck_writes_the_deck_and_ends_with_its_path(setup, tmp_path, capsys):
    out = tmp_path / "rapat.pptx"
    code = main(
        [
            "deck",
            str(setup["current"]),
            "-o",
            str(out),
            "--previous",
            str(setup["previous"]),
            "--config",
            str(setup["root"] / "kip.toml"),
        ]
    )
    printed = capsys.readouterr()
    assert code == 0
    assert out.is_file()
    lines = printed.out.strip().splitlines()
    assert lines[-1] == f"Paparan ditulis: {out}"
    assert "OPD belum melapor (1): Dinas Perhubungan" in printed.out
    assert "data pribadi" in printed.out  # the dropped column is reported on the terminal
    assert "Budi" not in printed.out + printed.err


def test_kip_deck_exit_1_when_nothing_usable_was_read(setup, tmp_path, capsys):
    folder = tmp_path / "kosong"
    folder.mkdir()
    (folder / "rusak.xlsx").write_text("bukan excel")
    config = str(setup["root"] / "kip.toml")
    code = main(["deck", str(folder), "-o", str(tmp_path / "x.pptx"), "--config", config])
    printed = capsys.readouterr()
    assert code == 1
    assert "Tidak ada laporan yang dapat dipakai" in printed.err
    assert "rusak.xlsx" in printed.out
    assert not (tmp_path / "x.pptx").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "rapat.pdf"], "harus berakhiran .pptx"),
        (["-o", "rapat.pptx", "--previous", "tidak-ada"], "'tidak-ada' tidak ditemukan"),
        (["-o", "rapat.pptx", "--quiz-db", "tidak-ada.sqlite3"], "basis data kuis"),
        (["-o", "rapat.pptx", "--periode", "2025-S3"], "bukan periode yang sah"),
    ],
)
def test_kip_deck_exit_2_for_unusable_arguments(setup, tmp_path, capsys, args, message):
    args = [a if a != "rapat.pptx" else str(tmp_path / a) for a in args]
    code = main(["deck", str(setup["current"]), *args])
    assert code == 2
    assert message in capsys.readouterr().err


def test_kip_deck_exit_2_for_a_template_without_the_layouts(setup, tmp_path, capsys):
    from pptx import Presentation

    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name == "Section Header":
            prs.slide_layouts.remove(layout)
    bad = tmp_path / "korporat.pptx"
    prs.save(str(bad))
    code = main(
        [
            "deck",
            str(setup["current"]),
            "-o",
            str(tmp_path / "rapat.pptx"),
            "--template",
            str(bad),
            "--config",
            str(setup["root"] / "kip.toml"),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "slide bagian" in err and "korporat.pptx" in err


def test_the_annex_beside_the_deck_holds_the_full_per_opd_table(setup):
    from openpyxl import load_workbook

    result = setup["result"]
    assert result.annex == setup["root"] / "rapat_lampiran.xlsx"
    book = load_workbook(result.annex, read_only=True)
    assert book.sheetnames == ["Per OPD", "Hasil pemeriksaan", "Kendala dan rekomendasi"]
    rows = list(book["Per OPD"].iter_rows(values_only=True))
    header, body = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert set(body) == {"DINKES", "DISDIK", "DISHUB"}  # every roster OPD, also the missing one
    per_opd = setup["metrics"].per_opd
    assert body["DINKES"]["Permohonan"] == per_opd.loc["DINKES", "permohonan"]
    assert body["DISDIK"]["Ditolak"] == per_opd.loc["DISDIK", "ditolak"]
    assert body["DISHUB"]["Status laporan"] == "Tidak melapor"
    assert body["DISHUB"]["Permohonan"] is None  # no report: an empty cell, never 0
    assert "Perubahan (poin persentase)" in header
    issues = list(book["Hasil pemeriksaan"].iter_rows(values_only=True))
    counted = issues[0].index("Jumlah")
    assert sum(r[counted] for r in issues[1:]) == len(result.issues)  # every finding, grouped
    assert PLANTED not in str(issues)


def test_headline_says_how_many_requests_were_excluded(setup):
    slide = _slide(setup["prs"], "Angka utama")
    text = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "6 permohonan dilaporkan, 0 tidak dapat dipakai" in text
    assert "1 OPD belum melapor" in text


def test_a_deck_that_cannot_be_written_says_why_in_indonesian(capsys):
    from kip_training.cli import main
    from kip_training.paths import DATA_DIR

    samples = DATA_DIR / "contoh" / "laporan" / "2025-S2"
    code = main(["deck", str(samples), "-o", "/proc/kip-paparan-uji.pptx"])
    err = capsys.readouterr().err
    assert code != 0
    assert "/proc/kip-paparan-uji.pptx" in err and "berkas atau folder tidak ada" in err
    assert "No such file" not in err
