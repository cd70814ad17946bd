"""Screens at 80x24 and 120x40: numbers whole, labels readable, nothing pushed off."""

from __future__ import annotations

import pytest

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.movement import MovementScreen
from sessionkit.ui.widgets.plan_form import PlanForm
from sessionkit.ui.widgets.values_grid import ValuesGrid

from .conftest import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
async def test_goal_levels_and_t_scores_are_never_cut(
    demo_store: Store, locations: Locations, size: tuple[int, int]
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "m")
        screen = app.screen
        assert isinstance(screen, MovementScreen)
        await screen.go_to("goals")
        await pilot.pause()
        grids = list(screen.query(ValuesGrid))
        assert grids
        for grid in grids:
            width = grid.size.width
            lines = grid.content_for(width).plain.splitlines()
            assert all(len(line) <= width for line in lines), (width, lines)
        gas = grids[0]
        t_scores = next(
            line for line in gas.content_for(gas.size.width).plain.splitlines() if "T-sc" in line
        )
        # The demo's latest T-score, whole; each number in its own column.
        assert t_scores.split()[-1] == "54"
        levels = gas.content_for(gas.size.width).plain.splitlines()[1]
        assert levels.split()[-1] in {"-2", "-1", "0", "+1", "+2"}


async def test_at_80_columns_the_plan_form_gets_the_width(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "l")
        screen = app.screen
        form = screen.query_one(PlanForm)
        assert form.size.width >= 70
        side = screen.query_one("#plan-side")
        assert side.region.y >= form.region.bottom  # under the form, not beside it
        # F6 folds the suggestions away, and F3 no longer adds what is not in view.
        await pilot.press("f6")
        assert not side.display and screen.query_one("#plan-side-folded").display
        assert form.size.height >= 15
        assert not screen.check_action("add_suggestion", ())
        await pilot.press("f6")
        assert side.display


async def test_at_120_columns_the_plan_side_stays_beside_the_form(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "l")
        form = app.screen.query_one(PlanForm)
        side = app.screen.query_one("#plan-side")
        assert side.region.x >= form.region.right and side.region.y == form.region.y
