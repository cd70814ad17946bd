"""Fixing and closing the record from the case screen: a person changed, removed (asked
first, saying what stays) and restored, the case's reference, care status from a date,
closing and reopening, and an unfinished visit discarded from the case or the resume offer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.widgets import Button, Input, OptionList, Select, Static

from sessionkit.domain import CareStatus, Visit
from sessionkit.storage import Store
from sessionkit.ui.screens.care_status import CareStatusScreen
from sessionkit.ui.screens.case import CaseScreen
from sessionkit.ui.screens.case_form import CaseFormScreen
from sessionkit.ui.screens.chooser import ChooserScreen
from sessionkit.ui.screens.close_case import OTHER, CloseCaseScreen
from sessionkit.ui.screens.form import ConfirmScreen
from sessionkit.ui.screens.member_form import MemberFormScreen
from sessionkit.ui.screens.resume import ResumeScreen

from .conftest import make_app

SIZE = (120, 40)


def case_id(store: Store) -> int:
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    return case.id


def text(widget: Any) -> str:
    return str(widget.render())


def unfinished(store: Store, answers: int = 0) -> Visit:
    from sessionkit.domain import Response

    cid = case_id(store)
    present = [m.id for m in store.list_members(cid) if m.id is not None]
    visit = store.start_visit(
        Visit(case_id=cid, started_at=datetime.now().astimezone(), present_member_ids=present)
    )
    assert visit.id is not None
    for _ in range(answers):
        store.record_response(
            Response(
                visit_id=visit.id,
                prompt_id="scaling.safety",
                tool_id="scaling",
                answered_by=present[0],
                value=4,
                scale_min=0,
                scale_max=10,
                said_at=visit.started_at,
            )
        )
    return visit


async def open_case(pilot: Any) -> CaseScreen:
    await pilot.press("enter")
    screen = pilot.app.screen
    assert isinstance(screen, CaseScreen)
    return screen


async def test_a_person_is_changed_in_the_form_filled_in(demo_store: Store, locations: Any) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    first = demo_store.list_members(case_id(demo_store))[0]
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot)
        await pilot.press("u")
        assert isinstance(app.screen, ChooserScreen)
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, MemberFormScreen)
        name = form.query_one("#name", Input)
        assert name.value == first.name and app.focused is name
        name.value = "Renamed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "Renamed" in text(app.screen.query_one("#people", Static))
    assert demo_store.get_member(first.id or 0).name == "Renamed"


async def test_removing_asks_first_and_restoring_brings_them_back(
    demo_store: Store, locations: Any
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    first = demo_store.list_members(case_id(demo_store))[0]
    async with app.run_test(size=SIZE) as pilot:
        case = await open_case(pilot)
        await pilot.press("r", "enter")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        question = text(confirm.query_one(".dialog-question", Static))
        assert question.startswith(f"Remove {first.name} from this case?")
        assert "stay in the record" in question or "stays" in question
        # The safe button is the one focused: Enter alone removes no one.
        await pilot.press("enter")
        assert demo_store.get_member(first.id or 0).active
        await pilot.press("r", "enter", "y")
        await pilot.pause()
        assert not demo_store.get_member(first.id or 0).active
        assert f"Removed (R restores): {first.name}" in text(case.query_one("#people", Static))
        await pilot.press("r", "enter")
        await pilot.pause()
        assert demo_store.get_member(first.id or 0).active


async def test_the_reference_is_changed_and_a_taken_one_refused(
    demo_store: Store, locations: Any
) -> None:
    from sessionkit.domain import Case

    demo_store.add_case(Case(reference="TAKEN-1"))
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        # The list is ordered by reference: the demo case comes first.
        await open_case(pilot)
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, CaseFormScreen)
        reference = form.query_one("#reference", Input)
        assert reference.value == "DEMO-HARPER" and app.focused is reference
        reference.value = "taken-1"
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert text(form.query_one("#form-error")) == (
            "There is already a case with the reference taken-1."
        )
        reference.value = "DEMO-H2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert text(app.screen.query_one("#case-title", Static)) == "DEMO-H2"


async def test_the_care_status_changes_from_today_and_shows_in_the_history(
    demo_store: Store, locations: Any
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        case = await open_case(pilot)
        await pilot.press("t")
        form = app.screen
        assert isinstance(form, CareStatusScreen)
        form.query_one("#care-status").deselect_all()  # type: ignore[attr-defined]
        form.query_one("#care-status").select(CareStatus.IN_CARE.value)  # type: ignore[attr-defined]
        form.query_one("#note", Input).value = "after the review"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is case
        assert "in care · after the review" in text(case.query_one("#care-history", Static))
    found = demo_store.find_case("DEMO-HARPER")
    assert found is not None and found.care_status == {CareStatus.IN_CARE}


async def test_escape_on_a_changed_form_asks_before_throwing_it_away(
    demo_store: Store, locations: Any
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot)
        await pilot.press("x")
        form = app.screen
        assert isinstance(form, CloseCaseScreen)
        form.query_one("#other-reason", Input).value = "family asked"
        await pilot.pause()
        assert form.query_one("#reason", Select).value == OTHER
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        assert app.screen is form
        assert form.query_one("#other-reason", Input).value == "family asked"


async def test_a_case_is_closed_for_a_reason_and_reopened(
    demo_store: Store, locations: Any
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        case = await open_case(pilot)
        await pilot.press("x")
        form = app.screen
        assert isinstance(form, CloseCaseScreen)
        form.query_one("#day", Input).value = "1999-01-01"
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "Closed on: not before the case opened" in text(form.query_one("#form-error"))
        form.query_one("#day", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is case
        assert "closed" in text(case.query_one("#case-subtitle", Static))
        assert "needs met" in text(case.query_one("#case-subtitle", Static))
        found = demo_store.find_case("DEMO-HARPER")
        assert found is not None and found.closed_reason == "needs met"
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen.query_one("#cases", OptionList)
        assert "(closed)" in str(home.get_option_at_index(0).prompt)
        await pilot.press("enter", "x", "y")
        await pilot.pause()
    found = demo_store.find_case("DEMO-HARPER")
    assert found is not None and not found.is_closed


async def test_an_unfinished_visit_is_discarded_after_saying_how_many_answers_go(
    demo_store: Store, locations: Any
) -> None:
    visit = unfinished(demo_store, answers=3)
    before = len(demo_store.list_visits(case_id(demo_store)))
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot)
        await pilot.press("d")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert text(confirm.query_one(".dialog-question", Static)) == (
            "Discard this visit and its 3 answers? They cannot be got back."
        )
        assert app.focused is confirm.query_one("#no", Button)
        await pilot.press("enter")
        assert len(demo_store.list_visits(case_id(demo_store))) == before
        await pilot.press("d", "y")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    assert [v.id for v in demo_store.list_visits(case_id(demo_store))].count(visit.id) == 0
    assert len(demo_store.list_visits(case_id(demo_store))) == before - 1


async def test_a_finished_visit_is_not_discarded(demo_store: Store, locations: Any) -> None:
    before = len(demo_store.list_visits(case_id(demo_store)))
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, CaseScreen)
    assert len(demo_store.list_visits(case_id(demo_store))) == before


async def test_the_resume_offer_can_discard_the_visit(demo_store: Store, locations: Any) -> None:
    visit = unfinished(demo_store, answers=1)
    app = make_app(demo_store, locations, check_unfinished=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("d")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert text(confirm.query_one(".dialog-question", Static)) == (
            "Discard this visit and its 1 answer? They cannot be got back."
        )
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (ResumeScreen, ConfirmScreen))
    assert visit.id not in [v.id for v in demo_store.list_visits(case_id(demo_store))]


async def test_the_palette_offers_the_new_commands(demo_store: Store, locations: Any) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        case = await open_case(pilot)
        titles = [c.title for c in case.palette_commands()]
    for title in (
        "Change a person",
        "Remove or restore a person",
        "Change the case",
        "Change the care status",
        "Close the case",
        "Discard the highlighted visit",
    ):
        assert title in titles
