"""A long list of cases: the first rows in the first frame, the rest right after."""

from __future__ import annotations

from textual.widgets import OptionList

from sessionkit.domain import Case
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.home import FIRST_ROWS, HomeScreen, case_rows

from .conftest import make_app

SIZE = (100, 30)
COUNT = FIRST_ROWS + 40


def fill(store: Store) -> None:
    with store.batch() as batch:
        for n in range(COUNT):
            batch.add_case(Case(reference=f"CASE-{n:04d}"))


async def test_every_case_is_listed_in_the_same_columns(store: Store, locations: Locations) -> None:
    fill(store)
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cases = app.screen.query_one("#cases", OptionList)
        assert cases.option_count == COUNT
        _, rows = case_rows(store.list_cases())
        shown = [str(cases.get_option_at_index(i).prompt) for i in range(COUNT)]
        assert shown == rows
        await pilot.press("end")
        assert cases.highlighted == COUNT - 1


async def test_back_from_a_case_far_down_the_list_it_stays_highlighted(
    store: Store, locations: Locations
) -> None:
    fill(store)
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        cases = home.query_one("#cases", OptionList)
        cases.highlighted = COUNT - 3
        await pilot.press("enter")
        assert app.screen is not home
        store.add_case(Case(reference="AAA-NEW"))  # written meanwhile: the list is read again
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home and cases.option_count == COUNT + 1
        option = cases.get_option_at_index(cases.highlighted or 0)
        assert str(option.prompt).startswith(f"CASE-{COUNT - 3:04d}")


async def test_nothing_written_means_the_list_is_not_read_again(
    store: Store, locations: Locations
) -> None:
    fill(store)
    app = make_app(store, locations, check_unfinished=False)
    reads: list[int] = []
    list_cases = store.list_cases

    def counted(**kw: bool) -> object:
        reads.append(1)
        return list_cases(**kw)

    store.list_cases = counted  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(reads) == 1  # mounted and first shown: read once
        await pilot.press("n")
        await pilot.press("escape")
        await pilot.pause()
        assert len(reads) == 1
