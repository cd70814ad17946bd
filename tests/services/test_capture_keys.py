"""Why a capture key does nothing, by kind of question; and which words keep a number."""

from __future__ import annotations

import pytest

from sessionkit.domain import PromptKind
from sessionkit.services import capture_keys as keys
from sessionkit.services.capture import number_with_words
from sessionkit.services.questions import Question


def _question(kind: PromptKind, **fields: object) -> Question:
    base: dict[str, object] = {
        "prompt_id": "p",
        "tool_id": "t",
        "group": "g",
        "kind": kind,
        "title": "T",
        "wording": "W",
        "child_wording": "",
        "scale_min": None,
        "scale_max": None,
        "min_label": "",
        "max_label": "",
    }
    if kind is PromptKind.SCALE:
        base |= {"scale_min": 0, "scale_max": 10}
    return Question(**(base | fields))  # type: ignore[arg-type]


SCALE = _question(PromptKind.SCALE)
LEVEL = _question(PromptKind.SCALE, gas_levels=((-2, "a"), (-1, "b"), (0, "c"), (1, "d"), (2, "e")))
LIST = _question(PromptKind.LIST)
CHOICE = _question(PromptKind.CHOICE)
TEXT = _question(PromptKind.TEXT)


@pytest.mark.parametrize(
    ("action", "question", "said"),
    [
        ("digit", SCALE, None),
        ("digit", LEVEL, keys.GAS_DIGITS),
        ("digit", LIST, keys.NOT_A_SCALE_DIGITS),
        ("family_view", TEXT, keys.NOT_A_SCALE_FAMILY_VIEW),
        ("family_view", LEVEL, keys.GAS_FAMILY_VIEW),
        ("other_answer", SCALE, None),
        ("other_answer", CHOICE, keys.NOT_A_SCALE_AS_SAID),
        ("other_answer", LEVEL, keys.GAS_AS_SAID),
        ("answer", SCALE, keys.SCALE_ENTER),
        ("answer", LEVEL, None),
        ("words", SCALE, None),
        ("words", LEVEL, None),  # words are always taken
        ("words", None, keys.NO_QUESTIONS),
        ("finish", None, None),
        ("pick_prompt", None, None),
    ],
)
def test_what_each_key_says_it_cannot_do(
    action: str, question: Question | None, said: str | None
) -> None:
    assert keys.refusal(action, question, someone=True) == said


def test_with_nobody_answering_nothing_is_recorded_but_questions_still_move() -> None:
    assert keys.refusal("digit", SCALE, someone=False) == keys.NOBODY
    assert keys.refusal("words", TEXT, someone=False) == keys.NOBODY
    assert keys.refusal("question", SCALE, someone=False) is None


def test_action_names_lose_their_arguments() -> None:
    assert keys.action_name("question(-1)") == "question"
    assert keys.action_name("change_talk('d')") == "change_talk"
    assert keys.action_name("words") == "words"


def test_words_keep_the_number_they_start_with_only_where_a_number_is_an_answer() -> None:
    assert number_with_words(SCALE, 500) == 500
    assert number_with_words(TEXT, 2) == 2
    for chosen in (LEVEL, LIST, CHOICE, _question(PromptKind.CHECKLIST)):
        assert number_with_words(chosen, 1) is None
