"""Movement worked out by hand: series per question and perspective, changes, dips, off-scale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sessionkit.domain import Response, Visit
from sessionkit.insight.movement import compute_series, describe_change, signed

START = datetime(2026, 1, 5, 16, 0, tzinfo=UTC)


def visits(n: int) -> list[Visit]:
    return [
        Visit(id=10 + i, case_id=1, started_at=START + timedelta(weeks=2 * i)) for i in range(n)
    ]


def answer(
    visit_id: int,
    value: float,
    *,
    who: int = 1,
    for_: int | None = None,
    prompt: str = "scaling.safety",
    text: str = "",
) -> Response:
    return Response(
        visit_id=visit_id,
        prompt_id=prompt,
        answered_by=who,
        on_behalf_of=for_,
        value=value,
        scale_min=0,
        scale_max=10,
        text=text,
        wording="How safe?",
    )


def test_change_from_first_and_previous_with_a_dip() -> None:
    vs = visits(4)
    (series,) = compute_series(vs, [answer(10, 2), answer(11, 5), answer(12, 3), answer(13, 4)])
    assert [p.value for p in series.points] == [2, 5, 3, 4]  # the dip stays a dip
    assert series.change_from_first == 2
    assert series.change_from_previous == 1
    assert [p.visit_number for p in series.points] == [1, 2, 3, 4]


def test_each_perspective_is_its_own_series() -> None:
    vs = visits(2)
    responses = [
        answer(10, 6, who=1),
        answer(10, 3, who=2, for_=3),
        answer(10, 8, who=2),
        answer(11, 7, who=1),
        answer(11, 5, who=2, for_=3),
        answer(11, 8, who=2),
    ]
    by_key = {
        (s.key.answered_by, s.key.on_behalf_of): s.change_from_first
        for s in compute_series(vs, responses)
    }
    assert by_key == {(1, None): 1, (2, 3): 2, (2, None): 0}


def test_a_later_answer_in_the_same_visit_corrects_the_earlier_one() -> None:
    (series,) = compute_series(visits(2), [answer(10, 1), answer(10, 10), answer(11, 7)])
    assert [p.value for p in series.points] == [10, 7]
    assert series.change_from_first == -3


def test_off_scale_answers_are_kept_but_not_counted() -> None:
    responses = [answer(10, 4), answer(11, 500, text="500 out of 10"), answer(12, 6)]
    (series,) = compute_series(visits(3), responses)
    assert [p.value for p in series.points] == [4, 500, 6]
    assert series.points[1].off_scale and series.points[1].text == "500 out of 10"
    assert series.change_from_first == 2
    assert series.change_from_previous == 2  # from 4, the last answer on the scale


def test_one_answer_has_no_change_and_words_only_answers_are_ignored() -> None:
    words = Response(visit_id=11, prompt_id="scaling.safety", answered_by=1, text="fine")
    (series,) = compute_series(visits(2), [answer(10, 4), words])
    assert series.change_from_first is None and series.change_from_previous is None


def test_answers_outside_the_visits_given_are_left_out() -> None:
    assert compute_series(visits(1), [answer(99, 3)]) == []


def test_plain_words() -> None:
    assert describe_change(2, "the first visit") == "up 2 since the first visit"
    assert describe_change(-1.5, "the last visit") == "down 1.5 since the last visit"
    assert describe_change(0, "the last visit") == "no change since the last visit"
    assert describe_change(None, "the first visit").startswith("not enough answers")
    assert (signed(2), signed(-1), signed(0), signed(None)) == ("▲ +2", "▼ -1", "= 0", "–")
