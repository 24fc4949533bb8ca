"""The classification exercise: items from data/latihan, marking, and the widget."""

import pytest

from kip_training import law
from kip_training.errors import KipError
from kip_training.exercises.classification import (
    ClassificationExercise,
    category_choice,
    feedback_text,
    grade,
    load_items,
)


def test_bundled_items_cover_all_four_categories():
    items = load_items()
    assert {item.category for item in items} == set(law.CATEGORIES)
    assert all(item.letter in law.PASAL_17 for item in items if item.category == "dikecualikan")


def test_category_choice_names_the_article():
    assert category_choice("berkala") == "Berkala (Pasal 9)"
    assert category_choice("setiap_saat") == "Tersedia setiap saat (Pasal 11 ayat (1))"


def test_grade_and_feedback():
    items = load_items()
    answers = {item.id: item.category for item in items}
    answers["k11"] = "setiap_saat"
    marks = grade(items, answers)
    text = feedback_text(marks)
    assert text.startswith(f"Benar {len(items) - 1} dari {len(items)}.")
    assert (
        "Belum tepat — Rekam medis seorang pasien RSUD: Anda memilih Tersedia setiap saat "
        "(Pasal 11 ayat (1)); yang tepat Dikecualikan (Pasal 17), huruf h." in text
    )


def test_an_unknown_category_in_the_file_names_the_item(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text(
        "butir:\n  - id: x\n    informasi: A\n    kategori: rahasia\n    penjelasan: B\n",
        encoding="utf-8",
    )
    with pytest.raises(KipError, match="butir ke-1: kategori 'rahasia' tidak dikenal"):
        load_items(path)


def test_an_exempt_item_needs_a_pasal_17_letter(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text(
        "butir:\n  - id: x\n    informasi: A\n    kategori: dikecualikan\n    penjelasan: B\n",
        encoding="utf-8",
    )
    with pytest.raises(KipError, match="huruf Pasal 17"):
        load_items(path)


def test_widget_marks_choices_after_periksa():
    exercise = ClassificationExercise()
    exercise.dropdowns["k01"].value = "berkala"
    exercise.dropdowns["k04"].value = "berkala"
    exercise.check_button.click()
    assert f"Benar 1 dari {len(exercise.items)}." in exercise.result.value
    assert "Anda memilih Berkala (Pasal 9); yang tepat Serta-merta (Pasal 10)" in (
        exercise.result.value
    )
    assert "Belum dijawab — Daftar Informasi Publik (DIP) Dinas Perhubungan" in (
        exercise.result.value
    )
    assert "kip-periksa-klasifikasi" in exercise.check_button._dom_classes
