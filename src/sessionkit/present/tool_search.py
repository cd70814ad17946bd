"""What the tool browser needs to know about tools, as pure functions: search and wording.

Kept apart from the screen so the rules (what a search looks at, how an age range reads)
are tested without running an app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sessionkit.domain.enums import PromptKind
from sessionkit.toolpacks.schema import Prompt, Tool

KIND_WORDS: dict[PromptKind, str] = {
    PromptKind.SCALE: "scale",
    PromptKind.TEXT: "their words",
    PromptKind.LIST: "list",
    PromptKind.CHOICE: "one choice",
    PromptKind.CHECKLIST: "checklist",
}


@dataclass(frozen=True)
class Match:
    """A tool that matches a search, and the prompt that made it match, if only a prompt did."""

    tool: Tool
    via_prompt: Prompt | None = None


def search_terms(query: str) -> list[str]:
    """The words of a search, case-folded. Every word must be found for a tool to match."""
    return query.casefold().split()


def _tool_text(tool: Tool) -> str:
    return "\n".join([tool.name, tool.group, tool.purpose, *tool.areas]).casefold()


def _prompt_text(prompt: Prompt) -> str:
    return "\n".join([prompt.title, prompt.wording, prompt.child_wording]).casefold()


def find_tools(tools: Sequence[Tool], query: str) -> list[Match]:
    """The tools whose name, group, purpose, areas or prompts hold every word of `query`.

    Tools stay in the order given. When the tool's own words do not explain the match, the
    first prompt holding a missing word is kept, so the list can say why the tool is there.
    """
    terms = search_terms(query)
    if not terms:
        return [Match(tool) for tool in tools]
    found: list[Match] = []
    for tool in tools:
        own = _tool_text(tool)
        prompts = [(prompt, _prompt_text(prompt)) for prompt in tool.prompts]
        everything = "\n".join([own, *(text for _, text in prompts)])
        if not all(term in everything for term in terms):
            continue
        missing = [term for term in terms if term not in own]
        via = next(
            (prompt for prompt, text in prompts if any(term in text for term in missing)),
            None,
        )
        found.append(Match(tool, via))
    return found


def name_rank(name: str, query: str) -> int:
    """How well `name` answers a search, best 0: the name itself, then a name starting
    with it, then a name whose words start with every word searched, then a name holding
    every word; 4 when only other text (a purpose, a prompt) matched."""
    wanted = " ".join(search_terms(query))
    folded = name.casefold()
    words = folded.split()
    if folded == wanted:
        return 0
    if folded.startswith(wanted):
        return 1
    terms = wanted.split()
    if all(any(word.startswith(term) for word in words) for term in terms):
        return 2
    if all(term in folded for term in terms):
        return 3
    return 4


def best_first(matches: Sequence[Match], query: str) -> list[Match]:
    """`matches` with the tools whose name answers `query` best first (see `name_rank`);
    the order given otherwise, so Enter after typing a tool's name picks that tool."""
    return sorted(matches, key=lambda match: name_rank(match.tool.name, query))


def in_pack_order(tools: Sequence[Tool], groups: Sequence[str]) -> list[Tool]:
    """Tools grouped by their group, groups in `groups` order, pack order within each."""
    rank = {group: i for i, group in enumerate(groups)}
    return sorted(tools, key=lambda tool: rank.get(tool.group, len(rank)))


def age_words(tool: Tool) -> str:
    """The tool's age range as it would be said: 'ages 5 and up', 'any age'."""
    low = tool.age_min or None  # a minimum of 0 says nothing
    high = tool.age_max
    if low is None and high is None:
        return "any age"
    if high is None:
        return f"ages {low} and up"
    if low is None:
        return f"up to age {high}"
    if low == high:
        return f"age {low} only"
    return f"ages {low} to {high}"


def scale_ends(prompt: Prompt) -> str:
    """'0 = not safe at all   10 = completely safe' for a scale prompt, else ''."""
    scale = prompt.scale
    if scale is None:
        return ""
    return (
        f"{scale.min} = {scale.min_label or 'lowest'}   "
        f"{scale.max} = {scale.max_label or 'highest'}"
    )


def kind_words(prompt: Prompt) -> str:
    """The kind of answer a prompt asks for, in words ('scale 0 to 10', 'one choice')."""
    words = KIND_WORDS.get(prompt.kind, prompt.kind.value)
    if prompt.scale is not None:
        words += f" {prompt.scale.min} to {prompt.scale.max}"
    return words
