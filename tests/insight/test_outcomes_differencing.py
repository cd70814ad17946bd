"""Two runs of team outcomes, before and after one case is added, cannot tell its change.

Before, a run with n cases and one with n + 1 gave the new family's change away: its mean
times n + 1 minus the old mean times n, or the one count that moved from 0 to 1. Now what
is published depends on the added case's answers only through which way each of its
series went (up, the same, down), and each count moves by at most one rounding step.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from sessionkit.insight.outcomes import ROUND_TO, Answer, Row, compute_outcomes

CARE = "in_care"
PROMPTS = ("scaling.safety", "scaling.worry")
KNOWN = frozenset(PROMPTS)
COUNTS = ("cases", "series", "went_up", "stayed_same", "went_down")

# A series: a question (two known, one typed and so pooled as "other questions") and who
# answered it (up to three people in a case).
Key = tuple[str, int]
Series = dict[Key, tuple[int, int]]
# A case's series: for each, a first and a latest answer on 0-10.
SERIES = st.dictionaries(
    st.tuples(st.sampled_from((*PROMPTS, "typed.words")), st.integers(1, 3)),
    st.tuples(st.integers(0, 10), st.integers(0, 10)),
    min_size=1,
)


def answers_of(case: int, series: Series) -> list[Answer]:
    return [
        Answer(case, visit, prompt, person, None, float(value), 0.0, 10.0)
        for (prompt, person), pair in series.items()
        for visit, value in enumerate(pair, start=1)
    ]


def run(others: list[Series], added: Series | None) -> list[Row]:
    everyone = [*others, *([added] if added is not None else [])]
    cases = [(case, {CARE}) for case in range(len(everyone))]
    answers = [x for case, series in enumerate(everyone) for x in answers_of(case, series)]
    return compute_outcomes(cases, answers, known_prompts=KNOWN)


@st.composite
def same_direction(draw: st.DrawFn, series: Series) -> Series:
    """Other answers, each series going the same way as in `series`."""
    other: Series = {}
    for prompt, (first, latest) in series.items():
        change = latest - first
        if change > 0:
            new_first = draw(st.integers(0, 9))
            other[prompt] = (new_first, draw(st.integers(new_first + 1, 10)))
        elif change < 0:
            new_first = draw(st.integers(1, 10))
            other[prompt] = (new_first, draw(st.integers(0, new_first - 1)))
        else:
            value = draw(st.integers(0, 10))
            other[prompt] = (value, value)
    return other


@settings(max_examples=300, deadline=None)
@given(others=st.lists(SERIES, min_size=0, max_size=30), added=SERIES, data=st.data())
def test_differencing_two_runs_cannot_reveal_one_familys_change(
    others: list[Series], added: Series, data: st.DataObject
) -> None:
    before = run(others, None)
    after = run(others, added)
    # Any other change in the same direction publishes exactly the same rows: from the
    # two runs nobody can tell by how much the family's answers moved.
    other_answers = data.draw(same_direction(added))
    assert run(others, other_answers) == after
    # No mean or median, and no count of 1 to 4, is ever published.
    for row in after:
        assert row.mean_change is None and row.median_change is None
        for column in COUNTS:
            count = getattr(row, column)
            assert count is None or (count >= ROUND_TO and count % ROUND_TO == 0)
    # A shown count moves by at most one rounding step between the two runs (the case
    # adds at most three series to a row here).
    shown_before = {(r.group, r.prompt_id): r for r in before if r.suppressed is None}
    for row in after:
        old = shown_before.get((row.group, row.prompt_id))
        if row.suppressed is None and old is not None:
            for column in COUNTS:
                assert abs((getattr(row, column) or 0) - (getattr(old, column) or 0)) <= ROUND_TO


def test_the_worked_case_of_five_then_six() -> None:
    # Five cases up by 1; then a sixth down by 1, 3 or 4: the same rows every time.
    five: list[Series] = [{("scaling.safety", 1): (4, 5)} for _ in range(5)]
    before = run(five, None)
    afters = [run(five, {("scaling.safety", 1): (5, 5 - drop)}) for drop in (1, 3, 4)]
    assert afters[0] == afters[1] == afters[2] == before
    assert before[2] == Row(
        "in care, not on a plan", "scaling.safety", None, cases=5, series=5, went_up=5
    )
