"""The whole loop, driven by keys as a practitioner would, asserting on what was stored."""

from __future__ import annotations

from textual.widgets import DataTable, Input, SelectionList

from sessionkit.domain import CareStatus, HowGiven, Member, Role
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.after_visit import AfterVisitScreen
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.case import CaseScreen
from sessionkit.ui.screens.form import ConfirmScreen
from sessionkit.ui.screens.home import HomeScreen
from sessionkit.ui.screens.movement import MovementScreen

from .conftest import make_app

SIZE = (110, 36)


def table_text(table: DataTable) -> str:  # type: ignore[type-arg]
    return "\n".join(
        " | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)
    )


async def test_add_case_opens_it_and_stores_it(store: Store, locations: Locations) -> None:
    app = make_app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.screen.query_one("#reference", Input).value = "KT-204"
        care = app.screen.query_one("#care-status", SelectionList)
        care.select(CareStatus.CHILD_PROTECTION_PLAN.value)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    case = store.find_case("KT-204")
    assert case is not None
    assert case.care_status == {CareStatus.CHILD_PROTECTION_PLAN}


async def test_empty_reference_is_refused_with_a_message(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+s")
        error = app.screen.query_one("#form-error")
        assert "Reference" in str(error.render())
        assert error.display
    assert store.list_cases() == []


async def test_escape_never_throws_typed_text_away_without_asking(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "A", "B")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert app.screen.query_one("#reference", Input).value == "AB"
        await pilot.press("escape", "y")  # discard, this time on purpose
        assert isinstance(app.screen, HomeScreen)
    assert store.list_cases() == []


async def test_untouched_form_closes_on_escape(store: Store, locations: Locations) -> None:
    app = make_app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "escape")
        assert isinstance(app.screen, HomeScreen)


async def _start_visit(pilot, app) -> CaptureScreen:  # type: ignore[no-untyped-def]
    await pilot.press("v")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, CaptureScreen)
    return app.screen


async def test_two_visits_of_scaling_answers_show_movement(
    store: Store, locations: Locations
) -> None:
    from sessionkit.domain import Case

    case = store.add_case(Case(reference="MV-1"))
    assert case.id is not None
    amy = store.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD, age=10))
    dad = store.add_member(Member(case_id=case.id, name="Dad", role=Role.PARENT))
    app = make_app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # open the only case
        assert isinstance(app.screen, CaseScreen)

        capture = await _start_visit(pilot, app)
        first_prompt = capture.session.questions[0].prompt_id
        await pilot.press("4", "right", "6")
        await pilot.press("f", "y")
        # Finishing leads to the straight-after screen; Escape goes back to the family.
        assert isinstance(app.screen, AfterVisitScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, CaseScreen)

        capture = await _start_visit(pilot, app)
        await pilot.press("7", "right", "5")
        await pilot.press("f", "y", "escape")

        await pilot.press("m")
        assert isinstance(app.screen, MovementScreen)
        text = str(app.screen.query_one("#movement-section .changes").render())
        assert "Amy: up 3 since the first visit" in text
        assert "Dad: down 1 since the first visit" in text

    visits = store.list_visits(case.id)
    assert len(visits) == 2 and all(v.is_finished for v in visits)
    answers = [
        (r.answered_by, r.value)
        for r in store.responses_for_case(case.id)
        if r.prompt_id == first_prompt
    ]
    assert answers == [(amy.id, 4.0), (dad.id, 6.0), (amy.id, 7.0), (dad.id, 5.0)]


async def test_capture_keys(demo_store: Store, locations: Locations) -> None:
    """Ten in two keys, an off-scale answer kept as said, words, on-behalf, undo."""
    store = demo_store
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    app = make_app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        capture = await _start_visit(pilot, app)
        visit_id = capture.visit_id
        answerer = capture.session.perspective
        assert answerer is not None

        await pilot.press("1", "0")
        stored = store.list_responses(visit_id)
        assert [r.value for r in stored] == [10.0]

        await pilot.press("o")
        app.screen.query_one("#said", Input).value = "500 out of 10, honestly"
        await pilot.press("enter")
        await pilot.pause()
        latest = store.list_responses(visit_id)[-1]
        assert latest.value == 500 and latest.off_scale
        assert latest.text == "500 out of 10, honestly"

        await pilot.press("w")
        app.screen.query_one("#said", Input).value = "It's better when Dad's home"
        await pilot.press("enter")
        await pilot.pause()
        assert store.list_responses(visit_id)[-1].text == "It's better when Dad's home"

        await pilot.press("b", "3")  # on behalf of the next person in the case
        on_behalf = store.list_responses(visit_id)[-1]
        assert on_behalf.answered_by == answerer.answered_by
        assert on_behalf.on_behalf_of is not None

        await pilot.press("u")
        assert len(store.list_responses(visit_id)) == 2


async def test_undo_walks_back_one_action_at_a_time_and_says_which(
    demo_store: Store, locations: Locations
) -> None:
    store = demo_store
    app = make_app(store, locations)
    told: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify_literal = lambda message, **_: told.append(message)  # type: ignore[method-assign]
        await pilot.press("enter")
        capture = await _start_visit(pilot, app)
        visit_id = capture.visit_id
        name = capture.session.names()[capture.session.perspective.answered_by]  # type: ignore[union-attr]

        await pilot.press("5", "exclamation_mark", "h", "c", "d")
        (answer,) = store.list_responses(visit_id)
        assert answer.worry and answer.given_as is HowGiven.POINTED
        assert len(answer.change_talk) == 2  # C then D keeps both
        row = table_text(capture.query_one(DataTable))
        assert "5 · pointed" in row

        await pilot.press("u")
        assert told[-1] == f"Undone: change talk on {name}'s answer"
        assert len(store.list_responses(visit_id)[0].change_talk) == 1
        await pilot.press("u", "u")
        assert told[-1] == f"Undone: how it was given on {name}'s answer"
        await pilot.press("u")
        assert told[-1] == f"Undone: worry flag on {name}'s answer"
        (answer,) = store.list_responses(visit_id)
        assert not answer.worry and answer.given_as is HowGiven.SAID
        await pilot.press("u")
        assert told[-1].startswith(f"Undone: {name}'s answer 5 to “")
        assert store.list_responses(visit_id) == []
