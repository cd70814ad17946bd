"""Team outcomes: movement across cases, by care-status group, with small numbers hidden.

What is counted. A series is one question (prompt id) answered from one perspective
(who answered, on whose behalf) within one case, as in `movement`: one point per visit
(the last answer recorded in that visit counts), answers said outside the offered scale
left out of the arithmetic. A series with at least two points on the scale has a change:
latest minus first. For each care-status group and question the result gives the number
of cases contributing a change, the number of series, and how many series went up,
stayed the same or went down.

What never appears: references, names, dates, ids of any kind, free text. Goal ratings
are recorded under a prompt id that holds the goal's id, so they are pooled as
`goal.rating` (0-10) and `goal.gas` (attainment, -2 to +2). A prompt id is shown only
when it is a prompt of a known (installed) pack: an imported answer can carry any text
as its prompt id, so every other id is pooled as "other questions".

Small numbers (docs/outcomes.md gives the reasons). A group with fewer than `min_cases`
contributing cases is listed with the reason and no numbers, and so is a question
within a group answered (with a change) in fewer than `min_cases` cases. In a shown row
every count below ROUND_TO is left out (None) and every other count is rounded to the
nearest multiple of ROUND_TO, so no count shows one family, and adding or removing one
case moves a count by a rounding step at most for every few series it has, never to a
value that tells its change. No mean or median is given: with a known number of cases, one family's
change is the difference of two runs' totals. Every group is always listed, and every
question seen anywhere is listed in every shown group, so a suppressed row does not
tell 0 from 1 to 4. No totals across groups or questions are given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from sessionkit.domain.enums import CareStatus

MIN_CASES = 5
# Counts are rounded to a multiple of this, and counts below it are not shown.
ROUND_TO = 5

BOTH = "child protection plan and in care"
PLAN_ONLY = "child protection plan, not in care"
CARE_ONLY = "in care, not on a plan"
OTHER = "other"
GROUPS = (BOTH, PLAN_ONLY, CARE_ONLY, OTHER)

GOAL_RATING = "goal.rating"
GOAL_GAS = "goal.gas"
OTHER_QUESTIONS = "other questions"

_GOAL_PROMPT = re.compile(r"goal\.\d+\.(rating|gas)")
# The shape of a toolpack id (toolpacks.schema.Id); anything else may be typed text.
_PACK_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,79}")


class Answer(NamedTuple):
    """One numeric answer, with only what outcomes need.

    `visit_rank` orders the case's visits (any increasing numbers); answers in the same
    visit are given in the order they were recorded.
    """

    case_id: int
    visit_rank: int
    prompt_id: str
    answered_by: int
    on_behalf_of: int | None
    value: float
    scale_min: float | None
    scale_max: float | None


@dataclass(frozen=True)
class Row:
    """One group and question. Numbers are None when the row is suppressed, and a count
    is None on its own when it is below ROUND_TO. `mean_change` and `median_change` are
    always None: they are kept so readers of older files find the same fields."""

    group: str
    prompt_id: str | None  # None: the whole group is suppressed
    suppressed: str | None = None  # the reason, when suppressed
    cases: int | None = None
    series: int | None = None
    mean_change: float | None = None
    median_change: float | None = None
    went_up: int | None = None
    stayed_same: int | None = None
    went_down: int | None = None


def group_for(care_status: Iterable[str]) -> str:
    """The comparison group for a case's care statuses (stored values)."""
    statuses = set(care_status)
    plan = CareStatus.CHILD_PROTECTION_PLAN.value in statuses
    in_care = CareStatus.IN_CARE.value in statuses
    if plan and in_care:
        return BOTH
    if plan:
        return PLAN_ONLY
    if in_care:
        return CARE_ONLY
    return OTHER


def reported_prompt_id(prompt_id: str, known: Collection[str] = ()) -> str | None:
    """The id a prompt is reported under, or None when it is left out.

    `known` holds the prompt ids of the installed packs; any other id (typed text in an
    imported file, a pack that is no longer installed) is pooled as OTHER_QUESTIONS.
    """
    goal = _GOAL_PROMPT.fullmatch(prompt_id)
    if goal is not None:
        return GOAL_RATING if goal.group(1) == "rating" else GOAL_GAS
    if prompt_id.startswith("goal."):
        return None
    if prompt_id in known and _PACK_ID.fullmatch(prompt_id) is not None:
        return prompt_id
    return OTHER_QUESTIONS


def series_changes(
    answers: Iterable[Answer], known: Collection[str] = ()
) -> dict[tuple[int, str], list[float]]:
    """Changes from first to latest, by (case id, reported prompt id), one per series."""
    latest: dict[tuple[int, str, int, int | None], dict[int, Answer]] = {}
    for answer in answers:
        key = (answer.case_id, answer.prompt_id, answer.answered_by, answer.on_behalf_of)
        # A later answer in the same visit corrects an earlier one.
        latest.setdefault(key, {})[answer.visit_rank] = answer
    changes: dict[tuple[int, str], list[float]] = {}
    for (case_id, prompt_id, _, _), by_visit in latest.items():
        reported = reported_prompt_id(prompt_id, known)
        if reported is None:
            continue
        values = [a.value for _, a in sorted(by_visit.items()) if _on_scale(a)]
        if len(values) >= 2:
            changes.setdefault((case_id, reported), []).append(values[-1] - values[0])
    return changes


def compute_outcomes(
    cases: Iterable[tuple[int, Iterable[str]]],
    answers: Iterable[Answer],
    min_cases: int = MIN_CASES,
    known_prompts: Collection[str] = (),
) -> list[Row]:
    """Rows for every group (in GROUPS order) and question (by prompt id, with
    OTHER_QUESTIONS last).

    `cases` gives each case id with its care statuses; answers of cases not in it are
    left out. `min_cases` below MIN_CASES is raised to it. `known_prompts` are the
    prompt ids that may be shown (those of the installed packs).
    """
    threshold = max(min_cases, MIN_CASES)
    groups = {case_id: group_for(statuses) for case_id, statuses in cases}
    # group -> prompt -> case id -> that case's changes
    table: dict[str, dict[str, dict[int, list[float]]]] = {g: {} for g in GROUPS}
    for (case_id, prompt_id), changes in series_changes(answers, frozenset(known_prompts)).items():
        group = groups.get(case_id)
        if group is not None:
            table[group].setdefault(prompt_id, {})[case_id] = changes
    seen = {p for by_prompt in table.values() for p in by_prompt}
    prompts = sorted(seen - {OTHER_QUESTIONS})
    if OTHER_QUESTIONS in seen:
        prompts.append(OTHER_QUESTIONS)
    rows: list[Row] = []
    for group in GROUPS:
        contributing = {c for by_case in table[group].values() for c in by_case}
        if len(contributing) < threshold:
            reason = f"fewer than {threshold} cases in this group"
            rows.append(Row(group, None, reason))
            continue
        for prompt_id in prompts:
            rows.append(_row(group, prompt_id, table[group].get(prompt_id, {}), threshold))
    return rows


def _row(group: str, prompt_id: str, by_case: dict[int, list[float]], threshold: int) -> Row:
    if len(by_case) < threshold:
        return Row(group, prompt_id, f"fewer than {threshold} cases answered this question")
    changes = [change for case_changes in by_case.values() for change in case_changes]
    return Row(
        group,
        prompt_id,
        cases=shown_count(len(by_case)),
        series=shown_count(len(changes)),
        went_up=shown_count(sum(1 for c in changes if c > 0)),
        stayed_same=shown_count(sum(1 for c in changes if c == 0)),
        went_down=shown_count(sum(1 for c in changes if c < 0)),
    )


def shown_count(count: int) -> int | None:
    """A count as published: None below ROUND_TO, else the nearest multiple of it.

    0-4 -> None, 5-7 -> 5, 8-12 -> 10, 13-17 -> 15 (no count falls half-way).
    """
    if count < ROUND_TO:
        return None
    return (count + ROUND_TO // 2) // ROUND_TO * ROUND_TO


def _on_scale(answer: Answer) -> bool:
    if not math.isfinite(answer.value):
        return False
    low, high = answer.scale_min, answer.scale_max
    # As Response.off_scale: only a fully known range can put an answer off it.
    return low is None or high is None or low <= answer.value <= high
