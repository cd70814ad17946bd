"""Cases, the people in them and the goals agreed with them: adding, changing, listing.

The rules the forms used to hold live here once: what a reference, a person or a goal
must have before it is stored (said as one sentence naming the field), Goal Attainment
Scaling as all five levels or none, a weight above 0 and up to 100, a goal's status
changed only to another status (each change kept in its history). Store failures pass
through as `StoreError`; a refusal is a `NotValid` or `SameStatus`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import ValidationError

from sessionkit.domain import (
    CareStatus,
    Case,
    CommunicationNeed,
    GasLevel,
    Goal,
    GoalStatus,
    Member,
    Role,
    Visit,
    now,
)
from sessionkit.services.casework_errors import NotValid, SameStatus

if TYPE_CHECKING:
    from sessionkit.storage import Store

# Goal Attainment Scaling, best first, as the form lists the levels.
GAS_LEVELS = (2, 1, 0, -1, -2)


# --- reading a case ----------------------------------------------------------------------


@dataclass(frozen=True)
class CaseOverview:
    """One family as the case screen shows it: everything read at once."""

    case: Case
    members: list[Member]  # including those no longer involved
    goals: list[Goal]
    visits: list[Visit]  # oldest first
    answer_counts: dict[int, int] = field(default_factory=dict)

    @property
    def active_members(self) -> list[Member]:
        return [m for m in self.members if m.active]

    @property
    def open_visit(self) -> Visit | None:
        return open_visit(self.visits)


def case_overview(store: Store, case_id: int) -> CaseOverview:
    return CaseOverview(
        case=store.get_case(case_id),
        members=store.list_members(case_id, include_inactive=True),
        goals=store.list_goals(case_id),
        visits=store.list_visits(case_id),
        answer_counts=store.answer_counts(case_id),
    )


def open_visit(visits: Sequence[Visit]) -> Visit | None:
    """The family's unfinished visit (the latest, if ever there were two), or None."""
    return next((v for v in reversed(visits) if not v.is_finished), None)


def person_line(member: Member) -> str:
    """'Leo · child, 6 · non-verbal, SEND' on one line."""
    age = (
        str(member.age)
        if member.age is not None
        else (member.age_band.label if member.age_band else "")
    )
    line = f"{member.name} · {member.role.value}" + (f", {age}" if age else "")
    needs = [n.label for n in CommunicationNeed if n in member.communication_needs]
    if needs:
        line += " · " + ", ".join(needs)
    if not member.active:
        line += " · no longer involved"
    return line


def goal_line(goal: Goal, names: Mapping[int | None, str]) -> str:
    """'• Mornings feel calmer (Sam) [paused]': a goal in the case's list."""
    whose = names.get(goal.owner_member_id, "the family") if goal.owner_member_id else "the family"
    status = "" if goal.status is GoalStatus.ACTIVE else f" [{goal.status.value}]"
    return f"• {goal.text} ({whose}){status}"


def goal_label(goal: Goal, names: Mapping[int, str]) -> str:
    """'Mornings feel calmer (Sam) · paused' - a goal named in lists to choose from."""
    whose = names.get(goal.owner_member_id or -1, "the family")
    label = f"{goal.text} ({whose})"
    if goal.status is not GoalStatus.ACTIVE:
        label += f" · {goal.status.value}"
    return label


# --- cases -------------------------------------------------------------------------------


def add_case(
    store: Store, reference: str, care_status: Iterable[CareStatus], summary: str = ""
) -> Case:
    """A new case; a reference already in use is refused by the store (DuplicateReference)."""
    try:
        case = Case(reference=reference, care_status=frozenset(care_status), summary=summary)
    except ValidationError as exc:
        raise _not_valid(exc, {"reference": "Reference"}) from None
    return store.add_case(case)


# --- people ------------------------------------------------------------------------------


def new_member(
    case_id: int,
    *,
    name: str,
    role: Role,
    age: str = "",
    needs: Iterable[CommunicationNeed] = (),
    notes: str = "",
) -> Member:
    """A person as typed in the form (age as typed, optional), checked, not yet stored."""
    age_text = age.strip()
    try:
        return Member(
            case_id=case_id,
            name=name,
            role=role,
            age=int(age_text) if age_text else None,
            communication_needs=frozenset(needs),
            communication_notes=notes,
        )
    except ValidationError as exc:
        raise _not_valid(exc, {"name": "Name", "age": "Age"}) from None
    except ValueError:
        raise NotValid("age", "Age: must be a whole number.") from None


def add_member(store: Store, member: Member) -> Member:
    return store.add_member(member)


def update_member(store: Store, member: Member, **changes: object) -> Member:
    """The person with `changes` (field: value) checked as the model checks them, stored."""
    try:
        changed = Member.model_validate({**member.model_dump(), **changes})
    except ValidationError as exc:
        raise _not_valid(exc, {"name": "Name", "age": "Age"}) from None
    return store.update_member(changed)


# --- goals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalInput:
    """A goal as typed in the form: the family's words, the levels and the weight as text."""

    text: str
    low_label: str = "not at all"
    high_label: str = "completely"
    owner_member_id: int | None = None
    gas: Mapping[int, str] = field(default_factory=dict)  # level (-2..2) -> words
    weight: str = ""


GOAL_LABELS = {
    "text": "The goal",
    "low_label": "What 0 means",
    "high_label": "What 10 means",
    "gas_levels": "Goal Attainment Scaling",
}


def goal_from_input(case_id: int, typed: GoalInput, existing: Goal | None = None) -> Goal:
    """The goal as typed, checked; `existing` keeps its id, status and history."""
    text = typed.text.strip()
    if not text:
        raise NotValid("text", "The goal: write it in the family's words.")
    levels = gas_levels(typed.gas)
    weight = goal_weight(typed.weight)
    try:
        fields: dict[str, object] = {
            "owner_member_id": typed.owner_member_id,
            "text": text,
            "low_label": typed.low_label,
            "high_label": typed.high_label,
            "gas_levels": levels,
            "weight": weight,
        }
        if existing is None:
            return Goal.model_validate({"case_id": case_id, **fields})
        return Goal.model_validate({**existing.model_dump(), **fields})
    except ValidationError as exc:
        raise _not_valid(exc, GOAL_LABELS) from None


def gas_levels(written: Mapping[int, str]) -> list[GasLevel]:
    """All five levels, or none: a partial set is refused, saying which are missing."""
    texts = {level: written.get(level, "").strip() for level in GAS_LEVELS}
    if not any(texts.values()):
        return []
    missing = [f"{level:+d}" for level, text in texts.items() if not text]
    if missing:
        raise NotValid(
            "gas",
            "Goal Attainment Scaling: write all five levels or none; "
            f"missing {', '.join(missing)}.",
        )
    try:
        return [GasLevel(level=level, description=text) for level, text in texts.items()]
    except ValidationError as exc:
        raise NotValid("gas", "Goal Attainment Scaling: write each level in words.") from exc


def goal_weight(typed: str) -> float | None:
    """The weight typed, None when left empty; above 0 and up to 100."""
    text = typed.strip()
    if not text:
        return None
    try:
        weight = float(text)
    except ValueError:
        weight = -1.0
    if not 0 < weight <= 100:
        raise NotValid("weight", "Weight: a number above 0 and up to 100, or leave it empty.")
    return weight


def save_goal(store: Store, goal: Goal) -> Goal:
    """Add a new goal, or store the changes to one already there."""
    return store.add_goal(goal) if goal.id is None else store.update_goal(goal)


def change_goal_status(
    store: Store, goal: Goal, status: GoalStatus, note: str = "", *, when: datetime | None = None
) -> Goal:
    """Another status for the goal, kept in its history with the note; never the same one."""
    if status is goal.status:
        raise SameStatus(status.value)
    assert goal.id is not None, "a status is changed on a stored goal"
    return store.change_goal_status(goal.id, status, when or now(), note.strip())


def status_history(store: Store, goal_id: int) -> list[str]:
    return history_lines(store.goal_status_history(goal_id))


def history_lines(rows: Sequence[tuple[GoalStatus, datetime, str]]) -> list[str]:
    """'02 Nov 2026 · agreed', then each change with its note; says when nothing changed."""
    lines = []
    for number, (status, when, note) in enumerate(rows):
        what = "agreed" if number == 0 and status is GoalStatus.ACTIVE else status.value
        lines.append(f"{when:%d %b %Y} · {what}" + (f" · {note}" if note else ""))
    if len(rows) <= 1:
        lines.append("No change of status yet.")
    return lines


# --- one sentence for a model's complaint ------------------------------------------------

_MESSAGES = {
    "string_too_short": "cannot be empty",
    "string_too_long": "is too long",
    # Cleaned text fields are checked for length after cleaning, as sequences.
    "too_short": "cannot be empty",
    "too_long": "is too long",
    "int_parsing": "must be a whole number",
    "less_than_equal": "is too large",
    "greater_than_equal": "is too small",
}


def _not_valid(exc: ValidationError, labels: Mapping[str, str]) -> NotValid:
    """'Reference: cannot be empty.' for the first field that failed."""
    error = exc.errors()[0]
    name = str(error["loc"][0]) if error["loc"] else ""
    label = labels.get(name, name.replace("_", " ").capitalize())
    message = _MESSAGES.get(error["type"], error["msg"].removeprefix("Value error, "))
    return NotValid(name, f"{label}: {message}." if label else f"{message}.")
