"""A case read from a document and checked, ready to be written: domain models, linked.

Links between the parts (who answered, which goal, which plan) are still the document's:
each is the part's number in its list, counting from 1 (the second member is 2). The
store gives the real row ids when the case is written (`restore`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sessionkit.domain.enums import GoalStatus
from sessionkit.domain.models import (
    CareStatusChange,
    Case,
    Goal,
    Member,
    Response,
    Visit,
    VisitPlan,
)

StatusChange = tuple[GoalStatus, datetime, str]


@dataclass(frozen=True)
class GoalRecord:
    goal: Goal
    status_changes: tuple[StatusChange, ...]


@dataclass(frozen=True)
class ResponseRecord:
    response: Response
    # (goal number, the rest) when the prompt id names a goal of the document.
    goal_prompt: tuple[int, str] | None = None


@dataclass(frozen=True)
class VisitRecord:
    visit: Visit
    responses: tuple[ResponseRecord, ...]


@dataclass(frozen=True)
class CaseRecord:
    case: Case
    members: tuple[Member, ...]
    goals: tuple[GoalRecord, ...]
    plans: tuple[VisitPlan, ...]
    visits: tuple[VisitRecord, ...]
    # The case's dated care status, oldest first (`case_id` not yet known).
    care_history: tuple[CareStatusChange, ...] = ()

    @property
    def reference(self) -> str:
        return self.case.reference

    @property
    def response_count(self) -> int:
        return sum(len(v.responses) for v in self.visits)

    def renamed(self, reference: str) -> CaseRecord:
        """The same case under another reference; ValueError when it is not a valid one."""
        data = self.case.model_dump()
        data["reference"] = reference
        return replace(self, case=Case.model_validate(data))
