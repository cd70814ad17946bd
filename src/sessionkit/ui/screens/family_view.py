"""The family view: one question and a big, friendly scale, safe to turn towards a family.

It shows the question, the numbers from one end of the scale to the other, the family's
own words for the two ends, the number chosen so far and one quiet line of keys. Nothing
else: no names, no notes, no earlier answers, no menus. The screen is opaque, so nothing
from the screen underneath shows through; notifications wait until it closes; and the
app's keys that would draw something over it (help, tools, the command palette) do
nothing while it is open.

The caller records what it returns: the chosen number as a float, or None for "back,
nothing chosen". A scale too long to draw in big numbers (0-100, or 0-10 in a narrow
terminal) becomes a line with the chosen number drawn big above it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from sessionkit.domain.number_entry import NumberEntry
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.big_digits import BigDigits, big_width

if TYPE_CHECKING:
    from sessionkit.domain.perspective import Perspective
    from sessionkit.services.capture import CaptureSession
    from sessionkit.services.questions import Question

KEYS_HINT = "← → choose · Enter keep · Esc back"

# The big scale, in terminal cells.
TILE_PADDING = 1  # each side of a big number; the highlight fills it
MAX_GAP = 4  # between two numbers, when there is room
MIN_BOARD_WIDTH = 60  # a short scale (1-5) still spreads out, with room for the end words
SIDE_MARGIN = 2  # kept clear at each side of the screen
MOST_BIG_NUMBERS = 21  # longer scales are always drawn as a line
BAR_MAX_WIDTH = 96


# -- what the keys do, without Textual ------------------------------------------------------


def initial_choice(current: float | None, scale_min: int, scale_max: int) -> int | None:
    """The number highlighted when the view opens: `current` if it is one of the scale's
    numbers. An answer between two numbers, or off the scale, highlights nothing."""
    if current is None or not math.isfinite(current) or not current.is_integer():
        return None
    whole = int(current)
    return whole if scale_min <= whole <= scale_max else None


def stepped(
    chosen: int | None, current: float | None, step: int, scale_min: int, scale_max: int
) -> int:
    """The number chosen after an arrow key (`step` is -1 or +1), never off the scale.

    With nothing chosen yet, an arrow moves from `current` (a 7.5 goes to 8 or 7) or,
    without one, lands in the middle: neither end is suggested.
    """
    if chosen is not None:
        target = chosen + step
    elif current is not None and math.isfinite(current):
        target = math.floor(current) + 1 if step > 0 else math.ceil(current) - 1
    else:
        target = (scale_min + scale_max) // 2
    return max(scale_min, min(scale_max, target))


def tile_width(value: int) -> int:
    """Cells across one big number, highlight included."""
    return big_width(str(value)) + 2 * TILE_PADDING


@dataclass(frozen=True)
class ScaleFit:
    """How the scale is drawn in a given width."""

    big: bool
    width: int  # of the scale and the end words under it
    gap: int = 0  # between two big numbers


def fit_scale(scale_min: int, scale_max: int, screen_width: int) -> ScaleFit:
    """Big numbers when they all fit side by side, spread out up to `MAX_GAP`; else a line."""
    available = max(screen_width - 2 * SIDE_MARGIN, 1)
    count = scale_max - scale_min + 1
    tiles = sum(tile_width(v) for v in range(scale_min, scale_max + 1))
    if count > MOST_BIG_NUMBERS or count < 2 or tiles > available:
        return ScaleFit(big=False, width=min(available, BAR_MAX_WIDTH))
    gaps = count - 1
    roomy = max(tiles + gaps * MAX_GAP, MIN_BOARD_WIDTH)
    gap = (min(available, roomy) - tiles) // gaps
    return ScaleFit(big=True, width=tiles + gap * gaps, gap=gap)


# -- widgets ------------------------------------------------------------------------------


class NumberTile(Vertical):
    """One number of the scale, big; clicking it chooses it."""

    class Clicked(Message):
        """The tile was clicked."""

        def __init__(self, value: int) -> None:
            super().__init__()
            self.value = value

    def __init__(self, value: int) -> None:
        super().__init__(classes="family-number", id=f"family-number-{_dom_number(value)}")
        self.value = value
        self.styles.width = tile_width(value)

    def compose(self) -> ComposeResult:
        yield BigDigits(str(self.value))
        # A shape under the chosen number, so the choice never rests on colour alone.
        yield Static("▲", classes="family-marker")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.value))


class ScaleLine(Widget):
    """A long scale as one line from end to end, the chosen place marked ● with ▲ under it;
    clicking the line chooses the number at that place."""

    DEFAULT_CSS = """
    ScaleLine {
        width: 100%;
        height: 2;
    }
    """

    chosen: reactive[int | None] = reactive(None)

    class Clicked(Message):
        """A place on the line was clicked."""

        def __init__(self, value: int) -> None:
            super().__init__()
            self.value = value

    def __init__(self, scale_min: int, scale_max: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale_min = scale_min
        self.scale_max = scale_max

    def _span(self) -> tuple[int, int]:
        """First and last cell of the track, between the two end numbers."""
        start = len(str(self.scale_min)) + 1
        end = self.size.width - len(str(self.scale_max)) - 2
        return start, max(end, start + 1)

    def position(self, value: int) -> int:
        start, end = self._span()
        return start + round((value - self.scale_min) * (end - start) / self._range)

    def value_at(self, x: int) -> int:
        start, end = self._span()
        value = self.scale_min + round((x - start) * self._range / (end - start))
        return max(self.scale_min, min(self.scale_max, value))

    @property
    def _range(self) -> int:
        return max(self.scale_max - self.scale_min, 1)

    def render(self) -> RenderResult:
        start, end = self._span()
        track = ["─"] * (end - start + 1)
        marker = ""
        if self.chosen is not None:
            at = self.position(self.chosen)
            track[at - start] = "●"
            marker = " " * at + "▲"
        before, _, after = "".join(track).partition("●")
        pieces: list[tuple[str, str] | str] = [
            (str(self.scale_min), "$text bold"),
            " ",
            (before, "$text-muted"),
        ]
        if self.chosen is not None:
            pieces += [("●", "$primary bold"), (after, "$text-muted")]
        pieces += [" ", (str(self.scale_max), "$text bold"), "\n", (marker, "$primary bold")]
        return Content.assemble(*pieces)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.value_at(event.x)))


# -- the screen ---------------------------------------------------------------------------


class FamilyViewScreen(SessionkitModal[float | None]):
    """A question and a big scale, full screen, to show the family; returns their number."""

    CSS_PATH = "family_view.tcss"
    AUTO_FOCUS = None  # nothing takes focus: every key belongs to the screen

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Lower", id="family.lower", show=False),
        Binding("right", "move(1)", "Higher", id="family.higher", show=False),
        Binding("enter", "keep", "Keep", id="family.keep", show=False),
        Binding("escape", "back", "Back", id="family.back", show=False),
        *(
            Binding(str(d), f"digit({d})", "Choose", id=f"family.digit_{d}", show=False)
            for d in range(10)
        ),
    ]

    def __init__(
        self,
        wording: str,
        scale_min: int,
        scale_max: int,
        min_label: str,
        max_label: str,
        current: float | None = None,
    ) -> None:
        if scale_min >= scale_max:
            raise ValueError(f"scale min ({scale_min}) must be below its max ({scale_max})")
        super().__init__()
        self.wording = wording
        self.scale_min = scale_min
        self.scale_max = scale_max
        self.min_label = min_label
        self.max_label = max_label
        self.current = current
        self.chosen: int | None = initial_choice(current, scale_min, scale_max)
        self.fit = ScaleFit(big=False, width=0)
        self.clock: Callable[[], float] = time.monotonic  # tests put a fake clock here
        # Digits typed close together make one number ("1" then "0" is ten), as on capture.
        self._typed = NumberEntry()
        self._palette_before: bool | None = None

    @classmethod
    def for_answer(
        cls, session: CaptureSession, question: Question, perspective: Perspective
    ) -> FamilyViewScreen:
        """`question`'s scale, with the number `perspective` gave on this visit chosen."""
        existing = session.latest(question, perspective)
        return cls(
            question.wording_for(child=session.is_child(perspective)),
            question.scale_min or 0,
            question.scale_max or 10,
            question.min_label,
            question.max_label,
            existing.value if existing else None,
        )

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="family-view"):
            # Each in its own Center: a group of children is aligned as one block.
            with Center():
                yield Static(literal(self.wording), id="family-question")
            with Center(), Vertical(id="family-board"):
                with Horizontal(id="family-numbers"):
                    if self.scale_max - self.scale_min < MOST_BIG_NUMBERS:
                        for value in range(self.scale_min, self.scale_max + 1):
                            yield NumberTile(value)
                with Vertical(id="family-line"):
                    with Horizontal(id="family-chosen-row"):
                        yield BigDigits(id="family-chosen")
                    yield ScaleLine(self.scale_min, self.scale_max, id="family-track")
                with Horizontal(id="family-ends"):
                    yield Static(literal(self.min_label), id="family-min-label")
                    yield Static(literal(self.max_label), id="family-max-label")
        yield Static(KEYS_HINT, id="family-keys", markup=False)

    def on_mount(self) -> None:
        self._fit(self.app.size.width)
        self._show_choice()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, screen_width: int) -> None:
        fit = fit_scale(self.scale_min, self.scale_max, screen_width)
        if fit == self.fit:
            return
        self.fit = fit
        self.query_one("#family-board").styles.width = fit.width
        self.query_one("#family-numbers").display = fit.big
        self.query_one("#family-line").display = not fit.big
        for index, tile in enumerate(self.query(NumberTile)):
            tile.styles.margin = (0, 0, 0, fit.gap if index else 0)

    def _show_choice(self) -> None:
        for tile in self.query(NumberTile):
            tile.set_class(tile.value == self.chosen, "-chosen")
        chosen = self.query_one("#family-chosen", BigDigits)
        chosen.value = "" if self.chosen is None else str(self.chosen)
        chosen.display = self.chosen is not None
        self.query_one(ScaleLine).chosen = self.chosen

    # -- choosing -------------------------------------------------------------------------

    def choose(self, value: int) -> None:
        """Highlight `value` (kept only when Enter is pressed)."""
        if self.scale_min <= value <= self.scale_max:
            self.chosen = value
            self._show_choice()

    def action_digit(self, digit: int) -> None:
        typed = self._typed.press(
            digit, at=self.clock(), scale_min=self.scale_min, scale_max=self.scale_max
        )
        if self.scale_min <= typed.value <= self.scale_max:
            self.choose(typed.value)
        else:
            self._typed.forget()  # a digit off the scale chooses nothing and joins nothing

    def action_move(self, step: int) -> None:
        self._typed.forget()
        self.choose(stepped(self.chosen, self.current, step, self.scale_min, self.scale_max))

    def action_keep(self) -> None:
        if self.chosen is not None:
            self.dismiss(float(self.chosen))

    def action_back(self) -> None:
        self.dismiss(None)

    @on(NumberTile.Clicked)
    @on(ScaleLine.Clicked)
    def _clicked(self, event: NumberTile.Clicked | ScaleLine.Clicked) -> None:
        self._typed.forget()
        self.choose(event.value)

    # -- keeping everything else off this screen -----------------------------------------

    def on_screen_resume(self) -> None:
        # A modal screen already stops the app's own keys (F1 keys, F2 tools), but not
        # the palette's: a priority key the app checks first. So the palette is off
        # while this screen is on top, and back on when it is not.
        if self._palette_before is None:
            self._palette_before = self.app.use_command_palette
        self.app.use_command_palette = False

    def on_screen_suspend(self) -> None:
        self._restore_palette()

    def on_unmount(self) -> None:
        self._restore_palette()

    def _restore_palette(self) -> None:
        if self._palette_before is not None:
            self.app.use_command_palette = self._palette_before
            self._palette_before = None


def _dom_number(value: int) -> str:
    """A number as it can appear in a DOM id: -2 is 'minus-2'."""
    return f"minus-{-value}" if value < 0 else str(value)
