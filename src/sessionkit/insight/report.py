"""The movement report: everything the movement screen and `sessionkit movement` show.

One plain, immutable structure built by pure functions from a case's records, so the
screen, the command line and the tests read the same numbers. Nothing here is stored;
it is derived afresh from what was recorded each time it is asked for.

Numbers are kept as said. An answer outside the scale offered ("500 out of 10") stays in
its series as said and is marked; it takes no part in the arithmetic of change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sessionkit.domain.enums import ChangeTalk, GoalStatus


@dataclass(frozen=True, slots=True)
class VisitRef:
    """A finished or unfinished visit as movement counts it: its number in the case."""

    visit_id: int
    number: int  # 1 = the first visit of the case, by start time
    when: datetime


@dataclass(frozen=True, slots=True)
class Who:
    """A perspective: who answered, and on whose behalf (None: for themselves)."""

    answered_by: int
    on_behalf_of: int | None
    label: str  # "Maya", "Maya, for Leo"; plain text, shown literally


@dataclass(frozen=True, slots=True)
class Value:
    """One answer in a series: the last one recorded for that visit and perspective."""

    visit: VisitRef
    value: float
    off_scale: bool
    text: str  # the person's own words given with the number, if any


@dataclass(frozen=True, slots=True)
class Change:
    """A change between two on-scale answers, and whether it is more than noise.

    `reliable` is None when the toolpack gives no threshold for the prompt: then no claim
    is made either way. Otherwise it is True when |amount| >= threshold.
    """

    amount: float
    reliable: bool | None


@dataclass(frozen=True, slots=True)
class SeriesMovement:
    """One question from one perspective across the visits it was answered on."""

    prompt_id: str
    who: Who
    values: tuple[Value, ...]
    from_first: Change | None  # None with fewer than two on-scale answers
    from_previous: Change | None
    words: str  # "up 2 since the first visit, down 1 since the last"


@dataclass(frozen=True, slots=True)
class Disagreement:
    """How far apart the perspectives were on the latest visit two or more answered."""

    visit: VisitRef
    spread: float  # highest minus lowest on-scale value
    highest: tuple[str, float]  # (who label, value)
    lowest: tuple[str, float]
    # Spread at or above NOTABLE_SPREAD on a 0-10 scale, or the same share of the range on
    # a scale of another width (see insight.perspectives).
    notable: bool


@dataclass(frozen=True, slots=True)
class QuestionMovement:
    """Every perspective on one question, side by side, for one chart."""

    prompt_id: str
    title: str
    wording: str  # the latest wording asked
    scale_min: float | None
    scale_max: float | None
    min_label: str
    max_label: str
    threshold: float | None  # the toolpack's reliable-change threshold, if any
    threshold_source: str
    series: tuple[SeriesMovement, ...]
    disagreement: Disagreement | None


@dataclass(frozen=True, slots=True)
class GasValue:
    visit: VisitRef
    level: int  # -2..+2
    who: Who


@dataclass(frozen=True, slots=True)
class GoalMovement:
    """A goal's 0-10 ratings over time and, with GAS levels, its attainment."""

    goal_id: int
    text: str
    status: GoalStatus
    owner: str  # whose goal, "" when nobody in particular
    weight: float  # 1 unless set
    ratings: tuple[SeriesMovement, ...]  # one per perspective that rated it
    has_gas: bool
    gas_values: tuple[GasValue, ...]
    # T of the latest level alone (50 + 10 * level); None without GAS levels or a level yet
    gas_t_score: float | None


@dataclass(frozen=True, slots=True)
class GasSummary:
    """The Kiresuk-Sherman T-score across the goals with a level recorded on one visit."""

    visit: VisitRef
    t_score: float
    goals: int


@dataclass(frozen=True, slots=True)
class RelationshipAlert:
    """A relationship-check answer lower than the same person's previous one."""

    who: Who
    title: str
    visit: VisitRef
    before: float
    now: float


@dataclass(frozen=True, slots=True)
class ChangeTalkVisit:
    visit: VisitRef
    counts: dict[ChangeTalk, int]  # every category present, zero when none
    change_talk: int
    sustain_talk: int
    share: float | None  # CT / (CT + ST); None when neither was heard


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A theme (tag) or a worry and the visits it came up on."""

    name: str
    visits: tuple[VisitRef, ...]
    recent_seen: int  # in how many of the last `recent_of` visits
    recent_of: int
    is_new: bool  # first came up on the latest visit
    worry: bool  # flagged as a worry at least once
    words: str  # "seen in 4 of the last 5 visits", "new on the latest visit"


@dataclass(frozen=True, slots=True)
class MovementReport:
    reference: str
    care_status: str  # "child in need, child protection plan"; "no status recorded"
    visits: tuple[VisitRef, ...]
    questions: tuple[QuestionMovement, ...]  # asked on two or more visits, pack order
    goals: tuple[GoalMovement, ...]
    gas: tuple[GasSummary, ...]
    relationship: tuple[QuestionMovement, ...]
    relationship_alerts: tuple[RelationshipAlert, ...]
    change_talk: tuple[ChangeTalkVisit, ...]
    themes: tuple[Recurrence, ...]
    worries: tuple[Recurrence, ...]
