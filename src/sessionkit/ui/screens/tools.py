"""Tools: every tool of the active pack, searchable, each shown in full with its purpose.

A tool whose purpose is not understood should not be used, so the purpose comes first and
is never cut short. Everything shown here is pack text: it goes through `literal()` or is
assembled as plain text, never parsed as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.domain.text import clean_line, clean_text
from sessionkit.present.tool_search import (
    Match,
    age_words,
    find_tools,
    in_pack_order,
    kind_words,
    scale_ends,
)
from sessionkit.ui.screens.base import SessionkitScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

if TYPE_CHECKING:
    from sessionkit.toolpacks import ResolvedPack
    from sessionkit.toolpacks.schema import Prompt, Tool

# The sections of a tool under its name, each hidden when the pack says nothing for it.
SECTIONS = (
    ("purpose", "Why use it"),
    ("works", "Works well when"),
    ("avoid", "Avoid when"),
    ("adaptations", "Adapting it"),
    ("prompts", "Prompts"),
)


class ToolBrowserScreen(SessionkitScreen[None]):
    """The active pack's tools: type to search, Up/Down to move, Enter to read in full."""

    CSS_PATH = "tools.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="tools.back"),
        Binding("down", "move(1)", "Next tool", id="tools.next", show=False),
        Binding("up", "move(-1)", "Previous tool", id="tools.previous", show=False),
        Binding("pagedown", "page(1)", "Page down", id="tools.page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="tools.page_up", show=False),
        Binding("enter", "read", "Read in full", id="tools.read", key_display="Enter"),
        Binding("slash", "search", "Search", id="tools.search", key_display="/"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pack: ResolvedPack | None = None
        self.matches: list[Match] = []
        self.shown: Tool | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="tools-body"):
            with Vertical(id="tools-side", classes="panel"):
                yield CleanInput(placeholder="Search tools and prompts", id="tool-search")
                yield Static(id="tool-count")
                tools = OptionList(id="tool-list", markup=False)
                # Up and Down belong to the screen, so they move the list while you type.
                tools.can_focus = False
                yield tools
            with VerticalScroll(id="tool-detail", classes="panel"):
                yield Static(id="tool-name")
                yield Static(id="tool-facts")
                yield Static(id="tool-none", classes="empty-hint")
                for key, heading in SECTIONS:
                    with Vertical(id=f"section-{key}", classes="tool-section"):
                        yield Static(heading, classes="tool-heading", markup=False)
                        yield Static(id=f"tool-{key}", classes="tool-text")
        yield Footer()

    def on_mount(self) -> None:
        self.load_pack()
        self.query_one("#tool-search", Input).focus()

    def on_screen_resume(self) -> None:
        # The pack may have been switched while another screen was on top.
        if self.pack is not self.app.pack:
            self.load_pack()

    def load_pack(self) -> None:
        self.pack = self.app.pack
        meta = self.pack.meta
        self.sub_title = clean_line(f"Tools in {meta.name} · version {meta.version}")
        self.refresh_list()

    # -- the list -----------------------------------------------------------------------

    @property
    def search_text(self) -> str:
        return self.query_one("#tool-search", Input).value

    @on(Input.Changed, "#tool-search")
    def _search_changed(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        pack = self.pack
        if pack is None:
            return
        ordered = in_pack_order(pack.tools, pack.groups())
        self.matches = find_tools(ordered, self.search_text)
        keep = self.shown.id if self.shown else None
        tools = self.query_one("#tool-list", OptionList)
        tools.set_options(self._options(pack))
        ids = [option.id for option in tools.options]
        if keep in ids:
            tools.highlighted = ids.index(keep)
        else:
            tools.action_first()
        self._count(pack)
        self.show(self._highlighted_tool())

    def _options(self, pack: ResolvedPack) -> list[Option]:
        # Headings only help when a group holds more than one tool.
        grouped = any(len(pack.tools_in_group(g)) > 1 for g in pack.groups())
        options: list[Option] = []
        group = None
        for match in self.matches:
            tool = match.tool
            if grouped and tool.group != group:
                group = tool.group
                heading = Content(clean_line(group.replace("-", " ").capitalize()))
                options.append(Option(heading.stylize("bold dim"), disabled=True))
            prompt = literal(tool.name)
            if match.via_prompt is not None:
                prompt = Content.assemble(
                    prompt,
                    ("\n  prompt: " + clean_line(match.via_prompt.short_title), "dim italic"),
                )
            options.append(Option(prompt, id=tool.id))
        return options

    def _count(self, pack: ResolvedPack) -> None:
        total = len(pack.tools)
        found = len(self.matches)
        if not self.search_text.strip():
            text = f"{total} tools · type to search"
        elif found == 1:
            text = f"1 of {total} tools matches"
        else:
            text = f"{found} of {total} tools match"
        if found:
            text += "\n↑ ↓ choose · Enter read in full"
        self.query_one("#tool-count", Static).update(literal(text))

    def _highlighted_tool(self) -> Tool | None:
        option = self.query_one("#tool-list", OptionList).highlighted_option
        if option is None or option.id is None or self.pack is None:
            return None
        return self.pack.tool(option.id)

    @on(OptionList.OptionHighlighted, "#tool-list")
    def _highlighted(self) -> None:
        self.show(self._highlighted_tool())

    @on(OptionList.OptionSelected, "#tool-list")
    def _selected(self) -> None:
        self.show(self._highlighted_tool())
        self.action_read()

    # -- the detail ---------------------------------------------------------------------

    def show(self, tool: Tool | None) -> None:
        """Show `tool` in full on the right, or say that nothing matches."""
        if tool is self.shown and tool is not None:
            return
        self.shown = tool
        none = self.query_one("#tool-none", Static)
        none.display = tool is None
        if tool is None:
            none.update(
                literal(
                    f"No tool matches “{clean_line(self.search_text)}”. "
                    "Press Escape to clear the search."
                )
            )
        self.query_one("#tool-name", Static).update(literal(tool.name if tool else ""))
        self.query_one("#tool-facts", Static).update(_facts(tool) if tool else "")
        texts: dict[str, Content] = {}
        if tool is not None:
            texts = {
                "purpose": literal(tool.purpose),
                "works": literal(tool.works_well_when),
                "avoid": literal(tool.avoid_when),
                "adaptations": _adaptations(tool),
                "prompts": _prompts(tool.prompts),
            }
        for key, heading in SECTIONS:
            text = texts.get(key, Content(""))
            self.query_one(f"#section-{key}").display = bool(text.plain.strip())
            self.query_one(f"#tool-{key}", Static).update(text)
            if key == "prompts" and tool is not None:
                self.query_one("#section-prompts .tool-heading", Static).update(
                    literal(f"{heading} ({len(tool.prompts)})")
                )
        self.query_one("#tool-detail", VerticalScroll).scroll_home(animate=False)

    # -- keys ---------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        tools = self.query_one("#tool-list", OptionList)
        if step > 0:
            tools.action_cursor_down()
        else:
            tools.action_cursor_up()

    def action_page(self, step: int) -> None:
        tools = self.query_one("#tool-list", OptionList)
        # Textual leaves these two untyped.
        if step > 0:
            tools.action_page_down()  # type: ignore[no-untyped-call]
        else:
            tools.action_page_up()  # type: ignore[no-untyped-call]

    @on(Input.Submitted, "#tool-search")
    def action_read(self) -> None:
        if self.shown is not None:
            self.query_one("#tool-detail", VerticalScroll).focus()

    def action_search(self) -> None:
        self.query_one("#tool-search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#tool-search", Input)
        if not search.has_focus:
            # Reading a tool: Escape goes back to the list before it leaves the screen.
            search.focus()
        elif search.value:
            search.value = ""
        else:
            self.app.pop_screen()

    def on_key(self, event: events.Key) -> None:
        # Typing while reading a tool goes on with the search, as on the first keystroke.
        search = self.query_one("#tool-search", Input)
        if event.key == "slash" or search.has_focus:
            return
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            search.focus()
            search.insert_text_at_cursor(event.character)


# -- what a tool says, as plain text ------------------------------------------------------


def _facts(tool: Tool) -> Content:
    facts = [age_words(tool).capitalize()]
    if tool.areas:
        facts.append("goal areas: " + ", ".join(tool.areas))
    return Content(clean_line(" · ".join(facts)))


def _adaptations(tool: Tool) -> Content:
    notes = tool.adaptations
    parts: list[str | Content | tuple[str, str]] = []
    for label, text in (("Age", notes.age), ("SEND", notes.send), ("Non-verbal", notes.non_verbal)):
        if text.strip():
            if parts:
                parts.append("\n")
            parts += [(f"{label}: ", "bold"), clean_text(text)]
    return Content.assemble(*parts)


def _prompts(prompts: tuple[Prompt, ...] | list[Prompt]) -> Content:
    parts: list[str | Content | tuple[str, str]] = []
    for number, prompt in enumerate(prompts, start=1):
        if parts:
            parts.append("\n\n")
        heading = prompt.title or prompt.wording
        parts += [
            (f"{number}. ", "bold"),
            (clean_text(heading), "bold"),
            (f"  · {kind_words(prompt)}", "dim"),
        ]
        if prompt.title:
            parts += ["\n", clean_text(prompt.wording)]
        if prompt.child_wording and prompt.child_wording != prompt.wording:
            parts += ["\n", ("For a child: ", "italic"), clean_text(prompt.child_wording)]
        ends = scale_ends(prompt)
        if ends:
            parts += ["\n", (clean_text(ends), "dim")]
        if prompt.options:
            labels = " · ".join(option.label for option in prompt.options)
            parts += ["\n", ("Options: ", "italic"), clean_text(labels)]
        if prompt.help:
            parts += ["\n", ("Note: ", "italic"), clean_text(prompt.help)]
    return Content.assemble(*parts)
