"""Finishing a visit written up afterwards: the end it gets, shown and editable.

A live visit ends when it is finished (a yes/no question is enough); one written up
afterwards ended long before it is typed up, so its end is offered here to check.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from sessionkit.domain import EntryMode, Visit
from sessionkit.services.errors import VisitNotReady
from sessionkit.services.visits import end_text, parse_end, visit_end
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.screens.form import ConfirmScreen, FormScreen
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp

END_LABEL = "When it ended (YYYY-MM-DD HH:MM), or how long (1h30, 90m)"


def ask_end(
    app: SessionkitApp, visit: Visit, answers: int, finish: Callable[[datetime | None], None]
) -> None:
    """Ask whether (and, written up afterwards, when) the visit ended; then `finish` it
    at that end (None: now, for a live visit). Nothing happens on "not yet"."""
    if visit.entry is EntryMode.AFTERWARDS:
        given = visit.expected_end

        def ended(end: datetime | None) -> None:
            if end is not None:
                finish(end)

        app.push_screen(
            FinishVisitScreen(visit.started_at, visit_end(visit, given), answers), ended
        )
        return

    def answered(yes: bool | None) -> None:
        if yes:
            finish(None)  # a live visit ends now

    question = f"Finish this visit? {answers} answer(s) recorded."
    # F was pressed to finish: Enter confirms it.
    app.push_screen(ConfirmScreen(question, yes="Finish", no="Not yet", default_yes=True), answered)


class FinishVisitScreen(FormScreen[datetime], SessionkitModal[datetime | None]):
    """Dismissed with the end to give the visit, or None when not finished yet."""

    form_title = "Finish this visit"
    save_label = "Finish"
    not_done = "Visit not finished"

    def __init__(self, started: datetime, ended: datetime, answers: int) -> None:
        super().__init__()
        self._started = started
        self._ended = ended
        self._answers = answers

    def compose_fields(self) -> ComposeResult:
        yield Static(
            literal(
                f"{self._answers} answer(s) recorded. Written up afterwards: it ends when "
                "it really ended, not now."
            ),
            classes="dialog-question",
        )
        yield Label(END_LABEL)
        yield Input(id="ended", value=end_text(self._ended), max_length=16)

    def submit(self) -> datetime | None:
        try:
            return parse_end(self.query_one("#ended", Input).value, self._started)
        except VisitNotReady as problem:
            self.show_error(str(problem))
            return None
