"""The domain's own rules: cleaning text, scales, perspectives, goals and visits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, strategies as st
from pydantic import ValidationError

from sessionkit.domain import (
    AgeBand,
    CareStatus,
    Case,
    GasLevel,
    Goal,
    Member,
    Response,
    Role,
    Visit,
    clean_line,
    clean_text,
)

AT = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)


def test_escape_sequences_and_bidi_overrides_are_removed_but_words_kept() -> None:
    typed = "Mum said \x1b]0;title\x07it's \u202egood\u202c now\r\nand \x9b31mbetter\ttoday"
    assert clean_text(typed) == "Mum said it's good now\nand better\ttoday"
    assert clean_line(" two\nlines\tand a tab ") == "two lines and a tab"


@given(st.text())
def test_cleaned_text_has_no_control_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert all(ch in "\t\n" or not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F) for ch in cleaned)
    assert clean_text(cleaned) == cleaned  # cleaning twice changes nothing


def test_markup_is_kept_as_typed() -> None:
    member = Member(name="[b]Jo[/i] [@click=app.quit]x[/]", role=Role.CHILD)
    assert member.name == "[b]Jo[/i] [@click=app.quit]x[/]"


def test_an_answer_off_the_scale_is_kept_as_said_and_flagged() -> None:
    said = Response(
        prompt_id="scaling.safety",
        answered_by=1,
        value=500,
        scale_min=0,
        scale_max=10,
        text="500 out of 10",
    )
    assert said.value == 500 and said.off_scale
    assert not Response(prompt_id="p", answered_by=1, value=10, scale_min=0, scale_max=10).off_scale
    assert not Response(prompt_id="p", answered_by=1, text="words only").off_scale


def test_on_behalf_of_is_someone_else() -> None:
    for_brother = Response(prompt_id="p", answered_by=1, on_behalf_of=2, value=3)
    assert for_brother.subject_id == 2
    assert Response(prompt_id="p", answered_by=1, value=3).subject_id == 1
    with pytest.raises(ValidationError):
        Response(prompt_id="p", answered_by=1, on_behalf_of=1, value=3)


def test_a_scale_needs_its_minimum_below_its_maximum() -> None:
    with pytest.raises(ValidationError):
        Response(prompt_id="p", answered_by=1, value=3, scale_min=10, scale_max=0)


def test_goal_attainment_levels_come_as_a_full_set_of_five() -> None:
    levels = [GasLevel(level=n, description=f"level {n}") for n in (2, 0, -2, 1, -1)]
    goal = Goal(text="Mornings are calmer", gas_levels=levels)
    assert [lv.level for lv in goal.gas_levels] == [-2, -1, 0, 1, 2]
    with pytest.raises(ValidationError):
        Goal(text="x", gas_levels=levels[:4])
    with pytest.raises(ValidationError):
        Goal(text="")


def test_a_visit_cannot_end_before_it_started() -> None:
    assert Visit(started_at=AT, ended_at=AT + timedelta(hours=1)).is_finished
    assert not Visit(started_at=AT).is_finished
    with pytest.raises(ValidationError):
        Visit(started_at=AT, ended_at=AT - timedelta(minutes=1))


def test_age_and_band() -> None:
    assert Member(name="Leo", role=Role.CHILD, age=6).band is AgeBand.AGE_5_7
    assert Member(name="Leo", role=Role.CHILD, age=6).is_child
    assert Member(name="Sam", role=Role.PARENT, age=34).band is AgeBand.ADULT
    assert not Member(name="Sam", role=Role.PARENT).is_child
    assert Member(name="Ava", role=Role.SIBLING).is_child  # no age: the role decides
    assert Member(name="Jo", role=Role.CHILD, age_band=AgeBand.AGE_12_15).description == (
        "Jo, child, 12 to 15"
    )
    with pytest.raises(ValidationError):
        Member(name="x", role=Role.CHILD, age=-1)


def test_care_status_combinations_read_in_a_fixed_order() -> None:
    case = Case(reference="AB", care_status={CareStatus.IN_CARE, CareStatus.CHILD_PROTECTION_PLAN})
    assert case.care_status_label == "child protection plan, in care"
    assert Case(reference="CD").care_status_label == "no status recorded"
    with pytest.raises(ValidationError):
        Case(reference="")
