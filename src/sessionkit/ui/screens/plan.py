"""Plan the next visit: goal first, then what change looks like, the steps and the tools.

The plan is a draft until the visit starts, and is saved as it is typed: half a second
after the last change, and again on leaving the screen, so Escape never loses anything.
On the right the app suggests tools for the goal and the people expected, each with its
purpose and why, and warns (never blocks) when one fits poorly; below them, what was left
over from last time, each item one key (F4) away from the plan.

The rules (what a plan lacks, when it is saved, that an agenda is never written over,
one open visit at a time) are `services.plans`; this screen gathers and shows. A save
that cannot get through is said in one line and the text stays as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, SelectionList, Static, TextArea

from sessionkit.domain import Goal, Visit, VisitPlan
from sessionkit.services import plans
from sessionkit.services.cases import goal_label
from sessionkit.services.casework_errors import PlanIsAgenda, VisitStillOpen
from sessionkit.ui.screens.base import SessionkitScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.plan_form import PlanForm
from sessionkit.ui.widgets.plan_side import CarryPanel, SideFolded, SuggestionsPanel
from sessionkit.ui.widgets.tool_row import ToolRow

if TYPE_CHECKING:
    from sessionkit.insight.carry_forward import CarryItem
    from sessionkit.storage.errors import StoreError

T = TypeVar("T")

# Saved this long after the last change: often enough that nothing typed is lost,
# seldom enough that a word is not a dozen writes.
SAVE_AFTER_SECONDS = 0.5

NOT_SAVED = "Plan not saved"

# The palette's commands here: title, what it does (and its key), the action.
PALETTE = (
    ("Add the suggested tool", "The highlighted suggestion, with why (F3)", "add_suggestion"),
    ("Add from last time", "The highlighted item, to the follow-ups (F4)", "add_carry"),
    ("Add any tool", "Choose from every tool of the toolpack (Ctrl+T)", "pick_tool"),
    ("Start visit from this plan", "The plan becomes the visit's agenda (F5)", "start_visit"),
    ("Add a goal", "A goal agreed with the family (Ctrl+G)", "add_goal"),
    ("Save the draft now", "It is also saved as you type (Ctrl+S)", "save"),
)


def today() -> date:
    """Today's date, for what is carried forward; a test can pin it."""
    return date.today()


class PlanScreen(SessionkitScreen[None]):
    """The draft plan for a case's next visit, saved as it is typed."""

    CSS_PATH = ["panels.tcss", "dialogs.tcss", "plan.tcss"]  # noqa: RUF012 - Textual reads it as a list
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", id="plan.back"),
        Binding("f3", "add_suggestion", "Add suggestion", id="plan.add_suggestion"),
        Binding("f4", "add_carry", "Add follow-up", id="plan.add_carry"),
        Binding("ctrl+t", "pick_tool", "Any tool", id="plan.pick_tool"),
        # Not in the footer (no room): each tool of the plan says so beside its name.
        Binding("ctrl+r", "remove_tool", "Remove tool", id="plan.remove_tool", show=False),
        Binding("f5", "start_visit", "Start visit", id="plan.start_visit"),
        Binding("ctrl+s", "save", "Save now", id="plan.save", show=False),
        Binding("ctrl+g", "add_goal", "Add goal", id="plan.add_goal", show=False),
        Binding("f6", "toggle_side", "Suggestions", id="plan.toggle_side", show=False),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.goals: list[Goal] = []
        self._save_timer: Timer | None = None
        self._typed: VisitPlan | None = None  # the plan as on screen at the last change
        self._finished = False  # left, or the visit started: nothing more to save here
        self.save_problem = ""  # the last save that did not get through, in one line
        self._leave_unsaved = False

    @property
    def plan(self) -> VisitPlan | None:
        """The plan as last saved, None before its first save."""
        return self.draft.plan

    @property
    def carry(self) -> list[CarryItem]:
        """What was left over from last time, as listed beside the plan."""
        return self.query_one(CarryPanel).items

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.planning = plans.read_planning(self.app.store, self.case_id)
        self.draft = plans.PlanDraft.open(self.app.store, self.planning)
        self.goals = list(self.planning.goals)
        plan = self.draft.shown
        yield Header()
        yield Static(id="plan-title", classes="screen-title")
        with Horizontal(id="plan-body"):
            yield PlanForm(
                plan, self._goal_options(plan.goal_ids), self.planning.members, self.app.pack
            )
            with Vertical(id="plan-side"):
                yield SuggestionsPanel()
                yield CarryPanel()
        yield SideFolded()
        yield Static(id="plan-missing", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        reference = self.planning.case.reference
        self.query_one("#plan-title", Static).update(
            literal(f"{reference} · plan for the next visit")
        )
        carry = plans.carried_forward(self.planning, self.app.pack, today=today())
        self.query_one(CarryPanel).show(carry, set(self.query_one(PlanForm).follow_ups()))
        self._rank()
        self._show_saved()
        self._show_missing()
        self._show_hints()
        self._show_goal()
        self.query_one("#plan-goals", SelectionList).focus()

    def _goal_options(self, chosen: list[int]) -> list[tuple[Content, int, bool]]:
        names = {m.id: m.name for m in self.planning.members if m.id is not None}
        return [
            (literal(goal_label(goal, names)), goal.id, goal.id in chosen)
            for goal in plans.goal_choices(self.goals, chosen)
            if goal.id is not None
        ]

    @on(SelectionList.SelectionHighlighted, "#plan-goals")
    def _show_goal(self) -> None:
        """The highlighted goal in full: the family's words for its ends, where it was last."""
        goal_id = self.query_one(PlanForm).highlighted_goal_id()
        goal = next((g for g in self.goals if g.id == goal_id), None)
        detail = self.query_one("#goal-detail", Static)
        detail.display = goal is not None
        if goal is not None:
            names = {m.id: m.name for m in self.planning.members if m.id is not None}
            detail.update(literal(plans.goal_summary(goal, self.planning.responses, names)))

    # -- the plan as typed --------------------------------------------------------------

    def current_plan(self) -> VisitPlan:
        """The plan as it stands on screen, cleaned as the model cleans it."""
        return self.query_one(PlanForm).typed(self.draft.base())

    # -- saving -------------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self, event: Any) -> None:
        if isinstance(event, SelectionList.SelectedChanged):
            self._rank()
            self._show_hints()
        self._typed = self.current_plan()
        self._show_missing()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER_SECONDS, self.save_draft)

    def save_draft(self) -> bool:
        """Save the plan as typed if it changed since the last save; True when saved."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self._finished:
            return False
        saved = self._saving(lambda: self.draft.save(self.current_plan()))
        self._show_saved()
        return bool(saved)

    def _saving(self, save: Callable[[], T]) -> T | None:
        """Run a save of the draft; None when it did not get through (said in one line)."""
        try:
            result = self.attempt(NOT_SAVED, save)
        except PlanIsAgenda as refused:
            # Started from elsewhere meanwhile: it is that visit's agenda now.
            self._finished = True
            self.app.notify_literal(str(refused), severity="warning")
            return None
        if result is not None:
            self.save_problem = ""
            self._leave_unsaved = False
        return result

    def report_not_done(self, not_done: str, error: StoreError) -> None:
        # Said on the plan's border and once as a notification: a save retried after each
        # pause in typing does not repeat the same line until it gets through.
        line = f"{not_done}: {error}"
        repeated = line == self.save_problem
        self.save_problem = line
        self._show_saved()
        if not repeated:
            self.app.notify_literal(line, severity="error", timeout=10)

    def _show_saved(self) -> None:
        found = self.query("#plan-form")
        if not found:
            return
        form = found.first()
        if self.save_problem:
            form.border_subtitle = literal(self.save_problem)
        elif self.plan is None:
            form.border_subtitle = "not saved yet: saved as you type"
        else:
            form.border_subtitle = f"draft saved {self.plan.updated_at:%d %b %H:%M}"

    def _show_missing(self) -> None:
        missing = plans.missing(self._typed or self.current_plan(), self.app.pack)
        if missing:
            text = "Still to write: " + " · ".join(missing)
        else:
            text = "Ready: F5 starts the visit with this plan as its agenda"
        self.query_one("#plan-missing", Static).update(literal(text))

    def _show_hints(self) -> None:
        self.query_one(PlanForm).show_hints()

    def on_unmount(self) -> None:
        # Ctrl+Q, or anything else that takes the screen away, still keeps the draft. The
        # fields are gone by now: the plan as last typed was kept on each change.
        typed = self._typed
        if typed is not None and not self._finished and not self.app.store.closed:
            self.save_problem = ""  # leaving: a failure now is said even if said before
            self._saving(lambda: self.draft.save(typed))

    # -- tools --------------------------------------------------------------------------

    def _rank(self) -> None:
        self.suggestions = plans.suggestions(
            self.app.pack,
            self.goals,
            self.planning.members,
            goal_ids=self.query_one(PlanForm).goal_ids(),
            expected_ids=self.query_one(PlanForm).expected_ids(),
        )
        # A new ranking starts from its best fit, not wherever the old one was.
        self._show_suggestions(keep=False)
        panel = self.query_one(SuggestionsPanel)
        for row in self.query(ToolRow):
            row.show_warnings(panel.warnings(row.tool_id))
            fresh = plans.suggested_reason(self.suggestions, row.tool_id)
            followed = plans.followed_reason(row.reason, row.prefilled, fresh)
            if followed is not None:
                row.follow(followed)

    def _show_suggestions(self, *, keep: bool = True) -> None:
        in_plan = {row.tool_id for row in self.query(ToolRow)}
        self.query_one(SuggestionsPanel).show(self.suggestions, in_plan, keep=keep)

    @on(OptionList.OptionSelected, "#suggestions")
    async def action_add_suggestion(self) -> None:
        suggestion = self.query_one(SuggestionsPanel).highlighted()
        if suggestion is None:
            self.app.notify_literal("No suggestion to add.", severity="warning")
            return
        if self.query_one(PlanForm).has_tool(suggestion.tool.id):
            self.app.notify_literal(f"{suggestion.tool.name} is already in the plan.")
            return
        # The app's best reason is a start; the practitioner's own "why" replaces it. The
        # focus stays where it was, so ↓ ↓ F3 goes on adding what is highlighted.
        reason = suggestion.reasons[0] if suggestion.reasons else ""
        await self._add_tool(suggestion.tool.id, reason, focus=False)
        self.query_one(PlanForm).tool_rows()[-1].prefilled = reason
        self.query_one(SuggestionsPanel).next_not_in({r.tool_id for r in self.query(ToolRow)})

    def action_pick_tool(self) -> None:
        from sessionkit.ui.screens.tool_picker import ToolPickerScreen

        async def picked(tool_id: str | None) -> None:
            if tool_id is None:
                return
            if self.query_one(PlanForm).has_tool(tool_id):
                name = plans.tool_name(self.app.pack, tool_id)
                self.app.notify_literal(f"{name} is already in the plan.")
                return
            await self._add_tool(tool_id, "")

        self.app.push_screen(ToolPickerScreen(), picked)

    async def _add_tool(self, tool_id: str, reason: str, *, focus: bool = True) -> None:
        row = await self.query_one(PlanForm).add_tool(tool_id, reason)
        row.show_warnings(self.query_one(SuggestionsPanel).warnings(tool_id))
        if focus:
            row.focus_reason()
        row.scroll_visible(animate=False)
        self._show_suggestions()
        self._show_hints()
        self._changed(None)

    def _focused_row(self) -> ToolRow | None:
        return self.query_one(PlanForm).row_holding(self.focused)

    def action_toggle_side(self) -> None:
        self.toggle_class("-side-folded")  # the side panels out of the way, or back

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_suggestion", "add_carry") and self.has_class("-side-folded"):
            return False  # what F3/F4 would add is not in view: F6 shows it first
        if action == "remove_tool":
            # Shown only while a tool of the plan has the focus: it removes that one.
            return self._focused_row() is not None
        return True

    async def action_remove_tool(self) -> None:
        row = self._focused_row()
        if row is None:
            return
        name = plans.tool_name(self.app.pack, row.tool_id)
        await self.query_one(PlanForm).remove_tool(row)
        self._show_suggestions()
        self._show_hints()
        self._changed(None)
        self.app.notify_literal(f"{name} taken out of the plan.")

    # -- carried forward from last time -------------------------------------------------

    @on(OptionList.OptionSelected, "#carry")
    def action_add_carry(self) -> None:
        panel = self.query_one(CarryPanel)
        item = panel.highlighted()
        if item is None:
            self.app.notify_literal("Nothing from last time to add.", severity="warning")
            return
        line = plans.carry_line(item)
        form = self.query_one(PlanForm)
        if line in form.follow_ups():
            self.app.notify_literal("Already in the plan, under follow-ups.")
            return
        form.set_follow_ups([*form.follow_ups(), line])
        added = set(form.follow_ups())
        panel.show(panel.items, added)
        panel.next_not_in(added)
        self._changed(None)

    # -- goals --------------------------------------------------------------------------

    def action_add_goal(self) -> None:
        from sessionkit.ui.screens.goal_form import GoalFormScreen

        def added(goal: Goal | None) -> None:
            if goal is None or goal.id is None:
                return
            self.goals = [*self.goals, goal]
            form = self.query_one(PlanForm)
            form.set_goal_options(self._goal_options([*form.goal_ids(), goal.id]))
            self._show_hints()
            self.query_one("#plan-goals", SelectionList).focus()

        self.app.push_screen(GoalFormScreen(self.case_id, self.planning.members), added)

    # -- leaving and starting -----------------------------------------------------------

    def action_save(self) -> None:
        self.save_draft()
        if self.plan is not None and not self.save_problem:
            self.app.notify_literal("Draft saved.")

    def action_leave(self) -> None:
        self.save_draft()
        if self.save_problem and not self._leave_unsaved:
            # Leaving now would lose what was typed: stay, and say why.
            self.app.notify_literal(
                f"{self.save_problem.rstrip('.')}. Press Escape again to leave without it.",
                severity="error",
            )
            self._leave_unsaved = True
            return
        if self.plan is not None and not self.save_problem:
            self.app.notify_literal("Draft saved. It stays editable until the visit starts.")
        self._finished = True
        self.dismiss()

    def action_start_visit(self) -> None:
        from sessionkit.ui.screens.form import ConfirmScreen

        try:
            plans.check_can_start(self.app.store, self.case_id)
        except VisitStillOpen as refused:
            self.app.notify_literal(str(refused), severity="warning")
            return
        missing = plans.missing(self.current_plan(), self.app.pack)
        if not missing:
            self._start()
            return

        def answered(start: bool | None) -> None:
            if start:
                self._start()

        self.app.push_screen(
            ConfirmScreen(
                "Still to write: " + "; ".join(missing) + ". Start the visit anyway?",
                yes="Start anyway",
                no="Keep planning",
            ),
            answered,
        )

    def _start(self) -> None:
        from sessionkit.ui.screens.capture import CaptureScreen
        from sessionkit.ui.screens.start_visit import StartVisitScreen

        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        # Saved as it stands, even empty: the plan is the visit's agenda.
        plan = self._saving(lambda: self.draft.for_visit(self.current_plan()))
        self._show_saved()
        if plan is None or plan.id is None:
            if self.save_problem:
                self.app.notify_literal(
                    f"{self.save_problem.rstrip('.')}. The visit was not started.",
                    severity="error",
                )
            return

        def started(visit: Visit | None) -> None:
            if visit is None or visit.id is None:
                return
            self._finished = True
            self.app.switch_screen(CaptureScreen(visit.id))

        self.app.push_screen(
            StartVisitScreen(
                self.case_id,
                self.planning.members,
                plan_id=plan.id,
                expected=plan.expected_member_ids,
            ),
            started,
        )

    def palette_commands(self) -> Iterable[SystemCommand]:
        for title, help_text, action in PALETTE:
            yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
