"""Beside a plan: the tools suggested for it, and what was left over from last time.

Each panel lists its items with a mark for those already in the plan, and moves its
highlight on to the next one not yet added, so F3 and F4 can go on adding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.domain.text import clean_line, clean_text
from sessionkit.services.plans import carry_line
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.insight.carry_forward import CarryItem
    from sessionkit.insight.suggestions import Suggestion

# Each reason under the suggestions, cut to one line of the panel.
REASON_WIDTH = 42


class SuggestionsPanel(Vertical):
    """Tools suggested for the plan's goals and people, best fit first, with why."""

    def __init__(self) -> None:
        super().__init__(id="suggestions-panel", classes="panel")
        self.suggestions: list[Suggestion] = []

    def compose(self) -> ComposeResult:
        yield Static("Suggested tools · F3 adds · F6 folds", classes="panel-title")
        yield OptionList(id="suggestions")
        yield Static(id="suggestion-detail")

    def show(self, suggestions: Sequence[Suggestion], in_plan: set[str], *, keep: bool) -> None:
        """List `suggestions`; the highlight stays on the same tool when `keep`."""
        options = self.query_one("#suggestions", OptionList)
        kept = options.highlighted_option.id if keep and options.highlighted_option else None
        self.suggestions = list(suggestions)
        options.set_options(
            Option(_suggestion_prompt(s, s.tool.id in in_plan), id=s.tool.id)
            for s in self.suggestions
        )
        ids = [s.tool.id for s in self.suggestions]
        if ids:
            options.highlighted = ids.index(kept) if kept in ids else 0
        self._show_detail()

    def highlighted(self) -> Suggestion | None:
        option = self.query_one("#suggestions", OptionList).highlighted_option
        if option is None:
            return None
        return next((s for s in self.suggestions if s.tool.id == option.id), None)

    def warnings(self, tool_id: str) -> tuple[str, ...]:
        found = next((s for s in self.suggestions if s.tool.id == tool_id), None)
        return found.warnings if found else ()

    def next_not_in(self, done: set[str]) -> None:
        highlight_next(self.query_one("#suggestions", OptionList), lambda o: o.id in done)

    @on(OptionList.OptionHighlighted, "#suggestions")
    def _show_detail(self) -> None:
        suggestion = self.highlighted()
        detail = self.query_one("#suggestion-detail", Static)
        detail.display = suggestion is not None
        if suggestion is None:
            return
        parts: list[str | tuple[str, str]] = [
            ("Purpose: ", "bold"),
            clean_text(suggestion.tool.purpose),
        ]
        if suggestion.reasons:
            parts += ["\n", ("Why:", "bold")]
            # An adaptation can run to a paragraph: the tool browser (F2) has it in full.
            parts += ["\n+ " + _short(clean_line(r), REASON_WIDTH) for r in suggestion.reasons]
        for warning in suggestion.warnings:
            parts += ["\n", ("⚠ ", "bold"), clean_text(warning)]
        detail.update(Content.assemble(*parts))


class SideFolded(Static):
    """In place of the side panels while F6 has folded them away: how to bring them back.

    The footer has no room for F6; the panels' title says it, and this line when folded.
    """

    def __init__(self) -> None:
        super().__init__(
            "Suggested tools and follow-ups from last time: F6 shows them",
            id="plan-side-folded",
            markup=False,
        )


class CarryPanel(Vertical):
    """What was left over from earlier visits, each one key (F4) from the follow-ups."""

    def __init__(self) -> None:
        super().__init__(id="carry-panel", classes="panel")
        self.items: list[CarryItem] = []

    def compose(self) -> ComposeResult:
        yield Static("From last time · F4 adds", classes="panel-title")
        yield OptionList(id="carry")

    def show(self, items: Sequence[CarryItem], added: set[str]) -> None:
        """List `items`, marking those whose line is already among the follow-ups."""
        self.items = list(items)
        options = self.query_one("#carry", OptionList)
        keep = options.highlighted
        if not self.items:
            options.set_options(
                [Option(literal("Nothing left over from last time."), disabled=True)]
            )
            return
        options.set_options(
            Option(_carry_prompt(item, carry_line(item) in added), id=str(n))
            for n, item in enumerate(self.items)
        )
        options.highlighted = keep if keep is not None and keep < len(self.items) else 0

    def highlighted(self) -> CarryItem | None:
        option = self.query_one("#carry", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.items[int(option.id)]

    def next_not_in(self, added: set[str]) -> None:
        highlight_next(
            self.query_one("#carry", OptionList),
            lambda o: carry_line(self.items[int(o.id or 0)]) in added,
        )


def highlight_next(options: OptionList, done: Callable[[Option], bool]) -> None:
    """Move the highlight to the next option (round the end) that is not `done`."""
    count = options.option_count
    start = options.highlighted or 0
    for step in range(1, count + 1):
        index = (start + step) % count
        option = options.get_option_at_index(index)
        if option.disabled or option.id is None:
            continue
        if not done(option):
            options.highlighted = index
            return


def _suggestion_prompt(suggestion: Suggestion, in_plan: bool) -> Content:
    mark = "✓ " if in_plan else ("⚠ " if suggestion.warnings else "  ")
    return Content.assemble((mark, "bold"), clean_line(suggestion.tool.name))


def _carry_prompt(item: CarryItem, added: bool) -> Content:
    parts: list[str | tuple[str, str]] = [
        ("✓ " if added else "• ", "bold"),
        carry_line(item),
    ]
    if item.detail:
        parts += ["\n  ", (clean_line(item.detail), "dim")]
    if added:
        parts += ["\n  ", ("in the plan", "dim italic")]
    return Content.assemble(*parts)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
