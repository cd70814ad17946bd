"""Why this tool, one key away during a visit: its purpose, when it works, when to avoid it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from sessionkit.toolpacks.schema import Tool
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.text import literal


class ToolPurposeScreen(SessionkitModal[None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,i", "close", "Back", id="purpose.close"),
    ]

    def __init__(self, tool: Tool) -> None:
        super().__init__(classes="dialog-screen")
        self.tool = tool

    def compose(self) -> ComposeResult:
        tool = self.tool
        parts = [
            ("Why use it", tool.purpose),
            ("Works well when", tool.works_well_when),
            ("Avoid when", tool.avoid_when),
            ("Age", tool.adaptations.age),
            ("SEND", tool.adaptations.send),
            ("Non-verbal", tool.adaptations.non_verbal),
        ]
        with VerticalScroll(classes="dialog"):
            yield Static(literal(tool.name), classes="dialog-title")
            for heading, text in parts:
                if text:
                    yield Static(literal(heading), classes="tool-purpose-heading")
                    yield Static(literal(text), classes="dialog-question")
            yield Static("Esc or I: back to the visit", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss()
