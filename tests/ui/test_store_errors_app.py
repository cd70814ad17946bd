"""A store error that escapes a handler is one plain line, and the app carries on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from typing import Any, ClassVar

import pytest
from tests.faults import disk_full, locked
from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from sessionkit.domain import Case
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.storage.errors import StoreCorrupt, StoreError
from sessionkit.ui.app import SessionkitApp
from sessionkit.ui.screens.base import SessionkitScreen
from sessionkit.ui.screens.home import HomeScreen

from .conftest import make_app

SIZE = (100, 30)
FAMILY_WORDS = "Maya said the shouting stopped"


class Poke(Message):
    """A message the screen handles, to show its message loop still runs."""


class Unguarded(SessionkitScreen[None]):
    """A screen with a write not put through `attempt`, as a slip would leave one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "write", "Write"),
        Binding("k", "count", "Count"),
        Binding("w", "in_worker", "Worker"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counted = 0
        self.poked = 0

    def compose(self) -> Iterator[Static]:
        yield Static(id="status")

    def action_write(self) -> None:
        self.app.store.add_case(Case(reference=FAMILY_WORDS))

    def action_count(self) -> None:
        self.counted += 1

    def on_poke(self, message: Poke) -> None:
        self.poked += 1
        if self.poked == 1:
            self.app.store.add_case(Case(reference=FAMILY_WORDS))

    def action_in_worker(self) -> None:
        self.write_in_worker()

    @work(exit_on_error=True)
    async def write_in_worker(self) -> None:
        self.app.store.add_case(Case(reference=FAMILY_WORDS))


def said(app: SessionkitApp) -> list[str]:
    lines: list[str] = []
    notify = app.notify

    def remember(message: str, **kw: Any) -> None:
        assert kw.get("markup") is False
        lines.append(message)
        notify(message, **kw)

    app.notify = remember  # type: ignore[method-assign]
    return lines


@pytest.mark.parametrize("fault", [locked, disk_full], ids=["locked", "disk-full"])
async def test_an_unguarded_write_in_an_action_is_one_line(
    store: Store, locations: Locations, fault: Any
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    lines = said(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = Unguarded()
        await app.push_screen(screen)
        with fault(store):
            await pilot.press("x")
        await pilot.press("k")
        assert app.is_running and app.screen is screen and screen.counted == 1
        assert len(lines) == 1 and lines[0].startswith("Not done: ")
        assert "\n" not in lines[0] and FAMILY_WORDS not in lines[0]
        assert str(screen.query_one("#status", Static).render()) == lines[0]
    assert store.list_cases() == []


async def test_a_screen_keeps_handling_messages_after_a_store_error(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    lines = said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = Unguarded()
        await app.push_screen(screen)
        with locked(store):
            screen.post_message(Poke())
            await pilot.pause()
        screen.post_message(Poke())
        await pilot.pause()
        # Textual stops a pump whose handler raised: this one handled the second too.
        assert screen.poked == 2 and app.is_running
        assert len(lines) == 1 and lines[0].startswith("Not done: ")


async def test_a_store_error_in_a_worker_is_one_line(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    lines = said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = Unguarded()
        await app.push_screen(screen)
        with locked(store):
            await pilot.press("w")
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("k")
        assert app.is_running and screen.counted == 1
        assert len(lines) == 1 and lines[0].startswith("Not done: ")


async def test_a_store_error_in_an_app_callback_is_one_line(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    lines = said(app)
    async with app.run_test(size=SIZE) as pilot:

        def unguarded() -> None:
            store.add_case(Case(reference=FAMILY_WORDS))

        with locked(store):
            app.call_later(unguarded)  # as the command palette runs a command
            await pilot.pause()
        await pilot.press("n")  # the app's own loop still runs: the new-case form opens
        assert app.is_running and type(app.screen).__name__ == "CaseFormScreen"
        assert len(lines) == 1 and lines[0].startswith("Not done: ")


async def test_home_survives_a_list_of_cases_that_cannot_be_read(
    demo_store: Store, locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    lines = said(app)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)

        def damaged() -> list[object]:
            raise StoreCorrupt(demo_store.path)

        monkeypatch.setattr(demo_store, "list_cases", damaged)
        home.refresh_cases()
        await pilot.pause()
        assert app.is_running
        assert len(lines) == 1 and lines[0].startswith("Cases not listed: ")
        assert "DEMO-HARPER" in str(home.query_one("#cases").render_line(0))


def test_store_errors_are_what_the_policy_catches() -> None:
    assert issubclass(StoreCorrupt, StoreError)


async def test_home_lists_the_other_cases_when_one_row_is_damaged(
    demo_store: Store, locations: Locations
) -> None:
    # A case row whose care status is not JSON: before, home crashed with the row's
    # contents in a traceback. Now the rest are listed and the row is named.
    demo_store.add_case(Case(reference="OTHER-1"))
    with closing(sqlite3.connect(demo_store.path)) as conn:
        conn.execute(
            "UPDATE cases SET care_status = ? WHERE reference = 'DEMO-HARPER'", (FAMILY_WORDS,)
        )
        conn.commit()
    app = make_app(demo_store, locations, check_unfinished=False)
    lines = said(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        home = app.screen
        assert app.is_running and isinstance(home, HomeScreen)
        assert "OTHER-1" in str(home.query_one("#cases").render_line(0))
        assert lines == [
            f"{demo_store.path} is damaged: 1 record could not be read and was left out "
            "(cases row 1); run `sessionkit check`."
        ]
        assert all(FAMILY_WORDS not in line for line in lines)
