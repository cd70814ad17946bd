"""The numbers behind a chart as a table: a column per visit, a row per person or measure.

Cells are the numbers as said (an answer off the scale keeps its '*'); fitting a table to
a width leaves out visits between the first and the latest, never cuts a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sessionkit.domain.enums import ChangeTalk
from sessionkit.insight.movement import format_value
from sessionkit.insight.report import (
    ChangeTalkVisit,
    GasSummary,
    GoalMovement,
    SeriesMovement,
    VisitRef,
)
from sessionkit.present.movement import (
    OFF_SCALE_MARK,
    Look,
    PerspectiveKey,
    date_width,
    gas_level,
    key_of,
    percent,
    spans_years,
    t_score,
    visit_labels,
    visits_of,
)

GAP = "…"
"""Stands for visits left out of a table of values when there is no room for them all."""


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
    visits = visits_of(series)
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
    columns: tuple[int | None, ...] = ()  # the visits shown, by index; None: the gap


LEAST_LABEL = 4
"""Fewest cells a row's name keeps when numbers need the room: names give way, not numbers."""


def grid_text(grid: Grid, width: int, label_width: int = 18) -> GridText:
    """The grid's cells fitted to `width`, each already padded to its column's width.

    Columns are never cut: every column is as wide as its widest value or heading, and
    visits that do not fit are left out between the first and the latest, marked with
    '…'. Row labels get at most `label_width` cells (with room for a marker and a space
    before the name), and fewer when the first and latest visits need the room.
    """
    labels = visit_labels(grid.visits)
    cell_width = max([len(GAP), date_width(spans_years(grid.visits)), *map(len, labels)]) + 2
    for row in grid.rows:
        cell_width = max([cell_width, *(len(c) + 2 for c in row.cells)])
    label_width = min(label_width, max([4, *(len(r.label) + 3 for r in grid.rows)]))
    fewest = min(len(grid.visits), 3)  # the first, the gap and the latest
    label_width = max(LEAST_LABEL, min(label_width, width - fewest * cell_width))
    room = max(2, (width - label_width) // cell_width)
    shown = visible_columns(len(grid.visits), room)
    columns = [GAP if i is None else labels[i] for i in shown]

    def cells(values: Sequence[str]) -> tuple[str, ...]:
        return tuple((GAP if i is None else values[i]).rjust(cell_width) for i in shown)

    return GridText(
        label_width,
        tuple(c.rjust(cell_width) for c in columns),
        tuple(cells(row.cells) for row in grid.rows),
        tuple(shown),
    )


def fit_label(label: str, width: int) -> str:
    return label if len(label) <= width else label[: max(1, width - 1)] + "…"


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
