"""Type what someone said: their own words, or an answer that is not a plain digit."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.widgets import Input, Label

from sessionkit.domain import clean_text
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

_LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)")


def parse_said(text: str) -> float | None:
    """The number a person's answer starts with, as said: '500 out of 10' -> 500."""
    match = _LEADING_NUMBER.match(text)
    return float(match.group(1).replace(",", ".")) if match else None


class SaidAnswer:
    """What the form returns: the words as typed and the number they start with, if any."""

    def __init__(self, text: str, value: float | None) -> None:
        self.text = text
        self.value = value


class AnswerFormScreen(FormScreen[SaidAnswer], SessionkitModal[SaidAnswer | None]):
    """One line of text. With `needs_number`, the text must start with the number said."""

    save_label = "Record"

    def __init__(self, title: str, hint: str, *, initial: str = "", needs_number: bool) -> None:
        super().__init__()
        self.form_title = title
        self._hint = hint
        self._initial_text = initial
        self._needs_number = needs_number

    @classmethod
    def said(cls, who: str, *, needs_number: bool, initial: str = "") -> AnswerFormScreen:
        """Someone's own words; with `needs_number`, an answer starting with its number."""
        if needs_number:
            title = f"{who}: an answer in their own words"
            hint = "Type it as said, starting with the number (e.g. '500 out of 10')."
        else:
            title = f"{who}: their own words"
            hint = "Type what they said, as they said it."
        return cls(title, hint, initial=initial, needs_number=needs_number)

    @classmethod
    def themes(cls, themes: list[str]) -> AnswerFormScreen:
        """The themes of an answer, separated by commas."""
        return cls(
            "Themes for this answer",
            "A few words, separated by commas (e.g. school, sleep).",
            initial=", ".join(themes),
            needs_number=False,
        )

    def compose_fields(self) -> ComposeResult:
        yield Label(literal(self._hint))
        # The cursor goes to the end of what was already said: typing adds to it. (Input
        # selects everything on focus by default, and the first key would replace it.)
        yield CleanInput(
            id="said",
            value=self._initial_text,
            limit=2000,
            label="Their words",
            select_on_focus=False,
        )

    def submit(self) -> SaidAnswer | None:
        text = clean_text(self.query_one("#said", Input).value).strip()
        value = parse_said(text)
        if self._needs_number and value is None:
            self.show_error("Start with the number they said, e.g. '500 out of 10'.")
            return None
        if not text:
            self.show_error("Nothing typed yet.")
            return None
        return SaidAnswer(text, value)
