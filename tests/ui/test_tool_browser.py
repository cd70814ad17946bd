"""The tool browser and the pack chooser: search, read a tool in full, switch packs."""

from __future__ import annotations

import shutil
import textwrap
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from sessionkit.locations import Locations, resolve
from sessionkit.present.tool_search import age_words, find_tools
from sessionkit.storage import Store
from sessionkit.toolpacks import load_catalog
from sessionkit.ui.app import SessionkitApp
from sessionkit.ui.screens.home import HomeScreen
from sessionkit.ui.screens.packs import PackChooserScreen
from sessionkit.ui.screens.tools import ToolBrowserScreen

from .conftest import make_app

REPO = Path(__file__).resolve().parents[2]
NORTHSHIRE = REPO / "toolpacks" / "examples" / "northshire.toml"
SIZE = (110, 36)

BROKEN = """\
[pack]
id = "broken"
name = "Broken pack"
version = "1"
extends = "core"

[[reword]]
prompt = "scaling.safty"
wording = "x"
"""

HOSTILE = """\
[pack]
id = "hostile"
name = "[b]Hostile[/i] pack"
version = "[/]"
publisher = "[@click=app.quit]q[/]"
extends = "core"

[layout]
order = ["markup"]

[[tools]]
id = "markup"
name = "[b]x[/i]"
group = "markup"
purpose = "[@click=app.quit]quit[/] and [link=https://example.invalid]a link[/link]"
works_well_when = "[/]"
avoid_when = "$text ${x} %s {0}"
areas = ["[red]area[/]"]

[tools.adaptations]
age = "[b]age"
send = "[/send]"
non_verbal = "[i]"

[[tools.prompts]]
id = "markup.scale"
kind = "scale"
title = "[b]title[/i]"
wording = "[@click=app.quit]wording[/]"
child_wording = "[/child]"
[tools.prompts.scale]
min_label = "[b]low"
max_label = "[/]high"

[[tools.prompts]]
id = "markup.choice"
kind = "choice"
wording = "Pick [one]"
help = "[link=x]help[/link]"

[[tools.prompts.options]]
id = "a"
label = "[b]A[/i]"
"""


def with_packs(locations: Locations, folder: Path) -> Locations:
    """The fixture's folders, plus `folder` as an extra toolpack folder."""
    return resolve(
        data_dir=locations.data_dir,
        config_dir=locations.config_dir,
        toolpack_dirs=[str(folder)],
        environ={},
    )


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    return folder


def listed(app: SessionkitApp) -> list[str]:
    options = app.screen.query_one("#tool-list", OptionList).options
    return [o.id for o in options if o.id is not None]


def text_of(app: SessionkitApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def notices(app: SessionkitApp) -> list[str]:
    # Textual keeps no public list of the notifications sent; this one is stable in 8.2.8.
    return [n.message for n in app._notifications]


def sub_title(app: SessionkitApp) -> str:
    return app.screen.sub_title or ""


def highlighted(app: SessionkitApp) -> str | None:
    option = app.screen.query_one("#tool-list", OptionList).highlighted_option
    return option.id if option else None


# -- the tool browser -----------------------------------------------------------------------


async def test_type_to_search_then_escape_clears_and_escape_leaves(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(ToolBrowserScreen())
        await pilot.pause()
        search = app.screen.query_one("#tool-search", Input)
        assert search.has_focus
        assert len(listed(app)) == len(app.pack.tools) == 14
        assert "Core practice pack" in sub_title(app)
        assert "1.0.0" in sub_title(app)

        await pilot.press(*"three", "space", *"houses")
        assert listed(app) == ["three-houses"]
        assert highlighted(app) == "three-houses"
        assert text_of(app, "#tool-name") == "Three Houses"
        assert text_of(app, "#tool-purpose").startswith("A child draws or fills three houses")
        assert text_of(app, "#tool-count").startswith("1 of 14 tools matches\n")

        await pilot.press("escape")
        assert search.value == ""
        assert len(listed(app)) == 14
        assert isinstance(app.screen, ToolBrowserScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_three_finds_three_houses_first_and_says_why_another_tool_matched(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(ToolBrowserScreen())
        await pilot.press(*"three")
        # The cards tool has "If you had three wishes...": a prompt wording matches too.
        assert listed(app) == ["three-houses", "question-cards"]
        assert highlighted(app) == "three-houses"
        assert "A child draws or fills three houses" in text_of(app, "#tool-purpose")
        cards = app.screen.query_one("#tool-list", OptionList).get_option("question-cards")
        assert "prompt: If you had three wishes" in str(cards.prompt)


async def test_up_and_down_move_the_list_while_typing(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(ToolBrowserScreen())
        await pilot.pause()
        tools = app.pack.tools
        assert highlighted(app) == tools[0].id
        await pilot.press("down", "down")
        assert highlighted(app) == tools[2].id
        assert text_of(app, "#tool-name") == tools[2].name
        await pilot.press("up")
        assert highlighted(app) == tools[1].id
        assert app.screen.query_one("#tool-search", Input).has_focus
        # Typing keeps the highlighted tool when it still matches.
        await pilot.press(*"scal")
        assert highlighted(app) == "scaling"


async def test_enter_reads_the_tool_and_escape_comes_back_to_the_search(
    store: Store, locations: Locations
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(ToolBrowserScreen())
        await pilot.press(*"scaling q")
        assert highlighted(app) == "scaling"
        await pilot.press("enter")
        detail = app.screen.query_one("#tool-detail")
        assert detail.has_focus
        prompts = text_of(app, "#tool-prompts")
        assert "Safe at home" in prompts
        assert "On a scale from 0 to 10, how safe do you feel at home right now?" in prompts
        assert "For a child: If 0 is not safe at all" in prompts
        assert "0 = not safe at all   10 = completely safe" in prompts
        assert "scale 0 to 10" in prompts
        assert text_of(app, "#tool-facts") == (
            "Ages 5 and up · goal areas: safety, wellbeing, relationships, progress"
        )
        # Escape from the detail goes back to the search, keeping what was typed.
        await pilot.press("escape")
        search = app.screen.query_one("#tool-search", Input)
        assert search.has_focus and search.value == "scaling q"
        # Typing while reading goes on with the search.
        await pilot.press("enter", "u")
        assert search.has_focus and search.value == "scaling qu"
        assert isinstance(app.screen, ToolBrowserScreen)


async def test_nothing_matches(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(ToolBrowserScreen())
        app.screen.query_one("#tool-search", Input).value = "zzzz"
        await pilot.pause()
        assert listed(app) == []
        assert "No tool matches “zzzz”" in text_of(app, "#tool-none")
        assert not app.screen.query_one("#section-purpose").display
        await pilot.press("enter", "down", "escape")
        assert len(listed(app)) == 14


async def test_every_tool_shows_its_purpose(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(ToolBrowserScreen())
        await pilot.pause()
        for tool in app.pack.tools:
            assert highlighted(app) == tool.id
            assert app.screen.query_one("#section-purpose").display
            assert text_of(app, "#tool-purpose") == tool.purpose
            await pilot.press("down")


# -- choosing a pack ------------------------------------------------------------------------


async def test_choose_a_pack_and_it_is_remembered(
    store: Store, locations: Locations, pack_dir: Path
) -> None:
    shutil.copy(NORTHSHIRE, pack_dir / "northshire.toml")
    (pack_dir / "broken.toml").write_text(BROKEN, encoding="utf-8")
    (pack_dir / "not-toml.toml").write_text("[pack\n", encoding="utf-8")
    here = with_packs(locations, pack_dir)
    app = make_app(store, here, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert app.pack.id == "core"
        await app.push_screen(ToolBrowserScreen())
        await app.push_screen(PackChooserScreen())
        await pilot.pause()
        packs = app.screen.query_one("#pack-list", OptionList)
        assert [o.id for o in packs.options if o.id] == ["core", "northshire"]
        assert packs.highlighted_option is not None
        assert packs.highlighted_option.id == "core"
        assert "in use" in str(packs.get_option("core").prompt)
        assert "builds on core" in str(packs.get_option("northshire").prompt)
        assert app.screen.query_one("#pack-problems-title").display
        problems = text_of(app, "#pack-problems")
        assert "Could not be loaded" in text_of(app, "#pack-problems-title")
        assert (
            "Broken pack (broken.toml, line 8): reword[0].prompt: no prompt 'scaling.safty' "
            "in 'core' (did you mean 'scaling.safety'?)"
        ) in problems
        assert "not-toml.toml, line 1: is not valid TOML" in problems

        await pilot.press("down", "enter")
        assert app.pack.id == "northshire"
        assert isinstance(app.screen, ToolBrowserScreen)
        assert "Now using Northshire Children's Services" in notices(app)
        # The browser underneath now shows the new pack, in its order.
        assert listed(app)[0] == "relationship-check"
        assert "support-circle" in listed(app)
        assert "internalised-other" not in listed(app)
        assert "Northshire" in sub_title(app)

    saved = tomllib.loads(here.settings_file.read_text(encoding="utf-8"))
    assert saved["toolpack"] == "northshire"
    # The next start opens with the remembered pack.
    again = make_app(store, here, check_unfinished=False)
    async with again.run_test(size=SIZE):
        assert again.pack.id == "northshire"


async def test_escape_cancels_the_chooser(
    store: Store, locations: Locations, pack_dir: Path
) -> None:
    shutil.copy(NORTHSHIRE, pack_dir / "northshire.toml")
    app = make_app(store, with_packs(locations, pack_dir), check_unfinished=False)
    chosen: list[str | None] = []
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(PackChooserScreen(), chosen.append)
        await pilot.pause()
        assert not app.screen.query_one("#pack-problems").display
        await pilot.press("down", "escape")
        assert chosen == [None]
        assert app.pack.id == "core"
        assert isinstance(app.screen, HomeScreen)
    assert not locations.settings_file.exists()


async def test_a_missing_pack_folder_is_reported(
    store: Store, locations: Locations, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder"
    app = make_app(store, with_packs(locations, missing), check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(PackChooserScreen())
        await pilot.pause()
        assert f"{missing}: toolpack folder not found" in text_of(app, "#pack-problems")
        packs = app.screen.query_one("#pack-list", OptionList)
        assert [o.id for o in packs.options if o.id] == ["core"]


# -- pack text is data ----------------------------------------------------------------------


async def test_hostile_pack_text_is_shown_literally(
    store: Store, locations: Locations, pack_dir: Path
) -> None:
    (pack_dir / "hostile.toml").write_text(HOSTILE, encoding="utf-8")
    here = with_packs(locations, pack_dir)
    assert [str(p) for p in load_catalog(here.toolpack_dirs()).problems] == []
    app = make_app(store, here, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        await app.push_screen(PackChooserScreen())
        await pilot.pause()
        option = app.screen.query_one("#pack-list", OptionList).get_option("hostile")
        assert "[b]Hostile[/i] pack" in str(option.prompt)
        assert "from [@click=app.quit]q[/]" in str(option.prompt)
        await pilot.press("down", "enter")
        assert app.pack.id == "hostile"
        assert "Now using [b]Hostile[/i] pack" in notices(app)

        await app.push_screen(ToolBrowserScreen())
        await pilot.pause()
        assert "[b]Hostile[/i] pack · version [/]" in sub_title(app)
        await pilot.press(*"[b]x")
        assert listed(app) == ["markup"]
        assert text_of(app, "#tool-name") == "[b]x[/i]"
        assert text_of(app, "#tool-purpose") == (
            "[@click=app.quit]quit[/] and [link=https://example.invalid]a link[/link]"
        )
        assert text_of(app, "#tool-works") == "[/]"
        assert text_of(app, "#tool-avoid") == "$text ${x} %s {0}"
        assert text_of(app, "#tool-facts") == "Any age · goal areas: [red]area[/]"
        adaptations = text_of(app, "#tool-adaptations")
        assert adaptations == "Age: [b]age\nSEND: [/send]\nNon-verbal: [i]"
        prompts = text_of(app, "#tool-prompts")
        for said in (
            "[b]title[/i]",
            "[@click=app.quit]wording[/]",
            "For a child: [/child]",
            "0 = [b]low   10 = [/]high",
            "Pick [one]",
            "Options: [b]A[/i]",
            "Note: [link=x]help[/link]",
        ):
            assert said in prompts
        # Clicking where the text is must not run anything.
        await pilot.click("#tool-purpose")
        await pilot.click("#tool-name")
        await pilot.press("escape", "escape", "escape")
        assert app.is_running


# -- the rules behind the screen ------------------------------------------------------------


def test_age_words() -> None:
    core = load_catalog([REPO / "toolpacks"]).resolve("core")
    tool = core.tools[0]
    cases = {
        (None, None): "any age",
        (0, None): "any age",
        (5, None): "ages 5 and up",
        (None, 12): "up to age 12",
        (4, 16): "ages 4 to 16",
        (7, 7): "age 7 only",
    }
    for (low, high), words in cases.items():
        assert age_words(tool.model_copy(update={"age_min": low, "age_max": high})) == words
    three_houses = core.tool("three-houses")
    assert three_houses is not None and age_words(three_houses) == "ages 4 to 16"


def test_search_needs_every_word_and_ignores_case() -> None:
    core = load_catalog([REPO / "toolpacks"]).resolve("core")
    assert find_tools(core.tools, "") == find_tools(core.tools, "   ")
    assert len(find_tools(core.tools, "")) == len(core.tools)
    assert [m.tool.id for m in find_tools(core.tools, "THREE HOUSES")] == ["three-houses"]
    # An area, a group and a prompt title are all searched.
    assert "relationship-check" in [m.tool.id for m in find_tools(core.tools, "feedback")]
    assert [m.tool.id for m in find_tools(core.tools, "systemic")] == ["internalised-other"]
    by_title = find_tools(core.tools, "feeling listened")
    assert [m.tool.id for m in by_title] == ["relationship-check"]
    assert by_title[0].via_prompt is not None
    assert by_title[0].via_prompt.id == "relationship.listened"
    # A match in the tool's own words needs no prompt to explain it.
    assert find_tools(core.tools, "genogram")[0].via_prompt is None


def test_a_tool_hidden_by_a_pack_is_not_offered(tmp_path: Path) -> None:
    (tmp_path / "la.toml").write_text(
        textwrap.dedent(
            """\
            [pack]
            id = "la"
            name = "LA"
            version = "1"
            extends = "core"
            [layout]
            hide_tools = ["three-houses"]
            """
        ),
        encoding="utf-8",
    )
    pack = load_catalog([REPO / "toolpacks", tmp_path]).resolve("la")
    assert find_tools(pack.tools, "houses") == []


async def test_f2_opens_the_tool_browser_from_a_visit(demo_store, locations) -> None:  # type: ignore[no-untyped-def]
    from sessionkit.ui.screens.capture import CaptureScreen

    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("enter", "v", "ctrl+s")
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press("f2")
        assert isinstance(app.screen, ToolBrowserScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, CaptureScreen)
