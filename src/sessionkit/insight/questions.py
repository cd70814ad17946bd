"""Which question an answer belongs to, what it is called, and where it comes in order.

Goal questions come first, in the family's own words: the work is for the goals. Then
every prompt of the toolpack in the order the pack offers its tools, and after them
the prompts the pack hides (answers given before a prompt was hidden keep their name).
A prompt the pack does not know at all (another pack's, or one since removed) is named
by the wording recorded with its answers and comes last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sessionkit.domain.enums import GoalStatus
from sessionkit.domain.models import Goal
from sessionkit.toolpacks.schema import Prompt, ResolvedPack, Scale, Tool

TITLE_WIDTH = 48  # the width Prompt.short_title cuts a title-less wording to


@dataclass(frozen=True, slots=True)
class KnownQuestion:
    """A question the pack or the goals define: its place, title and scale."""

    prompt_id: str
    place: int
    title: str
    tool_id: str = ""
    scale: Scale | None = None
    goal: Goal | None = None


def known_questions(pack: ResolvedPack | None, goals: Iterable[Goal]) -> dict[str, KnownQuestion]:
    """Every question named by the goals or the pack, by prompt id, in order.

    Goals' 0-10 ratings first (active goals, then the others), each goal's attainment
    level next to its rating; then the pack's prompts, offered ones before hidden ones.
    """
    known: dict[str, KnownQuestion] = {}
    ordered = sorted(goals, key=lambda g: g.status is not GoalStatus.ACTIVE)  # stable
    for goal in ordered:
        if goal.id is None:
            continue
        title = one_line(goal.text)
        for prompt_id in (goal.rating_prompt_id, goal.gas_prompt_id):
            known[prompt_id] = KnownQuestion(prompt_id, len(known), title, "goal", None, goal)
    if pack is not None:
        for tool in (*pack.tools, *pack.hidden):
            for prompt in tool.prompts:
                if prompt.id not in known:
                    known[prompt.id] = _from_pack(tool, prompt, len(known))
    return known


def _from_pack(tool: Tool, prompt: Prompt, place: int) -> KnownQuestion:
    return KnownQuestion(prompt.id, place, prompt.short_title, tool.id, prompt.scale)


def title_from_wording(wording: str, prompt_id: str) -> str:
    """A title for a question the pack does not know: its recorded wording, cut to fit."""
    words = one_line(wording)
    if not words:
        return prompt_id
    return words if len(words) <= TITLE_WIDTH else words[: TITLE_WIDTH - 1] + "…"


def one_line(text: str) -> str:
    return " ".join(text.split())
