"""How the screen straight after a visit looks, on the demo family, at a fixed size."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.widgets import Input, TextArea

from sessionkit.domain import Reflection, Response, Visit
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.after_visit import AfterVisitScreen

from .conftest import make_app

SIZE = (110, 34)


def _visit_with_answers(store: Store) -> int:
    """A sixth visit on a fixed date: one scaling answer, one relationship answer."""
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    ids = {m.name: m.id for m in store.list_members(case.id) if m.id is not None}
    started = datetime(2026, 11, 2, 16, 0).astimezone()
    visit = store.start_visit(
        Visit(
            case_id=case.id,
            started_at=started,
            present_member_ids=list(ids.values()),
            pack_id="core",
            pack_version="1.0.0",
        )
    )
    assert visit.id is not None
    common: dict[str, Any] = {
        "visit_id": visit.id,
        "pack_id": "core",
        "pack_version": "1.0.0",
        "scale_min": 0,
        "scale_max": 10,
        "said_at": started,
        "recorded_at": started,
    }
    store.record_response(
        Response(
            prompt_id="scaling.safety",
            tool_id="scaling",
            wording="On a scale from 0 to 10, how safe do you feel at home right now?",
            answered_by=ids["Maya"],
            value=9,
            text="Nobody shouted at all.",
            **common,
        )
    )
    store.record_response(
        Response(
            prompt_id="relationship.listened",
            tool_id="relationship-check",
            wording="Did you feel I listened to you today?",
            answered_by=ids["Maya"],
            value=8,
            **common,
        )
    )
    finished = store.finish_visit(visit.id, datetime(2026, 11, 2, 17, 0).astimezone())
    finished.reflection = Reflection(
        what_worked="Maya showed Leo the faces scale.",
        try_next_time="Ask Sam about mornings first.",
        written_at=started,
    )
    store.update_visit(finished)
    return visit.id


def test_after_visit(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    visit_id = _visit_with_answers(demo_store)

    async def open_screen(pilot: Any) -> None:
        await pilot.app.push_screen(AfterVisitScreen(visit_id))
        await pilot.pause()
        # A blinking cursor would be caught at a different phase on each run.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        # The first draft of the note is saved after the pause in typing: wait for it, so
        # the save marker says the same on every run.
        for _ in range(60):
            if pilot.app.screen.is_saved():
                break
            await pilot.pause(0.05)
        await pilot.pause()

    app = make_app(demo_store, locations, check_unfinished=False)
    assert snap_compare(app, run_before=open_screen, terminal_size=SIZE)
