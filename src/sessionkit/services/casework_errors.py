"""What a plan, a straight-after or a case use case refuses, as a typed error.

Each `str()` is one sentence a screen or a command can say as it is: it names what did
not happen and why, and never quotes what a family said. Store failures are not here:
`StoreError` from storage passes through unchanged.
"""

from __future__ import annotations


class CaseworkError(Exception):
    """Base of the refusals of plans, straight-after and cases/people/goals."""


class PlanIsAgenda(CaseworkError):
    """The draft was started as a visit meanwhile (elsewhere): it is that visit's agenda."""

    def __init__(self) -> None:
        super().__init__("This plan became a visit's agenda; changes here were not saved.")


class VisitStillOpen(CaseworkError):
    """Another visit of the family is unfinished: one visit at a time."""

    def __init__(self) -> None:
        super().__init__("A visit of this family is still open: finish it first (V on the case).")


class NotANumber(CaseworkError):
    """A scale answer that is not a (finite) number: nothing is recorded."""

    def __init__(self) -> None:
        super().__init__("Not a number: not recorded")


class NotValid(CaseworkError):
    """A form field that cannot be saved as typed; `field` names it for the focus."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message


class SameStatus(CaseworkError):
    """A goal's status 'changed' to the one it has: nothing to add to its history."""

    def __init__(self, status: str) -> None:
        super().__init__(
            f"This goal is already {status}: choose another status, "
            "or press Escape to leave it as it is."
        )
