"""Answer modals for prompts that are not scales: a list, the Three Houses, a choice.

Each screen is pushed on a bare app and driven with real keys; the value it is dismissed
with is what the capture screen would record.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Static

from sessionkit.domain import clean_text
from sessionkit.locations import Locations, resolve
from sessionkit.storage import Store
from sessionkit.ui.app import SessionkitApp
from sessionkit.ui.screens.choice_answer import ChoiceAnswerScreen
from sessionkit.ui.screens.form import ConfirmScreen
from sessionkit.ui.screens.list_answer import ListAnswerScreen
from sessionkit.ui.screens.three_houses import ThreeHousesScreen
from sessionkit.ui.widgets.answer_entry_list import EntryInput, EntryList, entry_lines

from .conftest import make_app

SIZE = (110, 34)
SMALL = (80, 24)

CLICK = "[@click=app.quit]x[/]"
OSC52 = "\x1b]52;c;eA==\x07"
HOSTILE = ["[/]", CLICK, OSC52 + "clip", "[b]x[/i]"]

HOUSES = [
    (
        "three-houses.worries",
        "House of worries: what are the things that worry you, or that you find hard?",
        ["Mum and Dad shouting"],
    ),
    (
        "three-houses.good-things",
        "House of good things: what is going well, and what do you like about your life "
        "and family?",
        [],
    ),
    (
        "three-houses.dreams",
        "House of dreams: if things were just how you'd like them to be, what would be happening?",
        [],
    ),
]

STOP_SIGN = [("say-so", "Say so"), ("card", "Hold up or point to a card"), ("hand", "A hand up")]


def _app(store: Store, locations: Locations) -> SessionkitApp:
    return make_app(store, locations, check_unfinished=False)


async def _push(pilot: Pilot[Any], screen: Screen[Any]) -> list[Any]:
    """Push `screen` and return the list its dismissed value will be appended to."""
    results: list[Any] = []
    await pilot.app.push_screen(screen, results.append)
    await pilot.pause()
    return results


def _entries(screen: Screen[Any], index: int = 0) -> EntryList:
    return list(screen.query(EntryList).results(EntryList))[index]


def _shown(widget: Static | OptionList) -> list[str]:
    if isinstance(widget, OptionList):
        return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    return [str(widget.render())]


async def _paste(pilot: Pilot[Any], text: str) -> None:
    focused = pilot.app.focused
    assert isinstance(focused, EntryInput)
    focused.post_message(events.Paste(text))
    await pilot.pause()


# --- a list answer ---------------------------------------------------------------------


async def test_enter_adds_each_line_and_ctrl_s_returns_the_list(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        results = await _push(pilot, ListAnswerScreen("Worry bag", "What goes in the bag?"))
        await pilot.press("d", "o", "g", "s", "enter")
        app.screen.query_one(EntryInput).value = "  the dark  "
        await pilot.press("enter", "enter")  # an empty line adds nothing
        entries = _entries(app.screen)
        assert entries.items == ["dogs", "the dark"]
        assert entries.input.value == ""
        assert _shown(entries.entries) == ["1. dogs", "2. the dark"]
        await pilot.press("ctrl+s")
    assert results == [["dogs", "the dark"]]


async def test_a_typed_line_not_yet_added_is_recorded_too(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        results = await _push(pilot, ListAnswerScreen("Worry bag", "?", ["spiders"]))
        await pilot.press("b", "e", "e", "s", "ctrl+s")
    assert results == [["spiders", "bees"]]


async def test_no_entries_is_recorded_as_an_empty_list(store: Store, locations: Locations) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        results = await _push(pilot, ListAnswerScreen("Worry bag", "?"))
        assert _shown(app.screen.query_one(".entries-empty", Static)) == ["No entries yet."]
        await pilot.press("ctrl+s")
    assert results == [[]]


async def test_up_down_pick_an_entry_and_delete_or_ctrl_d_removes_it(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        results = await _push(pilot, ListAnswerScreen("Worries", "?", ["one", "two", "three"]))
        entries = _entries(app.screen)
        assert entries.picked == 2  # the latest entry, so Delete straight away undoes it
        await pilot.press("up", "up", "up")  # stops at the first
        assert entries.picked == 0
        await pilot.press("down", "delete")
        assert entries.items == ["one", "three"]
        assert entries.picked == 1  # the one after it
        assert _shown(entries.entries) == ["1. one", "2. three"]
        await pilot.press("ctrl+d")
        assert entries.items == ["one"]
        assert entries.picked == 0
        await pilot.press("ctrl+s")
    assert results == [["one"]]


async def test_delete_edits_the_typed_line_instead_of_removing_an_entry(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        await _push(pilot, ListAnswerScreen("Worries", "?", ["one", "two"]))
        entries = _entries(app.screen)
        await pilot.press("a", "b", "home", "delete")
        assert entries.input.value == "b"
        await pilot.press("ctrl+d")
        assert entries.input.value == ""
        assert entries.items == ["one", "two"]
        await pilot.press("delete")  # now the line is empty: the picked entry goes
        assert entries.items == ["one"]


async def test_pasting_several_lines_adds_each_as_an_entry(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        results = await _push(pilot, ListAnswerScreen("Worries", "?"))
        await _paste(pilot, f"school\r\nthe bus\n\n \t \rnight{OSC52}time  \r\x9bdogs\t1")
        entries = _entries(app.screen)
        assert entries.items == [
            "school",
            "the bus",
            "nighttime",
            "ogs 1",
        ]  # 8-bit CSI takes "d" as its final byte
        assert entries.input.value == ""
        assert entries.picked == 3
        # Pasted into a line being typed: as if typed at the cursor, Enter at each break.
        await pilot.press("m", "y", " ")
        await _paste(pilot, "cat\nfish")
        assert entries.items[-2:] == ["my cat", "fish"]
        # One line pasted stays in the field to be finished, without control characters.
        await _paste(pilot, f"big {OSC52}dog")
        assert entries.input.value == "big dog"
        assert len(entries.items) == 6
        await pilot.press("ctrl+s")
    assert results == [
        [
            "school",
            "the bus",
            "nighttime",
            "ogs 1",
            "my cat",
            "fish",
            "big dog",
        ]
    ]


async def test_escape_with_entries_asks_before_discarding(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        results = await _push(pilot, ListAnswerScreen("Worries", "?"))
        await pilot.press("x", "enter", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        assert isinstance(app.screen, ListAnswerScreen)
        assert _entries(app.screen).items == ["x"]
        assert results == []
        await pilot.press("escape", "y")
        assert not isinstance(app.screen, ListAnswerScreen | ConfirmScreen)
    assert results == [None]


async def test_escape_on_an_unchanged_list_closes_without_asking(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        results = await _push(pilot, ListAnswerScreen("Worries", "?", ["as before"]))
        await pilot.press("down", "escape")  # moving the pick changes nothing
        assert not isinstance(app.screen, ListAnswerScreen | ConfirmScreen)
    assert results == [None]


async def test_hostile_list_text_is_shown_literally_and_returned_clean(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        screen = ListAnswerScreen(CLICK, "[/] " + OSC52, HOSTILE)
        results = await _push(pilot, screen)
        assert _shown(screen.query_one(".dialog-title", Static)) == [CLICK]
        assert _shown(screen.query_one(".answer-wording", Static)) == ["[/] "]
        entries = _entries(screen)
        assert _shown(entries.entries) == [
            "1. [/]",
            f"2. {CLICK}",
            "3. clip",
            "4. [b]x[/i]",
        ]
        entries.input.value = CLICK + OSC52
        await pilot.press("enter")
        await pilot.click(OptionList)  # clicking the text runs nothing
        app.notify(CLICK, markup=False)
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+s")
    assert results == [["[/]", CLICK, "clip", "[b]x[/i]", CLICK + ""]]


# --- the Three Houses ------------------------------------------------------------------


async def test_three_houses_return_all_three_lists(store: Store, locations: Locations) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        screen = ThreeHousesScreen("Maya, for Leo", HOUSES)
        results = await _push(pilot, screen)
        assert _shown(screen.query_one(".dialog-title", Static)) == ["Three Houses: Maya, for Leo"]
        assert _entries(screen, 0).input.has_focus
        await pilot.press("b", "u", "s", "enter", "tab")
        assert _entries(screen, 1).input.has_focus
        await pilot.press("p", "e", "t", "s", "enter", "tab")
        assert _entries(screen, 2).input.has_focus
        await _paste(pilot, "a dog\na big house")
        await pilot.press("ctrl+s")
    assert results == [
        {
            "three-houses.worries": ["Mum and Dad shouting", "bus"],
            "three-houses.good-things": ["pets"],
            "three-houses.dreams": ["a dog", "a big house"],
        }
    ]


async def test_keys_act_on_the_focused_house_only(store: Store, locations: Locations) -> None:
    app = _app(store, locations)
    houses = [(pid, wording, ["a", "b"]) for pid, wording, _ in HOUSES]
    async with app.run_test(size=SIZE) as pilot:
        screen = ThreeHousesScreen("Leo", houses)
        results = await _push(pilot, screen)
        await pilot.press("tab", "up", "delete")
        assert [_entries(screen, i).items for i in range(3)] == [["a", "b"], ["b"], ["a", "b"]]
        await pilot.press("x")
        await pilot.press("shift+tab", "ctrl+d")  # house 1 is empty-lined: removes "b"
        await pilot.press("ctrl+s")
    assert results == [
        {
            "three-houses.worries": ["a"],
            "three-houses.good-things": ["b", "x"],
            "three-houses.dreams": ["a", "b"],
        }
    ]


async def test_escape_in_the_houses_asks_before_discarding(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        results = await _push(pilot, ThreeHousesScreen("Leo", HOUSES))
        await pilot.press("tab", "z", "enter", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, ThreeHousesScreen)
        await pilot.press("escape", "y")
    assert results == [None]


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["110x34", "80x24"])
async def test_three_houses_fit(store: Store, locations: Locations, size: tuple[int, int]) -> None:
    app = _app(store, locations)
    async with app.run_test(size=size) as pilot:
        screen = ThreeHousesScreen("Maya, for Leo", HOUSES)
        await _push(pilot, screen)
        whole = screen.region
        houses = [_entries(screen, i) for i in range(3)]
        for house in houses:
            assert whole.contains_region(house.region)
            assert house.region.height >= 8  # room for the line and several entries
        inputs = [house.input.region for house in houses]
        assert len({r.y for r in inputs}) == 1  # the typing lines line up
        assert inputs[0].right <= inputs[1].x and inputs[1].right <= inputs[2].x
        for wording in screen.query(".house-wording").results(Static):
            assert whole.contains_region(wording.region)
            assert wording.region.bottom <= inputs[0].y
        hint = screen.query_one(".answer-hint", Static)
        assert whole.contains_region(hint.region)
        buttons = screen.query_one(".dialog-buttons")
        # Tall enough for the buttons; on a short terminal Ctrl+S and Escape (in the hint).
        assert buttons.display == (size == SIZE)
        if buttons.display:
            assert whole.contains_region(screen.query_one("#save", Button).region)


# --- a choice or a checklist -----------------------------------------------------------


async def test_a_choice_takes_one_option_by_its_number(store: Store, locations: Locations) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        screen = ChoiceAnswerScreen("Stop sign", "How will you tell me?", STOP_SIGN, False)
        results = await _push(pilot, screen)
        await pilot.press("2", "3", "9")  # 9 is not an option here
        assert _shown(screen.query_one(OptionList)) == [
            "1 ( ) Say so",
            "2 ( ) Hold up or point to a card",
            "3 (•) A hand up",
        ]
        await pilot.press("enter")
    assert results == [["hand"]]


async def test_a_checklist_ticks_and_unticks_by_number(store: Store, locations: Locations) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        screen = ChoiceAnswerScreen("Heard", "Which?", STOP_SIGN, True, ["card"])
        results = await _push(pilot, screen)
        await pilot.press("1", "3", "2", "3", "3")
        assert _shown(screen.query_one(OptionList)) == [
            "1 [x] Say so",
            "2 [ ] Hold up or point to a card",
            "3 [x] A hand up",
        ]
        await pilot.press("ctrl+s")
    assert results == [["say-so", "hand"]]  # in the options' order


async def test_options_after_the_ninth_are_reached_with_down_and_space(
    store: Store, locations: Locations
) -> None:
    options = [(f"o{n}", f"Option {n}") for n in range(1, 12)]
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        screen = ChoiceAnswerScreen("Differences", "Which?", options, True)
        results = await _push(pilot, screen)
        shown = _shown(screen.query_one(OptionList))
        assert shown[8] == "9 [ ] Option 9"
        assert shown[9] == "· [ ] Option 10"
        await pilot.press("9", "down", "down", "space", "enter")
    assert results == [["o9", "o11"]]


async def test_enter_in_a_choice_with_nothing_picked_asks_for_one(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        screen = ChoiceAnswerScreen("Stop sign", "?", STOP_SIGN, False)
        results = await _push(pilot, screen)
        await pilot.press("enter")
        assert results == []
        error = screen.query_one("#form-error", Static)
        assert error.display and "Pick one" in _shown(error)[0]
        await pilot.press("down", "down", "enter")  # the highlighted option
    assert results == [["card"]]


async def test_a_checklist_with_nothing_ticked_needs_a_second_enter(
    store: Store, locations: Locations
) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        screen = ChoiceAnswerScreen("Heard", "?", STOP_SIGN, True)
        results = await _push(pilot, screen)
        await pilot.press("enter")
        assert results == []
        assert "Enter again" in _shown(screen.query_one("#form-error", Static))[0]
        await pilot.press("enter")
    assert results == [[]]


async def test_enter_on_the_cancel_button_cancels(store: Store, locations: Locations) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        screen = ChoiceAnswerScreen("Stop sign", "?", STOP_SIGN, False, ["card"])
        results = await _push(pilot, screen)
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, Button) and app.focused.id == "cancel"
        await pilot.press("enter")
    assert results == [None]


async def test_a_changed_choice_asks_before_discarding(store: Store, locations: Locations) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        results = await _push(pilot, ChoiceAnswerScreen("S", "?", STOP_SIGN, False, ["card"]))
        await pilot.press("1", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape", "2", "escape")  # back as it was: nothing to ask
    assert results == [None]


async def test_an_answer_no_longer_in_the_pack_is_kept(store: Store, locations: Locations) -> None:
    app = _app(store, locations)
    async with app.run_test(size=SIZE) as pilot:
        screen = ChoiceAnswerScreen("Heard", "?", STOP_SIGN, True, ["gone", "card"])
        results = await _push(pilot, screen)
        assert (
            _shown(screen.query_one(OptionList))[-1]
            == "4 [x] gone (not an option in this pack now)"
        )
        await pilot.press("1", "enter")
    assert results == [["say-so", "card", "gone"]]


async def test_hostile_options_are_shown_literally(store: Store, locations: Locations) -> None:
    options = [("a", CLICK), ("b", "[/]"), ("c", OSC52 + "[b]x[/i]")]
    app = _app(store, locations)
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        screen = ChoiceAnswerScreen("[/]", CLICK, options, True)
        results = await _push(pilot, screen)
        assert _shown(screen.query_one(".answer-wording", Static)) == [CLICK]
        assert _shown(screen.query_one(OptionList)) == [
            f"1 [ ] {CLICK}",
            "2 [ ] [/]",
            "3 [ ] [b]x[/i]",
        ]
        await pilot.click(OptionList, offset=(8, 1))  # a click ticks, and runs nothing
        await pilot.press("3")
        assert app.is_running
        await pilot.press("enter")
    assert results == [["a", "c"]]


# --- random hostile text --------------------------------------------------------------

PIECES = [
    *HOSTILE,
    "[",
    "]",
    "[link=x]",
    "${y}",
    "\x1b[2J",
    "\x9b",
    "\u202e",
    "\x00",
    "\r",
    "\n",
    "\t",
    " ",
    "é",
    "🙂",
    "\u0301",
]
hostile = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), min_size=1, max_size=8).map(
    "".join
)


async def _through_the_modals(
    folder: Path, wording: str, items: list[str], typed: str, pasted: str
) -> None:
    locations = resolve(data_dir=folder / "data", config_dir=folder / "config", environ={})
    with Store.open(locations.database) as store:
        app = make_app(store, locations, check_unfinished=False)
        async with app.run_test(size=SMALL, notifications=True, tooltips=True) as pilot:
            app.notify_literal(wording, title=typed)
            results = await _push(pilot, ListAnswerScreen(wording, wording, items))
            app.screen.query_one(EntryInput).value = typed
            await pilot.press("enter")
            await _paste(pilot, pasted)
            await pilot.press("ctrl+s")
            kept = [i for i in map(clean_text, items) if i.strip()]
            assert results == [kept + entry_lines(typed) + entry_lines(pasted)]

            houses = [(f"h{n}", wording, items) for n in range(3)]
            results = await _push(pilot, ThreeHousesScreen(typed, houses))
            await _paste(pilot, pasted)
            await pilot.press("ctrl+s")
            assert results == [{"h0": kept + entry_lines(pasted), "h1": kept, "h2": kept}]

            options = [("a", wording), ("b", typed), ("c", pasted)]
            results = await _push(
                pilot, ChoiceAnswerScreen(typed, wording, options, True, ["z" + i for i in items])
            )
            await pilot.press("1", "3", "enter")
            assert results[0][:2] == ["a", "c"]
            assert app.is_running


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    wording=hostile,
    items=st.lists(hostile, max_size=3),
    typed=hostile,
    pasted=hostile,
)
def test_random_hostile_text_through_the_answer_modals(
    wording: str, items: list[str], typed: str, pasted: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_through_the_modals(Path(folder), wording, items, typed, pasted))


# --- how the Three Houses look ---------------------------------------------------------


def test_three_houses_snapshot(snap_compare: Any, store: Store, locations: Locations) -> None:
    async def open_houses(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(ThreeHousesScreen("Maya, for Leo", HOUSES))
        await pilot.pause()
        # A blinking cursor would be caught at a different phase on each run.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.press(*"the bus", "enter", "tab", *"football", "enter", "tab")
        await pilot.press(*"a puppy", "enter", *"a big", "shift+tab")
        await pilot.pause()

    assert snap_compare(_app(store, locations), run_before=open_houses, terminal_size=SIZE)
