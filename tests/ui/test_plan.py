"""Planning a visit, driven by keys: goals first, a draft that survives a restart, an agenda.

Each test asserts on what was stored as well as on what the screen shows.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.binding import Binding
from textual.widgets import Input, OptionList, RadioSet, Select, SelectionList, Static, TextArea

from sessionkit.domain import Case, Goal, GoalStatus, Member, PlanStatus, Role
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens import plan as plan_module
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.case import CaseScreen
from sessionkit.ui.screens.form import ConfirmScreen
from sessionkit.ui.screens.goal_form import GoalFormScreen
from sessionkit.ui.screens.goal_status import GoalChooserScreen, GoalStatusScreen
from sessionkit.ui.screens.plan import PlanScreen
from sessionkit.ui.screens.start_visit import StartVisitScreen
from sessionkit.ui.screens.tool_picker import ToolPickerScreen
from sessionkit.ui.widgets.tool_row import ToolRow

from .conftest import DEMO_TODAY, make_app

SIZE = (110, 36)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    # What is carried forward depends on today's date: the demo family's "today".
    monkeypatch.setattr(plan_module, "today", lambda: DEMO_TODAY)


def _family(store: Store) -> tuple[int, Member, Member]:
    case = store.add_case(Case(reference="PL-1"))
    assert case.id is not None
    amy = store.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD, age=10))
    dad = store.add_member(Member(case_id=case.id, name="Dad", role=Role.PARENT))
    return case.id, amy, dad


def _text(widget: Static) -> str:
    return str(widget.render())


def _key(screen: type, binding_id: str) -> str:
    """The key a binding has by default: tests follow a key that moves."""
    return next(b.key for b in screen.BINDINGS if isinstance(b, Binding) and b.id == binding_id)


def _notes(app: Any) -> list[str]:
    """Record what `notify_literal` says (tests run with notifications off)."""
    said: list[str] = []
    original = app.notify_literal

    def record(message: str, **kwargs: Any) -> None:
        said.append(message)
        original(message, **kwargs)

    app.notify_literal = record
    return said


# --- goals -------------------------------------------------------------------------------


async def test_a_goal_with_gas_levels_and_a_weight_is_added_then_changed(
    store: Store, locations: Locations
) -> None:
    case_id, amy, _dad = _family(store)
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "g")
        form = app.screen
        assert isinstance(form, GoalFormScreen)
        form.query_one("#owner", Select).value = amy.id
        form.query_one("#text", Input).value = "Amy gets to school on time"
        form.query_one("#low", Input).value = "late every day"
        form.query_one("#high", Input).value = "on time every day"
        form.query_one("#gas-p2", Input).value = "On time all week and early twice"
        form.query_one("#gas-p1", Input).value = "On time all week"
        form.query_one("#gas-0", Input).value = "Late once a week at most"
        # Four of five levels: the form says which one is missing and keeps everything.
        await pilot.press("ctrl+s")
        error = form.query_one("#form-error", Static)
        assert error.display and "missing -1, -2" in _text(error)
        assert store.list_goals(case_id) == []

        form.query_one("#gas-m1", Input).value = "Late twice a week"
        form.query_one("#gas-m2", Input).value = "Late most days"
        form.query_one("#weight", Input).value = "2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)

        [goal] = store.list_goals(case_id)
        assert goal.owner_member_id == amy.id
        assert goal.low_label == "late every day" and goal.high_label == "on time every day"
        assert [lv.level for lv in goal.gas_levels] == [-2, -1, 0, 1, 2]
        assert goal.gas_levels[0].description == "Late most days"
        assert goal.weight == 2

        # E changes it (one goal: no need to choose), everything already filled in.
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, GoalFormScreen)
        assert form.query_one("#gas-p1", Input).value == "On time all week"
        assert form.query_one("#weight", Input).value == "2"
        form.query_one("#text", Input).value = "Amy gets to school on time, happily"
        for level in ("m2", "m1", "0", "p1", "p2"):
            form.query_one(f"#gas-{level}", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)

    [changed] = store.list_goals(case_id)
    assert changed.id == goal.id
    assert changed.text == "Amy gets to school on time, happily"
    assert changed.gas_levels == [] and changed.weight == 2


async def test_goal_status_changes_keep_their_history(
    demo_store: Store, locations: Locations
) -> None:
    case = demo_store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    first = demo_store.list_goals(case.id)[0]
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a")
        assert isinstance(app.screen, GoalChooserScreen)  # two goals: which one?
        await pilot.press("enter")  # the first
        status = app.screen
        assert isinstance(status, GoalStatusScreen)
        assert "No change of status yet" in _text(status.query_one("#status-history", Static))
        # Saving the status it already has is refused, with a message.
        await pilot.press("ctrl+s")
        assert "already active" in _text(status.query_one("#form-error", Static))

        radio = status.query_one("#goal-status", RadioSet)
        await pilot.press("down", "enter")  # Achieved
        assert radio.pressed_index == 1
        status.query_one("#status-note", Input).value = "Calm mornings for a month"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "achieved" in _text(app.screen.query_one("#goals", Static))

        # Back to active: one more entry, the earlier ones kept, shown in the modal.
        await pilot.press("a", "enter")
        status = app.screen
        assert isinstance(status, GoalStatusScreen)
        history = _text(status.query_one("#status-history", Static))
        assert "achieved · Calm mornings for a month" in history
        await pilot.press("up", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)

    assert first.id is not None
    history = demo_store.goal_status_history(first.id)
    assert [h[0] for h in history] == [GoalStatus.ACTIVE, GoalStatus.ACHIEVED, GoalStatus.ACTIVE]
    assert history[1][2] == "Calm mornings for a month"
    assert demo_store.get_goal(first.id).status is GoalStatus.ACTIVE


# --- the plan ----------------------------------------------------------------------------


async def _open_plan(pilot: Any, app: Any) -> PlanScreen:
    await pilot.press("enter", "l")
    await pilot.pause()
    assert isinstance(app.screen, PlanScreen)
    return app.screen


async def test_a_plan_is_saved_as_typed_survives_a_restart_and_becomes_the_agenda(
    demo_store: Store, locations: Locations
) -> None:
    store = demo_store
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    mornings, talking = store.list_goals(case.id)
    members = {m.name: m for m in store.list_members(case.id)}

    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        said = _notes(app)
        plan = await _open_plan(pilot, app)
        assert store.get_draft_plan(case.id) is None  # nothing typed, nothing saved

        await pilot.press("space")  # the highlighted goal: mornings
        plan.query_one("#plan-change", TextArea).load_text("Two calm mornings in a row")
        plan.query_one("#plan-steps", TextArea).load_text("Look at the picture chart\nRate it")

        # F3 adds the highlighted suggestion, with its reason to start the "why" from.
        suggested = plan.suggestions[0]
        await pilot.press("f3")
        await pilot.pause()
        [row] = plan.query(ToolRow)
        assert row.tool_id == suggested.tool.id
        assert row.reason == suggested.reasons[0]
        reason = row.query_one(Input)
        assert not reason.has_focus  # the focus stays where it was, so F3 can go on
        reason.value = "Sam can see how far mornings have come"

        # Ctrl+T: any tool of the pack, found by typing.
        await pilot.press("ctrl+t")
        picker = app.screen
        assert isinstance(picker, ToolPickerScreen)
        picker.query_one("#picker-search", Input).value = "genogram"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        rows = list(plan.query(ToolRow))
        assert [r.tool_id for r in rows] == [suggested.tool.id, "genogram"]
        assert rows[1].query_one(Input).has_focus and rows[1].reason == ""
        assert "why Genogram" in _text(plan.query_one("#plan-missing", Static))
        rows[1].query_one(Input).value = "Who helps Sam in the mornings?"

        plan.query_one("#plan-warming", TextArea).load_text("What went well this week?")
        # F4: the highlighted item from last time joins the follow-ups, in one key.
        carried = plan.carry[0]
        await pilot.press("f4")
        assert plan.query_one("#plan-follow-ups", TextArea).text == carried.text

        # Saved half a second after the last change, without leaving the screen.
        await pilot.pause(plan_module.SAVE_AFTER_SECONDS + 0.3)
        draft = store.get_draft_plan(case.id)
        assert draft is not None and draft.change_looks_like == "Two calm mornings in a row"

        await pilot.press("escape")
        assert isinstance(app.screen, CaseScreen)
        assert any(s.startswith("Draft saved") for s in said)

    # A new app on the same store: the draft is there, as typed.
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        plan = await _open_plan(pilot, app)
        assert list(plan.query_one("#plan-goals", SelectionList).selected) == [mornings.id]
        assert plan.query_one("#plan-change", TextArea).text == "Two calm mornings in a row"
        assert plan.query_one("#plan-warming", TextArea).text == "What went well this week?"
        assert [(r.tool_id, r.reason) for r in plan.query(ToolRow)] == [
            (suggested.tool.id, "Sam can see how far mornings have come"),
            ("genogram", "Who helps Sam in the mornings?"),
        ]
        assert "Ready" in _text(plan.query_one("#plan-missing", Static))

        # F5: the start-visit form, with the people the plan expects already ticked.
        await pilot.press("f5")
        start = app.screen
        assert isinstance(start, StartVisitScreen)
        expected = set(start.query_one("#present", SelectionList).selected)
        assert expected == {m.id for m in members.values()}
        await pilot.press("ctrl+s")
        await pilot.pause()
        capture = app.screen
        assert isinstance(capture, CaptureScreen)

        # The plan is the visit's agenda.
        assert capture.query_one("#agenda-panel").display
        agenda = _text(capture.query_one("#agenda", Static))
        assert mornings.text in agenda and talking.text not in agenda
        assert "Two calm mornings in a row" in agenda
        assert "Sam can see how far mornings have come" in agenda
        assert "Genogram: Who helps Sam in the mornings?" in agenda
        assert "What went well this week?" in agenda
        await pilot.press(_key(CaptureScreen, "capture.agenda"))
        assert not capture.query_one("#agenda").display
        assert "shows it" in _text(capture.query_one("#agenda-title", Static))
        visit_id = capture.visit_id

    plans = store.list_plans(case.id)
    assert len(plans) == 1
    [stored] = plans
    assert stored.status is PlanStatus.STARTED and stored.visit_id == visit_id
    assert store.get_visit(visit_id).plan_id == stored.id
    assert stored.steps == ["Look at the picture chart", "Rate it"]
    assert stored.follow_ups == [carried.text]
    assert store.get_draft_plan(case.id) is None  # the next plan starts afresh


async def test_quitting_mid_sentence_keeps_the_draft(store: Store, locations: Locations) -> None:
    case_id, _amy, _dad = _family(store)
    store.add_goal(Goal(case_id=case_id, text="Amy feels safe at home"))
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        plan = await _open_plan(pilot, app)
        plan.query_one("#plan-graces", TextArea).load_text("Dad is wary of social workers")
        await pilot.pause()
        await pilot.press("ctrl+q")  # before the half second is up
    draft = store.get_draft_plan(case_id)
    assert draft is not None and draft.social_graces == "Dad is wary of social workers"


async def test_a_poor_fit_is_warned_about_never_refused(store: Store, locations: Locations) -> None:
    case_id, _amy, _dad = _family(store)
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        plan = await _open_plan(pilot, app)
        # Three Houses is for ages 4 to 16: Dad, an adult, is outside it.
        await pilot.press("ctrl+t")
        app.screen.query_one("#picker-search", Input).value = "three houses"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        [row] = plan.query(ToolRow)
        warning = row.query_one(".tool-row-warning", Static)
        assert warning.display and "Dad" in _text(warning)
        await pilot.pause(plan_module.SAVE_AFTER_SECONDS + 0.3)
        draft = store.get_draft_plan(case_id)
        assert draft is not None and [t.tool_id for t in draft.tools] == ["three-houses"]
        # Ctrl+R takes it out again.
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not plan.query(ToolRow)
        await pilot.press("escape")
    draft = store.get_draft_plan(case_id)
    assert draft is not None and draft.tools == []


async def test_starting_with_gaps_asks_first(store: Store, locations: Locations) -> None:
    case_id, _amy, _dad = _family(store)
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot, app)
        await pilot.press("f5")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep planning
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("f5", "y")
        assert isinstance(app.screen, StartVisitScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        assert "left empty" in _text(capture.query_one("#agenda", Static))
    [stored] = store.list_plans(case_id)
    assert stored.status is PlanStatus.STARTED


async def test_an_unplanned_visit_has_no_agenda(demo_store: Store, locations: Locations) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "v", "ctrl+s")
        await pilot.pause()
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        assert not capture.query_one("#agenda-panel").display
        assert capture.check_action("agenda", ()) is False


async def test_plan_text_is_shown_as_typed_never_as_markup(
    store: Store, locations: Locations
) -> None:
    case_id, _amy, _dad = _family(store)
    store.add_goal(Goal(case_id=case_id, text="[b]bold[/i] [@click=app.quit]x[/]"))
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        plan = await _open_plan(pilot, app)
        assert "[@click=app.quit]x[/]" in _text(plan.query_one("#goal-detail", Static))
        await pilot.press("space")
        plan.query_one("#plan-change", TextArea).load_text("[/] and \x1b]0;title\x07")
        await pilot.press("escape")
        assert isinstance(app.screen, CaseScreen)
    draft = store.get_draft_plan(case_id)
    assert draft is not None and draft.change_looks_like == "[/] and "


async def test_a_draft_that_cannot_be_saved_is_never_left_silently(
    store: Store, locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sessionkit.storage import StoreError

    case_id, _amy, _dad = _family(store)

    def full_disk(plan: Any) -> Any:
        raise StoreError(store.path, "The disk is full.")

    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        said = _notes(app)
        plan = await _open_plan(pilot, app)
        monkeypatch.setattr(store, "save_plan", full_disk)
        plan.query_one("#plan-change", TextArea).load_text("Amy says school felt OK")
        await pilot.press("escape")
        # Still here, saying why, with the text as typed.
        assert isinstance(app.screen, PlanScreen)
        assert "Plan not saved: The disk is full." in str(
            plan.query_one("#plan-form").border_subtitle
        )
        assert any("Press Escape again" in s for s in said)
        assert plan.query_one("#plan-change", TextArea).text == "Amy says school felt OK"
        # F5 does not start a visit from a plan that is not on disk.
        await pilot.press("f5", "y")
        assert isinstance(app.screen, PlanScreen)
        assert store.list_visits(case_id) == []
        await pilot.press("escape")  # the second Escape leaves, as it said it would
        assert isinstance(app.screen, CaseScreen)


async def test_a_prefilled_reason_follows_who_is_ticked_until_edited(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        plan = await _open_plan(pilot, app)
        expected = plan.query_one("#plan-expected", SelectionList)
        expected.select_all()
        await pilot.pause()
        index = next(
            i
            for i, s in enumerate(plan.suggestions)
            if s.reasons[:1] and "suits ages" in s.reasons[0]
        )
        plan.query_one("#suggestions", OptionList).highlighted = index
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        [row] = plan.query(ToolRow)
        before = row.reason
        assert before.startswith("suits ages"), before
        child = next(
            m.id for m in plan.planning.members if m.age is not None and str(m.age) in before
        )
        expected.deselect(child)
        await pilot.pause()
        after = row.reason
        assert after != before and after == plans_reason(plan, row.tool_id)
        row.query_one(Input).value = after + ", and Sam asked for it"
        await pilot.pause()
        expected.select(child)
        await pilot.pause()
        assert row.reason == after + ", and Sam asked for it"


def plans_reason(plan: Any, tool_id: str) -> str:
    from sessionkit.services.plans import suggested_reason

    return suggested_reason(plan.suggestions, tool_id)
