"""Write down a list answer one line at a time: worries, good things, who is in the family.

Typing stays in one line field. Enter adds the line as an entry and clears the field, so
a practitioner can keep up with a child talking. Up and Down pick an entry; Delete (or
Ctrl+D) removes the picked entry while the field is empty, and edits the typed text as
usual otherwise. Pasting several lines adds each line as an entry. Every entry is the
person's words, shown literally and cleaned of control characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static

from sessionkit.domain.text import clean_line, clean_text
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.domain.perspective import Perspective
    from sessionkit.services.capture import CaptureSession
    from sessionkit.services.questions import Question

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


class ListAnswerScreen(FormScreen[list[str]]):
    """A list answer: returns the entries (possibly none) on Ctrl+S, None on cancel."""

    CSS_PATH = ["dialogs.tcss", "answers.tcss"]  # type: ignore[assignment]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move_entry(-1)", "Previous entry", show=False, id="list.up"),
        Binding("down", "move_entry(1)", "Next entry", show=False, id="list.down"),
        Binding(
            "delete,ctrl+d",
            "remove_entry",
            "Remove entry",
            priority=True,  # before the field's own Delete; see check_action
            id="list.remove",
        ),
    ]

    save_label = "Record"

    def __init__(self, title: str, wording: str, items: list[str] | None = None) -> None:
        super().__init__()
        self.form_title = title
        self._wording = wording
        self._items = list(items or [])

    @classmethod
    def for_answer(
        cls, session: CaptureSession, question: Question, perspective: Perspective
    ) -> ListAnswerScreen:
        """The list `perspective` gives on this visit, to write or add to."""
        existing = session.latest(question, perspective)
        return cls(
            perspective.label(session.names()),
            question.wording_for(child=session.is_child(perspective)),
            list(existing.items) if existing else None,
        )

    def compose_fields(self) -> ComposeResult:
        yield Static(literal(self._wording), classes="answer-wording")
        yield EntryList(self._items, placeholder="Type one entry, then Enter", id="entry-list")
        yield Static(
            "Enter adds · Up/Down pick an entry · Delete removes it (with the line empty) "
            "· Ctrl+S records · Escape goes back",
            classes="answer-hint",
        )

    # --- keys -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_entry":
            return remove_allowed(next(iter(self.query("#entry-list").results(EntryList)), None))
        return True

    def action_move_entry(self, step: int) -> None:
        self.query_one("#entry-list", EntryList).move(step)

    def action_remove_entry(self) -> None:
        self.query_one("#entry-list", EntryList).remove_picked()

    @on(Input.Submitted)
    def _add_entry(self, event: Input.Submitted) -> None:
        # Enter adds the line; the form's own Enter-saves handler must not run.
        event.prevent_default()
        event.stop()
        self.query_one("#entry-list", EntryList).add_typed()

    # --- the form -------------------------------------------------------------------

    def values(self) -> object:
        entry_list = self.query_one("#entry-list", EntryList)
        return (tuple(entry_list.items), entry_list.input.value)

    def submit(self) -> list[str] | None:
        # A line typed but not yet added with Enter is part of the answer too.
        entry_list = self.query_one("#entry-list", EntryList)
        entry_list.add_typed()
        return list(entry_list.items)
