"""Offered at start-up when a visit was left open: carry on, or later."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sessionkit.domain import Visit
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp


class ResumeScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Later", id="resume.later"),
        Binding("r", "resume", "Resume", id="resume.resume"),
    ]

    app: SessionkitApp

    def __init__(self, visit: Visit) -> None:
        super().__init__(classes="dialog-screen")
        self.visit = visit

    def compose(self) -> ComposeResult:
        store = self.app.store
        assert self.visit.case_id is not None and self.visit.id is not None
        case = store.get_case(self.visit.case_id)
        answers = len(store.list_responses(self.visit.id))
        message = (
            f"A visit with {case.reference} started {self.visit.started_at:%a %d %b %H:%M} "
            f"was not finished. {answers} answer(s) were recorded and are safe.\n\n"
            "Resume it now?"
        )
        with Vertical(classes="dialog"):
            yield Static("Unfinished visit", classes="dialog-title")
            yield Static(literal(message), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume", id="resume", variant="primary")
                yield Button("Later", id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        from sessionkit.ui.screens.capture import CaptureScreen
        from sessionkit.ui.screens.case import CaseScreen

        assert self.visit.id is not None and self.visit.case_id is not None
        self.dismiss()
        # The case sits underneath, so leaving the visit lands on its family.
        self.app.push_screen(CaseScreen(self.visit.case_id))
        self.app.push_screen(CaptureScreen(self.visit.id))

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss()
