"""A visit picked up again carries on where it stopped; the question list says, in text,
how many of the people present answered each question; Enter on Finish finishes."""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.after_visit import AfterVisitScreen
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.form import ConfirmScreen

from .conftest import make_app

SIZE = (110, 36)


async def _visit(app: Any, pilot: Any) -> CaptureScreen:
    await pilot.press("enter", "v", "ctrl+s")
    screen = app.screen
    assert isinstance(screen, CaptureScreen)
    return screen


def _marks(screen: CaptureScreen) -> list[str]:
    options = screen.query_one("#questions", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_carrying_on_a_visit_starts_at_the_last_answer(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        await pilot.press("7", "down", "down", "right", "5")  # the second goal's rating
        question, person = screen.session.question_index, screen.session.person_index
        assert question == 2 and person == 1
        assert len(demo_store.list_responses(screen.visit_id)) == 2
        await pilot.press("escape")  # back to the case; the visit stays open
        await pilot.pause()
        await pilot.press("v")  # carry on
        await pilot.pause()
        again = app.screen
        assert isinstance(again, CaptureScreen) and again is not screen
        assert (again.session.question_index, again.session.person_index) == (question, person)
        assert _marks(again)[2].startswith("  1/")


async def test_each_question_says_how_many_present_answered_it(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        present = len(screen.session.visit.present_member_ids)
        assert present >= 2
        assert all(mark.startswith(f"  0/{present}  ") for mark in _marks(screen))
        await pilot.press("4")
        assert _marks(screen)[0].startswith(f"  1/{present}  ")
        for _ in range(present - 1):
            await pilot.press("right", "6")
        await pilot.pause()
        first, second = _marks(screen)[:2]
        assert first.startswith(f"✓ {present}/{present}  ")
        assert first.endswith(screen.session.questions[0].title)
        assert second.startswith(f"  0/{present}  ")


async def test_enter_on_the_finish_question_does_what_its_primary_button_says(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        await pilot.press("4", "f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        focused = app.focused
        assert focused is not None and focused.id == "yes"
        assert dialog.query_one("#yes").variant == "primary"  # type: ignore[attr-defined]
        assert dialog.query_one("#no").variant != "primary"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AfterVisitScreen)
        assert demo_store.get_visit(screen.visit_id).is_finished
