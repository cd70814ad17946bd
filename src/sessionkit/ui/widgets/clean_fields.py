"""Text fields that keep text exactly and never let a typed or pasted key act.

Whatever reaches these fields is what gets stored and shown again, so it is cleaned on
the way in: an escape sequence pasted from elsewhere never reaches the store or the
terminal. Everything else is kept as typed, including the characters Python does not call
printable (zero-width joiners and non-joiners, tag characters of flags, no-break spaces),
which Textual's own fields drop.

Keys are text too. Without bracketed paste a terminal delivers a pasted BEL as Ctrl+G, and
a screen binding on it would run. A focused field therefore lets through to its screen and
the app only the keys forms are driven with (`PASSED_KEYS`); any other key is the field's
own or does nothing.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from sessionkit.domain.text import clean_line, clean_text, is_kept
from sessionkit.present.field_limits import too_long

# Leaving, moving between fields, saving, quitting, help, a screen's F-keys, and the
# arrows screens use to move through a list next to a search field. Ctrl+R ("New draft"
# after a visit) is here because the write-up screen is all fields; it asks before
# replacing anything edited. No other Ctrl+letter: each is a control character a paste
# can hold.
PASSED_KEYS: frozenset[str] = frozenset(
    {
        "escape",
        "tab",
        "shift+tab",
        "enter",
        "ctrl+s",
        "ctrl+q",
        "ctrl+r",
        "up",
        "down",
        "pageup",
        "pagedown",
        *(f"f{number}" for number in range(1, 13)),
    }
)


def one_line(text: str) -> str:
    """`text` cleaned, with tabs and line breaks as spaces: what a one-line field holds."""
    return clean_text(text).replace("\t", " ").replace("\n", " ")


def _kept_but_not_printable(event: events.Key) -> str | None:
    """The character a key types when Textual would ignore it (`is_printable` is False)."""
    character = event.character
    if character is None or event.is_printable or not is_kept(character):
        return None
    return character


def _own_keys(field: Input | TextArea) -> set[str]:
    return set(field._bindings.key_to_bindings)


class CleanInput(Input):
    """A one-line input: text kept exactly, control codes removed, no key acts elsewhere.

    `limit` replaces Input's `max_length`, which cuts text silently: here over-long text
    stays in the field and `length_problem` says so, naming the field by `label`.
    """

    def __init__(
        self,
        value: str | None = None,
        placeholder: str = "",
        *,
        limit: int | None = None,
        label: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(value, placeholder, **kwargs)
        self.limit = limit
        self.label = label

    def length_problem(self) -> str | None:
        """One line saying the text is over the limit, or None when it fits."""
        if self.limit is None:
            return None
        return too_long(self.label or "This field", self.limit, len(clean_line(self.value)))

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(one_line(text), start, end)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Also hides the screen's other keys from the footer while the field is focused.
        return key not in PASSED_KEYS

    async def _on_key(self, event: events.Key) -> None:
        character = _kept_but_not_printable(event)
        if character is not None:
            event.stop()
            event.prevent_default()
            if self.selection.is_empty:
                self.insert_text_at_cursor(character)
            else:
                self.replace(character, *self.selection)
            return
        if event.key not in PASSED_KEYS and event.key not in _own_keys(self):
            # Input still types a printable key (its handler runs after this one); the
            # key just goes no further, so no screen or app binding hears it.
            event.stop()

    def _on_paste(self, event: events.Paste) -> None:
        # Input keeps only the first line of a paste; here every line is kept, joined by
        # spaces. (`splitlines` would also break at control characters cleaned away.)
        event.stop()
        event.prevent_default()
        text = one_line(event.text)
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)

    @on(Input.Changed)
    def _keep_clean(self, event: Input.Changed) -> None:
        # Set from outside the edit path (`value =`): clean it here too.
        cleaned = one_line(self.value)
        if cleaned != self.value:
            event.stop()
            self.value = cleaned


class CleanTextArea(TextArea):
    """A text area: every edit is cleaned first, every character kept, no key acts elsewhere."""

    def edit(self, edit: Edit) -> EditResult:
        edit.text = clean_text(edit.text)
        return super().edit(edit)

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return super().check_consume_key(key, character) or key not in PASSED_KEYS

    async def _on_key(self, event: events.Key) -> None:
        character = _kept_but_not_printable(event)
        if character is not None:
            event.stop()
            event.prevent_default()
            if not self.read_only:
                start, end = self.selection
                self.replace(character, start, end, maintain_selection_offset=False)
            return
        if event.key not in PASSED_KEYS and event.key not in _own_keys(self):
            event.stop()
