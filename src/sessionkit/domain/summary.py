"""A case as the list of cases shows it: a plain read model, not a pydantic one.

The home screen is the first thing drawn, so this stays cheap to import and to build:
a frozen dataclass filled from one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sessionkit.domain.enums import CareStatus, care_status_label


@dataclass(frozen=True, slots=True)
class CaseSummary:
    case_id: int
    reference: str
    care_status: frozenset[CareStatus]
    opened_on: date
    closed_on: date | None
    member_count: int
    visit_count: int
    last_visit_at: datetime | None
    unfinished_visit_id: int | None

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def care_status_label(self) -> str:
        return care_status_label(self.care_status)
