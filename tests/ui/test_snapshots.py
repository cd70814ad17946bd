"""How each screen looks, at a fixed size, with the demo family on a fixed date."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from sessionkit.locations import Locations
from sessionkit.storage import Store

from .conftest import make_app

SIZE = (110, 34)


def _app(store: Store, locations: Locations) -> Any:
    return make_app(store, locations, check_unfinished=False)


def test_home(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), terminal_size=SIZE)


def test_new_case_form(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    async def open_form(pilot: Any) -> None:
        await pilot.press("n")
        # A blinking cursor would be caught at a different phase on each run.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(_app(demo_store, locations), run_before=open_form, terminal_size=SIZE)


def test_case(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), press=["enter"], terminal_size=SIZE)


def test_finished_visit(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), press=["enter", "enter"], terminal_size=SIZE)


def test_movement(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), press=["enter", "m"], terminal_size=SIZE)


def _unfinished_visit(store: Store) -> int:
    """A visit left open on the demo family's latest day, at a fixed time."""
    from datetime import datetime

    from sessionkit.domain import Visit

    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    present = [m.id for m in store.list_members(case.id) if m.id is not None]
    started = datetime(2026, 11, 2, 10, 30).astimezone()
    visit = store.start_visit(
        Visit(case_id=case.id, started_at=started, present_member_ids=present)
    )
    assert visit.id is not None
    return visit.id


def test_start_visit_form(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), press=["enter", "v"], terminal_size=SIZE)


def test_live_capture(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    _unfinished_visit(demo_store)
    # V on a case with an unfinished visit resumes it; then the next person. (No answer
    # is recorded here: the status line would show the time it was recorded.)
    assert snap_compare(
        _app(demo_store, locations), press=["enter", "v", "down", "right"], terminal_size=SIZE
    )


def test_resume_offer(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    _unfinished_visit(demo_store)
    app = make_app(demo_store, locations)
    assert snap_compare(app, terminal_size=SIZE)
