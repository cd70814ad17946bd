"""A case in the store -> the export document (see `sessionkit.export.archive`).

Everything is read in one snapshot, so a visit recorded in another window while the
case is read is either wholly in the document or wholly out of it. Parts are written in
the store's own order (members, goals and plans as added; visits by start; answers as
recorded), and given document ids in that order: m1, m2...; g1...; p1...; v1...
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from sessionkit.domain.corrections import superseded_by
from sessionkit.domain.enums import ordered_talk
from sessionkit.domain.models import (
    CareStatusChange,
    Case,
    Goal,
    Member,
    Reflection,
    Response,
    Visit,
    VisitPlan,
    now,
)
from sessionkit.export.archive import prompt_ids
from sessionkit.export.archive.document import (
    FORMAT,
    CareChangeEntry,
    CaseDocument,
    CaseEntry,
    GasLevelEntry,
    GoalEntry,
    MemberEntry,
    PlanEntry,
    PlannedToolEntry,
    ReflectionEntry,
    ResponseEntry,
    StatusChangeEntry,
    VisitEntry,
)
from sessionkit.export.archive.errors import CaseNotExportable

if TYPE_CHECKING:
    from sessionkit.domain.enums import GoalStatus
    from sessionkit.storage import Store

E = TypeVar("E", bound=Enum)
StatusChanges = Mapping[int, Sequence[tuple["GoalStatus", datetime, str]]]


def export_case(store: Store, case_id: int, *, exported_at: datetime | None = None) -> CaseDocument:
    """The whole case as a document. `exported_at` defaults to now, local time."""
    with store.snapshot():
        case = store.get_case(case_id)
        care_history = store.care_status_history(case_id)
        members = store.list_members(case_id, include_inactive=True)
        goals = store.list_goals(case_id)
        changes = store.goal_status_changes(case_id)
        plans = store.list_plans(case_id)
        visits = store.list_visits(case_id)
        responses = store.responses_for_case(case_id)
    return build_document(
        case,
        members,
        goals,
        changes,
        plans,
        visits,
        responses,
        care_history=care_history,
        exported_at=exported_at or now(),
    )


def build_document(
    case: Case,
    members: Sequence[Member],
    goals: Sequence[Goal],
    status_changes: StatusChanges,
    plans: Sequence[VisitPlan],
    visits: Sequence[Visit],
    responses: Iterable[Response],
    *,
    care_history: Sequence[CareStatusChange] = (),
    exported_at: datetime,
) -> CaseDocument:
    """The document from the case's records, each list in the store's order."""
    links = _Links(case.reference, members, goals, plans, visits)
    by_visit: dict[int, list[Response]] = {}
    for response in responses:
        visit_id = response.visit_id
        if visit_id is None or visit_id not in links.visits:
            raise CaseNotExportable(case.reference, "an answer belongs to no visit of the case")
        by_visit.setdefault(visit_id, []).append(response)
    entry = CaseEntry(
        reference=case.reference,
        care_status=_sorted_values(case.care_status),
        care_status_history=[
            CareChangeEntry(
                changed_on=change.changed_on.isoformat(),
                care_status=_sorted_values(change.care_status),
                note=change.note,
            )
            for change in care_history
        ],
        opened_on=case.opened_on.isoformat(),
        closed_on=None if case.closed_on is None else case.closed_on.isoformat(),
        closed_reason=case.closed_reason,
        summary=case.summary,
        members=[_member(m, links) for m in members],
        goals=[_goal(g, status_changes.get(g.id or 0, ()), links) for g in goals],
        plans=[_plan(p, links) for p in plans],
        visits=[_visit(v, by_visit.get(v.id or 0, []), links) for v in visits],
    )
    return CaseDocument(format=FORMAT, exported_at=exported_at.isoformat(), case=entry)


class _Links:
    """Row ids -> document ids, for each kind of record in the case."""

    def __init__(
        self,
        reference: str,
        members: Sequence[Member],
        goals: Sequence[Goal],
        plans: Sequence[VisitPlan],
        visits: Sequence[Visit],
    ) -> None:
        self.reference = reference
        self.members = _local_ids("m", (m.id for m in members))
        self.goals = _local_ids("g", (g.id for g in goals))
        self.plans = _local_ids("p", (p.id for p in plans))
        self.visits = _local_ids("v", (v.id for v in visits))

    def member(self, row_id: int) -> str:
        return self._find(self.members, row_id, "a person")

    def goal(self, row_id: int) -> str:
        return self._find(self.goals, row_id, "a goal")

    def plan(self, row_id: int) -> str:
        return self._find(self.plans, row_id, "a plan")

    def visit(self, row_id: int) -> str:
        return self._find(self.visits, row_id, "a visit")

    def _find(self, ids: Mapping[int, str], row_id: int, what: str) -> str:
        local = ids.get(row_id)
        if local is None:
            # Only a database changed by hand (or damaged) links across cases.
            raise CaseNotExportable(self.reference, f"it refers to {what} that is not in the case")
        return local


def _local_ids(prefix: str, row_ids: Iterable[int | None]) -> dict[int, str]:
    return {row_id: f"{prefix}{n}" for n, row_id in enumerate(row_ids, 1) if row_id is not None}


def _sorted_values(values: Iterable[E]) -> list[E]:
    # Sets have no order; sorted, the same set always gives the same document.
    return sorted(values, key=lambda v: str(v.value))


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _number(value: float | None, reference: str) -> float | None:
    if value is not None and not math.isfinite(value):
        raise CaseNotExportable(reference, "it holds a number JSON cannot carry (infinity)")
    return value


def _member(member: Member, links: _Links) -> MemberEntry:
    return MemberEntry(
        id=links.member(member.id or 0),
        name=member.name,
        role=member.role,
        age=member.age,
        age_band=member.age_band,
        communication_needs=_sorted_values(member.communication_needs),
        communication_notes=member.communication_notes,
        active=member.active,
    )


def _goal(
    goal: Goal, changes: Sequence[tuple[GoalStatus, datetime, str]], links: _Links
) -> GoalEntry:
    return GoalEntry(
        id=links.goal(goal.id or 0),
        owner_member=None if goal.owner_member_id is None else links.member(goal.owner_member_id),
        text=goal.text,
        low_label=goal.low_label,
        high_label=goal.high_label,
        areas=list(goal.areas),
        gas_levels=[
            GasLevelEntry(level=lv.level, description=lv.description) for lv in goal.gas_levels
        ],
        weight=_number(goal.weight, links.reference),
        status=goal.status,
        created_at=goal.created_at.isoformat(),
        status_changed_at=_when(goal.status_changed_at),
        status_changes=[
            StatusChangeEntry(status=status, changed_at=when.isoformat(), note=note)
            for status, when, note in changes
        ],
    )


def _plan(plan: VisitPlan, links: _Links) -> PlanEntry:
    return PlanEntry(
        id=links.plan(plan.id or 0),
        visit=None if plan.visit_id is None else links.visit(plan.visit_id),
        status=plan.status,
        goals=[links.goal(g) for g in plan.goal_ids],
        change_looks_like=plan.change_looks_like,
        steps=list(plan.steps),
        tools=[PlannedToolEntry(tool_id=t.tool_id, reason=t.reason) for t in plan.tools],
        warming_questions=list(plan.warming_questions),
        social_graces=plan.social_graces,
        expected_members=[links.member(m) for m in plan.expected_member_ids],
        follow_ups=list(plan.follow_ups),
        updated_at=plan.updated_at.isoformat(),
    )


def _reflection(reflection: Reflection | None) -> ReflectionEntry | None:
    if reflection is None:
        return None
    return ReflectionEntry(
        what_worked=reflection.what_worked,
        what_did_not=reflection.what_did_not,
        try_next_time=reflection.try_next_time,
        written_at=reflection.written_at.isoformat(),
    )


def _visit(visit: Visit, responses: Sequence[Response], links: _Links) -> VisitEntry:
    replaced = superseded_by(responses)
    return VisitEntry(
        id=links.visit(visit.id or 0),
        number=visit.number,
        plan=None if visit.plan_id is None else links.plan(visit.plan_id),
        started_at=visit.started_at.isoformat(),
        ended_at=_when(visit.ended_at),
        expected_end=_when(visit.expected_end),
        entry=visit.entry,
        present_members=[links.member(m) for m in visit.present_member_ids],
        pack_id=visit.pack_id,
        pack_version=visit.pack_version,
        notes=visit.notes,
        reflection=_reflection(visit.reflection),
        case_note=visit.case_note,
        responses=[_response(r, links, r.id in replaced) for r in responses],
    )


def _response(response: Response, links: _Links, superseded: bool) -> ResponseEntry:
    reference = links.reference
    return ResponseEntry(
        prompt_id=prompt_ids.to_document(response.prompt_id, links.goals),
        tool_id=response.tool_id,
        pack_id=response.pack_id,
        pack_version=response.pack_version,
        wording=response.wording,
        answered_by=links.member(response.answered_by),
        on_behalf_of=None if response.on_behalf_of is None else links.member(response.on_behalf_of),
        value=_number(response.value, reference),
        scale_min=_number(response.scale_min, reference),
        scale_max=_number(response.scale_max, reference),
        text=response.text,
        items=list(response.items),
        selected=list(response.selected),
        tags=list(response.tags),
        change_talk=ordered_talk(response.change_talk),
        worry=response.worry,
        goal=None if response.goal_id is None else links.goal(response.goal_id),
        said_at=response.said_at.isoformat(),
        recorded_at=response.recorded_at.isoformat(),
        entry=response.entry,
        given_as=response.given_as,
        edited_at=_when(response.edited_at),
        superseded=superseded,
    )
