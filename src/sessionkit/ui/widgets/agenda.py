"""The agenda of a planned visit, styled: headings bold, list items bulleted.

The sections and their words come from `present.agenda`; here they only get their looks.
Every word is inserted as data (`Content.assemble`), never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from sessionkit.present.agenda import EMPTY_AGENDA, agenda_sections

if TYPE_CHECKING:
    from sessionkit.domain import Goal, VisitPlan
    from sessionkit.toolpacks import ResolvedPack

Part = str | tuple[str, str]


def agenda_content(plan: VisitPlan, goals: Sequence[Goal], pack: ResolvedPack) -> Content:
    """The plan as the visit's agenda, ready for a `Static`."""
    parts: list[Part] = []
    for section in agenda_sections(plan, goals, pack):
        if parts:
            parts.append("\n")
        parts.append((section.heading, "bold"))
        for line in section.lines:
            parts.append("\n" + ("• " if section.bullets else "") + line)
    if not parts:
        parts.append((EMPTY_AGENDA, "italic"))
    return Content.assemble(*parts)
