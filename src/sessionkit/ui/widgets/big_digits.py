"""Numbers three lines high in a soft block font, readable from across a table.

Each glyph is drawn on a 6x6 grid of "pixels" and packed into 3x3 terminal cells with
the quadrant block characters (▖▗▘▝▙▛▜▟▀▄▌▐█). A quadrant pixel is half a cell wide and
half a cell high, so strokes are one cell wide and half a cell high, and rounded corners
are one missing pixel. Block elements are drawn by the terminal itself in most modern
terminals, so the digits join up without the gaps that thin box-drawing lines show.

Textual's own `Digits` draws thin box-drawing lines: elegant, but faint on a projector
or for someone with low vision, which is why sessionkit has its own font.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

GLYPH_HEIGHT = 3
"""Lines in every glyph."""

GLYPH_WIDTH = 3
"""Cells across every glyph."""

LETTER_SPACING = 1
"""Blank cells between two glyphs of one number."""

# "#" is ink. Rows pair up into cells top to bottom, columns left to right.
_PIXELS: dict[str, tuple[str, ...]] = {
    "0": (".####.", "##..##", "##..##", "##..##", "##..##", ".####."),
    "1": ("..##..", ".###..", "..##..", "..##..", "..##..", ".####."),
    "2": (".####.", "##..##", "...##.", "..##..", ".##...", "######"),
    "3": ("#####.", "....##", "..###.", "....##", "....##", "#####."),
    "4": ("##..##", "##..##", "##..##", "######", "....##", "....##"),
    "5": ("######", "##....", "#####.", "....##", "....##", "#####."),
    "6": (".####.", "##....", "#####.", "##..##", "##..##", ".####."),
    "7": ("######", "....##", "...##.", "..##..", "..##..", "..##.."),
    "8": (".####.", "##..##", ".####.", "##..##", "##..##", ".####."),
    "9": (".####.", "##..##", "##..##", ".#####", "....##", ".####."),
    "-": ("......", "......", "######", "......", "......", "......"),
    "+": ("......", "..##..", "######", "..##..", "......", "......"),
    ".": ("......", "......", "......", "......", "......", "..##.."),
    " ": ("......", "......", "......", "......", "......", "......"),
}

# (upper left, upper right, lower left, lower right) -> the block element showing them.
_QUADRANTS = {
    (False, False, False, False): " ",
    (True, False, False, False): "▘",
    (False, True, False, False): "▝",
    (False, False, True, False): "▖",
    (False, False, False, True): "▗",
    (True, True, False, False): "▀",
    (False, False, True, True): "▄",
    (True, False, True, False): "▌",
    (False, True, False, True): "▐",
    (True, False, False, True): "▚",
    (False, True, True, False): "▞",
    (True, False, True, True): "▙",
    (True, True, True, False): "▛",
    (True, True, False, True): "▜",
    (False, True, True, True): "▟",
    (True, True, True, True): "█",
}


def _pack(pixels: tuple[str, ...]) -> tuple[str, ...]:
    """Three lines of three cells from a 6x6 pixel glyph."""
    ink = [[ch == "#" for ch in row] for row in pixels]
    lines = []
    for y in range(0, 2 * GLYPH_HEIGHT, 2):
        cells = (
            _QUADRANTS[(ink[y][x], ink[y][x + 1], ink[y + 1][x], ink[y + 1][x + 1])]
            for x in range(0, 2 * GLYPH_WIDTH, 2)
        )
        lines.append("".join(cells))
    return tuple(lines)


GLYPHS: dict[str, tuple[str, ...]] = {char: _pack(pixels) for char, pixels in _PIXELS.items()}
"""Every character the font draws, as three lines of three cells."""


def _glyph(char: str) -> tuple[str, ...]:
    """The big glyph for `char`; a character the font lacks is kept, normal size, on the
    middle line, so a caller's text is never silently dropped."""
    found = GLYPHS.get(char)
    if found is not None:
        return found
    pad = max(GLYPH_WIDTH - cell_len(char), 0)
    middle = " " * (pad // 2) + char + " " * (pad - pad // 2)
    blank = " " * cell_len(middle)
    return (blank, middle, blank)


def big_lines(text: str) -> tuple[str, str, str]:
    """`text` drawn in the big font: its top, middle and bottom lines, of equal width."""
    glyphs = [_glyph(char) for char in text]
    gap = " " * LETTER_SPACING
    top, middle, bottom = (gap.join(glyph[row] for glyph in glyphs) for row in range(3))
    return top, middle, bottom


def big_width(text: str) -> int:
    """Cells across `text` drawn in the big font."""
    return cell_len(big_lines(text)[1])


class BigDigits(Widget):
    """A number (or any short text of digits, '+', '-' and '.') three lines high.

    Colours come from the widget's own `color` and `background`, so a screen can
    highlight one number by styling its `BigDigits` like any other widget.
    """

    DEFAULT_CSS = """
    BigDigits {
        width: auto;
        height: auto;
        color: $text;
    }
    """

    value: reactive[str] = reactive("", layout=True)
    """The text drawn; changing it redraws and re-measures the widget."""

    def __init__(
        self,
        value: str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.set_reactive(BigDigits.value, value)

    def render(self) -> RenderResult:
        # Content, not a markup string: whatever the value holds is drawn as it is.
        return Content("\n".join(big_lines(self.value)))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return big_width(self.value)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return GLYPH_HEIGHT
