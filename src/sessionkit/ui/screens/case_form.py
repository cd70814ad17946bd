"""Add a case: a reference the practitioner chooses, and its care status."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, SelectionList

from sessionkit.domain import CareStatus, Case
from sessionkit.services import cases
from sessionkit.services.casework_errors import CaseworkError
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.widgets.clean_fields import CleanInput


class CaseFormScreen(FormScreen[Case]):
    form_title = "New case"
    save_label = "Add case"
    not_done = "Case not added"

    def compose_fields(self) -> ComposeResult:
        yield Label("Reference (initials or case number; no full names needed)")
        yield CleanInput(id="reference", placeholder="e.g. AB-1234", limit=40, label="Reference")
        yield Label("Care status (space to tick; any that apply)")
        yield SelectionList[str](
            *((status.label, status.value) for status in CareStatus), id="care-status"
        )
        yield Label("Note (optional)")
        yield CleanInput(id="summary", placeholder="anything that helps you recognise the case")

    def values(self) -> object:
        return (
            self.query_one("#reference", Input).value,
            tuple(self.query_one("#care-status", SelectionList).selected),
            self.query_one("#summary", Input).value,
        )

    def submit(self) -> Case | None:
        from sessionkit.storage import DuplicateReference

        reference = self.query_one("#reference", Input).value
        statuses = self.query_one("#care-status", SelectionList).selected
        try:
            return cases.add_case(
                self.app.store,
                reference,
                (CareStatus(s) for s in statuses),
                self.query_one("#summary", Input).value,
            )
        except DuplicateReference:
            # The reference as it will be stored: cleaned and trimmed as the model does.
            taken = Case(reference=reference).reference
            self.show_error(f"There is already a case with the reference {taken}.")
            self.query_one("#reference", Input).focus()
            return None

    def refused(self, problem: CaseworkError) -> None:
        super().refused(problem)
        self.query_one("#reference", Input).focus()
