"""Add a person to a case: how they are called, their role, age and communication needs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, SelectionList

from sessionkit.domain import CommunicationNeed, Member, Role
from sessionkit.services import cases
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.widgets.clean_fields import CleanInput

NEED_LABELS = {
    CommunicationNeed.NON_VERBAL: "non-verbal",
    CommunicationNeed.SIGN_LANGUAGE: "uses sign language",
    CommunicationNeed.SEND: "special educational needs or disability",
    CommunicationNeed.INTERPRETER: "needs an interpreter",
    CommunicationNeed.LIMITED_LITERACY: "reading or writing is hard",
}


class MemberFormScreen(FormScreen[Member]):
    form_title = "Add a person"
    save_label = "Add person"
    not_done = "Person not added"

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self._case_id = case_id

    def compose_fields(self) -> ComposeResult:
        yield Label("Name as you use it (first name or 'Mum' is enough)")
        yield CleanInput(id="name", limit=60, label="Name")
        yield Label("Role")
        yield Select[str](
            ((role.value, role.value) for role in Role),
            id="role",
            value=Role.CHILD.value,
            allow_blank=False,
        )
        yield Label("Age in years (optional)")
        # No length limit: "1000" said plainly as too large beats a silent "100".
        yield CleanInput(id="age", type="integer")
        yield Label("Communication needs (space to tick)")
        yield SelectionList[str](
            *((label, need.value) for need, label in NEED_LABELS.items()), id="needs"
        )
        yield Label("What helps them communicate (optional)")
        yield CleanInput(id="notes")

    def values(self) -> object:
        return (
            self.query_one("#name", Input).value,
            self.query_one("#role", Select).value,
            self.query_one("#age", Input).value,
            tuple(self.query_one("#needs", SelectionList).selected),
            self.query_one("#notes", Input).value,
        )

    def submit(self) -> Member | None:
        member = cases.new_member(
            self._case_id,
            name=self.query_one("#name", Input).value,
            role=Role(str(self.query_one("#role", Select).value)),
            age=self.query_one("#age", Input).value,
            needs=(CommunicationNeed(n) for n in self.query_one("#needs", SelectionList).selected),
            notes=self.query_one("#notes", Input).value,
        )
        return cases.add_member(self.app.store, member)
