from sessionkit.present.columns import fit, share_width


def test_columns_that_fit_keep_their_width() -> None:
    assert share_width([5, 3, 40], [1, 3, 8], room=60) == [5, 3, 40]


def test_the_widest_word_column_gives_way_first() -> None:
    # Who 20, Now 1 (whole), words 80, tags 30, last time 16 (whole) in 100 cells.
    widths = share_width([20, 1, 80, 30, 16], [6, 1, 8, 6, 16], room=100)
    assert sum(widths) == 100
    assert widths[1] == 1 and widths[4] == 16  # never cut
    assert widths[2] >= widths[3] >= 6
    assert widths == [20, 1, 33, 30, 16]


def test_whole_columns_never_shrink_even_without_room() -> None:
    widths = share_width([20, 26, 80, 30, 16], [6, 26, 8, 6, 16], room=30)
    assert widths == [6, 26, 8, 6, 16]


def test_cut_text_ends_in_a_visible_mark() -> None:
    assert fit("It's alright when Nan's here.", 10) == "It's alri…"
    assert len(fit("It's alright when Nan's here.", 10)) == 10
    assert fit("short", 10) == "short"
    assert fit("abc", 0) == ""
