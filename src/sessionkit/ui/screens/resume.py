"""Offered at start-up when a visit was left open: carry on, later, or discard it (a visit
started by mistake, asked about first)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from sessionkit.domain import Visit
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.text import literal


class ResumeScreen(SessionkitModal[None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Later", id="resume.later"),
        Binding("r", "resume", "Resume", id="resume.resume"),
        Binding("d", "discard", "Discard", id="resume.discard"),
    ]

    def __init__(self, visit: Visit) -> None:
        super().__init__(classes="dialog-screen")
        self.visit = visit

    def compose(self) -> ComposeResult:
        from sessionkit.services.visits import unfinished

        found = self.attempt("Visit not read", lambda: unfinished(self.app.store, self.visit))
        message = found.message if found is not None else "A visit was not finished. Resume it?"
        with Vertical(classes="dialog"):
            yield Static("Unfinished visit", classes="dialog-title")
            yield Static(literal(message), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume", id="resume", variant="primary")
                yield Button("Later", id="later")
                yield Button("Discard…", id="discard", variant="error")

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

    @on(Button.Pressed, "#discard")
    def action_discard(self) -> None:
        from sessionkit.ui.screens.case_fixes import ask_discard

        assert self.visit.id is not None
        ask_discard(self, self.visit.id, lambda: self.dismiss(None))
