"""What the case screen and `sessionkit cases` say when the record is fixed or closed."""

from __future__ import annotations

from datetime import date


def answers_phrase(count: int) -> str:
    return "1 answer" if count == 1 else f"{count} answers"


def discard_question(answers: int) -> str:
    """Asked before an unfinished visit goes, saying how much goes with it."""
    if answers == 0:
        return "Discard this visit? Nothing was recorded in it. It cannot be got back."
    return f"Discard this visit and its {answers_phrase(answers)}? They cannot be got back."


def discarded(answers: int) -> str:
    if answers == 0:
        return "Visit discarded."
    return f"Visit discarded with its {answers_phrase(answers)}."


def removal_question(name: str, answers: int) -> str:
    """Asked before a person is removed, saying what stays."""
    given = (
        f"The {answers_phrase(answers)} they gave stay in the record, as theirs"
        if answers
        else "Everything recorded about them stays"
    )
    return (
        f"Remove {name} from this case? {given}; they are no longer offered for new "
        "visits. You can restore them later."
    )


def closed(reference: str, on: date, reason: str) -> str:
    return f"Closed {reference} on {on:%d %b %Y}: {reason}."


def reopened(reference: str) -> str:
    return f"Reopened {reference}."
