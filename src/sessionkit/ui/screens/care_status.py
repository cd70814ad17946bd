"""A case's care status changed on a date (today unless typed), with an optional note; the
history so far is shown under the form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, SelectionList, Static

from sessionkit.domain import CareStatus, Case
from sessionkit.services import casework
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput


class CareStatusScreen(FormScreen[Case]):
    form_title = "Care status from a date"
    save_label = "Save care status"
    not_done = "Care status not changed"

    def __init__(self, case: Case, history: list[str]) -> None:
        super().__init__()
        self._case = case
        self._history = history

    def compose_fields(self) -> ComposeResult:
        yield Label("Care status (space to tick; any that apply)")
        yield SelectionList[str](
            *(
                (status.label, status.value, status in self._case.care_status)
                for status in CareStatus
            ),
            id="care-status",
        )
        yield Label("From (YYYY-MM-DD; empty means today)")
        yield CleanInput(id="day", placeholder="today", limit=10, label="Date")
        yield Label("A note (optional)")
        yield CleanInput(id="note", limit=300, label="Note")
        yield Label("History")
        yield Static(literal("\n".join(self._history)), id="care-history")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#care-status", SelectionList).focus()

    def values(self) -> object:
        return (
            tuple(self.query_one("#care-status", SelectionList).selected),
            self.query_one("#day", Input).value,
            self.query_one("#note", Input).value,
        )

    def submit(self) -> Case | None:
        day = casework.typed_day(self.query_one("#day", Input).value, "From")
        statuses = (CareStatus(s) for s in self.query_one("#care-status", SelectionList).selected)
        note = self.query_one("#note", Input).value
        return casework.change_care_status(self.app.store, self._case, statuses, day, note)
