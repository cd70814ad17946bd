"""Offered at start-up when an erasure was interrupted: finish it now, or later."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from sessionkit.ui.screens.base import SessionkitModal


class ErasurePendingScreen(SessionkitModal[None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Later", id="erasure.later"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Erasure not finished", classes="dialog-title")
            yield Static(
                "An erasure was interrupted; finish it now? Until it is, what it was "
                "erasing may still be in the backups.",
                classes="dialog-question",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Finish now", id="finish", variant="primary")
                yield Button("Later", id="later")

    def on_mount(self) -> None:
        # Enter presses the focused button: finishing is what Enter does here.
        self.query_one("#finish", Button).focus()

    @on(Button.Pressed, "#finish")
    def action_finish(self) -> None:
        from sessionkit.services.erasure import finish_erasure

        app = self.app
        said = self.attempt(
            "Erasure not finished", lambda: finish_erasure(app.store, app.locations)
        )
        self.dismiss()
        if said is not None:
            app.notify_literal(said, title="Erasure", timeout=10)

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss()
