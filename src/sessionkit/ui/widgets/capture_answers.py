"""The capture screen's table: everyone answering the question, now and last time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import DataTable

from sessionkit.services.questions import answer_summary, now_text, tag_summary, value_text
from sessionkit.ui.text import cell

if TYPE_CHECKING:
    from sessionkit.services.capture import CaptureSession
    from sessionkit.services.questions import Question

COLUMNS = ("Who", "Now", "Their words", "Tags", "Last time")


class CaptureAnswers(DataTable):  # type: ignore[type-arg]
    """One row a perspective (person, or person for another), the chosen one highlighted.

    It never takes focus: every key on the capture screen belongs to the screen.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.can_focus = False
        self.add_columns(*map(cell, COLUMNS))

    def show(self, session: CaptureSession, question: Question) -> None:
        names = session.names()
        key_of = {member_id: key for key, member_id in session.keys.items()}
        self.clear()
        for persp in session.perspectives():
            now_answer = session.latest(question, persp)
            before = session.earlier_answer(question, persp)
            key = key_of.get(persp.answered_by, " ") if persp.on_behalf_of is None else " "
            self.add_row(
                cell(f"{key} {persp.label(names)}", "bold"),
                cell(now_text(now_answer)),
                cell(answer_summary(now_answer) if now_answer else ""),
                # A worry stands out by weight and the ⚑ word, not by colour alone.
                cell(
                    tag_summary(now_answer) if now_answer else "",
                    "bold reverse" if now_answer is not None and now_answer.worry else "",
                ),
                cell(value_text(before) if before else "not asked before"),
            )
        if self.row_count:
            self.move_cursor(row=session.person_index)
