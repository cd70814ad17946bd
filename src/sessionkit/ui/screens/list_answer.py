"""Write down a list answer one line at a time: worries, good things, who is in the family.

Typing stays in one line field. Enter adds the line as an entry and clears the field, so
a practitioner can keep up with a child talking. Up and Down pick an entry; Delete (or
Ctrl+D) removes the picked entry while the field is empty, and edits the typed text as
usual otherwise. Pasting several lines adds each line as an entry. Every entry is the
person's words, shown literally and cleaned of control characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.answer_entry_list import EntryList, remove_allowed

if TYPE_CHECKING:
    from sessionkit.domain.perspective import Perspective
    from sessionkit.services.capture import CaptureSession
    from sessionkit.services.questions import Question


class ListAnswerScreen(FormScreen[list[str]], SessionkitModal[list[str] | None]):
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
