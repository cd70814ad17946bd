"""Fixing and closing the record from the case screen: a person changed, removed (asked
first, saying what stays) or restored, the case's reference and note, its care status from
a date, closing and reopening it, and discarding an unfinished visit (also offered by the
resume offer, which shares `ask_discard`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from sessionkit.present import casework as said
from sessionkit.services import cases, casework
from sessionkit.ui.screens.base import SessionkitModal, SessionkitScreen

if TYPE_CHECKING:
    from sessionkit.domain import Case, Member, Visit


def ask_discard(
    screen: SessionkitScreen[None] | SessionkitModal[None],
    visit_id: int,
    then: Callable[[], object],
) -> None:
    """Ask before an unfinished visit goes, saying how many answers go with it; Keep is
    the button focused, so Enter on its own loses nothing."""
    from sessionkit.ui.screens.form import ConfirmScreen

    app = screen.app
    answers = screen.attempt("Visit not discarded", lambda: len(app.store.list_responses(visit_id)))
    if answers is None:
        return

    def answered(discard: bool | None) -> None:
        if not discard:
            return
        from sessionkit.services.casework_errors import CaseworkError

        try:
            gone = screen.attempt(
                "Visit not discarded", lambda: casework.discard_visit(app.store, visit_id)
            )
        except CaseworkError as problem:
            app.notify_literal(str(problem), severity="warning")
            return
        if gone is not None:
            app.notify_literal(said.discarded(gone))
            then()

    app.push_screen(
        ConfirmScreen(said.discard_question(answers), yes="Discard", no="Keep it"), answered
    )


class RecordFixing(SessionkitScreen[None]):
    """The case screen's keys and commands that fix or close the record: the base the case
    screen builds on, kept apart so each file has one job."""

    case_id: int
    case: Case | None
    members: list[Member]
    care_history: list[str]

    def reload(self) -> None:
        """Read the case again and show it; the case screen does."""

    def _highlighted_visit(self) -> Visit | None:
        """The visit under the cursor; the case screen knows."""
        return None

    def fixing_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Change a person", "Name, role, age, communication needs (U)", self.action_edit_member
        )
        yield SystemCommand(
            "Remove or restore a person",
            "No longer involved: their answers stay theirs (R)",
            self.action_remove_member,
        )
        yield SystemCommand("Change the case", "Its reference and note (C)", self.action_edit_case)
        yield SystemCommand(
            "Change the care status",
            "From a date, with a note; the history is kept (T)",
            self.action_care_status,
        )
        closed = self.case is not None and self.case.is_closed
        yield SystemCommand(
            "Reopen the case" if closed else "Close the case",
            "Open it again (X)" if closed else "On a date, for a reason (X)",
            self.action_close_case,
        )
        yield SystemCommand(
            "Discard the highlighted visit",
            "An unfinished visit started by mistake, with its answers (D)",
            self.action_discard_visit,
        )

    def _choose_member(self, question: str, then: Callable[[Member], None]) -> None:
        """Ask which person (everyone, removed ones marked); go straight on when one."""
        from sessionkit.ui.screens.chooser import ChooserScreen

        people = [m for m in self.members if m.id is not None]
        if not people:
            self.app.notify("No one yet: press P to add a person.", severity="warning")
            return
        if len(people) == 1:
            then(people[0])
            return

        def picked(member_id: int | None) -> None:
            member = next((m for m in people if m.id == member_id), None)
            if member is not None:
                then(member)

        choices = [(m.id or 0, cases.person_line(m)) for m in people]
        self.app.push_screen(ChooserScreen(question, choices), picked)

    def action_edit_member(self) -> None:
        from sessionkit.ui.screens.member_form import MemberFormScreen

        def chosen(member: Member) -> None:
            self.app.push_screen(MemberFormScreen(self.case_id, member), lambda _: self.reload())

        self._choose_member("Who do you want to change?", chosen)

    def action_remove_member(self) -> None:
        from sessionkit.ui.screens.form import ConfirmScreen

        def chosen(member: Member) -> None:
            if not member.active:
                self._store_change("Not restored", casework.restore_member, member)
                return
            count = self.attempt(
                "Not removed",
                lambda: casework.answers_of(self.app.store, self.case_id, member.id or 0),
            )
            if count is None:
                return

            def answered(remove: bool | None) -> None:
                if remove:
                    self._store_change("Not removed", casework.remove_member, member)

            question = said.removal_question(member.name, count)
            self.app.push_screen(ConfirmScreen(question, yes="Remove", no="Keep them"), answered)

        self._choose_member("Who do you want to remove or restore?", chosen)

    def _store_change(self, not_done: str, change: Callable[..., object], *args: object) -> None:
        """A change made at once (no form): refusals and store errors said in one line."""
        from sessionkit.services.casework_errors import CaseworkError

        try:
            self.attempt(not_done, lambda: change(self.app.store, *args))
        except CaseworkError as problem:
            self.app.notify_literal(str(problem), severity="warning")
        self.reload()

    def action_edit_case(self) -> None:
        from sessionkit.ui.screens.case_form import CaseFormScreen

        if self.case is not None:
            self.app.push_screen(CaseFormScreen(self.case), lambda _: self.reload())

    def action_care_status(self) -> None:
        from sessionkit.ui.screens.care_status import CareStatusScreen

        if self.case is not None:
            self.app.push_screen(
                CareStatusScreen(self.case, self.care_history), lambda _: self.reload()
            )

    def action_close_case(self) -> None:
        from sessionkit.ui.screens.close_case import CloseCaseScreen
        from sessionkit.ui.screens.form import ConfirmScreen

        case = self.case
        if case is None:
            return
        if not case.is_closed:
            self.app.push_screen(CloseCaseScreen(case), lambda _: self.reload())
            return

        def answered(reopen: bool | None) -> None:
            if reopen:
                self._store_change("Not reopened", casework.reopen_case, case)

        self.app.push_screen(
            ConfirmScreen(
                f"Reopen this case? It was {casework.closed_line(case)}.",
                yes="Reopen",
                no="Leave it closed",
            ),
            answered,
        )

    def action_discard_visit(self) -> None:
        visit = self._highlighted_visit()
        if visit is None or visit.id is None:
            return
        if visit.is_finished:
            self.app.notify(
                "A finished visit stays in the record; only an unfinished one can be discarded."
            )
            return
        ask_discard(self, visit.id, self.reload)
