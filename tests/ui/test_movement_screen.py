"""The movement screen: which visits get a column, and that the numbers are the stored ones."""

from __future__ import annotations

from textual.widgets import DataTable

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.movement import MovementScreen, visible_visits

from .conftest import make_app


def test_visible_visits_keep_the_first_and_the_latest() -> None:
    assert visible_visits(3, 5) == [1, 2, 3]
    assert visible_visits(6, 5) == [1, None, 3, 4, 5, 6]
    assert visible_visits(500, 4) == [1, None, 498, 499, 500]
    assert visible_visits(9, 2) == [1, None, 9]


async def test_narrow_screen_shows_the_first_and_latest_visits(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "m")
        assert isinstance(app.screen, MovementScreen)
        table = app.screen.query_one("#movement", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[:4] == ["Who", "Question", "Since first", "Since last"]
        assert labels[4].startswith("1: ") and labels[5] == "…"
        assert labels[-1].startswith("5: ")  # the demo's latest visit is in view


async def test_detail_line_gives_the_whole_path_in_words(
    demo_store: Store, locations: Locations
) -> None:
    case = demo_store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "m")
        screen = app.screen
        assert isinstance(screen, MovementScreen)
        first = screen.series[0]
        detail = str(screen.query_one("#movement-detail").render())
        path = " → ".join(f"{p.value:g}" for p in first.points)
        assert path in detail
        assert "since the first visit" in detail
        stored = [
            r.value
            for r in demo_store.responses_for_case(case.id)
            if r.prompt_id == first.key.prompt_id
            and r.answered_by == first.key.answered_by
            and r.on_behalf_of == first.key.on_behalf_of
        ]
        assert [p.value for p in first.points] == stored
