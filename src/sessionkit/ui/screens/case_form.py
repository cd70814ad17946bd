"""Add a case: a reference the practitioner chooses, and its care status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.widgets import Input, Label, SelectionList

from sessionkit.domain import CareStatus, Case
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.validation import first_error

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp


class CaseFormScreen(FormScreen[Case]):
    form_title = "New case"
    save_label = "Add case"
    app: SessionkitApp

    def compose_fields(self) -> ComposeResult:
        yield Label("Reference (initials or case number; no full names needed)")
        yield Input(id="reference", placeholder="e.g. AB-1234", max_length=40)
        yield Label("Care status (space to tick; any that apply)")
        yield SelectionList[str](
            *((status.label, status.value) for status in CareStatus), id="care-status"
        )
        yield Label("Note (optional)")
        yield Input(id="summary", placeholder="anything that helps you recognise the case")

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
            case = Case(
                reference=reference,
                care_status=frozenset(CareStatus(s) for s in statuses),
                summary=self.query_one("#summary", Input).value,
            )
        except ValidationError as exc:
            self.show_error(first_error(exc, {"reference": "Reference"}))
            self.query_one("#reference", Input).focus()
            return None
        try:
            return self.app.store.add_case(case)
        except DuplicateReference:
            self.show_error(f"There is already a case with the reference {case.reference}.")
            self.query_one("#reference", Input).focus()
            return None
