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
    OTHER_QUESTIONS,
    PLAN_ONLY,
    Answer,
    Row,
    compute_outcomes,
    group_for,
    reported_prompt_id,
    series_changes,
    shown_count,
)

CPP = "child_protection_plan"
CARE = "in_care"
CIN = "child_in_need"
EARLY = "early_help"

ROW_WORRY = "fewer than 5 cases answered this question"
# The prompts of the installed packs, as the command passes them.
KNOWN = frozenset({"scaling.safety", "scaling.worry", "northshire.worry-scale"})
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
        # Not a prompt of an installed pack: possibly typed text (an import can carry
        # any prompt id), pooled.
        ("Amy's own scale", OTHER_QUESTIONS),
        ("scaling safety", OTHER_QUESTIONS),
        ("harper.maya.disclosed.dad.hits", OTHER_QUESTIONS),
        ("", OTHER_QUESTIONS),
        ("a" * 81, OTHER_QUESTIONS),
    ],
)
def test_reported_prompt_ids(prompt_id: str, reported: str | None) -> None:
    assert reported_prompt_id(prompt_id, KNOWN) == reported


def test_without_known_packs_every_question_is_pooled() -> None:
    assert reported_prompt_id("scaling.safety") == OTHER_QUESTIONS
    assert reported_prompt_id("goal.3.rating") == "goal.rating"


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
    assert series_changes(answers, KNOWN) == {(1, "scaling.safety"): [5.0, -2.0, 0.0, 5.0]}


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
        # Not a known prompt: pooled, under no id of its own.
        a(2, 1, 1, "Amy's own scale"),
        a(2, 2, 9, "Amy's own scale"),
    ]
    assert series_changes(answers, KNOWN) == {
        (2, "goal.rating"): [3.0, -1.0],
        (2, "goal.gas"): [2.0],
        (2, OTHER_QUESTIONS): [8.0],
    }


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
    assert compute_outcomes(cases, answers, known_prompts=KNOWN) == [
        # Five cases, six series (6 rounds to 5); changes 3, 1, 0, -2, 4, 2: four up,
        # one the same, one down, each below 5 and so left out. No mean or median.
        Row(BOTH, "scaling.safety", None, cases=5, series=5),
        Row(BOTH, "scaling.worry", ROW_WORRY),
        Row(PLAN_ONLY, None, GROUP_FEW),
        Row(CARE_ONLY, None, GROUP_FEW),
        # Listed though no case in the group answered it: 0 looks the same as 1 to 4.
        Row(OTHER, "scaling.safety", ROW_WORRY),
        # Changes 1, 1, 2, -1, 0: three up, one the same, one down, none shown.
        Row(OTHER, "scaling.worry", None, cases=5, series=5),
    ]


def test_four_cases_are_suppressed_and_five_are_shown() -> None:
    cases = [(case, {CPP}) for case in range(1, 5)]
    answers = [x for case in range(1, 5) for x in change(case, 1)]
    rows = compute_outcomes(cases, answers, known_prompts=KNOWN)
    assert rows[1] == Row(PLAN_ONLY, None, GROUP_FEW)
    cases.append((5, {CPP}))
    answers += change(5, -4)
    rows = compute_outcomes(cases, answers, known_prompts=KNOWN)
    # Changes 1, 1, 1, 1, -4: four up and one down, both below 5, so neither shown.
    assert rows[1] == Row(PLAN_ONLY, "scaling.safety", None, cases=5, series=5)


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
    shown = Row(CARE_ONLY, "scaling.safety", None, cases=5, series=5, went_up=5)
    assert compute_outcomes(cases, answers, min_cases=5, known_prompts=KNOWN)[2] == shown
    assert compute_outcomes(cases, answers, min_cases=6)[2] == Row(
        CARE_ONLY, None, "fewer than 6 cases in this group"
    )
    four = compute_outcomes(cases[:4], answers, min_cases=2)
    assert four[2] == Row(CARE_ONLY, None, GROUP_FEW)


def test_no_cases_lists_every_group_as_suppressed() -> None:
    assert compute_outcomes([], []) == [Row(g, None, GROUP_FEW) for g in GROUPS]


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, None), (1, None), (4, None), (5, 5), (7, 5), (8, 10), (12, 10), (13, 15), (102, 100)],
)
def test_counts_below_five_are_left_out_and_the_rest_rounded_to_five(
    count: int, shown: int | None
) -> None:
    assert shown_count(count) == shown


def test_a_large_group_shows_rounded_counts() -> None:
    # 23 cases: 13 up by 1, 8 the same, 2 down by 3: 25 (23), 15 (13), 10 (8), none (2).
    cases = [(case, {CARE}) for case in range(1, 24)]
    amounts = [1] * 13 + [0] * 8 + [-3] * 2
    answers = [
        x for case, amount in zip(range(1, 24), amounts, strict=True) for x in change(case, amount)
    ]
    assert compute_outcomes(cases, answers, known_prompts=KNOWN)[2] == Row(
        CARE_ONLY, "scaling.safety", None, cases=25, series=25, went_up=15, stayed_same=10
    )


def test_unknown_questions_are_one_pooled_row_listed_last() -> None:
    cases = [(case, {CARE}) for case in range(1, 6)]
    answers = [x for case in range(1, 6) for x in change(case, 1)]
    answers += [x for case in range(1, 6) for x in change(case, 2, f"typed.{case}")]
    rows = compute_outcomes(cases, answers, known_prompts=KNOWN)
    assert [r.prompt_id for r in rows if r.group == CARE_ONLY] == [
        "scaling.safety",
        OTHER_QUESTIONS,
    ]
    assert rows[3] == Row(CARE_ONLY, OTHER_QUESTIONS, None, cases=5, series=5, went_up=5)


def test_csv_of_the_worked_example() -> None:
    cases, answers = worked_example()
    assert to_csv(compute_outcomes(cases, answers, known_prompts=KNOWN)) == (
        "group,prompt_id,cases,series,mean_change,median_change,went_up,stayed_same,"
        "went_down,suppressed\n"
        "child protection plan and in care,scaling.safety,5,5,,,,,,\n"
        f"child protection plan and in care,scaling.worry,,,,,,,,{ROW_WORRY}\n"
        f'"child protection plan, not in care",,,,,,,,,{GROUP_FEW}\n'
        f'"in care, not on a plan",,,,,,,,,{GROUP_FEW}\n'
        f"other,scaling.safety,,,,,,,,{ROW_WORRY}\n"
        "other,scaling.worry,5,5,,,,,,\n"
    )


def test_json_of_the_worked_example() -> None:
    cases, answers = worked_example()
    doc = json.loads(to_json(compute_outcomes(cases, answers, known_prompts=KNOWN), 5))
    assert doc["min_cases"] == 5 and doc["round_to"] == 5
    assert doc["rows"][0] == {
        "group": BOTH,
        "prompt_id": "scaling.safety",
        "cases": 5,
        "series": 5,
        "mean_change": None,
        "median_change": None,
        "went_up": None,
        "stayed_same": None,
        "went_down": None,
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
