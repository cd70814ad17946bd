"""Add a person to a case: how they are called, their role, age and communication needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, SelectionList

from sessionkit.domain import CommunicationNeed, Member, Role
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.validation import first_error

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp

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
    app: SessionkitApp

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self._case_id = case_id

    def compose_fields(self) -> ComposeResult:
        yield Label("Name as you use it (first name or 'Mum' is enough)")
        yield Input(id="name", max_length=60)
        yield Label("Role")
        yield Select[str](
            ((role.value, role.value) for role in Role),
            id="role",
            value=Role.CHILD.value,
            allow_blank=False,
        )
        yield Label("Age in years (optional)")
        yield Input(id="age", type="integer", max_length=3)
        yield Label("Communication needs (space to tick)")
        yield SelectionList[str](
            *((label, need.value) for need, label in NEED_LABELS.items()), id="needs"
        )
        yield Label("What helps them communicate (optional)")
        yield Input(id="notes")

    def values(self) -> object:
        return (
            self.query_one("#name", Input).value,
            self.query_one("#role", Select).value,
            self.query_one("#age", Input).value,
            tuple(self.query_one("#needs", SelectionList).selected),
            self.query_one("#notes", Input).value,
        )

    def submit(self) -> Member | None:
        age_text = self.query_one("#age", Input).value.strip()
        try:
            member = Member(
                case_id=self._case_id,
                name=self.query_one("#name", Input).value,
                role=Role(str(self.query_one("#role", Select).value)),
                age=int(age_text) if age_text else None,
                communication_needs=frozenset(
                    CommunicationNeed(n) for n in self.query_one("#needs", SelectionList).selected
                ),
                communication_notes=self.query_one("#notes", Input).value,
            )
        except ValidationError as exc:
            self.show_error(first_error(exc, {"name": "Name", "age": "Age"}))
            return None
        except ValueError:
            self.show_error("Age: must be a whole number.")
            return None
        return self.app.store.add_member(member)
