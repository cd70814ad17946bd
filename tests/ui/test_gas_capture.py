"""A goal's attainment level, recorded on a visit: the question after the goal's rating,
Enter to open the five levels, a key to choose one, and the answer stored as specified."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static

from sessionkit.domain import (
    Case,
    EntryMode,
    GasLevel,
    Goal,
    GoalStatus,
    HowGiven,
    Member,
    Response,
    Role,
    Visit,
    now,
)
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.answer_form import AnswerFormScreen
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.family_view import FamilyViewScreen
from sessionkit.ui.screens.gas_answer import GasAnswerScreen, LevelRow, initial_level, moved

from .conftest import make_app

SIZE = (110, 36)
LEVELS = [-2, -1, 0, 1, 2]


def _mornings(store: Store) -> Goal:
    """The demo family's mornings goal, written as five levels."""
    case = store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    goal = next(g for g in store.list_goals(case.id) if g.text.startswith("Mornings"))
    assert goal.has_gas
    return goal


async def _visit(app: Any, pilot: Any) -> CaptureScreen:
    await pilot.press("enter", "v", "ctrl+s")
    screen = app.screen
    assert isinstance(screen, CaptureScreen)
    return screen


async def _to_gas_question(screen: CaptureScreen, pilot: Any, goal: Goal) -> None:
    """Down the list to the goal's level question, and Sam answering."""
    while screen.question is None or screen.question.prompt_id != goal.gas_prompt_id:
        await pilot.press("down")
    await pilot.press("S")
    assert screen.session.perspective is not None
    assert screen.session.members[screen.session.perspective.answered_by].name == "Sam"


@asynccontextmanager
async def _at_level_question(
    store: Store, locations: Locations
) -> AsyncIterator[tuple[Any, Any, CaptureScreen, Goal]]:
    """A visit of the demo family, on the mornings goal's level question, Sam answering."""
    mornings = _mornings(store)
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        await _to_gas_question(screen, pilot, mornings)
        yield app, pilot, screen, mornings


def _picker(app: Any) -> GasAnswerScreen:
    screen = app.screen
    assert isinstance(screen, GasAnswerScreen)
    return screen


def _sam(screen: CaptureScreen) -> int:
    return next(i for i, m in screen.session.members.items() if m.name == "Sam")


def _status(screen: CaptureScreen) -> str:
    return str(screen.query_one("#status", Static).render())


def _now_cell(screen: CaptureScreen, row: int) -> str:
    table = screen.query_one("#answers", DataTable)
    return str(table.get_row_at(row)[1])


def _row_texts(screen: GasAnswerScreen) -> list[tuple[str, str, str, str, str]]:
    """Each level as shown: its marker, key, number, name and the family's words."""
    return [
        tuple(  # type: ignore[misc]
            str(row.query_one(selector, Static).render())
            for selector in (".gas-marker", ".gas-key", ".gas-number", ".gas-name", ".gas-words")
        )
        for row in screen.query(LevelRow)
    ]


# -- the question ------------------------------------------------------------------------


async def test_the_level_question_follows_its_goal_rating_only_for_goals_with_levels(
    demo_store: Store, locations: Locations
) -> None:
    mornings = _mornings(demo_store)
    plain = demo_store.add_goal(Goal(case_id=mornings.case_id, text="Bedtime by eight"))
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        ids = [q.prompt_id for q in screen.session.questions]
        assert ids[:2] == [mornings.rating_prompt_id, mornings.gas_prompt_id]
        assert plain.rating_prompt_id in ids
        assert plain.gas_prompt_id not in ids
        # Every level question comes straight after its own goal's rating.
        for index, question in enumerate(screen.session.questions):
            if question.is_gas:
                assert screen.session.questions[index - 1].prompt_id == (
                    f"goal.{question.goal_id}.rating"
                )
        question = screen.session.questions[1]
        assert question.title == "Goal level: Mornings before school feel…"
        assert question.is_gas and not question.is_scale


async def test_no_level_question_for_a_goal_that_is_not_active(
    demo_store: Store, locations: Locations
) -> None:
    mornings = _mornings(demo_store)
    assert mornings.id is not None
    demo_store.change_goal_status(mornings.id, GoalStatus.PAUSED, now())
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        ids = [q.prompt_id for q in screen.session.questions]
        assert mornings.gas_prompt_id not in ids
        assert mornings.rating_prompt_id not in ids


# -- choosing a level ----------------------------------------------------------------------


async def test_a_key_chooses_a_level_and_the_answer_is_stored_as_specified(
    demo_store: Store, locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with _at_level_question(demo_store, locations) as (app, pilot, screen, mornings):
        seen_on_disk: list[bool] = []
        record = demo_store.record_response

        def recording(response: Response) -> Response:
            # Nothing says "Recorded" before the commit, and the commit is on disk after.
            assert not _status(screen).startswith("Recorded")
            saved = record(response)
            reader = Store.open(locations.database)
            try:
                seen_on_disk.append(
                    saved.id in {r.id for r in reader.list_responses(saved.visit_id or 0)}
                )
            finally:
                reader.close()
            return saved

        monkeypatch.setattr(demo_store, "record_response", recording)
        before = now()
        await pilot.press("enter")
        _picker(app)
        await pilot.press("4")
        await pilot.pause()
        after = now()
        assert app.screen is screen
        assert seen_on_disk == [True]
        (stored,) = demo_store.list_responses(screen.visit_id)
        assert stored.id is not None
        assert stored.model_dump(exclude={"id", "said_at", "recorded_at"}) == Response(
            visit_id=screen.visit_id,
            prompt_id=f"goal.{mornings.id}.gas",
            tool_id="goal",
            pack_id="",
            pack_version="",
            wording=mornings.gas_wording,
            answered_by=_sam(screen),
            on_behalf_of=None,
            value=1.0,
            scale_min=-2.0,
            scale_max=2.0,
            goal_id=mornings.id,
            entry=EntryMode.LIVE,
            given_as=HowGiven.SAID,
        ).model_dump(exclude={"id", "said_at", "recorded_at"})
        assert before <= stored.said_at <= after
        assert before <= stored.recorded_at <= after
        assert _status(screen).startswith("Recorded Sam: +1 somewhat more than expected · ")
        assert _now_cell(screen, screen.session.person_index) == "+1 somewhat more than expected"


async def test_every_key_gives_its_level_and_on_behalf_is_kept(
    demo_store: Store, locations: Locations
) -> None:
    async with _at_level_question(demo_store, locations) as (_app, pilot, screen, _goal):
        await pilot.press("M", "b")  # Maya, for the next person: Leo
        perspective = screen.session.perspective
        assert perspective is not None and perspective.on_behalf_of is not None
        for key, level in zip("12345", LEVELS, strict=True):
            await pilot.press("enter", key)
            await pilot.pause()
            (stored,) = demo_store.list_responses(screen.visit_id)
            assert (stored.value, stored.answered_by, stored.on_behalf_of) == (
                float(level),
                perspective.answered_by,
                perspective.on_behalf_of,
            )


async def test_arrows_and_enter_choose_and_the_current_level_is_highlighted(
    demo_store: Store, locations: Locations
) -> None:
    async with _at_level_question(demo_store, locations) as (app, pilot, screen, _goal):
        await pilot.press("enter")
        picker = _picker(app)
        assert picker.highlighted is None
        await pilot.press("enter")  # a stray Enter with nothing highlighted records nothing
        assert app.screen is picker
        assert demo_store.list_responses(screen.visit_id) == []
        await pilot.press("down")  # lands on the middle level, not on either end
        assert picker.highlighted == 0
        await pilot.press("down", "down", "down")  # and stops at the last
        assert picker.highlighted == 2
        await pilot.press("up", "enter")
        await pilot.pause()
        (first,) = demo_store.list_responses(screen.visit_id)
        assert first.value == 1.0

        # Opened again, the level recorded is highlighted and marked.
        await pilot.press("enter")
        picker = _picker(app)
        assert picker.highlighted == 1
        rows = _row_texts(picker)
        assert rows[3][:4] == ("▶", "4", "+1", "somewhat more than expected  · recorded now")
        assert [r[2] for r in rows] == ["-2", "-1", "0", "+1", "+2"]
        assert [r[0] for r in rows] == [" ", " ", " ", "▶", " "]
        assert [r[1] for r in rows] == ["1", "2", "3", "4", "5"]
        await pilot.press("escape")


async def test_choosing_again_replaces_this_visits_answer(
    demo_store: Store, locations: Locations
) -> None:
    async with _at_level_question(demo_store, locations) as (_app, pilot, screen, _goal):
        await pilot.press("enter", "4")
        await pilot.pause()
        (first,) = demo_store.list_responses(screen.visit_id)
        await pilot.press("enter", "2")
        await pilot.pause()
        (replaced,) = demo_store.list_responses(screen.visit_id)
        assert replaced.id == first.id
        assert replaced.value == -1.0
        assert replaced.edited_at is not None
        assert _now_cell(screen, screen.session.person_index) == "-1 somewhat less than expected"
        assert _status(screen).startswith("Recorded Sam: -1 somewhat less than expected · ")


async def test_edit_opens_the_levels_and_undo_takes_the_answer_away(
    demo_store: Store, locations: Locations
) -> None:
    async with _at_level_question(demo_store, locations) as (app, pilot, screen, _goal):
        await pilot.press("e")
        assert app.screen is screen
        assert _status(screen) == "Nothing recorded yet for this person and question."
        await pilot.press("enter", "3")
        await pilot.pause()
        await pilot.press("e")
        picker = _picker(app)
        assert picker.highlighted == 0
        await pilot.press("5")
        await pilot.pause()
        (edited,) = demo_store.list_responses(screen.visit_id)
        assert edited.value == 2.0
        # Undo walks back one action at a time: the edit, then the answer.
        await pilot.press("u")
        await pilot.pause()
        (put_back,) = demo_store.list_responses(screen.visit_id)
        assert put_back.value == 0.0
        assert _status(screen) == "Undone: Sam's answer changed to 2, back to 0"
        await pilot.press("u")
        await pilot.pause()
        assert demo_store.list_responses(screen.visit_id) == []
        assert _status(screen).startswith("Undone: Sam's answer 0 to “")
        assert _now_cell(screen, screen.session.person_index) == "–"


async def test_escape_records_nothing(demo_store: Store, locations: Locations) -> None:
    async with _at_level_question(demo_store, locations) as (app, pilot, screen, _goal):
        await pilot.press("enter", "down", "down", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert demo_store.list_responses(screen.visit_id) == []
        # With an answer recorded, Escape leaves it as it was.
        await pilot.press("enter", "1", "enter", "down", "escape")
        await pilot.pause()
        (kept,) = demo_store.list_responses(screen.visit_id)
        assert (kept.value, kept.edited_at) == (-2.0, None)


async def test_digits_on_the_level_question_record_nothing_and_say_what_to_press(
    demo_store: Store, locations: Locations
) -> None:
    async with _at_level_question(demo_store, locations) as (app, pilot, screen, _goal):
        for digit in "0123456789":
            await pilot.press(digit)
        await pilot.pause()
        assert app.screen is screen
        assert demo_store.list_responses(screen.visit_id) == []
        assert _status(screen) == "Press Enter to choose the goal's level."
        # "As said" takes a typed number: not for a goal's level either.
        await pilot.press("o")
        await pilot.pause()
        assert not isinstance(app.screen, AnswerFormScreen)
        # The next question is the 0-10 rating of the other goal: digits record there.
        await pilot.press("down", "7")
        await pilot.pause()
        assert [r.value for r in demo_store.list_responses(screen.visit_id)] == [7.0]


async def test_words_before_a_level_are_kept_and_the_level_joins_them(
    demo_store: Store, locations: Locations
) -> None:
    async with _at_level_question(demo_store, locations) as (app, pilot, screen, _goal):
        # "6" then W, as typed without looking: the box opens and takes the sentence.
        await pilot.press("6", "w")
        await pilot.pause()
        assert isinstance(app.screen, AnswerFormScreen)
        await pilot.press(*"1 more good morning")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        (words,) = demo_store.list_responses(screen.visit_id)
        # Words that start with a number are not a level: no level until one is chosen.
        assert (words.value, words.text) == (None, "1 more good morning")
        await pilot.press("enter", "4")
        await pilot.pause()
        (stored,) = demo_store.list_responses(screen.visit_id)
        assert (stored.value, stored.text) == (1.0, "1 more good morning")


async def test_words_join_a_level_already_chosen(demo_store: Store, locations: Locations) -> None:
    async with _at_level_question(demo_store, locations) as (app, pilot, screen, _goal):
        await pilot.press("enter", "4", "w")
        await pilot.pause()
        assert isinstance(app.screen, AnswerFormScreen)
        app.screen.query_one("#said", Input).value = "Only one late morning"
        await pilot.press("enter")
        await pilot.pause()
        (stored,) = demo_store.list_responses(screen.visit_id)
        assert (stored.value, stored.text) == (1.0, "Only one late morning")


async def test_space_says_the_family_view_is_for_scales(
    demo_store: Store, locations: Locations
) -> None:
    async with _at_level_question(demo_store, locations) as (app, pilot, screen, _goal):
        await pilot.press("space")
        await pilot.pause()
        assert app.screen is screen
        assert not isinstance(app.screen, FamilyViewScreen)
        assert _status(screen).startswith("The family view is for 0-10 scales.")
        assert demo_store.list_responses(screen.visit_id) == []


# -- the family's words, literally ------------------------------------------------------------

HOSTILE = [
    "[bold]x[/]",
    "[link=x]y",
    "\x1b[31mred",
    "bell\x07",
    "\u202eright to left",
]


async def test_hostile_level_words_are_shown_literally(store: Store, locations: Locations) -> None:
    case = store.add_case(Case(reference="GAS-1"))
    assert case.id is not None
    amy = store.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD, age=10))
    goal = store.add_goal(
        Goal(
            case_id=case.id,
            text="[@click=app.quit]Calmer[/] mornings",
            gas_levels=[
                GasLevel(level=level, description=text)
                for level, text in zip(LEVELS, HOSTILE, strict=True)
            ],
        )
    )
    visit = store.start_visit(Visit(case_id=case.id, present_member_ids=[amy.id or 0]))
    assert visit.id is not None
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        app.push_screen(CaptureScreen(visit.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        await pilot.press("down", "enter")
        picker = _picker(app)
        words = [row[4] for row in _row_texts(picker)]
        assert words == ["[bold]x[/]", "[link=x]y", "red", "bell", "right to left"]
        assert str(picker.query_one(".gas-wording", Static).render()) == (
            "Which of the five levels is closest to how things are now? "
            "[@click=app.quit]Calmer[/] mornings"
        )
        assert await pilot.click("#gas-level-1 .gas-name", offset=(20, 0)) is not None
        await pilot.pause()
        assert app.is_running
        assert "\x1b" not in app.export_screenshot()
        # The click chose that level.
        (stored,) = store.list_responses(visit.id)
        assert (stored.value, stored.prompt_id) == (-2.0, goal.gas_prompt_id)


# -- the choosing rules, without Textual --------------------------------------------------------


def test_the_level_highlighted_at_first_is_the_one_recorded_when_it_is_a_level() -> None:
    assert initial_level(None, LEVELS) is None
    assert initial_level(1.0, LEVELS) == 1
    assert initial_level(-2.0, LEVELS) == -2
    assert initial_level(0.5, LEVELS) is None
    assert initial_level(3.0, LEVELS) is None
    assert initial_level(float("nan"), LEVELS) is None


def test_arrows_start_in_the_middle_and_stop_at_the_ends() -> None:
    assert moved(None, 1, LEVELS) == 0
    assert moved(None, -1, LEVELS) == 0
    assert moved(0, 1, LEVELS) == 1
    assert moved(2, 1, LEVELS) == 2
    assert moved(-2, -1, LEVELS) == -2
    assert moved(-1, -1, LEVELS) == -2


# -- how it looks -------------------------------------------------------------------------------


def test_the_levels_snapshot(
    snap_compare: Any, demo_store: Store, locations: Locations, theme: str
) -> None:
    case = demo_store.find_case("DEMO-HARPER")
    assert case is not None and case.id is not None
    present = [m.id for m in demo_store.list_members(case.id) if m.id is not None]
    started = datetime(2026, 11, 2, 10, 30).astimezone()
    demo_store.start_visit(Visit(case_id=case.id, started_at=started, present_member_ids=present))

    async def choose(pilot: Any) -> None:
        # Resume the visit, Sam on the goal's level question, the levels opened and +1
        # highlighted. (Nothing recorded: the status line would show the time.)
        await pilot.press("enter", "v", "down", "S")
        screen = pilot.app.screen
        assert isinstance(screen, CaptureScreen)
        assert screen.question is not None and screen.question.is_gas
        await pilot.press("enter", "down", "down")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    app = make_app(demo_store, locations, check_unfinished=False)
    assert app.theme == theme
    assert snap_compare(app, run_before=choose, terminal_size=(110, 34))
