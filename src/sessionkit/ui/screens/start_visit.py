"""Start a visit: who is there, and whether it is happening now or being entered afterwards."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Label, SelectionList

from sessionkit.domain import EntryMode, Member, Visit, now
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.ui.app import SessionkitApp

WHEN_FORMAT = "%Y-%m-%d %H:%M"


class StartVisitScreen(FormScreen[Visit]):
    form_title = "Start a visit"
    save_label = "Start visit"
    app: SessionkitApp

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
        yield Input(id="when", value=now().strftime(WHEN_FORMAT), max_length=16)

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
        present = list(self.query_one("#present", SelectionList).selected)
        if not present:
            self.show_error("Tick at least one person who is there.")
            return None
        afterwards = self.query_one("#afterwards", Checkbox).value
        started = now()
        if afterwards:
            text = self.query_one("#when", Input).value.strip()
            try:
                started = datetime.strptime(text, WHEN_FORMAT).astimezone()
            except ValueError:
                self.show_error("When: write the date and time as YYYY-MM-DD HH:MM.")
                return None
            if started > now():
                self.show_error("When: a visit written up afterwards cannot be in the future.")
                return None
        visit = Visit(
            case_id=self._case_id,
            plan_id=self._plan_id,
            started_at=started,
            entry=EntryMode.AFTERWARDS if afterwards else EntryMode.LIVE,
            present_member_ids=present,
            pack_id=self.app.pack.id,
            pack_version=self.app.pack.version,
        )
        return self.app.store.start_visit(visit)
