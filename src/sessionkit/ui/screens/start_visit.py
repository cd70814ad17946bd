"""Start a visit: who is there, and whether it is happening now or being entered afterwards."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Label, SelectionList

from sessionkit.domain import Member, Visit, now
from sessionkit.services.errors import VisitNotReady
from sessionkit.services.visits import WHEN_FORMAT
from sessionkit.ui.screens.base import SessionkitModal
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
        yield Label("When it started (YYYY-MM-DD HH:MM)", id="when-label")
        yield CleanInput(
            id="when", value=now().strftime(WHEN_FORMAT), limit=16, label="When it started"
        )

    def _ticked(self, member: Member) -> bool:
        if not self._expected:
            return member.active
        return member.id in self._expected

    def on_mount(self) -> None:
        super().on_mount()
        self._show_when(False)

    def _show_when(self, shown: bool) -> None:
        self.query_one("#when-label").display = shown
        self.query_one("#when").display = shown

    @on(Checkbox.Changed, "#afterwards")
    def _afterwards_changed(self, event: Checkbox.Changed) -> None:
        self._show_when(event.value)

    def values(self) -> object:
        return (
            tuple(self.query_one("#present", SelectionList).selected),
            self.query_one("#afterwards", Checkbox).value,
            self.query_one("#when", Input).value,
        )

    def submit(self) -> Visit | None:
        from sessionkit.services.visits import new_visit, start_visit

        try:
            visit = new_visit(
                self._case_id,
                list(self.query_one("#present", SelectionList).selected),
                self.app.pack,
                afterwards=self.query_one("#afterwards", Checkbox).value,
                when=self.query_one("#when", Input).value,
                plan_id=self._plan_id,
            )
        except VisitNotReady as problem:
            self.show_error(str(problem))
            return None
        # Not started: the form stays open with everything ticked and typed still in it.
        return self.attempt("Visit not started", lambda: start_visit(self.app.store, visit))

    def show_status(self, message: str) -> None:
        # A form says what went wrong under its fields, where the eye already is.
        self.show_error(message)
