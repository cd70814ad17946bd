"""What to carry from earlier visits into the next plan.

Four kinds of item, in this order:

- **try_next_time**: from the most recent *finished* visit whose reflection has a
  "try next time" note (an older one is still offered when the latest visit has none;
  the date says how old it is).
- **worry**: answers flagged as a worry in the three most recent visits (finished or
  not: a worry does not lapse because a visit was left open), newest visit first.
- **goal_not_rated**: active goals with no 0-10 rating (a response to the goal's rating
  prompt) said within the last `stale_after_days` days, or never rated.
- **unanswered**: for the last finished visit, the prompts of each tool planned for it
  that got no answer in that visit, one item per tool.

Derived from the records each time, never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sessionkit.domain.corrections import standing
from sessionkit.domain.enums import GoalStatus
from sessionkit.domain.models import Goal, Member, Response, Visit, VisitPlan
from sessionkit.insight.movement import format_value
from sessionkit.toolpacks.schema import ResolvedPack, Tool

CarryKind = Literal["try_next_time", "worry", "goal_not_rated", "unanswered"]

WORRY_VISITS = 3
# A tool with many prompts (a deck of question cards) names this many, then "and N more".
MAX_PROMPTS_NAMED = 5


@dataclass(frozen=True)
class CarryItem:
    kind: CarryKind
    text: str
    detail: str = ""


def carry_forward(
    visits: Sequence[Visit],
    responses: Sequence[Response],
    goals: Sequence[Goal],
    plans: Sequence[VisitPlan],
    pack: ResolvedPack,
    *,
    today: date,
    stale_after_days: int = 28,
    members: Sequence[Member] = (),
) -> list[CarryItem]:
    """Items to follow up at the next visit; `members` (optional) names who said what."""
    ordered = sorted(visits, key=_visit_order)
    finished = [v for v in ordered if v.is_finished]
    names = {m.id: m.name for m in members if m.id is not None}
    items: list[CarryItem] = []
    items += _try_next_time(finished)
    items += _worries(ordered, responses, names)
    items += _goals_not_rated(goals, responses, today, stale_after_days)
    if finished:
        items += _unanswered(finished[-1], responses, plans, pack)
    return items


def _visit_order(visit: Visit) -> tuple[datetime, int]:
    return visit.started_at, visit.id or 0


def _day(when: datetime | date) -> str:
    return f"{when.day} {when:%b %Y}"


def _try_next_time(finished: Sequence[Visit]) -> list[CarryItem]:
    for visit in reversed(finished):
        reflection = visit.reflection
        if reflection is not None and reflection.try_next_time.strip():
            return [
                CarryItem(
                    "try_next_time",
                    f"Last time you planned to try: {reflection.try_next_time}",
                    f"from the reflection on the visit of {_day(visit.started_at)}",
                )
            ]
    return []


def _worries(
    ordered: Sequence[Visit], responses: Sequence[Response], names: dict[int, str]
) -> list[CarryItem]:
    recent = list(reversed(ordered[-WORRY_VISITS:]))
    by_visit: dict[int, list[Response]] = {}
    # One item an answer that stands: a corrected number's worry lives on the correction.
    for response in standing(responses):
        if response.worry and response.visit_id is not None:
            by_visit.setdefault(response.visit_id, []).append(response)
    items: list[CarryItem] = []
    for visit in recent:
        for response in by_visit.get(visit.id or -1, []):
            items.append(
                CarryItem(
                    "worry",
                    f"Worry: {_said(response, names)}",
                    _who_and_when(response, visit, names),
                )
            )
    return items


def _said(response: Response, names: dict[int, str]) -> str:
    """The worry as the answer it is: "Kai, 3 out of 10 — ‘words’", or its words."""
    if response.value is not None:
        who = names.get(response.answered_by, "someone")
        said = f"{who}, {format_value(response.value)}"
        if response.scale_max is not None:
            said += f" out of {format_value(response.scale_max)}"
        words = response.text.strip()
        return f"{said} — ‘{words}’" if words else said
    if response.text.strip():
        return response.text
    if response.items:
        return "; ".join(response.items)
    if response.wording.strip():
        return f"flagged on the question “{response.wording}”"
    return f"flagged on the question {response.prompt_id}"


def _who_and_when(response: Response, visit: Visit, names: dict[int, str]) -> str:
    when = f"visit of {_day(visit.started_at)}"
    who = names.get(response.answered_by)
    if who is None:
        return when
    subject = response.on_behalf_of
    if subject is not None:
        who = f"{who} for {names.get(subject, 'someone else')}"
    return f"{who}, {when}"


def _goals_not_rated(
    goals: Sequence[Goal], responses: Sequence[Response], today: date, stale_after_days: int
) -> list[CarryItem]:
    last_rated: dict[str, date] = {}
    for response in responses:
        said = response.said_at.date()
        previous = last_rated.get(response.prompt_id)
        if previous is None or said > previous:
            last_rated[response.prompt_id] = said
    items: list[CarryItem] = []
    for goal in goals:
        if goal.id is None or goal.status is not GoalStatus.ACTIVE:
            continue
        rated = last_rated.get(goal.rating_prompt_id)
        if rated is None:
            items.append(CarryItem("goal_not_rated", f"Not rated yet: {goal.text}"))
            continue
        days = (today - rated).days
        if days > stale_after_days:
            items.append(
                CarryItem(
                    "goal_not_rated",
                    f"Not rated for {days} days: {goal.text}",
                    f"last rated {_day(rated)}",
                )
            )
    return items


def _unanswered(
    last: Visit, responses: Sequence[Response], plans: Sequence[VisitPlan], pack: ResolvedPack
) -> list[CarryItem]:
    plan = next(
        (p for p in plans if p.visit_id is not None and p.visit_id == last.id),
        None,
    ) or next((p for p in plans if p.id is not None and p.id == last.plan_id), None)
    if plan is None:
        return []
    here = [r for r in responses if r.visit_id == last.id]
    answered = {r.prompt_id for r in here}
    used_tools = {r.tool_id for r in here if r.tool_id}
    detail = f"planned for the visit of {_day(last.started_at)}"
    items: list[CarryItem] = []
    for planned in plan.tools:
        tool = _find_tool(pack, planned.tool_id)
        if tool is None:
            # Not in this pack: its prompts are unknown, but an unused tool still shows.
            if planned.tool_id not in used_tools:
                items.append(
                    CarryItem("unanswered", f"Planned but not used: {planned.tool_id}", detail)
                )
            continue
        missing = [p.short_title for p in tool.prompts if p.id not in answered]
        if not missing:
            continue
        if len(missing) == len(tool.prompts):
            text = f"Planned but not used: {tool.name}"
        else:
            text = f"Not answered from {tool.name}: {_some(missing)}"
        items.append(CarryItem("unanswered", text, detail))
    return items


def _find_tool(pack: ResolvedPack, tool_id: str) -> Tool | None:
    # A tool hidden since it was planned keeps its name and prompts in `hidden`.
    return next((t for t in (*pack.tools, *pack.hidden) if t.id == tool_id), None)


def _some(titles: Sequence[str]) -> str:
    if len(titles) <= MAX_PROMPTS_NAMED:
        return "; ".join(titles)
    shown = "; ".join(titles[:MAX_PROMPTS_NAMED])
    return f"{shown}; and {len(titles) - MAX_PROMPTS_NAMED} more"
