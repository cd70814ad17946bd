"""Fixing and closing the record without Textual: a person edited, removed and restored
(their answers stay theirs), a case's reference, summary and dated care status, closing
and reopening, and discarding only an unfinished visit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from sessionkit.domain import AgeBand, CareStatus, CommunicationNeed, Role
from sessionkit.present import casework as say
from sessionkit.services import cases, casework
from sessionkit.services.casework_errors import NotValid
from sessionkit.storage import DuplicateReference
from sessionkit.storage.errors import RecordRefused

from .casework_family import STARTED, Family, family

TODAY = date(2026, 12, 2)


@pytest.fixture
def fam(tmp_path: Path) -> Iterator[Family]:
    found = family(tmp_path)
    yield found
    found.store.close()


def test_a_person_is_edited_in_place(fam: Family) -> None:
    ava = fam.store.get_member(fam.ava)
    changed = casework.edit_member(
        fam.store,
        ava,
        name=" Ava-Rose ",
        role=Role.SIBLING,
        age="10",
        needs=[CommunicationNeed.INTERPRETER],
        notes="likes drawing",
    )
    assert fam.store.get_member(fam.ava) == changed
    assert (changed.name, changed.role, changed.age) == ("Ava-Rose", Role.SIBLING, 10)
    assert changed.communication_needs == {CommunicationNeed.INTERPRETER}
    assert changed.communication_notes == "likes drawing" and changed.active
    with pytest.raises(NotValid, match="Name: cannot be empty"):
        casework.edit_member(fam.store, changed, name=" ", role=Role.CHILD)
    assert fam.store.get_member(fam.ava).name == "Ava-Rose"


def test_an_age_band_stays_while_no_age_is_typed(fam: Family) -> None:
    leo = fam.store.update_member(
        fam.store.get_member(fam.leo).model_copy(update={"age": None, "age_band": AgeBand.ADULT})
    )
    kept = casework.edit_member(fam.store, leo, name="Leo", role=Role.CHILD)
    assert kept.age_band is AgeBand.ADULT
    aged = casework.edit_member(fam.store, kept, name="Leo", role=Role.CHILD, age="6")
    assert (aged.age, aged.age_band) == (6, None)


def test_a_removed_person_keeps_their_answers_and_can_be_restored(fam: Family) -> None:
    visit = fam.visit()
    fam.answer(visit, fam.ava)
    fam.answer(visit, fam.mum, for_whom=fam.ava)
    fam.answer(visit, fam.mum)
    assert casework.answers_of(fam.store, fam.case_id, fam.ava) == 2
    removed = casework.remove_member(fam.store, fam.store.get_member(fam.ava))
    assert not removed.active
    assert fam.ava not in [m.id for m in fam.store.list_members(fam.case_id)]
    overview = cases.case_overview(fam.store, fam.case_id)
    assert [m.name for m in overview.active_members] == ["Mum", "Leo", "You"]
    assert sorted(r.answered_by for r in fam.store.list_responses(visit.id or 0)) == sorted(
        [fam.ava, fam.mum, fam.mum]
    )
    with pytest.raises(casework.NotAllowed, match="Ava is already removed"):
        casework.remove_member(fam.store, removed)
    restored = casework.restore_member(fam.store, removed)
    assert restored.active and fam.store.get_member(fam.ava).active
    with pytest.raises(casework.NotAllowed, match="already involved"):
        casework.restore_member(fam.store, restored)


def test_the_removal_question_says_what_stays() -> None:
    assert say.removal_question("Ava", 2) == (
        "Remove Ava from this case? The 2 answers they gave stay in the record, as theirs; "
        "they are no longer offered for new visits. You can restore them later."
    )
    assert say.removal_question("Leo", 0).startswith(
        "Remove Leo from this case? Everything recorded about them stays;"
    )


def test_a_case_gets_a_new_reference_and_summary(fam: Family) -> None:
    case = fam.store.get_case(fam.case_id)
    changed = casework.edit_case(fam.store, case, reference=" CW-9 ", summary="two schools")
    assert fam.store.get_case(fam.case_id) == changed
    assert (changed.reference, changed.summary) == ("CW-9", "two schools")
    # No care status change is made up by changing the words.
    assert len(fam.store.care_status_history(fam.case_id)) == 1
    with pytest.raises(NotValid, match="Reference: cannot be empty"):
        casework.edit_case(fam.store, changed, reference="", summary="")
    cases.add_case(fam.store, "OTHER-1", [])
    with pytest.raises(DuplicateReference):
        casework.edit_case(fam.store, changed, reference="other-1", summary="")


def test_a_care_status_change_is_dated_and_kept(fam: Family) -> None:
    case = fam.store.get_case(fam.case_id)
    later = casework.change_care_status(
        fam.store,
        case,
        [CareStatus.CHILD_PROTECTION_PLAN],
        None,
        " after the conference ",
        today=case.opened_on,
    )
    assert later.care_status == {CareStatus.CHILD_PROTECTION_PLAN}
    history = fam.store.care_status_history(fam.case_id)
    assert history[-1].changed_on == case.opened_on
    assert casework.care_history_lines(history)[-1] == (
        f"{case.opened_on:%d %b %Y} · child protection plan · after the conference"
    )
    with pytest.raises(NotValid, match="not before the case opened"):
        casework.change_care_status(
            fam.store, case, [], case.opened_on - timedelta(days=1), today=case.opened_on
        )
    with pytest.raises(NotValid, match="not after today"):
        casework.change_care_status(
            fam.store, case, [], case.opened_on + timedelta(days=1), today=case.opened_on
        )


def test_a_case_is_closed_with_a_reason_and_reopened(fam: Family) -> None:
    case = fam.store.get_case(fam.case_id)
    opened = case.opened_on
    with pytest.raises(NotValid, match="Reason: choose one"):
        casework.close_case(fam.store, case, "  ", today=opened)
    with pytest.raises(NotValid, match="Closed on: not before the case opened"):
        casework.close_case(fam.store, case, "needs met", opened - timedelta(days=1))
    closed = casework.close_case(fam.store, case, " needs met ", today=opened)
    assert fam.store.get_case(fam.case_id) == closed
    assert (closed.closed_on, closed.closed_reason) == (opened, "needs met")
    assert casework.closed_line(closed) == f"closed {opened:%d %b %Y} · needs met"
    assert [s.reference for s in fam.store.list_cases(include_closed=False)] == []
    with pytest.raises(casework.NotAllowed, match="already closed"):
        casework.close_case(fam.store, closed, "moved away")
    reopened = casework.reopen_case(fam.store, closed)
    assert not reopened.is_closed and reopened.closed_reason == ""
    assert casework.closed_line(reopened) == ""
    with pytest.raises(casework.NotAllowed, match="nothing to reopen"):
        casework.reopen_case(fam.store, reopened)


def test_a_typed_day() -> None:
    assert casework.typed_day("", "Closed on", today=TODAY) == TODAY
    assert casework.typed_day(" 2026-11-30 ", "Closed on") == date(2026, 11, 30)
    with pytest.raises(NotValid, match="Closed on: write it YYYY-MM-DD"):
        casework.typed_day("30/11/2026", "Closed on")


def test_only_an_unfinished_visit_is_discarded(fam: Family) -> None:
    done = fam.visit()
    fam.answer(done, fam.ava)
    open_visit = fam.visit(finished=False, started=STARTED + timedelta(days=7))
    fam.answer(open_visit, fam.ava)
    fam.answer(open_visit, fam.mum)
    with pytest.raises(casework.NotAllowed, match="A finished visit stays"):
        casework.discard_visit(fam.store, done.id or 0)
    assert casework.discard_visit(fam.store, open_visit.id or 0) == 2
    assert [v.id for v in fam.store.list_visits(fam.case_id)] == [done.id]
    assert len(fam.store.list_responses(done.id or 0)) == 1
    with pytest.raises(RecordRefused):
        fam.store.discard_visit(done.id or 0)


def test_the_discard_question_counts_the_answers() -> None:
    assert say.discard_question(3) == (
        "Discard this visit and its 3 answers? They cannot be got back."
    )
    one = "Discard this visit and its 1 answer? They cannot be got back."
    assert say.discard_question(1) == one
    assert say.discard_question(0).startswith("Discard this visit? Nothing was recorded")
