"""A later number for the same question, perspective and visit corrects the earlier one."""

from __future__ import annotations

from sessionkit.domain import Response
from sessionkit.domain.corrections import corrections_of, standing, superseded_by


def said(rid: int, value: float | None, *, visit: int = 1, by: int = 1, **kw: object) -> Response:
    return Response.model_validate(
        {
            "id": rid,
            "visit_id": visit,
            "prompt_id": kw.pop("prompt", "scaling.safety"),
            "answered_by": by,
            "value": value,
            **kw,
        }
    )


def test_the_last_number_stands_and_the_earlier_are_history() -> None:
    answers = [said(1, 5), said(2, 6), said(3, 7, text="7 or so")]
    assert superseded_by(answers) == {1: 3, 2: 3}
    assert [a.id for a in standing(answers)] == [3]
    assert [a.id for a in corrections_of(answers[2], answers)] == [1, 2]


def test_other_people_visits_questions_and_perspectives_are_separate() -> None:
    answers = [
        said(1, 5),
        said(2, 6, by=2),
        said(3, 4, visit=2),
        said(4, 3, prompt="scaling.coping"),
        said(5, 2, by=2, on_behalf_of=1),
    ]
    assert superseded_by(answers) == {}
    assert standing(answers) == answers


def test_words_without_a_number_are_things_said_and_all_count() -> None:
    answers = [said(1, None, text="I want calm"), said(2, None, text="and the park")]
    assert superseded_by(answers) == {} and len(standing(answers)) == 2


def test_recorded_order_is_by_id_whatever_order_given() -> None:
    answers = [said(9, 6), said(4, 5)]
    assert superseded_by(answers) == {4: 9}
    assert [a.id for a in standing(answers)] == [9]
