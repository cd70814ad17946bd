"""Movement reports made by hand, with numbers chosen so every figure can be checked.

`harper_like()` is a fictional family over five visits three weeks apart: three
questions from three perspectives (one answer off the scale, a dip, a notable gap
between two people), two goals (one with GAS levels), a relationship check that dropped,
change talk and themes. The arithmetic of change is done here the plain way
(latest minus first, latest minus the one before, off-scale answers left out).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from sessionkit.domain.enums import ChangeTalk, GoalStatus
from sessionkit.insight.movement import change_words
from sessionkit.insight.report import (
    Change,
    ChangeTalkVisit,
    Disagreement,
    GasSummary,
    GasValue,
    GoalMovement,
    MovementReport,
    QuestionMovement,
    Recurrence,
    RelationshipAlert,
    SeriesMovement,
    Value,
    VisitRef,
    Who,
)

FIRST_VISIT = datetime(2026, 8, 3, 16, 0, tzinfo=timezone(timedelta(hours=1)))

MAYA = Who(1, None, "Maya")
SAM = Who(3, None, "Sam")
LEO_BY_MAYA = Who(1, 2, "Maya, for Leo")

SAFETY = {
    MAYA: (5, 6, 500, 3, 7),
    LEO_BY_MAYA: (5, 5, 7, 6, 8),
    SAM: (7, 7, 8, 6, 8),
}
WORRY = {MAYA: (8, 7, 5, 7, 4), SAM: (9, 8, 6, 7, 8)}
COPING = {MAYA: (3, 4, 6, 4, 6), SAM: (2, 3, 5, 4, 6)}
LISTENED = {MAYA: (6, 7, 7, 8, 8), SAM: (7, 8, 9, 9, 6)}
MORNINGS = {SAM: (2, 3, 5, 4, 6)}
TALKING = {MAYA: (3, 3, 5, 5, 7)}
SAID = {(MAYA, "scaling.safety", 3): "500 out of 10! Because Dad fixed the lock."}


def visit_refs(count: int, *, every_days: int = 21, first_id: int = 101) -> tuple[VisitRef, ...]:
    return tuple(
        VisitRef(first_id + n, n + 1, FIRST_VISIT + timedelta(days=every_days * n))
        for n in range(count)
    )


def series(
    prompt_id: str,
    who: Who,
    values: Sequence[float | None],
    visits: Sequence[VisitRef],
    *,
    scale: tuple[float, float] = (0, 10),
    threshold: float | None = None,
    said: dict[int, str] | None = None,
) -> SeriesMovement:
    """One perspective's series; None in `values` means not asked of them that visit."""
    low, high = scale
    kept = tuple(
        Value(visit, float(v), not (low <= v <= high), (said or {}).get(visit.number, ""))
        for visit, v in zip(visits, values, strict=True)
        if v is not None
    )
    on_scale = [v.value for v in kept if not v.off_scale]
    first = previous = None
    if len(on_scale) >= 2:
        first = _change(on_scale[-1] - on_scale[0], threshold)
        previous = _change(on_scale[-1] - on_scale[-2], threshold)
    words = change_words(first.amount if first else None, previous.amount if previous else None)
    return SeriesMovement(prompt_id, who, kept, first, previous, words)


def _change(amount: float, threshold: float | None) -> Change:
    return Change(amount, None if threshold is None else abs(amount) >= threshold)


def question(
    prompt_id: str,
    title: str,
    by_who: dict[Who, Sequence[float | None]],
    visits: Sequence[VisitRef],
    *,
    min_label: str = "",
    max_label: str = "",
    threshold: float | None = None,
    source: str = "",
    wording: str = "",
    notable_at: float = 3,
) -> QuestionMovement:
    all_series = tuple(
        series(
            prompt_id,
            who,
            values,
            visits,
            threshold=threshold,
            said={n: text for (w, p, n), text in SAID.items() if w == who and p == prompt_id},
        )
        for who, values in by_who.items()
    )
    return QuestionMovement(
        prompt_id=prompt_id,
        title=title,
        wording=wording or f"On a scale from 0 to 10: {title.lower()}?",
        scale_min=0,
        scale_max=10,
        min_label=min_label,
        max_label=max_label,
        threshold=threshold,
        threshold_source=source,
        series=all_series,
        disagreement=_disagreement(all_series, notable_at),
    )


def _disagreement(all_series: Sequence[SeriesMovement], notable_at: float) -> Disagreement | None:
    by_visit: dict[int, list[tuple[str, float, VisitRef]]] = {}
    for s in all_series:
        for v in s.values:
            if not v.off_scale:
                by_visit.setdefault(v.visit.number, []).append((s.who.label, v.value, v.visit))
    shared = [n for n, said in by_visit.items() if len(said) >= 2]
    if not shared:
        return None
    said = by_visit[max(shared)]
    high = max(said, key=lambda item: item[1])
    low = min(said, key=lambda item: item[1])
    spread = high[1] - low[1]
    return Disagreement(high[2], spread, (high[0], high[1]), (low[0], low[1]), spread >= notable_at)


def harper_like() -> MovementReport:
    visits = visit_refs(5)
    safety = question(
        "scaling.safety",
        "Safe at home",
        SAFETY,
        visits,
        min_label="not safe at all",
        max_label="completely safe",
        threshold=2,
        source="the practice team's rule of thumb",
    )
    worry = question(
        "scaling.worry",
        "Worries at home",
        WORRY,
        visits,
        min_label="no worries",
        max_label="lots of worries",
    )
    coping = question("scaling.coping", "How things are going", COPING, visits)
    listened = question("relationship.listened", "Feeling listened to", LISTENED, visits)
    mornings = GoalMovement(
        goal_id=1,
        text="Mornings before school feel calmer",
        status=GoalStatus.ACTIVE,
        owner="Sam",
        weight=1,
        ratings=(series("goal.1.rating", SAM, MORNINGS[SAM], visits),),
        has_gas=True,
        gas_values=(
            GasValue(visits[0], -2, SAM),
            GasValue(visits[2], -1, SAM),
            GasValue(visits[4], 0, SAM),
        ),
        gas_t_score=50,
    )
    talking = GoalMovement(
        goal_id=2,
        text="Maya feels OK telling someone when she is worried",
        status=GoalStatus.ACTIVE,
        owner="Maya",
        weight=1,
        ratings=(series("goal.2.rating", MAYA, TALKING[MAYA], visits),),
        has_gas=False,
        gas_values=(),
        gas_t_score=None,
    )
    gas = (
        GasSummary(visits[0], 30, 1),
        GasSummary(visits[2], 40, 1),
        GasSummary(visits[4], 50, 1),
    )
    talk = (
        _talk(visits[0], {}),
        _talk(visits[1], {ChangeTalk.DESIRE: 1, ChangeTalk.SUSTAIN: 2}),
        _talk(visits[2], {ChangeTalk.DESIRE: 1, ChangeTalk.REASONS: 1, ChangeTalk.SUSTAIN: 1}),
        _talk(visits[3], {ChangeTalk.SUSTAIN: 2}),
        _talk(
            visits[4],
            {ChangeTalk.TAKING_STEPS: 2, ChangeTalk.COMMITMENT: 1, ChangeTalk.SUSTAIN: 1},
        ),
    )
    return MovementReport(
        reference="DEMO-HARPER",
        care_status="child in need",
        visits=visits,
        questions=(safety, coping, worry),
        goals=(mornings, talking),
        gas=gas,
        relationship=(listened,),
        relationship_alerts=(RelationshipAlert(SAM, "Feeling listened to", visits[4], 9, 6),),
        change_talk=talk,
        themes=(
            _recurrence("mornings", visits, (1, 3, 4, 5)),
            _recurrence("school", visits, (1, 5)),
            _recurrence("Leo", visits, (5,)),
        ),
        worries=(_recurrence("arguments at home", visits, (4, 5), worry=True),),
    )


def _talk(visit: VisitRef, said: dict[ChangeTalk, int]) -> ChangeTalkVisit:
    counts = {c: said.get(c, 0) for c in ChangeTalk}
    change = sum(n for c, n in counts.items() if c.is_change_talk)
    sustain = counts[ChangeTalk.SUSTAIN]
    share = change / (change + sustain) if change + sustain else None
    return ChangeTalkVisit(visit, counts, change, sustain, share)


def _recurrence(
    name: str, visits: Sequence[VisitRef], numbers: Sequence[int], *, worry: bool = False
) -> Recurrence:
    seen = tuple(v for v in visits if v.number in numbers)
    recent = visits[-5:]
    recent_seen = sum(1 for v in recent if v in seen)
    is_new = numbers == (visits[-1].number,)
    words = (
        "new on the latest visit"
        if is_new
        else f"seen in {recent_seen} of the last {len(recent)} visits"
    )
    return Recurrence(name, seen, recent_seen, len(recent), is_new, worry, words)


def empty(reference: str = "NEW-1") -> MovementReport:
    return MovementReport(
        reference=reference,
        care_status="no status recorded",
        visits=(),
        questions=(),
        goals=(),
        gas=(),
        relationship=(),
        relationship_alerts=(),
        change_talk=(),
        themes=(),
        worries=(),
    )


def only_questions(report: MovementReport) -> MovementReport:
    """The same report with nothing but its questions: no alert, no goals, no talk."""
    return dataclasses.replace(
        report,
        goals=(),
        gas=(),
        relationship=(),
        relationship_alerts=(),
        change_talk=(),
        themes=(),
        worries=(),
    )


def hostile(text: str) -> MovementReport:
    """Every name, title and word a family or a pack gave, replaced by `text`."""
    visits = visit_refs(3)
    who = Who(1, None, text)
    other = Who(2, None, "Sam")
    asked = question(
        "scaling.safety",
        text,
        {who: (2, 50, 4), other: (8, 8, 9)},
        visits,
        min_label=text,
        max_label=text,
        threshold=1,
        source=text,
        wording=text,
    )
    goal = GoalMovement(
        goal_id=1,
        text=text,
        status=GoalStatus.PAUSED,
        owner=text,
        weight=2,
        ratings=(series("goal.1.rating", who, (1, 2, 3), visits, said={2: text}),),
        has_gas=True,
        gas_values=(GasValue(visits[2], 1, who),),
        gas_t_score=60,
    )
    return MovementReport(
        reference=text,
        care_status=text,
        visits=visits,
        questions=(asked,),
        goals=(goal,),
        gas=(GasSummary(visits[2], 60, 1),),
        relationship=(asked,),
        relationship_alerts=(RelationshipAlert(who, text, visits[2], 8, 2),),
        change_talk=(_talk(visits[1], {ChangeTalk.DESIRE: 1}),),
        themes=(_recurrence(text, visits, (1, 2, 3)),),
        worries=(_recurrence(text, visits, (3,), worry=True),),
    )


def big(visit_count: int = 500, questions: int = 10, people: int = 4) -> MovementReport:
    """A long case: `questions` x `people` answers on every one of `visit_count` visits."""
    visits = visit_refs(visit_count, every_days=7)
    whos = [Who(n + 1, None, f"Person {n + 1}") for n in range(people)]
    asked = tuple(
        question(
            f"scaling.q{q}",
            f"Question {q + 1}",
            {
                who: tuple((q * 7 + p * 3 + n * (p + 2)) % 11 for n in range(visit_count))
                for p, who in enumerate(whos)
            },
            visits,
            threshold=2,
            source="a rule of thumb",
        )
        for q in range(questions)
    )
    return MovementReport(
        reference="LONG-1",
        care_status="child protection plan",
        visits=visits,
        questions=asked,
        goals=(),
        gas=(),
        relationship=(),
        relationship_alerts=(),
        change_talk=tuple(_talk(v, {ChangeTalk.DESIRE: v.number % 3}) for v in visits),
        themes=(),
        worries=(),
    )
