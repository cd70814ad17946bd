"""Live capture beyond scales: Three Houses on someone's behalf, change talk, worries,
themes, the family view, editing, the tool's purpose - and how few keys each takes."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from sessionkit.domain import ChangeTalk
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.prompt_keys import capturable_tools, tool_keys
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.family_view import FamilyViewScreen
from sessionkit.ui.screens.three_houses import ThreeHousesScreen
from sessionkit.ui.screens.tool_purpose import ToolPurposeScreen

from .conftest import make_app

SIZE = (110, 36)


class Keys:
    """Presses keys through the pilot and counts them, to hold the screen to its promise."""

    def __init__(self, pilot: Any) -> None:
        self.pilot = pilot
        self.count = 0

    async def __call__(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)
        await self.pilot.pause()


async def _visit(app: Any, pilot: Any) -> CaptureScreen:
    await pilot.press("enter", "v", "ctrl+s")
    screen = app.screen
    assert isinstance(screen, CaptureScreen)
    return screen


async def _say(app: Any, pilot: Any, key: str, text: str) -> None:
    """Open a one-line answer form with `key`, type `text` into it and record it."""
    await pilot.press(key)
    app.screen.query_one("#said", Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def _tool_key(app: Any, group: str) -> str:
    return next(k for k, t in tool_keys(capturable_tools(app.pack)) if t.group == group)


async def test_a_scale_answer_takes_one_or_two_keys(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        keys = Keys(pilot)
        await keys("7")
        assert keys.count == 1
        keys.count = 0
        await keys("right", "1", "0")  # the next person, then ten
        values = [r.value for r in demo_store.list_responses(screen.visit_id)]
        assert values == [7, 10]


async def test_any_prompt_in_three_keys_or_a_search(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        keys = Keys(pilot)
        await keys("p", _tool_key(app, "miracle"), "1")
        assert keys.count == 3
        assert screen.question is not None and screen.question.prompt_id == "miracle.question"
        keys.count = 0
        await keys("p", "slash")
        await pilot.press(*"houses")  # the letters of the search are not counted
        await keys("enter")
        assert keys.count == 3
        assert screen.question is not None and screen.question.group == "three-houses"


async def test_three_houses_for_a_brother_by_his_sister(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        maya = next(m for m in screen.session.members.values() if m.name == "Maya")
        leo = next(m for m in screen.session.members.values() if m.name == "Leo")
        await pilot.press("p", _tool_key(app, "three-houses"), "1")
        await pilot.press("M", "b")  # Maya, answering for the next person: Leo
        assert screen.session.perspective is not None
        assert (
            screen.session.perspective.answered_by,
            screen.session.perspective.on_behalf_of,
        ) == (
            maya.id,
            leo.id,
        )
        await pilot.press("enter")
        houses = app.screen
        assert isinstance(houses, ThreeHousesScreen)
        fields = list(houses.query(Input))
        houses_said = (["loud noises", "the bus"], ["trains"], ["a dog"])
        for field, entries in zip(fields, houses_said, strict=True):
            field.focus()
            for entry in entries:
                field.value = entry
                await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = {
            r.prompt_id: r.items
            for r in demo_store.list_responses(screen.visit_id)
            if r.answered_by == maya.id and r.on_behalf_of == leo.id
        }
        assert stored == {
            "three-houses.worries": ["loud noises", "the bus"],
            "three-houses.good-things": ["trains"],
            "three-houses.dreams": ["a dog"],
        }


async def test_change_talk_worry_and_themes_in_a_key(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        await _say(app, pilot, "w", "I really want mornings to be calmer")
        keys = Keys(pilot)
        await keys("d")
        assert keys.count == 1
        (said,) = demo_store.list_responses(screen.visit_id)
        assert said.change_talk == {ChangeTalk.DESIRE}
        await keys("exclamation_mark")
        (said,) = demo_store.list_responses(screen.visit_id)
        assert said.worry and said.change_talk == {ChangeTalk.DESIRE}
        await _say(app, pilot, "number_sign", "mornings, school ,")
        (said,) = demo_store.list_responses(screen.visit_id)
        assert said.tags == ["mornings", "school"]
        await keys("d")  # the same key again takes the tag off
        (said,) = demo_store.list_responses(screen.visit_id)
        assert said.change_talk == frozenset()
        assert "⚑ worry" in str(screen.query_one("#answers").get_row_at(0)[3])  # type: ignore[attr-defined]


async def test_the_family_view_records_what_they_chose(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        await pilot.press("space")
        assert isinstance(app.screen, FamilyViewScreen)
        await pilot.press("6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert [r.value for r in demo_store.list_responses(screen.visit_id)] == [6]


async def test_edit_an_answer_and_read_why_the_tool(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        await pilot.press("3", "e")
        said = app.screen.query_one("#said", Input)
        assert said.value == "3"
        said.value = "4, after thinking about it"
        await pilot.press("enter")
        await pilot.pause()
        (answer,) = demo_store.list_responses(screen.visit_id)
        assert answer.value == 4 and answer.edited_at is not None
        assert answer.text == "4, after thinking about it"
        # Past the goals' questions (ratings, levels) to a scaling one: its tool's purpose.
        while screen.question is not None and screen.question.goal_id is not None:
            await pilot.press("down")
        await pilot.press("i")
        assert isinstance(app.screen, ToolPurposeScreen)
        assert app.screen.tool.id == "scaling"
        await pilot.press("escape")
        assert isinstance(app.screen, CaptureScreen)


async def test_shift_initial_means_that_person_for_themselves(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        maya = next(m.id for m in screen.session.members.values() if m.name == "Maya")
        await pilot.press("M", "b")
        assert (
            screen.session.perspective is not None
            and screen.session.perspective.on_behalf_of is not None
        )
        await pilot.press("S", "M", "4")
        (answer,) = demo_store.list_responses(screen.visit_id)
        assert (answer.answered_by, answer.on_behalf_of) == (maya, None)


async def test_words_are_added_to_what_was_already_said(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _visit(app, pilot)
        await _say(app, pilot, "o", "500 out of 10")
        await pilot.press("w")
        await pilot.press(*" honestly")
        await pilot.press("enter")
        await pilot.pause()
        (answer,) = demo_store.list_responses(screen.visit_id)
        assert answer.value == 500 and answer.text == "500 out of 10 honestly"
