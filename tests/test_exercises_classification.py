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
from kip_training.quiz.store import ResultStore


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
    assert text.startswith(f"Benar {len(items) - 1} dari {len(items)} butir yang dijawab")
    assert (
        "Belum tepat — Rekam medis seorang pasien RSUD: Anda memilih Tersedia setiap saat "
        "(Pasal 11 ayat (1)); yang tepat Dikecualikan (Pasal 17), huruf h." in text
    )


def test_an_exempt_item_needs_its_pasal_17_letter_for_full_marks():
    k11 = next(item for item in load_items() if item.id == "k11")  # medical record: huruf h
    exempt = {"k11": "dikecualikan"}
    [right] = grade([k11], exempt, {"k11": "h"})
    [wrong_letter] = grade([k11], exempt, {"k11": "a"})
    [no_letter] = grade([k11], exempt, {})
    assert (right.correct, right.score) == (True, 1.0)
    assert (wrong_letter.correct, wrong_letter.score) == (False, 0.5)
    assert wrong_letter.mistake == "huruf_pasal_17"
    assert no_letter.score == 0.5
    assert "Anda memilih huruf a; yang tepat Dikecualikan (Pasal 17), huruf h" in (
        feedback_text([wrong_letter])
    )
    assert law.PASAL_17["h"] in feedback_text([wrong_letter])


def test_unanswered_items_are_not_revealed():
    items = load_items()
    text = feedback_text(grade(items, {"k01": "berkala"}))
    assert "Belum dijawab — Rekam medis seorang pasien RSUD." in text
    assert "huruf h" not in text
    assert "Dikecualikan" not in text


def test_every_exempt_item_has_a_letter_of_pasal_17_in_law_py():
    for item in load_items():
        if item.category == "dikecualikan":
            assert item.letter in law.PASAL_17
            assert f"huruf {item.letter}" in item.explanation


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


def exercise_for(store, **kwargs) -> ClassificationExercise:
    exercise = ClassificationExercise(store=store, **kwargs)
    exercise.name_input.value = "  siti  rahmawati "
    exercise.opd_dropdown.value = exercise.opd_dropdown.options[1][1]
    return exercise


@pytest.fixture
def store(tmp_path):
    return ResultStore(tmp_path / "kuis.sqlite")


def test_widget_marks_choices_after_periksa(store):
    exercise = exercise_for(store)
    exercise.dropdowns["k01"].value = "berkala"
    exercise.dropdowns["k04"].value = "berkala"
    exercise.check_button.click()
    assert "Benar 1 dari 2 butir yang dijawab" in exercise.result.value
    assert "Anda memilih Berkala (Pasal 9); yang tepat Serta-merta (Pasal 10)" in (
        exercise.result.value
    )
    assert "Belum dijawab — Daftar Informasi Publik (DIP) Dinas Perhubungan." in (
        exercise.result.value
    )
    assert "kip-periksa-klasifikasi" in exercise.check_button._dom_classes


def test_periksa_with_nothing_chosen_reveals_nothing_and_saves_nothing(store):
    exercise = exercise_for(store)
    exercise.check_button.click()
    shown = exercise.result.value
    assert "Pilih dulu kategori" in shown
    for key in law.CATEGORIES:
        assert category_choice(key) not in shown
    assert "Benar" not in shown and "Belum dijawab" not in shown
    assert store.count() == 0


def test_periksa_without_name_or_opd_asks_for_them_first(store):
    exercise = ClassificationExercise(store=store)
    exercise.dropdowns["k01"].value = "berkala"
    exercise.check_button.click()
    assert "Isi nama dan OPD dulu" in exercise.result.value
    assert "Pasal 9" not in exercise.result.value
    assert store.count() == 0


def test_items_come_in_an_order_of_their_own_per_seed():
    ids = [item.id for item in load_items()]
    first = [i.id for i in ClassificationExercise(seed=1, roster=[]).items]
    again = [i.id for i in ClassificationExercise(seed=1, roster=[]).items]
    other = [i.id for i in ClassificationExercise(seed=2, roster=[]).items]
    assert first == again
    assert sorted(first) == sorted(ids)
    assert first != ids and first != other


def test_the_letter_drop_down_appears_only_for_an_exempt_choice(store):
    exercise = exercise_for(store)
    letter = exercise.letter_dropdowns["k11"]
    assert exercise.dropdowns["k11"].label == letter.label == "— pilih —"  # not blank
    assert letter.layout.display == "none"
    exercise.dropdowns["k11"].value = "dikecualikan"
    assert letter.layout.display is None
    assert letter.options[0] == ("— pilih —", None)
    assert [value for _label, value in letter.options[1:]] == list(law.PASAL_17)
    exercise.dropdowns["k11"].value = "berkala"
    assert letter.layout.display == "none"


def test_answers_are_saved_once_like_a_quiz(store):
    exercise = exercise_for(store)
    exercise.dropdowns["k11"].value = "dikecualikan"
    exercise.letter_dropdowns["k11"].value = "h"
    exercise.dropdowns["k01"].value = "setiap_saat"
    exercise.check_button.click()
    exercise.dropdowns["k01"].value = "berkala"  # a second try does not count
    exercise.check_button.click()
    rows = {a.question_id: a for a in store.answers()}
    assert set(rows) == {"k11", "k01"}
    assert rows["k11"].participant == "Siti Rahmawati"
    assert rows["k11"].quiz == "latihan-klasifikasi"
    assert (rows["k11"].answer, rows["k11"].correct, rows["k11"].score) == ("dikecualikan/h", 1, 1)
    assert (rows["k01"].correct, rows["k01"].mistake) == (0, "kategori")
    assert rows["k01"].opd == exercise.opd_dropdown.options[1][1]
