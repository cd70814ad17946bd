"""The screens of test_snapshots.py in the high-contrast theme, chosen as a user chooses it.

The theme is written to the settings file before the app is made, so it is the remembered
theme that the app starts with: the path a user takes, not `app.theme = ...` afterwards.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.widgets import Input

from sessionkit.domain import Visit
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.theming import HIGH_CONTRAST_THEME

from .conftest import make_app

SIZE = (110, 34)


def _app(store: Store, locations: Locations, *, check_unfinished: bool = False) -> Any:
    locations.settings_file.parent.mkdir(parents=True, exist_ok=True)
    locations.settings_file.write_text(f'theme = "{HIGH_CONTRAST_THEME}"\n', encoding="utf-8")
    app = make_app(store, locations, check_unfinished=check_unfinished)
    assert app.theme == HIGH_CONTRAST_THEME
    return app


def _unfinished_visit(store: Store) -> None:
    """A visit left open on the demo family's latest day, at a fixed time."""
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    present = [m.id for m in store.list_members(case.id) if m.id is not None]
    started = datetime(2026, 11, 2, 10, 30).astimezone()
    store.start_visit(Visit(case_id=case.id, started_at=started, present_member_ids=present))


def test_home(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), terminal_size=SIZE)


def test_new_case_form(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    async def open_form(pilot: Any) -> None:
        await pilot.press("n")
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


def test_start_visit_form(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), press=["enter", "v"], terminal_size=SIZE)


def test_live_capture(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    _unfinished_visit(demo_store)
    assert snap_compare(
        _app(demo_store, locations), press=["enter", "v", "down", "right"], terminal_size=SIZE
    )


def test_resume_offer(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    _unfinished_visit(demo_store)
    app = _app(demo_store, locations, check_unfinished=True)
    assert snap_compare(app, terminal_size=SIZE)
