"""The fictional demo family: added once, with a history worth looking at."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path

from sessionkit.demo import DEMO_REFERENCE, add_demo
from sessionkit.domain import CareStatus, CommunicationNeed, Role
from sessionkit.storage import Store

TODAY = date(2026, 11, 2)
SCALING = ("scaling.safety", "scaling.coping", "scaling.worry")


def test_demo_is_added_once(store: Store) -> None:
    case = add_demo(store, today=TODAY)
    assert case is not None and case.reference == DEMO_REFERENCE
    counts = _counts(store)
    assert add_demo(store, today=TODAY) is None
    assert add_demo(store) is None
    assert _counts(store) == counts
    assert [s.reference for s in store.list_cases()] == [DEMO_REFERENCE]


def _counts(store: Store) -> tuple[int, ...]:
    conn = store._connection()
    tables = ("cases", "members", "goals", "visits", "responses")
    return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def test_demo_family(store: Store) -> None:
    case = add_demo(store, today=TODAY)
    assert case is not None and case.id is not None
    assert case.care_status == {CareStatus.CHILD_IN_NEED}
    assert "fictional" in case.summary.lower()
    members = {m.name: m for m in store.list_members(case.id)}
    assert set(members) == {"Maya", "Leo", "Sam", "You (practitioner)"}
    assert members["Leo"].communication_needs >= {
        CommunicationNeed.NON_VERBAL,
        CommunicationNeed.SEND,
    }
    assert members["You (practitioner)"].role is Role.PRACTITIONER
    goals = store.list_goals(case.id)
    assert len(goals) == 2 and any(len(g.gas_levels) == 5 for g in goals)
    assert all(g.low_label and g.high_label for g in goals)


def test_demo_history(store: Store) -> None:
    case = add_demo(store, today=TODAY)
    assert case is not None and case.id is not None
    members = {m.name: m.id for m in store.list_members(case.id)}
    visits = store.list_visits(case.id)
    assert len(visits) >= 4 and all(v.is_finished for v in visits)
    assert all(v.ended_at and v.ended_at.date() < TODAY for v in visits)
    assert all(v.reflection and v.reflection.try_next_time for v in visits)
    assert store.unfinished_visits() == []

    responses = store.responses_for_case(case.id)
    series: dict[tuple[str, int | None, int | None], list[float]] = defaultdict(list)
    for r in responses:
        if r.prompt_id in SCALING:
            assert (r.tool_id, r.pack_id, r.pack_version) == ("scaling", "core", "1.0.0")
            assert (r.scale_min, r.scale_max) == (0, 10) and r.wording.startswith("On a scale")
        assert r.value is None or isinstance(r.value, float)
        series[(r.prompt_id, r.answered_by, r.on_behalf_of)].append(r.value or 0)

    maya, leo, sam = members["Maya"], members["Leo"], members["Sam"]
    for prompt in SCALING:
        assert len(series[(prompt, maya, None)]) == len(visits)
        assert len(series[(prompt, sam, None)]) == len(visits)
    assert len(series[("scaling.safety", maya, leo)]) == len(visits)  # Maya for Leo

    # Movement that is not a straight line: at least one dip somewhere.
    in_range = [[v for v in s if v <= 10] for s in series.values()]
    assert any(any(b < a for a, b in pairwise(s)) for s in in_range)
    off = [r for r in responses if r.off_scale]
    assert len(off) == 1 and off[0].answered_by == maya and "500 out of 10" in off[0].text

    goals = store.list_goals(case.id)
    for goal in goals:
        ratings = [r for r in responses if r.prompt_id == goal.rating_prompt_id]
        assert len(ratings) == len(visits) and all(r.goal_id == goal.id for r in ratings)
    assert {k for r in responses for k in r.change_talk} >= {"desire", "taking_steps"}
    assert sum(1 for r in responses if r.tags) >= 3


def test_demo_is_deterministic_for_a_given_day(tmp_path: Path) -> None:
    def snapshot(folder: str) -> list[tuple[object, ...]]:
        with Store.open(tmp_path / folder / "db") as store:
            case = add_demo(store, today=TODAY)
            assert case is not None and case.id is not None
            return [
                (r.prompt_id, r.value, r.text, r.said_at) for r in store.responses_for_case(case.id)
            ]

    first, second = snapshot("a"), snapshot("b")
    assert first == second
    assert all(isinstance(when, datetime) and when.tzinfo for *_, when in first)
