"""Carry-forward from hand-built visits: try next time, worries, stale goals, unanswered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sessionkit.domain import (
    Goal,
    GoalStatus,
    Member,
    PlannedTool,
    PlanStatus,
    Reflection,
    Response,
    Role,
    Visit,
    VisitPlan,
)
from sessionkit.insight.carry_forward import CarryItem, carry_forward
from sessionkit.toolpacks.schema import PackMeta, Prompt, ResolvedPack, Tool

TODAY = date(2026, 3, 30)
AMY, SARA, SAM = 1, 2, 3
MEMBERS = [
    Member(id=AMY, case_id=1, name="Amy", role=Role.CHILD, age=9),
    Member(id=SARA, case_id=1, name="Sara", role=Role.SIBLING, age=13),
    Member(id=SAM, case_id=1, name="Sam", role=Role.CHILD, age=7),
]


def on(day: int, month: int = 3, hour: int = 16) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def visit(visit_id: int, day: int, *, finished: bool = True, **fields: Any) -> Visit:
    start = on(day)
    return Visit(
        id=visit_id,
        case_id=1,
        started_at=start,
        ended_at=start + timedelta(hours=1) if finished else None,
        **fields,
    )


def said(visit_id: int, prompt_id: str, day: int, **fields: Any) -> Response:
    return Response(
        visit_id=visit_id,
        prompt_id=prompt_id,
        answered_by=fields.pop("answered_by", AMY),
        said_at=on(day, hour=16),
        recorded_at=on(day, hour=16),
        **fields,
    )


def prompt(prompt_id: str, title: str = "") -> Prompt:
    return Prompt(id=prompt_id, kind="text", title=title, wording=f"Tell me about {prompt_id}?")


HOUSES = Tool(
    id="three-houses",
    name="Three Houses",
    group="three-houses",
    purpose="Worries, good things and dreams.",
    prompts=[
        prompt("houses.worries", "House of worries"),
        prompt("houses.good", "House of good things"),
        prompt("houses.dreams", "House of dreams"),
    ],
)
GENOGRAM = Tool(
    id="genogram",
    name="Genogram",
    group="genogram",
    purpose="Who is in the family.",
    prompts=[prompt("genogram.who", "Who is in the family")],
)
PACK = ResolvedPack(
    meta=PackMeta(id="test", name="Test", version="1"),
    chain=("test",),
    tools=(HOUSES, GENOGRAM),
)


def run(
    visits: list[Visit],
    responses: Sequence[Response] = (),
    goals: Sequence[Goal] = (),
    plans: Sequence[VisitPlan] = (),
    **options: Any,
) -> list[CarryItem]:
    return carry_forward(
        visits, responses, goals, plans, PACK, today=TODAY, members=MEMBERS, **options
    )


def kinds(items: list[CarryItem], kind: str) -> list[CarryItem]:
    return [item for item in items if item.kind == kind]


def reflect(try_next_time: str) -> Reflection:
    return Reflection(try_next_time=try_next_time, written_at=on(1))


# --- try next time ------------------------------------------------------------------------


def test_try_next_time_from_the_latest_finished_visit_that_has_one() -> None:
    items = run(
        [
            visit(10, 2, reflection=reflect("Use the worry bag")),
            visit(11, 9, reflection=reflect("Start with the cards")),
            visit(12, 16, reflection=reflect("   ")),  # latest, but nothing to try
            visit(13, 23, finished=False, reflection=reflect("Not finished: not used")),
        ]
    )
    assert kinds(items, "try_next_time") == [
        CarryItem(
            "try_next_time",
            "Last time you planned to try: Start with the cards",
            "from the reflection on the visit of 9 Mar 2026",
        )
    ]


def test_no_reflection_no_try_next_time() -> None:
    assert run([visit(10, 2), visit(11, 9, reflection=Reflection(what_worked="Cards"))]) == []


def test_visits_in_any_order_are_put_in_time_order() -> None:
    items = run(
        [
            visit(11, 9, reflection=reflect("Newer")),
            visit(10, 2, reflection=reflect("Older")),
        ]
    )
    assert kinds(items, "try_next_time")[0].text.endswith("Newer")


# --- worries -----------------------------------------------------------------------------


def test_worries_from_the_last_three_visits_newest_first_with_who_and_when() -> None:
    visits = [visit(10, 2), visit(11, 9), visit(12, 16), visit(13, 23, finished=False)]
    responses = [
        said(10, "houses.worries", 2, text="Too old to count", worry=True),
        said(11, "houses.worries", 9, text="Dad shouting", worry=True, answered_by=SARA),
        said(11, "houses.good", 9, text="Not a worry"),
        said(12, "houses.worries", 16, worry=True, wording="What worries you?"),
        said(
            13,
            "houses.worries",
            23,
            text="Sam is scared at night",
            worry=True,
            answered_by=SARA,
            on_behalf_of=SAM,
        ),
    ]
    assert kinds(run(visits, responses), "worry") == [
        CarryItem("worry", "Worry: Sam is scared at night", "Sara for Sam, visit of 23 Mar 2026"),
        CarryItem(
            "worry",
            "Worry: flagged on the question “What worries you?”",
            "Amy, visit of 16 Mar 2026",
        ),
        CarryItem("worry", "Worry: Dad shouting", "Sara, visit of 9 Mar 2026"),
    ]


def test_worry_without_members_gives_the_date_only() -> None:
    responses = [said(10, "houses.worries", 2, items=["dogs", "the dark"], worry=True)]
    items = carry_forward([visit(10, 2)], responses, [], [], PACK, today=TODAY)
    assert items == [CarryItem("worry", "Worry: dogs; the dark", "visit of 2 Mar 2026")]


# --- goals not rated -------------------------------------------------------------------------


def test_goals_not_rated_recently_or_ever_and_only_active_ones() -> None:
    recent = Goal(id=1, case_id=1, text="Calmer mornings")
    stale = Goal(id=2, case_id=1, text="Talk about school")
    never = Goal(id=3, case_id=1, text="See Grandad")
    paused = Goal(id=4, case_id=1, text="Paused one", status=GoalStatus.PAUSED)
    responses = [
        said(10, recent.rating_prompt_id, 2, value=3),  # 28 days before TODAY: still recent
        said(10, stale.rating_prompt_id, 1, value=5),  # 29 days: stale
        said(10, "goal.3.gas", 2, value=0),  # GAS is not the 0-10 rating
    ]
    items = run([visit(10, 1)], responses, [recent, stale, never, paused])
    assert kinds(items, "goal_not_rated") == [
        CarryItem(
            "goal_not_rated", "Not rated for 29 days: Talk about school", "last rated 1 Mar 2026"
        ),
        CarryItem("goal_not_rated", "Not rated yet: See Grandad"),
    ]


def test_stale_after_days_is_a_setting() -> None:
    goal = Goal(id=1, case_id=1, text="Calmer mornings")
    responses = [said(10, goal.rating_prompt_id, 23, value=3)]
    assert kinds(run([visit(10, 23)], responses, [goal]), "goal_not_rated") == []
    late = run([visit(10, 23)], responses, [goal], stale_after_days=6)
    assert [i.text for i in late] == ["Not rated for 7 days: Calmer mornings"]


# --- unanswered ----------------------------------------------------------------------------


def test_prompts_of_tools_planned_for_the_last_visit_left_unanswered() -> None:
    visits = [visit(10, 2), visit(11, 9)]
    plans = [
        VisitPlan(
            id=1,
            case_id=1,
            visit_id=10,
            status=PlanStatus.STARTED,
            tools=[PlannedTool(tool_id="genogram")],
        ),
        VisitPlan(
            id=2,
            case_id=1,
            visit_id=11,
            status=PlanStatus.STARTED,
            tools=[
                PlannedTool(tool_id="three-houses", reason="safety"),
                PlannedTool(tool_id="genogram"),
                PlannedTool(tool_id="gone-tool"),
            ],
        ),
    ]
    responses = [said(11, "houses.worries", 9, text="Dogs")]
    assert kinds(run(visits, responses, plans=plans), "unanswered") == [
        CarryItem(
            "unanswered",
            "Not answered from Three Houses: House of good things; House of dreams",
            "planned for the visit of 9 Mar 2026",
        ),
        CarryItem(
            "unanswered", "Planned but not used: Genogram", "planned for the visit of 9 Mar 2026"
        ),
        CarryItem(
            "unanswered", "Planned but not used: gone-tool", "planned for the visit of 9 Mar 2026"
        ),
    ]


def test_plan_found_through_the_visit_and_fully_answered_gives_nothing() -> None:
    plans = [VisitPlan(id=7, case_id=1, tools=[PlannedTool(tool_id="genogram")])]
    visits = [visit(10, 2, plan_id=7)]
    answered = [said(10, "genogram.who", 2, text="Mum, Nan")]
    assert kinds(run(visits, answered, plans=plans), "unanswered") == []
    left = kinds(run(visits, [], plans=plans), "unanswered")
    assert [i.text for i in left] == ["Planned but not used: Genogram"]


def test_no_plan_for_the_last_visit_means_nothing_unanswered() -> None:
    plans = [VisitPlan(id=1, case_id=1, visit_id=10, tools=[PlannedTool(tool_id="genogram")])]
    assert kinds(run([visit(10, 2), visit(11, 9)], plans=plans), "unanswered") == []


def test_nothing_at_all() -> None:
    assert run([]) == []


def test_order_of_kinds() -> None:
    goal = Goal(id=1, case_id=1, text="Calmer mornings")
    plans = [VisitPlan(id=1, case_id=1, visit_id=10, tools=[PlannedTool(tool_id="genogram")])]
    responses = [said(10, "houses.worries", 2, text="Dogs", worry=True)]
    items = run([visit(10, 2, reflection=reflect("Cards"))], responses, [goal], plans)
    assert [i.kind for i in items] == ["try_next_time", "worry", "goal_not_rated", "unanswered"]


def test_a_worry_is_shown_as_the_answer_it_is_once_and_only_as_it_stands() -> None:
    visits = [visit(10, 2)]
    responses = [
        # Keyed 11 first and corrected to 3: one worry, the answer that stands.
        said(10, "scaling.safety", 2, id=1, value=11, scale_min=0, scale_max=10, worry=True),
        said(
            10,
            "scaling.safety",
            2,
            id=2,
            value=3,
            scale_min=0,
            scale_max=10,
            text="school is hard",
            tags=["school", "sleep", "money"],
            worry=True,
        ),
    ]
    assert kinds(run(visits, responses), "worry") == [
        CarryItem("worry", "Worry: Amy, 3 out of 10 — ‘school is hard’", "Amy, visit of 2 Mar 2026")
    ]
