"""Annual report tables: columns as wide as their header words, syllable breaks in the rest."""

from kip_training.annual import columns


def test_indonesian_words_break_between_their_syllables():
    def shown(word):
        return columns.syllables(word).replace(columns.SOFT_HYPHEN, "-")

    assert shown("Permohonan") == "Per-mo-ho-nan"
    assert shown("didokumentasikan") == "di-do-ku-men-ta-si-kan"
    assert shown("seluruhnya") == "se-lu-ruh-nya"  # ny stays together
    assert shown("Sengketa") == "Seng-ke-ta"  # so does ng
    assert shown("PPID") == "PPID"


def test_figure_columns_fit_their_header_words_and_fill_the_page():
    titles = ["OPD", "Permohonan", "Ditolak", "Median hari kerja"]
    widths = columns.widths(titles, [False, True, True, True], [40, 6, 4, 4], 16.6)
    assert abs(sum(widths) - 16.6) < 1e-6
    for title, width in zip(titles[1:], widths[1:], strict=True):
        assert all(columns.word_width_cm(w) <= width for w in title.split()), title
        assert columns.fitted_header(title, width) == title  # fits: no soft hyphen


def test_a_crowded_table_hyphenates_only_the_words_that_do_not_fit():
    titles = ["Periode"] + ["Belum didokumentasikan"] * 9
    widths = columns.widths(titles, [False] + [True] * 9, [12] + [5] * 9, 16.6)
    assert widths[0] >= columns.TEXT_MIN_CM
    header = columns.fitted_header(titles[1], widths[1])
    assert header.startswith("Belum ") and columns.SOFT_HYPHEN in header
