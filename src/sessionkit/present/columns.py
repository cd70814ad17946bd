"""Widths for a table's columns in the room a screen gives it.

A column whose values must be read whole (a number, an answer's value) keeps its width;
columns of words give way, the widest first, down to a least width, and their cells
are then cut with a visible '…'. Nothing is pushed off the side of the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

CUT = "…"
"""Ends a cell's text that was cut to fit: the whole is shown elsewhere."""


def share_width(needed: Sequence[int], least: Sequence[int], room: int) -> list[int]:
    """Each column's width: what it needs when they all fit in `room`; else the
    widest of the columns that can give way shrinks, one cell at a time, until they fit
    or every column is at its `least` (equal to its need for a column kept whole)."""
    widths = list(needed)
    floors = [min(n, f) for n, f in zip(needed, least, strict=True)]
    over = sum(widths) - room
    while over > 0:
        can_give = [i for i, w in enumerate(widths) if w > floors[i]]
        if not can_give:
            break
        widest = max(can_give, key=lambda i: widths[i])
        widths[widest] -= 1
        over -= 1
    return widths


def fit(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in '…' when it was cut."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + CUT if width > 0 else ""
