"""The relationship check over visits, and an alert whenever someone's answer drops.

The relationship is often what makes change possible, and a family's low score is the
most useful thing they can say about the work: it is a prompt to ask what to do
differently, so any drop is raised, however small, and never explained away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from sessionkit.insight.report import QuestionMovement, RelationshipAlert, VisitRef, Who

RELATIONSHIP_TOOL = "relationship-check"  # the tool whose answers are the relationship check


def alerts(
    questions: Sequence[QuestionMovement], visits: Sequence[VisitRef], recent: int = 5
) -> tuple[RelationshipAlert, ...]:
    """Each answer on one of the last `recent` visits lower than the same person's previous.

    "Previous" is that person's last earlier answer to the same question on the scale,
    whichever visit it was on. Off-scale answers are kept as said and not compared.
    Older drops are left to the charts: the alerts are about what needs saying now.
    Ordered by visit, then question, then person.
    """
    if not visits or recent < 1:
        return ()
    first_recent = visits[-min(recent, len(visits))].number
    found: list[tuple[int, int, int, RelationshipAlert]] = []
    for q_index, question in enumerate(questions):
        for s_index, series in enumerate(question.series):
            on_scale = [v for v in series.values if not v.off_scale]
            for before, now in pairwise(on_scale):
                if now.visit.number >= first_recent and now.value < before.value:
                    alert = RelationshipAlert(
                        who=series.who,
                        title=question.title,
                        visit=now.visit,
                        before=before.value,
                        now=now.value,
                    )
                    found.append((now.visit.number, q_index, s_index, alert))
    found.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in found)


@dataclass(frozen=True, slots=True)
class Recovery:
    """A drop the same person's latest answer has come back from: 'dipped, back up now'."""

    alert: RelationshipAlert
    latest: float
    visit: VisitRef


def split_recovered(
    found: Sequence[RelationshipAlert], questions: Sequence[QuestionMovement]
) -> tuple[tuple[RelationshipAlert, ...], tuple[Recovery, ...]]:
    """The alerts still standing, and those the person has since recovered from.

    A drop is recovered when that person's latest answer on the scale to the same
    question, on a later visit, is back to at least what it was before the drop. The
    dip is still said (as a recovery), never hidden; it just stops being an alert.
    """
    latest: dict[tuple[str, Who], tuple[float, VisitRef]] = {}
    for question in questions:
        for series in question.series:
            on_scale = [v for v in series.values if not v.off_scale]
            if on_scale:
                latest[(question.title, series.who)] = (on_scale[-1].value, on_scale[-1].visit)
    standing: list[RelationshipAlert] = []
    recovered: list[Recovery] = []
    for alert in found:
        value, visit = latest.get((alert.title, alert.who), (alert.now, alert.visit))
        if visit.number > alert.visit.number and value >= alert.before:
            recovered.append(Recovery(alert, value, visit))
        else:
            standing.append(alert)
    return tuple(standing), tuple(recovered)
