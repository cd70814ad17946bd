"""Small hand-made records for the movement tests: visits two weeks apart, and answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sessionkit.domain import ChangeTalk, Visit
from sessionkit.domain.answer import Answer
from sessionkit.insight.report import SeriesMovement, Value, VisitRef, Who

START = datetime(2026, 1, 5, 16, 0, tzinfo=UTC)
FIRST_VISIT_ID = 10


def visit_id(number: int) -> int:
    """The id of visit `number` (1 = the first) in these records."""
    return FIRST_VISIT_ID + number - 1


def visits(n: int) -> list[Visit]:
    return [
        Visit(id=visit_id(i + 1), case_id=1, started_at=START + timedelta(weeks=2 * i))
        for i in range(n)
    ]


def refs(n: int) -> tuple[VisitRef, ...]:
    return tuple(
        VisitRef(visit_id=visit_id(i + 1), number=i + 1, when=START + timedelta(weeks=2 * i))
        for i in range(n)
    )


def answer(
    number: int,
    prompt_id: str = "scaling.safety",
    value: float | None = None,
    *,
    who: int = 1,
    for_: int | None = None,
    scale: tuple[float, float] | None = (0, 10),
    text: str = "",
    tags: tuple[str, ...] = (),
    talk: ChangeTalk | None = None,
    worry: bool = False,
    tool_id: str = "",
    goal_id: int | None = None,
    wording: str = "",
) -> Answer:
    """An answer given on visit `number`; a scale only when there is a value."""
    has_scale = value is not None and scale is not None
    return Answer(
        id=None,
        visit_id=visit_id(number),
        prompt_id=prompt_id,
        tool_id=tool_id,
        wording=wording,
        answered_by=who,
        on_behalf_of=for_,
        value=value,
        scale_min=scale[0] if has_scale and scale else None,
        scale_max=scale[1] if has_scale and scale else None,
        text=text,
        tags=tags,
        change_talk=frozenset() if talk is None else frozenset({talk}),
        worry=worry,
        goal_id=goal_id,
    )


def series(
    label: str, points: dict[int, float], *, who: int = 1, off_scale: tuple[int, ...] = ()
) -> SeriesMovement:
    """A series by hand: {visit number: value}; the arithmetic fields are not used."""
    all_refs = {r.number: r for r in refs(max(points))}
    return SeriesMovement(
        prompt_id="scaling.safety",
        who=Who(answered_by=who, on_behalf_of=None, label=label),
        values=tuple(
            Value(visit=all_refs[n], value=v, off_scale=n in off_scale, text="")
            for n, v in sorted(points.items())
        ),
        from_first=None,
        from_previous=None,
        words="",
    )
