"""A visit plan as a plain Markdown document, to read, share or print on its own.

Sections follow the plan: goal first (in the family's words, with their words for 0 and
10), what change will look like, the steps, then the tools with why each was chosen and
what it is for. Empty sections are left out.

Text people typed is kept as typed, but it cannot change the document's shape: longer
free text goes in a block quote, and any line that Markdown would read as the start of a
block (a heading `#`, a list `- ` or `1.`, a quote `>`, a rule, a fence, a table row or
an HTML block `<`) gets one backslash in front of that first character. Rendered, the
line reads exactly as typed; printed raw, the only change is that backslash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from sessionkit.domain.enums import GoalStatus, PlanStatus
from sessionkit.domain.models import Case, Goal, Member, VisitPlan
from sessionkit.toolpacks.schema import ResolvedPack, Tool

# Leading spaces or tabs, then something that may open a block: ATX heading, quote,
# bullet or thematic break (- + * _), setext underline (=), fence (` ~), table pipe,
# HTML. Any amount of indentation: a tab inside a quote or list item can leave less
# than it looks, and an escape in text that turns out to be code is only cosmetic.
_BLOCK_START = re.compile(r"^([ \t]*)([#>\-+*_=`~|<])")
# An ordered list marker: digits then "." or ")".
_ORDERED_START = re.compile(r"^([ \t]*\d{1,9})([.)])")
# A closing sequence of #s at the end of a heading would be dropped from the title.
_TRAILING_HASHES = re.compile(r"(#+)\s*$")


def render_plan(
    case: Case,
    plan: VisitPlan,
    goals: Sequence[Goal],
    members: Sequence[Member],
    pack: ResolvedPack,
) -> str:
    """The plan as Markdown, ending with one newline."""
    blocks: list[str] = [f"# Visit plan: {_heading(case.reference)}", _status_line(plan)]
    blocks += _focus(plan, goals)
    if plan.change_looks_like.strip():
        blocks += ["## What will change look like?", _quote(plan.change_looks_like)]
    if plan.steps:
        blocks += ["## Steps", _list(plan.steps, numbered=True)]
    blocks += _tools(plan, pack)
    if plan.warming_questions:
        blocks += [
            "## Opening questions to warm the context",
            _list(plan.warming_questions, numbered=False),
        ]
    if plan.follow_ups:
        blocks += ["## To follow up from last time", _list(plan.follow_ups, numbered=False)]
    if plan.social_graces.strip():
        blocks += ["## Social graces reflection", _quote(plan.social_graces)]
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
        blocks.append(_quote(goal.text))
        scale = f"0 means “{_inline(goal.low_label)}”; 10 means “{_inline(goal.high_label)}”."
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
        blocks.append(f"### {_heading(name)}")
        if planned.reason.strip():
            blocks += ["Why it was chosen:", _quote(planned.reason)]
        else:
            blocks.append("Why it was chosen: no reason written yet.")
        if tool is not None:
            blocks += ["What it is for:", _quote(tool.purpose)]
        else:
            blocks.append(f"This tool is not in the toolpack {_inline(pack.id)}.")
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
    return ["## Who is expected", _list(lines, numbered=False)]


# --- keeping typed text from changing the document ------------------------------------


def _guard(line: str) -> str:
    """Escape the first character of a line Markdown would read as a block start."""
    ordered = _ORDERED_START.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{line[ordered.end(1) :]}"
    block = _BLOCK_START.match(line)
    if block:
        return f"{block.group(1)}\\{line[block.end(1) :]}"
    return line


def _inline(text: str) -> str:
    """A one-line value placed inside a sentence or list item."""
    return _guard(" ".join(text.split()))


def _heading(text: str) -> str:
    """A one-line value as heading text: guarded, and trailing #s kept as text."""
    return _TRAILING_HASHES.sub(lambda m: "\\#" * len(m.group(1)), _inline(text))


def _lines(text: str) -> list[str]:
    return text.strip("\n").splitlines() or [""]


def _quote(text: str) -> str:
    """Free text as a block quote: every line quoted, blank lines too, each guarded."""
    return "\n".join(f"> {_guard(line)}".rstrip() for line in _lines(text))


def _list(items: Sequence[str], *, numbered: bool) -> str:
    """A list; an item's later lines are indented under it, so they stay inside it."""
    out: list[str] = []
    for number, item in enumerate(items, start=1):
        marker = f"{number}. " if numbered else "- "
        indent = " " * len(marker)
        # Leading blank lines would leave an empty item and push the text out of the list.
        first, *rest = _lines(item.strip())
        out.append((marker + _guard(first)).rstrip())
        out += [(indent + _guard(line)).rstrip() for line in rest]
    return "\n".join(out)
