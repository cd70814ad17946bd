"""Which key picks which tool in the prompt picker, and which prompts match a search.

Pure functions, tested without an app: a practitioner should reach any prompt of the
active pack in three keys (open, tool, number) or by typing a few letters of it.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass

from sessionkit.present.tool_search import name_rank
from sessionkit.toolpacks.schema import Prompt, ResolvedPack, Tool

# "/" starts a search; digits pick a prompt; the rest of the lower-case letters pick tools.
TOOL_KEYS = string.ascii_lowercase


@dataclass(frozen=True)
class PromptChoice:
    tool: Tool
    prompt: Prompt


def tool_keys(tools: Sequence[Tool]) -> list[tuple[str, Tool]]:
    """One letter a tool: the first letter of its name that is still free, else any free one.

    "Scaling questions" gets "s", "Sitting with silence" then "i" (the next free letter of
    its name), so the keys read as the tools' names. More tools than letters: the rest get
    no key and are still found by search.
    """
    taken: set[str] = set()
    keyed: list[tuple[str, Tool]] = []
    for tool in tools:
        letters = [ch for ch in tool.name.casefold() if ch in TOOL_KEYS]
        key = next((ch for ch in letters if ch not in taken), None)
        if key is None:
            key = next((ch for ch in TOOL_KEYS if ch not in taken), None)
        if key is None:
            continue
        taken.add(key)
        keyed.append((key, tool))
    return keyed


def capturable_tools(pack: ResolvedPack) -> list[Tool]:
    """Tools with prompts to ask, in pack order. Reflection is the practitioner's own, after."""
    return [t for t in pack.tools if t.prompts and t.group != "reflection"]


def search_prompts(tools: Sequence[Tool], query: str) -> list[PromptChoice]:
    """Prompts holding every word of `query` in their title, wording or tool name, those
    whose tool name or title answers it best first (`name_rank`), else in pack order."""
    terms = query.casefold().split()
    found = []
    for tool in tools:
        for prompt in tool.prompts:
            text = " ".join(
                [tool.name, prompt.title, prompt.wording, prompt.child_wording]
            ).casefold()
            if all(term in text for term in terms):
                found.append(PromptChoice(tool, prompt))
    # Prompts whose tool or title is what was typed come first, so Enter picks them.
    return sorted(
        found,
        key=lambda c: min(name_rank(c.tool.name, query), name_rank(c.prompt.title, query)),
    )
