"""A visit plan as a plain Markdown document, to read, share or print on its own.

Sections follow the plan: goal first (in the family's words, with their words for 0 and
10), what change will look like, the steps, then the tools with why each was chosen and
what it is for. Empty sections are left out.

Text people typed is kept as typed, but it cannot change the document's shape: longer
free text goes in a block quote, and any line that Markdown would read as the start of a
block (a heading `#`, a list `- ` or `1.`, a quote `>`, a rule, a fence, a table row,
an HTML block `<` or a link definition `[x]:`) gets one backslash in front of that first
character, as do a `<` that could open a tag, an `&` that would read as an entity and a
backslash that would escape what follows (the rules live in `sessionkit.export.markdown`).
Rendered, the line reads exactly as typed; printed raw, the only change is those
backslashes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sessionkit.domain.enums import GoalStatus, PlanStatus
from sessionkit.domain.models import Case, Goal, Member, VisitPlan
from sessionkit.export.markdown import bullet_list, heading_text, inline, quote
from sessionkit.toolpacks.schema import ResolvedPack, Tool


def render_plan(
    case: Case,
    plan: VisitPlan,
    goals: Sequence[Goal],
    members: Sequence[Member],
    pack: ResolvedPack,
) -> str:
    """The plan as Markdown, ending with one newline."""
    blocks: list[str] = [f"# Visit plan: {heading_text(case.reference)}", _status_line(plan)]
    blocks += _focus(plan, goals)
    if plan.change_looks_like.strip():
        blocks += ["## What will change look like?", quote(plan.change_looks_like)]
    if plan.steps:
        blocks += ["## Steps", bullet_list(plan.steps, numbered=True)]
    blocks += _tools(plan, pack)
    if plan.warming_questions:
        blocks += [
            "## Opening questions to warm the context",
            bullet_list(plan.warming_questions, numbered=False),
        ]
    if plan.follow_ups:
        blocks += ["## To follow up from last time", bullet_list(plan.follow_ups, numbered=False)]
    if plan.social_graces.strip():
        blocks += ["## Social graces reflection", quote(plan.social_graces)]
    blocks += _expected(plan, members)
    return "\n\n".join(blocks) + "\n"


# --- sections ------------------------------------------------------------------------


def _when(value: datetime) -> str:
    return f"{value.day} {value:%b %Y}, {value:%H:%M}"


def _status_line(plan: VisitPlan) -> str:
    state = "draft" if plan.status is PlanStatus.DRAFT else "started (the visit has begun)"
    return f"Updated {_when(plan.updated_at)}. Plan {state}."


def _focus(plan: VisitPlan, goals: Sequence[Goal]) -> list[str]:
    by_id = {goal.id: goal for goal in goals if goal.id is not None}
    focus = [by_id[goal_id] for goal_id in plan.goal_ids if goal_id in by_id]
    if not focus:
        return []
    title = "## Focus goal" if len(focus) == 1 else "## Focus goals"
    blocks = [title]
    for goal in focus:
        blocks.append(quote(goal.text))
        scale = f"0 means “{inline(goal.low_label)}”; 10 means “{inline(goal.high_label)}”."
        if goal.status is not GoalStatus.ACTIVE:
            scale += f" Status: {goal.status.value}."
        blocks.append(scale)
    return blocks


def _find_tool(pack: ResolvedPack, tool_id: str) -> Tool | None:
    return next((t for t in (*pack.tools, *pack.hidden) if t.id == tool_id), None)


def _tools(plan: VisitPlan, pack: ResolvedPack) -> list[str]:
    if not plan.tools:
        return []
    blocks = ["## Tools"]
    for planned in plan.tools:
        tool = _find_tool(pack, planned.tool_id)
        name = tool.name if tool is not None else planned.tool_id
        blocks.append(f"### {heading_text(name)}")
        if planned.reason.strip():
            blocks += ["Why it was chosen:", quote(planned.reason)]
        else:
            blocks.append("Why it was chosen: no reason written yet.")
        if tool is not None:
            blocks += ["What it is for:", quote(tool.purpose)]
        else:
            blocks.append(f"This tool is not in the toolpack {inline(pack.id)}.")
    return blocks


def _expected(plan: VisitPlan, members: Sequence[Member]) -> list[str]:
    by_id = {member.id: member for member in members if member.id is not None}
    people = [by_id[member_id] for member_id in plan.expected_member_ids if member_id in by_id]
    if not people:
        return []
    lines = []
    for person in people:
        line = person.description
        if person.communication_needs:
            needs = sorted(need.label for need in person.communication_needs)
            line += f" (communication: {', '.join(needs)})"
        lines.append(line)
    return ["## Who is expected", bullet_list(lines, numbered=False)]
