"""The deck's monev slide: last year's KI result, this year's checklist, the timeline."""

import datetime as dt

from kip_training.deck.model import Bullets, Columns, Figures, Text
from kip_training.deck.monev import has_content, monev_slide
from kip_training.monev.settings import Stage
from kip_training.monev.slide import MonevSlide


def _monev(**changes):
    values = dict(
        tahun=2026,
        nilai_tahun_lalu=86.4,
        peringkat_tahun_lalu=4,
        kualifikasi_tahun_lalu="Menuju Informatif",
        kelengkapan=10 / 15,
        butir_siap=10,
        butir_total=15,
        kekurangan_per_opd=(("Diskominfo", 3), ("Bag. Hukum", 1)),
        perkiraan_nilai=66.7,
        jadwal=(Stage("Pengisian SAQ", dt.date(2026, 5, 4), dt.date(2026, 6, 15)),),
    )
    values.update(changes)
    return MonevSlide(**values)


def test_the_slide_states_progress_and_labels_the_estimate_as_internal():
    slide = monev_slide(_monev())
    assert slide.title == "Monev 2026: 10 dari 15 butir bukti siap; 2 OPD masih punya kekurangan"
    [figures] = [b for b in slide.blocks if isinstance(b, Figures)]
    shown = {f.label: (f.value, f.detail) for f in figures.items}
    assert shown["Nilai monev 2025"] == (
        "86,40",
        "peringkat 4 (Menuju Informatif, menurut batas KI)",
    )
    assert shown["Bukti siap"] == ("67%", "10 dari 15 butir")
    assert shown["Perkiraan nilai"] == ("66,7", "perkiraan internal")
    texts = [p for b in slide.blocks if isinstance(b, Text) for p in b.paragraphs]
    assert "perkiraan internal, bukan nilai monev Komisi Informasi" in texts
    [columns] = [b for b in slide.blocks if isinstance(b, Columns)]
    lines = [t for b in columns.blocks if isinstance(b, Bullets) for _, t in b.items]
    assert "Diskominfo: 3 butir" in lines
    assert "Pengisian SAQ: 4 Mei 2026 – 15 Juni 2026" in lines
    assert "Diskominfo (3)" in slide.notes and "menurut batas Komisi Informasi" in slide.notes


def test_without_a_checklist_the_slide_shows_last_year_and_the_timeline():
    slide = monev_slide(
        _monev(
            kelengkapan=None,
            butir_siap=0,
            butir_total=0,
            kekurangan_per_opd=(),
            perkiraan_nilai=None,
        )
    )
    assert slide.title == "Monev 2026: berangkat dari nilai 2025 86,40"
    assert "perkiraan internal" not in slide.notes


def test_nothing_known_means_no_slide():
    empty = _monev(
        nilai_tahun_lalu=None,
        peringkat_tahun_lalu=None,
        kualifikasi_tahun_lalu=None,
        kelengkapan=None,
        butir_siap=0,
        butir_total=0,
        kekurangan_per_opd=(),
        perkiraan_nilai=None,
        jadwal=(),
    )
    assert not has_content(empty)
    assert has_content(_monev())


def test_kip_deck_with_the_sample_checklist_has_the_monev_slide(tmp_path, capsys):
    from pptx import Presentation

    from kip_training.cli import main
    from kip_training.paths import DATA_DIR

    sample = DATA_DIR / "contoh" / "monev"
    out = tmp_path / "rapat.pptx"
    code = main(
        [
            "deck",
            str(DATA_DIR / "contoh" / "laporan" / "2025-S2"),
            "-o",
            str(out),
            "--config",
            str(sample / "kip.toml"),
            "--monev",
            str(sample / "daftar_bukti_terisi.xlsx"),
            "--tanpa-cache",
        ]
    )
    assert code in (0, 1)  # the sample reports have findings
    titles = [s.shapes.title.text for s in Presentation(out).slides if s.shapes.title]
    [title] = [t for t in titles if t.startswith("Monev 2026")]
    # the sample's planted gaps: 5 of 15 items not ready, in 3 OPDs
    assert title == "Monev 2026: 10 dari 15 butir bukti siap; 3 OPD masih punya kekurangan"
