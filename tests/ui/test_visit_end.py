"""A visit written up afterwards gets the end it really had, not the moment it was typed."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Checkbox, Input, Static

from sessionkit.domain import EntryMode, Visit, now
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.finish_visit import FinishVisitScreen
from sessionkit.ui.screens.form import ConfirmScreen
from sessionkit.ui.screens.start_visit import StartVisitScreen

from .conftest import make_app

SIZE = (110, 34)
STARTED = datetime(2026, 11, 18, 16, 0).astimezone()


def _harper(store: Store) -> tuple[int, list[int]]:
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    return case.id, [m.id for m in store.list_members(case.id) if m.id is not None]


def _open_visit(
    store: Store,
    entry: EntryMode,
    started: datetime = STARTED,
    expected_end: datetime | None = None,
) -> int:
    case_id, present = _harper(store)
    visit = store.start_visit(
        Visit(
            case_id=case_id,
            started_at=started,
            present_member_ids=present,
            pack_id="core",
            pack_version="1.0.0",
            entry=entry,
            expected_end=expected_end,
        )
    )
    assert visit.id is not None
    return visit.id


def _error(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    error = screen.query_one("#form-error", Static)
    return str(error.render()) if error.display else ""


async def test_starting_afterwards_offers_an_hour_and_keeps_the_end_given(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        case_id, _ = _harper(demo_store)
        await app.push_screen(StartVisitScreen(case_id, demo_store.list_members(case_id)))
        await pilot.pause()
        form = app.screen
        form.query_one("#afterwards", Checkbox).value = True
        form.query_one("#when", Input).value = "2026-11-18 16:00"
        await pilot.pause()
        ended = form.query_one("#ended", Input)
        assert ended.display
        assert ended.value == "2026-11-18 17:00"  # shown prefilled: an hour after the start
        ended.value = "2026-11-18 15:00"
        await pilot.press("ctrl+s")
        assert _error(app) == "Ended: a visit cannot end before it started (2026-11-18 16:00)."
        ended.value = (now() + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
        await pilot.press("ctrl+s")
        assert _error(app) == "Ended: a visit written up afterwards cannot end in the future."
        ended.value = "1h30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, StartVisitScreen)
        [visit] = [v for v in demo_store.list_visits(case_id) if not v.is_finished]
        assert visit.started_at == STARTED
        assert visit.id is not None
        # Kept with the visit, so a restart before it is finished does not lose it.
        stored = demo_store.get_visit(visit.id)
        assert stored.expected_end == datetime(2026, 11, 18, 17, 30).astimezone()


async def test_finishing_afterwards_shows_the_end_given_and_uses_it(
    demo_store: Store, locations: Locations
) -> None:
    end = datetime(2026, 11, 18, 17, 30).astimezone()
    visit_id = _open_visit(demo_store, EntryMode.AFTERWARDS, expected_end=end)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(CaptureScreen(visit_id))
        await pilot.pause()
        await pilot.press("f")
        assert isinstance(app.screen, FinishVisitScreen)
        ended = app.screen.query_one("#ended", Input)
        assert ended.value == "2026-11-18 17:30"
        ended.value = "2026-11-18 17:45"  # corrected while finishing
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert demo_store.get_visit(visit_id).ended_at == datetime(2026, 11, 18, 17, 45).astimezone()


async def test_finishing_afterwards_without_an_end_given_offers_an_hour(
    demo_store: Store, locations: Locations
) -> None:
    visit_id = _open_visit(demo_store, EntryMode.AFTERWARDS)  # resumed: nothing given here
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(CaptureScreen(visit_id))
        await pilot.pause()
        await pilot.press("f")
        assert isinstance(app.screen, FinishVisitScreen)
        assert app.screen.query_one("#ended", Input).value == "2026-11-18 17:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert demo_store.get_visit(visit_id).ended_at == datetime(2026, 11, 18, 17, 0).astimezone()


async def test_a_live_visit_still_ends_when_it_is_finished(
    demo_store: Store, locations: Locations
) -> None:
    started = now() - timedelta(minutes=20)
    visit_id = _open_visit(demo_store, EntryMode.LIVE, started)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(CaptureScreen(visit_id))
        await pilot.pause()
        await pilot.press("f")
        assert isinstance(app.screen, ConfirmScreen)
        before = now()
        await pilot.press("y")
        await pilot.pause()
    ended = demo_store.get_visit(visit_id).ended_at
    assert ended is not None and ended >= before - timedelta(seconds=1)
