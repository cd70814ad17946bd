"""Plans, goals, people and straight-after against a store that cannot be written.

With another program holding the database's write lock, or with the disk full, each
save is tried as a practitioner would (typing, the save key, leaving): the app keeps
running, one line says what did not happen, what was typed stays where it was typed,
nothing shows as saved that was not, and once the fault clears the same keys save it.
No word the family said appears in what is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

import pytest
from textual.widgets import Input, Static, TextArea

from faults import disk_full, locked
from sessionkit.domain import GoalStatus, Visit
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens import plan as plan_module
from sessionkit.ui.screens.after_visit import AfterVisitScreen
from sessionkit.ui.screens.case import CaseScreen
from sessionkit.ui.screens.goal_form import GoalFormScreen
from sessionkit.ui.screens.goal_status import GoalChooserScreen, GoalStatusScreen
from sessionkit.ui.screens.home import HomeScreen
from sessionkit.ui.screens.member_form import MemberFormScreen
from sessionkit.ui.screens.plan import PlanScreen
from sessionkit.ui.widgets.clean_fields import CleanTextArea
from sessionkit.ui.widgets.relationship_row import AnswerRow

from .conftest import DEMO_TODAY, make_app

SIZE = (110, 36)
Fault = Callable[[Store], AbstractContextManager[None]]
FAULTS = pytest.mark.parametrize("fault", [locked, disk_full], ids=["locked", "disk-full"])
# What a store failure says, whichever fault: "... is busy ..." or "... disk is full ...".
WHY = ("is busy", "the disk is full")
SECRET = "Dad hit me on Sunday"


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_module, "today", lambda: DEMO_TODAY)


def notes(app: Any) -> list[str]:
    """Every notification, as asked of `notify_literal` (notifications are on, too)."""
    said: list[str] = []
    original = app.notify_literal

    def record(message: str, **kwargs: Any) -> None:
        said.append(message)
        original(message, **kwargs)

    app.notify_literal = record
    return said


def text(widget: Any) -> str:
    return str(widget.render())


def case_id(store: Store) -> int:
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    return case.id


def one_fault_line(said: list[str], not_done: str) -> str:
    """The line naming what did not happen, said once however often it was tried; it says
    why, never the family's words."""
    lines = [s for s in said if s.startswith(f"{not_done}: ")]
    assert lines and said.count(lines[0]) == 1, said
    assert any(why in lines[0] for why in WHY)
    assert all(SECRET not in s for s in said)
    return lines[0]


# --- the plan ----------------------------------------------------------------------------


@FAULTS
async def test_a_plan_typed_during_a_fault_stays_and_saves_once_it_clears(
    demo_store: Store, locations: Locations, fault: Fault
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        said = notes(app)
        await pilot.press("enter", "l")
        await pilot.pause()
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        change = plan.query_one("#plan-change", TextArea)
        with fault(demo_store):
            change.load_text(SECRET)
            await pilot.pause(plan_module.SAVE_AFTER_SECONDS + 0.3)  # the save as typed
            await pilot.press("ctrl+s")  # the save key
            await pilot.press("escape")  # leaving
            assert app.is_running and app.screen is plan
            subtitle = str(plan.query_one("#plan-form").border_subtitle)
            assert subtitle.startswith("Plan not saved: ")
            assert subtitle == one_fault_line(said, "Plan not saved")
            assert any("Press Escape again" in s for s in said)
            assert change.text == SECRET
            assert demo_store.get_draft_plan(case_id(demo_store)) is None
        await pilot.press("ctrl+s")
        assert "draft saved" in str(plan.query_one("#plan-form").border_subtitle)
        draft = demo_store.get_draft_plan(case_id(demo_store))
        assert draft is not None and draft.change_looks_like == SECRET
        await pilot.press("escape")
        assert isinstance(app.screen, CaseScreen)


# --- goals and people --------------------------------------------------------------------


@FAULTS
async def test_a_goal_status_change_during_a_fault_keeps_the_form(
    demo_store: Store, locations: Locations, fault: Fault
) -> None:
    first = demo_store.list_goals(case_id(demo_store))[0]
    assert first.id is not None
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        said = notes(app)
        await pilot.press("enter", "a")
        assert isinstance(app.screen, GoalChooserScreen)
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, GoalStatusScreen)
        await pilot.press("down", "enter")  # Achieved
        form.query_one("#status-note", Input).value = SECRET
        with fault(demo_store):
            await pilot.press("ctrl+s")
            assert app.is_running and app.screen is form
            error = text(form.query_one("#form-error", Static))
            assert error == one_fault_line(said, "Goal not changed")
            assert form.query_one("#status-note", Input).value == SECRET
            assert form.chosen() is GoalStatus.ACHIEVED
        assert demo_store.get_goal(first.id).status is GoalStatus.ACTIVE
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    assert demo_store.get_goal(first.id).status is GoalStatus.ACHIEVED
    assert demo_store.goal_status_history(first.id)[-1][2] == SECRET


@FAULTS
async def test_adding_a_person_or_a_goal_during_a_fault_keeps_what_was_typed(
    demo_store: Store, locations: Locations, fault: Fault
) -> None:
    before_people = len(demo_store.list_members(case_id(demo_store), include_inactive=True))
    before_goals = len(demo_store.list_goals(case_id(demo_store)))
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        said = notes(app)
        await pilot.press("enter", "p")
        person = app.screen
        assert isinstance(person, MemberFormScreen)
        person.query_one("#name", Input).value = "Gran"
        person.query_one("#notes", Input).value = SECRET
        with fault(demo_store):
            await pilot.press("ctrl+s")
            assert app.is_running and app.screen is person
            assert text(person.query_one("#form-error")) == one_fault_line(said, "Person not added")
            assert person.query_one("#name", Input).value == "Gran"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)

        await pilot.press("g")
        goal = app.screen
        assert isinstance(goal, GoalFormScreen)
        goal.query_one("#text", Input).value = SECRET
        with fault(demo_store):
            await pilot.press("ctrl+s")
            assert app.is_running and app.screen is goal
            assert text(goal.query_one("#form-error")) == one_fault_line(said, "Goal not added")
            assert goal.query_one("#text", Input).value == SECRET
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    people = demo_store.list_members(case_id(demo_store), include_inactive=True)
    assert len(people) == before_people + 1 and people[-1].name == "Gran"
    goals = demo_store.list_goals(case_id(demo_store))
    assert len(goals) == before_goals + 1 and goals[-1].text == SECRET


# --- straight after the visit ------------------------------------------------------------


@pytest.fixture
def finished_visit(demo_store: Store) -> Iterator[int]:
    members = demo_store.list_members(case_id(demo_store))
    started = datetime(2026, 11, 2, 16, 0).astimezone()
    visit = demo_store.start_visit(
        Visit(
            case_id=case_id(demo_store),
            started_at=started,
            present_member_ids=[m.id for m in members if m.id is not None],
            pack_id="core",
            pack_version="1.0.0",
        )
    )
    assert visit.id is not None
    demo_store.finish_visit(visit.id, started.replace(hour=17))
    yield visit.id


@FAULTS
async def test_an_answer_and_a_reflection_during_a_fault_stay_until_they_can_be_saved(
    demo_store: Store, locations: Locations, finished_visit: int, fault: Fault
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        said = notes(app)
        await app.push_screen(AfterVisitScreen(finished_visit))
        # The case note is drafted on opening, and saved as typed: let that save go first.
        for _ in range(50):
            if demo_store.get_visit(finished_visit).case_note:
                break
            await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, AfterVisitScreen)
        first = screen.query(AnswerRow).first()
        worked = screen.query_one("#what-worked", CleanTextArea)
        with fault(demo_store):
            await pilot.press("7", "enter")
            assert app.is_running
            assert text(first.query_one(".rc-state")) == "NOT recorded"
            assert text(screen.query_one("#status")) == one_fault_line(said, "Not recorded")
            assert first.field.value == "7" and app.focused is first.field

            worked.insert(SECRET)
            await pilot.pause(0.7)  # the save as typed
            assert text(screen.query_one("#status")) == one_fault_line(said, "Not saved")
            await pilot.press("escape", "y")  # leave without the answer: the text still fails
            assert app.is_running and app.screen is screen
            assert worked.text == SECRET
            assert demo_store.get_visit(finished_visit).reflection is None
            assert demo_store.list_responses(finished_visit) == []

        first.field.focus()
        await pilot.press("enter")
        assert text(first.query_one(".rc-state")) == "Recorded 7"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    reflection = demo_store.get_visit(finished_visit).reflection
    assert reflection is not None and reflection.what_worked == SECRET
    assert [r.value for r in demo_store.list_responses(finished_visit)] == [7]
