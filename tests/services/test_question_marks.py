"""Each question's mark: how many of the people present answered it, as text."""

from __future__ import annotations

from sessionkit.domain import Response, now
from sessionkit.services.question_marks import answered_by_present, answered_mark, question_marks


def _said(prompt_id: str, by: int, *, for_: int | None = None) -> Response:
    return Response(
        visit_id=1,
        prompt_id=prompt_id,
        wording="w",
        answered_by=by,
        on_behalf_of=for_,
        text="x",
        said_at=now(),
    )


def test_each_person_present_counts_once() -> None:
    said = [_said("a", 1), _said("a", 1), _said("a", 2, for_=3), _said("a", 9), _said("b", 1)]
    assert answered_by_present("a", said, [1, 2, 3]) == 2  # 9 was not there; 3 said nothing
    assert answered_by_present("c", said, [1, 2, 3]) == 0


def test_the_mark_says_it_in_text() -> None:
    assert answered_mark(3, 3) == "✓ 3/3"
    assert answered_mark(1, 3) == "  1/3"
    assert answered_mark(0, 3) == "  0/3"
    assert answered_mark(0, 0) == "  0/0"


def test_marks_follow_the_questions_order() -> None:
    said = [_said("b", 1), _said("b", 2), _said("a", 2)]
    assert question_marks(["a", "b", "c"], said, [1, 2]) == ["  1/2", "✓ 2/2", "  0/2"]
