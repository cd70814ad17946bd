"""The numbers behind a chart, as text: a column per visit, a row per person or measure.

Laid out for the width it is given: a number is never cut. When not every visit fits,
the first (the family's starting point) and the latest ones are shown, with '…' between.
Names are shown literally and, when long, end in '…'.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from sessionkit.present.grids import Grid, fit_label, grid_text
from sessionkit.ui.text import literal

LABEL_WIDTH = 22
"""Most cells a row's name may take before it is shortened."""


class ValuesGrid(Widget):
    """Values by visit for one chart (or a table without one)."""

    def __init__(self, grid: Grid, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.grid = grid

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # One line per row and one for the dates: lines are fitted, never wrapped.
        return len(self.grid.rows) + 1

    def render(self) -> RenderResult:
        return self.content_for(self.size.width)

    def content_for(self, width: int) -> Content:
        """The grid as it is drawn `width` cells wide (and as the tests read it)."""
        text = grid_text(self.grid, width, LABEL_WIDTH)
        room = text.label_width
        # Padding gets a run of its own, and each name starts its own run: an SVG view of
        # the screen (snapshots) keeps leading spaces only at the start of a run's place.
        header = Content(" " * room)
        for label in text.header:
            header += Content(" " * (len(label) - len(label.lstrip())))
            header += Content.styled(label.lstrip(), "$text-muted")
        lines = [header]
        for row, cells in zip(self.grid.rows, text.rows, strict=True):
            if row.look is not None:
                # The marker and its space come out of the name's room.
                name = Content.styled(row.look.marker + " ", f"$chart-{row.look.slot}")
                name += literal(fit_label(row.label, room - 3).ljust(room - 2))
            else:
                name = literal(fit_label(row.label, room - 1).ljust(room))
            lines.append(name + literal("".join(cells)))
        return Content("\n").join(lines)
