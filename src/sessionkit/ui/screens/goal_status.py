"""Choose a goal, and mark it achieved, paused, dropped or active again, with a note.

Goals are never deleted: a status change is added to the goal's history, which is shown
under the choice so the practitioner sees how the goal got here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from sessionkit.domain import Goal, GoalStatus
from sessionkit.services import cases
from sessionkit.services.cases import goal_label
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

STATUS_WORDS = {
    GoalStatus.ACTIVE: "Active: still working on it",
    GoalStatus.ACHIEVED: "Achieved",
    GoalStatus.PAUSED: "Paused for now",
    GoalStatus.DROPPED: "Dropped: no longer a goal",
}
STATUSES = tuple(STATUS_WORDS)


class GoalChooserScreen(SessionkitModal[int | None]):
    """Which goal? Enter chooses the highlighted one; Escape chooses none."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Back", id="goal_chooser.back"),
    ]

    def __init__(self, title: str, goals: Sequence[Goal], names: dict[int, str]) -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._goals = [g for g in goals if g.id is not None]
        self._names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self._title), classes="dialog-title")
            yield OptionList(
                *(Option(literal(goal_label(g, self._names)), id=str(g.id)) for g in self._goals),
                id="goal-choices",
            )
            yield Static("Enter chooses · Escape goes back", classes="dialog-question")

    @on(OptionList.OptionSelected, "#goal-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class GoalStatusScreen(FormScreen[Goal]):
    """Mark a goal achieved, paused, dropped or active, with an optional note."""

    CSS_PATH = "dialogs.tcss"
    form_title = "Where does this goal stand?"
    save_label = "Save status"
    not_done = "Goal not changed"

    def __init__(self, goal: Goal) -> None:
        super().__init__()
        self._goal = goal

    def compose_fields(self) -> ComposeResult:
        yield Static(literal(self._goal.text), classes="dialog-question")
        with RadioSet(id="goal-status"):
            for status in STATUSES:
                yield RadioButton(
                    STATUS_WORDS[status], value=status is self._goal.status, name=status.value
                )
        yield Label("A note (optional): what happened, in a few words")
        yield CleanInput(id="status-note", limit=300, label="Note")
        yield Label("History")
        yield Static(id="status-history")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#status-history", Static).update(self._history())
        radio = self.query_one("#goal-status", RadioSet)
        radio.focus()
        self.call_after_refresh(self._highlight_current, radio)

    def _highlight_current(self, radio: RadioSet) -> None:
        # A RadioSet highlights its first button on mount; start from the goal's status.
        for _ in range(STATUSES.index(self._goal.status)):
            radio.action_next_button()

    def _history(self) -> Content:
        assert self._goal.id is not None
        return literal("\n".join(cases.status_history(self.app.store, self._goal.id)))

    def chosen(self) -> GoalStatus:
        index = self.query_one("#goal-status", RadioSet).pressed_index
        return STATUSES[index] if index >= 0 else self._goal.status

    def values(self) -> object:
        return (self.chosen(), self.query_one("#status-note", Input).value)

    def submit(self) -> Goal | None:
        note = self.query_one("#status-note", Input).value
        return cases.change_goal_status(self.app.store, self._goal, self.chosen(), note)
