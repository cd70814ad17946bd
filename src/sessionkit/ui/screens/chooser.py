"""Which one? A short list to choose from: Enter chooses the highlighted one, Escape none."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.text import literal


class ChooserScreen(SessionkitModal[int | None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Back", id="chooser.back"),
    ]

    def __init__(self, title: str, choices: Sequence[tuple[int, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self._title), classes="dialog-title")
            yield OptionList(
                *(Option(literal(label), id=str(key)) for key, label in self._choices),
                id="choices",
            )
            yield Static("Enter chooses · Escape goes back", classes="dialog-question")

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
