"""A visit plan as the visit's agenda: what it is for first, then the tools and why.

Plain sections of plain lines; the screen styles them (a heading bold, bullets), a
command could print them. Every word from the plan, the goals or the pack is cleaned of
control characters and otherwise left as it is: it is data, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sessionkit.domain.text import clean_text

if TYPE_CHECKING:
    from sessionkit.domain import Goal, VisitPlan
    from sessionkit.toolpacks import ResolvedPack

# Said instead of an agenda when the plan had nothing in it.
EMPTY_AGENDA = "The plan for this visit was left empty."


@dataclass(frozen=True)
class AgendaSection:
    """'Tools' and its lines; `bullets` when the lines are a list, not one sentence."""

    heading: str
    lines: tuple[str, ...]
    bullets: bool = True


def agenda_sections(
    plan: VisitPlan, goals: Sequence[Goal], pack: ResolvedPack
) -> list[AgendaSection]:
    """Goal, what change looks like, tools with why, then warm-up, steps and follow-ups.

    Sections with nothing in them are left out; an empty list means an empty plan.
    """
    by_id = {g.id: g for g in goals}
    sections: list[AgendaSection] = []

    def section(heading: str, lines: Sequence[str], *, bullets: bool = True) -> None:
        if lines:
            sections.append(AgendaSection(heading, tuple(clean_text(x) for x in lines), bullets))

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
    return sections


def agenda_lines(plan: VisitPlan, goals: Sequence[Goal], pack: ResolvedPack) -> list[str]:
    """The agenda as plain lines, headings and '• ' bullets, for a terminal or a file."""
    lines: list[str] = []
    for section in agenda_sections(plan, goals, pack):
        lines.append(section.heading)
        lines += [("• " if section.bullets else "") + line for line in section.lines]
    return lines or [EMPTY_AGENDA]
