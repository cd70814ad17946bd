"""Add a case: a reference the practitioner chooses, and its care status. Or change a
case's reference and note (its care status changes apart, on a date: care_status.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, SelectionList

from sessionkit.domain import CareStatus, Case
from sessionkit.services import cases, casework
from sessionkit.services.casework_errors import CaseworkError
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.widgets.clean_fields import CleanInput


class CaseFormScreen(FormScreen[Case]):
    form_title = "New case"
    save_label = "Add case"
    not_done = "Case not added"

    def __init__(self, case: Case | None = None) -> None:
        super().__init__()
        self._case = case
        if case is not None:
            self.form_title = "Change the case"
            self.save_label = "Save changes"
            self.not_done = "Case not changed"

    def compose_fields(self) -> ComposeResult:
        case = self._case
        yield Label("Reference (initials or case number; no full names needed)")
        yield CleanInput(
            case.reference if case else "",
            id="reference",
            placeholder="e.g. AB-1234",
            limit=40,
            label="Reference",
        )
        if case is None:
            yield Label("Care status (space to tick; any that apply)")
            yield SelectionList[str](
                *((status.label, status.value) for status in CareStatus), id="care-status"
            )
        yield Label("Note (optional)")
        yield CleanInput(
            case.summary if case else "",
            id="summary",
            placeholder="anything that helps you recognise the case",
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#reference", Input).focus()

    def values(self) -> object:
        statuses = (
            tuple(self.query_one("#care-status", SelectionList).selected)
            if self._case is None
            else ()
        )
        return (
            self.query_one("#reference", Input).value,
            statuses,
            self.query_one("#summary", Input).value,
        )

    def submit(self) -> Case | None:
        from sessionkit.storage import DuplicateReference

        reference = self.query_one("#reference", Input).value
        summary = self.query_one("#summary", Input).value
        try:
            if self._case is not None:
                return casework.edit_case(
                    self.app.store, self._case, reference=reference, summary=summary
                )
            statuses = self.query_one("#care-status", SelectionList).selected
            return cases.add_case(
                self.app.store, reference, (CareStatus(s) for s in statuses), summary
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
