"""What the movement screen draws and says, worked out without Textual so it can be tested.

The screen shows a `MovementReport`; this module shapes it for display: which marker and
colour each person keeps across the whole screen, what goes on a chart (only answers on
the scale offered), which visits get a label when there is no room for all, and the
plain sentences beside each chart. Numbers are never changed on the way: 500 stays 500.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sessionkit.domain.enums import ChangeTalk, GoalStatus
from sessionkit.insight.movement import format_value
from sessionkit.insight.report import (
    Change,
    ChangeTalkVisit,
    Disagreement,
    GasSummary,
    GoalMovement,
    MovementReport,
    QuestionMovement,
    Recurrence,
    RelationshipAlert,
    SeriesMovement,
    VisitRef,
    Who,
)

MARKERS = ("●", "▲", "■", "◆", "○", "△", "□", "◇")
"""One shape per person: colour is never the only way to tell two lines apart."""

CHART_SLOTS = 8
"""Themes give `$chart-1` .. `$chart-8`."""

DATE_WIDTH = 6
"""The widest date label: '12 Aug' ("12 Aug '25" when visits run over years: 4 more)."""

YEAR_WIDTH = 4

TICK_GAP = 3
"""Cells kept free between two date labels on a chart's x axis."""

GAP = "…"
"""Stands for visits left out of a table of values when there is no room for them all."""

OFF_SCALE_MARK = "*"


@dataclass(frozen=True, slots=True)
class Look:
    """How one person is drawn everywhere on the screen: the same shape and colour."""

    marker: str
    slot: int  # 1-based: the theme's `$chart-{slot}`


PerspectiveKey = tuple[int, int | None]


def key_of(who: Who) -> PerspectiveKey:
    return (who.answered_by, who.on_behalf_of)


def looks_for(report: MovementReport) -> dict[PerspectiveKey, Look]:
    """A look per perspective, in the order people first appear in the report."""
    order: dict[PerspectiveKey, None] = {}
    for series in _all_series(report):
        order.setdefault(key_of(series.who), None)
    return {
        key: Look(MARKERS[n % len(MARKERS)], n % CHART_SLOTS + 1) for n, key in enumerate(order)
    }


def _all_series(report: MovementReport) -> Iterable[SeriesMovement]:
    for question in (*report.questions, *report.relationship):
        yield from question.series
    for goal in report.goals:
        yield from goal.ratings


# --- dates -----------------------------------------------------------------------------


def date_label(when: datetime, *, with_year: bool = False) -> str:
    """'12 Aug', or "12 Aug '25" when the visits shown run over more than one year."""
    label = f"{when.day} {when:%b}"
    return f"{label} '{when:%y}" if with_year else label


def date_width(with_year: bool) -> int:
    return DATE_WIDTH + (YEAR_WIDTH if with_year else 0)


def spans_years(visits: Iterable[VisitRef]) -> bool:
    return len({v.when.year for v in visits}) > 1


def visits_line(report: MovementReport) -> str:
    """'5 visits, 4 Aug to 27 Oct 2026' (or 'no visits yet')."""
    visits = report.visits
    if not visits:
        return "no visits yet"
    first, last = visits[0].when, visits[-1].when
    if len(visits) == 1:
        return f"1 visit, {date_label(first)} {first:%Y}"
    start = date_label(first) + (f" {first:%Y}" if first.year != last.year else "")
    return f"{len(visits)} visits, {start} to {date_label(last)} {last:%Y}"


# --- charts ----------------------------------------------------------------------------


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
    visits = _visits_of(series)
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


def _visits_of(series: Iterable[SeriesMovement]) -> list[VisitRef]:
    by_number = {v.visit.number: v.visit for s in series for v in s.values}
    return [by_number[n] for n in sorted(by_number)]


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


# --- tables of values ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GridRow:
    label: str
    cells: tuple[str, ...]
    look: Look | None = None


@dataclass(frozen=True, slots=True)
class Grid:
    """Values by visit: a column per visit (dated), a row per person or measure."""

    visits: tuple[VisitRef, ...]
    rows: tuple[GridRow, ...]


def series_grid(series: Sequence[SeriesMovement], looks: dict[PerspectiveKey, Look]) -> Grid:
    """Each perspective's answers by visit, as said; off-scale ones carry a '*'."""
    visits = _visits_of(series)
    rows = []
    for s in series:
        said = {v.visit.number: _cell(v.value, v.off_scale) for v in s.values}
        rows.append(
            GridRow(
                s.who.label, tuple(said.get(v.number, "") for v in visits), looks[key_of(s.who)]
            )
        )
    return Grid(tuple(visits), tuple(rows))


def _cell(value: float, off_scale: bool) -> str:
    return format_value(value) + (OFF_SCALE_MARK if off_scale else "")


def visible_columns(count: int, room: int) -> list[int | None]:
    """Indexes of the columns to show; None marks where some were left out.

    All of them when `room` columns hold them; else the first (the family's starting
    point), a gap, and the latest that fit beside it.
    """
    if count <= room:
        return list(range(count))
    latest = max(1, room - 2)
    return [0, None, *range(count - latest, count)]


@dataclass(frozen=True, slots=True)
class GridText:
    label_width: int
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def grid_text(grid: Grid, width: int, label_width: int = 18) -> GridText:
    """The grid's cells fitted to `width`, each already padded to its column's width.

    Columns are never cut: visits that do not fit are left out between the first and the
    latest, marked with '…'. Row labels get at most `label_width` cells (with room for a
    marker and a space before the name).
    """
    with_year = spans_years(grid.visits)
    label_width = min(label_width, max([4, *(len(r.label) + 3 for r in grid.rows)]))
    cell_width = max(len(GAP), date_width(with_year)) + 2
    for row in grid.rows:
        cell_width = max([cell_width, *(len(c) + 2 for c in row.cells)])
    room = max(2, (width - label_width) // cell_width)
    shown = visible_columns(len(grid.visits), room)
    columns = [
        GAP if i is None else date_label(grid.visits[i].when, with_year=with_year) for i in shown
    ]

    def cells(values: Sequence[str]) -> tuple[str, ...]:
        return tuple((GAP if i is None else values[i]).rjust(cell_width) for i in shown)

    return GridText(
        label_width,
        tuple(c.rjust(cell_width) for c in columns),
        tuple(cells(row.cells) for row in grid.rows),
    )


def fit_label(label: str, width: int) -> str:
    return label if len(label) <= width else label[: max(1, width - 1)] + "…"


# --- sentences -------------------------------------------------------------------------


def change_sentence(series: SeriesMovement) -> str:
    """'Maya: up 2 since the first visit, down 1 since the last.'"""
    words = series.words or "asked once on the scale so far: nothing to compare yet"
    return f"{series.who.label}: {words}."


def reliable_words(change: Change | None) -> str:
    """Said only when the toolpack gives a threshold; empty otherwise (no claim either way)."""
    if change is None or change.reliable is None:
        return ""
    return "reliable change" if change.reliable else "not a reliable change"


def threshold_sentence(question: QuestionMovement) -> str:
    """What 'reliable change' means for this question, and who says so."""
    judged = any(
        s.from_first is not None and s.from_first.reliable is not None for s in question.series
    )
    if not judged or question.threshold is None:
        return ""
    source = f" ({question.threshold_source})" if question.threshold_source else ""
    return (
        f"Reliable change: {format_value(question.threshold)} or more since the first "
        f"visit{source}."
    )


def disagreement_sentence(disagreement: Disagreement | None) -> str:
    """'On 12 Nov Maya said 7, Sam said 3: 4 apart.' when the gap is notable."""
    if disagreement is None or not disagreement.notable:
        return ""
    (high_who, high), (low_who, low) = disagreement.highest, disagreement.lowest
    return (
        f"On {date_label(disagreement.visit.when)} {high_who} said {format_value(high)}, "
        f"{low_who} said {format_value(low)}: {format_value(disagreement.spread)} apart."
    )


def off_scale_notes(
    series: Sequence[SeriesMovement], scale_min: float | None, scale_max: float | None
) -> list[str]:
    """What was said outside the scale, and what is done with it, in one line."""
    said = [
        f"{s.who.label} said {format_value(v.value)} on {date_label(v.visit.when)}"
        for s in series
        for v in s.values
        if v.off_scale
    ]
    if not said:
        return []
    scale = (
        f"the {format_value(scale_min)} to {format_value(scale_max)} scale"
        if scale_min is not None and scale_max is not None
        else "the scale"
    )
    return [
        f"{OFF_SCALE_MARK} {'; '.join(said)} (off the scale): outside {scale}, kept as "
        "said, not drawn on the chart and not counted in the change."
    ]


def overlap_note(series: Sequence[SeriesMovement]) -> str:
    """Said when two people's marks fall on one point, so no one seems to be missing."""
    seen: set[tuple[int, float]] = set()
    for s in series:
        for v in s.values:
            if v.off_scale:
                continue
            point = (v.visit.visit_id, v.value)
            if point in seen:
                return (
                    "Where people gave the same answer on the same visit, their marks sit "
                    "on one point; the numbers below give every answer."
                )
            seen.add(point)
    return ""


def scale_sentence(question: QuestionMovement) -> str:
    """'Scale 0 to 10: 0 is "not safe at all", 10 is "completely safe".'"""
    if question.scale_min is None or question.scale_max is None:
        return ""
    low, high = format_value(question.scale_min), format_value(question.scale_max)
    ends = [
        f"{value} is “{label}”"
        for value, label in ((low, question.min_label), (high, question.max_label))
        if label
    ]
    return f"Scale {low} to {high}" + (": " + ", ".join(ends) if ends else "") + "."


def own_words(series: Sequence[SeriesMovement]) -> list[str]:
    """What people said with their numbers, latest first: '4 Nov, Maya: "Better."'."""
    said = [
        (v.visit.number, f"{date_label(v.visit.when)}, {s.who.label}: “{v.text}”")
        for s in series
        for v in s.values
        if v.text.strip()
    ]
    return [line for _, line in sorted(said, key=lambda item: -item[0])]


def alert_sentence(alerts: Sequence[RelationshipAlert]) -> str:
    """One line for every screen: the latest drop first, and how many more there are."""
    if not alerts:
        return ""
    latest = max(alerts, key=lambda a: a.visit.number)
    more = len(alerts) - 1
    tail = f" (and {more} more)" if more else ""
    return (
        f"Relationship check dropped: {latest.who.label}, {latest.title}, "
        f"{format_value(latest.before)} → {format_value(latest.now)} on "
        f"{date_label(latest.visit.when)}{tail}."
    )


def alert_lines(alerts: Sequence[RelationshipAlert]) -> list[str]:
    return [
        f"{a.who.label}, {a.title}: down from {format_value(a.before)} to "
        f"{format_value(a.now)} on {date_label(a.visit.when)}."
        for a in sorted(alerts, key=lambda a: (-a.visit.number, a.title))
    ]


# --- goals -----------------------------------------------------------------------------


def goal_heading(goal: GoalMovement, number: int) -> str:
    """'Goal 1: Mornings feel calmer (Sam) · achieved · weight 2'."""
    parts = [f"Goal {number}: {goal.text}" + (f" ({goal.owner})" if goal.owner else "")]
    if goal.status is not GoalStatus.ACTIVE:
        parts.append(goal.status.value)
    if goal.weight != 1:
        parts.append(f"weight {format_value(goal.weight)}")
    return " · ".join(parts)


def gas_level(level: int) -> str:
    """'+1', '0', '-2'."""
    return f"{level:+d}" if level else "0"


def t_score(value: float) -> str:
    """One decimal place, without a trailing '.0': 50, 52.3."""
    return format_value(round(value, 1))


def gas_grid(goals: Sequence[GoalMovement], summaries: Sequence[GasSummary]) -> Grid | None:
    """GAS levels by visit, one row per goal with levels, and the T-score across goals."""
    with_gas = [(n, g) for n, g in enumerate(goals, start=1) if g.gas_values]
    if not with_gas:
        return None
    by_number = {gv.visit.number: gv.visit for _, g in with_gas for gv in g.gas_values}
    by_number.update({s.visit.number: s.visit for s in summaries})
    visits = [by_number[n] for n in sorted(by_number)]
    rows = []
    for n, goal in with_gas:
        levels = {gv.visit.number: gas_level(gv.level) for gv in goal.gas_values}
        rows.append(
            GridRow(f"Goal {n}: {goal.text}", tuple(levels.get(v.number, "") for v in visits))
        )
    if summaries:
        scores = {s.visit.number: t_score(s.t_score) for s in summaries}
        rows.append(GridRow("T-score", tuple(scores.get(v.number, "") for v in visits)))
    return Grid(tuple(visits), tuple(rows))


def t_score_sentence(summaries: Sequence[GasSummary]) -> str:
    """The first and latest Kiresuk-Sherman T-scores in words."""
    if not summaries:
        return ""
    first, last = summaries[0], summaries[-1]
    goals = f"{last.goals} goal" + ("" if last.goals == 1 else "s")
    if first is last:
        return (
            f"Kiresuk-Sherman T-score {t_score(last.t_score)} on "
            f"{date_label(last.visit.when)} ({goals}); 50 means every goal at its expected level."
        )
    return (
        f"Kiresuk-Sherman T-score {t_score(first.t_score)} on {date_label(first.visit.when)}, "
        f"{t_score(last.t_score)} on {date_label(last.visit.when)} ({goals}); "
        "50 means every goal at its expected level."
    )


# --- change talk -----------------------------------------------------------------------


def change_talk_grid(visits: Sequence[ChangeTalkVisit]) -> Grid | None:
    """Counts per visit of each category heard at least once, then the totals and share."""
    if not visits:
        return None
    heard = [c for c in ChangeTalk if any(v.counts.get(c, 0) for v in visits)]
    rows = [
        GridRow(c.value.replace("_", " "), tuple(str(v.counts.get(c, 0)) for v in visits))
        for c in heard
        if c.is_change_talk
    ]
    rows.append(GridRow("change talk", tuple(str(v.change_talk) for v in visits)))
    rows.append(GridRow("sustain talk", tuple(str(v.sustain_talk) for v in visits)))
    rows.append(GridRow("share", tuple(percent(v.share) for v in visits)))
    return Grid(tuple(v.visit for v in visits), tuple(rows))


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(100 * share)}%"


def change_talk_sentence(visits: Sequence[ChangeTalkVisit]) -> str:
    heard = [v for v in visits if v.share is not None]
    if not heard:
        return ""
    first, last = heard[0], heard[-1]
    latest = (
        f"On {date_label(last.visit.when)}: {last.change_talk} change talk, "
        f"{last.sustain_talk} sustain talk ({percent(last.share)} change talk)."
    )
    if first is last:
        return latest
    return (
        f"{latest} On {date_label(first.visit.when)}, the first visit with any: "
        f"{percent(first.share)}."
    )


# --- themes and worries ----------------------------------------------------------------


def recurrence_line(item: Recurrence) -> str:
    """'mornings: seen in 3 of the last 5 visits'."""
    return f"{item.name}: {item.words}"
