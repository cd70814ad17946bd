"""What a correction is, once for every output.

A visit keeps one number (a rating, a level, a choice's value) for each question from
each perspective (who answered, and for whom). When another number is recorded for it on
the same visit - `5` then `6`, or `9` then "7 or so" typed as said - the later one is the
answer and the earlier is *superseded*: it stays in the record as history (what was
first keyed, and when), it is shown as a correction where history is shown, and it is
never counted: movement, notes, CSV rows and team outcomes read only the answers that
stand.

Answers without a number are things said, not readings: two sentences of change talk
to the same prompt are two things said, and both count.

The rule is derived from the answers themselves (their visit, question, perspective and
recorded order), so it needs no bookkeeping that could drift, and an imported case
reads the same as the one exported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class _Answered(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def visit_id(self) -> int | None: ...
    @property
    def prompt_id(self) -> str: ...
    @property
    def answered_by(self) -> int: ...
    @property
    def on_behalf_of(self) -> int | None: ...
    @property
    def value(self) -> float | None: ...


A = TypeVar("A", bound=_Answered)


def correction_key(answer: _Answered) -> tuple[int | None, str, int, int | None]:
    """What two answers share when the later one corrects the earlier."""
    return (answer.visit_id, answer.prompt_id, answer.answered_by, answer.on_behalf_of)


def _recorded_order(answer: _Answered) -> int:
    # Ids grow as answers are recorded; one not stored yet comes last.
    return answer.id if answer.id is not None else 1 << 62


def superseded_by(answers: Iterable[_Answered]) -> dict[int, int]:
    """Each superseded answer's id -> the id of the answer that stands in its place."""
    latest: dict[tuple[int | None, str, int, int | None], int] = {}
    chains: dict[tuple[int | None, str, int, int | None], list[int]] = {}
    for answer in sorted(answers, key=_recorded_order):
        if answer.id is None or answer.value is None:
            continue
        key = correction_key(answer)
        latest[key] = answer.id
        chains.setdefault(key, []).append(answer.id)
    return {earlier: latest[key] for key, ids in chains.items() for earlier in ids[:-1]}


def standing(answers: Sequence[A]) -> list[A]:
    """The answers that count, in the order given: every one not superseded."""
    replaced = superseded_by(answers)
    if not replaced:
        return list(answers)
    return [a for a in answers if a.id is None or a.id not in replaced]


def corrections_of(answer: _Answered, answers: Iterable[A]) -> list[A]:
    """The earlier answers `answer` corrects on its visit, oldest first."""
    if answer.value is None:
        return []
    key = correction_key(answer)
    mine = _recorded_order(answer)
    return sorted(
        (
            a
            for a in answers
            if a.value is not None and correction_key(a) == key and _recorded_order(a) < mine
        ),
        key=_recorded_order,
    )
