"""Text measuring for the deck: wrapped lines, row heights, pages, column widths."""

import pytest

from kip_training.deck import fit


def test_short_text_takes_one_line():
    assert fit.wrapped_lines("Dinas Kesehatan", 300, 12) == 1


def test_long_text_wraps_onto_more_lines_at_bigger_sizes():
    text = "Dinas Kependudukan dan Pencatatan Sipil Kota Contoh"
    narrow = fit.wrapped_lines(text, 150, 12)
    assert narrow >= 2
    assert fit.wrapped_lines(text, 150, 18) > narrow


def test_explicit_newlines_count_as_lines():
    assert fit.wrapped_lines("satu\ndua\ntiga", 500, 14) == 3


def test_a_word_longer_than_the_line_is_broken():
    assert fit.wrapped_lines("Permohonaninformasipublik", 40, 12) >= 3


def test_capitals_are_wider_than_lower_case():
    assert fit.text_width("WWWW", 12) > fit.text_width("iiii", 12)


def test_width_estimate_is_not_below_helvetica_metrics():
    # "Informasi" in Helvetica: 278+556+278+556+333+833+556+500+222 = 4112/1000 em
    assert fit.text_width("Informasi", 10) >= 41.12


def test_row_height_follows_tallest_cell():
    one = fit.row_height(["a", "b"], [100, 100], 12)
    two = fit.row_height(["a", "kata " * 12], [100, 100], 12)
    assert two > one
    assert one == pytest.approx(12 * fit.LINE_SPACING + 2 * fit.CELL_MARGIN_Y)


def test_paginate_keeps_every_page_within_its_room():
    heights = [20.0] * 50
    pages = fit.paginate(heights, header=25, first_room=200, room=400)
    assert pages[0] == (0, 8)  # 25 + 8 * 20 = 185 <= 200
    assert [stop - start for start, stop in pages[1:-1]] == [18] * (len(pages) - 2)
    assert sum(stop - start for start, stop in pages) == 50
    for n, (start, stop) in enumerate(pages):
        room = 200 if n == 0 else 400
        assert 25 + sum(heights[start:stop]) <= room


def test_paginate_single_page_when_it_fits():
    assert fit.paginate([10.0] * 5, 10, 100, 100) == [(0, 5)]


def test_paginate_moves_table_to_new_slide_when_nothing_fits_first():
    pages = fit.paginate([50.0, 50.0], header=20, first_room=40, room=300)
    assert pages == [(0, 0), (0, 2)]


def test_auto_widths_give_every_column_its_widest_word_and_use_all_room():
    widths = fit.auto_widths([50, 60, 40], [200, 60, 40], [1, 1, 1], 400)
    assert sum(widths) == pytest.approx(400)
    assert widths[1] >= 60 and widths[2] >= 40
    assert widths[0] >= 200


def test_auto_widths_shrink_evenly_when_even_words_do_not_fit():
    widths = fit.auto_widths([100, 100], [100, 100], [1, 1], 100)
    assert widths == [50, 50]


def test_paginate_spreads_rows_evenly_when_the_table_is_alone():
    pages = fit.paginate([20.0] * 35, header=20, first_room=400, room=400)
    sizes = [stop - start for start, stop in pages]
    assert len(pages) == 2 and sizes == [18, 17]
