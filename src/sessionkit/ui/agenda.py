"""A visit plan as the visit's agenda: what it is for first, then the tools and why.

Plain text assembled with our own styles; every word from the plan, the goals or the pack
is inserted as data, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from sessionkit.domain.text import clean_text

if TYPE_CHECKING:
    from sessionkit.domain import Goal, VisitPlan
    from sessionkit.toolpacks import ResolvedPack

Part = str | tuple[str, str]


def agenda_text(plan: VisitPlan, goals: Sequence[Goal], pack: ResolvedPack) -> Content:
    """Goal, what change looks like, tools with why, then warm-up, steps and follow-ups."""
    by_id = {g.id: g for g in goals}
    parts: list[Part] = []

    def section(heading: str, lines: Sequence[str], *, bullets: bool = True) -> None:
        if not lines:
            return
        if parts:
            parts.append("\n")
        parts.append((heading, "bold"))
        for line in lines:
            parts.append("\n" + ("• " if bullets else "") + clean_text(line))

    focus = [by_id[i].text for i in plan.goal_ids if i in by_id]
    section("Goal" if len(focus) == 1 else "Goals", focus, bullets=len(focus) > 1)
    if plan.change_looks_like:
        section("Change will look like", [plan.change_looks_like], bullets=False)
    tools = []
    for planned in plan.tools:
        tool = pack.tool(planned.tool_id)
        name = tool.name if tool else planned.tool_id
        tools.append(f"{name}: {planned.reason}" if planned.reason else name)
    section("Tools", tools)
    section("Warm up with", plan.warming_questions)
    section("Steps", plan.steps)
    section("Follow up", plan.follow_ups)
    if not parts:
        parts.append(("The plan for this visit was left empty.", "italic"))
    return Content.assemble(*parts)
