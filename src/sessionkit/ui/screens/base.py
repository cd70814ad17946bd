"""The base of every sessionkit screen: a typed app and one policy for store errors.

A write that cannot get through (another program holds the lock, the disk is full, the
file became read-only) is said as one plain line naming what did *not* happen, such as
"Not removed: ... is busy ...", on the screen's status line when it has one and as a
notification; the screen stays as it was and usable. Screens never catch `StoreError`
themselves: they call `attempt`, so the wording and the behaviour are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from textual.app import SystemCommand
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from sessionkit.ui.exception_hooks import ESCAPED_NOT_DONE, StoreErrorsStayOnScreen
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.storage.errors import StoreError
    from sessionkit.ui.app import SessionkitApp

ResultT = TypeVar("ResultT")
T = TypeVar("T")

# The one widget a screen shows its latest message in, when it has one.
STATUS_ID = "status"


@runtime_checkable
class OffersCommands(Protocol):
    """A screen whose own actions the command palette lists first."""

    def palette_commands(self) -> Iterable[SystemCommand]: ...


class _StorePolicy(StoreErrorsStayOnScreen):
    """What every screen and modal shares: `attempt` a store call, report what failed.

    A store error that escapes a handler anyway (a write not put through `attempt`, a
    read of a locked or damaged database) is said the same way, as "Not done: ...", and
    the screen keeps working.
    """

    app: SessionkitApp

    def attempt(self, not_done: str, action: Callable[[], T]) -> T | None:
        """Run `action`; on a store error say "{not_done}: {why}" and return None.

        `not_done` names what did not happen, in the past: "Not recorded", "Visit not
        finished". Anything that is not a store error is a bug and is left to the app.
        """
        from sessionkit.storage.errors import StoreError

        try:
            return action()
        except StoreError as error:
            self.report_not_done(not_done, error)
            return None

    def store_error_escaped(self, error: StoreError) -> None:
        self.report_not_done(ESCAPED_NOT_DONE, error)

    def report_not_done(self, not_done: str, error: StoreError) -> None:
        line = f"{not_done}: {error}"
        self.show_status(line)
        self.app.notify_literal(line, severity="error", timeout=10)

    def show_status(self, message: str) -> None:
        """The screen's status line, when it has one (modals and small screens do not)."""
        found = self.query(f"#{STATUS_ID}")  # type: ignore[attr-defined]
        if found and isinstance(found.first(), Static):
            found.first().update(literal(message))


class SessionkitScreen(_StorePolicy, Screen[ResultT]):
    """A full screen of the app."""

    app: SessionkitApp

    def set_status(self, message: str) -> None:
        self.show_status(message)


class SessionkitModal(_StorePolicy, ModalScreen[ResultT]):
    """A dialog or form over another screen."""

    app: SessionkitApp
