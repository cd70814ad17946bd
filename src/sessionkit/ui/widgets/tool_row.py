"""A tool in a visit plan: its name and purpose (never hidden), and why it was chosen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from sessionkit.domain.text import clean_line
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

if TYPE_CHECKING:
    from sessionkit.toolpacks.schema import Tool


class ToolRow(Vertical):
    """One planned tool; its "why" is an input the practitioner writes in."""

    def __init__(self, tool_id: str, tool: Tool | None, reason: str) -> None:
        super().__init__(classes="tool-row")
        self.tool_id = tool_id
        self.tool = tool
        self._reason = reason
        # The reason the app filled in, while it is the one shown: it follows the people
        # and goals ticked until the practitioner edits it.
        self.prefilled = ""

    def compose(self) -> ComposeResult:
        name = self.tool.name if self.tool else f"{self.tool_id} (not in the active toolpack)"
        yield Static(
            Content.assemble((clean_line(name), "bold"), ("   Ctrl+R takes it out", "dim")),
            classes="tool-row-name",
        )
        if self.tool is not None:
            yield Static(literal(self.tool.purpose), classes="tool-row-purpose")
        yield CleanInput(
            self._reason,
            placeholder="Why this tool, for this goal and these people?",
            classes="tool-row-reason",
        )
        yield Static("", classes="tool-row-warning")

    @property
    def reason(self) -> str:
        return self.query_one(".tool-row-reason", Input).value

    def follow(self, reason: str) -> None:
        """Show the app's new reason in place of the one it filled in before."""
        self.query_one(".tool-row-reason", Input).value = reason
        self.prefilled = reason

    def show_warnings(self, warnings: Sequence[str]) -> None:
        warning = self.query_one(".tool-row-warning", Static)
        warning.update(literal("\n".join(f"⚠ {w}" for w in warnings)))
        warning.display = bool(warnings)

    def focus_reason(self) -> None:
        self.query_one(".tool-row-reason", Input).focus()
