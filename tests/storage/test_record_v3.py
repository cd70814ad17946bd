"""Version 3: several change-talk kinds, how an answer was given, visit numbers kept for
good, dated care status, discarding a visit started by mistake."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from sessionkit.domain import (
    CareStatus,
    Case,
    ChangeTalk,
    HowGiven,
    Member,
    Response,
    Role,
    Visit,
    VisitPlan,
)
from sessionkit.storage import Store
from sessionkit.storage.errors import RecordRefused
from sessionkit.storage.schema_v3 import CARE_BACKFILL_NOTE

from .conftest import at
from .older import as_version


def _family(store: Store) -> tuple[int, int]:
    case = store.add_case(Case(reference="V3-1", opened_on=date(2026, 3, 1)))
    assert case.id is not None
    child = store.add_member(Member(case_id=case.id, name="Ria", role=Role.CHILD, age=4))
    assert child.id is not None
    return case.id, child.id


def test_a_version_2_file_migrates_keeping_what_it_showed(db_path: Path) -> None:
    with Store.open(db_path) as store:
        case_id, child = _family(store)
        store.change_care_status(case_id, frozenset({CareStatus.IN_CARE}), date(2026, 3, 2))
        late = store.start_visit(Visit(case_id=case_id, started_at=at(9)))
        early = store.start_visit(Visit(case_id=case_id, started_at=at(3)))
        assert late.id and early.id
        store.record_response(
            Response(
                visit_id=late.id,
                prompt_id="change-talk.desire",
                answered_by=child,
                text="I want to go to the park",
                change_talk=frozenset({ChangeTalk.DESIRE}),
            )
        )
    as_version(db_path, 2)
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT change_talk FROM responses").fetchall() == [("desire",)]

    with Store.open(db_path) as store:
        # Numbered as version 2 showed them: by start.
        numbers = {v.id: v.number for v in store.list_visits(case_id)}
        assert numbers == {early.id: 1, late.id: 2}
        (said,) = store.list_responses(late.id)
        assert said.change_talk == {ChangeTalk.DESIRE} and said.given_as is None
        (entry,) = store.care_status_history(case_id)
        assert entry.care_status == {CareStatus.IN_CARE}
        assert entry.changed_on == date(2026, 3, 1) and entry.note == CARE_BACKFILL_NOTE
    assert any(p.name.startswith("sessionkit-v2-") for p in (db_path.parent / "backups").iterdir())


def test_a_visit_keeps_its_number_when_an_earlier_one_is_written_up(store: Store) -> None:
    case_id, _ = _family(store)
    first = store.start_visit(Visit(case_id=case_id, started_at=at(10)))
    second = store.start_visit(Visit(case_id=case_id, started_at=at(12)))
    earlier = store.start_visit(Visit(case_id=case_id, started_at=at(5)))
    assert (first.number, second.number, earlier.number) == (1, 2, 3)
    # Listed by date, named by number; updating a visit never renumbers it.
    assert [v.number for v in store.list_visits(case_id)] == [3, 1, 2]
    assert second.id is not None
    renamed = store.update_visit(second.model_copy(update={"number": 9, "notes": "n"}))
    assert renamed.number == 2 and store.get_visit(second.id).number == 2


def test_answers_keep_several_kinds_and_how_they_were_given(store: Store) -> None:
    case_id, child = _family(store)
    visit = store.start_visit(Visit(case_id=case_id))
    assert visit.id is not None
    kinds = frozenset({ChangeTalk.REASONS, ChangeTalk.DESIRE, ChangeTalk.SUSTAIN})
    saved = store.record_response(
        Response(
            visit_id=visit.id,
            prompt_id="scaling.safety",
            answered_by=child,
            value=4,
            change_talk=kinds,
            given_as=HowGiven.POINTED,
        )
    )
    assert saved.id is not None
    back = store.get_response(saved.id)
    assert back.change_talk == kinds and back.given_as is HowGiven.POINTED
    (light,) = store.answers_for_case(case_id)
    assert light.change_talk == kinds
    raw = store._connection().execute("SELECT change_talk FROM responses").fetchone()[0]
    assert raw == '["desire","reasons","sustain"]'  # DARN-CAT order, the same every time


def test_care_status_history_is_dated_and_the_latest_date_is_current(store: Store) -> None:
    case = store.add_case(
        Case(
            reference="CS-1",
            care_status=frozenset({CareStatus.CHILD_IN_NEED}),
            opened_on=date(2026, 1, 5),
        )
    )
    assert case.id is not None
    cpp = frozenset({CareStatus.CHILD_PROTECTION_PLAN})
    changed = store.change_care_status(case.id, cpp, date(2026, 2, 1), "conference")
    assert changed.care_status == cpp
    # Recorded late, for a day before the latest: history, not the current status.
    late = store.change_care_status(case.id, frozenset(), date(2026, 1, 20))
    assert late.care_status == cpp
    history = store.care_status_history(case.id)
    assert [(h.changed_on, h.care_status, h.note) for h in history] == [
        (date(2026, 1, 5), {CareStatus.CHILD_IN_NEED}, ""),
        (date(2026, 1, 20), frozenset(), ""),
        (date(2026, 2, 1), cpp, "conference"),
    ]
    # Changing it through the case itself keeps the change too (dated today).
    store.update_case(changed.model_copy(update={"care_status": frozenset()}))
    assert store.care_status_history(case.id)[-1].changed_on == date.today()


def test_an_unfinished_visit_can_be_discarded_and_its_plan_is_a_draft_again(
    store: Store,
) -> None:
    case_id, child = _family(store)
    plan = store.save_plan(VisitPlan(case_id=case_id, change_looks_like="calmer"))
    visit = store.start_visit(Visit(case_id=case_id, plan_id=plan.id))
    assert visit.id is not None
    store.record_response(
        Response(visit_id=visit.id, prompt_id="scaling.safety", answered_by=child, value=3)
    )
    store.discard_visit(visit.id)
    assert store.list_visits(case_id) == [] and store.answer_counts(case_id) == {}
    draft = store.get_draft_plan(case_id)
    assert draft is not None and draft.id == plan.id and draft.visit_id is None

    finished = store.start_visit(Visit(case_id=case_id, started_at=at(2)))
    assert finished.id is not None
    store.finish_visit(finished.id, at(2, 11))
    with pytest.raises(RecordRefused):
        store.discard_visit(finished.id)
    assert [v.id for v in store.list_visits(case_id)] == [finished.id]
