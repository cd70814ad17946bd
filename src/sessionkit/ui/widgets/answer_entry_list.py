"""A line to type entries into, one at a time, and the numbered entries so far.

Used by every list answer (a list question, each of the Three Houses). Enter adds the
typed line; a paste with line breaks adds each line. Every entry is a person's words,
shown literally and cleaned of control characters. The screen binds the keys.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static

from sessionkit.domain.text import clean_line, clean_text
from sessionkit.ui.text import literal

MAX_ENTRY = 2000


def entry_lines(text: str) -> list[str]:
    """The entries in `text`: one a line, cleaned, blank lines left out.

    Terminals often send a pasted line break as a carriage return, so a lone CR counts
    as a line break too (before cleaning, which would otherwise remove it).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [entry[:MAX_ENTRY] for entry in map(clean_line, lines) if entry]


class EntryInput(Input):
    """The line being typed. A paste with line breaks becomes entries, not one long line."""

    def _on_paste(self, event: events.Paste) -> None:
        # Input's own handler keeps only the first line; this one replaces it.
        event.prevent_default()
        event.stop()
        text = event.text.replace("\r\n", "\n").replace("\r", "\n")
        if not text:
            return
        start, end = sorted(self.selection)
        if "\n" not in text:
            self.replace(clean_text(text).replace("\t", " "), start, end)
            return
        # As if the paste had been typed where the cursor is, Enter at each line break.
        combined = self.value[:start] + text + self.value[end:]
        self.value = ""
        entry_list = next((a for a in self.ancestors if isinstance(a, EntryList)), None)
        if entry_list is not None:
            entry_list.add_lines(combined)


class EntryList(Vertical):
    """A line to type into and the numbered entries so far. The screen binds the keys."""

    DEFAULT_CSS = """
    EntryList {
        height: auto;
    }
    EntryList > OptionList {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
        background: transparent;
    }
    EntryList > .entries-empty {
        color: $text-muted;
    }
    """

    def __init__(
        self,
        items: list[str] | None = None,
        *,
        placeholder: str = "Type, then Enter",
        compact: bool = False,
        key: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        # Entries recorded before are kept as they are (one may hold a line break).
        self.items: list[str] = [e for e in map(clean_text, items or []) if e.strip()]
        self._placeholder = placeholder
        self._compact = compact
        self.key = key  # what the answer is for, e.g. a prompt id

    def compose(self) -> ComposeResult:
        yield EntryInput(
            placeholder=self._placeholder,
            max_length=MAX_ENTRY,
            compact=self._compact,
            classes="entry-input",
        )
        entries = OptionList(classes="entries", markup=False)
        entries.can_focus = False
        yield entries
        yield Static("No entries yet.", classes="entries-empty")

    def on_mount(self) -> None:
        self._show(len(self.items) - 1 if self.items else None)

    @property
    def input(self) -> EntryInput:
        return self.query_one(EntryInput)

    @property
    def entries(self) -> OptionList:
        return self.query_one(".entries", OptionList)

    @property
    def picked(self) -> int | None:
        """The index of the entry Up/Down picked, if any."""
        return self.entries.highlighted

    @property
    def can_remove(self) -> bool:
        """Delete removes an entry only while nothing is typed, and one is picked."""
        return not self.input.value and self.picked is not None

    def add_typed(self) -> bool:
        """Add the typed line as an entry and clear the field; False when nothing was typed."""
        lines = entry_lines(self.input.value)
        self.input.value = ""
        return self.add_lines("\n".join(lines)) > 0

    def add_lines(self, text: str) -> int:
        """Add each non-blank line of `text` as an entry; returns how many were added."""
        lines = entry_lines(text)
        if lines:
            self.items.extend(lines)
            self._show(len(self.items) - 1)
        return len(lines)

    def remove_picked(self) -> str | None:
        """Remove the picked entry; the one after it (or before, at the end) is picked next."""
        index = self.picked
        if index is None or not 0 <= index < len(self.items):
            return None
        removed = self.items.pop(index)
        self._show(min(index, len(self.items) - 1) if self.items else None)
        return removed

    def move(self, step: int) -> None:
        """Pick the next (1) or previous (-1) entry, stopping at either end."""
        if not self.items:
            return
        index = self.picked
        if index is None:
            index = len(self.items) - 1 if step < 0 else 0
        else:
            index = max(0, min(len(self.items) - 1, index + step))
        self.entries.highlighted = index

    def _show(self, picked: int | None) -> None:
        entries = self.entries
        entries.clear_options()
        entries.add_options(literal(f"{n}. {item}") for n, item in enumerate(self.items, 1))
        entries.highlighted = picked
        entries.display = bool(self.items)
        self.query_one(".entries-empty", Static).display = not self.items


def remove_allowed(entry_list: EntryList | None) -> bool:
    """Whether Delete removes an entry: a disabled binding lets the key through to the field,
    so Delete still edits typed text."""
    return entry_list is not None and entry_list.can_remove
