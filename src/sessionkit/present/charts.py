"""What a movement chart shows, decided without Textual: the lines, the ranges, the labels.

A chart draws only answers on the scale offered, one line and shape per person, never
smoothed; these functions choose what goes on it and where, and the widget only draws.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from sessionkit.insight.report import ChangeTalkVisit, SeriesMovement, VisitRef
from sessionkit.present.movement import (
    MARKERS,
    Look,
    PerspectiveKey,
    date_label,
    date_width,
    key_of,
    spans_years,
    visits_of,
)

TICK_GAP = 3
"""Cells kept free between two date labels on a chart's x axis."""


@dataclass(frozen=True, slots=True)
class ChartLine:
    label: str
    look: Look
    points: tuple[tuple[float, float], ...]  # (visit number, value), in visit order


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """Everything a chart needs, already decided: the widget only lays it out."""

    lines: tuple[ChartLine, ...]
    x_range: tuple[float, float]
    visits: tuple[VisitRef, ...]  # every visit that may be labelled on the x axis
    y_range: tuple[float, float]
    x_label: str
    y_label: str
    min_label: str = ""  # the scale's words for its ends, on the axis when there is room
    max_label: str = ""
    percent: bool = False


def series_chart(
    series: Sequence[SeriesMovement],
    looks: dict[PerspectiveKey, Look],
    *,
    scale_min: float | None,
    scale_max: float | None,
    min_label: str = "",
    max_label: str = "",
) -> ChartSpec | None:
    """One line per perspective; answers off the scale are left off (see `off_scale_notes`).

    None when nothing on the scale is left to draw.
    """
    lines = []
    for s in series:
        points = tuple((float(v.visit.number), v.value) for v in s.values if not v.off_scale)
        if points:
            lines.append(ChartLine(s.who.label, looks[key_of(s.who)], points))
    if not lines:
        return None
    visits = visits_of(series)
    values = [y for line in lines for _, y in line.points]
    low = scale_min if scale_min is not None else min(values)
    high = scale_max if scale_max is not None else max(values)
    if high <= low:
        low, high = low - 1, high + 1
    return ChartSpec(
        lines=tuple(lines),
        x_range=_x_range(visits),
        visits=tuple(visits),
        y_range=(low, high),
        x_label="visits",
        y_label="answer",
        min_label=min_label,
        max_label=max_label,
    )


def change_talk_chart(visits: Sequence[ChangeTalkVisit]) -> ChartSpec | None:
    """The share of change talk, in percent, on each visit where any talk was heard."""
    heard = [v for v in visits if v.share is not None]
    if not heard:
        return None
    refs = [v.visit for v in heard]
    points = tuple((float(v.visit.number), 100 * (v.share or 0)) for v in heard)
    return ChartSpec(
        lines=(ChartLine("share of change talk", Look(MARKERS[0], 2), points),),
        x_range=_x_range(refs),
        visits=tuple(refs),
        y_range=(0, 100),
        x_label="visits",
        y_label="% change talk",
        percent=True,
    )


def _x_range(visits: Sequence[VisitRef]) -> tuple[float, float]:
    first, last = visits[0].number, visits[-1].number
    # A little room either side so the first and last markers stay off the frame.
    pad = max(0.5, (last - first) * 0.03) if last > first else 1
    return (first - pad, last + pad)


def pick_ticks(visits: Sequence[VisitRef], width: int) -> tuple[tuple[float, str], ...]:
    """Dated labels for the x axis of a chart `width` cells wide: (visit number, label).

    Every visit when they fit; else the first, the last and evenly spaced ones between,
    so that no two labels run into each other. Only the chosen ones are written out.
    """
    if not visits:
        return ()
    with_year = spans_years(visits)
    room = max(2, width // (date_width(with_year) + TICK_GAP))
    if len(visits) <= room:
        chosen = list(visits)
    else:
        first, last = visits[0].number, visits[-1].number
        numbers = [v.number for v in visits]
        picked: dict[int, VisitRef] = {}
        for n in range(room):
            target = first + (last - first) * n / (room - 1)
            index = min(bisect_left(numbers, target), len(numbers) - 1)
            if index > 0 and target - numbers[index - 1] < numbers[index] - target:
                index -= 1
            picked[numbers[index]] = visits[index]
        chosen = [picked[n] for n in sorted(picked)]
    return tuple((float(v.number), date_label(v.when, with_year=with_year)) for v in chosen)


def thin_to_cells(
    points: Sequence[tuple[float, float]], x_range: tuple[float, float], cells: int
) -> list[tuple[float, float]]:
    """The points a line across `cells` columns needs to be drawn exactly as with all of them.

    In each column only the first, lowest, highest and last answer can show (the line
    runs through the rest), so those are kept, in visit order: no dip or peak is lost,
    nothing is averaged. A long case then draws as fast as a short one.
    """
    low, high = x_range
    if len(points) <= 4 * cells or high <= low:
        return list(points)
    scale = cells / (high - low)
    kept: list[tuple[float, float]] = []
    bucket: list[tuple[float, float]] = []
    current = None
    for point in points:
        column = min(cells - 1, int((point[0] - low) * scale))
        if column != current and bucket:
            kept += _ends_and_extremes(bucket)
            bucket = []
        current = column
        bucket.append(point)
    if bucket:
        kept += _ends_and_extremes(bucket)
    return kept


def _ends_and_extremes(bucket: list[tuple[float, float]]) -> list[tuple[float, float]]:
    lowest = min(bucket, key=lambda p: p[1])
    highest = max(bucket, key=lambda p: p[1])
    chosen = {id(p): p for p in (bucket[0], lowest, highest, bucket[-1])}
    return [p for p in bucket if id(p) in chosen]


CHART_FRAME = 5
"""Lines of a chart that are not plot rows: the frame (2), the dates and the axis names."""

NICE_STEPS = (1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def plot_steps(low: float, high: float, room: int, *, most_per_unit: int = 2) -> int:
    """Row steps from `low` to `high` for a plot with `room` steps at most.

    On a whole-number scale (0-10, 1-5) each whole number gets a row of its own, or
    `most_per_unit` rows when there is room, so that 6 and 7 are never drawn on one row.
    With less room, the largest even division of the scale that fits.
    """
    span = high - low
    room = max(1, room)
    if span == int(span) and 0 < span <= 20:
        units = int(span)
        for per_unit in range(max(1, most_per_unit), 0, -1):
            if per_unit * units <= room:
                return per_unit * units
        return max(d for d in range(1, units + 1) if units % d == 0 and d <= room)
    for steps in (20, 10, 5, 4, 2):
        if steps <= room and (span / steps) == int(span / steps):
            return steps
    return room


def chart_height(spec: ChartSpec, available: int, *, most_per_unit: int = 2) -> int:
    """Lines a chart takes when `available` lines could be given to it."""
    low, high = spec.y_range
    return plot_steps(low, high, available - CHART_FRAME, most_per_unit=most_per_unit) + (
        CHART_FRAME
    )


def y_ticks(low: float, high: float, steps: int) -> list[float]:
    """Values to label on a plot `steps` rows high: each on a row, two rows apart if possible."""
    span = high - low
    if span <= 0 or steps <= 0:
        return [low, high]
    for least_rows in (2, 1):
        for step in NICE_STEPS:
            rows = step * steps / span
            count = span / step
            if rows >= least_rows and _whole(rows) and _whole(count):
                return [low + step * n for n in range(round(count) + 1)]
    return [low, high]


def _whole(value: float) -> bool:
    return abs(value - round(value)) < 1e-9
