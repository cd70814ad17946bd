"""The fixed vocabularies of the domain. Values are stored in the database: never rename one."""

from __future__ import annotations

from enum import StrEnum


class CareStatus(StrEnum):
    """A case can hold several at once; combinations matter when outcomes are compared."""

    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION_PLAN = "child_protection_plan"
    IN_CARE = "in_care"
    EARLY_HELP = "early_help"

    @property
    def label(self) -> str:
        return _CARE_LABELS[self]


def care_status_label(statuses: frozenset[CareStatus]) -> str:
    """'child in need, in care' in a fixed order; says so when nothing is recorded."""
    if not statuses:
        return "no status recorded"
    return ", ".join(s.label for s in CareStatus if s in statuses)


_CARE_LABELS = {
    CareStatus.CHILD_IN_NEED: "child in need",
    CareStatus.CHILD_PROTECTION_PLAN: "child protection plan",
    CareStatus.IN_CARE: "in care",
    CareStatus.EARLY_HELP: "early help",
}


class Role(StrEnum):
    CHILD = "child"
    SIBLING = "sibling"
    PARENT = "parent"
    CARER = "carer"
    GRANDPARENT = "grandparent"
    PRACTITIONER = "practitioner"
    OTHER = "other"

    @property
    def is_child(self) -> bool:
        return self in (Role.CHILD, Role.SIBLING)


class AgeBand(StrEnum):
    """Used when an exact age is not known or not wanted."""

    UNDER_5 = "under_5"
    AGE_5_7 = "5_7"
    AGE_8_11 = "8_11"
    AGE_12_15 = "12_15"
    AGE_16_17 = "16_17"
    ADULT = "adult"

    @property
    def label(self) -> str:
        return _BAND_LABELS[self]

    @property
    def range(self) -> tuple[int, int]:
        """Inclusive age range of the band, used to check a tool's age fit."""
        return _BAND_RANGES[self]

    @classmethod
    def for_age(cls, age: int) -> AgeBand:
        for band, (low, high) in _BAND_RANGES.items():
            if low <= age <= high:
                return band
        return cls.ADULT


_BAND_LABELS = {
    AgeBand.UNDER_5: "under 5",
    AgeBand.AGE_5_7: "5 to 7",
    AgeBand.AGE_8_11: "8 to 11",
    AgeBand.AGE_12_15: "12 to 15",
    AgeBand.AGE_16_17: "16 or 17",
    AgeBand.ADULT: "adult",
}

_BAND_RANGES = {
    AgeBand.UNDER_5: (0, 4),
    AgeBand.AGE_5_7: (5, 7),
    AgeBand.AGE_8_11: (8, 11),
    AgeBand.AGE_12_15: (12, 15),
    AgeBand.AGE_16_17: (16, 17),
    AgeBand.ADULT: (18, 120),
}


class CommunicationNeed(StrEnum):
    """Needs that change which tools fit; details go in the member's free-text notes."""

    NON_VERBAL = "non_verbal"
    SIGN_LANGUAGE = "sign_language"
    SEND = "send"
    INTERPRETER = "interpreter"
    LIMITED_LITERACY = "limited_literacy"

    @property
    def label(self) -> str:
        """A short label for lists: 'non-verbal', 'SEND'."""
        return _NEED_LABELS[self]


_NEED_LABELS = {
    CommunicationNeed.NON_VERBAL: "non-verbal",
    CommunicationNeed.SIGN_LANGUAGE: "sign language",
    CommunicationNeed.SEND: "SEND",
    CommunicationNeed.INTERPRETER: "interpreter",
    CommunicationNeed.LIMITED_LITERACY: "reading or writing is hard",
}


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    PAUSED = "paused"
    DROPPED = "dropped"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    STARTED = "started"


class EntryMode(StrEnum):
    """Whether a capture was recorded during the visit or entered afterwards."""

    LIVE = "live"
    AFTERWARDS = "afterwards"


class ChangeTalk(StrEnum):
    """Motivational interviewing's categories of change talk (DARN-CAT) and sustain talk."""

    DESIRE = "desire"
    ABILITY = "ability"
    REASONS = "reasons"
    NEED = "need"
    COMMITMENT = "commitment"
    ACTIVATION = "activation"
    TAKING_STEPS = "taking_steps"
    SUSTAIN = "sustain"

    @property
    def is_change_talk(self) -> bool:
        return self is not ChangeTalk.SUSTAIN


def ordered_talk(kinds: frozenset[ChangeTalk]) -> list[ChangeTalk]:
    """The kinds of one answer in DARN-CAT order, sustain talk last: the same every time."""
    return [kind for kind in ChangeTalk if kind in kinds]


class HowGiven(StrEnum):
    """How a person gave an answer. Not everyone says it: a child may point to a number
    on the family view, show it with fingers or cards, sign it, or write it."""

    SAID = "said"
    POINTED = "pointed"
    SHOWED = "showed"
    SIGNED = "signed"
    WROTE = "wrote"

    @property
    def verb(self) -> str:
        """The word a note uses: 'Ali pointed to 4 out of 10'."""
        return _HOW_VERBS[self]


_HOW_VERBS = {
    HowGiven.SAID: "said",
    HowGiven.POINTED: "pointed to",
    HowGiven.SHOWED: "showed",
    HowGiven.SIGNED: "signed",
    HowGiven.WROTE: "wrote",
}


class PromptKind(StrEnum):
    SCALE = "scale"
    TEXT = "text"
    CHOICE = "choice"
    LIST = "list"
    CHECKLIST = "checklist"
