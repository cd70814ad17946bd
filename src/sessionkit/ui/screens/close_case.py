"""Close a case: on a date (today unless typed, never before it opened) and for a reason
chosen from a short list or written."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from sessionkit.domain import Case
from sessionkit.services import casework
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.widgets.clean_fields import CleanInput

OTHER = "other"


class CloseCaseScreen(FormScreen[Case]):
    form_title = "Close the case"
    save_label = "Close case"
    not_done = "Case not closed"

    def __init__(self, case: Case) -> None:
        super().__init__()
        self._case = case

    def compose_fields(self) -> ComposeResult:
        yield Label("Why is the case closing?")
        yield Select[str](
            [*((reason, reason) for reason in casework.CLOSE_REASONS), ("other", OTHER)],
            id="reason",
            value=casework.CLOSE_REASONS[0],
            allow_blank=False,
        )
        yield Label("Another reason, in your words (when 'other')")
        yield CleanInput(id="other-reason", limit=500, label="Reason")
        yield Label("Closed on (YYYY-MM-DD; empty means today)")
        yield CleanInput(id="day", placeholder="today", limit=10, label="Date")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#reason", Select).focus()

    @on(Input.Changed, "#other-reason")
    def _writing_a_reason(self, event: Input.Changed) -> None:
        # Writing a reason means it is not one of the list's.
        if event.value.strip():
            self.query_one("#reason", Select).value = OTHER

    def reason(self) -> str:
        chosen = str(self.query_one("#reason", Select).value)
        return self.query_one("#other-reason", Input).value if chosen == OTHER else chosen

    def values(self) -> object:
        return (
            self.query_one("#reason", Select).value,
            self.query_one("#other-reason", Input).value,
            self.query_one("#day", Input).value,
        )

    def submit(self) -> Case | None:
        day = casework.typed_day(self.query_one("#day", Input).value, "Closed on")
        return casework.close_case(self.app.store, self._case, self.reason(), day)
