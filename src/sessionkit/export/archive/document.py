"""The case export document, as pydantic models: its shape, and its JSON Schema.

These models describe the file, not the domain: ids are the document's own text ids
("m1"), date-times are kept as the text written (so an offset survives exactly), and
types are strict (a number written as "7" is refused, not read as 7). The domain's own
rules (lengths, ranges, a visit ending after it starts) are checked when a document is
imported, through the domain models, and are not repeated here.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict

from sessionkit.domain.enums import (
    AgeBand,
    CareStatus,
    ChangeTalk,
    CommunicationNeed,
    EntryMode,
    GoalStatus,
    HowGiven,
    PlanStatus,
    Role,
)

FORMAT_NAME = "sessionkit"
FORMAT_VERSION = 2
FORMAT: Final = "sessionkit/2"  # FORMAT_NAME/FORMAT_VERSION, spelled out for the type checker
# Format 2 adds how each answer was given, several change-talk kinds per answer, why a
# case was closed, its dated care status and kept visit numbers; format 1 is still read.
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TIMESTAMP_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?$"
)
_DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
LOCAL_ID_PATTERN = r"^[A-Za-z0-9_-]+$"


def _real_timestamp(value: str) -> str:
    # The pattern lets through a 13th month or a 25th hour; this does not.
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("not a real date and time") from None
    try:
        # The store keeps every moment in UTC as well: an offset that carries the first or
        # last day of year 1 or 9999 past the calendar cannot be held (naive: local time).
        aware = moment if moment.tzinfo is not None else moment.astimezone()
        aware.astimezone(UTC)
    except (OverflowError, ValueError, OSError):
        raise ValueError("is outside the range of dates sessionkit can hold") from None
    return value


def _real_day(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a real date") from None
    return value


Timestamp = Annotated[
    str,
    Field(
        pattern=_TIMESTAMP_PATTERN,
        description="ISO 8601 date and time with the UTC offset it was recorded with",
    ),
    AfterValidator(_real_timestamp),
]
Day = Annotated[
    str, Field(pattern=_DAY_PATTERN, description="ISO 8601 date"), AfterValidator(_real_day)
]
LocalId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=LOCAL_ID_PATTERN,
        description="an id used only inside this document, to link its parts",
    ),
]

# Enum values arrive as JSON strings; strict mode would ask for enum instances.
_Lax = Strict(False)


class _Part(BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, allow_inf_nan=False, defer_build=True, frozen=True
    )


class GasLevelEntry(_Part):
    """One Goal Attainment Scaling level (-2 to +2) in the family's words."""

    level: int
    description: str


class StatusChangeEntry(_Part):
    """A recorded change of a goal's status. A goal starts active at `created_at`."""

    status: Annotated[GoalStatus, _Lax]
    changed_at: Timestamp
    note: str


class MemberEntry(_Part):
    """A person in the case, active or not."""

    id: LocalId
    name: str
    role: Annotated[Role, _Lax]
    age: int | None
    age_band: Annotated[AgeBand, _Lax] | None
    communication_needs: list[Annotated[CommunicationNeed, _Lax]]
    communication_notes: str
    active: bool


class GoalEntry(_Part):
    """A goal, its scale, its attainment levels and the history of its status."""

    id: LocalId
    owner_member: LocalId | None
    text: str
    low_label: str
    high_label: str
    areas: list[str]
    gas_levels: list[GasLevelEntry]
    weight: float | None
    status: Annotated[GoalStatus, _Lax]
    created_at: Timestamp
    status_changed_at: Timestamp | None
    status_changes: list[StatusChangeEntry]


class PlannedToolEntry(_Part):
    tool_id: str
    reason: str


class PlanEntry(_Part):
    """A visit plan; `visit` is the visit it became, once started."""

    id: LocalId
    visit: LocalId | None
    status: Annotated[PlanStatus, _Lax]
    goals: list[LocalId]
    change_looks_like: str
    steps: list[str]
    tools: list[PlannedToolEntry]
    warming_questions: list[str]
    social_graces: str
    expected_members: list[LocalId]
    follow_ups: list[str]
    updated_at: Timestamp


class ReflectionEntry(_Part):
    what_worked: str
    what_did_not: str
    try_next_time: str
    written_at: Timestamp


class ResponseEntry(_Part):
    """One answer: who gave it, for whom, the value as said and the words as said."""

    prompt_id: str
    tool_id: str
    pack_id: str
    pack_version: str
    wording: str
    answered_by: LocalId
    on_behalf_of: LocalId | None
    value: float | None
    scale_min: float | None
    scale_max: float | None
    text: str
    items: list[str]
    selected: list[str]
    tags: list[str]
    # A list since format 2 (several kinds per answer); format 1 wrote one kind or null.
    change_talk: list[Annotated[ChangeTalk, _Lax]] | Annotated[ChangeTalk, _Lax] | None
    worry: bool
    goal: LocalId | None
    said_at: Timestamp
    recorded_at: Timestamp
    entry: Annotated[EntryMode, _Lax]
    # How it was given (format 2): said, pointed, showed, signed, wrote; null when not kept.
    given_as: Annotated[HowGiven, _Lax] | None = None
    edited_at: Timestamp | None
    # Derived from the visit's answers on export (`domain.corrections`): a number a later
    # one corrected. An import works it out again, so what a file says here is not read.
    superseded: bool = False


class VisitEntry(_Part):
    """A visit and the answers recorded on it, in the order they were recorded."""

    id: LocalId
    # The visit's number for good (format 2), unique in the case; a visit without one is
    # numbered on import after the highest number in the file, in list order.
    number: Annotated[int, Field(ge=1)] | None = None
    plan: LocalId | None
    started_at: Timestamp
    ended_at: Timestamp | None
    expected_end: Timestamp | None = None  # format 2: the end given, while unfinished
    entry: Annotated[EntryMode, _Lax]
    present_members: list[LocalId]
    pack_id: str
    pack_version: str
    notes: str
    reflection: ReflectionEntry | None
    case_note: str
    responses: list[ResponseEntry]


class CareChangeEntry(_Part):
    """One dated entry of the case's care status history: the statuses from that day on."""

    changed_on: Day
    care_status: list[Annotated[CareStatus, _Lax]]
    note: str


class CaseEntry(_Part):
    """The case and everything recorded under it."""

    reference: str
    care_status: list[Annotated[CareStatus, _Lax]]
    # Oldest first (format 2). Absent (format 1): one entry on `opened_on` with
    # `care_status`, as the database's own upgrade gives a case kept before the history.
    care_status_history: list[CareChangeEntry] | None = None
    opened_on: Day
    closed_on: Day | None
    closed_reason: str = ""
    summary: str
    members: list[MemberEntry]
    goals: list[GoalEntry]
    plans: list[PlanEntry]
    visits: list[VisitEntry]


class CaseDocument(_Part):
    """One case exported from sessionkit, with everything recorded under it.

    Checked on import beyond this shape: ids are unique and every link names a part of
    the document, and the domain's rules hold (text lengths, ranges, a visit ending
    after it started, all five attainment levels or none).
    """

    model_config = ConfigDict(title="sessionkit case export")

    format: Literal["sessionkit/1", "sessionkit/2"]
    exported_at: Timestamp
    case: CaseEntry


def document_schema() -> dict[str, Any]:
    """The JSON Schema of the document (draft 2020-12)."""
    return {"$schema": SCHEMA_DIALECT, **CaseDocument.model_json_schema()}


def document_schema_text() -> str:
    """The schema as printed by `sessionkit export --schema` and kept in docs/."""
    return json.dumps(document_schema(), indent=2, ensure_ascii=False) + "\n"


def document_text(document: CaseDocument) -> str:
    """The document as UTF-8 JSON text, keys in a fixed order, ending with a newline."""
    data = document.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
