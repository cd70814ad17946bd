"""Themes and worries across visits: what came back, what is new, in plain words."""

from __future__ import annotations

from movement_records import answer, refs

from sessionkit.insight.recurrence import describe, themes, worries


def test_words_for_what_keeps_coming_back() -> None:
    assert describe([1, 3, 4, 5], 5) == (4, 5, False, "seen in 4 of the last 5 visits")
    assert describe([2, 3], 5) == (2, 5, False, "seen in 2 of the last 5 visits")


def test_words_for_what_is_new_or_came_once() -> None:
    assert describe([5], 5) == (1, 5, True, "new on the latest visit")
    assert describe([2], 5) == (1, 5, False, "came up once, 3 visits before the latest")
    assert describe([4], 5) == (1, 5, False, "came up once, on the visit before the latest")
    assert describe([1], 9) == (0, 5, False, "came up once, 8 visits before the latest")


def test_words_for_what_came_back_long_ago_or_also_before() -> None:
    assert describe([1, 2], 10) == (
        0,
        5,
        False,
        "seen on 2 visits, last 8 visits before the latest",
    )
    # Visits 6 to 10 are the last five: 6, 9 and 10 fall in them, eight visits in all.
    assert describe([1, 2, 3, 4, 5, 6, 9, 10], 10) == (
        3,
        5,
        False,
        "seen in 3 of the last 5 visits, on 8 visits in all",
    )


def test_a_short_case_says_how_many_visits_there_were() -> None:
    assert describe([1, 2, 3], 3) == (3, 3, False, "seen in 3 of 3 visits")
    assert describe([1, 3], 3, recent=2) == (
        1,
        2,
        False,
        "seen in 1 of the last 2 visits, on 2 visits in all",
    )


def test_themes_by_visit_ignoring_case_and_repeats() -> None:
    answers = [
        answer(1, tags=("Mornings",)),
        answer(1, tags=("mornings", "school")),  # twice on one visit: one visit
        answer(3, tags=("MORNINGS",)),
        answer(4, tags=("mornings",)),
        answer(5, tags=("mornings", "swimming")),
        answer(2, tags=("school",), worry=True),
    ]
    found = {t.name: t for t in themes(refs(5), answers)}
    assert set(found) == {"Mornings", "school", "swimming"}  # the first spelling
    mornings = found["Mornings"]
    assert [v.number for v in mornings.visits] == [1, 3, 4, 5]
    assert (mornings.recent_seen, mornings.recent_of) == (4, 5)
    assert mornings.words == "seen in 4 of the last 5 visits"
    assert not mornings.worry and found["school"].worry
    assert found["swimming"].is_new and found["swimming"].words == "new on the latest visit"
    # What comes back most, now, comes first; the new theme after what recurred.
    assert [t.name for t in themes(refs(5), answers)] == ["Mornings", "school", "swimming"]


def test_worries_are_named_by_their_tags_else_their_question() -> None:
    titles = {"scaling.safety": "Safe at home"}
    answers = [
        answer(1, "scaling.worry", 8, tags=("Leo at school",), worry=True),
        answer(2, "scaling.worry", 7, tags=("Leo at school",), worry=True),
        answer(4, "scaling.worry", 7, tags=("leo at school",), worry=True),
        answer(3, "scaling.worry", 6, tags=("money",), worry=True),
        answer(4, "scaling.safety", 6, worry=True),  # no tag: its question's title
        answer(5, "cards.new", wording="What is new?\n  Tell me.", worry=True),  # unknown
        answer(5, "scaling.safety", 8, tags=("home",)),  # tagged but not a worry
    ]
    found = worries(refs(5), answers, titles)
    assert [(w.name, [v.number for v in w.visits]) for w in found] == [
        ("Leo at school", [1, 2, 4]),
        ("What is new? Tell me.", [5]),
        ("Safe at home", [4]),
        ("money", [3]),
    ]
    assert all(w.worry for w in found)
    assert found[0].words == "seen in 3 of the last 5 visits"
    assert found[3].words == "came up once, 2 visits before the latest"


def test_answers_outside_the_visits_are_left_out() -> None:
    assert themes(refs(2), [answer(3, tags=("late",))]) == ()
    assert worries(refs(2), [answer(3, worry=True)], {}) == ()


def test_one_worry_with_three_themes_is_one_worry() -> None:
    answers = [answer(1, "scaling.worry", 3, tags=("money", "school", "sleep"), worry=True)]
    (found,) = worries(refs(1), answers, {})
    assert found.name == "money, school, sleep"
