"""Fixing and closing the record: a person changed, removed or restored, a case's reference,
summary and care status changed, a case closed or reopened, a visit started by mistake
discarded.

Nothing here deletes what a family said: a removed person stays in the record (inactive)
with every past answer attributed to them, and only an unfinished visit can be discarded.
A refusal is a `CaseworkError` whose sentence a screen or a command says as it is; store
failures pass through as `StoreError` (a reference in use: `DuplicateReference`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from pydantic import ValidationError

from sessionkit.domain import CareStatus, CareStatusChange, Case, CommunicationNeed, Member, Role
from sessionkit.services.cases import _not_valid, new_member
from sessionkit.services.casework_errors import CaseworkError, NotValid

if TYPE_CHECKING:
    from sessionkit.storage import Store

# Offered when a case is closed; anything else can be typed instead.
CLOSE_REASONS = (
    "needs met",
    "moved away",
    "stepped down to early help",
    "transferred",
)


class NotAllowed(CaseworkError):
    """Asked of a record in the wrong state (closing a closed case, discarding a finished
    visit): the sentence says what is the case and what can be done instead."""


# --- people ------------------------------------------------------------------------------


def edit_member(
    store: Store,
    member: Member,
    *,
    name: str,
    role: Role,
    age: str = "",
    needs: Iterable[CommunicationNeed] = (),
    notes: str = "",
) -> Member:
    """The person as typed in the form, checked as a new one is, stored in their place.

    An age band recorded without an exact age is kept while the age is left empty.
    """
    assert member.id is not None and member.case_id is not None, "a stored person is edited"
    typed = new_member(member.case_id, name=name, role=role, age=age, needs=needs, notes=notes)
    changed = typed.model_copy(
        update={
            "id": member.id,
            "active": member.active,
            "age_band": member.age_band if typed.age is None else None,
        }
    )
    return store.update_member(changed)


def remove_member(store: Store, member: Member) -> Member:
    """No longer involved: not offered for new visits; never deleted, so every answer they
    gave stays theirs in notes, movement and exports."""
    if not member.active:
        raise NotAllowed(f"{member.name} is already removed from this case.")
    return store.update_member(member.model_copy(update={"active": False}))


def restore_member(store: Store, member: Member) -> Member:
    if member.active:
        raise NotAllowed(f"{member.name} is already involved in this case.")
    return store.update_member(member.model_copy(update={"active": True}))


# --- the case ----------------------------------------------------------------------------


def edit_case(store: Store, case: Case, *, reference: str, summary: str) -> Case:
    """A new reference and summary; the care status is changed apart, with a date."""
    try:
        changed = Case.model_validate(
            {**case.model_dump(), "reference": reference, "summary": summary}
        )
    except ValidationError as exc:
        raise _not_valid(exc, {"reference": "Reference", "summary": "Note"}) from None
    return store.update_case(changed)


def change_care_status(
    store: Store,
    case: Case,
    statuses: Iterable[CareStatus],
    on: date | None = None,
    note: str = "",
    *,
    today: date | None = None,
) -> Case:
    """A dated change of care status (today unless said), kept in the case's history."""
    assert case.id is not None, "a stored case changes status"
    day = _day_in_case(case, on, today, "The date")
    # Cleaned as every stored text is, so the history shows nothing a terminal acts on.
    change = CareStatusChange(
        case_id=case.id, care_status=frozenset(statuses), changed_on=day, note=note.strip()
    )
    return store.change_care_status(case.id, change.care_status, day, change.note)


def care_history_lines(history: Sequence[CareStatusChange]) -> list[str]:
    """'02 Nov 2026 · child in need · after the conference', oldest first."""
    lines = []
    for change in history:
        line = f"{change.changed_on:%d %b %Y} · {change.care_status_label}"
        lines.append(line + (f" · {change.note}" if change.note else ""))
    return lines


def close_case(
    store: Store, case: Case, reason: str, on: date | None = None, *, today: date | None = None
) -> Case:
    """Closed on `on` (today unless said), never before it opened, with the reason why.

    Its record stays as it was; `purge --closed-before` can erase it when the time comes.
    """
    if case.is_closed:
        raise NotAllowed(f"This case is already closed ({case.closed_on:%d %b %Y}).")
    why = reason.strip()
    if not why:
        raise NotValid("reason", "Reason: choose one or write why the case is closed.")
    day = _day_in_case(case, on, today, "Closed on")
    try:
        closed = case.model_copy(update={"closed_on": day})
        closed = Case.model_validate({**closed.model_dump(), "closed_reason": why})
    except ValidationError as exc:
        raise _not_valid(exc, {"closed_reason": "Reason"}) from None
    return store.update_case(closed)


def reopen_case(store: Store, case: Case) -> Case:
    """Open again, as if never closed: the date and reason of the closing are cleared."""
    if not case.is_closed:
        raise NotAllowed("This case is open: there is nothing to reopen.")
    return store.update_case(case.model_copy(update={"closed_on": None, "closed_reason": ""}))


def closed_line(case: Case) -> str:
    """'closed 30 Nov 2026 · needs met', or '' for an open case."""
    if case.closed_on is None:
        return ""
    return f"closed {case.closed_on:%d %b %Y}" + (
        f" · {case.closed_reason}" if case.closed_reason else ""
    )


def typed_day(
    text: str, label: str, *, today: date | None = None, left_out: str = "leave it empty"
) -> date:
    """A date typed YYYY-MM-DD; empty means today."""
    written = text.strip()
    if not written:
        return today or date.today()
    try:
        return date.fromisoformat(written)
    except ValueError:
        raise NotValid(
            "day", f"{label}: write it YYYY-MM-DD, such as 2026-03-31, or {left_out}."
        ) from None


def _day_in_case(case: Case, on: date | None, today: date | None, label: str) -> date:
    """A day in the case's life so far: not before it opened, not after today."""
    now_day = today or date.today()
    day = on or now_day
    if day < case.opened_on:
        raise NotValid("day", f"{label}: not before the case opened ({case.opened_on:%d %b %Y}).")
    if day > now_day:
        raise NotValid("day", f"{label}: not after today.")
    return day


# --- a visit started by mistake ----------------------------------------------------------


def discard_visit(store: Store, visit_id: int) -> int:
    """Remove an unfinished visit and its answers; how many answers went. A finished
    visit is part of the record and stays."""
    visit = store.get_visit(visit_id)
    if visit.is_finished:
        raise NotAllowed("A finished visit stays in the record; only an unfinished one goes.")
    answers = len(store.list_responses(visit_id))
    store.discard_visit(visit_id)
    return answers


def answers_of(store: Store, case_id: int, member_id: int) -> int:
    """How many answers in the case a person gave or were given for them: what stays
    theirs when they are removed."""
    return sum(
        1 for r in store.responses_for_case(case_id) if member_id in (r.answered_by, r.on_behalf_of)
    )
