"""How each screen looks, at a fixed size, with the demo family on a fixed date.

Every screen is drawn in the default theme and in high contrast. The theme is chosen the
way a user chooses it: written to the settings file before the app starts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from textual.widgets import Input

from sessionkit.domain import Visit
from sessionkit.locations import Locations
from sessionkit.storage import Store

from .conftest import make_app

SIZE = (110, 34)


def _app(store: Store, locations: Locations, theme: str, *, check_unfinished: bool = False) -> Any:
    app = make_app(store, locations, check_unfinished=check_unfinished)
    assert app.theme == theme
    return app


def _unfinished_visit(store: Store) -> None:
    """A visit left open on the demo family's latest day, at a fixed time."""
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    present = [m.id for m in store.list_members(case.id) if m.id is not None]
    started = datetime(2026, 11, 2, 10, 30).astimezone()
    store.start_visit(Visit(case_id=case.id, started_at=started, present_member_ids=present))


async def _steady_inputs(pilot: Any) -> None:
    # A blinking cursor would be caught at a different phase on each run.
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_home(snap_compare: Any, demo_store: Store, locations: Locations, theme: str) -> None:
    assert snap_compare(_app(demo_store, locations, theme), terminal_size=SIZE)


def test_new_case_form(
    snap_compare: Any, demo_store: Store, locations: Locations, theme: str
) -> None:
    async def open_form(pilot: Any) -> None:
        await pilot.press("n")
        await _steady_inputs(pilot)

    app = _app(demo_store, locations, theme)
    assert snap_compare(app, run_before=open_form, terminal_size=SIZE)


def test_case(snap_compare: Any, demo_store: Store, locations: Locations, theme: str) -> None:
    app = _app(demo_store, locations, theme)
    assert snap_compare(app, press=["enter"], terminal_size=SIZE)


def test_finished_visit(
    snap_compare: Any, demo_store: Store, locations: Locations, theme: str
) -> None:
    app = _app(demo_store, locations, theme)
    assert snap_compare(app, press=["enter", "enter"], terminal_size=SIZE)


@pytest.mark.parametrize("size", [(100, 30), (120, 40)], ids=["100x30", "120x40"])
def test_movement(
    snap_compare: Any,
    demo_store: Store,
    locations: Locations,
    theme: str,
    size: tuple[int, int],
) -> None:
    # The demo's first question that three people answered, with Maya's "500 out of 10".
    async def safe_at_home(pilot: Any) -> None:
        await pilot.press("enter", "m", "down", "down")
        await pilot.pause()

    app = _app(demo_store, locations, theme)
    assert snap_compare(app, run_before=safe_at_home, terminal_size=size)


def test_start_visit_form(
    snap_compare: Any, demo_store: Store, locations: Locations, theme: str
) -> None:
    app = _app(demo_store, locations, theme)
    assert snap_compare(app, press=["enter", "v"], terminal_size=SIZE)


def test_live_capture(
    snap_compare: Any, demo_store: Store, locations: Locations, theme: str
) -> None:
    _unfinished_visit(demo_store)

    # V on a case with an unfinished visit resumes it; then the next question and person.
    # (No answer is recorded here: the status line would show the time it was recorded.)
    async def choose(pilot: Any) -> None:
        await pilot.press("enter", "v", "down", "right")
        # Let the moved highlights finish drawing before the picture is taken.
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    app = _app(demo_store, locations, theme)
    assert snap_compare(app, run_before=choose, terminal_size=SIZE)


def test_resume_offer(
    snap_compare: Any, demo_store: Store, locations: Locations, theme: str
) -> None:
    _unfinished_visit(demo_store)
    app = _app(demo_store, locations, theme, check_unfinished=True)
    assert snap_compare(app, terminal_size=SIZE)
