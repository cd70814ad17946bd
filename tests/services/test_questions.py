"""What the capture screen asks, worked out without Textual: goal ratings, goal levels."""

from __future__ import annotations

from datetime import datetime

import pytest

from sessionkit.domain import (
    ChangeTalk,
    EntryMode,
    GasLevel,
    Goal,
    GoalStatus,
    PromptKind,
    Response,
)
from sessionkit.services.questions import (
    Question,
    describe_answer,
    edit_text,
    gas_level_text,
    gas_question,
    how_to_answer,
    is_gas_answer,
    question_titles,
    scale_questions,
    signed_level,
    value_text,
)
from sessionkit.toolpacks.schema import PackMeta, Prompt, ResolvedPack, Scale, Tool

SAFETY = Prompt(
    id="scaling.safety",
    kind="scale",
    title="Safe at home",
    wording="How safe do you feel at home right now?",
    scale=Scale(min=0, max=10),
)
PACK = ResolvedPack(
    meta=PackMeta(id="core", name="Core", version="1"),
    chain=("core",),
    tools=(
        Tool(id="scaling", name="Scaling", group="scaling", purpose="Scale it.", prompts=[SAFETY]),
    ),
)
WORDS = ["Late every day", "Late most days", "Late once a week", "On time all week", "Early"]
LEVELS = [GasLevel(level=n, description=w) for n, w in zip(range(-2, 3), WORDS, strict=True)]


def goal(goal_id: int | None, text: str, **more: object) -> Goal:
    return Goal(id=goal_id, case_id=1, text=text, **more)


def test_a_goal_with_levels_is_asked_its_level_right_after_its_rating() -> None:
    mornings = goal(7, "Mornings feel calmer", gas_levels=list(reversed(LEVELS)))
    talking = goal(8, "Telling someone")
    questions = scale_questions(PACK, [mornings, talking])
    assert [q.prompt_id for q in questions] == [
        "goal.7.rating",
        "goal.7.gas",
        "goal.8.rating",
        "scaling.safety",
    ]
    level = questions[1]
    assert level == gas_question(mornings)
    assert level.title == "Goal level: Mornings feel calmer"
    assert level.wording == mornings.gas_wording
    assert (level.tool_id, level.goal_id) == ("goal", 7)
    assert (level.scale_min, level.scale_max) == (-2, 2)
    # In order from -2 to +2, in the family's words, whatever order they were written in.
    assert level.gas_levels == tuple(zip(range(-2, 3), WORDS, strict=True))
    assert level.is_gas and not level.is_scale
    assert questions[0].is_scale and not questions[0].is_gas
    assert questions[3].is_scale and not questions[3].is_gas


def test_no_level_question_for_goals_without_levels_not_active_or_not_saved() -> None:
    goals = [
        goal(1, "Without levels"),
        goal(2, "Paused", gas_levels=LEVELS, status=GoalStatus.PAUSED),
        goal(3, "Achieved", gas_levels=LEVELS, status=GoalStatus.ACHIEVED),
        goal(None, "Not saved yet", gas_levels=LEVELS),
    ]
    ids = [q.prompt_id for q in scale_questions(PACK, goals)]
    assert ids == ["goal.1.rating", "scaling.safety"]


def test_a_long_goal_is_clipped_in_the_level_title() -> None:
    text = "Mornings before school feel calmer, and the children get there on time."
    level = gas_question(goal(7, text, gas_levels=LEVELS))
    assert level.title == "Goal level: Mornings before school feel…"
    assert len(level.title) <= 48
    assert level.wording.endswith(text)


def test_levels_recorded_for_a_goal_no_longer_asked_keep_a_name() -> None:
    active = goal(7, "Mornings feel calmer", gas_levels=LEVELS)
    paused = goal(9, "Bedtimes", gas_levels=LEVELS, status=GoalStatus.PAUSED)
    titles = question_titles(PACK, [active, paused])
    assert titles["goal.7.gas"] == (1, "Goal level: Mornings feel calmer")
    assert titles["scaling.safety"] == (2, "Safe at home")
    assert titles["goal.9.rating"] == (3, "Goal: Bedtimes")
    assert titles["goal.9.gas"] == (4, "Goal level: Bedtimes")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (-2.0, "-2 much less than expected"),
        (-1.0, "-1 somewhat less than expected"),
        (0.0, "0 the expected level"),
        (1.0, "+1 somewhat more than expected"),
        (2.0, "+2 much more than expected"),
        (0.5, "0.5"),
        (3.0, "3"),
    ],
)
def test_a_level_is_shown_signed_with_its_name(value: float, shown: str) -> None:
    assert gas_level_text(value) == shown


def test_levels_are_written_with_their_sign_and_zero_without() -> None:
    assert [signed_level(n) for n in range(-2, 3)] == ["-2", "-1", "0", "+1", "+2"]


def test_a_level_answer_is_told_from_a_rating_by_its_prompt_and_goal() -> None:
    def answer(prompt_id: str, goal_id: int | None) -> Response:
        return Response(prompt_id=prompt_id, answered_by=1, value=1.0, goal_id=goal_id)

    assert is_gas_answer(answer("goal.7.gas", 7))
    assert not is_gas_answer(answer("goal.7.rating", 7))
    assert not is_gas_answer(answer("goal.8.gas", 7))
    assert not is_gas_answer(answer("goal.7.gas", None))


# -- how a question and its answers read on the capture screen --------------------------


def _question(kind: PromptKind, **more: object) -> Question:
    fields: dict[str, object] = {
        "prompt_id": "p",
        "tool_id": "t",
        "title": "T",
        "wording": "W",
        "child_wording": "",
        "scale_min": None,
        "scale_max": None,
        "min_label": "",
        "max_label": "",
        "kind": kind,
        **more,
    }
    return Question(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            _question(
                PromptKind.SCALE, scale_min=0, scale_max=10, min_label="not safe", max_label=""
            ),
            "0 = not safe    10 = highest    (Space: show the family)",
        ),
        (
            gas_question(goal(7, "Mornings", gas_levels=LEVELS)),
            "Five levels in the family's words: press Enter to choose one.",
        ),
        (_question(PromptKind.LIST), "A list: press Enter to write it down, one line each."),
        (_question(PromptKind.CHOICE), "Choices: press Enter to pick."),
        (_question(PromptKind.CHECKLIST), "Choices: press Enter to pick."),
        (_question(PromptKind.TEXT), "Their own words: press Enter or W to write them down."),
    ],
)
def test_how_to_answer_each_kind_of_question(question: Question, expected: str) -> None:
    assert how_to_answer(question) == expected


def _answer(**more: object) -> Response:
    fields: dict[str, object] = {
        "prompt_id": "scaling.safety",
        "answered_by": 1,
        "scale_min": 0,
        "scale_max": 10,
        "wording": "How safe do you feel at home right now?",
        "recorded_at": datetime(2026, 11, 2, 10, 15, 30).astimezone(),
        **more,
    }
    return Response(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (None, "–"),
        (_answer(value=7), "7"),
        (_answer(value=6.5), "6.5"),
        (_answer(value=500, text="500 out of 10"), "500 (off the scale, as said)"),
        (_answer(items=["a", "b"]), "2 listed"),
        (_answer(selected=["x"]), "chosen"),
        (_answer(text="calmer"), "words"),
        (
            _answer(value=1, goal_id=7, prompt_id="goal.7.gas", scale_min=-2, scale_max=2),
            "+1 somewhat more than expected",
        ),
    ],
)
def test_value_text(answer: Response | None, expected: str) -> None:
    assert value_text(answer) == expected


def test_describe_answer_says_who_what_which_question_and_when() -> None:
    names = {1: "Maya", 2: "Leo"}
    said = _answer(value=7, on_behalf_of=2, worry=True, change_talk=ChangeTalk.DESIRE)
    assert describe_answer(said, names) == (
        "Maya for Leo: 7 [⚑ worry · desire] · How safe do you feel at home right now? · 10:15:30"
    )
    later = _answer(items=["the bus"], entry=EntryMode.AFTERWARDS, wording="x " * 40)
    assert describe_answer(later, {}) == (
        "someone: 1 listed · " + "x " * 24 + "x… · 10:15:30, entered afterwards"
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (_answer(value=3), "3"),
        (_answer(value=4, text="after thinking"), "4 after thinking"),
        (_answer(value=4, text="4, after thinking"), "4, after thinking"),
        (_answer(value=500, text="500 out of 10"), "500 out of 10"),
        (_answer(text="words only"), ""),
    ],
)
def test_edit_text_offers_the_number_then_the_words_once(answer: Response, expected: str) -> None:
    assert edit_text(answer) == expected
