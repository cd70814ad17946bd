"""Plan the next visit: goal first, then what change looks like, the steps and the tools.

The plan is a draft until the visit starts, and is saved as it is typed: half a second
after the last change, and again on leaving the screen, so Escape never loses anything.
On the right the app suggests tools for the goal and the people expected, each with its
purpose and why, and warns (never blocks) when one fits poorly; below them, what was left
over from last time, each item one key (F4) away from the plan.

Everything shown from the pack, the store or the family goes through `literal()` or is
assembled as plain text: none of it is ever parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from sessionkit.domain import (
    Goal,
    GoalStatus,
    Member,
    PlanStatus,
    Response,
    Visit,
    VisitPlan,
    now,
)
from sessionkit.domain.text import clean_line, clean_text
from sessionkit.insight.movement import format_value
from sessionkit.ui.screens.goal_status import goal_label
from sessionkit.ui.text import literal

if TYPE_CHECKING:
    from sessionkit.insight.carry_forward import CarryItem
    from sessionkit.insight.suggestions import Suggestion
    from sessionkit.toolpacks.schema import Tool
    from sessionkit.ui.app import SessionkitApp

# Saved this long after the last change: often enough that nothing typed is lost,
# seldom enough that a word is not a dozen writes.
SAVE_AFTER_SECONDS = 0.5

# Each reason under the suggestions, cut to one line of the panel.
REASON_WIDTH = 42

# What a practitioner changes on this screen: two plans alike in these need no save.
PLAN_FIELDS = (
    "goal_ids",
    "change_looks_like",
    "steps",
    "tools",
    "warming_questions",
    "social_graces",
    "expected_member_ids",
    "follow_ups",
)


def today() -> date:
    """Today's date, for what is carried forward; a test can pin it."""
    return date.today()


class ToolRow(Vertical):
    """A tool in the plan: its name and purpose (never hidden), and why it was chosen."""

    def __init__(self, tool_id: str, tool: Tool | None, reason: str) -> None:
        super().__init__(classes="tool-row")
        self.tool_id = tool_id
        self.tool = tool
        self._reason = reason

    def compose(self) -> ComposeResult:
        name = self.tool.name if self.tool else f"{self.tool_id} (not in the active toolpack)"
        yield Static(
            Content.assemble((clean_line(name), "bold"), ("   Ctrl+R takes it out", "dim")),
            classes="tool-row-name",
        )
        if self.tool is not None:
            yield Static(literal(self.tool.purpose), classes="tool-row-purpose")
        yield Input(
            self._reason,
            placeholder="Why this tool, for this goal and these people?",
            classes="tool-row-reason",
            max_length=300,
        )
        yield Static("", classes="tool-row-warning")

    @property
    def reason(self) -> str:
        return self.query_one(".tool-row-reason", Input).value

    def show_warnings(self, warnings: Sequence[str]) -> None:
        warning = self.query_one(".tool-row-warning", Static)
        warning.update(literal("\n".join(f"⚠ {w}" for w in warnings)))
        warning.display = bool(warnings)

    def focus_reason(self) -> None:
        self.query_one(".tool-row-reason", Input).focus()


class PlanScreen(Screen[None]):
    """The draft plan for a case's next visit, saved as it is typed."""

    CSS_PATH = ["panels.tcss", "dialogs.tcss", "plan.tcss"]  # noqa: RUF012 - Textual reads it as a list

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
    ]

    app: SessionkitApp

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.plan: VisitPlan | None = None
        self.members: list[Member] = []
        self.goals: list[Goal] = []
        self.visits: list[Visit] = []
        self.responses: list[Response] = []
        self.suggestions: list[Suggestion] = []
        self.carry: list[CarryItem] = []
        self._saved: dict[str, Any] = {}
        self._save_timer: Timer | None = None
        self._typed: VisitPlan | None = None  # the plan as on screen at the last change
        self._finished = False  # left, or the visit started: nothing more to save here
        self.save_problem = ""
        self._leave_unsaved = False

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._load()
        plan = self.plan or self._new_plan()
        self._saved = _comparable(plan)
        yield Header()
        yield Static(id="plan-title", classes="screen-title")
        with Horizontal(id="plan-body"):
            form = VerticalScroll(id="plan-form", classes="panel")
            form.border_title = "The plan · editable until the visit starts"
            with form:
                yield Label("Which goal does this visit serve? (space ticks)", classes="first")
                yield SelectionList[int](*self._goal_options(plan), id="plan-goals")
                yield Static(id="goal-detail")
                yield Static(
                    "No goals agreed yet: Ctrl+G adds one.", id="no-goals", classes="plan-hint"
                )
                yield Label("What will change look like?")
                yield _text_area(plan.change_looks_like, "plan-change", "In the family's words")
                yield Label("Steps, one a line")
                yield _text_area("\n".join(plan.steps), "plan-steps")
                yield Label("Tools, each with why")
                with Vertical(id="plan-tools"):
                    for planned in plan.tools:
                        yield ToolRow(
                            planned.tool_id, self.app.pack.tool(planned.tool_id), planned.reason
                        )
                yield Static(
                    "None yet, and none is required. F3 adds the highlighted suggestion; "
                    "Ctrl+T any tool of the pack.",
                    id="no-tools",
                    classes="plan-hint",
                )
                yield Label("Opening questions to warm the context, one a line")
                yield _text_area("\n".join(plan.warming_questions), "plan-warming")
                yield Label("Social graces: what may matter here (age, culture, class…)?")
                yield _text_area(plan.social_graces, "plan-graces")
                yield Label("Who is expected? (space ticks)")
                yield SelectionList[int](
                    *(
                        (literal(m.description), m.id, m.id in plan.expected_member_ids)
                        for m in self.members
                        if m.id is not None
                    ),
                    id="plan-expected",
                )
                yield Label("To follow up from last time, one a line")
                yield _text_area("\n".join(plan.follow_ups), "plan-follow-ups")
            with Vertical(id="plan-side"):
                with Vertical(id="suggestions-panel", classes="panel"):
                    yield Static("Suggested tools · F3 adds", classes="panel-title")
                    yield OptionList(id="suggestions")
                    yield Static(id="suggestion-detail")
                with Vertical(id="carry-panel", classes="panel"):
                    yield Static("From last time · F4 adds", classes="panel-title")
                    yield OptionList(id="carry")
        yield Static(id="plan-missing", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        case = self.app.store.get_case(self.case_id)
        self.query_one("#plan-title", Static).update(
            literal(f"{case.reference} · plan for the next visit")
        )
        self._load_carry()
        self._rank()
        self._show_saved()
        self._show_missing()
        self._show_hints()
        self._show_goal()
        self.query_one("#plan-goals", SelectionList).focus()

    def _load(self) -> None:
        store = self.app.store
        self.plan = store.get_draft_plan(self.case_id)
        self.members = [m for m in store.list_members(self.case_id) if m.active]
        self.goals = store.list_goals(self.case_id)
        self.visits = store.list_visits(self.case_id)
        self.responses = store.responses_for_case(self.case_id)

    def _new_plan(self) -> VisitPlan:
        # Who was there last time is the best first guess at who will be there next.
        active = [m.id for m in self.members if m.id is not None]
        last = self.visits[-1].present_member_ids if self.visits else []
        expected = [i for i in active if i in last] or active
        return VisitPlan(case_id=self.case_id, expected_member_ids=expected)

    def _goal_options(self, plan: VisitPlan) -> list[tuple[Content, int, bool]]:
        names = {m.id: m.name for m in self.members if m.id is not None}
        options = []
        for goal in self.goals:
            if goal.id is None:
                continue
            chosen = goal.id in plan.goal_ids
            if goal.status is GoalStatus.ACTIVE or chosen:
                options.append((literal(goal_label(goal, names)), goal.id, chosen))
        return options

    @on(SelectionList.SelectionHighlighted, "#plan-goals")
    def _show_goal(self) -> None:
        """The highlighted goal in full: the family's words for its ends, where it was last."""
        goals = self.query_one("#plan-goals", SelectionList)
        index = goals.highlighted
        detail = self.query_one("#goal-detail", Static)
        goal = None
        if index is not None and index < goals.option_count:
            goal_id = goals.get_option_at_index(index).value
            goal = next((g for g in self.goals if g.id == goal_id), None)
        detail.display = goal is not None
        if goal is not None:
            detail.update(literal(goal_summary(goal, self.responses)))

    # -- the plan as typed --------------------------------------------------------------

    def current_plan(self) -> VisitPlan:
        """The plan as it stands on screen, cleaned as the model cleans it."""
        base = self.plan or VisitPlan(case_id=self.case_id)
        return VisitPlan.model_validate(
            {
                **base.model_dump(),
                "goal_ids": list(self.query_one("#plan-goals", SelectionList).selected),
                "change_looks_like": _area(self, "plan-change").strip(),
                "steps": _lines(_area(self, "plan-steps")),
                "tools": [
                    {"tool_id": row.tool_id, "reason": clean_text(row.reason).strip()}
                    for row in self.query(ToolRow)
                ],
                "warming_questions": _lines(_area(self, "plan-warming")),
                "social_graces": _area(self, "plan-graces").strip(),
                "expected_member_ids": list(
                    self.query_one("#plan-expected", SelectionList).selected
                ),
                "follow_ups": _lines(_area(self, "plan-follow-ups")),
            }
        )

    def missing(self, plan: VisitPlan | None = None) -> list[str]:
        """What a practitioner would still want to write, in words; never required."""
        plan = plan or self.current_plan()
        missing = []
        if not plan.goal_ids:
            missing.append("which goal this visit serves")
        if not plan.change_looks_like:
            missing.append("what change will look like")
        for planned in plan.tools:
            if not planned.reason:
                missing.append(f"why {self._tool_name(planned.tool_id)}")
        if not plan.expected_member_ids:
            missing.append("who is expected")
        return missing

    def _tool_name(self, tool_id: str) -> str:
        tool = self.app.pack.tool(tool_id)
        return tool.name if tool else tool_id

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
        saved = self._store(self.current_plan())
        if saved or self.save_problem:
            self._show_saved()
        return saved

    def _store(self, typed: VisitPlan) -> bool:
        """Write `typed` as this screen's draft unless nothing changed; no drawing here."""
        from sessionkit.storage import StoreError

        if _comparable(typed) == self._saved:
            return False
        store = self.app.store
        plan = typed.model_copy(
            update={
                "id": self.plan.id if self.plan else None,
                "status": PlanStatus.DRAFT,
                "visit_id": None,
                "updated_at": now(),
            }
        )
        try:
            if plan.id is not None and store.get_plan(plan.id).status is not PlanStatus.DRAFT:
                # Started from elsewhere meanwhile: it is that visit's agenda now.
                self._finished = True
                self.app.notify_literal(
                    "This plan became a visit's agenda; changes here were not saved.",
                    severity="warning",
                )
                return False
            saved = store.save_plan(plan)
        except StoreError as exc:
            self.save_problem = f"NOT saved: {exc}"
            return False
        self.save_problem = ""
        self._leave_unsaved = False
        self.plan = saved
        self._saved = _comparable(saved)
        return True

    def _show_saved(self) -> None:
        form = self.query_one("#plan-form")
        if self.save_problem:
            form.border_subtitle = literal(self.save_problem)
        elif self.plan is None:
            form.border_subtitle = "not saved yet: saved as you type"
        else:
            form.border_subtitle = f"draft saved {self.plan.updated_at:%d %b %H:%M}"

    def _show_missing(self) -> None:
        missing = self.missing(self._typed)
        if missing:
            text = "Still to write: " + " · ".join(missing)
        else:
            text = "Ready: F5 starts the visit with this plan as its agenda"
        self.query_one("#plan-missing", Static).update(literal(text))

    def _show_hints(self) -> None:
        self.query_one("#no-goals").display = not self.query_one("#plan-goals", SelectionList)
        self.query_one("#no-tools").display = not self.query(ToolRow)

    def on_unmount(self) -> None:
        # Ctrl+Q, or anything else that takes the screen away, still keeps the draft. The
        # fields are gone by now: the plan as last typed was kept on each change.
        if self._typed is not None and not self._finished and not self.app.store.closed:
            self._store(self._typed)
            if self.save_problem:
                self.app.notify_literal(self.save_problem, severity="error")

    # -- suggestions --------------------------------------------------------------------

    def _rank(self) -> None:
        from sessionkit.insight.suggestions import rank_tools

        chosen = set(self.query_one("#plan-goals", SelectionList).selected)
        active = [g for g in self.goals if g.status is GoalStatus.ACTIVE]
        goals = [g for g in self.goals if g.id in chosen] or active
        expected = set(self.query_one("#plan-expected", SelectionList).selected)
        people = [m for m in self.members if m.id in expected] or self.members
        self.suggestions = rank_tools(self.app.pack, goals, people)
        # A new ranking starts from its best fit, not wherever the old one was.
        self._show_suggestions(keep=False)
        for row in self.query(ToolRow):
            row.show_warnings(self._warnings(row.tool_id))

    def _warnings(self, tool_id: str) -> tuple[str, ...]:
        found = next((s for s in self.suggestions if s.tool.id == tool_id), None)
        return found.warnings if found else ()

    def _show_suggestions(self, *, keep: bool = True) -> None:
        options = self.query_one("#suggestions", OptionList)
        kept = options.highlighted_option.id if keep and options.highlighted_option else None
        in_plan = {row.tool_id for row in self.query(ToolRow)}
        options.set_options(
            Option(_suggestion_prompt(s, s.tool.id in in_plan), id=s.tool.id)
            for s in self.suggestions
        )
        ids = [s.tool.id for s in self.suggestions]
        if ids:
            options.highlighted = ids.index(kept) if kept in ids else 0
        self._show_suggestion_detail()

    def _highlighted_suggestion(self) -> Suggestion | None:
        option = self.query_one("#suggestions", OptionList).highlighted_option
        if option is None:
            return None
        return next((s for s in self.suggestions if s.tool.id == option.id), None)

    @on(OptionList.OptionHighlighted, "#suggestions")
    def _show_suggestion_detail(self) -> None:
        suggestion = self._highlighted_suggestion()
        detail = self.query_one("#suggestion-detail", Static)
        detail.display = suggestion is not None
        if suggestion is None:
            return
        parts: list[str | tuple[str, str]] = [
            ("Purpose: ", "bold"),
            clean_text(suggestion.tool.purpose),
        ]
        if suggestion.reasons:
            parts += ["\n", ("Why:", "bold")]
            # An adaptation can run to a paragraph: the tool browser (F2) has it in full.
            parts += ["\n+ " + _short(clean_line(r), REASON_WIDTH) for r in suggestion.reasons]
        for warning in suggestion.warnings:
            parts += ["\n", ("⚠ ", "bold"), clean_text(warning)]
        detail.update(Content.assemble(*parts))

    @on(OptionList.OptionSelected, "#suggestions")
    async def action_add_suggestion(self) -> None:
        suggestion = self._highlighted_suggestion()
        if suggestion is None:
            self.app.notify_literal("No suggestion to add.", severity="warning")
            return
        if self._has_tool(suggestion.tool.id):
            self.app.notify_literal(f"{suggestion.tool.name} is already in the plan.")
            return
        # The app's best reason is a start; the practitioner's own "why" replaces it.
        await self._add_tool(
            suggestion.tool.id, suggestion.reasons[0] if suggestion.reasons else ""
        )
        self._next_option("#suggestions", {r.tool_id for r in self.query(ToolRow)})

    def action_pick_tool(self) -> None:
        async def picked(tool_id: str | None) -> None:
            if tool_id is None:
                return
            if self._has_tool(tool_id):
                self.app.notify_literal(f"{self._tool_name(tool_id)} is already in the plan.")
                return
            await self._add_tool(tool_id, "")

        self.app.push_screen(ToolPickerScreen(), picked)

    def _has_tool(self, tool_id: str) -> bool:
        return any(row.tool_id == tool_id for row in self.query(ToolRow))

    async def _add_tool(self, tool_id: str, reason: str) -> None:
        row = ToolRow(tool_id, self.app.pack.tool(tool_id), reason)
        # Awaited: the row's fields must exist before the plan is read from the screen.
        await self.query_one("#plan-tools", Vertical).mount(row)
        row.show_warnings(self._warnings(tool_id))
        row.focus_reason()
        row.scroll_visible(animate=False)
        self._show_suggestions()
        self._show_hints()
        self._changed(None)

    def _focused_row(self) -> ToolRow | None:
        node = self.focused
        while node is not None and not isinstance(node, ToolRow):
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return node

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_tool":
            # Shown only while a tool of the plan has the focus: it removes that one.
            return self._focused_row() is not None
        return True

    async def action_remove_tool(self) -> None:
        row = self._focused_row()
        if row is None:
            return
        index = list(self.query(ToolRow)).index(row)
        name = self._tool_name(row.tool_id)
        # Awaited: a row half removed would still be read as part of the plan.
        await row.remove()
        remaining = list(self.query(ToolRow))
        if remaining:
            remaining[min(index, len(remaining) - 1)].focus_reason()
        else:
            self.query_one("#plan-warming", TextArea).focus()
        self._show_suggestions()
        self._show_hints()
        self._changed(None)
        self.app.notify_literal(f"{name} taken out of the plan.")

    # -- carried forward from last time -------------------------------------------------

    def _load_carry(self) -> None:
        from sessionkit.insight.carry_forward import carry_forward

        store = self.app.store
        self.carry = carry_forward(
            self.visits,
            self.responses,
            self.goals,
            store.list_plans(self.case_id),
            self.app.pack,
            today=today(),
            members=self.members,
        )
        self._show_carry()

    def _show_carry(self) -> None:
        options = self.query_one("#carry", OptionList)
        keep = options.highlighted
        added = set(_lines(_area(self, "plan-follow-ups")))
        if not self.carry:
            options.set_options(
                [Option(literal("Nothing left over from last time."), disabled=True)]
            )
            return
        options.set_options(
            Option(_carry_prompt(item, _carry_line(item) in added), id=str(n))
            for n, item in enumerate(self.carry)
        )
        options.highlighted = keep if keep is not None and keep < len(self.carry) else 0

    @on(OptionList.OptionSelected, "#carry")
    def action_add_carry(self) -> None:
        options = self.query_one("#carry", OptionList)
        option = options.highlighted_option
        if option is None or option.id is None:
            self.app.notify_literal("Nothing from last time to add.", severity="warning")
            return
        line = _carry_line(self.carry[int(option.id)])
        area = self.query_one("#plan-follow-ups", TextArea)
        lines = _lines(area.text)
        if line in lines:
            self.app.notify_literal("Already in the plan, under follow-ups.")
            return
        area.load_text("\n".join([*lines, line]))
        self._show_carry()
        self._next_option("#carry", set(_lines(area.text)), by_text=True)
        self._changed(None)

    def _next_option(self, selector: str, done: set[str], *, by_text: bool = False) -> None:
        """Move the highlight to the next item not yet in the plan, so F3/F4 go on adding."""
        options = self.query_one(selector, OptionList)
        count = options.option_count
        start = options.highlighted or 0
        for step in range(1, count + 1):
            index = (start + step) % count
            option = options.get_option_at_index(index)
            if option.disabled or option.id is None:
                continue
            key = _carry_line(self.carry[int(option.id)]) if by_text else option.id
            if key not in done:
                options.highlighted = index
                return

    # -- goals --------------------------------------------------------------------------

    def action_add_goal(self) -> None:
        from sessionkit.ui.screens.goal_form import GoalFormScreen

        def added(goal: Goal | None) -> None:
            if goal is None or goal.id is None:
                return
            self.goals = self.app.store.list_goals(self.case_id)
            goals = self.query_one("#plan-goals", SelectionList)
            plan = self.current_plan()
            plan.goal_ids = [*plan.goal_ids, goal.id]
            goals.clear_options()
            goals.add_options(self._goal_options(plan))
            self._show_hints()
            goals.focus()

        self.app.push_screen(GoalFormScreen(self.case_id, self.members), added)

    # -- leaving and starting -----------------------------------------------------------

    def action_save(self) -> None:
        self.save_draft()
        if self.plan is not None:
            self.app.notify_literal("Draft saved.")

    def action_leave(self) -> None:
        if not self._leave_unsaved:
            self.save_draft()
            if self.save_problem:
                # Leaving now would lose what was typed: stay, and say why.
                self.app.notify_literal(
                    f"{self.save_problem}. Press Escape again to leave without it.",
                    severity="error",
                )
                self._leave_unsaved = True
                return
        elif self.save_problem:
            self._finished = True
            self.dismiss()
            return
        if self.plan is not None:
            self.app.notify_literal("Draft saved. It stays editable until the visit starts.")
        self._finished = True
        self.dismiss()

    def action_start_visit(self) -> None:
        from sessionkit.ui.screens.form import ConfirmScreen

        if any(not v.is_finished for v in self.app.store.list_visits(self.case_id)):
            self.app.notify_literal(
                "A visit of this family is still open: finish it first (V on the case).",
                severity="warning",
            )
            return
        missing = self.missing()
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
        from sessionkit.storage import StoreError
        from sessionkit.ui.screens.capture import CaptureScreen
        from sessionkit.ui.screens.start_visit import StartVisitScreen

        self.save_draft()
        try:
            if self.plan is None:
                # Nothing typed yet: an empty plan is still the visit's (empty) agenda.
                self.plan = self.app.store.save_plan(self.current_plan())
                self._saved = _comparable(self.plan)
        except StoreError as exc:
            self.save_problem = f"NOT saved: {exc}"
        if self.save_problem:
            self._show_saved()
            self.app.notify_literal(
                f"{self.save_problem}. The visit was not started.", severity="error"
            )
            return
        plan = self.plan
        assert plan is not None and plan.id is not None

        def started(visit: Visit | None) -> None:
            if visit is None or visit.id is None:
                return
            self._finished = True
            self.app.switch_screen(CaptureScreen(visit.id))

        self.app.push_screen(
            StartVisitScreen(
                self.case_id, self.members, plan_id=plan.id, expected=plan.expected_member_ids
            ),
            started,
        )

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Add the suggested tool",
            "The highlighted suggestion, with why (F3)",
            self.action_add_suggestion,
        )
        yield SystemCommand(
            "Add from last time",
            "The highlighted item, to the follow-ups (F4)",
            self.action_add_carry,
        )
        yield SystemCommand(
            "Add any tool", "Choose from every tool of the toolpack (Ctrl+T)", self.action_pick_tool
        )
        yield SystemCommand(
            "Start visit from this plan",
            "The plan becomes the visit's agenda (F5)",
            self.action_start_visit,
        )
        yield SystemCommand(
            "Add a goal", "A goal agreed with the family (Ctrl+G)", self.action_add_goal
        )
        yield SystemCommand(
            "Save the draft now", "It is also saved as you type (Ctrl+S)", self.action_save
        )


class ToolPickerScreen(ModalScreen[str | None]):
    """Any tool of the active pack: type to search, Up/Down, Enter adds it to the plan."""

    CSS_PATH = ["dialogs.tcss", "plan.tcss"]  # noqa: RUF012 - Textual reads it as a list

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Back", id="tool_picker.back"),
        Binding("down", "move(1)", "Next tool", id="tool_picker.next", show=False),
        Binding("up", "move(-1)", "Previous tool", id="tool_picker.previous", show=False),
    ]

    app: SessionkitApp

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="tool-picker"):
            yield Label("Add a tool to the plan", classes="dialog-title")
            yield Input(placeholder="Type to search tools", id="picker-search")
            picker = OptionList(id="picker-tools")
            # Up and Down belong to the screen, so they move the list while you type.
            picker.can_focus = False
            yield picker
            yield Static(id="picker-purpose")
            yield Static(
                "Enter adds the highlighted tool · Escape goes back", classes="dialog-hint"
            )

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self.tools: list[Tool] = []

    def on_mount(self) -> None:
        self._refresh()
        self.query_one("#picker-search", Input).focus()

    @on(Input.Changed, "#picker-search")
    def _refresh(self) -> None:
        from sessionkit.ui.tool_search import find_tools, in_pack_order

        pack = self.app.pack
        query = self.query_one("#picker-search", Input).value
        self.tools = [m.tool for m in find_tools(in_pack_order(pack.tools, pack.groups()), query)]
        options = self.query_one("#picker-tools", OptionList)
        options.set_options(Option(literal(t.name), id=t.id) for t in self.tools)
        if self.tools:
            options.highlighted = 0
        self._show_purpose()

    @on(OptionList.OptionHighlighted, "#picker-tools")
    def _show_purpose(self) -> None:
        option = self.query_one("#picker-tools", OptionList).highlighted_option
        tool = next((t for t in self.tools if option and t.id == option.id), None)
        purpose = self.query_one("#picker-purpose", Static)
        if tool is None:
            purpose.update("No tool matches: change the search.")
        else:
            purpose.update(Content.assemble(("Purpose: ", "bold"), clean_text(tool.purpose)))

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-tools", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(Input.Submitted, "#picker-search")
    @on(OptionList.OptionSelected, "#picker-tools")
    def _chosen(self) -> None:
        option = self.query_one("#picker-tools", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


# -- helpers ------------------------------------------------------------------------------


def _text_area(text: str, widget_id: str, placeholder: str = "") -> TextArea:
    return TextArea(text, id=widget_id, classes="plan-text", placeholder=placeholder)


def _area(screen: Screen[Any], widget_id: str) -> str:
    return screen.query_one(f"#{widget_id}", TextArea).text


def _lines(text: str) -> list[str]:
    """One item a line: cleaned, blank lines left out."""
    return [line.strip() for line in clean_text(text).splitlines() if line.strip()]


def _comparable(plan: VisitPlan) -> dict[str, Any]:
    return plan.model_dump(include=set(PLAN_FIELDS))


def _suggestion_prompt(suggestion: Suggestion, in_plan: bool) -> Content:
    mark = "✓ " if in_plan else ("⚠ " if suggestion.warnings else "  ")
    return Content.assemble((mark, "bold"), clean_line(suggestion.tool.name))


def goal_summary(goal: Goal, responses: Sequence[Response]) -> str:
    """The goal in full, its 0 and 10 in the family's words, and its latest rating."""
    lines = [goal.text, f"0 = {goal.low_label} · 10 = {goal.high_label}"]
    ratings = [r for r in responses if r.prompt_id == goal.rating_prompt_id and r.value is not None]
    if ratings:
        last = max(ratings, key=lambda r: r.said_at)
        assert last.value is not None
        lines[-1] += f" · last rated {format_value(last.value)} on {last.said_at:%d %b}"
    expected = next((lv for lv in goal.gas_levels if lv.level == 0), None)
    if expected is not None:
        lines.append(f"Expected level (GAS 0): {expected.description}")
    return "\n".join(lines)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _carry_line(item: CarryItem) -> str:
    """An item as it goes into the plan: one line of follow-ups."""
    return clean_line(item.text)


def _carry_prompt(item: CarryItem, added: bool) -> Content:
    parts: list[str | tuple[str, str]] = [
        ("✓ " if added else "• ", "bold"),
        _carry_line(item),
    ]
    if item.detail:
        parts += ["\n  ", (clean_line(item.detail), "dim")]
    if added:
        parts += ["\n  ", ("in the plan", "dim italic")]
    return Content.assemble(*parts)
