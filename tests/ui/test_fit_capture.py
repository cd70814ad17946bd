"""The capture table keeps every column on screen, whatever people said."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from sessionkit.domain import Response, Visit
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.capture import CaptureScreen

from .conftest import make_app

LONG = (
    "It's alright when Nan's here. [bold red]Not[/] when Dad comes round after football "
    "and everybody starts shouting about money again, then I go upstairs with Leo."
)


def _open_visit_with_long_words(store: Store, *, finish: bool) -> None:
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    ids = {m.name: m.id for m in store.list_members(case.id) if m.id is not None}
    started = datetime(2026, 11, 2, 10, 30).astimezone()
    visit = store.start_visit(
        Visit(case_id=case.id, started_at=started, present_member_ids=list(ids.values()))
    )
    assert visit.id is not None
    store.record_response(
        Response(
            visit_id=visit.id,
            prompt_id="scaling.safety",
            tool_id="scaling",
            wording="How safe do you feel at home right now?",
            answered_by=ids["Maya"],
            value=7,
            text=LONG,
            tags=["school-mornings-with-nan", "money-worries-at-home-again"],
            scale_min=0,
            scale_max=10,
            said_at=started,
            recorded_at=started,
        )
    )
    if finish:
        store.finish_visit(visit.id, datetime(2026, 11, 2, 11, 30).astimezone())


async def _on_safety(pilot: Any) -> CaptureScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CaptureScreen)
    session = screen.session
    session.select_question([q.prompt_id for q in session.questions].index("scaling.safety"))
    session.choose_person(session.keys["M"])
    screen.refresh_view()
    await pilot.pause()
    return screen


def _headings_on_screen(table: DataTable) -> list[str]:  # type: ignore[type-arg]
    """The column headings whose whole cell lies inside the table's visible width."""
    room = table.scrollable_content_region.width
    shown, x = [], 0
    for column in table.ordered_columns:
        x += column.get_render_width(table)
        if x <= room:
            shown.append(column.label.plain)
    return shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("finish", [False, True], ids=["live", "finished"])
async def test_long_words_never_push_columns_off(
    demo_store: Store, locations: Locations, size: tuple[int, int], finish: bool
) -> None:
    _open_visit_with_long_words(demo_store, finish=finish)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=size) as pilot:
        if finish:
            await pilot.press("enter", "enter")  # the latest visit, read back
        else:
            await pilot.press("enter", "v")  # resumes the open visit
        screen = await _on_safety(pilot)
        table = screen.query_one("#answers", DataTable)
        shown = _headings_on_screen(table)
        # Every column is there, the answers whole; a heading of words may be cut.
        assert len(shown) == 5 and shown[:2] == ["Who", "Now"] and shown[-1] == "Last time"
        assert table.virtual_size.width <= table.scrollable_content_region.width
        words = table.get_row_at(table.cursor_row)[2].plain
        assert words.endswith("…") and LONG.startswith(words[:-1])
        # The whole of what was said is on screen, under the table.
        detail = screen.query_one("#answer-detail", Static)
        assert detail.display
        assert LONG in str(detail.render())
        assert "money-worries-at-home-again" in str(detail.render())


async def test_a_finished_visit_offers_only_the_keys_that_work(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")  # the latest visit, finished
        screen = app.screen
        assert isinstance(screen, CaptureScreen) and screen.session.visit.is_finished
        offered = {
            binding.action
            for (_, binding, enabled, _) in screen.active_bindings.values()
            if enabled and binding.show
        }
        assert "leave" in offered
        for action in ("digit(0)", "answer", "family_view", "words", "undo", "finish"):
            assert action not in offered
        assert "pick_prompt" not in offered
        ends = str(screen.query_one("#scale-ends", Static).render())
        answering = str(screen.query_one("#answering", Static).render())
        assert "Space" not in ends and "B:" not in answering
        footer_text = " ".join(
            str(key.render()) for key in screen.query("FooterKey") if key.display
        )
        assert "Record" not in footer_text and "Finish" not in footer_text


async def test_the_visit_clock_says_minutes_in_words(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "v", "ctrl+s")
        await pilot.pause()
        clock = app.screen.query_one("#visit-clock", Static)
        assert str(clock.render()) == "0 min in"
