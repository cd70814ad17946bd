"""Which tools fit this visit: every tool of the pack, ranked, each with its reasons.

Goal first, tools second: the ranking starts from the focus goal's areas, then looks at
the people expected. It only suggests. Every tool the pack offers comes back (nothing is
hidden; the practitioner can pick any), except the practitioner's own after-visit
reflection tools (group "reflection"), which are not something to plan a visit around.
Tools an overlay hid are not in `pack.tools` and so are not offered.

Scoring (all weights below; a tool starts at 0):

- **Goal areas**: +2 for each distinct area of the goals (compared ignoring case) that
  the tool also lists. Reason: "fits the goal area 'safety'".
- **Age**: each expected person is checked against the tool's `age_min`/`age_max`:
  - a person below or above the range: -1 for a child, -0.5 for an adult (an adult
    beside a child-only tool is often there to support the child, but it is still a
    misfit worth a look). Warning naming them: "Leo (6) is below this tool's age range
    (7 and up)", "Jo (adult) is above this tool's age range (4 to 16)".
  - a person known only by an age band that straddles an end of the range: no change to
    the score, a warning that they *may* be below or above it.
  - when the tool has a range and someone fits it, a reason: "suits ages 9 and 6".
  Age is the exact age, else the recorded band; a parent, carer or grandparent with
  neither counts as an adult; a child with neither is not checked.
- **Communication needs**:
  - someone non-verbal and a tool with a non-verbal adaptation: +1, reason
    "adapts for non-verbal communication: <the adaptation>";
  - someone non-verbal and a tool without one: -1, warning naming them;
  - someone with SEND and a tool with a SEND adaptation: +0.5, reason
    "adapts for SEND: <the adaptation>" (no warning when there is none).

Members with the practitioner role are left out of the age and communication checks:
the practitioner runs the tool rather than answers it. For the same reason tools of the
"practitioner" group (the practitioner's own preparation, such as a social graces
reflection) get no age or communication checks at all, only the goal-area score.

Order: best score first, ties in pack order; tools of the "relationship" group (the
family's feedback on the work together) always come last, in pack order, since they
belong at the end of a visit whatever its goal. Warnings never block anything; a tool's
"avoid when" text is not repeated as a warning here, since the UI shows it with every
tool (repeating it on every suggestion would be noise).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sessionkit.domain.enums import AgeBand, CommunicationNeed, Role
from sessionkit.domain.models import Goal, Member
from sessionkit.toolpacks.schema import ResolvedPack, Tool

EXCLUDED_GROUPS = frozenset({"reflection"})
LAST_GROUPS = frozenset({"relationship"})
PRACTITIONER_GROUPS = frozenset({"practitioner"})

AREA_MATCH = 2.0
AGE_MISFIT_CHILD = -1.0
AGE_MISFIT_ADULT = -0.5
NON_VERBAL_ADAPTED = 1.0
NON_VERBAL_MISSING = -1.0
SEND_ADAPTED = 0.5

_ADULT_ROLES = frozenset({Role.PARENT, Role.CARER, Role.GRANDPARENT})
_ADULT_FROM = AgeBand.ADULT.range[0]


@dataclass(frozen=True)
class Suggestion:
    tool: Tool
    score: float
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]


def rank_tools(
    pack: ResolvedPack, goals: Sequence[Goal], people: Sequence[Member]
) -> list[Suggestion]:
    """Every offered tool of `pack` (but the reflection ones), best fit first.

    `goals` are the visit's focus goals; `people` the members expected at the visit.
    """
    areas = _goal_areas(goals)
    checked = [p for p in people if p.role is not Role.PRACTITIONER]
    ranked: list[tuple[bool, float, int, Suggestion]] = []
    for index, tool in enumerate(pack.tools):
        if tool.group in EXCLUDED_GROUPS:
            continue
        answering = [] if tool.group in PRACTITIONER_GROUPS else checked
        suggestion = _assess(tool, areas, answering)
        ranked.append((tool.group in LAST_GROUPS, -suggestion.score, index, suggestion))
    ranked.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in ranked]


def _goal_areas(goals: Sequence[Goal]) -> list[str]:
    """The goals' areas in the order given, once each (first spelling kept)."""
    seen: dict[str, str] = {}
    for goal in goals:
        for area in goal.areas:
            seen.setdefault(area.casefold(), area)
    return list(seen.values())


def _assess(tool: Tool, areas: Sequence[str], people: Sequence[Member]) -> Suggestion:
    score = 0.0
    reasons: list[str] = []
    warnings: list[str] = []

    tool_areas = {area.casefold() for area in tool.areas}
    for area in areas:
        if area.casefold() in tool_areas:
            score += AREA_MATCH
            reasons.append(f"fits the goal area '{area}'")

    delta, age_reason, age_warnings = _age_fit(tool, people)
    score += delta
    if age_reason:
        reasons.append(age_reason)
    warnings += age_warnings

    non_verbal = [p.name for p in people if CommunicationNeed.NON_VERBAL in p.communication_needs]
    if non_verbal:
        if tool.adaptations.non_verbal:
            score += NON_VERBAL_ADAPTED
            reasons.append(f"adapts for non-verbal communication: {tool.adaptations.non_verbal}")
        else:
            score += NON_VERBAL_MISSING
            warnings.append(
                f"No non-verbal adaptation is given for this tool ({_join(non_verbal)} "
                f"{'is' if len(non_verbal) == 1 else 'are'} non-verbal)"
            )
    send = any(CommunicationNeed.SEND in p.communication_needs for p in people)
    if send and tool.adaptations.send:
        score += SEND_ADAPTED
        reasons.append(f"adapts for SEND: {tool.adaptations.send}")

    return Suggestion(tool, score, tuple(reasons), tuple(warnings))


# --- age -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Age:
    low: int
    high: int
    words: str  # "9", "5 to 7", "adult"

    @property
    def adult(self) -> bool:
        return self.low >= _ADULT_FROM


def _age_of(member: Member) -> _Age | None:
    if member.age is not None:
        return _Age(member.age, member.age, str(member.age))
    band = member.age_band
    if band is None and member.role in _ADULT_ROLES:
        band = AgeBand.ADULT
    if band is None:
        return None
    low, high = band.range
    return _Age(low, high, band.label)


def _range_words(tool: Tool) -> str:
    if tool.age_min is not None and tool.age_max is not None:
        return f"{tool.age_min} to {tool.age_max}"
    if tool.age_min is not None:
        return f"{tool.age_min} and up"
    return f"up to {tool.age_max}"


def _age_fit(tool: Tool, people: Sequence[Member]) -> tuple[float, str, list[str]]:
    """Score change, a reason (or ""), and warnings for the people's ages."""
    if tool.age_min is None and tool.age_max is None:
        return 0.0, "", []
    low = tool.age_min if tool.age_min is not None else 0
    high = tool.age_max if tool.age_max is not None else AgeBand.ADULT.range[1]
    span = _range_words(tool)
    delta = 0.0
    warnings: list[str] = []
    fitting_ages: list[str] = []
    fitting_adults = False
    for person in people:
        age = _age_of(person)
        if age is None:
            continue
        who = f"{person.name} ({age.words})"
        if age.high < low or age.low > high:
            side = "below" if age.high < low else "above"
            delta += AGE_MISFIT_ADULT if age.adult else AGE_MISFIT_CHILD
            warnings.append(f"{who} is {side} this tool's age range ({span})")
        elif age.low < low or age.high > high:
            side = "below" if age.low < low else "above"
            warnings.append(f"{who} may be {side} this tool's age range ({span})")
        elif age.adult and age.low != age.high:
            fitting_adults = True
        elif age.words not in fitting_ages:
            fitting_ages.append(age.words)
    reason = ""
    if fitting_ages:
        plural = len(fitting_ages) > 1 or not fitting_ages[0].isdigit()
        reason = f"suits {'ages' if plural else 'age'} {_join(fitting_ages)}"
        if fitting_adults:
            reason += ", and the adults"
    elif fitting_adults:
        reason = "suits the adults"
    return delta, reason, warnings


def _join(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
