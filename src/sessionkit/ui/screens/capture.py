"""During a visit: pick the question and the person, press a digit, and it is recorded.

Keys stay few and fixed: ↑↓ question, ←→ or Shift+initial person, a digit for a scale,
Enter for words, lists, choices and a goal's level, Space for the family view, P to ask
something else.
An answer shows as recorded only after `Store.record_response` has committed it, so
anything on this screen survives the laptop dying a moment later.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.domain import EntryMode, Member, PromptKind, Response, Visit, clean_line, now
from sessionkit.domain.perspective import Perspective
from sessionkit.insight.movement import format_value
from sessionkit.services.questions import (
    CHANGE_TALK_KEYS,
    CHANGE_TALK_WORDS,
    Question,
    answer_summary,
    gas_level_text,
    is_child,
    is_gas_answer,
    latest_answer,
    next_on_behalf,
    person_keys,
    perspectives,
    question_for,
    scale_questions,
    tag_summary,
)
from sessionkit.ui.text import cell, literal

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp
    from sessionkit.ui.screens.answer_form import SaidAnswer

WidgetT = TypeVar("WidgetT", bound=Widget)

# A "1" followed by "0" this quickly, for the same person and question, means ten.
TEN_WINDOW_SECONDS = 1.5

RECORDING_ACTIONS = {
    "digit",
    "answer",
    "family_view",
    "words",
    "other_answer",
    "undo",
    "on_behalf",
    "finish",
    "worry",
    "themes",
    "change_talk",
    "edit",
}
# A visit clock is shown for a live visit started within this many hours; an older open
# visit is being written up, and a large number there would only alarm.
CLOCK_HOURS = 12


class CaptureScreen(Screen[None]):
    CSS_PATH = ["panels.tcss", "plan.tcss"]  # noqa: RUF012 - Textual reads it as a list

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
        Binding("i", "purpose", "Why this tool", id="capture.purpose", show=False),
        Binding("u", "undo", "Undo", id="capture.undo"),
        Binding("f", "finish", "Finish", id="capture.finish"),
        # Not in the footer (no room): the agenda's own title names the key.
        Binding("g", "agenda", "Agenda", id="capture.agenda", show=False),
    ]

    app: SessionkitApp

    def __init__(self, visit_id: int) -> None:
        super().__init__()
        self.visit_id = visit_id
        self.visit: Visit
        self.members: dict[int, Member] = {}
        self.questions: list[Question] = []
        self.responses: list[Response] = []
        self.earlier: list[Response] = []
        self.question_index = 0
        self.person_index = 0
        self.on_behalf: dict[int, int | None] = {}
        self._recorded_here: list[int] = []
        self._last_digit: tuple[int, float] | None = None
        self.keys: dict[str, int] = {}

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="visit-title-row"):
            yield Static(id="visit-title", classes="screen-title")
            yield Static(id="visit-clock")
        with Horizontal(id="capture-body"):
            with Vertical(id="capture-side"):
                # The visit's plan, when it has one: what this visit is for, at a glance.
                with Vertical(id="agenda-panel", classes="panel"):
                    yield Static("Agenda · G hides it", id="agenda-title", classes="panel-title")
                    yield Static(id="agenda")
                with Vertical(id="questions-panel", classes="panel"):
                    yield Static("Questions  ↑ ↓", classes="panel-title")
                    yield _unfocusable(OptionList(id="questions"))
            with Vertical(id="answer-panel", classes="panel"):
                yield Static(id="wording")
                yield Static(id="scale-ends")
                yield Static(id="answering")
                yield _unfocusable(DataTable(id="answers", cursor_type="row"))
                yield Static(id="capture-hint")
        yield Static(id="status", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        store = self.app.store
        self.visit = store.get_visit(self.visit_id)
        assert self.visit.case_id is not None
        case = store.get_case(self.visit.case_id)
        self.members = {
            m.id: m for m in store.list_members(case.id or 0, include_inactive=True) if m.id
        }
        self.questions = scale_questions(self.app.pack, store.list_goals(self.visit.case_id))
        everything = store.responses_for_case(self.visit.case_id)
        self.responses = [r for r in everything if r.visit_id == self.visit_id]
        self._add_planned_and_answered_questions()
        present = [self.members[i] for i in self.visit.present_member_ids if i in self.members]
        self.keys = person_keys(present)
        visits = store.list_visits(self.visit.case_id)
        earlier_ids = {v.id for v in visits if v.started_at < self.visit.started_at}
        self.earlier = [r for r in everything if r.visit_id in earlier_ids]
        number = next((i for i, v in enumerate(visits, 1) if v.id == self.visit_id), 0)

        title = f"{case.reference} · visit {number} · "
        if self.visit.entry is EntryMode.AFTERWARDS:
            title += f"written up afterwards, for {self.visit.started_at:%d %b %Y %H:%M}"
        else:
            title += f"started {self.visit.started_at:%d %b %Y %H:%M}"
        if self.visit.is_finished:
            title += " · finished (answers shown as recorded)"
        self.query_one("#visit-title", Static).update(literal(title))
        self._show_agenda()

        self._fill_question_list()
        table = self.query_one("#answers", DataTable)
        table.add_columns(*map(cell, ("Who", "Now", "Their words", "Tags", "Last time")))
        if not self.questions:
            self.set_status("No questions yet: press P to choose what to ask.")
        self._tick_clock()
        if self._clock_running():
            self.set_interval(30, self._tick_clock)
        self.refresh_view()

    def _add_planned_and_answered_questions(self) -> None:
        """The plan's tools and anything already answered (a resumed visit) join the list."""
        pack = self.app.pack
        wanted: list[str] = []
        if self.visit.plan_id is not None:
            plan = self.app.store.get_plan(self.visit.plan_id)
            for planned in plan.tools:
                tool = pack.tool(planned.tool_id)
                if tool is not None and tool.group != "reflection":
                    wanted += [p.id for p in tool.prompts]
        wanted += [r.prompt_id for r in self.responses]
        for prompt_id in wanted:
            self._add_question(prompt_id)

    def _add_question(self, prompt_id: str) -> int | None:
        """Add a pack prompt to this visit's questions (once); its index, or None."""
        for index, known in enumerate(self.questions):
            if known.prompt_id == prompt_id:
                return index
        found = self.app.pack.find_prompt(prompt_id, include_hidden=True)
        if found is None:
            return None
        self.questions.append(question_for(*found))
        return len(self.questions) - 1

    def _fill_question_list(self) -> None:
        options = self.query_one("#questions", OptionList)
        options.clear_options()
        options.add_options(Option(literal(q.title), id=q.prompt_id) for q in self.questions)

    # -- state --------------------------------------------------------------------------

    @property
    def question(self) -> Question | None:
        return self.questions[self.question_index] if self.questions else None

    def current_perspectives(self) -> list[Perspective]:
        question = self.question
        if question is None:
            return []
        # On-behalf answers from earlier visits keep their row, so "last time" is in view.
        found = perspectives(
            self.visit.present_member_ids, [*self.earlier, *self.responses], question.prompt_id
        )
        for member_id, target in self.on_behalf.items():
            chosen = Perspective(member_id, target)
            if target is not None and chosen not in found:
                found.append(chosen)
        return found

    @property
    def perspective(self) -> Perspective | None:
        persp = self._answering_rows()
        if not persp:
            return None
        self.person_index %= len(persp)
        return persp[self.person_index]

    def _answering_rows(self) -> list[Perspective]:
        return self.current_perspectives()

    def names(self) -> dict[int, str]:
        return {mid: m.name for mid, m in self.members.items()}

    # -- drawing ------------------------------------------------------------------------

    def refresh_view(self) -> None:
        question = self.question
        options = self.query_one("#questions", OptionList)
        if question is None:
            return
        options.highlighted = self.question_index
        perspective = self.perspective
        child = perspective is not None and is_child(self.members, perspective)
        self.query_one("#wording", Static).update(literal(question.wording_for(child=child)))
        self.query_one("#scale-ends", Static).update(literal(_how_to_answer(question)))
        names = self.names()
        key_of = {member_id: key for key, member_id in self.keys.items()}
        answering = "Answering: " + (perspective.label(names) if perspective else "nobody present")
        answering += "   (← → or Shift+letter: person · B: on whose behalf)"
        self.query_one("#answering", Static).update(literal(answering))

        table = self.query_one("#answers", DataTable)
        table.clear()
        for persp in self.current_perspectives():
            now_answer = latest_answer(self.responses, question.prompt_id, persp)
            before = latest_answer(self.earlier, question.prompt_id, persp)
            key = key_of.get(persp.answered_by, " ") if persp.on_behalf_of is None else " "
            table.add_row(
                cell(f"{key} {persp.label(names)}", "bold"),
                cell(_value_text(now_answer)),
                cell(answer_summary(now_answer) if now_answer else ""),
                # A worry stands out by weight and the ⚑ word, not by colour alone.
                cell(
                    tag_summary(now_answer) if now_answer else "",
                    "bold reverse" if now_answer is not None and now_answer.worry else "",
                ),
                cell(_value_text(before) if before else "not asked before"),
            )
        if table.row_count:
            table.move_cursor(row=self.person_index)
        self.refresh_bindings()

    def set_status(self, message: str) -> None:
        self.query_one("#status", Static).update(literal(message))

    # -- actions ------------------------------------------------------------------------

    def _show_agenda(self) -> None:
        from sessionkit.ui.agenda import agenda_text

        panel = self.query_one("#agenda-panel")
        plan_id = self.visit.plan_id
        panel.display = plan_id is not None
        if plan_id is None:
            return
        store = self.app.store
        plan = store.get_plan(plan_id)
        goals = store.list_goals(self.visit.case_id or 0)
        self.query_one("#agenda", Static).update(agenda_text(plan, goals, self.app.pack))

    def action_agenda(self) -> None:
        # Folded to its title rather than hidden, so the key to bring it back stays in view.
        agenda = self.query_one("#agenda", Static)
        agenda.display = not agenda.display
        self.query_one("#agenda-title", Static).update(
            "Agenda · G hides it" if agenda.display else "Agenda · G shows it"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "agenda":
            return self.visit.plan_id is not None  # hidden when the visit was not planned
        if action in RECORDING_ACTIONS and self.visit.is_finished:
            return None  # shown disabled: a finished visit is read here, not changed
        question = self.question if self.is_mounted else None
        scale = question is not None and question.is_scale
        # The footer offers what the current question takes: digits for a scale, Enter else.
        if action in ("digit", "family_view"):
            return scale
        if action == "answer":
            return question is not None and not scale
        if action == "other_answer":
            # A goal's level is one of its five, chosen with Enter: never a number typed.
            return not (question is not None and question.is_gas)
        return True

    def action_question(self, step: int) -> None:
        if self.questions:
            self.question_index = (self.question_index + step) % len(self.questions)
            self._last_digit = None
            self.refresh_view()

    @on(OptionList.OptionSelected, "#questions")
    def _question_clicked(self, event: OptionList.OptionSelected) -> None:
        self.question_index = event.option_index
        self.refresh_view()

    def action_person(self, step: int) -> None:
        rows = self._answering_rows()
        if rows:
            self.person_index = (self.person_index + step) % len(rows)
            self._last_digit = None
            self.refresh_view()

    def action_on_behalf(self) -> None:
        perspective = self.perspective
        if perspective is None:
            return
        members = [m for m in self.members.values() if m.active]
        target = next_on_behalf(members, perspective.answered_by, perspective.on_behalf_of)
        self.on_behalf[perspective.answered_by] = target
        rows = self._answering_rows()
        wanted = Perspective(perspective.answered_by, target)
        self.person_index = rows.index(wanted) if wanted in rows else 0
        self.refresh_view()

    def on_key(self, event: Key) -> None:
        character = event.character or ""
        question = self.question if self.is_mounted else None
        if question is not None and question.is_gas and character and character in "0123456789 ":
            # The keys that answer a 0-10 scale record nothing here: say what does.
            event.stop()
            self._gas_hint(family_view=character == " ")
        elif character in "123456789" and character and self.check_action("digit", ()):
            event.stop()
            self.action_digit(int(character))
        elif len(character) == 1 and character in self.keys:
            event.stop()
            self._choose_person(self.keys[character])

    def _gas_hint(self, *, family_view: bool) -> None:
        if self.visit.is_finished:
            return
        if family_view:
            self.set_status(
                "The family view is for 0-10 scales. Press Enter to choose the goal's level: "
                "the five levels are in the family's words."
            )
        else:
            self.set_status("Press Enter to choose the goal's level.")

    def _choose_person(self, member_id: int) -> None:
        # Shift+initial means that person, for themselves; B then chooses for whom.
        self.on_behalf.pop(member_id, None)
        rows = self._answering_rows()
        wanted = Perspective(member_id)
        if wanted in rows:
            self.person_index = rows.index(wanted)
            self._last_digit = None
            self.refresh_view()

    def action_digit(self, digit: int) -> None:
        question, perspective = self.question, self.perspective
        if question is None or perspective is None or not question.is_scale:
            return
        last = self._last_digit
        if (
            digit == 0
            and last is not None
            and time.monotonic() - last[1] < TEN_WINDOW_SECONDS
            and (question.scale_max or 0) >= 10
        ):
            # "1" then "0": the answer was ten; amend the "1" just recorded.
            self._last_digit = None
            previous = next((r for r in self.responses if r.id == last[0]), None)
            if previous is not None and previous.value == 1:
                self._save_update(previous.model_copy(update={"value": 10.0}))
                return
        response = self._record(question, perspective, value=float(digit), text="")
        if response is not None and digit == 1 and response.id is not None:
            self._last_digit = (response.id, time.monotonic())

    def action_words(self) -> None:
        current = self._current()
        if current is not None and current[0].is_gas and self._existing(*current) is None:
            # Every answer to a goal's level question holds a level; words join one.
            self.set_status("Choose the goal's level first (Enter); then W adds their words.")
            return
        self._ask_said(needs_number=False)

    def action_other_answer(self) -> None:
        self._ask_said(needs_number=True)

    def _ask_said(self, *, needs_number: bool, replace: Response | None = None) -> None:
        from sessionkit.ui.screens.answer_form import AnswerFormScreen

        question, perspective = self.question, self.perspective
        if question is None or perspective is None:
            return
        existing = latest_answer(self.responses, question.prompt_id, perspective)
        who = perspective.label(self.names())
        if needs_number:
            title = f"{who}: an answer in their own words"
            hint = "Type it as said, starting with the number (e.g. '500 out of 10')."
        else:
            title = f"{who}: their own words"
            hint = "Type what they said, as they said it."
        initial = existing.text if existing and not needs_number else ""
        if replace is not None and replace.value is not None:
            initial = f"{format_value(replace.value)} {replace.text}".strip()

        def done(said: SaidAnswer | None) -> None:
            if said is None:
                return
            if replace is not None:
                # Kept as typed, unless it is only the number (then there are no words).
                number_only = said.value is not None and said.text == format_value(said.value)
                update = {"value": said.value, "text": "" if number_only else said.text}
                self._save_update(replace.model_copy(update=update))
            elif not needs_number and existing is not None:
                self._save_update(existing.model_copy(update={"text": said.text}))
            else:
                self._record(question, perspective, value=said.value, text=said.text)

        self.app.push_screen(
            AnswerFormScreen(title, hint, initial=initial, needs_number=needs_number), done
        )

    def _record(
        self,
        question: Question,
        perspective: Perspective,
        *,
        value: float | None = None,
        text: str = "",
        items: list[str] | None = None,
        selected: list[str] | None = None,
    ) -> Response | None:
        child = is_child(self.members, perspective)
        afterwards = self.visit.entry is EntryMode.AFTERWARDS
        response = Response(
            visit_id=self.visit_id,
            prompt_id=question.prompt_id,
            tool_id=question.tool_id,
            pack_id=self.visit.pack_id if question.goal_id is None else "",
            pack_version=self.visit.pack_version if question.goal_id is None else "",
            wording=question.wording_for(child=child),
            answered_by=perspective.answered_by,
            on_behalf_of=perspective.on_behalf_of,
            value=value,
            scale_min=question.scale_min,
            scale_max=question.scale_max,
            text=text,
            items=items or [],
            selected=selected or [],
            goal_id=question.goal_id,
            said_at=self.visit.started_at if afterwards else now(),
            entry=EntryMode.AFTERWARDS if afterwards else EntryMode.LIVE,
        )
        from sessionkit.storage import StoreError

        try:
            saved = self.app.store.record_response(response)
        except StoreError as exc:
            # Said in words on the status line; nothing on this screen makes a sound.
            self.set_status(f"NOT recorded: {exc}")
            return None
        self.responses.append(saved)
        if saved.id is not None:
            self._recorded_here.append(saved.id)
        self.refresh_view()
        self.set_status(f"Recorded {_describe(saved, self.names())}")
        return saved

    def _save_update(self, response: Response) -> None:
        from sessionkit.storage import StoreError

        response = response.model_copy(update={"edited_at": now()})
        try:
            saved = self.app.store.update_response(response)
        except StoreError as exc:
            self.set_status(f"NOT changed: {exc}")
            return
        self.responses = [saved if r.id == saved.id else r for r in self.responses]
        self.refresh_view()
        self.set_status(f"Recorded {_describe(saved, self.names())}")

    # -- answers of every kind -------------------------------------------------------

    def _current(self) -> tuple[Question, Perspective] | None:
        question, perspective = self.question, self.perspective
        if question is None or perspective is None:
            return None
        return question, perspective

    def _existing(self, question: Question, perspective: Perspective) -> Response | None:
        return latest_answer(self.responses, question.prompt_id, perspective)

    def _record_or_update(
        self, question: Question, perspective: Perspective, **fields: object
    ) -> None:
        """A list, choice or words answer replaces this visit's earlier one for the same
        person and question; the first one is recorded."""
        existing = self._existing(question, perspective)
        if existing is not None:
            self._save_update(existing.model_copy(update=fields))
        else:
            self._record(question, perspective, **fields)  # type: ignore[arg-type]

    def action_answer(self) -> None:
        current = self._current()
        if current is None:
            return
        question, perspective = current
        if question.is_gas:
            self._gas_answer(question, perspective)
        elif question.group == "three-houses" and question.kind is PromptKind.LIST:
            self._three_houses(question, perspective)
        elif question.kind is PromptKind.LIST:
            self._list_answer(question, perspective)
        elif question.kind in (PromptKind.CHOICE, PromptKind.CHECKLIST):
            self._choice_answer(question, perspective)
        elif not question.is_scale:
            self._ask_said(needs_number=False)

    def _list_answer(self, question: Question, perspective: Perspective) -> None:
        from sessionkit.ui.screens.list_answer import ListAnswerScreen

        existing = self._existing(question, perspective)
        child = is_child(self.members, perspective)

        def done(items: list[str] | None) -> None:
            if items is not None:
                self._record_or_update(question, perspective, items=items)

        self.app.push_screen(
            ListAnswerScreen(
                perspective.label(self.names()),
                question.wording_for(child=child),
                list(existing.items) if existing else None,
            ),
            done,
        )

    def _three_houses(self, question: Question, perspective: Perspective) -> None:
        """All three houses at once, for one person or one person on behalf of another."""
        from sessionkit.ui.screens.three_houses import ThreeHousesScreen

        tool = self.app.pack.tool(question.tool_id)
        if tool is None:
            return
        child = is_child(self.members, perspective)
        houses = [question_for(tool, p) for p in tool.prompts if p.kind is PromptKind.LIST]
        prompts = []
        for house in houses:
            existing = self._existing(house, perspective)
            prompts.append(
                (
                    house.prompt_id,
                    house.wording_for(child=child),
                    list(existing.items) if existing else [],
                )
            )

        def done(answers: dict[str, list[str]] | None) -> None:
            if answers is None:
                return
            for house in houses:
                self._add_question(house.prompt_id)
                if house.prompt_id in answers:
                    self._record_or_update(house, perspective, items=answers[house.prompt_id])
            self._fill_question_list()
            self.refresh_view()

        self.app.push_screen(ThreeHousesScreen(perspective.label(self.names()), prompts), done)

    def _choice_answer(self, question: Question, perspective: Perspective) -> None:
        from sessionkit.ui.screens.choice_answer import ChoiceAnswerScreen

        existing = self._existing(question, perspective)
        child = is_child(self.members, perspective)

        def done(selected: list[str] | None) -> None:
            if selected is not None:
                self._record_or_update(question, perspective, selected=selected)

        self.app.push_screen(
            ChoiceAnswerScreen(
                perspective.label(self.names()),
                question.wording_for(child=child),
                list(question.options),
                question.kind is PromptKind.CHECKLIST,
                list(existing.selected) if existing else None,
            ),
            done,
        )

    def _gas_answer(self, question: Question, perspective: Perspective) -> None:
        """Which of the goal's five levels has been reached, chosen from the levels."""
        from sessionkit.ui.screens.gas_answer import GasAnswerScreen

        existing = self._existing(question, perspective)

        def done(level: int | None) -> None:
            if level is not None:
                self._record_or_update(question, perspective, value=float(level))

        self.app.push_screen(
            GasAnswerScreen(
                perspective.label(self.names()),
                question.wording,
                list(question.gas_levels),
                existing.value if existing else None,
            ),
            done,
        )

    def action_family_view(self) -> None:
        """Turn the screen to the family: the question and a big scale, nothing else."""
        from sessionkit.ui.screens.family_view import FamilyViewScreen

        current = self._current()
        if current is None or not current[0].is_scale:
            return
        question, perspective = current
        existing = self._existing(question, perspective)
        child = is_child(self.members, perspective)

        def done(value: float | None) -> None:
            if value is not None:
                self._record(question, perspective, value=value)

        self.app.push_screen(
            FamilyViewScreen(
                question.wording_for(child=child),
                question.scale_min or 0,
                question.scale_max or 10,
                question.min_label,
                question.max_label,
                existing.value if existing else None,
            ),
            done,
        )

    def action_pick_prompt(self) -> None:
        from sessionkit.ui.prompt_keys import PromptChoice
        from sessionkit.ui.screens.prompt_picker import PromptPickerScreen

        question = self.question

        def picked(choice: PromptChoice | None) -> None:
            if choice is None:
                return
            index = self._add_question(choice.prompt.id)
            if index is None:
                return
            self._fill_question_list()
            self.question_index = index
            self._last_digit = None
            self.refresh_view()

        self.app.push_screen(PromptPickerScreen(question.tool_id if question else None), picked)

    # -- tags and flags on the answer just given ----------------------------------------

    def _tag_latest(self, describe: str, **update: object) -> None:
        current = self._current()
        existing = self._existing(*current) if current else None
        if existing is None:
            self.set_status(f"{describe}: record an answer for this person first.")
            return
        self._save_update(existing.model_copy(update=update))

    def action_change_talk(self, key: str) -> None:
        talk = CHANGE_TALK_KEYS[key]
        current = self._current()
        existing = self._existing(*current) if current else None
        # Pressing the same category again takes the tag off.
        chosen = None if existing is not None and existing.change_talk is talk else talk
        self._tag_latest("Change talk", change_talk=chosen)

    def action_worry(self) -> None:
        current = self._current()
        existing = self._existing(*current) if current else None
        self._tag_latest("Worry", worry=not (existing.worry if existing else False))

    def action_themes(self) -> None:
        from sessionkit.ui.screens.answer_form import AnswerFormScreen

        current = self._current()
        existing = self._existing(*current) if current else None
        if existing is None:
            self.set_status("Themes: record an answer for this person first.")
            return

        def done(said: SaidAnswer | None) -> None:
            if said is not None:
                tags = [clean_line(t) for t in said.text.split(",") if clean_line(t)]
                self._tag_latest("Themes", tags=tags)

        self.app.push_screen(
            AnswerFormScreen(
                "Themes for this answer",
                "A few words, separated by commas (e.g. school, sleep).",
                initial=", ".join(existing.tags),
                needs_number=False,
            ),
            done,
        )

    def action_edit(self) -> None:
        """Change the answer shown for this person and question."""
        current = self._current()
        if current is None:
            return
        question, perspective = current
        existing = self._existing(question, perspective)
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

    # -- the visit clock ----------------------------------------------------------------

    def _clock_running(self) -> bool:
        if self.visit.is_finished or self.visit.entry is EntryMode.AFTERWARDS:
            return False
        return (now() - self.visit.started_at).total_seconds() < CLOCK_HOURS * 3600

    def _tick_clock(self) -> None:
        clock = self.query_one("#visit-clock", Static)
        if not self._clock_running():
            clock.display = False
            return
        minutes = int((now() - self.visit.started_at).total_seconds() // 60)
        clock.update(f"{minutes // 60}:{minutes % 60:02d} in")

    def action_undo(self) -> None:
        if not self._recorded_here:
            self.set_status("Nothing recorded on this screen to undo.")
            return
        response_id = self._recorded_here.pop()
        removed = next((r for r in self.responses if r.id == response_id), None)
        self.app.store.delete_response(response_id)
        self.responses = [r for r in self.responses if r.id != response_id]
        self._last_digit = None
        self.refresh_view()
        if removed is not None:
            self.set_status(f"Removed {_describe(removed, self.names())}")

    def action_finish(self) -> None:
        from sessionkit.ui.screens.form import ConfirmScreen

        def answered(finish: bool | None) -> None:
            if finish:
                from sessionkit.ui.screens.after_visit import AfterVisitScreen

                ended = max(now(), self.visit.started_at)
                self.app.store.finish_visit(self.visit_id, ended)
                self.app.notify("Visit finished. Everything recorded is saved.")
                self.dismiss()
                # Straight after: the relationship check, the reflection, the case note.
                self.app.push_screen(AfterVisitScreen(self.visit_id))

        count = len(self.responses)
        self.app.push_screen(
            ConfirmScreen(
                f"Finish this visit? {count} answer(s) recorded.", yes="Finish", no="Not yet"
            ),
            answered,
        )

    def action_leave(self) -> None:
        if not self.visit.is_finished:
            self.app.notify(
                "The visit is still open; everything recorded is saved. "
                "Press V on the case to carry on.",
            )
        self.dismiss()


def _unfocusable(widget: WidgetT) -> WidgetT:
    # Every key on this screen belongs to the screen's bindings: digits record, arrows move.
    widget.can_focus = False
    return widget


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _how_to_answer(question: Question) -> str:
    """The line under the question: the scale's ends in the family's words, or what to press."""
    if question.is_scale:
        return (
            f"{question.scale_min} = {question.min_label or 'lowest'}    "
            f"{question.scale_max} = {question.max_label or 'highest'}    "
            "(Space: show the family)"
        )
    if question.is_gas:
        return "Five levels in the family's words: press Enter to choose one."
    if question.kind is PromptKind.LIST:
        return "A list: press Enter to write it down, one line each."
    if question.kind in (PromptKind.CHOICE, PromptKind.CHECKLIST):
        return "Choices: press Enter to pick."
    return "Their own words: press Enter or W to write them down."


def _value_text(response: Response | None) -> str:
    if response is None:
        return "–"
    if response.value is None:
        if response.items:
            return f"{len(response.items)} listed"
        return "chosen" if response.selected else "words"
    if is_gas_answer(response):
        text = gas_level_text(response.value)
    else:
        text = format_value(response.value)
    if response.off_scale:
        text += " (off the scale, as said)"
    return text


def _describe(response: Response, names: dict[int, str]) -> str:
    who = names.get(response.answered_by, "someone")
    if response.on_behalf_of is not None:
        who += f" for {names.get(response.on_behalf_of, 'someone')}"
    what = _value_text(response) if response.value is not None else "their words"
    if response.items:
        what = f"{len(response.items)} listed"
    tags = tag_summary(response)
    if tags:
        what += f" [{tags}]"
    when = f"{response.recorded_at:%H:%M:%S}"
    if response.entry is EntryMode.AFTERWARDS:
        when += ", entered afterwards"
    return f"{who}: {what} · {_short(response.wording, 50)} · {when}"
