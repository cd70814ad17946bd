"""Pick the next prompt during a visit: a letter for the tool, a digit for the prompt.

Or "/" and a few letters of the prompt, then Enter. Three keys reach any prompt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.domain.text import clean_line
from sessionkit.present.tool_search import KIND_WORDS
from sessionkit.ui.prompt_keys import PromptChoice, capturable_tools, search_prompts, tool_keys
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

if TYPE_CHECKING:
    from sessionkit.toolpacks.schema import Tool
    from sessionkit.ui.app import SessionkitApp


class PromptPickerScreen(SessionkitModal[PromptChoice | None]):
    """Dismisses with the chosen tool and prompt, or None."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="picker.back"),
        Binding("slash", "search", "Search", id="picker.search", key_display="/"),
    ]

    app: SessionkitApp

    def __init__(self, current_tool_id: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._current_tool_id = current_tool_id
        self._keyed: list[tuple[str, Tool]] = []
        self._shown: list[PromptChoice] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Static("Ask next", classes="dialog-title")
            yield Static(
                "A letter picks a tool, a number its prompt · / to search · Esc back",
                classes="dialog-hint",
            )
            yield CleanInput(placeholder="search every prompt", id="picker-search")
            with Horizontal(id="picker-body"):
                yield OptionList(id="picker-tools")
                yield OptionList(id="picker-prompts")

    def on_mount(self) -> None:
        self._keyed = tool_keys(capturable_tools(self.app.pack))
        tools = self.query_one("#picker-tools", OptionList)
        tools.add_options(
            Option(literal(f"{key}  {tool.name}"), id=tool.id) for key, tool in self._keyed
        )
        ids = [tool.id for _, tool in self._keyed]
        start = ids.index(self._current_tool_id) if self._current_tool_id in ids else 0
        if ids:
            tools.highlighted = start
            self._show_tool(self._keyed[start][1])
        tools.focus()

    def _show_tool(self, tool: Tool) -> None:
        self._show([PromptChoice(tool, p) for p in tool.prompts])

    def _show(self, choices: list[PromptChoice]) -> None:
        self._shown = choices
        prompts = self.query_one("#picker-prompts", OptionList)
        prompts.clear_options()
        for number, choice in enumerate(choices, start=1):
            key = str(number) if number <= 9 else " "
            kind = KIND_WORDS.get(choice.prompt.kind, choice.prompt.kind.value)
            prompts.add_option(
                Option(literal(f"{key}  {choice.prompt.short_title}  ({kind})"), id=str(number))
            )
        if choices:
            prompts.highlighted = 0

    @on(OptionList.OptionHighlighted, "#picker-tools")
    def _tool_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_tool(self._keyed[event.option_index][1])

    @on(OptionList.OptionSelected, "#picker-tools")
    def _tool_selected(self) -> None:
        self.query_one("#picker-prompts", OptionList).focus()

    @on(OptionList.OptionSelected, "#picker-prompts")
    def _prompt_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index])

    @on(Input.Changed, "#picker-search")
    def _searched(self, event: Input.Changed) -> None:
        query = clean_line(event.value)
        if query:
            self._show(search_prompts(capturable_tools(self.app.pack), query))

    @on(Input.Submitted, "#picker-search")
    def _search_submitted(self) -> None:
        prompts = self.query_one("#picker-prompts", OptionList)
        if self._shown and prompts.highlighted is not None:
            self.dismiss(self._shown[prompts.highlighted])

    def on_key(self, event: Key) -> None:
        if self.query_one("#picker-search", Input).has_focus:
            if event.key in ("down", "up"):
                # Move through the matches without leaving the search box.
                event.stop()
                prompts = self.query_one("#picker-prompts", OptionList)
                (prompts.action_cursor_down if event.key == "down" else prompts.action_cursor_up)()
            return
        character = event.character or ""
        if character.isdigit() and character != "0":
            index = int(character) - 1
            if index < len(self._shown):
                event.stop()
                self.dismiss(self._shown[index])
            return
        for index, (key, tool) in enumerate(self._keyed):
            if character == key:
                event.stop()
                self.query_one("#picker-tools", OptionList).highlighted = index
                self._show_tool(tool)
                return

    def action_search(self) -> None:
        self.query_one("#picker-search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#picker-search", Input)
        if search.value:
            search.value = ""
            self.query_one("#picker-tools", OptionList).focus()
            tools = self.query_one("#picker-tools", OptionList)
            if tools.highlighted is not None and self._keyed:
                self._show_tool(self._keyed[tools.highlighted][1])
            return
        self.dismiss(None)
