"""A resolved pack as readable plain text (`sessionkit toolpack show`).

Pack text has been cleaned of control characters at load, so it is printed as data.
"""

from __future__ import annotations

import textwrap

from sessionkit.toolpacks.schema import Prompt, ResolvedPack, Tool

WIDTH = 88


def _block(label: str, text: str, indent: str) -> list[str]:
    """`label: text`, wrapped, keeping the author's paragraph breaks."""
    if not text:
        return []
    out: list[str] = []
    first = f"{indent}{label}: "
    rest = indent + "  "
    for n, paragraph in enumerate(text.split("\n")):
        wrapped = textwrap.wrap(
            paragraph,
            width=WIDTH,
            initial_indent=first if n == 0 else rest,
            subsequent_indent=rest,
            break_on_hyphens=False,
        )
        out += wrapped or [rest.rstrip()]
    return out


def _ages(tool: Tool) -> str:
    if tool.age_min is not None and tool.age_max is not None:
        return f"ages {tool.age_min} to {tool.age_max}"
    if tool.age_min is not None:
        return f"ages {tool.age_min} and up"
    if tool.age_max is not None:
        return f"up to age {tool.age_max}"
    return "any age"


def _prompt_kind(prompt: Prompt) -> str:
    if prompt.scale is None:
        return prompt.kind.value
    scale = prompt.scale
    ends = ""
    if scale.min_label or scale.max_label:
        ends = f': {scale.min} "{scale.min_label}" to {scale.max} "{scale.max_label}"'
    else:
        ends = f" {scale.min} to {scale.max}"
    return f"scale{ends}"


def render_prompt(prompt: Prompt, indent: str = "    ") -> list[str]:
    lines = [f"{indent}- {prompt.id} ({_prompt_kind(prompt)})"]
    inner = indent + "  "
    lines += _block("Asks", prompt.wording, inner)
    if prompt.child_wording and prompt.child_wording != prompt.wording:
        lines += _block("For a child", prompt.child_wording, inner)
    lines += _block("Help", prompt.help, inner)
    if prompt.change_talk is not None:
        lines.append(f"{inner}Invites change talk: {prompt.change_talk.value}")
    if prompt.scale is not None and prompt.scale.reliable_change is not None:
        rc = prompt.scale.reliable_change
        lines += _block("Reliable change", f"{rc.threshold:g} ({rc.source})", inner)
    for option in prompt.options:
        lines.append(f"{inner}[{option.id}] {option.label}")
    return lines


def render_tool(tool: Tool) -> list[str]:
    lines = [f"{tool.name}", f"  id {tool.id}, group {tool.group}, {_ages(tool)}"]
    lines += _block("Purpose", tool.purpose, "  ")
    lines += _block("Works well when", tool.works_well_when, "  ")
    lines += _block("Avoid when", tool.avoid_when, "  ")
    notes = tool.adaptations
    if notes.age or notes.send or notes.non_verbal:
        lines.append("  Adaptations:")
        lines += _block("Age", notes.age, "    ")
        lines += _block("SEND", notes.send, "    ")
        lines += _block("Non-verbal", notes.non_verbal, "    ")
    if tool.areas:
        lines.append(f"  Areas: {', '.join(tool.areas)}")
    if tool.prompts:
        lines.append(f"  Prompts ({len(tool.prompts)}):")
        for prompt in tool.prompts:
            lines += render_prompt(prompt)
    return lines


def render_pack(pack: ResolvedPack) -> str:
    meta = pack.meta
    lines = [f"{meta.name} ({meta.id} {meta.version})"]
    if meta.publisher:
        lines.append(f"Publisher: {meta.publisher}")
    if len(pack.chain) > 1:
        lines.append(f"Builds on: {' -> '.join(pack.chain)}")
    lines += _block("About", meta.description, "")
    prompts = sum(len(t.prompts) for t in pack.tools)
    lines.append(f"{len(pack.tools)} tools, {prompts} prompts.")
    hidden_tools = [t.id for t in pack.hidden if pack.tool(t.id) is None]
    hidden_prompts = [p.id for t in pack.hidden if pack.tool(t.id) is not None for p in t.prompts]
    if hidden_tools:
        lines.append(f"Hidden tools: {', '.join(hidden_tools)}")
    if hidden_prompts:
        lines.append(f"Hidden prompts: {', '.join(hidden_prompts)}")
    for n, tool in enumerate(pack.tools, start=1):
        lines += ["", f"{n}. " + "\n".join(render_tool(tool))]
    return "\n".join(lines) + "\n"
