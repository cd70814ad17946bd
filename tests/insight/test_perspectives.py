"""Perspectives side by side: who is who, and how far apart they were, by hand."""

from __future__ import annotations

import pytest
from movement_records import series

from sessionkit.insight.perspectives import NOTABLE_SPREAD, disagreement, notable_spread, who

NAMES = {1: "Maya", 2: "Leo", 3: "Sam"}


def test_labels_name_who_answered_and_for_whom() -> None:
    assert who(1, None, NAMES).label == "Maya"
    assert who(1, 2, NAMES).label == "Maya, for Leo"
    assert who(9, 2, NAMES).label == "someone, for Leo"
    assert (who(1, 2, NAMES).answered_by, who(1, 2, NAMES).on_behalf_of) == (1, 2)


def test_notable_spread_is_three_points_of_ten_and_the_same_share_elsewhere() -> None:
    assert NOTABLE_SPREAD == 3
    assert notable_spread(0, 10) == 3
    assert notable_spread(None, None) == 3
    assert notable_spread(-2, 2) == pytest.approx(1.2)  # 3 * 4 / 10
    assert notable_spread(1, 5) == pytest.approx(1.2)


def test_the_latest_visit_two_answered_is_compared() -> None:
    maya = series("Maya", {1: 5, 2: 6, 3: 7}, who=1)
    sam = series("Sam", {1: 8, 2: 9}, who=3)
    you = series("You", {3: 4}, who=4)
    found = disagreement([maya, sam, you], 0, 10)
    assert found is not None
    assert found.visit.number == 3  # Maya and You; Sam did not answer on visit 3
    assert found.spread == 3 and found.notable  # 7 - 4, at the threshold
    assert found.highest == ("Maya", 7) and found.lowest == ("You", 4)


def test_two_points_apart_is_not_notable() -> None:
    found = disagreement([series("Maya", {1: 5}), series("Sam", {1: 7}, who=3)], 0, 10)
    assert found is not None and found.spread == 2 and not found.notable
    assert found.highest == ("Sam", 7) and found.lowest == ("Maya", 5)


def test_off_scale_answers_are_not_measured_from() -> None:
    maya = series("Maya", {1: 5, 2: 500}, off_scale=(2,))
    sam = series("Sam", {1: 9, 2: 4}, who=3)
    found = disagreement([maya, sam], 0, 10)
    assert found is not None and found.visit.number == 1  # visit 2 had one on-scale answer
    assert found.spread == 4 and found.notable


def test_agreeing_perspectives_keep_their_order() -> None:
    found = disagreement([series("Maya", {1: 6}), series("Sam", {1: 6}, who=3)])
    assert found is not None and found.spread == 0 and not found.notable
    assert found.highest == ("Maya", 6) and found.lowest == ("Sam", 6)


def test_nothing_to_compare() -> None:
    assert disagreement([series("Maya", {1: 5, 2: 6})]) is None
    assert disagreement([series("Maya", {1: 5}), series("Sam", {2: 6}, who=3)]) is None
    assert disagreement([]) is None


def test_a_narrower_scale_needs_a_smaller_gap() -> None:
    found = disagreement([series("Maya", {1: -1}), series("Sam", {1: 1}, who=3)], -2, 2)
    assert found is not None and found.spread == 2 and found.notable  # 2 >= 1.2
