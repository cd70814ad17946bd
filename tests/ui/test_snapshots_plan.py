"""How planning looks, at a fixed size, with the demo family and a draft on fixed dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from sessionkit.domain import PlannedTool, Visit, VisitPlan
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens import plan as plan_module

from .conftest import DEMO_TODAY, make_app

SIZE = (110, 34)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_module, "today", lambda: DEMO_TODAY)


def _draft(store: Store) -> VisitPlan:
    """A half-written plan for the demo family's next visit, last saved at a fixed time."""
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    mornings = store.list_goals(case.id)[0]
    assert mornings.id is not None
    people = [m.id for m in store.list_members(case.id) if m.id is not None]
    return store.save_plan(
        VisitPlan(
            case_id=case.id,
            goal_ids=[mornings.id],
            change_looks_like="Sam says two mornings this week were calm, and nobody was late.",
            steps=["Look at the picture chart with Maya and Leo", "Sam rates the mornings goal"],
            tools=[
                PlannedTool(tool_id="scaling", reason="Sam sees how far mornings have come"),
                PlannedTool(tool_id="three-houses", reason=""),
            ],
            warming_questions=["What went well this week, even a little?"],
            expected_member_ids=people,
            updated_at=datetime(2026, 11, 2, 9, 15).astimezone(),
        )
    )


async def _still(pilot: Any) -> None:
    # A blinking cursor would be caught at a different phase on each run.
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def test_plan(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    _draft(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)

    async def open_plan(pilot: Any) -> None:
        await pilot.press("enter", "l")
        await _still(pilot)

    assert snap_compare(app, run_before=open_plan, terminal_size=SIZE)


def test_agenda(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    plan = _draft(demo_store)
    started = datetime(2026, 11, 2, 10, 30).astimezone()
    demo_store.start_visit(
        Visit(
            case_id=plan.case_id,
            plan_id=plan.id,
            started_at=started,
            present_member_ids=plan.expected_member_ids,
        )
    )
    app = make_app(demo_store, locations, check_unfinished=False)
    # V on a case with an unfinished visit resumes it.
    assert snap_compare(app, press=["enter", "v"], terminal_size=SIZE)
