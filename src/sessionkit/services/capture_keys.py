"""Why a key of the capture screen does nothing just now, said in one line.

A practitioner watches the family, not the screen. A key that cannot do what it usually
does (a digit on a list question, Enter on a scale) or a letter typed as if into a box
is said on the status line instead of being dropped; otherwise a sentence typed into
no box is taken, silently, as a string of other commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sessionkit.services.questions import Question

NOT_A_KEY = "Not a key here: press W to type their words."
FINISHED = "This visit is finished: it is read here, not changed."
NOT_PLANNED = "This visit was not planned, so it has no agenda."
NO_QUESTIONS = "No questions yet: press P to choose what to ask."
NOBODY = "Nobody is answering: no one present was chosen for this visit."

GAS_DIGITS = "Press Enter to choose the goal's level."
GAS_FAMILY_VIEW = (
    "The family view is for 0-10 scales. Press Enter to choose the goal's level: "
    "the five levels are in the family's words."
)
GAS_AS_SAID = "A goal's level is chosen with Enter; W adds their words."
NOT_A_SCALE_DIGITS = "Digits record a 0-10 scale: press Enter to answer this, or W for their words."
NOT_A_SCALE_FAMILY_VIEW = "The family view is for 0-10 scales: press Enter to answer this."
NOT_A_SCALE_AS_SAID = "O types a number as said, for a 0-10 scale: press W for their words."
SCALE_ENTER = "A 0-10 scale: press the number (0-9), O for an answer as said, W for their words."

# What needs a question on screen, and someone answering it.
# fmt: off
NEEDS_QUESTION = frozenset((
    "question", "person", "digit", "answer", "family_view", "words", "other_answer",
    "on_behalf", "edit", "worry", "themes", "change_talk", "purpose",
))
NEEDS_SOMEONE = NEEDS_QUESTION - {"question", "purpose"}
# fmt: on


def refusal(action: str, question: Question | None, *, someone: bool) -> str | None:
    """Why `action` does nothing on `question` now, or None when it does something.

    `someone` is whether a person is chosen to answer. Only the rules of the question
    are here; a finished or unplanned visit is the screen's to say (`FINISHED`,
    `NOT_PLANNED`).
    """
    if question is None:
        return NO_QUESTIONS if action in NEEDS_QUESTION else None
    if action in NEEDS_SOMEONE and not someone:
        return NOBODY
    scale = question.is_scale
    if action == "digit" and not scale:
        return GAS_DIGITS if question.is_gas else NOT_A_SCALE_DIGITS
    if action == "family_view" and not scale:
        return GAS_FAMILY_VIEW if question.is_gas else NOT_A_SCALE_FAMILY_VIEW
    if action == "other_answer" and not scale:
        return GAS_AS_SAID if question.is_gas else NOT_A_SCALE_AS_SAID
    if action == "answer" and scale:
        return SCALE_ENTER
    return None


def action_name(action: str) -> str:
    """A binding's action without its arguments: "question(-1)" -> "question"."""
    return action.split("(", 1)[0]
