"""Movement worked out ahead by the case screen: used only while nothing has been written.

The case screen works out the family's movement in a thread; M then shows it without
reading the case again. Any write since (from this window, or another connection to the
same file) or another toolpack means the movement screen reads the case afresh.
"""

from __future__ import annotations

import copy
import gc
import threading
from datetime import datetime
from typing import Any

import pytest

from sessionkit.domain import Response, Visit
from sessionkit.gc_pause import pauses_in_progress
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.app import SessionkitApp
from sessionkit.ui.movement_ready import ReadyReports, report_key
from sessionkit.ui.screens.case import CaseScreen
from sessionkit.ui.screens.movement import MovementScreen

from .conftest import make_app

SIZE = (100, 30)
SAID_AT = datetime(2026, 11, 2, 16, 0).astimezone()


def _harper(store: Store) -> tuple[int, int]:
    """The demo family's case id and Maya's id."""
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    maya = next(m.id for m in store.list_members(case.id) if m.name == "Maya")
    assert maya is not None
    return case.id, maya


def _new_visit(store: Store, case_id: int) -> int:
    """A sixth visit with nothing recorded yet."""
    visit = store.start_visit(Visit(case_id=case_id, started_at=SAID_AT))
    assert visit.id is not None
    return visit.id


def _safety(visit_id: int, maya: int, value: float) -> Response:
    return Response(
        visit_id=visit_id,
        prompt_id="scaling.safety",
        tool_id="scaling",
        answered_by=maya,
        value=value,
        scale_min=0,
        scale_max=10,
        said_at=SAID_AT,
        recorded_at=SAID_AT,
    )


def _mayas_safety(screen: MovementScreen) -> list[float | None]:
    assert screen.report is not None
    question = next(q for q in screen.report.questions if q.title == "Safe at home")
    maya = next(s for s in question.series if s.who.label == "Maya")
    return [v.value for v in maya.values]


async def _case_screen_ready(app: SessionkitApp, pilot: object) -> None:
    await pilot.press("enter")  # type: ignore[attr-defined]
    assert isinstance(app.screen, CaseScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_m_shows_the_report_worked_out_on_the_case_screen(
    demo_store: Store, locations: Locations
) -> None:
    case_id, _ = _harper(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await _case_screen_ready(app, pilot)
        ready = app.ready_movement.get(report_key(demo_store, case_id, app.pack))
        assert ready is not None and ready.reference == "DEMO-HARPER"
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MovementScreen)
        assert screen.report is ready
        assert "5 visits" in str(screen.query_one("#movement-heading").render())


async def test_an_answer_recorded_after_it_was_worked_out_is_shown(
    demo_store: Store, locations: Locations
) -> None:
    case_id, maya = _harper(demo_store)
    visit_id = _new_visit(demo_store, case_id)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await _case_screen_ready(app, pilot)
        ready = app.ready_movement.get(report_key(demo_store, case_id, app.pack))
        assert ready is not None
        # Recorded through the app's own store while the case screen stays as it was.
        demo_store.record_response(_safety(visit_id, maya, 2))
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MovementScreen)
        assert screen.report is not ready
        recorded = [
            r.value
            for r in demo_store.responses_for_case(case_id)
            if r.prompt_id == "scaling.safety" and r.answered_by == maya and not r.on_behalf_of
        ]
        assert _mayas_safety(screen) == recorded
        assert recorded[-1] == 2 and len(recorded) == 6


async def test_a_write_from_another_connection_is_shown(
    demo_store: Store, locations: Locations
) -> None:
    case_id, maya = _harper(demo_store)
    visit_id = _new_visit(demo_store, case_id)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await _case_screen_ready(app, pilot)
        with Store.open(locations.database) as other:  # another window, or the CLI
            other.record_response(_safety(visit_id, maya, 9))
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MovementScreen)
        assert _mayas_safety(screen)[-1] == 9
        assert len(_mayas_safety(screen)) == 6


async def test_a_report_is_used_again_only_until_something_is_written(
    demo_store: Store, locations: Locations
) -> None:
    case_id, maya = _harper(demo_store)
    visit_id = _new_visit(demo_store, case_id)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await _case_screen_ready(app, pilot)
        await pilot.press("m")
        first = app.screen
        assert isinstance(first, MovementScreen)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.press("m")
        again = app.screen
        assert isinstance(again, MovementScreen)
        assert again.report is first.report  # nothing written: nothing read again
        await pilot.press("escape")
        demo_store.record_response(_safety(visit_id, maya, 4))
        await app.workers.wait_for_complete()  # the case screen, shown again, prepares anew
        await pilot.pause()
        await pilot.press("m")
        after = app.screen
        assert isinstance(after, MovementScreen)
        assert after.report is not first.report
        assert _mayas_safety(after)[-1] == 4


async def test_another_toolpack_means_the_report_is_worked_out_again(
    demo_store: Store, locations: Locations
) -> None:
    case_id, _ = _harper(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await _case_screen_ready(app, pilot)
        pack = app.pack
        assert app.ready_movement.get(report_key(demo_store, case_id, pack)) is not None
        other = copy.copy(pack)  # titles may differ: a report is kept for one pack only
        assert app.ready_movement.get(report_key(demo_store, case_id, other)) is None


def test_a_key_for_another_case_or_generation_finds_nothing(demo_store: Store) -> None:
    from sessionkit.insight.report import MovementReport

    ready = ReadyReports()
    report = MovementReport("R-1", "", (), (), (), (), (), (), (), (), ())
    pack = object()
    key = (1, (3, 7), "core", "1.0.0", id(pack))
    ready.put(key, pack, report)  # type: ignore[arg-type]
    assert ready.get(key) is report
    for other in (
        (2, (3, 7), "core", "1.0.0", id(pack)),
        (1, (4, 7), "core", "1.0.0", id(pack)),
        (1, (3, 8), "core", "1.0.0", id(pack)),
        (1, (3, 7), "core", "1.1.0", id(pack)),
        (1, (3, 7), "other", "1.0.0", id(pack)),
    ):
        assert ready.get(other) is None
    ready.clear()
    assert ready.get(key) is None


async def test_the_first_chart_is_drawn_ahead_once_its_size_is_known(
    demo_store: Store, locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first open learns the chart's size; then the case screen's thread draws the
    # chart at that size with the new answer, so M only lays it out.
    from sessionkit.ui.widgets import movement_chart

    app_thread = threading.get_ident()  # the app runs in the test's own thread
    drawn_in: list[str] = []
    draw = movement_chart.draw_chart

    def counted(*args: Any, **kwargs: Any) -> str:
        drawn_in.append("app" if threading.get_ident() == app_thread else "worker")
        return draw(*args, **kwargs)

    monkeypatch.setattr(movement_chart, "draw_chart", counted)
    movement_chart.forget_drawn_charts(sizes=True)
    case_id, maya = _harper(demo_store)
    visit_id = _new_visit(demo_store, case_id)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await _case_screen_ready(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        assert drawn_in == ["app"]  # nothing known yet: drawn when shown
        await pilot.press("escape")
        demo_store.record_response(_safety(visit_id, maya, 1))
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)
        movement_chart.forget_drawn_charts()  # the sizes seen are kept
        case_screen.prepare_movement()
        await app.workers.wait_for_complete()
        assert drawn_in == ["app", "worker"]
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MovementScreen)
        assert len(drawn_in) == 2  # shown as drawn ahead
        assert _mayas_safety(screen)[-1] == 1
        chart = screen.query_one(movement_chart.MovementChart)
        assert chart.region.height > 0 and "1" in str(chart.render())


async def test_the_collector_is_back_on_once_movement_is_painted(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await _case_screen_ready(app, pilot)
        assert gc.isenabled()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MovementScreen)
        assert gc.isenabled() and pauses_in_progress() == 0
