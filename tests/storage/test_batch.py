"""`Store.batch()`: many writes in one transaction; `snapshot()`; stored status changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sessionkit.domain import Case, Goal, GoalStatus, Member, Response, Role, Visit, VisitPlan
from sessionkit.storage import DuplicateReference, Store

from .conftest import at


def _count(store: Store, table: str) -> int:
    return int(store._connection().execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_everything_in_a_batch_is_committed_together(store: Store) -> None:
    with store.batch() as batch:
        case_id = batch.add_case(Case(reference="B-1"))
        amy = batch.add_member(Member(case_id=case_id, name="Amy", role=Role.CHILD))
        goal = batch.add_goal(Goal(case_id=case_id, text="Calmer mornings", created_at=at(1)))
        batch.add_goal_status_change(goal, GoalStatus.PAUSED, at(2, offset_hours=1), "a\x1bb")
        plan = batch.add_plan(VisitPlan(case_id=case_id, goal_ids=[goal], updated_at=at(1)))
        visit = batch.add_visit(Visit(case_id=case_id, plan_id=plan, started_at=at(3)))
        batch.link_plan(plan, visit)
        batch.add_response(Response(visit_id=visit, prompt_id="p", answered_by=amy, value=4))
    assert store.get_plan(plan).visit_id == visit
    # Written as given: adding the visit did not mark the plan started.
    assert store.get_plan(plan).status.value == "draft"
    assert store.get_goal(goal).status is GoalStatus.ACTIVE
    assert store.goal_status_changes(case_id) == {
        goal: [(GoalStatus.PAUSED, at(2, offset_hours=1), "a")]
    }
    assert [r.value for r in store.responses_for_case(case_id)] == [4.0]


def test_a_failure_inside_the_batch_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.batch() as batch:
        case_id = batch.add_case(Case(reference="B-2"))
        batch.add_member(Member(case_id=case_id, name="Amy", role=Role.CHILD))
        raise RuntimeError("stop")
    assert store.find_case("B-2") is None
    assert _count(store, "members") == 0


def test_reading_a_taken_reference_and_replacing_it(store: Store) -> None:
    first = store.add_case(Case(reference="Ré-1"))
    store.add_member(Member(case_id=first.id, name="Old", role=Role.PARENT))
    with pytest.raises(DuplicateReference), store.batch() as batch:
        batch.add_case(Case(reference="RÉ-1"))
    with store.batch() as batch:
        found = batch.find_case_id("ré-1")
        assert found is not None and found == first.id
        batch.delete_case(found)
        batch.add_case(Case(reference="RÉ-1"))
    assert [c.reference for c in store.list_cases()] == ["RÉ-1"]
    assert _count(store, "members") == 0


def test_a_batch_needs_parents_set(store: Store) -> None:
    with pytest.raises(ValueError, match="case_id"), store.batch() as batch:
        batch.add_member(Member(name="Amy", role=Role.CHILD))


def test_stored_status_changes_are_per_goal_oldest_first_and_per_case(store: Store) -> None:
    case = store.add_case(Case(reference="H-1"))
    other = store.add_case(Case(reference="H-2"))
    first = store.add_goal(Goal(case_id=case.id, text="One", created_at=at(1)))
    second = store.add_goal(Goal(case_id=case.id, text="Two", created_at=at(1)))
    elsewhere = store.add_goal(Goal(case_id=other.id, text="Other", created_at=at(1)))
    assert first.id and second.id and elsewhere.id and case.id
    # Written out of order, with different offsets: kept in the order they happened.
    store.change_goal_status(first.id, GoalStatus.ACHIEVED, at(5, offset_hours=1))
    store.change_goal_status(first.id, GoalStatus.PAUSED, at(4, hour=23, offset_hours=-5))
    store.change_goal_status(elsewhere.id, GoalStatus.DROPPED, at(2))
    assert store.goal_status_changes(case.id) == {
        first.id: [
            (GoalStatus.PAUSED, at(4, hour=23, offset_hours=-5), ""),
            (GoalStatus.ACHIEVED, at(5, offset_hours=1), ""),
        ]
    }
    # 5 March 10:00 +01:00 is 09:00 UTC; 4 March 23:00 -05:00 is 5 March 04:00 UTC.
    assert at(4, hour=23, offset_hours=-5) < at(5, offset_hours=1)


def test_a_snapshot_does_not_see_a_commit_made_during_it(db_path: Path, store: Store) -> None:
    case = store.add_case(Case(reference="S-1"))
    assert case.id is not None
    with store.snapshot():
        assert store.list_members(case.id) == []
        other = sqlite3.connect(db_path)
        other.execute(
            "INSERT INTO members (case_id, name, role) VALUES (?, 'Amy', 'child')", (case.id,)
        )
        other.commit()
        other.close()
        assert store.list_members(case.id) == []
    assert [m.name for m in store.list_members(case.id)] == ["Amy"]


def test_delete_in_a_batch_checkpoints(store: Store) -> None:
    case = store.add_case(Case(reference="W-1"))
    with store.batch() as batch:
        assert case.id is not None
        batch.delete_case(case.id)
    wal = store.path.with_name(store.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
