"""A checked `CaseRecord` -> the store, in one transaction: the whole case, or nothing.

Each part gets a new row id as it is written, and every link is turned from the
document's numbering into those ids. Plans and visits name each other, so plans are
written first without their visit, and linked once the visits are in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sessionkit.export.archive import prompt_ids
from sessionkit.export.archive.errors import ReferenceTaken
from sessionkit.export.archive.record import CaseRecord

if TYPE_CHECKING:
    from sessionkit.storage import Store
    from sessionkit.storage.batch import Batch


@dataclass(frozen=True)
class Imported:
    case_id: int
    reference: str
    replaced: bool


def import_record(store: Store, record: CaseRecord, *, replace: bool = False) -> Imported:
    """Write the case. A case with the same reference is refused (`ReferenceTaken`) unless
    `replace`, which deletes it in the same transaction.
    """
    with store.batch() as batch:
        existing = batch.find_case_id(record.reference)
        if existing is not None:
            if not replace:
                raise ReferenceTaken(record.reference)
            batch.delete_case(existing)
        case_id = _write(batch, record)
    return Imported(case_id, record.reference, replaced=existing is not None)


def _write(batch: Batch, record: CaseRecord) -> int:
    case_id = batch.add_case(record.case)
    for change in record.care_history:
        batch.add_care_change(case_id, change.care_status, change.changed_on, change.note)
    # Row ids by document number: members[n - 1] is the id of member number n.
    members = [batch.add_member(m.model_copy(update={"case_id": case_id})) for m in record.members]

    goals: list[int] = []
    for part in record.goals:
        owner = part.goal.owner_member_id
        goal = part.goal.model_copy(
            update={"case_id": case_id, "owner_member_id": _row(members, owner)}
        )
        goal_id = batch.add_goal(goal)
        goals.append(goal_id)
        for status, when, note in part.status_changes:
            batch.add_goal_status_change(goal_id, status, when, note)

    plans = [
        batch.add_plan(
            plan.model_copy(
                update={
                    "case_id": case_id,
                    "visit_id": None,
                    "goal_ids": [goals[n - 1] for n in plan.goal_ids],
                    "expected_member_ids": [members[n - 1] for n in plan.expected_member_ids],
                }
            )
        )
        for plan in record.plans
    ]

    visits: list[int] = []
    for visit_part in record.visits:
        visit = visit_part.visit.model_copy(
            update={
                "case_id": case_id,
                "plan_id": _row(plans, visit_part.visit.plan_id),
                "present_member_ids": [members[n - 1] for n in visit_part.visit.present_member_ids],
            }
        )
        visit_id = batch.add_visit(visit)
        visits.append(visit_id)
        for said in visit_part.responses:
            response = said.response
            update: dict[str, object] = {
                "visit_id": visit_id,
                "answered_by": members[response.answered_by - 1],
                "on_behalf_of": _row(members, response.on_behalf_of),
                "goal_id": _row(goals, response.goal_id),
            }
            if said.goal_prompt is not None:
                number, rest = said.goal_prompt
                update["prompt_id"] = prompt_ids.from_document(goals[number - 1], rest)
            batch.add_response(response.model_copy(update=update))

    for plan, plan_id in zip(record.plans, plans, strict=True):
        if plan.visit_id is not None:
            batch.link_plan(plan_id, visits[plan.visit_id - 1])
    return case_id


def _row(row_ids: list[int], number: int | None) -> int | None:
    return None if number is None else row_ids[number - 1]
