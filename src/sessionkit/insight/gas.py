"""Goal Attainment Scaling: the Kiresuk-Sherman T-score over goals' attainment levels.

Each goal agreed with GAS levels is rated on five levels, -2 (much less than expected)
to +2 (much more than expected), 0 being the level expected. Kiresuk and Sherman (1968,
"Goal attainment scaling: a general method for evaluating comprehensive community mental
health programs", Community Mental Health Journal 4) combine the levels of several goals
into one T-score:

    T = 50 + 10 * sum(w_i * x_i) / sqrt((1 - rho) * sum(w_i^2) + rho * (sum w_i)^2)

where x_i is goal i's level, w_i its weight (1 unless the goal sets one) and rho the
assumed correlation between goals' levels, conventionally 0.3. T is 50 when every goal
sits at its expected level and moves 10 per level for a single goal. It summarises one
visit's levels; it is not a target, and it says nothing without the goals' own words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from sessionkit.insight.report import GasSummary, VisitRef

RHO = 0.3  # Kiresuk and Sherman's conventional correlation between goals' levels
LEVELS = (-2, -1, 0, 1, 2)


def t_score(levels: Iterable[tuple[float, float]], rho: float = RHO) -> float | None:
    """The T-score of (level, weight) pairs; None when there are none to score."""
    pairs = list(levels)
    if not pairs:
        return None
    weighted = sum(w * x for x, w in pairs)
    sum_w = sum(w for _, w in pairs)
    sum_w2 = sum(w * w for _, w in pairs)
    return 50 + 10 * weighted / math.sqrt((1 - rho) * sum_w2 + rho * sum_w * sum_w)


def single_goal_t_score(level: float) -> float:
    """One goal's T alone: the weight and rho cancel out, leaving 50 + 10 * level."""
    return 50 + 10 * level


def gas_level(value: float | None) -> int | None:
    """The level an answer gives, or None when the value is not one of the five levels."""
    if value is None or value not in LEVELS:
        return None
    return int(value)


def per_visit(
    visits: Sequence[VisitRef],
    levels: Mapping[int, Sequence[tuple[int, float]]],
    rho: float = RHO,
) -> tuple[GasSummary, ...]:
    """The T-score of each visit on which at least one goal had a level recorded.

    `levels` maps a visit id to the (level, weight) of each goal scored on that visit.
    Only the goals with a level on that visit count: a goal not rated that day is left
    out rather than carried forward, so every T rests on what was said on the visit.
    """
    result = []
    for visit in visits:
        pairs = levels.get(visit.visit_id, ())
        score = t_score(pairs, rho)
        if score is not None:
            result.append(GasSummary(visit=visit, t_score=score, goals=len(pairs)))
    return tuple(result)
