"""One person's answer to one relationship-check question: who, the field, its state.

The row shows an answer as recorded only once the store has it (`existing`); what is
typed but not recorded yet is said beside it ("Enter records it").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from sessionkit.domain.text import clean_line, clean_text
from sessionkit.insight.movement import format_value
from sessionkit.services.after_visit import answer_text
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

if TYPE_CHECKING:
    from sessionkit.domain import Response
    from sessionkit.domain.perspective import Perspective
    from sessionkit.services.questions import Question
    from sessionkit.toolpacks import Prompt


class AnswerRow(Horizontal):
    """A relationship-check answer from one perspective, recorded on Enter."""

    def __init__(
        self,
        prompt: Prompt,
        question: Question,
        perspective: Perspective,
        who: str,
        existing: Response | None,
        *,
        child: bool,
        row_id: str,
    ) -> None:
        is_scale = question.is_scale
        super().__init__(id=row_id, classes="rc-row" if is_scale else "rc-row -words")
        self.prompt = prompt
        self.question = question
        self.perspective = perspective
        self.who = who
        self.child = child
        self.existing = existing
        self.is_scale = is_scale

    def compose(self) -> ComposeResult:
        yield Static(literal(self.who), classes="rc-who")
        if self.is_scale:
            yield CleanInput(
                self.recorded_text(),
                type="number",
                max_length=12,
                compact=True,
                classes="rc-score",
                id=f"{self.id}-field",
            )
        else:
            yield CleanInput(
                self.recorded_text(),
                max_length=2000,
                compact=True,
                placeholder="their words, as said",
                classes="rc-words",
                id=f"{self.id}-field",
            )
        yield Static(classes="rc-state")

    def on_mount(self) -> None:
        self.show_recorded()

    @property
    def field(self) -> CleanInput:
        return self.query_one(CleanInput)

    def typed(self) -> str:
        return clean_text(self.field.value).strip()

    def recorded_text(self) -> str:
        return answer_text(self.existing, scale=self.is_scale)

    def is_pending(self) -> bool:
        """Typed differently from what is recorded (an emptied field is not pending)."""
        typed = self.typed()
        return bool(typed) and typed != self.recorded_text()

    def show_state(self, message: str, *, recorded: bool = False, problem: bool = False) -> None:
        state = self.query_one(".rc-state", Static)
        state.update(literal(message))
        state.set_class(recorded, "-recorded")
        state.set_class(problem, "-problem")

    def show_typing(self) -> None:
        """What Enter would do with the field as it is now."""
        if self.is_pending():
            self.show_state("Enter records it")
        elif not self.typed() and self.existing is not None:
            kept = f"Still {self.recorded_text()}: " if self.is_scale else ""
            self.show_state(kept + "Enter removes it")
        else:
            self.show_recorded()

    def show_recorded(self) -> None:
        r = self.existing
        if r is None:
            self.show_state("")
        elif r.value is not None and r.off_scale:
            self.show_state(f"Recorded {format_value(r.value)} (off the scale)", recorded=True)
        elif r.value is not None:
            self.show_state(f"Recorded {format_value(r.value)}", recorded=True)
        else:
            self.show_state("Recorded", recorded=True)


def question_heading(prompt: Prompt, *, to_a_child: bool) -> list[Static]:
    """A relationship-check question above its rows: its title with the ends of its
    scale, then its wording as asked (and as asked of a child, when one answers)."""
    if prompt.scale is not None:
        low = f"{prompt.scale.min} {prompt.scale.min_label}".strip()
        high = f"{prompt.scale.max} {prompt.scale.max_label}".strip()
        heading = Content.assemble(
            (clean_line(prompt.short_title), "bold"),
            f"   {clean_line(low)} … {clean_line(high)}",
        )
    else:
        heading = Content.assemble((clean_line(prompt.title or "In their own words"), "bold"))
    asked = f"“{prompt.wording}”"
    if to_a_child and prompt.child_wording:
        asked += f"  To a child: “{prompt.child_wording}”"
    return [Static(heading, classes="rc-question"), Static(literal(asked), classes="rc-wording")]
