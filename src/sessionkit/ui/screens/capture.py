"""During a visit: pick the question and the person, press a digit, and it is recorded.

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
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from sessionkit.domain import EntryMode, Member, Response, Visit, now
from sessionkit.insight.movement import format_value
from sessionkit.ui.capture_model import (
    Perspective,
    Question,
    is_child,
    latest_answer,
    next_on_behalf,
    perspectives,
    scale_questions,
)
from sessionkit.ui.text import cell, literal

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp
    from sessionkit.ui.screens.answer_form import SaidAnswer

WidgetT = TypeVar("WidgetT", bound=Widget)

# A "1" followed by "0" this quickly, for the same person and question, means ten.
TEN_WINDOW_SECONDS = 1.5

RECORDING_ACTIONS = {"digit", "words", "other_answer", "undo", "on_behalf", "finish"}


class CaptureScreen(Screen[None]):
    CSS_PATH = ["panels.tcss", "plan.tcss"]  # noqa: RUF012 - Textual reads it as a list

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", id="capture.back"),
        Binding("up,k", "question(-1)", "Question", id="capture.prev_question", show=False),
        Binding("down,j", "question(1)", "Question", id="capture.next_question", show=False),
        Binding("left", "person(-1)", "Person", id="capture.prev_person", show=False),
        Binding("right", "person(1)", "Person", id="capture.next_person", show=False),
        *(
            Binding(
                str(d),
                f"digit({d})",
                "Record",
                id=f"capture.digit_{d}",
                show=d == 0,
                key_display="0-9",
            )
            for d in range(10)
        ),
        Binding("w", "words", "Words", id="capture.words"),
        Binding("o", "other_answer", "As said", id="capture.other_answer"),
        Binding("b", "on_behalf", "On behalf", id="capture.on_behalf"),
        Binding("u", "undo", "Undo", id="capture.undo"),
        Binding("f", "finish", "Finish", id="capture.finish"),
        # Not in the footer (no room): the agenda's own title names the key.
        Binding("a", "agenda", "Agenda", id="capture.agenda", show=False),
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

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="visit-title", classes="screen-title")
        with Horizontal(id="capture-body"):
            with Vertical(id="capture-side"):
                # The visit's plan, when it has one: what this visit is for, at a glance.
                with Vertical(id="agenda-panel", classes="panel"):
                    yield Static("Agenda · A hides it", id="agenda-title", classes="panel-title")
                    yield Static(id="agenda")
                with Vertical(id="questions-panel", classes="panel"):
                    yield Static("Questions  ↑ ↓", classes="panel-title")
                    yield _unfocusable(OptionList(id="questions"))
            with Vertical(id="answer-panel", classes="panel"):
                yield Static(id="wording")
                yield Static(id="scale-ends")
                yield Static(id="answering")
                yield _unfocusable(DataTable(id="answers", cursor_type="row"))
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

        questions = self.query_one("#questions", OptionList)
        questions.add_options(Option(literal(q.title), id=q.prompt_id) for q in self.questions)
        table = self.query_one("#answers", DataTable)
        table.add_columns(*map(cell, ("Who", "Now", "Their words", "Last time")))
        if not self.questions:
            self.set_status("The active toolpack has no scaling questions and there are no goals.")
        self.refresh_view()

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
        ends = (
            f"{question.scale_min} = {question.min_label or 'lowest'}    "
            f"{question.scale_max} = {question.max_label or 'highest'}"
        )
        self.query_one("#scale-ends", Static).update(literal(ends))
        names = self.names()
        answering = "Answering: " + (perspective.label(names) if perspective else "nobody present")
        answering += "   (← → person, b on whose behalf)"
        self.query_one("#answering", Static).update(literal(answering))

        table = self.query_one("#answers", DataTable)
        table.clear()
        for persp in self.current_perspectives():
            now_answer = latest_answer(self.responses, question.prompt_id, persp)
            before = latest_answer(self.earlier, question.prompt_id, persp)
            table.add_row(
                cell(persp.label(names), "bold"),
                cell(_value_text(now_answer)),
                cell(now_answer.text if now_answer else ""),
                cell(_value_text(before) if before else "not asked before"),
            )
        if table.row_count:
            table.move_cursor(row=self.person_index)

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
            "Agenda · A hides it" if agenda.display else "Agenda · A shows it"
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "agenda":
            return self.visit.plan_id is not None  # hidden when the visit was not planned
        if action in RECORDING_ACTIONS and self.visit.is_finished:
            return None  # shown disabled: a finished visit is read here, not changed
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

    def action_digit(self, digit: int) -> None:
        question, perspective = self.question, self.perspective
        if question is None or perspective is None:
            return
        last = self._last_digit
        if (
            digit == 0
            and last is not None
            and time.monotonic() - last[1] < TEN_WINDOW_SECONDS
            and question.scale_max >= 10
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
        self._ask_said(needs_number=False)

    def action_other_answer(self) -> None:
        self._ask_said(needs_number=True)

    def _ask_said(self, *, needs_number: bool) -> None:
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

        def done(said: SaidAnswer | None) -> None:
            if said is None:
                return
            if not needs_number and existing is not None:
                self._save_update(existing.model_copy(update={"text": said.text}))
            else:
                self._record(question, perspective, value=said.value, text=said.text)

        self.app.push_screen(
            AnswerFormScreen(title, hint, initial=initial, needs_number=needs_number), done
        )

    def _record(
        self, question: Question, perspective: Perspective, *, value: float | None, text: str
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
            goal_id=question.goal_id,
            said_at=self.visit.started_at if afterwards else now(),
            entry=EntryMode.AFTERWARDS if afterwards else EntryMode.LIVE,
        )
        from sessionkit.storage import StoreError

        try:
            saved = self.app.store.record_response(response)
        except StoreError as exc:
            self.set_status(f"NOT recorded: {exc}")
            self.app.bell()
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
                ended = max(now(), self.visit.started_at)
                self.app.store.finish_visit(self.visit_id, ended)
                self.app.notify("Visit finished. Everything recorded is saved.")
                self.dismiss()

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


def _value_text(response: Response | None) -> str:
    if response is None or response.value is None:
        return "–" if response is None else "words only"
    text = format_value(response.value)
    if response.off_scale:
        text += " (off the scale, as said)"
    return text


def _describe(response: Response, names: dict[int, str]) -> str:
    who = names.get(response.answered_by, "someone")
    if response.on_behalf_of is not None:
        who += f" for {names.get(response.on_behalf_of, 'someone')}"
    what = _value_text(response) if response.value is not None else "their words"
    return f"{who}: {what} · {_short(response.wording, 50)} · {response.recorded_at:%H:%M:%S}"
