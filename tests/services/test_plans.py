"""Plan rules without Textual: the first guess, what a plan lacks, when a draft is saved,
that an agenda is never written over, one open visit at a time, the agenda itself."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from faults import disk_full, locked
from sessionkit.domain import GasLevel, Goal, GoalStatus, PlannedTool, PlanStatus, Response
from sessionkit.present.agenda import EMPTY_AGENDA, agenda_lines, agenda_sections
from sessionkit.services import plans
from sessionkit.services.casework_errors import PlanIsAgenda, VisitStillOpen
from sessionkit.storage import StoreError
from sessionkit.storage.errors import StoreLocked, StoreNotWritable

from .casework_family import PACK, STARTED, Family, family


@pytest.fixture
def fam(tmp_path: Path) -> Iterator[Family]:
    found = family(tmp_path)
    yield found
    found.store.close()


def draft(fam: Family) -> plans.PlanDraft:
    return plans.PlanDraft.open(fam.store, plans.read_planning(fam.store, fam.case_id))


def typed(fam: Family, base: plans.VisitPlan | None = None, **fields: object) -> plans.VisitPlan:
    values: dict[str, object] = {
        "goal_ids": [],
        "change_looks_like": "",
        "steps": "",
        "tools": [],
        "warming_questions": "",
        "social_graces": "",
        "expected_member_ids": [],
        "follow_ups": "",
    }
    values.update(fields)
    return plans.plan_as_typed(base or plans.VisitPlan(case_id=fam.case_id), **values)  # type: ignore[arg-type]


# --- a new plan --------------------------------------------------------------------------


def test_a_new_plan_expects_who_was_there_last_time(fam: Family) -> None:
    members = plans.read_planning(fam.store, fam.case_id).members
    assert plans.first_guess(fam.case_id, members, []).expected_member_ids == [
        fam.mum,
        fam.ava,
        fam.leo,
        fam.you,
    ]
    last = fam.visit([fam.mum, fam.leo])
    assert plans.first_guess(fam.case_id, members, [last]).expected_member_ids == [
        fam.mum,
        fam.leo,
    ]


def test_the_first_guess_is_not_saved_until_something_is_typed(fam: Family) -> None:
    plan = draft(fam)
    assert plan.plan is None
    shown = typed(fam, expected_member_ids=plan.shown.expected_member_ids)
    assert plan.save(shown) is False
    assert fam.store.get_draft_plan(fam.case_id) is None


def test_goals_to_choose_are_the_active_ones_and_any_already_chosen(fam: Family) -> None:
    active = Goal(id=1, case_id=fam.case_id, text="Calm mornings")
    paused = Goal(id=2, case_id=fam.case_id, text="School", status=GoalStatus.PAUSED)
    assert plans.goal_choices([active, paused], []) == [active]
    assert plans.goal_choices([active, paused], [2]) == [active, paused]


def test_a_goal_summary_says_its_ends_its_last_rating_and_its_expected_level() -> None:
    levels = [GasLevel(level=n, description=f"level {n}") for n in range(-2, 3)]
    goal = Goal(id=4, case_id=1, text="Calm mornings", low_label="shouting", gas_levels=levels)
    ratings = [
        Response(
            visit_id=1,
            prompt_id=goal.rating_prompt_id,
            answered_by=1,
            value=value,
            said_at=STARTED + timedelta(days=days),
        )
        for value, days in ((4, 0), (7, 7), (5, -7))
    ]
    assert plans.goal_summary(goal, ratings).splitlines() == [
        "Calm mornings",
        "0 = shouting · 10 = completely · last rated 7 on 09 Nov",
        "Expected level (GAS 0): level 0",
    ]
    assert plans.goal_summary(goal, []).splitlines()[1] == "0 = shouting · 10 = completely"


# --- the plan as typed and what it lacks -------------------------------------------------


def test_a_plan_as_typed_is_one_item_a_line_cleaned(fam: Family) -> None:
    plan = typed(
        fam,
        change_looks_like="  Calm \x1b[2J mornings \n",
        steps="Look at the chart\n\n  Rate it  \n",
        tools=[("genogram", " Who helps?\x07 ")],
        follow_ups="\u202eAsk about school\n",
    )
    assert plan.change_looks_like == "Calm  mornings"
    assert plan.steps == ["Look at the chart", "Rate it"]
    assert plan.tools == [PlannedTool(tool_id="genogram", reason="Who helps?")]
    assert plan.follow_ups == ["Ask about school"]


def test_what_a_plan_lacks_is_said_in_words(fam: Family) -> None:
    assert plans.missing(typed(fam), PACK) == [
        "which goal this visit serves",
        "what change will look like",
        "who is expected",
    ]
    plan = typed(
        fam,
        goal_ids=[1],
        change_looks_like="Calm mornings",
        tools=[("genogram", ""), ("gone-from-pack", ""), ("genogram", "Who helps")],
        expected_member_ids=[fam.mum],
    )
    assert plans.missing(plan, PACK) == ["why Genogram", "why gone-from-pack"]
    complete = typed(
        fam,
        goal_ids=[1],
        change_looks_like="Calm",
        tools=[("genogram", "Who helps")],
        expected_member_ids=[fam.mum],
    )
    assert plans.missing(complete, PACK) == []


# --- saving the draft --------------------------------------------------------------------


def test_a_draft_is_saved_only_when_it_changed(fam: Family) -> None:
    plan = draft(fam)
    first = typed(fam, change_looks_like="Two calm mornings")
    assert plan.save(first) is True
    saved = fam.store.get_draft_plan(fam.case_id)
    assert saved is not None and saved.change_looks_like == "Two calm mornings"
    assert plan.save(typed(fam, plan.base(), change_looks_like="Two calm mornings")) is False
    assert plan.save(typed(fam, plan.base(), change_looks_like="Three")) is True
    assert [p.change_looks_like for p in fam.store.list_plans(fam.case_id)] == ["Three"]
    # Opened again: the same draft, carried on.
    again = draft(fam)
    assert again.plan is not None and again.plan.id == saved.id
    assert again.shown.change_looks_like == "Three"


def test_a_plan_that_became_an_agenda_is_never_written_over(fam: Family) -> None:
    plan = draft(fam)
    plan.save(typed(fam, change_looks_like="As planned"))
    saved = plan.plan
    assert saved is not None
    # Started from another window meanwhile.
    fam.store.start_visit(plans.Visit(case_id=fam.case_id, plan_id=saved.id))
    with pytest.raises(PlanIsAgenda) as refused:
        plan.save(typed(fam, plan.base(), change_looks_like="Changed afterwards"))
    assert str(refused.value) == "This plan became a visit's agenda; changes here were not saved."
    [stored] = fam.store.list_plans(fam.case_id)
    assert stored.change_looks_like == "As planned" and stored.status is PlanStatus.STARTED


def test_an_empty_plan_is_saved_to_become_the_agenda(fam: Family) -> None:
    plan = draft(fam)
    agenda = plan.for_visit(typed(fam))
    assert agenda.id is not None and agenda.status is PlanStatus.DRAFT
    assert plan.for_visit(typed(fam, plan.base())).id == agenda.id  # not saved twice
    assert len(fam.store.list_plans(fam.case_id)) == 1


@pytest.mark.parametrize("fault", [locked, disk_full], ids=["locked", "disk-full"])
def test_a_draft_that_cannot_be_written_is_kept_to_try_again(fam: Family, fault: object) -> None:
    plan = draft(fam)
    words = typed(fam, change_looks_like="Mum says mornings are better")
    with fault(fam.store), pytest.raises(StoreError) as failed:  # type: ignore[operator]
        plan.save(words)
    assert isinstance(failed.value, StoreLocked | StoreNotWritable)
    assert "mornings" not in str(failed.value)
    assert plan.plan is None and fam.store.get_draft_plan(fam.case_id) is None
    assert plan.save(words) is True  # the fault cleared: the same plan goes through
    stored = fam.store.get_draft_plan(fam.case_id)
    assert stored is not None and stored.change_looks_like == "Mum says mornings are better"


# --- starting the visit ------------------------------------------------------------------


def test_no_visit_starts_while_another_is_open(fam: Family) -> None:
    plans.check_can_start(fam.store, fam.case_id)  # no visit yet
    fam.visit()
    plans.check_can_start(fam.store, fam.case_id)  # the last one finished
    open_one = fam.visit(finished=False, started=STARTED + timedelta(days=7))
    assert plans.visit_still_open(fam.store, fam.case_id) == open_one
    with pytest.raises(VisitStillOpen) as refused:
        plans.check_can_start(fam.store, fam.case_id)
    assert "still open: finish it first" in str(refused.value)
    plan = draft(fam).for_visit(typed(fam))
    with pytest.raises(VisitStillOpen):
        plans.start_from_plan(fam.store, plan, plans.Visit(case_id=fam.case_id))
    assert fam.store.get_plan(plan.id or 0).status is PlanStatus.DRAFT


def test_starting_from_a_plan_makes_it_the_visits_agenda_once(fam: Family) -> None:
    plan = draft(fam).for_visit(typed(fam, change_looks_like="Calm"))
    template = plans.Visit(case_id=fam.case_id, started_at=STARTED, present_member_ids=[fam.mum])
    visit = plans.start_from_plan(fam.store, plan, template)
    stored = fam.store.get_plan(plan.id or 0)
    assert stored.status is PlanStatus.STARTED and stored.visit_id == visit.id
    assert fam.store.get_visit(visit.id or 0).plan_id == plan.id
    assert fam.store.get_draft_plan(fam.case_id) is None  # the next plan starts afresh
    fam.store.finish_visit(visit.id or 0, STARTED + timedelta(hours=2))
    with pytest.raises(PlanIsAgenda):
        plans.start_from_plan(fam.store, plan, template)


# --- carried forward and suggested -------------------------------------------------------


def test_try_next_time_is_carried_into_the_next_plan(fam: Family) -> None:
    from sessionkit.domain import Reflection

    visit = fam.visit()
    reflection = Reflection(try_next_time="Ask Ava\x1b[2J first")
    fam.store.update_visit(visit.model_copy(update={"reflection": reflection}))
    planning = plans.read_planning(fam.store, fam.case_id)
    items = plans.carried_forward(planning, PACK, today=STARTED.date())
    assert "Last time you planned to try: Ask Ava first" in [plans.carry_line(i) for i in items]


def test_suggestions_follow_the_goals_chosen_else_every_active_goal() -> None:
    found = plans.suggestions(PACK, [], [], goal_ids=[], expected_ids=[])
    assert {s.tool.id for s in found} <= {"genogram", "relationship-check"}


# --- the agenda --------------------------------------------------------------------------


def test_the_agenda_says_what_the_visit_is_for_first(fam: Family) -> None:
    goals = [Goal(id=1, case_id=fam.case_id, text="Calm mornings")]
    plan = typed(
        fam,
        goal_ids=[1],
        change_looks_like="Two calm mornings",
        steps="Look at the chart",
        tools=[("genogram", "Who helps"), ("gone", "")],
        warming_questions="What went well?",
        follow_ups="Ask about school",
    )
    sections = agenda_sections(plan, goals, PACK)
    assert [(s.heading, s.bullets) for s in sections] == [
        ("Goal", False),
        ("Change will look like", False),
        ("Tools", True),
        ("Warm up with", True),
        ("Steps", True),
        ("Follow up", True),
    ]
    assert sections[2].lines == ("Genogram: Who helps", "gone")
    assert agenda_lines(plan, goals, PACK)[:4] == [
        "Goal",
        "Calm mornings",
        "Change will look like",
        "Two calm mornings",
    ]
    two = typed(fam, goal_ids=[1, 2])
    both = [*goals, Goal(id=2, case_id=fam.case_id, text="School")]
    assert agenda_sections(two, both, PACK)[0].heading == "Goals"
    assert agenda_lines(typed(fam), goals, PACK) == [EMPTY_AGENDA]


def test_last_rated_is_the_owners_latest_then_each_persons_not_whoever_answered_last() -> None:
    goal = Goal(id=4, case_id=1, text="Calm mornings", owner_member_id=1)
    names = {1: "Jo", 2: "Nan"}

    def rated(who: int, value: float, days: int, id: int) -> Response:
        return Response(
            id=id,
            visit_id=1 + days,
            prompt_id=goal.rating_prompt_id,
            answered_by=who,
            value=value,
            said_at=STARTED + timedelta(days=days),
        )

    ratings = [rated(1, 4, 0, 1), rated(1, 5, 7, 2), rated(2, 7, 14, 3)]
    assert plans.last_ratings(goal, ratings, names) == "Jo last rated 5 on 09 Nov · Nan 7"


def test_a_prefilled_reason_follows_the_people_ticked_until_edited() -> None:
    from sessionkit.services.plans import followed_reason

    before = "suits ages 34, 14 and 67"
    # Left as the app filled it in: it follows the new suggestion.
    assert followed_reason(before, before, "suits ages 34 and 67") == "suits ages 34 and 67"
    assert followed_reason(before, before, "") == ""
    # Edited: it is the practitioner's and stays.
    assert followed_reason(before + ", and Nan asked", before, "suits ages 34 and 67") is None
    # Typed from the start, or no change: nothing to do.
    assert followed_reason("my reason", "", "suits ages 34") is None
    assert followed_reason(before, before, before) is None
