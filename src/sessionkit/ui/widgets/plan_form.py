"""The fields of a visit plan, in the order a plan is thought through: goal first.

The form holds no rule: it shows a plan and reads it back as typed
(`services.plans.plan_as_typed`), leaving saving and checking to its screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, SelectionList, Static, TextArea

from sessionkit.services import plans
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanTextArea
from sessionkit.ui.widgets.tool_row import ToolRow

if TYPE_CHECKING:
    from sessionkit.domain import Member, VisitPlan
    from sessionkit.toolpacks import ResolvedPack

GoalOption = tuple[Content, int, bool]


class PlanForm(VerticalScroll):
    """Goal, change, steps, tools with why, warm-up, social graces, who, follow-ups."""

    def __init__(
        self,
        plan: VisitPlan,
        goal_options: Sequence[GoalOption],
        members: Sequence[Member],
        pack: ResolvedPack,
    ) -> None:
        super().__init__(id="plan-form", classes="panel")
        self.border_title = "The plan · editable until the visit starts"
        self._plan = plan
        self._goal_options = list(goal_options)
        self._members = list(members)
        self._pack = pack

    def compose(self) -> ComposeResult:
        plan = self._plan
        yield Label("Which goal does this visit serve? (space ticks)", classes="first")
        yield SelectionList[int](*self._goal_options, id="plan-goals")
        yield Static(id="goal-detail")
        yield Static("No goals agreed yet: Ctrl+G adds one.", id="no-goals", classes="plan-hint")
        yield Label("What will change look like?")
        yield _text_area(plan.change_looks_like, "plan-change", "In the family's words")
        yield Label("Steps, one a line")
        yield _text_area("\n".join(plan.steps), "plan-steps")
        yield Label("Tools, each with why")
        with Vertical(id="plan-tools"):
            for planned in plan.tools:
                yield ToolRow(planned.tool_id, self._pack.tool(planned.tool_id), planned.reason)
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
                for m in self._members
                if m.id is not None
            ),
            id="plan-expected",
        )
        yield Label("To follow up from last time, one a line")
        yield _text_area("\n".join(plan.follow_ups), "plan-follow-ups")

    # -- reading ------------------------------------------------------------------------

    def typed(self, base: VisitPlan) -> VisitPlan:
        """The plan as it stands in the form, on `base`."""
        return plans.plan_as_typed(
            base,
            goal_ids=self.goal_ids(),
            change_looks_like=self._area("plan-change"),
            steps=self._area("plan-steps"),
            tools=[(row.tool_id, row.reason) for row in self.tool_rows()],
            warming_questions=self._area("plan-warming"),
            social_graces=self._area("plan-graces"),
            expected_member_ids=self.expected_ids(),
            follow_ups=self._area("plan-follow-ups"),
        )

    def goal_ids(self) -> list[int]:
        return list(self.query_one("#plan-goals", SelectionList).selected)

    def highlighted_goal_id(self) -> int | None:
        goals = self.query_one("#plan-goals", SelectionList)
        index = goals.highlighted
        if index is None or index >= goals.option_count:
            return None
        value: int = goals.get_option_at_index(index).value
        return value

    def expected_ids(self) -> list[int]:
        return list(self.query_one("#plan-expected", SelectionList).selected)

    def follow_ups(self) -> list[str]:
        return plans.lines(self._area("plan-follow-ups"))

    def tool_rows(self) -> list[ToolRow]:
        return list(self.query(ToolRow))

    def has_tool(self, tool_id: str) -> bool:
        return any(row.tool_id == tool_id for row in self.tool_rows())

    def _area(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", TextArea).text

    # -- changing -----------------------------------------------------------------------

    def set_follow_ups(self, lines: Sequence[str]) -> None:
        self.query_one("#plan-follow-ups", TextArea).load_text("\n".join(lines))

    def set_goal_options(self, options: Sequence[GoalOption]) -> None:
        goals = self.query_one("#plan-goals", SelectionList)
        goals.clear_options()
        goals.add_options(options)

    async def add_tool(self, tool_id: str, reason: str) -> ToolRow:
        row = ToolRow(tool_id, self._pack.tool(tool_id), reason)
        # Awaited: the row's fields must exist before the plan is read from the form.
        await self.query_one("#plan-tools", Vertical).mount(row)
        return row

    async def remove_tool(self, row: ToolRow) -> None:
        """Take `row` out; the focus goes to the next tool's why, else the warm-up."""
        index = self.tool_rows().index(row)
        # Awaited: a row half removed would still be read as part of the plan.
        await row.remove()
        remaining = self.tool_rows()
        if remaining:
            remaining[min(index, len(remaining) - 1)].focus_reason()
        else:
            self.query_one("#plan-warming", TextArea).focus()

    def row_holding(self, node: Widget | None) -> ToolRow | None:
        """The tool row `node` (the focused widget, say) is in, if any."""
        while node is not None and not isinstance(node, ToolRow):
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return node

    def show_hints(self) -> None:
        self.query_one("#no-goals").display = not self.query_one("#plan-goals", SelectionList)
        self.query_one("#no-tools").display = not self.tool_rows()


def _text_area(text: str, widget_id: str, placeholder: str = "") -> TextArea:
    return CleanTextArea(text, id=widget_id, classes="plan-text", placeholder=placeholder)
