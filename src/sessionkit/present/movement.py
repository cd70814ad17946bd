"""How movement is said, on the screen and by `sessionkit movement`: looks, dates, sentences.

A `MovementReport` holds the numbers; this module says them: which marker and colour each
person keeps everywhere, how dates read, and the plain sentences beside each chart (each
person's change, a notable disagreement, the scale, answers off it, alerts, goals, change
talk, themes). Chart specs are in `present.charts`, tables of values in `present.grids`,
and the order a section says them in `present.movement_sections`. Numbers are never
changed on the way: 500 stays 500.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sessionkit.domain.enums import GoalStatus
from sessionkit.insight.movement import format_value
from sessionkit.insight.relationship import Recovery
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


def visits_of(series: Iterable[SeriesMovement]) -> list[VisitRef]:
    """Every visit any of `series` answered on, in visit order."""
    by_number = {v.visit.number: v.visit for s in series for v in s.values}
    return [by_number[n] for n in sorted(by_number)]


# --- dates -----------------------------------------------------------------------------


def date_label(when: datetime, *, with_year: bool = False) -> str:
    """'12 Aug', or "12 Aug '25" when the visits shown run over more than one year."""
    label = f"{when.day} {when:%b}"
    return f"{label} '{when:%y}" if with_year else label


def visit_labels(visits: Sequence[VisitRef]) -> list[str]:
    """Each visit's column heading: '12 Aug', with the year when the visits run over more
    than one, and with the time ('2 Dec 10:00') for visits on a day shared with another,
    so that every column is told apart."""
    with_year = spans_years(visits)
    days = [v.when.date() for v in visits]
    shared = {day for day in days if days.count(day) > 1}
    return [
        date_label(v.when, with_year=with_year)
        + (f" {v.when:%H:%M}" if v.when.date() in shared else "")
        for v in visits
    ]


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


def recovery_lines(recoveries: Sequence[Recovery]) -> list[str]:
    """'Maya, Feeling listened to: dipped to 5 on 5 Oct, back to 8 now.'"""
    return [
        f"{r.alert.who.label}, {r.alert.title}: dipped to {format_value(r.alert.now)} on "
        f"{date_label(r.alert.visit.when)}, back to {format_value(r.latest)} now."
        for r in sorted(recoveries, key=lambda r: (-r.alert.visit.number, r.alert.title))
    ]


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
    """A T-score as a whole number, halves rounded up: 29.92 -> '30', 52.5 -> '53'.

    One rule for every T-score shown (screen, command, note), so '30' never stands
    beside '29.9': a tenth of a T-score point means nothing to a family or a supervisor.
    """
    return str(math.floor(value + 0.5))


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
