"""Coordination-meeting material: both periods, the headline figures, the deck."""

import datetime as dt

import pytest
from pptx import Presentation

from kip_training import sample
from kip_training.exercises.meeting import (
    deck_link,
    deck_text,
    key_figures_text,
    load_material,
    make_deck,
)
from kip_training.exercises.session import sample_folder
from kip_training.textfmt import format_number, format_percent


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("contoh")
    sample.write_sample(root)
    return root


@pytest.fixture(scope="module")
def material(sample_root):
    return load_material("2025-S2", sample_root / "2025-S2", sample_root / "2025-S1")


def test_sample_folder_is_the_bundled_period_folder():
    assert sample_folder("2025-2").parts[-3:] == ("contoh", "laporan", "2025-S2")


def test_key_figures_name_the_missing_and_late_opd_with_changes(material):
    text = key_figures_text(material)
    assert text.startswith("Semester II 2025. Perubahan dibanding Semester I 2025 dalam kurung.")
    assert "OPD wajib lapor: 36; melapor: 35 (tetap); terlambat: 1; tidak melapor: 1." in text
    assert "Belum melapor: Bagian Pengadaan Barang dan Jasa Sekretariat Daerah." in text
    totals, change = material.summary.totals, material.comparison.change("permohonan")
    sign = "+" if change >= 0 else "−"
    expected = f"Permohonan informasi: {format_number(totals['permohonan'])} ({sign}"
    assert f"{expected}{format_number(abs(change))})." in text
    assert f"tepat waktu: {format_percent(totals['persen_tepat_waktu'], 1)} (" in text


def test_without_a_previous_folder_there_is_no_comparison(sample_root, tmp_path):
    material = load_material("2025-S2", sample_root / "2025-S2", tmp_path / "tidak_ada")
    assert material.previous is None
    assert "Tidak ada data semester sebelumnya" in key_figures_text(material)
    assert "(tetap)" not in key_figures_text(material)


def test_make_deck_writes_the_pptx_to_the_output_folder(material, tmp_path, monkeypatch):
    monkeypatch.setenv("KIP_OUTPUT", str(tmp_path))
    result = make_deck(material)
    assert result.path == tmp_path / "rapat_koordinasi_2025-S2.pptx"
    assert len(Presentation(result.path).slides) == result.slides > 5
    assert deck_text(result) == (
        f"Slide rapat koordinasi Semester II 2025: {result.slides} slide "
        "(rapat_koordinasi_2025-S2.pptx)."
    )
    assert 'download="rapat_koordinasi_2025-S2.pptx"' in deck_link(result).data


def _uploaded(folder):
    return [
        {
            "name": path.name,
            "type": "",
            "size": path.stat().st_size,
            "content": memoryview(path.read_bytes()),
            "last_modified": dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        }
        for path in sorted(folder.iterdir())
    ]


def test_the_form_builds_the_sample_material_without_any_setting(tmp_path, monkeypatch):
    from kip_training.exercises.meeting import MeetingForm

    monkeypatch.setenv("KIP_OUTPUT", str(tmp_path))
    form = MeetingForm()
    assert form.period_dropdown.value == "2025-S2"
    assert form.period_dropdown.label == "Semester II 2025"
    assert "data contoh Kota Contoh" in form.status.value
    assert "OPD wajib lapor: 36" in form.figures.value
    assert all(bytes(image.value).startswith(b"\x89PNG") for image in form.charts)
    assert 'download="rapat_koordinasi_2025-S2.pptx"' in form.deck.value
    assert (tmp_path / "rapat_koordinasi_2025-S2.pptx").is_file()


def test_the_form_reads_uploaded_reports_of_the_chosen_semester(sample_root, tmp_path, monkeypatch):
    from kip_training.exercises.meeting import MeetingForm

    monkeypatch.setenv("KIP_OUTPUT", str(tmp_path))
    form = MeetingForm(run=False)
    form.period_dropdown.value = "2025-S1"
    form.upload.value = _uploaded(sample_root / "2025-S1")[:6]  # 5 OPD, one sent twice
    form.quiz_checkbox.value = False
    form.build_button.click()
    assert "laporan yang diunggah" in form.status.value
    assert "Semester I 2025" in form.figures.value
    assert "melapor: 5" in form.figures.value
    assert (tmp_path / "rapat_koordinasi_2025-S1.pptx").is_file()


def test_a_semester_without_sample_data_asks_for_an_upload(tmp_path, monkeypatch):
    from kip_training.exercises.meeting import MeetingForm, period_options

    monkeypatch.setenv("KIP_OUTPUT", str(tmp_path))
    assert period_options(dt.date(2026, 12, 1))[:3] == ["2026-S2", "2026-S1", "2025-S2"]
    form = MeetingForm(run=False)
    form.period_dropdown.value = period_options()[0]
    form.build_button.click()
    assert "Unggah laporan semester ini" in form.status.value
    assert form.result is None
