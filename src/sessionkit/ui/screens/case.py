"""One family: the people, the goals agreed with them, and the visits so far."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from sessionkit.domain import Case, Goal, Member, Visit
from sessionkit.present.columns import fit
from sessionkit.services import cases, casework
from sessionkit.ui.screens.case_fixes import RecordFixing
from sessionkit.ui.text import cell, literal, template
from sessionkit.ui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from sessionkit.toolpacks import ResolvedPack
    from sessionkit.ui.movement_ready import ReportKey


class CaseScreen(RecordFixing):
    CSS_PATH = "panels.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="case.back"),
        Binding("v", "visit", "Visit", id="case.visit", tooltip="Start or resume a visit"),
        Binding("p", "add_member", "Person", id="case.add_member", tooltip="Add a person"),
        Binding("g", "add_goal", "Goal", id="case.add_goal", tooltip="Add a goal"),
        Binding("l", "plan", "Plan", id="case.plan"),
        Binding("m", "movement", "Movement", id="case.movement"),
        Binding("w", "after_visit", "Write up", id="case.after_visit", show=False),
        Binding("n", "save_note", "Case note to a file", id="case.save_note", show=False),
        Binding("e", "edit_goal", "Change a goal", id="case.edit_goal", show=False),
        Binding("a", "goal_status", "Goal status", id="case.goal_status", show=False),
        # Short words: with the keys above they must fit a 110-column footer. C and T are
        # named in the case panel's title instead.
        Binding("u", "edit_member", "Edit", id="case.edit_member", tooltip="Change a person"),
        Binding(
            "r", "remove_member", "Remove", id="case.remove_member", tooltip="Remove or restore"
        ),
        Binding("c", "edit_case", "Case", id="case.edit_case", show=False),
        Binding("t", "care_status", "Care status", id="case.care_status", show=False),
        Binding("x", "close_case", "Close", id="case.close", tooltip="Close or reopen"),
        Binding("d", "discard_visit", "Discard", id="case.discard_visit", tooltip="A visit"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.members: list[Member] = []
        self.goals: list[Goal] = []
        self.visits: list[Visit] = []
        self.case: Case | None = None
        self.care_history: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="case-title", classes="screen-title")
        yield Static(id="case-subtitle", classes="screen-subtitle")
        with Horizontal(id="case-top"):
            with Vertical(classes="panel", id="people-panel"):
                yield Static("People · U edits · R removes", classes="panel-title")
                yield Static(id="people", classes="panel-body")
            with Vertical(classes="panel", id="goals-panel"):
                yield Static("Goals · E changes one · A achieved, paused…", classes="panel-title")
                yield Static(id="goals", classes="panel-body")
            with Vertical(classes="panel", id="care-panel"):
                yield Static("Case · C edits · T care", classes="panel-title")
                yield Static(id="care-history", classes="panel-body")
        with Vertical(classes="panel", id="visits-panel"):
            yield Static("Visits", classes="panel-title")
            yield DataTable(id="visits", cursor_type="row", zebra_stripes=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        labels = ("#", "When", "How", "Who was there", "Answers", "State")
        self.query_one("#visits", DataTable).add_columns(*map(cell, labels))
        self.query_one("#visits", DataTable).focus()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the one place the case is read.
        self.reload()
        self.prepare_movement()

    def prepare_movement(self) -> None:
        """Work out this family's movement in a thread, so M opens it at once."""
        from sessionkit.ui.movement_ready import report_key

        app = self.app
        pack = app.pack
        # Taken before anything is read: a write from here on makes the report unused.
        key = report_key(app.store, self.case_id, pack)
        if app.ready_movement.get(key) is None:
            self._work_out_movement(key, pack)

    @work(thread=True, exclusive=True, group="movement", exit_on_error=False)
    def _work_out_movement(self, key: ReportKey, pack: ResolvedPack) -> None:
        from sessionkit.ui.movement_ready import draw_ahead, read_report_apart

        window = (self.app.size.width, self.app.size.height)
        try:
            report = read_report_apart(self.app.store.path, key[0], pack)
            draw_ahead(report, window)
        except Exception:
            # Only a head start: the movement screen reads and draws itself when opened.
            return
        if not get_current_worker().is_cancelled:
            self.app.ready_movement.put(key, pack, report)
            # The report is tens of thousands of new objects that will live as long as
            # the case is open: they leave the collector a full pass to make. Made now,
            # while the practitioner reads the case, it does not land on the press of M.
            if gc.isenabled():
                gc.collect()

    def reload(self) -> None:
        overview = cases.case_overview(self.app.store, self.case_id)
        case = overview.case
        self.case = case
        history = self.app.store.care_status_history(self.case_id)
        self.care_history = casework.care_history_lines(history)
        self.members = overview.members
        self.goals = overview.goals
        self.visits = overview.visits
        answers = overview.answer_counts
        names: dict[int | None, str] = {m.id: m.name for m in self.members}

        self.query_one("#case-title", Static).update(literal(case.reference))
        opened = case.opened_on.strftime("%d %b %Y")
        subtitle = f"{case.care_status_label} · open since {opened}"
        if case.is_closed:
            subtitle = f"{case.care_status_label} · opened {opened} · {casework.closed_line(case)}"
        if case.summary:
            subtitle += f" · {case.summary}"
        self.query_one("#case-subtitle", Static).update(literal(subtitle))

        people = [cases.person_line(m) for m in self.members if m.active]
        removed = [m.name for m in self.members if not m.active]
        if removed:
            # Apart, so no one reads a removed person as one of those involved now.
            people += ["", "Removed (R restores): " + ", ".join(removed)]
        self.query_one("#people", Static).update(
            literal("\n".join(people) or "No one yet: press P to add a person.")
        )
        self.query_one("#care-history", Static).update(
            literal("\n".join(self.care_history) or "No care status recorded.")
        )
        goals = [cases.goal_line(g, names) for g in self.goals]
        self.query_one("#goals", Static).update(
            literal("\n".join(goals) or "No goals yet: press G to add one.")
        )

        table = self.query_one("#visits", DataTable)
        table.clear()
        for place, visit in enumerate(self.visits, start=1):
            # Cut with a mark so the count and state always show; the visit view names all.
            who = fit(", ".join(names.get(i, "?") for i in visit.present_member_ids), 24)
            table.add_row(
                cell(str(visit.number or place)),  # the visit's number for good
                cell(visit.started_at.strftime("%d %b %Y %H:%M")),
                cell("live" if visit.entry.value == "live" else "afterwards"),
                cell(who),
                cell(str(answers.get(visit.id or 0, 0))),
                cell(
                    "finished" if visit.is_finished else "UNFINISHED",
                    "" if visit.is_finished else "bold",
                ),
                key=str(visit.id),
            )
        if self.visits:
            table.move_cursor(row=len(self.visits) - 1)
        self._update_hint()

    def action_after_visit(self) -> None:
        """Straight after, or later: the relationship check, reflection and case note."""
        from sessionkit.ui.screens.after_visit import AfterVisitScreen

        table = self.query_one("#visits", DataTable)
        if not self.visits or table.cursor_row >= len(self.visits):
            return
        visit = self.visits[table.cursor_row]
        if not visit.is_finished:
            self.app.notify("That visit is still open: press V to carry on with it.")
        elif visit.id is not None:
            self.app.push_screen(AfterVisitScreen(visit.id), lambda _: self.reload())

    def action_save_note(self) -> None:
        """The highlighted visit's case note to a file: as written up, else a fresh draft."""
        from sessionkit.services.after_visit import note_of_visit
        from sessionkit.ui.screens.save_note import SaveNoteScreen, author_of

        visit = self._highlighted_visit()
        if visit is None or visit.id is None:
            return
        if not visit.is_finished:
            self.app.notify("That visit is still open: press V to carry on with it.")
            return
        note = note_of_visit(self.app.store, self.app.pack, visit.id, author=author_of(self.app))
        self.app.push_screen(SaveNoteScreen(note, exports_dir=self.app.locations.exports_dir))

    def _highlighted_visit(self) -> Visit | None:
        table = self.query_one("#visits", DataTable)
        if not self.visits or table.cursor_row >= len(self.visits):
            return None
        return self.visits[table.cursor_row]

    def palette_commands(self) -> Iterable[SystemCommand]:
        visit = "Resume the unfinished visit" if self._unfinished() else "Start a visit"
        yield SystemCommand(visit, "Record answers during a visit (V)", self.action_visit)
        yield SystemCommand(
            "Movement", "How answers moved since the first visit (M)", self.action_movement
        )
        yield SystemCommand("Add a person", "Someone in this family (P)", self.action_add_member)
        yield SystemCommand("Add a goal", "A goal agreed with the family (G)", self.action_add_goal)
        yield SystemCommand(
            "Write up the highlighted visit",
            "Relationship check, reflection and case note of a finished visit (W)",
            self.action_after_visit,
        )
        yield SystemCommand(
            "Save the case note of a visit",
            "The highlighted visit's note, to a file readable by you only (N)",
            self.action_save_note,
        )
        yield SystemCommand(
            "Plan the next visit", "Goal, change, steps and tools, with why (L)", self.action_plan
        )
        yield SystemCommand(
            "Change a goal",
            "Its words, the 0 and 10 ends, GAS levels, weight (E)",
            self.action_edit_goal,
        )
        yield SystemCommand(
            "Goal status",
            "Mark a goal achieved, paused, dropped or active (A)",
            self.action_goal_status,
        )

        yield from self.fixing_commands()

    def _update_hint(self) -> None:
        unfinished = self._unfinished()
        title = self.query_one("#visits-panel .panel-title", Static)
        if unfinished:
            title.update(template("Visits · [b]one unfinished[/b]: press V to resume it"))
        elif not self.visits:
            title.update("Visits · none yet: press V to start one")
        else:
            title.update(
                "Visits · Enter shows what was recorded · W writes it up · N saves its case note"
            )

    def _unfinished(self) -> Visit | None:
        return cases.open_visit(self.visits)

    def action_visit(self) -> None:
        from sessionkit.ui.screens.capture import CaptureScreen
        from sessionkit.ui.screens.start_visit import StartVisitScreen

        unfinished = self._unfinished()
        if unfinished is not None and unfinished.id is not None:
            self.app.push_screen(CaptureScreen(unfinished.id))
            return
        if not any(m.active for m in self.members):
            self.app.notify("Add the people in this family first (press P).", severity="warning")
            return

        def started(visit: Visit | None) -> None:
            if visit is not None and visit.id is not None:
                self.app.push_screen(CaptureScreen(visit.id))

        self.app.push_screen(StartVisitScreen(self.case_id, self.members), started)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id != "visits" or not event.row_key.value:
            return
        event.stop()
        from sessionkit.ui.screens.capture import CaptureScreen

        self.app.push_screen(CaptureScreen(int(event.row_key.value)))

    def action_add_member(self) -> None:
        from sessionkit.ui.screens.member_form import MemberFormScreen

        self.app.push_screen(MemberFormScreen(self.case_id), lambda _: self.reload())

    def action_add_goal(self) -> None:
        from sessionkit.ui.screens.goal_form import GoalFormScreen

        members = [m for m in self.members if m.active]
        self.app.push_screen(GoalFormScreen(self.case_id, members), lambda _: self.reload())

    def action_plan(self) -> None:
        from sessionkit.ui.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen(self.case_id))

    def action_edit_goal(self) -> None:
        from sessionkit.ui.screens.goal_form import GoalFormScreen

        def chosen(goal: Goal) -> None:
            members = [m for m in self.members if m.active or m.id == goal.owner_member_id]
            self.app.push_screen(
                GoalFormScreen(self.case_id, members, goal), lambda _: self.reload()
            )

        self._choose_goal("Which goal do you want to change?", chosen)

    def action_goal_status(self) -> None:
        from sessionkit.ui.screens.goal_status import GoalStatusScreen

        def chosen(goal: Goal) -> None:
            self.app.push_screen(GoalStatusScreen(goal), lambda _: self.reload())

        self._choose_goal("Which goal's status?", chosen)

    def _choose_goal(self, question: str, then: Callable[[Goal], None]) -> None:
        """Ask which goal when there are several; go straight on when there is one."""
        from sessionkit.ui.screens.goal_status import GoalChooserScreen

        if not self.goals:
            self.app.notify("No goals yet: press G to add one.", severity="warning")
            return
        if len(self.goals) == 1:
            then(self.goals[0])
            return

        def picked(goal_id: int | None) -> None:
            goal = next((g for g in self.goals if g.id == goal_id), None)
            if goal is not None:
                then(goal)

        names = {m.id: m.name for m in self.members if m.id is not None}
        self.app.push_screen(GoalChooserScreen(question, self.goals, names), picked)

    def action_movement(self) -> None:
        from sessionkit.ui.screens.movement import MovementScreen

        self.app.push_screen(MovementScreen(self.case_id))
