"""Typing a number with digit keys, where one key is already an answer.

A digit key records (or, in the family view, chooses) at once, so a two-digit number
arrives as its first digit and then a key that changes it. Digits typed within
`WINDOW_SECONDS` of each other, for the same question and person, join up while they make
a number on the scale and the first is not a zero: on 0-10 "1" then "0" is ten, "5" then
"5" is a fresh 5; on 0-5 "1" then "0" is a fresh 0. Anything else is the digit itself:
whether a digit off the scale is kept is for the caller to say.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

# Long enough for "1" then "0" said as "ten", short enough that two answers in a row are two.
WINDOW_SECONDS = 1.5


def joined_digits(previous: str, digit: int, scale_min: int, scale_max: int) -> str:
    """The digits of the number meant once `digit` follows `previous` (typed just before).

    They join when the joined number is on the scale and `previous` has no leading zero;
    otherwise the number is the digit alone.
    """
    if previous and not previous.startswith("0"):
        joined = previous + str(digit)
        if scale_min <= int(joined) <= scale_max:
            return joined
    return str(digit)


@dataclass(frozen=True)
class Typed:
    """The number a key made, and the number it changes when it continues one."""

    value: int
    replaces: int | None = None  # the number typed just before, which this one continues


class NumberEntry:
    """The digits typed lately, for one question and person (`target`), and when.

    `press` says what a digit means; `forget` starts afresh (the person or question
    changed, an answer was undone, a key did not get recorded).
    """

    def __init__(self, window: float = WINDOW_SECONDS) -> None:
        self.window = window
        self._digits = ""
        self._at = 0.0
        self._target: Hashable = None

    def press(
        self,
        digit: int,
        *,
        at: float,
        scale_min: int,
        scale_max: int,
        target: Hashable = None,
    ) -> Typed:
        """What `digit`, pressed at `at` (seconds, monotonic), means on this scale."""
        previous = ""
        if self._digits and target == self._target and at - self._at < self.window:
            previous = self._digits
        digits = joined_digits(previous, digit, scale_min, scale_max)
        continues = len(digits) > 1
        self._digits, self._at, self._target = digits, at, target
        return Typed(int(digits), int(previous) if continues else None)

    def forget(self) -> None:
        self._digits = ""
        self._target = None
