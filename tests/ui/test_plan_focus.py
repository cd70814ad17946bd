"""Adding tools to a plan by key: F3 adds the highlighted suggestion and leaves the focus
where it was; Ctrl+T and the visit's prompt picker pick the best match for what is typed."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, OptionList

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.prompt_keys import PromptChoice
from sessionkit.ui.screens import plan as plan_module
from sessionkit.ui.screens.plan import PlanScreen
from sessionkit.ui.screens.prompt_picker import PromptPickerScreen
from sessionkit.ui.screens.tool_picker import ToolPickerScreen
from sessionkit.ui.widgets.tool_row import ToolRow

from .conftest import DEMO_TODAY, make_app

SIZE = (110, 36)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_module, "today", lambda: DEMO_TODAY)


async def _open_plan(pilot: Any, app: Any) -> PlanScreen:
    await pilot.press("enter", "l")
    await pilot.pause()
    assert isinstance(app.screen, PlanScreen)
    return app.screen


async def test_down_down_f3_adds_the_highlighted_suggestion_and_the_focus_stays(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        plan = await _open_plan(pilot, app)
        suggestions = plan.query_one("#suggestions", OptionList)
        assert len(plan.suggestions) >= 4
        suggestions.focus()
        await pilot.press("down", "down", "f3")
        await pilot.pause()
        assert [r.tool_id for r in plan.query(ToolRow)] == [plan.suggestions[2].tool.id]
        assert app.focused is suggestions
        # The highlight moved on to the next one not in the plan: ↓ then F3 adds the one
        # shown highlighted, again.
        await pilot.press("down")
        highlighted = suggestions.highlighted_option
        assert highlighted is not None
        await pilot.press("f3")
        await pilot.pause()
        assert [r.tool_id for r in plan.query(ToolRow)] == [
            plan.suggestions[2].tool.id,
            highlighted.id,
        ]
        assert app.focused is suggestions


async def test_ctrl_t_then_a_tools_name_then_enter_picks_that_tool(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        plan = await _open_plan(pilot, app)
        await pilot.press("ctrl+t")
        picker = app.screen
        assert isinstance(picker, ToolPickerScreen)
        await pilot.press(*"worry")
        options = picker.query_one("#picker-tools", OptionList)
        # The highlight is on the best match while typing, not the first tool that
        # mentions worries somewhere in its purpose.
        highlighted = options.highlighted_option
        assert highlighted is not None and highlighted.id == "worry-bag"
        await pilot.press("enter")
        await pilot.pause()
        assert [r.tool_id for r in plan.query(ToolRow)] == ["worry-bag"]


async def test_the_prompt_picker_search_picks_the_best_match(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        chosen: list[PromptChoice | None] = []
        await app.push_screen(PromptPickerScreen(), chosen.append)
        await pilot.pause()
        await pilot.press("slash", *"worry")
        await pilot.pause()
        assert app.screen.query_one("#picker-search", Input).value == "worry"
        await pilot.press("enter")
        await pilot.pause()
        assert chosen and chosen[0] is not None
        assert chosen[0].tool.id == "worry-bag"
