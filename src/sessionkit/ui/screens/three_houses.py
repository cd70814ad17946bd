"""The Three Houses side by side: worries, good things and dreams, each a list of entries.

Each house is an entry list as in `list_answer`: Enter adds the typed line, Up/Down pick
an entry, Delete removes it while the line is empty, a paste of several lines adds each
line. Tab moves to the next house. Ctrl+S returns all three lists at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.widgets import Input, Static

from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.answer_entry_list import EntryList, remove_allowed

if TYPE_CHECKING:
    from sessionkit.domain.perspective import Perspective
    from sessionkit.services.capture import CaptureSession
    from sessionkit.services.questions import Question


class ThreeHousesScreen(
    FormScreen[dict[str, list[str]]], SessionkitModal[dict[str, list[str]] | None]
):
    """Returns {prompt_id: entries} for every house on Ctrl+S, None on cancel."""

    CSS_PATH = ["dialogs.tcss", "answers.tcss"]  # type: ignore[assignment]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move_entry(-1)", "Previous entry", show=False, id="houses.up"),
        Binding("down", "move_entry(1)", "Next entry", show=False, id="houses.down"),
        Binding(
            "delete,ctrl+d",
            "remove_entry",
            "Remove entry",
            priority=True,  # before the field's own Delete; see check_action
            id="houses.remove",
        ),
    ]

    save_label = "Record"

    def __init__(self, who: str, prompts: list[tuple[str, str, list[str]]]) -> None:
        """`who`: whose houses, as the header shows it ('Maya, for Leo'); `prompts`: one
        (prompt id, wording or short title, entries so far) a house, in order."""
        super().__init__()
        self.form_title = f"Three Houses: {who}"
        self._prompts = [(pid, wording, list(items)) for pid, wording, items in prompts]

    @classmethod
    def for_answer(
        cls, session: CaptureSession, question: Question, perspective: Perspective
    ) -> ThreeHousesScreen:
        """All three houses of `question`'s tool, with what `perspective` said on this visit."""
        child = session.is_child(perspective)
        prompts = []
        for house in session.houses(question):
            existing = session.latest(house, perspective)
            items = list(existing.items) if existing else []
            prompts.append((house.prompt_id, house.wording_for(child=child), items))
        return cls(perspective.label(session.names()), prompts)

    def compose_fields(self) -> ComposeResult:
        # A grid, so the typing lines line up under wordings of different lengths: the
        # wordings fill the first row, the entry lists the second.
        with Grid(classes="houses") as houses:
            houses.styles.grid_size_columns = len(self._prompts) or 1
            for index, (_prompt_id, wording, _items) in enumerate(self._prompts):
                yield Static(literal(wording), classes="house-wording", id=f"wording-{index}")
            for index, (prompt_id, _wording, items) in enumerate(self._prompts):
                yield EntryList(
                    items, compact=True, key=prompt_id, classes="house", id=f"house-{index}"
                )
        yield Static(
            "Enter adds · Up/Down pick · Delete removes (line empty) · Tab next house "
            "· Ctrl+S records · Esc back",
            classes="answer-hint",
        )

    def _lists(self) -> list[EntryList]:
        return list(self.query(EntryList).results(EntryList))

    def _focused_list(self) -> EntryList | None:
        focused = self.focused
        if focused is None:
            return None
        if isinstance(focused, EntryList):
            return focused
        return next((a for a in focused.ancestors if isinstance(a, EntryList)), None)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The focused house's wording is framed with its list.
        focused = self._focused_list()
        for index, entry_list in enumerate(self._lists()):
            wording = self.query_one(f"#wording-{index}", Static)
            wording.set_class(entry_list is focused, "-focused")

    # --- keys -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_entry":
            return remove_allowed(self._focused_list())
        return True

    def action_move_entry(self, step: int) -> None:
        entry_list = self._focused_list()
        if entry_list is not None:
            entry_list.move(step)

    def action_remove_entry(self) -> None:
        entry_list = self._focused_list()
        if entry_list is not None:
            entry_list.remove_picked()

    @on(Input.Submitted)
    def _add_entry(self, event: Input.Submitted) -> None:
        # Enter adds the line to its house; the form's own Enter-saves handler must not run.
        event.prevent_default()
        event.stop()
        entry_list = next((a for a in event.input.ancestors if isinstance(a, EntryList)), None)
        if entry_list is not None:
            entry_list.add_typed()

    # --- the form -------------------------------------------------------------------

    def values(self) -> object:
        return tuple((tuple(e.items), e.input.value) for e in self._lists())

    def submit(self) -> dict[str, list[str]] | None:
        # A line typed but not yet added with Enter is part of the answer too.
        result: dict[str, list[str]] = {}
        for entry_list in self._lists():
            entry_list.add_typed()
            result[entry_list.key] = list(entry_list.items)
        return result
