"""Start a visit: who is there, and whether it is happening now or being entered afterwards.

A visit written up afterwards also says when it ended (an hour after its start unless
changed): that end, not the moment it is typed up, is the one it gets when finished.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Label, SelectionList

from sessionkit.domain import Member, Visit, now
from sessionkit.services.errors import VisitNotReady
from sessionkit.services.visits import WHEN_FORMAT, default_end, end_text, parse_end
from sessionkit.ui.screens.base import SessionkitModal
from sessionkit.ui.screens.finish_visit import END_LABEL
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput


class StartVisitScreen(FormScreen[Visit], SessionkitModal[Visit | None]):
    form_title = "Start a visit"
    save_label = "Start visit"

    def __init__(
        self,
        case_id: int,
        members: list[Member],
        plan_id: int | None = None,
        expected: list[int] | None = None,
    ) -> None:
        super().__init__()
        self._case_id = case_id
        self._members = members
        self._plan_id = plan_id
        # Ticked to start with: the people the plan expects, else everyone still involved.
        self._expected = expected
        if plan_id is not None:
            self.form_title = "Start the planned visit"

    def compose_fields(self) -> ComposeResult:
        yield Label("Who is there? (space to tick)")
        yield SelectionList[int](
            *(
                (literal(m.description), m.id, self._ticked(m))
                for m in self._members
                if m.id is not None
            ),
            id="present",
        )
        yield Checkbox(
            "This visit already happened: I am writing it up afterwards", id="afterwards"
        )
        yield Label("When it started (YYYY-MM-DD HH:MM)", id="when-label", classes="when")
        started = now()
        yield CleanInput(
            id="when",
            value=started.strftime(WHEN_FORMAT),
            limit=16,
            label="When it started",
            classes="when",
        )
        yield Label(END_LABEL, id="ended-label", classes="when")
        self._offered_end = end_text(default_end(started))
        yield CleanInput(
            id="ended", value=self._offered_end, limit=16, label="When it ended", classes="when"
        )

    def _ticked(self, member: Member) -> bool:
        if not self._expected:
            return member.active
        return member.id in self._expected

    def on_mount(self) -> None:
        super().on_mount()
        self._show_when(False)

    def _show_when(self, shown: bool) -> None:
        for field in self.query(".when"):
            field.display = shown

    @on(Input.Changed, "#when")
    def _start_changed(self, event: Input.Changed) -> None:
        # The end offered follows the start until the worker types an end of their own.
        try:
            started = datetime.strptime(event.value.strip(), WHEN_FORMAT).astimezone()
        except ValueError:
            return
        ended = self.query_one("#ended", Input)
        if ended.value == self._offered_end:
            self._offered_end = ended.value = end_text(default_end(started))

    @on(Checkbox.Changed, "#afterwards")
    def _afterwards_changed(self, event: Checkbox.Changed) -> None:
        self._show_when(event.value)

    def values(self) -> object:
        return (
            tuple(self.query_one("#present", SelectionList).selected),
            self.query_one("#afterwards", Checkbox).value,
            self.query_one("#when", Input).value,
            self.query_one("#ended", Input).value,
        )

    def submit(self) -> Visit | None:
        from sessionkit.services.visits import new_visit, start_visit

        afterwards = self.query_one("#afterwards", Checkbox).value
        try:
            visit = new_visit(
                self._case_id,
                list(self.query_one("#present", SelectionList).selected),
                self.app.pack,
                afterwards=afterwards,
                when=self.query_one("#when", Input).value,
                plan_id=self._plan_id,
            )
            ended = (
                parse_end(self.query_one("#ended", Input).value, visit.started_at)
                if afterwards
                else None
            )
        except VisitNotReady as problem:
            self.show_error(str(problem))
            return None
        visit = visit.model_copy(update={"expected_end": ended})
        # Not started: the form stays open with everything ticked and typed still in it.
        return self.attempt("Visit not started", lambda: start_visit(self.app.store, visit))

    def show_status(self, message: str) -> None:
        # A form says what went wrong under its fields, where the eye already is.
        self.show_error(message)
