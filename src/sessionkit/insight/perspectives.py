"""Perspectives side by side: who answered, and how far apart their answers were.

A child, a parent and the practitioner answering the same question often see things
differently; that difference is information, not noise to average away. This module
names each perspective and measures the gap between them on the latest visit that two
or more of them answered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sessionkit.insight.report import Disagreement, SeriesMovement, Who

# Three points on a 0-10 scale. One or two points apart is within how differently people
# use the same scale on the same day (one person's 6 is another's 7 or 8); three or more
# means they see things differently enough to be worth talking about together. Scales of
# another width use the same share of their range (see `notable_spread`).
NOTABLE_SPREAD = 3.0
NOTABLE_SPREAD_RANGE = 10.0  # the width of scale NOTABLE_SPREAD is stated for

SOMEONE = "someone"


def who(answered_by: int, on_behalf_of: int | None, names: Mapping[int, str]) -> Who:
    """'Maya', or 'Maya, for Leo' when Maya answered on Leo's behalf."""
    label = names.get(answered_by, SOMEONE)
    if on_behalf_of is not None:
        label = f"{label}, for {names.get(on_behalf_of, SOMEONE)}"
    return Who(answered_by=answered_by, on_behalf_of=on_behalf_of, label=label)


def notable_spread(scale_min: float | None, scale_max: float | None) -> float:
    """NOTABLE_SPREAD for a 0-10 scale; the same share of the range for other scales."""
    if scale_min is None or scale_max is None or scale_max <= scale_min:
        return NOTABLE_SPREAD
    return NOTABLE_SPREAD * (scale_max - scale_min) / NOTABLE_SPREAD_RANGE


def disagreement(
    series: Sequence[SeriesMovement],
    scale_min: float | None = None,
    scale_max: float | None = None,
) -> Disagreement | None:
    """How far apart the perspectives were on the latest visit two or more answered.

    Only answers on the scale are compared; an answer said off the scale is kept in its
    series but is not a point on the scale to measure a gap from. None when no visit
    has two perspectives answering on the scale. Ties keep the order of `series`.
    """
    answered = [{v.visit.number: v for v in s.values if not v.off_scale} for s in series]
    numbers = sorted({n for on_scale in answered for n in on_scale}, reverse=True)
    latest = next((n for n in numbers if sum(n in on_scale for on_scale in answered) >= 2), None)
    if latest is None:
        return None
    here = [
        (s.who.label, on_scale[latest])
        for s, on_scale in zip(series, answered, strict=True)
        if latest in on_scale
    ]
    # Stable sort: among equal values the earlier perspective comes first.
    ranked = sorted(here, key=lambda item: -item[1].value)
    (high_label, high), (low_label, low) = ranked[0], ranked[-1]
    spread = high.value - low.value
    return Disagreement(
        visit=here[0][1].visit,
        spread=spread,
        highest=(high_label, high.value),
        lowest=(low_label, low.value),
        notable=spread >= notable_spread(scale_min, scale_max),
    )
