"""The capture screen's table: everyone answering the question, now and last time.

The columns always fit the width the table is given: the answers (now and last time)
are shown whole, and people's words, tags and names give way and end in '…' when cut.
The current person's words and tags are shown in full under the table
(`answer_detail`), so nothing said is hidden by the fitting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.events import Resize
from textual.widgets import DataTable

from sessionkit.present.columns import fit, share_width
from sessionkit.services.questions import answer_summary, now_text, tag_summary, value_text
from sessionkit.ui.text import cell

if TYPE_CHECKING:
    from sessionkit.services.capture import CaptureSession
    from sessionkit.services.questions import Question

COLUMNS = ("Who", "Now", "Their words", "Tags", "Last time")
KEPT_WHOLE = -1
"""A least width meaning: this column is never cut."""
LEAST = (8, KEPT_WHOLE, 10, 7, KEPT_WHOLE)
"""How narrow each column may become before the table stops giving way."""
NOT_ASKED = "not asked"


@dataclass(frozen=True, slots=True)
class AnswerRow:
    cells: tuple[str, str, str, str, str]
    worry: bool = False


def answer_rows(session: CaptureSession, question: Question) -> list[AnswerRow]:
    """The table's rows as text, before fitting: one a perspective."""
    names = session.names()
    key_of = {member_id: key for key, member_id in session.keys.items()}
    rows = []
    for persp in session.perspectives():
        now_answer = session.latest(question, persp)
        before = session.earlier_answer(question, persp)
        key = key_of.get(persp.answered_by, " ") if persp.on_behalf_of is None else " "
        rows.append(
            AnswerRow(
                (
                    f"{key} {persp.label(names)}",
                    now_text(now_answer),
                    answer_summary(now_answer) if now_answer else "",
                    tag_summary(now_answer) if now_answer else "",
                    value_text(before) if before else NOT_ASKED,
                ),
                worry=now_answer is not None and now_answer.worry,
            )
        )
    return rows


def fitted_widths(rows: list[AnswerRow], room: int) -> list[int]:
    """Each column's width in `room` cells (padding already taken out)."""
    needed = [
        max([len(heading), *(len(r.cells[i]) for r in rows)]) for i, heading in enumerate(COLUMNS)
    ]
    least = [n if f == KEPT_WHOLE else f for n, f in zip(needed, LEAST, strict=True)]
    return share_width(needed, least, room)


class CaptureAnswers(DataTable):  # type: ignore[type-arg]
    """One row a perspective (person, or person for another), the chosen one highlighted.

    It never takes focus: every key on the capture screen belongs to the screen.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.can_focus = False
        self._rows: list[AnswerRow] = []
        self._chosen = 0
        self._drawn_for = -1

    def show(self, session: CaptureSession, question: Question) -> None:
        self._rows = answer_rows(session, question)
        self._chosen = session.person_index
        self._draw()

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._drawn_for:
            self._draw()

    def _room(self) -> int:
        # Each column has a cell of padding either side; before the first layout the
        # width is not known yet, and every column gets what it needs.
        width = self.scrollable_content_region.width
        if width <= 0:
            return 10_000
        return width - 2 * self.cell_padding * len(COLUMNS)

    def _draw(self) -> None:
        self._drawn_for = self.scrollable_content_region.width
        widths = fitted_widths(self._rows, self._room())
        self.clear(columns=True)
        for heading, width in zip(COLUMNS, widths, strict=True):
            self.add_column(cell(fit(heading, width)), width=width)
        for row in self._rows:
            who, now, words, tags, before = (
                fit(text, width) for text, width in zip(row.cells, widths, strict=True)
            )
            self.add_row(
                cell(who, "bold"),
                cell(now),
                cell(words),
                # A worry stands out by weight and the ⚑ word, not by colour alone.
                cell(tags, "bold reverse" if row.worry else ""),
                cell(before),
            )
        if self.row_count:
            self.move_cursor(row=self._chosen, animate=False)


def answer_detail(session: CaptureSession, question: Question) -> str:
    """The current person's words and tags in full: the table may have cut them."""
    perspective = session.perspective
    if perspective is None:
        return ""
    answer = session.latest(question, perspective)
    if answer is None:
        return ""
    parts = []
    words = answer_summary(answer)
    if words:
        parts.append(f"{perspective.label(session.names())}: {words}")
    tags = tag_summary(answer)
    if tags:
        parts.append(f"Tags: {tags}")
    return "\n".join(parts)
