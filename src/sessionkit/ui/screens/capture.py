"""During a visit: pick the question and the person, press a digit, and it is recorded.

Keys stay few and fixed (↑↓ question, ←→ or Shift+initial person, a digit for a scale,
Enter for words, lists, choices and levels, Space the family view, P ask something else).
The rules are the `CaptureSession`'s; this screen gathers keys and draws. An answer shows
as recorded only once committed; a write that fails is one line ("Not recorded: ...").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static

from sessionkit.domain import HowGiven, PromptKind, Response
from sessionkit.present.clock import elapsed_words
from sessionkit.services.capture import CaptureSession
from sessionkit.services.capture_keys import FINISHED, NOT_A_KEY, NOT_PLANNED, action_name, refusal
from sessionkit.services.errors import NoAnswerYet, VisitIsFinished
from sessionkit.services.question_marks import question_marks
from sessionkit.services.questions import (
    CHANGE_TALK_KEYS,
    CHANGE_TALK_WORDS,
    Question,
    describe_answer,
    edit_text,
)
from sessionkit.services.visits import clock_minutes, visit_title
from sessionkit.ui.screens.base import SessionkitScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.capture_panels import QuestionPanel, VisitSide

if TYPE_CHECKING:
    from datetime import datetime

    from sessionkit.ui.screens.answer_form import SaidAnswer

ResultT = TypeVar("ResultT")

# Left out of the footer on a finished visit: it is read here, not changed, so the
# footer offers only the keys that still do something.
# fmt: off
RECORDING_ACTIONS = frozenset((
    "digit", "answer", "family_view", "words", "other_answer", "undo", "on_behalf",
    "finish", "worry", "themes", "change_talk", "edit", "pick_prompt", "how_given",
))
# fmt: on


class CaptureScreen(SessionkitScreen[None]):
    CSS_PATH = ["panels.tcss", "plan.tcss"]  # noqa: RUF012 - Textual reads it as a list
    # Below 100 columns the question list narrows so the answers keep their columns.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", id="capture.back"),
        Binding("up,k", "question(-1)", "Question", id="capture.prev_question", show=False),
        Binding("down,j", "question(1)", "Question", id="capture.next_question", show=False),
        Binding("left", "person(-1)", "Person", id="capture.prev_person", show=False),
        Binding("right", "person(1)", "Person", id="capture.next_person", show=False),
        # One binding stands for all ten digits (1-9 are read in on_key), so the keys list
        # says "0-9 Record" once.
        Binding("0", "digit(0)", "Record", id="capture.record", key_display="0-9"),
        Binding("enter", "answer", "Answer", id="capture.answer"),
        Binding("space", "family_view", "Family view", id="capture.family_view"),
        Binding("p", "pick_prompt", "Ask next", id="capture.pick"),
        Binding("w", "words", "Words", id="capture.words"),
        Binding("o", "other_answer", "As said", id="capture.other_answer", show=False),
        Binding("b", "on_behalf", "On behalf", id="capture.on_behalf", show=False),
        Binding("e", "edit", "Edit answer", id="capture.edit", show=False),
        Binding("exclamation_mark", "worry", "Worry", id="capture.worry", key_display="!"),
        Binding(
            "number_sign", "themes", "Themes", id="capture.themes", key_display="#", show=False
        ),
        *(
            Binding(
                key,
                f"change_talk('{key}')",
                f"Change talk: {CHANGE_TALK_WORDS[talk]}",
                id=f"capture.talk_{talk.value}",
                show=False,
            )
            for key, talk in CHANGE_TALK_KEYS.items()
        ),
        Binding("h", "how_given", "How given", id="capture.how_given", show=False),
        Binding("i", "purpose", "Why this tool", id="capture.purpose", show=False),
        Binding("u", "undo", "Undo", id="capture.undo"),
        Binding("f", "finish", "Finish", id="capture.finish"),
        # Not in the footer (no room): the agenda's own title names the key.
        Binding("g", "agenda", "Agenda", id="capture.agenda", show=False),
    ]

    def __init__(self, visit_id: int) -> None:
        super().__init__()
        self.visit_id = visit_id
        self.session: CaptureSession

    @property
    def question(self) -> Question | None:
        return self.session.question

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="visit-title-row"):
            yield Static(id="visit-title", classes="screen-title")
            yield Static(id="visit-clock")
        with Horizontal(id="capture-body"):
            yield VisitSide(id="capture-side")
            yield QuestionPanel(id="answer-panel", classes="panel")
        yield Static(id="status", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        from sessionkit.ui.widgets.agenda import agenda_content

        session = self.session = CaptureSession.load(self.app.store, self.app.pack, self.visit_id)
        session.resume_where_left()
        title = visit_title(session.case.reference, session.number, session.visit)
        self.query_one("#visit-title", Static).update(literal(title))
        # The visit's plan, when it has one: what this visit is for, at a glance.
        plan = session.plan
        agenda = agenda_content(plan, session.goals, self.app.pack) if plan is not None else None
        self.query_one(VisitSide).show_agenda(agenda)
        if not session.questions:
            self.set_status("No questions yet: press P to choose what to ask.")
        self._tick_clock()
        if clock_minutes(session.visit) is not None:
            self.set_interval(30, self._tick_clock)
        self.refresh_view()

    def _tick_clock(self) -> None:
        clock = self.query_one("#visit-clock", Static)
        minutes = clock_minutes(self.session.visit)
        clock.display = minutes is not None
        if minutes is not None:
            clock.update(elapsed_words(minutes))

    def refresh_view(self) -> None:
        session = self.session
        question = session.question
        if question is not None:
            marks = question_marks(
                [q.prompt_id for q in session.questions],
                session.responses,
                session.visit.present_member_ids,
            )
            self.query_one(VisitSide).show_questions(
                session.questions, session.question_index, marks
            )
            self.query_one(QuestionPanel).show(session, question)
            self.refresh_bindings()

    def write(self, not_done: str, change: Callable[[], Response | None]) -> Response | None:
        """Run one write of the session; say what was recorded, or what was not."""
        try:
            saved = self.attempt(not_done, change)
        except VisitIsFinished as refused:  # a form left open while the visit finished
            saved = None
            self.set_status(f"{not_done}: {refused}")
        self.refresh_view()
        if saved is not None:
            self.set_status(f"Recorded {describe_answer(saved, self.session.names())}")
        return saved

    # -- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not hasattr(self, "session"):
            return True  # asked before the visit is loaded
        # The footer offers what the current question takes: digits for a scale, Enter else.
        # Hidden otherwise: the footer offers only keys that do something now.
        return self.why_not(action) is None

    def why_not(self, action: str) -> str | None:
        """Why `action` does nothing now (None: it does something)."""
        if action in RECORDING_ACTIONS and self.session.visit.is_finished:
            return FINISHED  # a finished visit is read here, not changed
        if action == "agenda" and self.session.visit.plan_id is None:
            return NOT_PLANNED
        return refusal(action, self.question, someone=self.session.perspective is not None)

    def action_agenda(self) -> None:
        self.query_one(VisitSide).toggle_agenda()

    def action_question(self, step: int) -> None:
        self.session.move_question(step)
        self.refresh_view()

    @on(OptionList.OptionSelected, "#questions")
    def _question_clicked(self, event: OptionList.OptionSelected) -> None:
        self.session.select_question(event.option_index)
        self.refresh_view()

    def action_person(self, step: int) -> None:
        self.session.move_person(step)
        self.refresh_view()

    def action_on_behalf(self) -> None:
        self.session.cycle_on_behalf()
        self.refresh_view()

    def on_key(self, event: Key) -> None:
        # Runs before the screen's bindings: a key that would do nothing says why instead.
        character = event.character or ""
        bound = self._bindings.key_to_bindings.get(event.key)
        action = action_name(bound[0].action) if bound else None
        if action is None and character and character in "123456789":
            action = "digit"  # one binding shows all ten digits; 1-9 are read here
        elif action is None and character == "W" and "W" not in self.session.keys:
            action = "words"  # with Shift or Caps Lock too, unless W is someone's key
        if action is not None:
            reason = self.why_not(action)
            if reason is not None:
                event.stop()
                self.set_status(reason)
            elif not bound:
                event.stop()
                self.action_words() if action == "words" else self.action_digit(int(character))
        elif len(character) == 1 and character in self.session.keys:
            event.stop()
            # Shift+initial means that person, for themselves; B then chooses for whom.
            if self.session.choose_person(self.session.keys[character]):
                self.refresh_view()
        elif event.is_printable and not self.app.active_bindings.get(event.key):
            # A letter typed as if into a box: never dropped without a word.
            event.stop()
            self.set_status(NOT_A_KEY)

    def action_digit(self, digit: int) -> None:
        question = self.question
        if question is None or self.session.perspective is None or not question.is_scale:
            return
        at = time.monotonic()
        self.write("Not recorded", lambda: self.session.type_digit(digit, at=at))

    def action_words(self) -> None:
        # Always a box: the words join the answer shown, or are an answer of their own.
        self._ask_said(needs_number=False)

    def action_other_answer(self) -> None:
        self._ask_said(needs_number=True)

    def _ask_said(self, *, needs_number: bool, replace: Response | None = None) -> None:
        from sessionkit.ui.screens.answer_form import AnswerFormScreen

        session = self.session
        current = session.current()
        if current is None:
            return
        question, perspective = current
        existing = session.latest(question, perspective)
        initial = existing.text if existing and not needs_number else ""
        if replace is not None:
            initial = edit_text(replace) or initial

        def done(said: SaidAnswer | None) -> None:
            if said is None:
                return
            text, value = said.text, said.value
            if replace is not None:
                self.write("Not changed", lambda: session.edit(replace, text, value))
            else:
                words_only = not needs_number
                self.write(
                    "Not recorded",
                    lambda: session.record_said(
                        question, perspective, text, value, words_only=words_only
                    ),
                )

        who = perspective.label(session.names())
        form = AnswerFormScreen.said(who, needs_number=needs_number, initial=initial)
        self.app.push_screen(form, done)

    def action_answer(self) -> None:
        from sessionkit.ui.screens.choice_answer import ChoiceAnswerScreen
        from sessionkit.ui.screens.gas_answer import GasAnswerScreen
        from sessionkit.ui.screens.list_answer import ListAnswerScreen
        from sessionkit.ui.screens.three_houses import ThreeHousesScreen

        current = self.session.current()
        if current is None:
            return
        question, perspective = current
        session = self.session
        if question.is_gas:
            self._ask(
                GasAnswerScreen.for_answer(session, question, perspective),
                lambda level: session.record_or_replace(question, perspective, value=float(level)),
            )
        elif question.group == "three-houses" and question.kind is PromptKind.LIST:
            # All three houses at once, for one person or one person on behalf of another.
            houses = session.houses(question)
            if houses:
                self._ask(
                    ThreeHousesScreen.for_answer(session, question, perspective),
                    lambda answers: session.record_houses(perspective, houses, answers),
                )
        elif question.kind is PromptKind.LIST:
            self._ask(
                ListAnswerScreen.for_answer(session, question, perspective),
                lambda items: session.record_or_replace(question, perspective, items=items),
            )
        elif question.kind in (PromptKind.CHOICE, PromptKind.CHECKLIST):
            self._ask(
                ChoiceAnswerScreen.for_answer(session, question, perspective),
                lambda chosen: session.record_or_replace(question, perspective, selected=chosen),
            )
        elif not question.is_scale:
            self._ask_said(needs_number=False)

    def action_family_view(self) -> None:
        """Turn the screen to the family: the question and a big scale, nothing else."""
        from sessionkit.ui.screens.family_view import FamilyViewScreen

        current = self.session.current()
        if current is None or not current[0].is_scale:
            return
        question, perspective = current
        self._ask(
            FamilyViewScreen.for_answer(self.session, question, perspective),
            lambda value: self.session.record(
                question, perspective, value=value, given_as=HowGiven.POINTED
            ),
        )

    def _ask(
        self, modal: Screen[ResultT | None], record: Callable[[ResultT], Response | None]
    ) -> None:
        """Open `modal`; what it returns (None: nothing) is recorded with `record`."""

        def done(result: ResultT | None) -> None:
            if result is not None:
                self.write("Not recorded", lambda: record(result))

        self.app.push_screen(modal, done)

    def action_pick_prompt(self) -> None:
        from sessionkit.ui.prompt_keys import PromptChoice
        from sessionkit.ui.screens.prompt_picker import PromptPickerScreen

        question = self.question

        def picked(choice: PromptChoice | None) -> None:
            index = self.session.add_question(choice.prompt.id) if choice else None
            if index is not None:
                self.session.select_question(index)
                self.refresh_view()

        self.app.push_screen(PromptPickerScreen(question.tool_id if question else None), picked)

    # -- tags and flags on the answer just given ----------------------------------------

    def _tag(self, describe: str, change: Callable[[], Response]) -> None:
        try:
            self.write("Not changed", change)
        except NoAnswerYet:
            self.set_status(f"{describe}: record an answer for this person first.")

    def action_change_talk(self, key: str) -> None:
        # Pressing the same category again takes the tag off.
        talk = CHANGE_TALK_KEYS[key]
        self._tag("Change talk", lambda: self.session.toggle_change_talk(talk))

    def action_worry(self) -> None:
        self._tag("Worry", self.session.toggle_worry)

    def action_how_given(self) -> None:  # said, pointed, showed, signed, wrote, said...
        self._tag("How given", self.session.cycle_how_given)

    def action_themes(self) -> None:
        from sessionkit.ui.screens.answer_form import AnswerFormScreen

        try:
            themes = self.session.themes()
        except NoAnswerYet:
            self.set_status("Themes: record an answer for this person first.")
            return

        def done(said: SaidAnswer | None) -> None:
            if said is not None:
                self._tag("Themes", lambda: self.session.set_themes(said.text))

        self.app.push_screen(AnswerFormScreen.themes(themes), done)

    def action_edit(self) -> None:
        """Change the answer shown for this person and question."""
        current = self.session.current()
        if current is None:
            return
        question, perspective = current
        existing = self.session.latest(question, perspective)
        if existing is None:
            self.set_status("Nothing recorded yet for this person and question.")
        elif question.is_scale:
            self._ask_said(needs_number=True, replace=existing)
        else:
            self.action_answer()

    def action_purpose(self) -> None:
        from sessionkit.ui.screens.tool_purpose import ToolPurposeScreen

        question = self.question
        tool = self.app.pack.tool(question.tool_id) if question else None
        if tool is not None:
            self.app.push_screen(ToolPurposeScreen(tool))
        elif question is not None and question.is_gas:
            self.set_status(
                "A goal agreed with the family, with five levels of progress in their own words."
            )
        elif question is not None and question.goal_id is not None:
            self.set_status("A goal agreed with the family, rated 0-10 in their own words.")

    # -- undo, finish, leave ------------------------------------------------------------

    def action_undo(self) -> None:
        if not self.session.can_undo:
            self.set_status("Nothing recorded on this screen to undo.")
            return
        from sessionkit.present.undo import undone_sentence

        undone = self.attempt("Not undone", self.session.undo)
        self.refresh_view()
        if undone is not None:
            sentence = undone_sentence(*undone.parts, self.session.names())
            self.set_status(sentence)
            self.app.notify_literal(sentence)

    def action_finish(self) -> None:
        from sessionkit.ui.screens.finish_visit import ask_end

        def finished(at: datetime | None) -> None:
            if self.attempt("Visit not finished", lambda: self.session.finish(at)) is None:
                return
            from sessionkit.ui.screens.after_visit import AfterVisitScreen

            self.app.notify("Visit finished. Everything recorded is saved.")
            self.dismiss()
            # Straight after: the relationship check, the reflection, the case note.
            self.app.push_screen(AfterVisitScreen(self.visit_id))

        ask_end(self.app, self.session.visit, len(self.session.responses), finished)

    def action_leave(self) -> None:
        if not self.session.visit.is_finished:
            self.app.notify(
                "The visit is still open; everything recorded is saved. "
                "Press V on the case to carry on.",
            )
        self.dismiss()
