"""The light read of a case's answers: the same records, words and order as the full read."""

from __future__ import annotations

import dataclasses

import pytest

from sessionkit.domain import ChangeTalk, Visit
from sessionkit.domain.answer import Answer
from sessionkit.storage import Store

from .conftest import add_family, answer, at

HOSTILE = ("[bold]x[/]", "[link=x]", "\x1b[31mred", "\x07bell", "\u202eevil", "a\r\nb\tc")


def light_and_full(store: Store, case_id: int) -> tuple[list[Answer], list[Answer]]:
    light = store.answers_for_case(case_id)
    full = [Answer.from_response(r) for r in store.responses_for_case(case_id)]
    return light, full


def test_light_read_equals_the_full_read(store: Store) -> None:
    family = add_family(store)
    case_id, child, parent, goal_id, visit_id = family.ids
    recorded = [
        answer(visit_id, child, 4, text="It's OK", tags=["home", "school"]),
        answer(visit_id, child, 500, text="500 out of 10!"),
        answer(visit_id, child, 6.5, on_behalf_of=parent, worry=True),
        answer(visit_id, parent, 3, prompt_id=f"goal.{goal_id}.rating", goal_id=goal_id),
        answer(
            visit_id,
            parent,
            -1,
            prompt_id=f"goal.{goal_id}.gas",
            tool_id="goal",
            scale_min=-2,
            scale_max=2,
            goal_id=goal_id,
        ),
        answer(
            visit_id,
            parent,
            None,
            prompt_id="change-talk.desire",
            tool_id="change-talk",
            scale_min=None,
            scale_max=None,
            text="I want calmer evenings",
            change_talk=ChangeTalk.DESIRE,
        ),
        answer(visit_id, child, None, prompt_id="three-houses.worries", items=["dogs"]),
    ]
    for response in recorded:
        store.record_response(response)
    light, full = light_and_full(store, case_id)
    assert light == full and len(light) == len(recorded)
    assert [a.off_scale for a in light] == [False, True, False, False, False, False, False]
    assert light[0].tags == ("home", "school") and light[2].on_behalf_of == parent
    assert light[4].value == -1.0 and isinstance(light[4].value, float)
    assert light[5].change_talk == {ChangeTalk.DESIRE} and light[5].value is None


def test_hostile_text_typed_is_read_back_the_same_both_ways(store: Store) -> None:
    family = add_family(store)
    case_id, child, _, _, visit_id = family.ids
    for text in HOSTILE:
        store.record_response(
            answer(visit_id, child, 5, text=text, wording=f"Asked {text}", tags=[f"t {text}"])
        )
    light, full = light_and_full(store, case_id)
    assert light == full
    said = [a.text for a in light]
    assert said[0] == "[bold]x[/]" and said[1] == "[link=x]"  # markup is kept as words
    assert all("\x1b" not in a.text + a.wording + "".join(a.tags) for a in light)
    assert all("\x07" not in a.text and "\u202e" not in a.text for a in light)


def test_text_written_into_the_file_by_something_else_is_cleaned_the_same_way(
    store: Store,
) -> None:
    family = add_family(store)
    case_id, child, _, _, visit_id = family.ids
    saved = store.record_response(answer(visit_id, child, 5))
    store._connection().execute(
        "UPDATE responses SET text = ?, wording = ?, prompt_id = ?, tool_id = ?, tags = ? "
        "WHERE id = ?",
        (
            "\x1b]52;c;eA==\x07said\r\nthis",
            "Asked\u202e\x1b[2J",
            " scaling.\x07safety\n",
            "scal\x07ing",
            '["\\u001b[31mhome", " school\\n"]',
            saved.id,
        ),
    )
    light, full = light_and_full(store, case_id)
    assert light == full
    (read,) = light
    assert read.text == "said\nthis"
    assert (read.wording, read.prompt_id, read.tool_id) == ("Asked", "scaling.safety", "scaling")
    assert read.tags == ("home", "school")


def test_order_is_by_visit_start_then_recorded_order(store: Store) -> None:
    family = add_family(store)  # its visit started on day 2
    case_id, child, parent, _, later = family.ids
    earlier = store.start_visit(Visit(case_id=case_id, started_at=at(1))).id
    assert earlier is not None
    store.record_response(answer(later, child, 1))
    store.record_response(answer(earlier, child, 2))
    store.record_response(answer(later, parent, 3))
    store.record_response(answer(earlier, parent, 4))
    other = add_family(store, "OTHER")
    store.record_response(answer(other.ids[4], other.ids[1], 9))
    light, full = light_and_full(store, case_id)
    assert [a.value for a in light] == [2, 4, 1, 3] and light == full
    assert [a.visit_id for a in light] == [earlier, earlier, later, later]


def test_answers_cannot_be_changed_once_read(store: Store) -> None:
    family = add_family(store)
    store.record_response(answer(family.ids[4], family.ids[1], 5))
    (read,) = store.answers_for_case(family.ids[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.value = 6  # type: ignore[misc]
    assert dataclasses.replace(read, value=6).value == 6


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("change_talk", "shouting"),
        ("value", "five"),
        ("tags", '{"not": "a list"}'),
        ("prompt_id", ""),
        ("prompt_id", "p" * 121),
        ("tags", '["' + "t" * 61 + '"]'),
        ("tags", '[" \\u0007 "]'),
    ],
)
def test_a_damaged_row_is_left_out_and_named_as_by_the_full_read(
    store: Store, column: str, value: str
) -> None:
    # One unreadable answer must not hide the rest of the case: both reads leave it
    # out, keep the others, and name the row so the front end can say so.
    family = add_family(store)
    kept = store.record_response(answer(family.ids[4], family.ids[1], 4))
    saved = store.record_response(answer(family.ids[4], family.ids[1], 5))
    store._connection().execute(
        f"UPDATE responses SET {column} = ? WHERE id = ?", (value, saved.id)
    )
    assert [a.id for a in store.answers_for_case(family.ids[0])] == [kept.id]
    assert store.take_unreadable() == [("responses", saved.id)]
    assert [r.id for r in store.responses_for_case(family.ids[0])] == [kept.id]
    assert store.take_unreadable() == [("responses", saved.id)]
    assert store.take_unreadable() == []


def test_an_empty_case_has_no_answers(store: Store) -> None:
    family = add_family(store)
    assert store.answers_for_case(family.ids[0]) == []
    assert store.answers_for_case(12345) == []


def test_answer_counts_per_visit_without_reading_the_answers(store: Store) -> None:
    family = add_family(store)
    case_id, child, parent, _, visit_id = family.ids
    later = store.start_visit(Visit(case_id=case_id, started_at=at(9), present_member_ids=[child]))
    empty = store.start_visit(Visit(case_id=case_id, started_at=at(10), present_member_ids=[child]))
    assert later.id is not None and empty.id is not None
    for value in (1, 2, 3):
        store.record_response(answer(visit_id, child, value))
    store.record_response(answer(later.id, parent, 5))
    other = add_family(store, reference="OTHER-1")
    store.record_response(answer(other.ids[4], other.ids[1], 7))
    assert store.answer_counts(case_id) == {visit_id: 3, later.id: 1}
    assert store.answer_counts(case_id) == {
        v: sum(1 for r in store.responses_for_case(case_id) if r.visit_id == v)
        for v in (visit_id, later.id)
    }
