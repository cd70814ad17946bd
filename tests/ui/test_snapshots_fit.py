"""Every screen at the two sizes a practitioner's laptop gives it: 80x24 and 120x40.

The demo family on a fixed date, with long words of the kind people really say (and
text that looks like markup), so that a picture shows at once when a column is pushed
off the screen, a number is cut or a label is lost.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from sessionkit.domain import Reflection, Response, Visit
from sessionkit.locations import Locations
from sessionkit.services.after_visit import note_of_visit
from sessionkit.storage import Store
from sessionkit.ui.screens import plan as plan_module
from sessionkit.ui.screens.after_visit import AfterVisitScreen
from sessionkit.ui.screens.save_note import SaveNoteScreen
from sessionkit.ui.screens.tools import ToolBrowserScreen

from .conftest import DEMO_TODAY, make_app

SIZES = [(80, 24), (120, 40)]
SIZE_IDS = ["80x24", "120x40"]
EXPORTS = Path("/home/you/.local/share/sessionkit/exports")

LONG_WORDS = (
    "It's alright when Nan's here. [bold red]Not[/] when Dad comes round after football "
    "and everybody starts shouting about money again, then I go upstairs with Leo."
)
LONG_TAGS = ["school-mornings-with-nan", "money-worries-at-home-again"]

pytestmark = pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_module, "today", lambda: DEMO_TODAY)


def _ids(store: Store) -> tuple[int, dict[str, int]]:
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    return case.id, {m.name: m.id for m in store.list_members(case.id) if m.id is not None}


def _said(store: Store, visit_id: int, who: int, at: datetime, text: str, value: float) -> None:
    store.record_response(
        Response(
            visit_id=visit_id,
            prompt_id="scaling.safety",
            tool_id="scaling",
            wording="On a scale from 0 to 10, how safe do you feel at home right now?",
            answered_by=who,
            value=value,
            text=text,
            tags=LONG_TAGS,
            worry=True,
            pack_id="core",
            pack_version="1.0.0",
            scale_min=0,
            scale_max=10,
            said_at=at,
            recorded_at=at,
        )
    )


def _long_words_last_visit(store: Store) -> None:
    """The demo's latest (finished) visit, with Maya's long words on the first question."""
    case_id, ids = _ids(store)
    latest = max(store.list_visits(case_id), key=lambda v: v.started_at)
    assert latest.id is not None
    at = latest.started_at.replace(minute=50)
    _said(store, latest.id, ids["Maya"], at, LONG_WORDS, 9)


def _live_visit(store: Store) -> None:
    """An open visit today with Maya's and Sam's long words on the first question."""
    case_id, ids = _ids(store)
    started = datetime(2026, 11, 2, 10, 30).astimezone()
    visit = store.start_visit(
        Visit(
            case_id=case_id,
            started_at=started,
            present_member_ids=list(ids.values()),
            pack_id="core",
            pack_version="1.0.0",
        )
    )
    assert visit.id is not None
    _said(store, visit.id, ids["Maya"], started.replace(minute=35), LONG_WORDS, 7)
    _said(store, visit.id, ids["Sam"], started.replace(minute=36), "Better" * 30, 5)


async def _still(pilot: Any) -> None:
    # A blinking cursor would be caught at a different phase on each run.
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def _app(store: Store, locations: Locations) -> Any:
    return make_app(store, locations, check_unfinished=False)


def _pressing(*keys: str) -> Any:
    async def run(pilot: Any) -> None:
        await pilot.press(*keys)
        await _still(pilot)

    return run


def test_home(snap_compare: Any, demo_store: Store, locations: Locations, size: Any) -> None:
    app = _app(demo_store, locations)
    assert snap_compare(app, run_before=_still, terminal_size=size)


def test_case(snap_compare: Any, demo_store: Store, locations: Locations, size: Any) -> None:
    app = _app(demo_store, locations)
    assert snap_compare(app, run_before=_pressing("enter"), terminal_size=size)


def test_plan(snap_compare: Any, demo_store: Store, locations: Locations, size: Any) -> None:
    app = _app(demo_store, locations)
    assert snap_compare(app, run_before=_pressing("enter", "l"), terminal_size=size)


def _on_safety(*keys: str, opening: tuple[str, ...] = ("enter", "v")) -> Any:
    """Open a visit (the open one, by default) on the question with the long words,
    Maya answering."""

    async def run(pilot: Any) -> None:
        await pilot.press(*opening)
        screen = pilot.app.screen
        session = screen.session
        ids = [q.prompt_id for q in session.questions]
        session.select_question(ids.index("scaling.safety"))
        session.choose_person(session.keys["M"])
        screen.refresh_view()
        await pilot.press(*keys)
        await _still(pilot)

    return run


def test_live_capture_long_words(
    snap_compare: Any, demo_store: Store, locations: Locations, size: Any
) -> None:
    _live_visit(demo_store)
    app = _app(demo_store, locations)
    # V on a case with an unfinished visit resumes it.
    assert snap_compare(app, run_before=_on_safety(), terminal_size=size)


def test_finished_visit_long_words(
    snap_compare: Any, demo_store: Store, locations: Locations, size: Any
) -> None:
    _long_words_last_visit(demo_store)
    app = _app(demo_store, locations)
    opening = _on_safety(opening=("enter", "enter"))
    assert snap_compare(app, run_before=opening, terminal_size=size)


def test_family_view(snap_compare: Any, demo_store: Store, locations: Locations, size: Any) -> None:
    _live_visit(demo_store)
    app = _app(demo_store, locations)
    assert snap_compare(app, run_before=_on_safety("space"), terminal_size=size)


@pytest.mark.parametrize("section", ["question-0", "goals", "relationship"])
def test_movement(
    snap_compare: Any, demo_store: Store, locations: Locations, size: Any, section: str
) -> None:
    _long_words_last_visit(demo_store)

    async def open_section(pilot: Any) -> None:
        await pilot.press("enter", "m")
        await pilot.app.screen.go_to(section)
        await _still(pilot)

    app = _app(demo_store, locations)
    assert snap_compare(app, run_before=open_section, terminal_size=size)


def test_tools(snap_compare: Any, store: Store, locations: Locations, size: Any) -> None:
    async def open_and_search(pilot: Any) -> None:
        await pilot.app.push_screen(ToolBrowserScreen())
        await _still(pilot)
        await pilot.press(*"three")
        await _still(pilot)

    app = _app(store, locations)
    assert snap_compare(app, run_before=open_and_search, terminal_size=size)


def _finished_with_words(store: Store) -> int:
    case_id, ids = _ids(store)
    started = datetime(2026, 11, 2, 16, 0).astimezone()
    visit = store.start_visit(
        Visit(
            case_id=case_id,
            started_at=started,
            present_member_ids=list(ids.values()),
            pack_id="core",
            pack_version="1.0.0",
        )
    )
    assert visit.id is not None
    _said(store, visit.id, ids["Maya"], started, LONG_WORDS, 9)
    finished = store.finish_visit(visit.id, datetime(2026, 11, 2, 17, 0).astimezone())
    finished.reflection = Reflection(
        what_worked="Maya showed Leo the faces scale; [b]Sam[/b] joined in at the end.",
        try_next_time="Ask Sam about mornings first.",
        written_at=started,
    )
    store.update_visit(finished)
    return visit.id


def test_after_visit(snap_compare: Any, demo_store: Store, locations: Locations, size: Any) -> None:
    visit_id = _finished_with_words(demo_store)

    async def open_screen(pilot: Any) -> None:
        await pilot.app.push_screen(AfterVisitScreen(visit_id))
        await _still(pilot)
        # The first draft of the note is saved after the pause in typing: wait for it, so
        # the save marker says the same on every run.
        for _ in range(60):
            if pilot.app.screen.is_saved():
                break
            await pilot.pause(0.05)
        await pilot.pause()

    app = _app(demo_store, locations)
    assert snap_compare(app, run_before=open_screen, terminal_size=size)


def test_save_note(snap_compare: Any, demo_store: Store, locations: Locations, size: Any) -> None:
    visit_id = _finished_with_words(demo_store)

    async def open_dialog(pilot: Any) -> None:
        note = note_of_visit(pilot.app.store, pilot.app.pack, visit_id)
        await pilot.app.push_screen(SaveNoteScreen(note, exports_dir=EXPORTS))
        await _still(pilot)

    app = _app(demo_store, locations)
    assert snap_compare(app, run_before=open_dialog, terminal_size=size)
