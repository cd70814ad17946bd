"""How the end of a visit written up afterwards is asked for: when starting it, and
when finishing it (fixed times, so the drawing is the same on every run)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.widgets import Checkbox, Input

from sessionkit.domain import EntryMode, Visit
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.start_visit import StartVisitScreen

from .conftest import make_app

SIZE = (110, 34)
STARTED = datetime(2026, 11, 1, 16, 0).astimezone()


def _harper(store: Store) -> tuple[int, list[int]]:
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    return case.id, [m.id for m in store.list_members(case.id) if m.id is not None]


async def _steady(pilot: Any) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_start_visit_written_up_afterwards(
    snap_compare: Any, demo_store: Store, locations: Locations, theme: str
) -> None:
    case_id, _ = _harper(demo_store)

    async def tick(pilot: Any) -> None:
        await pilot.app.push_screen(StartVisitScreen(case_id, demo_store.list_members(case_id)))
        await pilot.pause()
        pilot.app.screen.query_one("#afterwards", Checkbox).value = True
        pilot.app.screen.query_one("#when", Input).value = "2026-11-01 16:00"
        await _steady(pilot)

    app = make_app(demo_store, locations, check_unfinished=False)
    assert snap_compare(app, run_before=tick, terminal_size=SIZE)


def test_finish_visit_written_up_afterwards(
    snap_compare: Any, demo_store: Store, locations: Locations, theme: str
) -> None:
    case_id, present = _harper(demo_store)
    visit = demo_store.start_visit(
        Visit(
            case_id=case_id,
            started_at=STARTED,
            present_member_ids=present,
            entry=EntryMode.AFTERWARDS,
        )
    )
    assert visit.id is not None
    visit_id = visit.id

    async def finish(pilot: Any) -> None:
        await pilot.app.push_screen(CaptureScreen(visit_id))
        await pilot.pause()
        await pilot.press("f")
        await _steady(pilot)

    app = make_app(demo_store, locations, check_unfinished=False)
    assert snap_compare(app, run_before=finish, terminal_size=SIZE)
