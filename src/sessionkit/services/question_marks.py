"""How far each question of a visit has got: how many of the people present answered it.

Said in text ("✓ 3/3", "1/3"), never by colour alone, so a glance at the list (or a
screen reader) tells which questions are still to ask and of whom.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sessionkit.domain import Response

DONE = "✓"


def answered_by_present(
    prompt_id: str, responses: Iterable[Response], present: Sequence[int]
) -> int:
    """How many of `present` answered `prompt_id` in `responses`, for themselves or for
    someone else (each person once, however many answers they gave)."""
    people = set(present)
    return len({r.answered_by for r in responses if r.prompt_id == prompt_id} & people)


def answered_mark(answered: int, present: int) -> str:
    """'✓ 3/3' when everyone present answered, '1/3' when some did, '0/3' when none."""
    count = f"{answered}/{present}"
    return f"{DONE} {count}" if present and answered >= present else f"  {count}"


def question_marks(
    prompt_ids: Iterable[str], responses: Sequence[Response], present: Sequence[int]
) -> list[str]:
    """The mark of each question, in order."""
    total = len(set(present))
    return [
        answered_mark(answered_by_present(prompt_id, responses, present), total)
        for prompt_id in prompt_ids
    ]
