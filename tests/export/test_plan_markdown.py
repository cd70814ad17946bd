"""The visit plan as Markdown: what it says, what it leaves out, and hostile text kept inert."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st

from sessionkit.domain import (
    CommunicationNeed,
    Goal,
    GoalStatus,
    Member,
    PlannedTool,
    PlanStatus,
    Role,
    VisitPlan,
)
from sessionkit.domain.models import Case
from sessionkit.export.plan_markdown import render_plan
from sessionkit.toolpacks.schema import PackMeta, ResolvedPack, Tool

markdown_it = pytest.importorskip("markdown_it")

WHEN = datetime(2026, 3, 4, 14, 5, tzinfo=timezone(timedelta(hours=0)))
CASE = Case(id=1, reference="AB-12")
GOAL = Goal(id=5, case_id=1, text="Mornings feel calmer", low_label="shouting", high_label="calm")
OTHER_GOAL = Goal(id=6, case_id=1, text="Not in this plan")
AMY = Member(id=1, case_id=1, name="Amy", role=Role.CHILD, age=9)
SAM = Member(
    id=2,
    case_id=1,
    name="Sam",
    role=Role.CHILD,
    age=6,
    communication_needs=frozenset({CommunicationNeed.NON_VERBAL, CommunicationNeed.SEND}),
)
HOUSES = Tool(
    id="three-houses",
    name="Three Houses",
    group="three-houses",
    purpose="Draw worries, good things and dreams.",
)
PACK = ResolvedPack(
    meta=PackMeta(id="core", name="Core", version="1"), chain=("core",), tools=(HOUSES,)
)


def full_plan(**changes: object) -> VisitPlan:
    plan = VisitPlan(
        id=3,
        case_id=1,
        goal_ids=[5],
        change_looks_like="Amy gets to school on time without a row.",
        steps=["Check in with Amy", "Three Houses on mornings"],
        tools=[PlannedTool(tool_id="three-houses", reason="Amy finds drawing easier")],
        warming_questions=["What would make today go well?"],
        social_graces="I am older and a stranger; sit at their level.",
        expected_member_ids=[1, 2],
        follow_ups=["Last time you planned to try: the cards"],
        updated_at=WHEN,
    )
    return plan.model_copy(update=changes)


def render(plan: VisitPlan, goals: list[Goal] | None = None) -> str:
    return render_plan(
        CASE, plan, goals if goals is not None else [GOAL, OTHER_GOAL], [AMY, SAM], PACK
    )


def headings(text: str) -> list[tuple[str, str]]:
    """(tag, text as rendered) of every heading Markdown sees, anywhere in the document."""
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    return [
        (tok.tag, "".join(c.content for c in tokens[i + 1].children or [] if c.type == "text"))
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def top_level_blocks(text: str) -> list[str]:
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    return [t.type for t in tokens if t.level == 0 and t.nesting >= 0]


EXPECTED_HEADINGS = [
    ("h1", "Visit plan: AB-12"),
    ("h2", "Focus goal"),
    ("h2", "What will change look like?"),
    ("h2", "Steps"),
    ("h2", "Tools"),
    ("h3", "Three Houses"),
    ("h2", "Opening questions to warm the context"),
    ("h2", "To follow up from last time"),
    ("h2", "Social graces reflection"),
    ("h2", "Who is expected"),
]


def test_full_plan_reads_in_order() -> None:
    text = render(full_plan())
    assert text == (
        "# Visit plan: AB-12\n"
        "\n"
        "Updated 4 Mar 2026, 14:05. Plan draft.\n"
        "\n"
        "## Focus goal\n"
        "\n"
        "> Mornings feel calmer\n"
        "\n"
        "0 means “shouting”; 10 means “calm”.\n"
        "\n"
        "## What will change look like?\n"
        "\n"
        "> Amy gets to school on time without a row.\n"
        "\n"
        "## Steps\n"
        "\n"
        "1. Check in with Amy\n"
        "2. Three Houses on mornings\n"
        "\n"
        "## Tools\n"
        "\n"
        "### Three Houses\n"
        "\n"
        "Why it was chosen:\n"
        "\n"
        "> Amy finds drawing easier\n"
        "\n"
        "What it is for:\n"
        "\n"
        "> Draw worries, good things and dreams.\n"
        "\n"
        "## Opening questions to warm the context\n"
        "\n"
        "- What would make today go well?\n"
        "\n"
        "## To follow up from last time\n"
        "\n"
        "- Last time you planned to try: the cards\n"
        "\n"
        "## Social graces reflection\n"
        "\n"
        "> I am older and a stranger; sit at their level.\n"
        "\n"
        "## Who is expected\n"
        "\n"
        "- Amy, child, 9\n"
        "- Sam, child, 6 (communication: SEND, non-verbal)\n"
    )
    assert headings(text) == EXPECTED_HEADINGS
    assert "Not in this plan" not in text


def test_empty_sections_are_left_out() -> None:
    text = render(VisitPlan(id=3, case_id=1, updated_at=WHEN, status=PlanStatus.STARTED))
    assert text == (
        "# Visit plan: AB-12\n\nUpdated 4 Mar 2026, 14:05. Plan started (the visit has begun).\n"
    )


def test_several_goals_a_paused_one_and_unknown_ids() -> None:
    paused = Goal(id=7, case_id=1, text="Sleep through", status=GoalStatus.PAUSED)
    text = render(full_plan(goal_ids=[5, 7, 99], expected_member_ids=[2, 42]), [GOAL, paused])
    assert "## Focus goals\n" in text
    assert (
        "> Sleep through\n\n0 means “not at all”; 10 means “completely”. Status: paused.\n" in text
    )
    assert "- Sam, child, 6" in text and "Amy, child" not in text


def test_tool_without_reason_and_tool_missing_from_the_pack() -> None:
    text = render(
        full_plan(
            tools=[
                PlannedTool(tool_id="three-houses"),
                PlannedTool(tool_id="la-only-tool", reason="x"),
            ]
        )
    )
    assert "### Three Houses\n\nWhy it was chosen: no reason written yet.\n" in text
    assert (
        "### la-only-tool\n\nWhy it was chosen:\n\n> x\n\nThis tool is not in the toolpack core.\n"
        in text
    )


HOSTILE = (
    "# Not a heading\n"
    "## Nor this\n"
    "- not a list\n"
    "* nor this\n"
    "+ nor this\n"
    "1. not numbered\n"
    "2) nor this\n"
    "> not a quote\n"
    "---\n"
    "===\n"
    "```\n"
    "~~~\n"
    "| a | b |\n"
    "<!-- swallow the rest\n"
    "<script>alert(1)</script>\n"
    "\n"
    "   # indented heading\n"
    "last line"
)


def test_hostile_free_text_cannot_restructure_the_document() -> None:
    plan = full_plan(
        change_looks_like=HOSTILE,
        steps=[HOSTILE, "# second step"],
        tools=[PlannedTool(tool_id="three-houses", reason=HOSTILE)],
        warming_questions=[HOSTILE],
        social_graces=HOSTILE,
        follow_ups=["- " + HOSTILE],
    )
    goal = GOAL.model_copy(update={"text": HOSTILE, "low_label": "# low", "high_label": "<!--"})
    text = render(plan, [goal])
    assert headings(text) == EXPECTED_HEADINGS
    # Every section is still a top-level block of its own: nothing was swallowed.
    assert "html_block" not in top_level_blocks(text)
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    assert not any(t.type in ("html_block", "fence", "hr", "table_open") for t in tokens)
    # Steps stay two numbered items.
    lists = [t for t in tokens if t.type == "ordered_list_open"]
    assert len(lists) == 1
    items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert len(items) == 2 + 1 + 1 + 2  # steps, warming, follow-ups, people
    # The words are all still there (rendered, each line reads as typed).
    html = markdown_it.MarkdownIt("commonmark").render(text)
    for word in ("Not a heading", "not a list", "not numbered", "not a quote", "last line"):
        assert word in html


def test_hostile_one_line_values() -> None:
    case = Case(id=1, reference="# ref ##")
    member = Member(id=1, case_id=1, name="- Amy", role=Role.CHILD)
    tool = HOUSES.model_copy(update={"name": "1. Houses #"})
    pack = PACK.model_copy(update={"tools": (tool,)})
    text = render_plan(case, full_plan(expected_member_ids=[1]), [GOAL], [member], pack)
    found = headings(text)
    assert found[0] == ("h1", "Visit plan: # ref ##")
    assert ("h3", "1. Houses #") in found
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    people = [t for t in tokens if t.type == "bullet_list_open"]
    assert len(people) == 3  # warming, follow-ups, people: no list nested in a name
    assert "- \\- Amy, child\n" in text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="#->*+=_`~|<!1.) \n\r\tab\\", max_size=40), min_size=1, max_size=3)
)
def test_any_typed_text_keeps_the_outline(texts: list[str]) -> None:
    steps = [t for t in texts if t.strip()] or ["step"]
    plan = VisitPlan.model_validate(
        full_plan(
            change_looks_like=texts[0],
            steps=steps,
            warming_questions=steps,
            social_graces=texts[-1] if texts[-1].strip() else "x",
            tools=[PlannedTool(tool_id="three-houses", reason=texts[0])],
        ).model_dump()
    )
    text = render(plan)
    expected = [
        h
        for h in EXPECTED_HEADINGS
        if plan.change_looks_like.strip() or h[1] != "What will change look like?"
    ]
    assert headings(text) == expected
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    assert not any(t.type in ("html_block", "fence", "hr") for t in tokens)
    items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert len(items) == 2 * len(steps) + 1 + 2  # steps, warming, follow-up, people
