"""Text fields that keep control characters out of what is typed, pasted or set.

Whatever reaches these fields is what gets stored and shown again, so it is cleaned on
the way in: an escape sequence pasted from elsewhere never reaches the store or the
terminal.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from sessionkit.domain.text import clean_text


def one_line(text: str) -> str:
    """`text` cleaned, with tabs and line breaks as spaces: what a one-line field holds."""
    return clean_text(text).replace("\t", " ").replace("\n", " ")


class CleanInput(Input):
    """A one-line input: what is typed or pasted loses control characters on the way in."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(one_line(text), start, end)

    @on(Input.Changed)
    def _keep_clean(self, event: Input.Changed) -> None:
        # Set from outside the edit path (`value =`): clean it here too.
        cleaned = one_line(self.value)
        if cleaned != self.value:
            event.stop()
            self.value = cleaned


class CleanTextArea(TextArea):
    """A text area: every edit (typing, paste, insert) loses control characters first."""

    def edit(self, edit: Edit) -> EditResult:
        edit.text = clean_text(edit.text)
        return super().edit(edit)
