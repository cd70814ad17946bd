"""Build the movement report (insight.report) from a case's records, in one pure function.

`build_report` reads the case, its people, goals, visits (oldest first) and answers (in
the order they were recorded: `Store.answers_for_case`), and the toolpack that names the
questions and may say how big a change must be to be reliable. It returns everything the
movement screen and `sessionkit movement` show:

- questions: every prompt answered with a number on two or more visits, each person's
  series side by side. Goal ratings come first, then the pack's order. A goal's
  attainment level (GAS) is shown with its goal, and the relationship check has its own
  part, so neither is repeated among the questions.
- goals: each goal's 0-10 ratings and, for goals written with GAS levels, the levels
  recorded and the Kiresuk-Sherman T-score (insight.gas), goal by goal and per visit;
- the relationship check with an alert for every recent drop (insight.relationship);
- change talk per visit (insight.change_talk); themes and worries (insight.recurrence).

Within one visit the last answer recorded for a perspective is the one that counts: a
later capture in the same visit is a correction. Numbers are kept as said; an answer off
the scale stays in its series, marked, and takes no part in the arithmetic of change.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from sessionkit.domain.answer import Answer
from sessionkit.domain.corrections import standing
from sessionkit.domain.models import Case, Goal, Member
from sessionkit.gc_pause import collector_paused
from sessionkit.insight import change_talk, gas, recurrence, relationship
from sessionkit.insight.movement import Dated, change_words, format_value
from sessionkit.insight.perspectives import disagreement, who
from sessionkit.insight.questions import KnownQuestion, known_questions, title_from_wording
from sessionkit.insight.report import (
    Change,
    GasValue,
    GoalMovement,
    MovementReport,
    QuestionMovement,
    SeriesMovement,
    Value,
    VisitRef,
    Who,
)
from sessionkit.toolpacks.schema import ResolvedPack

SeriesKey = tuple[str, int, int | None]  # prompt id, answered by, on behalf of
_VISIT_NUMBER = attrgetter("visit.number")


def visit_refs(visits: Sequence[Dated]) -> tuple[VisitRef, ...]:
    """Each visit with its number in the case: 1 for the first, in the order given."""
    saved = [v for v in visits if v.id is not None]
    return tuple(
        VisitRef(visit_id=v.id, number=n, when=v.started_at)  # type: ignore[arg-type]
        for n, v in enumerate(saved, start=1)
    )


def change(amount: float, threshold: float | None) -> Change:
    """A change, reliable when it reaches the toolpack's threshold (no claim without one).

    The amount is rounded to nine decimal places, so 6.5 - 4.2 is 2.3 and not
    2.3000000000000003 (answers are said to a decimal place or two at most), and it is
    compared with a little room for rounding: 0.1 + 0.2 reaches a threshold of 0.3.
    """
    amount = round(amount, 9) + 0.0  # + 0.0 turns -0.0 into 0.0
    if threshold is None:
        return Change(amount=amount, reliable=None)
    size = abs(amount)
    return Change(amount=amount, reliable=size >= threshold or math.isclose(size, threshold))


def series_movement(
    prompt_id: str,
    person: Who,
    values: Iterable[Value],
    threshold: float | None = None,
) -> SeriesMovement:
    """One perspective's answers to one question, oldest visit first, and how they moved."""
    ordered = tuple(sorted(values, key=_VISIT_NUMBER))
    on_scale = [v for v in ordered if not v.off_scale]
    from_first = from_previous = None
    if len(on_scale) >= 2:
        from_first = change(on_scale[-1].value - on_scale[0].value, threshold)
        from_previous = change(on_scale[-1].value - on_scale[-2].value, threshold)
    words = change_words(
        None if from_first is None else from_first.amount,
        None if from_previous is None else from_previous.amount,
    )
    if ordered and ordered[-1].off_scale:
        words += f"; the latest answer, {format_value(ordered[-1].value)}, is off the scale"
    return SeriesMovement(
        prompt_id=prompt_id,
        who=person,
        values=ordered,
        from_first=from_first,
        from_previous=from_previous,
        words=words,
    )


@dataclass
class _Question:
    """The answers with numbers to one prompt, gathered per perspective and visit."""

    prompt_id: str
    first_seen: int
    by_key: dict[SeriesKey, dict[int, Answer]] = field(default_factory=dict)
    latest: Answer | None = None

    def visit_count(self) -> int:
        return len({visit_id for answers in self.by_key.values() for visit_id in answers})


@dataclass
class _Context:
    refs: dict[int, VisitRef]
    names: dict[int, str]
    member_order: dict[int, int]
    known: dict[str, KnownQuestion]

    def who_order(self, key: SeriesKey) -> tuple[int, int]:
        _, answered_by, on_behalf_of = key
        last = len(self.member_order)
        return (
            self.member_order.get(answered_by, last),
            -1 if on_behalf_of is None else self.member_order.get(on_behalf_of, last),
        )

    def title(self, question: _Question) -> str:
        known = self.known.get(question.prompt_id)
        if known is not None:
            return known.title
        wording = question.latest.wording if question.latest else ""
        return title_from_wording(wording, question.prompt_id)


def build_report(
    case: Case,
    members: Sequence[Member],
    goals: Sequence[Goal],
    visits: Sequence[Dated],
    answers: Sequence[Answer],
    pack: ResolvedPack | None,
    *,
    recent: int = recurrence.RECENT,
) -> MovementReport:
    """Everything movement shows for the case, from its records; nothing is stored.

    `members` should include people no longer active (their answers still count);
    `visits` are the case's visits oldest first, as `Store.list_visits` gives them.
    """
    with collector_paused():
        return _build(case, members, goals, visits, answers, pack, recent)


def _build(
    case: Case,
    members: Sequence[Member],
    goals: Sequence[Goal],
    visits: Sequence[Dated],
    answers: Sequence[Answer],
    pack: ResolvedPack | None,
    recent: int,
) -> MovementReport:
    # Only the answers that stand count: a number corrected on its visit takes no part,
    # nor do the tags, worry or change talk it carried (a correction keeps them).
    answers = standing(answers)
    refs = visit_refs(visits)
    ctx = _Context(
        refs={r.visit_id: r for r in refs},
        names={m.id: m.name for m in members if m.id is not None},
        member_order={m.id: i for i, m in enumerate(members) if m.id is not None},
        known=known_questions(pack, goals),
    )
    goals_by_gas = {g.gas_prompt_id: g for g in goals if g.id is not None}
    # A relationship-check answer is known by its tool, or by its prompt being one of the
    # pack's relationship-check prompts.
    check_prompts = {
        prompt_id
        for prompt_id, known in ctx.known.items()
        if known.tool_id == relationship.RELATIONSHIP_TOOL
    }

    questions: dict[str, _Question] = {}
    checks: dict[str, _Question] = {}
    gas_answers: dict[int, dict[SeriesKey, dict[int, Answer]]] = {}
    gas_levels: dict[int, dict[int, int]] = {}
    for answer in answers:
        visit_id = answer.visit_id
        if answer.value is None or visit_id is None or visit_id not in ctx.refs:
            continue
        key = (answer.prompt_id, answer.answered_by, answer.on_behalf_of)
        goal = goals_by_gas.get(answer.prompt_id)
        if goal is not None:
            # Levels belong with their goal, never among the questions; a goal whose GAS
            # levels have since been taken away has no levels to read them against.
            if not goal.has_gas:
                continue
            assert goal.id is not None  # goals_by_gas holds saved goals only
            gas_answers.setdefault(goal.id, {}).setdefault(key, {})[visit_id] = answer
            level = gas.gas_level(answer.value)
            if level is not None:
                # The level is agreed with the family: if more than one was recorded on a
                # visit, from whichever perspective, the last one stands, as a correction.
                gas_levels.setdefault(goal.id, {})[visit_id] = level
            continue
        is_check = (
            answer.tool_id == relationship.RELATIONSHIP_TOOL or answer.prompt_id in check_prompts
        )
        group = checks if is_check else questions
        question = group.get(answer.prompt_id)
        if question is None:
            question = group[answer.prompt_id] = _Question(answer.prompt_id, len(group))
        question.by_key.setdefault(key, {})[visit_id] = answer
        question.latest = answer

    every = _question_movements(questions.values(), ctx)
    repeated = {q.prompt_id for q in questions.values() if q.visit_count() >= 2}
    asked = tuple(q for q in every if q.prompt_id in repeated)
    checked = _question_movements(checks.values(), ctx)
    all_series = {
        (s.prompt_id, s.who.answered_by, s.who.on_behalf_of): s for q in every for s in q.series
    }
    goal_movements = tuple(
        _goal_movement(
            goal, all_series, gas_answers.get(goal.id, {}), gas_levels.get(goal.id, {}), ctx
        )
        for goal in goals
        if goal.id is not None
    )
    titles = {prompt_id: known.title for prompt_id, known in ctx.known.items()}
    return MovementReport(
        reference=case.reference,
        care_status=case.care_status_label,
        visits=refs,
        questions=asked,
        goals=goal_movements,
        gas=gas.per_visit(refs, _gas_levels(goals, gas_levels)),
        relationship=checked,
        relationship_alerts=relationship.alerts(checked, refs, recent),
        change_talk=change_talk.per_visit(refs, answers),
        themes=recurrence.themes(refs, answers, recent),
        worries=recurrence.worries(refs, answers, titles, recent),
    )


def _question_movements(
    questions: Iterable[_Question], ctx: _Context
) -> tuple[QuestionMovement, ...]:
    """The questions in order: the goals' and the pack's first, then the others as met."""
    unknown_place = len(ctx.known)

    def place(q: _Question) -> tuple[int, int]:
        known = ctx.known.get(q.prompt_id)
        return (known.place, 0) if known is not None else (unknown_place, q.first_seen)

    return tuple(_question_movement(q, ctx) for q in sorted(questions, key=place))


def _question_movement(question: _Question, ctx: _Context) -> QuestionMovement:
    known = ctx.known.get(question.prompt_id)
    scale = known.scale if known is not None else None
    reliable = scale.reliable_change if scale is not None else None
    threshold = reliable.threshold if reliable is not None else None
    latest = question.latest
    if scale is not None:
        low: float | None = float(scale.min)
        high: float | None = float(scale.max)
        min_label, max_label = scale.min_label, scale.max_label
    else:
        low = latest.scale_min if latest else None
        high = latest.scale_max if latest else None
        goal = known.goal if known is not None else None
        min_label, max_label = (goal.low_label, goal.high_label) if goal else ("", "")
    series = tuple(
        series_movement(
            question.prompt_id,
            who(key[1], key[2], ctx.names),
            _values(by_visit, ctx.refs),
            threshold,
        )
        for key, by_visit in sorted(question.by_key.items(), key=lambda kv: ctx.who_order(kv[0]))
    )
    return QuestionMovement(
        prompt_id=question.prompt_id,
        title=ctx.title(question),
        wording=latest.wording if latest else "",
        scale_min=low,
        scale_max=high,
        min_label=min_label,
        max_label=max_label,
        threshold=threshold,
        threshold_source=reliable.source if reliable is not None else "",
        series=series,
        disagreement=disagreement(series, low, high),
    )


def _values(by_visit: Mapping[int, Answer], refs: Mapping[int, VisitRef]) -> list[Value]:
    # Positional arguments: this runs once for every answer with a number.
    return [
        Value(refs[visit_id], answer.value, answer.off_scale, answer.text)  # type: ignore[arg-type]
        for visit_id, answer in by_visit.items()
    ]


def _goal_movement(
    goal: Goal,
    all_series: Mapping[SeriesKey, SeriesMovement],
    gas_answers: Mapping[SeriesKey, Mapping[int, Answer]],
    levels: Mapping[int, int],
    ctx: _Context,
) -> GoalMovement:
    """The goal's ratings, its levels per perspective, and the T of its latest level."""
    prompt_id = goal.rating_prompt_id
    ratings = tuple(s for key, s in all_series.items() if key[0] == prompt_id)
    values: list[tuple[tuple[int, tuple[int, int]], GasValue]] = []
    for key, by_visit in gas_answers.items():
        person = who(key[1], key[2], ctx.names)
        for visit_id, answer in by_visit.items():
            level = gas.gas_level(answer.value)
            if level is not None:
                ref = ctx.refs[visit_id]
                values.append(((ref.number, ctx.who_order(key)), GasValue(ref, level, person)))
    values.sort(key=lambda item: item[0])
    latest_visit = max(levels, key=lambda visit_id: ctx.refs[visit_id].number, default=None)
    return GoalMovement(
        goal_id=goal.id,  # type: ignore[arg-type]  # only saved goals get here
        text=goal.text,
        status=goal.status,
        owner=ctx.names.get(goal.owner_member_id, "") if goal.owner_member_id else "",
        weight=goal.weight or 1.0,
        ratings=ratings,
        has_gas=goal.has_gas,
        gas_values=tuple(v for _, v in values),
        gas_t_score=(
            None if latest_visit is None else gas.single_goal_t_score(levels[latest_visit])
        ),
    )


def _gas_levels(
    goals: Sequence[Goal], levels: Mapping[int, Mapping[int, int]]
) -> dict[int, list[tuple[int, float]]]:
    """Per visit, the (level, weight) of each goal with a level recorded on it."""
    by_visit: dict[int, list[tuple[int, float]]] = {}
    for goal in goals:
        if goal.id is None:
            continue
        for visit_id, level in levels.get(goal.id, {}).items():
            by_visit.setdefault(visit_id, []).append((level, goal.weight or 1.0))
    return by_visit
