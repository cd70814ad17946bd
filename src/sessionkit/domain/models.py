"""The domain: cases, the people in them, goals, plans, visits and the responses captured.

Models are plain pydantic data. They neither save themselves nor know about screens;
storage turns them into rows and the UI shows them. Every text field passes through
`CleanText`/`CleanLine`, so nothing a person types can become a terminal escape sequence.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
    care_status_label,
)
from sessionkit.domain.types import CleanLine, CleanText

Reference = Annotated[CleanLine, Field(min_length=1, max_length=40)]
Label = Annotated[CleanLine, Field(max_length=120)]
Tag = Annotated[CleanLine, Field(min_length=1, max_length=60)]


def now() -> datetime:
    """The current local time, with its offset, to the second: what a practitioner reads."""
    return datetime.now().astimezone().replace(microsecond=0)


class Model(BaseModel):
    # defer_build: schemas are built on first use, not at import, to keep start-up fast.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Case(Model):
    """A family worked with, known by a reference the practitioner chooses (no full names)."""

    id: int | None = None
    reference: Reference
    care_status: frozenset[CareStatus] = frozenset()
    opened_on: date = Field(default_factory=date.today)
    closed_on: date | None = None
    closed_reason: Annotated[CleanText, Field(max_length=500)] = ""
    summary: CleanText = ""

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def care_status_label(self) -> str:
        return care_status_label(self.care_status)


class CareStatusChange(Model):
    """One dated entry of a case's care status history: the statuses from that day on."""

    case_id: int | None = None
    care_status: frozenset[CareStatus] = frozenset()
    changed_on: date
    note: CleanText = ""

    @property
    def care_status_label(self) -> str:
        return care_status_label(self.care_status)


class Member(Model):
    """A person in the case. A practitioner can be a member too, to answer as themselves."""

    id: int | None = None
    case_id: int | None = None
    name: Annotated[CleanLine, Field(min_length=1, max_length=60)]
    role: Role
    age: Annotated[int, Field(ge=0, le=120)] | None = None
    age_band: AgeBand | None = None
    communication_needs: frozenset[CommunicationNeed] = frozenset()
    communication_notes: CleanText = ""
    active: bool = True

    @property
    def band(self) -> AgeBand | None:
        """The age band from the exact age when known, else the band recorded."""
        if self.age is not None:
            return AgeBand.for_age(self.age)
        return self.age_band

    @property
    def is_child(self) -> bool:
        band = self.band
        if band is not None:
            return band is not AgeBand.ADULT
        return self.role.is_child

    @property
    def description(self) -> str:
        """'Amy, child, 9' - how the member is named in lists."""
        parts = [self.name, self.role.value]
        if self.age is not None:
            parts.append(str(self.age))
        elif self.age_band is not None:
            parts.append(self.age_band.label)
        return ", ".join(parts)


class GasLevel(Model):
    """One of the five Goal Attainment Scaling levels, in the family's words."""

    level: Annotated[int, Field(ge=-2, le=2)]
    description: Annotated[CleanText, Field(min_length=1)]


GAS_LEVEL_NAMES = {
    -2: "much less than expected",
    -1: "somewhat less than expected",
    0: "the expected level",
    1: "somewhat more than expected",
    2: "much more than expected",
}


class Goal(Model):
    """A goal agreed with the family, rated 0-10 over visits in their own words."""

    id: int | None = None
    case_id: int | None = None
    owner_member_id: int | None = None
    text: Annotated[CleanText, Field(min_length=1, max_length=500)]
    low_label: Label = "not at all"
    high_label: Label = "completely"
    areas: list[Tag] = Field(default_factory=list)
    gas_levels: list[GasLevel] = Field(default_factory=list)
    weight: Annotated[float, Field(gt=0, le=100)] | None = None
    status: GoalStatus = GoalStatus.ACTIVE
    created_at: datetime = Field(default_factory=now)
    status_changed_at: datetime | None = None

    @field_validator("gas_levels")
    @classmethod
    def _gas_complete(cls, levels: list[GasLevel]) -> list[GasLevel]:
        if levels and sorted(lv.level for lv in levels) != [-2, -1, 0, 1, 2]:
            raise ValueError("Goal Attainment Scaling needs all five levels, -2 to +2, once each")
        return sorted(levels, key=lambda lv: lv.level)

    @property
    def rating_wording(self) -> str:
        """How the 0-10 rating is asked: the goal in the family's words, as a question."""
        return f"Where are we now with this goal? {self.text}"

    @property
    def rating_prompt_id(self) -> str:
        """The stable prompt id under which this goal's 0-10 ratings are recorded."""
        return goal_rating_prompt_id(self.id)

    @property
    def gas_prompt_id(self) -> str:
        """The stable prompt id under which this goal's attainment levels are recorded.

        An attainment answer keeps the level said as `value` (-2 to +2) with the scale
        offered as -2 to +2, so it is a series like any other.
        """
        return goal_gas_prompt_id(self.id)

    @property
    def gas_wording(self) -> str:
        """How the attainment level is asked: which of the five levels is closest now."""
        return f"Which of the five levels is closest to how things are now? {self.text}"

    @property
    def has_gas(self) -> bool:
        return bool(self.gas_levels)


def goal_rating_prompt_id(goal_id: int | None) -> str:
    return f"goal.{goal_id}.rating"


def goal_gas_prompt_id(goal_id: int | None) -> str:
    return f"goal.{goal_id}.gas"


class PlannedTool(Model):
    """A tool chosen for a visit, with the reason it was chosen (never without one)."""

    tool_id: Annotated[CleanLine, Field(min_length=1)]
    reason: CleanText = ""


class VisitPlan(Model):
    """What the practitioner means to do on a visit; it becomes the visit's agenda."""

    id: int | None = None
    case_id: int | None = None
    visit_id: int | None = None
    status: PlanStatus = PlanStatus.DRAFT
    goal_ids: list[int] = Field(default_factory=list)
    change_looks_like: CleanText = ""
    steps: list[Annotated[CleanText, Field(min_length=1)]] = Field(default_factory=list)
    tools: list[PlannedTool] = Field(default_factory=list)
    warming_questions: list[Annotated[CleanText, Field(min_length=1)]] = Field(default_factory=list)
    social_graces: CleanText = ""
    expected_member_ids: list[int] = Field(default_factory=list)
    follow_ups: list[Annotated[CleanText, Field(min_length=1)]] = Field(default_factory=list)
    updated_at: datetime = Field(default_factory=now)


class Reflection(Model):
    """The practitioner's look back, straight after a visit; 'try next time' feeds the next plan."""

    what_worked: CleanText = ""
    what_did_not: CleanText = ""
    try_next_time: CleanText = ""
    written_at: datetime = Field(default_factory=now)

    @property
    def is_empty(self) -> bool:
        return not (self.what_worked or self.what_did_not or self.try_next_time)


class Visit(Model):
    """What happened on one visit. Unfinished while `ended_at` is empty."""

    id: int | None = None
    case_id: int | None = None
    # The visit's name for good, given when it is started: the next number of its case.
    # Never renumbered, so "visit 3" in a saved note stays visit 3 (dates order visits).
    number: Annotated[int, Field(ge=1)] | None = None
    plan_id: int | None = None
    started_at: datetime = Field(default_factory=now)
    ended_at: datetime | None = None
    # Written up afterwards: the end given when it was started, used when it is finished.
    expected_end: datetime | None = None
    entry: EntryMode = EntryMode.LIVE
    present_member_ids: list[int] = Field(default_factory=list)
    pack_id: CleanLine = ""
    pack_version: CleanLine = ""
    notes: CleanText = ""
    reflection: Reflection | None = None
    case_note: CleanText = ""

    @property
    def is_finished(self) -> bool:
        return self.ended_at is not None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise ValueError("a visit cannot end before it started")
        return self


class Response(Model):
    """The atom of the record: one answer, who gave it, for whom, in their own words.

    `value` is kept exactly as said, even outside the scale ("500 out of 10");
    `scale_min`/`scale_max` keep the range that was offered, so the answer can be
    flagged as off the scale without ever being corrected.
    """

    id: int | None = None
    visit_id: int | None = None
    prompt_id: Annotated[CleanLine, Field(min_length=1, max_length=120)]
    tool_id: CleanLine = ""
    pack_id: CleanLine = ""
    pack_version: CleanLine = ""
    wording: CleanText = ""
    answered_by: int
    on_behalf_of: int | None = None
    # A number said is a number: NaN or infinity could not be stored or compared.
    value: Annotated[float, Field(allow_inf_nan=False)] | None = None
    scale_min: float | None = None
    scale_max: float | None = None
    text: CleanText = ""
    items: list[Annotated[CleanText, Field(min_length=1)]] = Field(default_factory=list)
    selected: list[Tag] = Field(default_factory=list)
    tags: list[Tag] = Field(default_factory=list)
    change_talk: frozenset[ChangeTalk] = frozenset()
    given_as: HowGiven | None = None  # None: answers from before this was recorded
    worry: bool = False
    goal_id: int | None = None
    said_at: datetime = Field(default_factory=now)
    recorded_at: datetime = Field(default_factory=now)
    entry: EntryMode = EntryMode.LIVE
    edited_at: datetime | None = None

    @field_validator("change_talk", mode="before")
    @classmethod
    def _kinds(cls, value: object) -> object:
        # One kind (or none), as records before several were kept, is read as a set.
        if value is None:
            return frozenset()
        if isinstance(value, str):
            return frozenset({value})
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.on_behalf_of is not None and self.on_behalf_of == self.answered_by:
            raise ValueError("on_behalf_of names someone other than the person answering")
        if (
            self.scale_min is not None
            and self.scale_max is not None
            and self.scale_min >= self.scale_max
        ):
            raise ValueError("a scale's minimum must be below its maximum")
        return self

    @property
    def off_scale(self) -> bool:
        """True when the value said lies outside the range offered."""
        if self.value is None or self.scale_min is None or self.scale_max is None:
            return False
        return not (self.scale_min <= self.value <= self.scale_max)

    @property
    def subject_id(self) -> int:
        """Whose view the answer gives: the person it was given for, else the one answering."""
        return self.on_behalf_of if self.on_behalf_of is not None else self.answered_by
