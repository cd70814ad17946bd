"""Movement: how answers to the same question by the same person moved across visits.

Derived, never stored. A series is one question (prompt id) from one perspective: who
answered, and on whose behalf. Paths are kept as they are (no smoothing); dips stay dips.
An answer said outside the offered scale ("500 out of 10") stays in the series as said,
but is left out of the arithmetic of change, since it is not a point on that scale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class Answered(Protocol):
    """What movement reads of an answer: a `Response`, or the lighter `Answer`."""

    @property
    def visit_id(self) -> int | None: ...
    @property
    def prompt_id(self) -> str: ...
    @property
    def answered_by(self) -> int: ...
    @property
    def on_behalf_of(self) -> int | None: ...
    @property
    def wording(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def off_scale(self) -> bool: ...
    @property
    def text(self) -> str: ...


class Dated(Protocol):
    """What movement reads of a visit: its id and when it started."""

    @property
    def id(self) -> int | None: ...
    @property
    def started_at(self) -> datetime: ...


@dataclass(frozen=True)
class Point:
    visit_id: int
    visit_number: int
    when: datetime
    value: float
    off_scale: bool
    text: str


@dataclass(frozen=True)
class SeriesKey:
    prompt_id: str
    answered_by: int
    on_behalf_of: int | None


@dataclass(frozen=True)
class Series:
    key: SeriesKey
    wording: str
    points: tuple[Point, ...]

    @property
    def on_scale(self) -> tuple[Point, ...]:
        return tuple(p for p in self.points if not p.off_scale)

    @property
    def change_from_first(self) -> float | None:
        pts = self.on_scale
        return pts[-1].value - pts[0].value if len(pts) >= 2 else None

    @property
    def change_from_previous(self) -> float | None:
        pts = self.on_scale
        return pts[-1].value - pts[-2].value if len(pts) >= 2 else None


def compute_series(visits: Sequence[Dated], responses: Iterable[Answered]) -> list[Series]:
    """Every series of numeric answers, ordered by prompt then perspective.

    `visits` are the case's visits oldest first (`Visit`s, or anything with an id and a
    start); `responses` are `Response`s or `Answer`s in the order they were recorded.
    Within one visit the last answer recorded for a series is the one that counts:
    a later capture in the same visit is a correction of an earlier one.
    """
    order = {v.id: i for i, v in enumerate(visits) if v.id is not None}
    started = {v.id: v.started_at for v in visits if v.id is not None}
    latest: dict[SeriesKey, dict[int, Answered]] = {}
    wording: dict[SeriesKey, str] = {}
    for r in responses:
        if r.value is None or r.visit_id not in order:
            continue
        key = SeriesKey(r.prompt_id, r.answered_by, r.on_behalf_of)
        latest.setdefault(key, {})[r.visit_id] = r
        wording[key] = r.wording
    result = []
    for key, by_visit in latest.items():
        points = tuple(
            Point(
                visit_id=visit_id,
                visit_number=order[visit_id] + 1,
                when=started[visit_id],
                value=float(r.value),  # type: ignore[arg-type]  # filtered above
                off_scale=r.off_scale,
                text=r.text,
            )
            for visit_id, r in sorted(by_visit.items(), key=lambda item: order[item[0]])
        )
        result.append(Series(key=key, wording=wording[key], points=points))
    result.sort(key=lambda s: (s.key.prompt_id, s.key.answered_by, s.key.on_behalf_of or 0))
    return result


def format_value(value: float) -> str:
    """6.0 -> '6'; 6.5 -> '6.5'."""
    return f"{value:g}"


def describe_change(change: float | None, since: str) -> str:
    """Plain words: 'up 2 since the first visit', 'no change since the last visit'."""
    if change is None:
        return f"not enough answers to compare since {since}"
    if change == 0:
        return f"no change since {since}"
    direction = "up" if change > 0 else "down"
    return f"{direction} {format_value(abs(change))} since {since}"


def change_words(from_first: float | None, from_previous: float | None) -> str:
    """'up 2 since the first visit, down 1 since the last': both changes in plain words.

    "The last" is the last time this person answered on the scale, which need not be
    the visit just before. With fewer than two answers on the scale there is no change
    to put in words, and it says so.
    """
    if from_first is None or from_previous is None:
        return "only one answer on the scale so far, so no change yet"
    return (
        f"{describe_change(from_first, 'the first visit')}, "
        f"{describe_change(from_previous, 'the last')}"
    )


def signed(change: float | None) -> str:
    """A compact signed figure with a word-free arrow for tables: '▲ +2', '▼ -1', '= 0'."""
    if change is None:
        return "–"
    if change == 0:
        return "= 0"
    arrow = "▲" if change > 0 else "▼"
    return f"{arrow} {change:+g}"
