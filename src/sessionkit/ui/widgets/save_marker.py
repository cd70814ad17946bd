"""One line saying whether what is typed is committed yet: "saved" only once it is.

A screen that saves after a pause in typing shows "not saved yet" from the first change
until the store has committed the text, so a kill at any moment loses nothing the screen
called saved.
"""

from __future__ import annotations

from textual.widgets import Static

SAVED = "Reflection and case note: saved"
NOT_SAVED = "Reflection and case note: not saved yet"


class SaveMarker(Static):
    DEFAULT_CSS = """
    SaveMarker {
        color: $text-muted;
        padding: 0 2;
    }
    SaveMarker.-unsaved {
        color: $text-warning;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(SAVED, id=id)

    def show(self, saved: bool) -> None:
        self.update(SAVED if saved else NOT_SAVED)
        self.set_class(not saved, "-unsaved")
