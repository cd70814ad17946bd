"""Choose which of a goal's five attainment levels has been reached.

Each level shows the key that chooses it, its number (-2 to +2), its standard name and
the family's own words for it, shown literally. Keys 1-5 choose a level at once (1 is
-2, 5 is +2); Up and Down move the highlight and Enter chooses the highlighted level; a
click chooses too. Escape goes back and nothing is recorded. The level recorded so far
for this person is highlighted when the list opens. The caller records what it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, Static

from sessionkit.domain import GAS_LEVEL_NAMES
from sessionkit.services.questions import signed_level
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.domain.perspective import Perspective
    from sessionkit.services.capture import CaptureSession
    from sessionkit.services.questions import Question

LEVEL_KEYS = 5
HINT = "1-5 choose a level · ↑ ↓ then Enter · Esc back, nothing recorded"
MARKER = "▶"


def initial_level(current: float | None, levels: Sequence[int]) -> int | None:
    """The level highlighted when the list opens: `current` when it is one of `levels`."""
    if current is None or not current.is_integer():
        return None
    return int(current) if int(current) in levels else None


def moved(highlighted: int | None, step: int, levels: Sequence[int]) -> int:
    """The level highlighted after an arrow key (`step` -1 or +1), never past either end.

    With nothing highlighted yet, either arrow lands on the middle level: neither end is
    suggested.
    """
    if highlighted is None or highlighted not in levels:
        return levels[len(levels) // 2]
    index = max(0, min(len(levels) - 1, levels.index(highlighted) + step))
    return levels[index]


class LevelRow(Horizontal):
    """One level: its key, its number, its name and the family's words under the name."""

    class Clicked(Message):
        """The row was clicked."""

        def __init__(self, level: int) -> None:
            super().__init__()
            self.level = level

    def __init__(self, key: int, level: int, words: str, *, recorded: bool) -> None:
        super().__init__(classes="gas-level", id=f"gas-level-{key}")
        self.key = key
        self.level = level
        self.words = words
        self.recorded = recorded

    def compose(self) -> ComposeResult:
        # A shape beside the highlighted level, so it never rests on colour alone.
        yield Static(" ", classes="gas-marker", markup=False)
        yield Static(str(self.key), classes="gas-key", markup=False)
        yield Static(signed_level(self.level), classes="gas-number", markup=False)
        with Vertical(classes="gas-text"):
            name = GAS_LEVEL_NAMES.get(self.level, "")
            if self.recorded:
                name += "  · recorded now"
            yield Static(name, classes="gas-name", markup=False)
            yield Static(literal(self.words), classes="gas-words")

    def highlight(self, on: bool) -> None:
        self.set_class(on, "-highlighted")
        self.query_one(".gas-marker", Static).update(MARKER if on else " ")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.level))


class GasAnswerScreen(SessionkitModal[int | None]):
    """Returns the level chosen (-2 to +2), or None when nothing was chosen."""

    CSS_PATH = ["dialogs.tcss", "gas_answer.tcss"]  # noqa: RUF012 - Textual reads it as a list
    AUTO_FOCUS = None  # nothing takes focus: every key belongs to the screen
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back, nothing recorded", id="gas.back"),
        Binding("up", "move(-1)", "Move up", show=False, id="gas.up"),
        Binding("down", "move(1)", "Move down", show=False, id="gas.down"),
        Binding("enter", "choose_highlighted", "Choose", id="gas.choose"),
        *(
            Binding(str(n), f"choose_key({n})", f"Choose level {n}", show=False, id=f"gas.level{n}")
            for n in range(1, LEVEL_KEYS + 1)
        ),
    ]

    def __init__(
        self,
        who: str,
        wording: str,
        levels: Sequence[tuple[int, str]],
        current: float | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.who = who
        self.wording = wording
        self.levels = sorted(levels)
        self.current = current
        self.recorded = initial_level(current, self.numbers)
        self.highlighted: int | None = self.recorded

    @classmethod
    def for_answer(
        cls, session: CaptureSession, question: Question, perspective: Perspective
    ) -> GasAnswerScreen:
        """The goal's levels, with the one `perspective` gave on this visit highlighted."""
        existing = session.latest(question, perspective)
        return cls(
            perspective.label(session.names()),
            question.wording,
            list(question.gas_levels),
            existing.value if existing else None,
        )

    @property
    def numbers(self) -> list[int]:
        return [level for level, _ in self.levels]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(f"{self.who}: the goal's level"), classes="dialog-title")
            yield Static(literal(self.wording), classes="gas-wording")
            with VerticalScroll(id="gas-levels") as rows:
                rows.can_focus = False  # the arrows belong to the screen
                for key, (level, words) in enumerate(self.levels, 1):
                    yield LevelRow(key, level, words, recorded=level == self.recorded)
            yield Static(HINT, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._show_highlight()

    def _show_highlight(self) -> None:
        for row in self.query(LevelRow):
            on = row.level == self.highlighted
            row.highlight(on)
            if on:
                self.query_one("#gas-levels", VerticalScroll).scroll_to_widget(row, animate=False)

    # -- keys --------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.levels:
            self.highlighted = moved(self.highlighted, step, self.numbers)
            self._show_highlight()

    def action_choose_key(self, key: int) -> None:
        if 1 <= key <= len(self.levels):
            self.dismiss(self.levels[key - 1][0])

    def action_choose_highlighted(self) -> None:
        # Enter with nothing highlighted records nothing: a stray Enter must not answer.
        if self.highlighted is not None:
            self.dismiss(self.highlighted)

    def action_back(self) -> None:
        self.dismiss(None)

    def on_level_row_clicked(self, event: LevelRow.Clicked) -> None:
        self.dismiss(event.level)
