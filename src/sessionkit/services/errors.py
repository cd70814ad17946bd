"""What a use case refuses to do, as typed errors whose `str()` is one line to show.

A store that cannot be written raises `StoreError` (from storage), which passes through
the services unchanged. These are the other refusals: the request itself cannot be met.
No message holds a family's words, so any of them can be shown or logged as it is.
"""

from __future__ import annotations


class NoAnswerYet(Exception):
    """A tag, a worry or an edit asked for an answer that was not recorded yet."""

    def __init__(self, message: str = "record an answer for this person first.") -> None:
        super().__init__(message)


class VisitIsFinished(Exception):
    """A write was asked of a finished visit: its answers are read, not changed."""

    def __init__(
        self, message: str = "this visit is finished; its answers are kept as they are."
    ) -> None:
        super().__init__(message)


class VisitNotReady(Exception):
    """A visit cannot start as asked (nobody present, a start time that cannot be)."""
