"""Every model goes in and comes back equal, with ids, order and offsets kept."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from sessionkit.domain import (
    AgeBand,
    CareStatus,
    Case,
    ChangeTalk,
    CommunicationNeed,
    EntryMode,
    GasLevel,
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
from sessionkit.storage import DuplicateReference, RecordNotFound, Store, StoreError
from sessionkit.storage.errors import StoreDamaged

from .conftest import add_family, answer, at


def test_case_round_trip(store: Store) -> None:
    case = Case(
        reference="KL-22",
        care_status=frozenset({CareStatus.IN_CARE, CareStatus.CHILD_PROTECTION_PLAN}),
        opened_on=date(2025, 12, 1),
        closed_on=date(2026, 2, 1),
        summary="Two lines\nof summary",
    )
    saved = store.add_case(case)
    assert saved.id is not None and case.id is None
    assert store.get_case(saved.id) == saved
    changed = saved.model_copy(update={"summary": "edited", "closed_on": None})
    store.update_case(changed)
    assert store.get_case(saved.id) == changed


def test_sets_are_stored_sorted(store: Store) -> None:
    saved = store.add_case(
        Case(reference="S", care_status=frozenset({CareStatus.IN_CARE, CareStatus.EARLY_HELP}))
    )
    with closing(sqlite3.connect(store.path)) as raw:
        row = raw.execute("SELECT care_status FROM cases WHERE id = ?", (saved.id,)).fetchone()
    assert row[0] == '["early_help","in_care"]'


def test_member_round_trip_and_order(store: Store) -> None:
    case = store.add_case(Case(reference="M"))
    first = store.add_member(
        Member(
            case_id=case.id,
            name="Zed",
            role=Role.SIBLING,
            age_band=AgeBand.AGE_12_15,
            communication_needs=frozenset(
                {CommunicationNeed.SIGN_LANGUAGE, CommunicationNeed.INTERPRETER}
            ),
            communication_notes="BSL; interpreter booked",
        )
    )
    second = store.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD, age=4))
    inactive = store.add_member(Member(case_id=case.id, name="Old", role=Role.CARER, active=False))
    assert case.id is not None and first.id is not None
    assert store.list_members(case.id) == [first, second]
    assert store.list_members(case.id, include_inactive=True) == [first, second, inactive]
    assert store.get_member(first.id) == first
    store.update_member(first.model_copy(update={"active": False}))
    assert store.list_members(case.id) == [second]


def test_goal_round_trip_with_gas_levels(store: Store) -> None:
    family = add_family(store)
    case_id, child_id, *_ = family.ids
    goal = Goal(
        case_id=case_id,
        owner_member_id=child_id,
        text="Feel safe at bedtime",
        low_label="scared",
        high_label="fine",
        areas=["sleep", "safety"],
        gas_levels=[GasLevel(level=n, description=f"level {n}") for n in (2, 0, -1, 1, -2)],
        weight=2.5,
        status=GoalStatus.PAUSED,
        created_at=at(3, 9, offset_hours=1),
        status_changed_at=at(4, 9, offset_hours=1),
    )
    saved = store.add_goal(goal)
    assert saved.id is not None
    assert store.get_goal(saved.id) == saved
    assert [g.id for g in store.list_goals(case_id)] == [family.goal.id, saved.id]
    achieved = saved.model_copy(update={"status": GoalStatus.ACHIEVED})
    store.update_goal(achieved)
    assert store.get_goal(saved.id).status is GoalStatus.ACHIEVED


def test_plan_round_trip_draft_and_start(store: Store) -> None:
    family = add_family(store)
    case_id, child_id, parent_id, goal_id, _ = family.ids
    assert store.get_draft_plan(case_id) is None
    plan = VisitPlan(
        case_id=case_id,
        goal_ids=[goal_id],
        change_looks_like="Bedtime without tears",
        steps=["warm up", "scale", "plan"],
        tools=[PlannedTool(tool_id="scaling", reason="to see movement")],
        warming_questions=["How will I know you're OK?"],
        social_graces="Gender, age",
        expected_member_ids=[child_id, parent_id],
        follow_ups=["Ask about school"],
        updated_at=at(5),
    )
    saved = store.save_plan(plan)
    assert saved.id is not None
    assert store.get_plan(saved.id) == saved
    assert store.get_draft_plan(case_id) == saved
    edited = store.save_plan(saved.model_copy(update={"steps": ["only one step"]}))
    assert store.get_plan(saved.id).steps == ["only one step"] and edited.id == saved.id

    visit = store.start_visit(Visit(case_id=case_id, plan_id=saved.id, started_at=at(6)))
    started = store.get_plan(saved.id)
    assert started.status is PlanStatus.STARTED and started.visit_id == visit.id
    assert store.get_draft_plan(case_id) is None
    assert store.list_plans(case_id) == [started]


def test_visit_round_trip_keeps_offsets_and_reflection(store: Store) -> None:
    family = add_family(store)
    case_id, child_id, parent_id, *_ = family.ids
    start = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    visit = Visit(
        case_id=case_id,
        started_at=start.astimezone(timezone(timedelta(hours=1))),
        ended_at=start + timedelta(hours=1, microseconds=5),
        entry=EntryMode.AFTERWARDS,
        present_member_ids=[parent_id, child_id],
        pack_id="core",
        pack_version="1.0.0",
        notes="notes\nmore",
        reflection=Reflection(
            what_worked="a", what_did_not="b", try_next_time="c", written_at=at(7)
        ),
        case_note="note",
    )
    saved = store.start_visit(visit)
    assert saved.id is not None
    back = store.get_visit(saved.id)
    assert back == saved
    assert back.started_at.utcoffset() == timedelta(hours=1)
    assert back.ended_at is not None and back.ended_at.utcoffset() == timedelta(0)


def test_naive_datetimes_round_trip(store: Store) -> None:
    family = add_family(store)
    naive = datetime(2026, 4, 1, 9, 15, 30, 123456)
    saved = store.start_visit(Visit(case_id=family.case.id, started_at=naive))
    assert saved.id is not None
    back = store.get_visit(saved.id)
    assert back.started_at == naive and back.started_at.tzinfo is None


def test_response_round_trip_every_field(store: Store) -> None:
    family = add_family(store)
    _, child_id, parent_id, goal_id, visit_id = family.ids
    response = Response(
        visit_id=visit_id,
        prompt_id="three-houses.worries",
        tool_id="three-houses",
        pack_id="core",
        pack_version="1.0.0",
        wording="What goes in the house of worries?",
        answered_by=child_id,
        on_behalf_of=parent_id,
        value=500,
        scale_min=0,
        scale_max=10,
        text="500 out of 10",
        items=["dog barking", "school"],
        selected=["school"],
        tags=["school", "pets"],
        change_talk=ChangeTalk.COMMITMENT,
        worry=True,
        goal_id=goal_id,
        said_at=at(2, 11, offset_hours=-5),
        recorded_at=at(2, 12),
        entry=EntryMode.AFTERWARDS,
        edited_at=at(3),
    )
    saved = store.record_response(response)
    assert saved.id is not None
    assert store.get_response(saved.id) == saved
    assert store.list_responses(visit_id) == [saved]
    assert store.get_response(saved.id).off_scale
    assert store.get_response(saved.id).said_at.utcoffset() == timedelta(hours=-5)


def test_update_and_delete_response(store: Store) -> None:
    family = add_family(store)
    _, child_id, _, _, visit_id = family.ids
    first = store.record_response(answer(visit_id, child_id, 3))
    second = store.record_response(answer(visit_id, child_id, 4))
    edited = first.model_copy(update={"value": 6.0, "edited_at": at(3)})
    assert store.update_response(edited) == edited
    assert store.list_responses(visit_id) == [edited, second]
    assert second.id is not None
    store.delete_response(second.id)
    store.delete_response(second.id)  # deleting twice is harmless
    assert store.list_responses(visit_id) == [edited]


def test_case_summaries(store: Store) -> None:
    quiet = store.add_case(Case(reference="b-quiet"))
    family = add_family(store, "A-busy")
    closed = store.add_case(Case(reference="C-closed", closed_on=date(2026, 1, 1)))
    case_id = family.case.id
    finished = store.start_visit(Visit(case_id=case_id, started_at=at(10), ended_at=at(10, 11)))
    # Later by the clock, earlier by its offset: 09:00+05:00 is 04:00 UTC on the 11th.
    offset_visit = store.start_visit(Visit(case_id=case_id, started_at=at(11, 9, 5)))
    latest_unfinished = store.start_visit(Visit(case_id=case_id, started_at=at(11, 8, 0)))
    assert finished.id and offset_visit.id and latest_unfinished.id

    summaries = store.list_cases()
    assert [s.reference for s in summaries] == ["A-busy", "b-quiet", "C-closed"]
    busy = summaries[0]
    assert busy.member_count == 2 and busy.visit_count == 4
    assert busy.last_visit_at == at(11, 8, 0)
    assert busy.unfinished_visit_id == latest_unfinished.id
    assert summaries[1].case_id == quiet.id and summaries[1].reference == quiet.reference
    assert summaries[1].visit_count == 0
    assert summaries[1].last_visit_at is None and summaries[1].unfinished_visit_id is None
    assert [s.case_id for s in store.list_cases(include_closed=False)] == [case_id, quiet.id]
    assert closed.id not in [s.case_id for s in store.list_cases(include_closed=False)]


def test_visits_ordered_by_instant_not_text(store: Store) -> None:
    family = add_family(store)
    case_id = family.case.id
    assert case_id is not None
    late_local = store.start_visit(Visit(case_id=case_id, started_at=at(20, 9, 5)))  # 04:00Z
    early_utc = store.start_visit(Visit(case_id=case_id, started_at=at(20, 5, 0)))  # 05:00Z
    assert [v.id for v in store.list_visits(case_id)] == [
        family.visit.id,
        late_local.id,
        early_utc.id,
    ]


def test_finish_and_unfinished_visits(store: Store) -> None:
    one = add_family(store, "one")
    two = add_family(store, "two")
    assert one.visit.id and two.visit.id
    newer = store.start_visit(Visit(case_id=two.case.id, started_at=at(9)))
    assert [v.id for v in store.unfinished_visits()] == [newer.id, two.visit.id, one.visit.id]

    done = store.finish_visit(one.visit.id, at(2, 12))
    assert done.ended_at == at(2, 12) and store.get_visit(one.visit.id) == done
    assert [v.id for v in store.unfinished_visits()] == [newer.id, two.visit.id]
    with pytest.raises(ValueError, match="cannot end before"):
        store.finish_visit(two.visit.id, at(1))
    assert store.get_visit(two.visit.id).ended_at is None


def test_update_visit(store: Store) -> None:
    family = add_family(store)
    visit = family.visit.model_copy(
        update={"notes": "went well", "present_member_ids": [family.child.id]}
    )
    store.update_visit(visit)
    assert family.visit.id is not None
    assert store.get_visit(family.visit.id) == visit


def test_responses_for_case_order(store: Store) -> None:
    family = add_family(store)
    case_id, child_id, parent_id, _, first_visit = family.ids
    later = store.start_visit(Visit(case_id=case_id, started_at=at(25)))
    earlier = store.start_visit(Visit(case_id=case_id, started_at=at(1, 8)))
    assert later.id and earlier.id
    a = store.record_response(answer(later.id, child_id, 1))
    b = store.record_response(answer(first_visit, child_id, 2))
    c = store.record_response(answer(earlier.id, parent_id, 3))
    d = store.record_response(answer(first_visit, parent_id, 4))
    other = add_family(store, "other")
    store.record_response(answer(other.ids[4], other.ids[1], 9))
    assert [r.id for r in store.responses_for_case(case_id)] == [c.id, b.id, d.id, a.id]


def test_find_case_ignores_case_in_any_alphabet(store: Store) -> None:
    saved = store.add_case(Case(reference="Émile-ß"))
    assert store.find_case("émile-SS") == saved
    assert store.find_case("ÉMILE-ß") == saved
    assert store.find_case("Emile-ss") is None


def test_duplicate_reference(store: Store) -> None:
    store.add_case(Case(reference="AB1"))
    other = store.add_case(Case(reference="CD2"))
    with pytest.raises(DuplicateReference) as caught:
        store.add_case(Case(reference="ab1"))
    assert "already" in str(caught.value) and str(store.path) in str(caught.value)
    assert "ab1" not in str(caught.value)  # user text stays out of messages
    with pytest.raises(DuplicateReference):
        store.update_case(other.model_copy(update={"reference": "AB1"}))
    assert [s.reference for s in store.list_cases()] == ["AB1", "CD2"]


def test_missing_records_raise_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.get_case(99)
    for getter in (store.get_visit, store.get_plan, store.get_goal, store.get_member):
        with pytest.raises(RecordNotFound) as caught:
            getter(99)
        assert "99" in str(caught.value) and not str(caught.value).startswith("'")
    with pytest.raises(RecordNotFound):
        store.update_case(Case(id=99, reference="ghost"))
    with pytest.raises(RecordNotFound):
        store.finish_visit(99, at(1))


def test_dangling_parent_is_a_store_error(store: Store) -> None:
    with pytest.raises(RecordNotFound):
        store.add_member(Member(case_id=42, name="x", role=Role.CHILD))
    family = add_family(store)
    with pytest.raises(StoreError):
        store.record_response(answer(family.ids[4], 4242, 1))
    assert store.list_responses(family.ids[4]) == []


def test_programming_mistakes_are_value_errors(store: Store) -> None:
    with pytest.raises(ValueError, match="already saved"):
        store.add_case(Case(id=3, reference="x"))
    with pytest.raises(ValueError, match="not been saved"):
        store.update_case(Case(reference="x"))
    with pytest.raises(ValueError, match="case_id"):
        store.add_member(Member(name="x", role=Role.CHILD))


def test_text_edited_in_the_file_is_cleaned_on_read(store: Store) -> None:
    family = add_family(store)
    with closing(sqlite3.connect(store.path)) as raw, raw:
        raw.execute(
            "UPDATE cases SET summary = ? WHERE id = ?",
            ("ok\x1b]52;c;aGk=\x07 \u202eevil", family.case.id),
        )
    assert family.case.id is not None
    assert store.get_case(family.case.id).summary == "ok evil"


def test_an_unreadable_row_is_left_out_named_and_refused_when_asked_for(store: Store) -> None:
    family = add_family(store)
    with closing(sqlite3.connect(store.path)) as raw, raw:
        raw.execute("UPDATE members SET role = 'wizard' WHERE id = ?", (family.child.id,))
    assert family.case.id is not None and family.child.id is not None
    names = [m.name for m in store.list_members(family.case.id)]
    assert family.child.name not in names and len(names) >= 1
    assert store.take_unreadable() == [("members", family.child.id)]
    with pytest.raises(StoreDamaged) as caught:
        store.get_member(family.child.id)
    assert "wizard" not in str(caught.value)
    assert f"members row {family.child.id} cannot be read" in str(caught.value)


def test_closed_store_refuses_use(store: Store) -> None:
    store.close()
    store.close()  # closing twice is harmless
    assert store.closed
    with pytest.raises(RuntimeError):
        store.list_cases()
