"""The one rule for typing a number with digit keys, checked by hand, without an app."""

from __future__ import annotations

import pytest

from sessionkit.domain.number_entry import WINDOW_SECONDS, NumberEntry, Typed, joined_digits


@pytest.mark.parametrize(
    ("previous", "digit", "low", "high", "expected"),
    [
        ("", 7, 0, 10, "7"),
        ("1", 0, 0, 10, "10"),  # "1" then "0" is ten
        ("5", 5, 0, 10, "5"),  # 55 is off the scale: a fresh 5
        ("10", 0, 0, 10, "0"),
        ("1", 1, 0, 10, "1"),
        ("1", 0, 0, 5, "0"),  # a scale that does not reach ten: never ten
        ("1", 0, 1, 10, "10"),
        ("1", 0, 1, 5, "0"),  # the digit, even off the scale: the caller decides
        ("", 0, 1, 5, "0"),
        ("4", 2, 0, 100, "42"),
        ("10", 0, 0, 100, "100"),
        ("0", 5, 0, 100, "5"),  # no leading zeros
    ],
)
def test_digits_join_while_they_make_a_number_on_the_scale(
    previous: str, digit: int, low: int, high: int, expected: str
) -> None:
    assert joined_digits(previous, digit, low, high) == expected


def _press(
    entry: NumberEntry, digit: int, at: float, low: int = 0, high: int = 10, **kw: object
) -> Typed:
    return entry.press(digit, at=at, scale_min=low, scale_max=high, **kw)  # type: ignore[arg-type]


def test_one_then_zero_within_the_window_is_ten() -> None:
    entry = NumberEntry()
    assert _press(entry, 1, 100.0) == Typed(1)
    assert _press(entry, 0, 100.0 + WINDOW_SECONDS - 0.01) == Typed(10, replaces=1)


def test_at_the_window_edge_it_is_a_new_number() -> None:
    entry = NumberEntry()
    _press(entry, 1, 100.0)
    assert _press(entry, 0, 100.0 + WINDOW_SECONDS) == Typed(0)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0, 5, Typed(0)), (1, 10, Typed(10, replaces=1)), (0, 10, Typed(10, replaces=1))],
)
def test_ten_only_on_a_scale_that_reaches_ten(low: int, high: int, expected: Typed) -> None:
    entry = NumberEntry()
    _press(entry, 1, 0.0, low, high)
    assert _press(entry, 0, 0.5, low, high) == expected


def test_another_person_or_question_in_between_starts_afresh() -> None:
    entry = NumberEntry()
    _press(entry, 1, 0.0, target=("scaling.safety", "Maya"))
    assert _press(entry, 0, 0.2, target=("scaling.safety", "Leo")) == Typed(0)
    _press(entry, 1, 1.0, target=("scaling.safety", "Maya"))
    assert _press(entry, 0, 1.2, target=("scaling.worry", "Maya")) == Typed(0)


def test_forget_starts_afresh() -> None:
    entry = NumberEntry()
    _press(entry, 1, 0.0)
    entry.forget()
    assert _press(entry, 0, 0.1) == Typed(0)


def test_ten_then_zero_is_zero_and_three_digits_join_on_a_long_scale() -> None:
    entry = NumberEntry()
    _press(entry, 1, 0.0)
    _press(entry, 0, 0.1)
    assert _press(entry, 0, 0.2) == Typed(0)
    long = NumberEntry()
    _press(long, 1, 0.0, 0, 100)
    assert _press(long, 0, 0.1, 0, 100) == Typed(10, replaces=1)
    assert _press(long, 0, 0.2, 0, 100) == Typed(100, replaces=10)


def test_the_window_runs_from_the_last_digit() -> None:
    entry = NumberEntry()
    _press(entry, 4, 0.0, 0, 100)
    assert _press(entry, 2, 1.4, 0, 100) == Typed(42, replaces=4)
    assert _press(entry, 5, 2.8, 0, 100) == Typed(5)  # 425 is off the scale
