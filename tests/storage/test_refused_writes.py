"""Nothing is committed that a later read would refuse: every write path checks first.

A 61-letter theme was once stored (a model changed with `model_copy` is not validated)
and then every read of its case failed, locking the visit, the export and movement.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.storage.conftest import add_family, answer, at

from sessionkit.domain import Case, Goal, Member, Role, Visit, VisitPlan
from sessionkit.storage import Store
from sessionkit.storage.errors import RecordRefused, StoreError

LONG_THEME = "x" * 61


def test_a_61_character_theme_is_refused_and_the_case_still_reads(store: Store) -> None:
    family = add_family(store)
    _, child, *_, visit_id = family.ids
    saved = store.record_response(answer(visit_id, child, 5))
    tagged = saved.model_copy(update={"tags": [LONG_THEME]})  # skips validation
    with pytest.raises(RecordRefused) as refused:
        store.update_response(tagged)
    assert str(refused.value) == "a theme is longer than 60 characters; nothing was saved"
    assert LONG_THEME not in str(refused.value)
    assert isinstance(refused.value, StoreError)  # screens say "Not changed: ..."
    (stored,) = store.list_responses(visit_id)
    assert stored == saved
    assert store.responses_for_case(family.case.id or 0) == [saved]
    store.finish_visit(visit_id, at(2, 12))


def test_a_61_character_theme_is_refused_when_recorded(store: Store) -> None:
    family = add_family(store)
    _, child, *_, visit_id = family.ids
    fresh = answer(visit_id, child, 5).model_copy(update={"tags": [LONG_THEME]})
    with pytest.raises(RecordRefused, match="a theme is longer than 60"):
        store.record_response(fresh)
    assert store.list_responses(visit_id) == []


def test_every_write_path_refuses_what_it_could_not_read(store: Store) -> None:
    family = add_family(store)
    case_id, child, parent, goal_id, visit_id = family.ids
    too_long = {"name": "n" * 61}
    attempts = [
        lambda: store.add_case(Case(reference="R").model_copy(update={"reference": "r" * 41})),
        lambda: store.update_case(family.case.model_copy(update={"reference": ""})),
        lambda: store.add_member(
            Member(case_id=case_id, name="A", role=Role.CHILD).model_copy(update=too_long)
        ),
        lambda: store.update_member(family.child.model_copy(update={"age": 500})),
        lambda: store.add_goal(
            Goal(case_id=case_id, text="g").model_copy(update={"areas": [LONG_THEME]})
        ),
        lambda: store.update_goal(family.goal.model_copy(update={"text": ""})),
        lambda: store.save_plan(VisitPlan(case_id=case_id).model_copy(update={"steps": [""]})),
        lambda: store.start_visit(
            Visit(case_id=case_id, started_at=at(3)).model_copy(update={"ended_at": at(1)})
        ),
        lambda: store.update_visit(family.visit.model_copy(update={"ended_at": at(1)})),
        lambda: store.record_response(
            answer(visit_id, child, 1).model_copy(update={"on_behalf_of": child})
        ),
    ]
    for attempt in attempts:
        with pytest.raises(RecordRefused):
            attempt()
    assert [c.reference for c in store.list_cases()] == ["AB-1"]
    assert store.get_case(case_id) == family.case
    assert store.list_members(case_id) == [family.child, family.parent]
    assert store.list_goals(case_id) == [family.goal]
    assert store.list_plans(case_id) == []
    assert store.list_visits(case_id) == [family.visit]
    assert store.list_responses(visit_id) == []
    del parent, goal_id


def test_a_batch_with_one_unreadable_record_writes_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        with (
            pytest.raises(RecordRefused, match="the name is longer than 60"),
            store.batch() as batch,
        ):
            case_id = batch.add_case(Case(reference="IMP-1"))
            member = Member(case_id=case_id, name="A", role=Role.CHILD)
            batch.add_member(member.model_copy(update={"name": "n" * 61}))
        assert store.list_cases() == []


def test_text_stored_is_the_text_read_back(store: Store) -> None:
    # A model changed without validation may hold control codes: what is written is
    # the cleaned text a read gives, so the two never differ.
    family = add_family(store)
    _, child, *_, visit_id = family.ids
    dirty = answer(visit_id, child, 5).model_copy(update={"text": "a\x1b[31mb", "tags": ["t\x07"]})
    saved = store.record_response(dirty)
    assert store.get_response(saved.id or 0) == saved
    assert "\x1b" not in saved.text
    assert saved.tags == ["t"]
