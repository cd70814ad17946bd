"""Add a goal agreed with the family, in their words, with their words for 0 and 10."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from sessionkit.domain import Goal, Member
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal
from sessionkit.ui.validation import first_error

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp


class GoalFormScreen(FormScreen[Goal]):
    form_title = "Add a goal"
    save_label = "Add goal"
    app: SessionkitApp

    def __init__(self, case_id: int, members: list[Member]) -> None:
        super().__init__()
        self._case_id = case_id
        self._members = members

    def compose_fields(self) -> ComposeResult:
        yield Label("Whose goal is it?")
        yield Select[int](
            ((literal(m.description), m.id) for m in self._members if m.id is not None),
            id="owner",
            prompt="the whole family",
        )
        yield Label("The goal, in the family's words")
        yield Input(id="text", max_length=500)
        yield Label("What 0 means, in their words")
        yield Input(id="low", value="not at all", max_length=120)
        yield Label("What 10 means, in their words")
        yield Input(id="high", value="completely", max_length=120)

    def values(self) -> object:
        return (self.query_one("#owner", Select).value, *super().values())  # type: ignore[misc]

    def submit(self) -> Goal | None:
        owner = self.query_one("#owner", Select).value
        try:
            goal = Goal(
                case_id=self._case_id,
                owner_member_id=owner if isinstance(owner, int) else None,
                text=self.query_one("#text", Input).value.strip(),
                low_label=self.query_one("#low", Input).value,
                high_label=self.query_one("#high", Input).value,
            )
        except ValidationError as exc:
            self.show_error(first_error(exc, {"text": "The goal"}))
            return None
        return self.app.store.add_goal(goal)
