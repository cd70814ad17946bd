"""Add or change a goal agreed with the family, in their words.

The 0-10 ends are the family's words. Goal Attainment Scaling is optional: either all five
levels are written, in the family's words, or none; a weight is optional too.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from sessionkit.domain import GAS_LEVEL_NAMES, Goal, Member
from sessionkit.services import cases
from sessionkit.ui.screens.form import FormScreen
from sessionkit.ui.text import literal
from sessionkit.ui.widgets.clean_fields import CleanInput

LEVELS = cases.GAS_LEVELS


class GoalFields(VerticalScroll):
    """The goal's fields, scrolling inside the form when the terminal is short.

    It never takes the focus itself: a focused field is scrolled into view anyway, and
    focus on the scroll area would swallow what is typed before the first Tab.
    """

    can_focus = False

    DEFAULT_CSS = """
    GoalFields {
        height: auto;
        max-height: 60vh;
    }
    GoalFields .gas-row {
        height: 1;
        margin-top: 1;
    }
    GoalFields .gas-name {
        width: 32;
        padding: 0;
    }
    GoalFields .gas-level {
        width: 1fr;
        background: $boost;
    }
    """


class GoalFormScreen(FormScreen[Goal]):
    form_title = "Add a goal"
    save_label = "Add goal"
    not_done = "Goal not added"

    def __init__(self, case_id: int, members: list[Member], goal: Goal | None = None) -> None:
        super().__init__()
        self._case_id = case_id
        self._members = members
        self._goal = goal
        if goal is not None:
            self.form_title = "Change this goal"
            self.save_label = "Save goal"
            self.not_done = "Goal not changed"

    def compose_fields(self) -> ComposeResult:
        goal = self._goal
        levels = {lv.level: lv.description for lv in goal.gas_levels} if goal else {}
        owners = [(literal(m.description), m.id) for m in self._members if m.id is not None]
        owner = goal.owner_member_id if goal else None
        with GoalFields(id="goal-fields"):
            yield Label("Whose goal is it?")
            yield Select[int](
                owners,
                id="owner",
                prompt="the whole family",
                value=owner if owner in {i for _, i in owners} else Select.NULL,
            )
            yield Label("The goal, in the family's words")
            yield CleanInput(goal.text if goal else "", id="text", limit=500, label="The goal")
            yield Label("What 0 means, in their words")
            yield CleanInput(
                goal.low_label if goal else "not at all", id="low", limit=120, label="What 0 means"
            )
            yield Label("What 10 means, in their words")
            yield CleanInput(
                goal.high_label if goal else "completely",
                id="high",
                limit=120,
                label="What 10 means",
            )
            yield Label(
                "Goal Attainment Scaling (optional): all five levels, or none",
                id="gas-label",
            )
            for level in LEVELS:
                with Horizontal(classes="gas-row"):
                    yield Static(f"{level:+d}  {GAS_LEVEL_NAMES[level]}", classes="gas-name")
                    yield CleanInput(
                        levels.get(level, ""),
                        id=f"gas-{_level_id(level)}",
                        classes="gas-level",
                        compact=True,
                    )
            yield Label("Weight (optional): how much this goal counts next to the others")
            weight = goal.weight if goal and goal.weight is not None else None
            yield CleanInput(
                "" if weight is None else f"{weight:g}",
                id="weight",
                type="number",
                limit=6,
                label="Weight",
                placeholder="e.g. 1, 2 or 3",
            )

    def on_mount(self) -> None:
        super().on_mount()
        # The goal in their words is what is typed first; whose goal it is defaults to all.
        self.query_one("#text", Input).focus()

    def values(self) -> object:
        return (self.query_one("#owner", Select).value, *super().values())  # type: ignore[misc]

    def submit(self) -> Goal | None:
        owner = self.query_one("#owner", Select).value
        typed = cases.GoalInput(
            owner_member_id=owner if isinstance(owner, int) else None,
            text=self.query_one("#text", Input).value,
            low_label=self.query_one("#low", Input).value,
            high_label=self.query_one("#high", Input).value,
            gas={
                level: self.query_one(f"#gas-{_level_id(level)}", Input).value for level in LEVELS
            },
            weight=self.query_one("#weight", Input).value,
        )
        goal = cases.goal_from_input(self._case_id, typed, self._goal)
        return cases.save_goal(self.app.store, goal)


def _level_id(level: int) -> str:
    return {-2: "m2", -1: "m1", 0: "0", 1: "p1", 2: "p2"}[level]
