"""The capture screen's two columns: the agenda and questions, and the question asked.

Nothing here takes focus: every key on the capture screen belongs to the screen (digits
record, arrows move). What is drawn comes from a `CaptureSession`; every word from a
person or a toolpack goes in as data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.services.questions import how_to_answer
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.capture_answers import CaptureAnswers, answer_detail

if TYPE_CHECKING:
    from sessionkit.services.capture import CaptureSession
    from sessionkit.services.questions import Question

AGENDA_SHOWN = "Agenda · G hides it"
AGENDA_FOLDED = "Agenda · G shows it"


class VisitSide(Vertical):
    """The visit's plan as its agenda (when it has one), then the questions it asks."""

    def compose(self) -> ComposeResult:
        with Vertical(id="agenda-panel", classes="panel"):
            yield Static(AGENDA_SHOWN, id="agenda-title", classes="panel-title")
            yield Static(id="agenda")
        with Vertical(id="questions-panel", classes="panel"):
            yield Static("Questions  ↑ ↓", classes="panel-title")
            questions = OptionList(id="questions")
            questions.can_focus = False
            yield questions

    def show_agenda(self, agenda: Content | None) -> None:
        """The agenda, or no panel at all for a visit that was not planned."""
        self.query_one("#agenda-panel").display = agenda is not None
        if agenda is not None:
            self.query_one("#agenda", Static).update(agenda)

    def toggle_agenda(self) -> None:
        # Folded to its title rather than hidden, so the key to bring it back stays in view.
        agenda = self.query_one("#agenda", Static)
        agenda.display = not agenda.display
        title = AGENDA_SHOWN if agenda.display else AGENDA_FOLDED
        self.query_one("#agenda-title", Static).update(title)

    def show_questions(
        self, questions: Sequence[Question], chosen: int, marks: Sequence[str]
    ) -> None:
        """The questions, each after its mark: how many present answered it, as text."""
        options = self.query_one("#questions", OptionList)
        prompts = [
            Content.assemble((mark, "bold"), "  ", literal(question.title))
            for question, mark in zip(questions, marks, strict=True)
        ]
        if options.option_count != len(questions):  # asked something else meanwhile
            options.clear_options()
            options.add_options(
                Option(prompt, id=q.prompt_id) for q, prompt in zip(questions, prompts, strict=True)
            )
        else:
            for index, prompt in enumerate(prompts):
                if options.get_option_at_index(index).prompt != prompt:
                    options.replace_option_prompt_at_index(index, prompt)
        options.highlighted = chosen


FINISHED = "This visit is finished: its answers are shown as they were recorded."


def read_only_help(question: Question) -> str:
    """The line under a question of a finished visit: the scale's ends, no keys to press."""
    if question.is_scale:
        return how_to_answer(question).removesuffix(FAMILY_VIEW_HINT).rstrip()
    return FINISHED


FAMILY_VIEW_HINT = "(Space: show the family)"


class QuestionPanel(Vertical):
    """The question as worded for the person answering, how to answer it, and the table
    of everyone's answers to it."""

    def compose(self) -> ComposeResult:
        yield Static(id="wording")
        yield Static(id="scale-ends")
        yield Static(id="answering")
        yield CaptureAnswers(id="answers")
        # The current person's words in full: the table cuts long ones to keep its columns.
        yield Static(id="answer-detail")
        yield Static(id="capture-hint")

    def show(self, session: CaptureSession, question: Question) -> None:
        perspective = session.perspective
        child = perspective is not None and session.is_child(perspective)
        self.query_one("#wording", Static).update(literal(question.wording_for(child=child)))
        finished = session.visit.is_finished
        ends = read_only_help(question) if finished else how_to_answer(question)
        self.query_one("#scale-ends", Static).update(literal(ends))
        who = perspective.label(session.names()) if perspective else "nobody present"
        if finished:  # only the keys that still work on a visit that is read, not changed
            answering = f"Answers of: {who}   (← → or Shift+letter: person)"
        else:
            answering = f"Answering: {who}   (← → or Shift+letter: person · B: on whose behalf)"
        self.query_one("#answering", Static).update(literal(answering))
        self.query_one("#answers", CaptureAnswers).show(session, question)
        detail = self.query_one("#answer-detail", Static)
        words = answer_detail(session, question)
        detail.display = bool(words)
        detail.update(literal(words))
