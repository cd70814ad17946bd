"""Add a person to a case, or change one: how they are called, their role, age and
communication needs. Changing opens the same form filled in with what is stored."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, SelectionList

from sessionkit.domain import CommunicationNeed, Member, Role
from sessionkit.services import cases, casework
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

    def __init__(self, case_id: int, member: Member | None = None) -> None:
        super().__init__()
        self._case_id = case_id
        self._member = member
        if member is not None:
            self.form_title = f"Change {member.name}"
            self.save_label = "Save changes"
            self.not_done = "Person not changed"

    def compose_fields(self) -> ComposeResult:
        member = self._member
        needs = member.communication_needs if member else frozenset()
        age = "" if member is None or member.age is None else str(member.age)
        yield Label("Name as you use it (first name or 'Mum' is enough)")
        yield CleanInput(member.name if member else "", id="name", limit=60, label="Name")
        yield Label("Role")
        yield Select[str](
            ((role.value, role.value) for role in Role),
            id="role",
            value=(member.role if member else Role.CHILD).value,
            allow_blank=False,
        )
        band = f" (recorded as {member.age_band.label})" if member and member.age_band else ""
        yield Label(f"Age in years (optional){band}")
        # No length limit: "1000" said plainly as too large beats a silent "100".
        yield CleanInput(age, id="age", type="integer")
        yield Label("Communication needs (space to tick)")
        yield SelectionList[str](
            *((label, need.value, need in needs) for need, label in NEED_LABELS.items()),
            id="needs",
        )
        yield Label("What helps them communicate (optional)")
        yield CleanInput(member.communication_notes if member else "", id="notes")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name", Input).focus()

    def values(self) -> object:
        return (
            self.query_one("#name", Input).value,
            self.query_one("#role", Select).value,
            self.query_one("#age", Input).value,
            tuple(self.query_one("#needs", SelectionList).selected),
            self.query_one("#notes", Input).value,
        )

    def submit(self) -> Member | None:
        name = self.query_one("#name", Input).value
        role = Role(str(self.query_one("#role", Select).value))
        age = self.query_one("#age", Input).value
        needs = [CommunicationNeed(n) for n in self.query_one("#needs", SelectionList).selected]
        notes = self.query_one("#notes", Input).value
        if self._member is not None:
            return casework.edit_member(
                self.app.store,
                self._member,
                name=name,
                role=role,
                age=age,
                needs=needs,
                notes=notes,
            )
        member = cases.new_member(
            self._case_id, name=name, role=role, age=age, needs=needs, notes=notes
        )
        return cases.add_member(self.app.store, member)
