from sessionkit.present.clock import elapsed_words


def test_the_visit_clock_says_its_units() -> None:
    assert elapsed_words(0) == "0 min in"
    assert elapsed_words(5) == "5 min in"
    assert elapsed_words(59) == "59 min in"
    assert elapsed_words(60) == "1 h in"
    assert elapsed_words(65) == "1 h 05 min in"
    assert elapsed_words(135) == "2 h 15 min in"
