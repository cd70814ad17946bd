"""Any tool of the active pack: type to search, Up/Down, Enter adds it to the plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.domain.text import clean_text
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

if TYPE_CHECKING:
    from sessionkit.toolpacks.schema import Tool


class ToolPickerScreen(SessionkitModal[str | None]):
    """Dismissed with the chosen tool's id, or None."""

    CSS_PATH = ["dialogs.tcss", "plan.tcss"]  # noqa: RUF012 - Textual reads it as a list

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Back", id="tool_picker.back"),
        Binding("down", "move(1)", "Next tool", id="tool_picker.next", show=False),
        Binding("up", "move(-1)", "Previous tool", id="tool_picker.previous", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self.tools: list[Tool] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="tool-picker"):
            yield Label("Add a tool to the plan", classes="dialog-title")
            yield CleanInput(placeholder="Type to search tools", id="picker-search")
            picker = OptionList(id="picker-tools")
            # Up and Down belong to the screen, so they move the list while you type.
            picker.can_focus = False
            yield picker
            yield Static(id="picker-purpose")
            yield Static(
                "Enter adds the highlighted tool · Escape goes back", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self._refresh()
        self.query_one("#picker-search", Input).focus()

    @on(Input.Changed, "#picker-search")
    def _refresh(self) -> None:
        from sessionkit.present.tool_search import best_first, find_tools, in_pack_order

        pack = self.app.pack
        query = self.query_one("#picker-search", Input).value
        found = find_tools(in_pack_order(pack.tools, pack.groups()), query)
        # The best match is first and highlighted, so Enter picks what was typed.
        self.tools = [m.tool for m in best_first(found, query)]
        options = self.query_one("#picker-tools", OptionList)
        options.set_options(Option(literal(t.name), id=t.id) for t in self.tools)
        if self.tools:
            options.highlighted = 0
        self._show_purpose()

    @on(OptionList.OptionHighlighted, "#picker-tools")
    def _show_purpose(self) -> None:
        option = self.query_one("#picker-tools", OptionList).highlighted_option
        tool = next((t for t in self.tools if option and t.id == option.id), None)
        purpose = self.query_one("#picker-purpose", Static)
        if tool is None:
            purpose.update("No tool matches: change the search.")
        else:
            purpose.update(Content.assemble(("Purpose: ", "bold"), clean_text(tool.purpose)))

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-tools", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(Input.Submitted, "#picker-search")
    @on(OptionList.OptionSelected, "#picker-tools")
    def _chosen(self) -> None:
        option = self.query_one("#picker-tools", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
