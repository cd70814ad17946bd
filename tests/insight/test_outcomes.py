"""Team outcomes: changes per series, grouped by care status, small groups suppressed.

Every number below is worked out by hand in the comments beside it.
"""

from __future__ import annotations

import json

import pytest

from sessionkit.export.outcomes import to_csv, to_json
from sessionkit.insight.outcomes import (
    BOTH,
    CARE_ONLY,
    GROUPS,
    OTHER,
    PLAN_ONLY,
    Answer,
    Row,
    compute_outcomes,
    group_for,
    reported_prompt_id,
    series_changes,
)

CPP = "child_protection_plan"
CARE = "in_care"
CIN = "child_in_need"
EARLY = "early_help"

ROW_WORRY = "fewer than 5 cases answered this question"
GROUP_FEW = "fewer than 5 cases in this group"


def a(
    case: int,
    visit: int,
    value: float,
    prompt: str = "scaling.safety",
    by: int = 1,
    for_: int | None = None,
    low: float | None = 0,
    high: float | None = 10,
) -> Answer:
    return Answer(case, visit, prompt, by, for_, value, low, high)


def change(case: int, amount: float, prompt: str = "scaling.safety", by: int = 1) -> list[Answer]:
    """A two-visit series going from 5 to 5 + amount."""
    return [a(case, 1, 5, prompt, by), a(case, 2, 5 + amount, prompt, by)]


@pytest.mark.parametrize(
    ("statuses", "group"),
    [
        ({CPP, CARE}, BOTH),
        ({CPP, CARE, CIN}, BOTH),
        ({CPP}, PLAN_ONLY),
        ({CPP, CIN}, PLAN_ONLY),
        ({CARE}, CARE_ONLY),
        ({CARE, EARLY}, CARE_ONLY),
        ({CIN}, OTHER),
        ({EARLY}, OTHER),
        ({CIN, EARLY}, OTHER),
        (set(), OTHER),
        ({"something_new"}, OTHER),
    ],
)
def test_each_care_status_combination_has_one_group(statuses: set[str], group: str) -> None:
    assert group_for(statuses) == group


def test_the_four_groups_are_named_exactly() -> None:
    assert GROUPS == (
        "child protection plan and in care",
        "child protection plan, not in care",
        "in care, not on a plan",
        "other",
    )


@pytest.mark.parametrize(
    ("prompt_id", "reported"),
    [
        ("scaling.safety", "scaling.safety"),
        ("northshire.worry-scale", "northshire.worry-scale"),
        ("goal.12.rating", "goal.rating"),
        ("goal.7.gas", "goal.gas"),
        # Other goal-shaped ids might name something of the case: left out.
        ("goal.12.rating.extra", None),
        ("goal.x.rating", None),
        ("goal.notes", None),
        # Not shaped like a toolpack id: possibly typed text, left out.
        ("Amy's own scale", None),
        ("scaling safety", None),
        ("", None),
        ("a" * 81, None),
    ],
)
def test_reported_prompt_ids(prompt_id: str, reported: str | None) -> None:
    assert reported_prompt_id(prompt_id) == reported


def test_series_change_is_latest_minus_first_on_the_scale() -> None:
    answers = [
        # Person 1 for themselves: 2, then 5 corrected to 4 in the same visit, then 7.
        # Points 2, 4, 7: change 7 - 2 = 5.
        a(1, 1, 2),
        a(1, 2, 5),
        a(1, 2, 4),
        a(1, 3, 7),
        # Person 1 on behalf of person 2 is another series: 8 then 6, change -2.
        a(1, 1, 8, for_=2),
        a(1, 3, 6, for_=2),
        # Person 3 answered once: no change.
        a(1, 1, 5, by=3),
        # Person 4: 3, "500" (off the 0-10 scale, left out), 3: change 0.
        a(1, 1, 3, by=4),
        a(1, 2, 500, by=4),
        a(1, 3, 3, by=4),
        # Person 5: 1, then 6 corrected to 60 in the same visit (off the scale): only
        # one point on the scale, no change.
        a(1, 1, 1, by=5),
        a(1, 2, 6, by=5),
        a(1, 2, 60, by=5),
        # Person 6, given out of visit order: visit 1 said 4, visit 3 said 9: change 5.
        a(1, 3, 9, by=6),
        a(1, 1, 4, by=6),
        # Not a number anyone can average: left out of the arithmetic.
        a(1, 1, 2, by=7),
        a(1, 2, float("nan"), by=7),
    ]
    assert series_changes(answers) == {(1, "scaling.safety"): [5.0, -2.0, 0.0, 5.0]}


def test_goal_prompts_are_pooled_without_their_ids() -> None:
    answers = [
        # Goal 11 rated 3 then 6 (+3); goal 12 rated 5 then 4 (-1).
        a(2, 1, 3, "goal.11.rating"),
        a(2, 2, 6, "goal.11.rating"),
        a(2, 1, 5, "goal.12.rating"),
        a(2, 2, 4, "goal.12.rating"),
        # Goal 11's attainment level: -1 then +1 on -2..2 (+2).
        a(2, 1, -1, "goal.11.gas", low=-2, high=2),
        a(2, 2, 1, "goal.11.gas", low=-2, high=2),
        # Left out entirely.
        a(2, 1, 1, "Amy's own scale"),
        a(2, 2, 9, "Amy's own scale"),
    ]
    assert series_changes(answers) == {(2, "goal.rating"): [3.0, -1.0], (2, "goal.gas"): [2.0]}


def worked_example() -> tuple[list[tuple[int, set[str]]], list[Answer]]:
    cases: list[tuple[int, set[str]]] = []
    answers: list[Answer] = []
    # Plan and in care: cases 1-5 on safety (+3, +1, 0, -2, and case 5 twice: +4, +2);
    # cases 1-4 on worry (only four cases).
    for case in range(1, 6):
        cases.append((case, {CPP, CARE}))
    for case, amount in ((1, 3), (2, 1), (3, 0), (4, -2), (5, 4)):
        answers += change(case, amount)
    answers += change(5, 2, by=2)
    for case in range(1, 5):
        answers += change(case, 1, "scaling.worry")
    # Plan only: four cases, each +1 on safety.
    for case in range(6, 10):
        cases.append((case, {CPP}))
        answers += change(case, 1)
    # In care only: nobody.
    # Other: five cases with other statuses (or none) on worry: +1, +1, +2, -1, 0.
    others = [{CIN}, set(), {EARLY}, {CIN, EARLY}, {"something_new"}]
    for case, statuses, amount in zip(range(10, 15), others, (1, 1, 2, -1, 0), strict=True):
        cases.append((case, statuses))
        answers += change(case, amount, "scaling.worry")
    return cases, answers


def test_worked_example() -> None:
    cases, answers = worked_example()
    assert compute_outcomes(cases, answers) == [
        # Changes 3, 1, 0, -2, 4, 2: mean 8 / 6, median of -2 0 1 2 3 4 is (1 + 2) / 2.
        Row(BOTH, "scaling.safety", None, 5, 6, 8 / 6, 1.5, 4, 1, 1),
        Row(BOTH, "scaling.worry", ROW_WORRY),
        Row(PLAN_ONLY, None, GROUP_FEW),
        Row(CARE_ONLY, None, GROUP_FEW),
        # Listed though no case in the group answered it: 0 looks the same as 1 to 4.
        Row(OTHER, "scaling.safety", ROW_WORRY),
        # Changes 1, 1, 2, -1, 0: mean 3 / 5, median 1.
        Row(OTHER, "scaling.worry", None, 5, 5, 0.6, 1.0, 3, 1, 1),
    ]


def test_four_cases_are_suppressed_and_five_are_shown() -> None:
    cases = [(case, {CPP}) for case in range(1, 5)]
    answers = [x for case in range(1, 5) for x in change(case, 1)]
    rows = compute_outcomes(cases, answers)
    assert rows[1] == Row(PLAN_ONLY, None, GROUP_FEW)
    cases.append((5, {CPP}))
    answers += change(5, -4)
    rows = compute_outcomes(cases, answers)
    # Changes 1, 1, 1, 1, -4: mean 0, median 1.
    assert rows[1] == Row(PLAN_ONLY, "scaling.safety", None, 5, 5, 0.0, 1.0, 4, 0, 1)


def test_a_case_counts_only_when_it_has_a_change() -> None:
    cases = [(case, {CARE}) for case in range(1, 6)]
    answers = [x for case in range(1, 5) for x in change(case, 2)]
    answers.append(a(5, 1, 6))  # one answer: no change, so case 5 does not contribute
    assert compute_outcomes(cases, answers)[2] == Row(CARE_ONLY, None, GROUP_FEW)


def test_answers_of_cases_not_listed_are_left_out() -> None:
    cases = [(case, {CARE}) for case in range(1, 5)]
    answers = [x for case in range(1, 6) for x in change(case, 2)]
    assert compute_outcomes(cases, answers)[2] == Row(CARE_ONLY, None, GROUP_FEW)


def test_the_threshold_can_be_raised_but_not_lowered() -> None:
    cases = [(case, {CARE}) for case in range(1, 6)]
    answers = [x for case in range(1, 6) for x in change(case, 2)]
    shown = Row(CARE_ONLY, "scaling.safety", None, 5, 5, 2.0, 2.0, 5, 0, 0)
    assert compute_outcomes(cases, answers, min_cases=5)[2] == shown
    assert compute_outcomes(cases, answers, min_cases=6)[2] == Row(
        CARE_ONLY, None, "fewer than 6 cases in this group"
    )
    four = compute_outcomes(cases[:4], answers, min_cases=2)
    assert four[2] == Row(CARE_ONLY, None, GROUP_FEW)


def test_no_cases_lists_every_group_as_suppressed() -> None:
    assert compute_outcomes([], []) == [Row(g, None, GROUP_FEW) for g in GROUPS]


def test_csv_of_the_worked_example() -> None:
    cases, answers = worked_example()
    assert to_csv(compute_outcomes(cases, answers)) == (
        "group,prompt_id,cases,series,mean_change,median_change,went_up,stayed_same,"
        "went_down,suppressed\n"
        "child protection plan and in care,scaling.safety,5,6,1.33,1.5,4,1,1,\n"
        f"child protection plan and in care,scaling.worry,,,,,,,,{ROW_WORRY}\n"
        f'"child protection plan, not in care",,,,,,,,,{GROUP_FEW}\n'
        f'"in care, not on a plan",,,,,,,,,{GROUP_FEW}\n'
        f"other,scaling.safety,,,,,,,,{ROW_WORRY}\n"
        "other,scaling.worry,5,5,0.6,1,3,1,1,\n"
    )


def test_json_of_the_worked_example() -> None:
    cases, answers = worked_example()
    doc = json.loads(to_json(compute_outcomes(cases, answers), 5))
    assert doc["min_cases"] == 5
    assert doc["rows"][0] == {
        "group": BOTH,
        "prompt_id": "scaling.safety",
        "cases": 5,
        "series": 6,
        "mean_change": 1.33,
        "median_change": 1.5,
        "went_up": 4,
        "stayed_same": 1,
        "went_down": 1,
        "suppressed": None,
    }
    assert doc["rows"][2] == {
        "group": PLAN_ONLY,
        "prompt_id": None,
        "cases": None,
        "series": None,
        "mean_change": None,
        "median_change": None,
        "went_up": None,
        "stayed_same": None,
        "went_down": None,
        "suppressed": GROUP_FEW,
    }
    assert len(doc["rows"]) == 6


def test_a_tiny_negative_mean_is_written_as_zero() -> None:
    row = Row(OTHER, "scaling.safety", None, 5, 5, -0.001, -0.0, 0, 5, 0)
    assert to_csv([row]).splitlines()[1] == "other,scaling.safety,5,5,0,0,0,5,0,"
    text = to_json([row], 5)
    assert '"mean_change": 0.0,' in text and '"median_change": 0.0,' in text
