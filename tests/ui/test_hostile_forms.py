"""Through real forms into the store and back: words kept exactly, long text never cut."""

from __future__ import annotations

import pytest
from tests.domain.text_samples import ALL, HOSTILE, HOSTILE_CLEANED
from textual import events
from textual.widgets import Input, Static

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.case import CaseScreen
from sessionkit.ui.screens.member_form import MemberFormScreen

from .conftest import make_app
from .test_hostile_keys import type_each

SIZE = (110, 36)


def case_id(store: Store) -> int:
    case = store.list_cases()[0]
    assert case.case_id is not None
    return case.case_id


def names(store: Store) -> list[str]:
    return [m.name for m in store.list_members(case_id(store), include_inactive=True)]


@pytest.mark.parametrize("text", list(ALL.values()), ids=list(ALL))
async def test_a_name_typed_character_by_character_is_stored_exactly(
    demo_store: Store, locations: Locations, text: str
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "p")
        assert isinstance(app.screen, MemberFormScreen)
        await type_each(pilot, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    assert text in names(demo_store)


async def test_a_hostile_paste_into_a_name_stores_the_words_and_opens_nothing(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "p")
        form = app.screen
        assert isinstance(form, MemberFormScreen)
        app.post_message(events.Paste(HOSTILE))
        await pilot.pause()
        assert form.query_one("#name", Input).value == HOSTILE_CLEANED
        await pilot.press("ctrl+g")  # BEL as a key: nothing opens
        assert app.screen is form
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    assert HOSTILE_CLEANED in names(demo_store)


async def test_a_2000_character_name_is_kept_in_the_field_and_refused(
    demo_store: Store, locations: Locations
) -> None:
    before = names(demo_store)
    long_name = "Jo" * 1000
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter", "p")
        form = app.screen
        assert isinstance(form, MemberFormScreen)
        app.post_message(events.Paste(long_name))
        await pilot.pause()
        field = form.query_one("#name", Input)
        assert field.value == long_name  # nothing cut
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#form-error", Static)
        assert str(error.render()) == (
            "Name: at most 60 characters; this one has 2,000. Nothing was saved."
        )
        assert field.value == long_name
        assert app.focused is field
    assert names(demo_store) == before
