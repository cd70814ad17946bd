"""The prompt picker: a letter for the tool, a digit for the prompt, or a search."""

from __future__ import annotations

from typing import Any

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.toolpacks import load_catalog
from sessionkit.ui.prompt_keys import PromptChoice, capturable_tools, search_prompts, tool_keys
from sessionkit.ui.screens.prompt_picker import PromptPickerScreen

from .conftest import make_app


def _core_tools() -> list[Any]:
    from sessionkit.locations import bundled_dir

    return capturable_tools(load_catalog([bundled_dir("toolpacks")]).resolve("core"))


def test_every_capturable_tool_has_its_own_key() -> None:
    keyed = tool_keys(_core_tools())
    keys = [key for key, _ in keyed]
    assert len(keys) == len(set(keys)) == len(_core_tools())
    by_name = {tool.name: key for key, tool in keyed}
    assert by_name["Scaling questions"] == "s"  # the first letter, when it is free
    assert all(key.isalpha() and key.islower() for key in keys)


def test_reflection_is_not_offered_during_a_visit() -> None:
    assert all(t.group != "reflection" for t in _core_tools())


def test_search_needs_every_word() -> None:
    found = search_prompts(_core_tools(), "miracle asleep")
    assert found and all(c.tool.group == "miracle" for c in found)
    assert search_prompts(_core_tools(), "nothing-like-this") == []


async def _pick(app: Any, pilot: Any, *keys: str) -> PromptChoice | None:
    chosen: list[PromptChoice | None] = []
    await app.push_screen(PromptPickerScreen(), chosen.append)
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()
    return chosen[0] if chosen else None


async def test_letter_then_digit_picks_a_prompt(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=(110, 36)) as pilot:
        choice = await _pick(app, pilot, "s", "2")
        assert choice is not None
        assert choice.tool.id == "scaling" and choice.prompt.id == "scaling.coping"


async def test_search_then_enter(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=(110, 36)) as pilot:
        choice = await _pick(app, pilot, "slash", *"worries", "enter")
        assert choice is not None and "worr" in choice.prompt.wording.casefold()


async def test_escape_clears_the_search_then_leaves(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=(110, 36)) as pilot:
        chosen: list[PromptChoice | None] = []
        await app.push_screen(PromptPickerScreen(), chosen.append)
        await pilot.press("slash", "x", "escape")
        assert isinstance(app.screen, PromptPickerScreen) and not chosen
        await pilot.press("escape")
        assert chosen == [None]
