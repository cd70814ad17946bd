"""Change talk and sustain talk per visit, and the share of change talk as a trend.

In motivational interviewing, change talk (desire, ability, reasons, need, commitment,
activation, taking steps) is what a person says in favour of change; sustain talk is
what they say for things staying as they are. Sustain talk is not failure: it is heard
and counted too. The share of change talk, CT / (CT + ST), shows which way the talk
leans on each visit; it moves up and down, and it is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sessionkit.domain.answer import Answer
from sessionkit.domain.enums import ChangeTalk
from sessionkit.insight.report import ChangeTalkVisit, VisitRef

_KINDS = tuple(ChangeTalk)  # iterating the enum itself is slow, and this runs per visit


def share(change_talk: int, sustain_talk: int) -> float | None:
    """CT / (CT + ST); None when neither was heard (there is no share of nothing)."""
    total = change_talk + sustain_talk
    return change_talk / total if total else None


def per_visit(visits: Sequence[VisitRef], answers: Iterable[Answer]) -> tuple[ChangeTalkVisit, ...]:
    """One entry for every visit, in visit order, with every category counted.

    Every kind an answer is tagged with counts once (an answer can voice desire and
    reasons at once); answers a later one corrected are not passed in (see
    `domain.corrections`). A visit with
    nothing tagged has zero counts and no share.
    """
    counts: dict[int, dict[ChangeTalk, int]] = {
        v.visit_id: dict.fromkeys(_KINDS, 0) for v in visits
    }
    for answer in answers:
        tally = counts.get(answer.visit_id or -1)
        if answer.change_talk and tally is not None:
            for kind in answer.change_talk:
                tally[kind] += 1
    result = []
    for visit in visits:
        tally = counts[visit.visit_id]
        sustain = tally[ChangeTalk.SUSTAIN]
        change = sum(tally.values()) - sustain
        result.append(
            ChangeTalkVisit(
                visit=visit,
                counts=tally,
                change_talk=change,
                sustain_talk=sustain,
                share=share(change, sustain),
            )
        )
    return tuple(result)
