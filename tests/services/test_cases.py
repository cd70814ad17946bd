"""Cases, people and goals without Textual: what each must have before it is stored, the
goal's levels and weight, status changes and their history, and how they read in lists."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from faults import disk_full, locked
from sessionkit.domain import CareStatus, CommunicationNeed, Goal, GoalStatus, Member, Role
from sessionkit.services import cases
from sessionkit.services.casework_errors import NotValid, SameStatus
from sessionkit.storage import DuplicateReference, StoreError

from .casework_family import STARTED, Family, family

WORDS = {2: "Early", 1: "On time all week", 0: "Late once", -1: "Late twice", -2: "Late daily"}


@pytest.fixture
def fam(tmp_path: Path) -> Iterator[Family]:
    found = family(tmp_path)
    yield found
    found.store.close()


def problem(error: pytest.ExceptionInfo[NotValid]) -> tuple[str, str]:
    return error.value.field, str(error.value)


# --- cases -------------------------------------------------------------------------------


def test_a_case_needs_a_reference_of_its_own(fam: Family) -> None:
    with pytest.raises(NotValid) as empty:
        cases.add_case(fam.store, "  ", [])
    assert problem(empty) == ("reference", "Reference: cannot be empty.")
    with pytest.raises(NotValid) as long:
        cases.add_case(fam.store, "X" * 41, [])
    assert problem(long) == ("reference", "Reference: is too long.")
    with pytest.raises(DuplicateReference):
        cases.add_case(fam.store, "CW-1", [])
    case = cases.add_case(fam.store, "CW-2", [CareStatus(s.value) for s in CareStatus][:1], "Note")
    assert case.id is not None and fam.store.get_case(case.id).summary == "Note"


def test_the_overview_reads_the_whole_family(fam: Family) -> None:
    fam.visit()
    open_visit = fam.visit(finished=False, started=STARTED + timedelta(days=7))
    overview = cases.case_overview(fam.store, fam.case_id)
    assert overview.case.reference == "CW-1"
    assert [m.name for m in overview.members] == ["Mum", "Ava", "Leo", "You"]
    assert overview.open_visit == open_visit
    assert cases.open_visit(overview.visits[:1]) is None


# --- people ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "age", "said"),
    [
        ("", "", ("name", "Name: cannot be empty.")),
        ("Sam", "ten", ("age", "Age: must be a whole number.")),
        ("Sam", "130", ("age", "Age: is too large.")),
    ],
)
def test_a_person_needs_a_name_and_a_sensible_age(
    fam: Family, name: str, age: str, said: tuple[str, str]
) -> None:
    with pytest.raises(NotValid) as refused:
        cases.new_member(fam.case_id, name=name, role=Role.CHILD, age=age)
    assert problem(refused) == said


def test_a_person_is_added_and_changed(fam: Family) -> None:
    sam = cases.new_member(
        fam.case_id,
        name="Sam\x1b[2J",
        role=Role.CHILD,
        age=" 12 ",
        needs=[CommunicationNeed.INTERPRETER],
    )
    added = cases.add_member(fam.store, sam)
    assert added.id is not None and added.name == "Sam" and added.age == 12
    changed = cases.update_member(fam.store, added, name="Sammy", active=False)
    assert fam.store.get_member(added.id) == changed and not changed.active
    with pytest.raises(NotValid):
        cases.update_member(fam.store, added, age=500)


def test_how_people_and_goals_read_in_lists() -> None:
    leo = Member(
        id=3,
        name="Leo",
        role=Role.CHILD,
        age=5,
        communication_needs=frozenset({CommunicationNeed.NON_VERBAL}),
        active=False,
    )
    assert cases.person_line(leo) == "Leo · child, 5 · non-verbal · no longer involved"
    goal = Goal(id=1, case_id=1, owner_member_id=3, text="Calm", status=GoalStatus.PAUSED)
    assert cases.goal_line(goal, {3: "Leo"}) == "• Calm (Leo) [paused]"
    assert cases.goal_label(goal, {3: "Leo"}) == "Calm (Leo) · paused"
    family_goal = Goal(id=2, case_id=1, text="Together")
    assert cases.goal_line(family_goal, {}) == "• Together (the family)"
    assert cases.goal_label(family_goal, {}) == "Together (the family)"


# --- goals -------------------------------------------------------------------------------


def test_a_goal_is_written_in_the_familys_words(fam: Family) -> None:
    with pytest.raises(NotValid) as refused:
        cases.goal_from_input(fam.case_id, cases.GoalInput(text="  "))
    assert problem(refused) == ("text", "The goal: write it in the family's words.")
    with pytest.raises(NotValid) as too_long:
        cases.goal_from_input(fam.case_id, cases.GoalInput(text="x", low_label="y" * 121))
    assert problem(too_long) == ("low_label", "What 0 means: is too long.")


def test_goal_attainment_scaling_is_all_five_levels_or_none(fam: Family) -> None:
    partial = {level: WORDS[level] for level in (2, 1, 0)}
    with pytest.raises(NotValid) as refused:
        cases.goal_from_input(fam.case_id, cases.GoalInput(text="On time", gas=partial))
    assert str(refused.value) == (
        "Goal Attainment Scaling: write all five levels or none; missing -1, -2."
    )
    goal = cases.goal_from_input(fam.case_id, cases.GoalInput(text="On time", gas=WORDS))
    assert [lv.level for lv in goal.gas_levels] == [-2, -1, 0, 1, 2]
    assert cases.goal_from_input(fam.case_id, cases.GoalInput(text="x")).gas_levels == []


@pytest.mark.parametrize("weight", ["0", "-1", "100.5", "heavy"])
def test_a_weight_is_above_0_and_up_to_100(fam: Family, weight: str) -> None:
    with pytest.raises(NotValid) as refused:
        cases.goal_from_input(fam.case_id, cases.GoalInput(text="x", weight=weight))
    assert problem(refused) == (
        "weight",
        "Weight: a number above 0 and up to 100, or leave it empty.",
    )


def test_a_goal_is_added_then_changed_keeping_its_status(fam: Family) -> None:
    typed = cases.GoalInput(text="On time", owner_member_id=fam.ava, gas=WORDS, weight="2")
    goal = cases.save_goal(fam.store, cases.goal_from_input(fam.case_id, typed))
    assert goal.id is not None and goal.weight == 2 and goal.owner_member_id == fam.ava
    paused = cases.change_goal_status(fam.store, goal, GoalStatus.PAUSED, " holiday ")
    changed = cases.goal_from_input(
        fam.case_id, cases.GoalInput(text="On time, happily", weight="2"), paused
    )
    saved = cases.save_goal(fam.store, changed)
    stored = fam.store.get_goal(goal.id)
    assert stored == saved and stored.id == goal.id
    assert stored.text == "On time, happily" and stored.gas_levels == []
    assert stored.status is GoalStatus.PAUSED and stored.owner_member_id is None


def test_a_status_change_is_kept_in_the_history_never_to_the_same_status(fam: Family) -> None:
    goal = fam.store.add_goal(Goal(case_id=fam.case_id, text="Calm", created_at=STARTED))
    assert goal.id is not None
    assert cases.status_history(fam.store, goal.id) == [
        "02 Nov 2026 · agreed",
        "No change of status yet.",
    ]
    with pytest.raises(SameStatus) as refused:
        cases.change_goal_status(fam.store, goal, GoalStatus.ACTIVE)
    assert str(refused.value).startswith("This goal is already active: choose another status")
    later = datetime(2026, 12, 1, 10, 0).astimezone()
    achieved = cases.change_goal_status(
        fam.store, goal, GoalStatus.ACHIEVED, "Calm for a month ", when=later
    )
    assert achieved.status is GoalStatus.ACHIEVED
    assert cases.status_history(fam.store, goal.id) == [
        "02 Nov 2026 · agreed",
        "01 Dec 2026 · achieved · Calm for a month",
    ]


@pytest.mark.parametrize("fault", [locked, disk_full], ids=["locked", "disk-full"])
def test_a_change_that_cannot_be_written_changes_nothing(fam: Family, fault: object) -> None:
    goal = fam.store.add_goal(Goal(case_id=fam.case_id, text="Calm"))
    assert goal.id is not None
    with fault(fam.store):  # type: ignore[operator]
        with pytest.raises(StoreError):
            cases.change_goal_status(fam.store, goal, GoalStatus.DROPPED, "moved away")
        with pytest.raises(StoreError):
            cases.add_member(fam.store, cases.new_member(fam.case_id, name="Gran", role=Role.OTHER))
    assert fam.store.get_goal(goal.id).status is GoalStatus.ACTIVE
    assert len(fam.store.goal_status_history(goal.id)) == 1
    assert [m.name for m in fam.store.list_members(fam.case_id)] == ["Mum", "Ava", "Leo", "You"]
