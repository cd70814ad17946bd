"""Typed characters are kept exactly; keys a field does not use never reach a binding."""

from __future__ import annotations

from typing import ClassVar

import pytest
from tests.domain.text_samples import ALL, HOSTILE, HOSTILE_CLEANED
from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from sessionkit.ui.widgets.clean_fields import CleanInput, CleanTextArea

WORDS = pytest.mark.parametrize("text", list(ALL.values()), ids=list(ALL))


class Fields(App[None]):
    """A field of each kind, and app bindings a stray control character would fire."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "fired('ctrl+g')"),
        Binding("ctrl+t", "fired('ctrl+t')", priority=True),
        Binding("g", "fired('g')"),
        Binding("f9", "fired('f9')"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.fired: list[str] = []

    def compose(self) -> ComposeResult:
        yield CleanInput(id="line")
        yield CleanTextArea(id="area")

    def action_fired(self, key: str) -> None:
        self.fired.append(key)


async def type_each(pilot: Pilot[None], text: str) -> None:
    """Each character as a terminal delivers it, through Textual's own terminal parser.

    `pilot.press` cannot stand in here: it rebuilds a key's character from its name,
    which fails for names with a hyphen (ZERO WIDTH NON-JOINER) and for every
    non-alphanumeric character outside ASCII (tags, harakat), so the key would arrive
    with no character at all. A terminal sends the character itself.
    """
    parser = XTermParser()
    for character in text:
        for event in [*parser.feed(character), *parser.tick()]:
            pilot.app.post_message(event)
            await pilot.pause()


@WORDS
async def test_each_character_typed_into_a_line_is_kept(text: str) -> None:
    app = Fields()
    async with app.run_test() as pilot:
        app.query_one("#line").focus()
        await type_each(pilot, f"a {text}.")
        assert app.query_one("#line", Input).value == f"a {text}."
        assert app.fired == []


@WORDS
async def test_each_character_typed_into_a_text_area_is_kept(text: str) -> None:
    app = Fields()
    async with app.run_test() as pilot:
        app.query_one("#area").focus()
        await type_each(pilot, f"a {text}.")
        assert app.query_one("#area", TextArea).text == f"a {text}."


async def test_a_joiner_typed_over_a_selection_replaces_it() -> None:
    app = Fields()
    async with app.run_test() as pilot:
        field = app.query_one("#line", Input)
        field.focus()
        await type_each(pilot, "ab")
        await pilot.press("shift+left")
        await type_each(pilot, "\u200d")
        assert field.value == "a\u200d"


async def test_a_read_only_text_area_types_no_joiner() -> None:
    app = Fields()
    async with app.run_test() as pilot:
        area = app.query_one("#area", TextArea)
        area.read_only = True
        area.focus()
        await type_each(pilot, "\u200c")
        assert area.text == ""


@pytest.mark.parametrize("field_id", ["line", "area"])
async def test_control_keys_and_letters_do_not_reach_app_bindings(field_id: str) -> None:
    app = Fields()
    async with app.run_test() as pilot:
        app.query_one(f"#{field_id}").focus()
        await pilot.press("ctrl+g", "ctrl+t", "g")
        assert app.fired == []
        await pilot.press("f9")  # an F-key is no character: it still works
        assert app.fired == ["f9"]
        field = app.query_one(f"#{field_id}")
        value = field.value if isinstance(field, Input) else field.text  # type: ignore[attr-defined]
        assert value == "g"


async def test_the_fields_own_keys_still_work() -> None:
    app = Fields()
    async with app.run_test() as pilot:
        field = app.query_one("#line", Input)
        field.focus()
        await type_each(pilot, "abc")
        await pilot.press("left", "backspace", "home", "delete")
        assert field.value == "c"


@pytest.mark.parametrize("field_id", ["line", "area"])
async def test_a_hostile_paste_is_stored_clean_and_fires_nothing(field_id: str) -> None:
    app = Fields()
    async with app.run_test(notifications=True) as pilot:
        field = app.query_one(f"#{field_id}")
        field.focus()
        app.post_message(events.Paste(HOSTILE))
        await pilot.pause()
        value = field.value if isinstance(field, Input) else field.text  # type: ignore[attr-defined]
        assert value == HOSTILE_CLEANED
        assert app.fired == []


async def test_a_paste_of_several_lines_keeps_every_line_in_a_one_line_field() -> None:
    app = Fields()
    async with app.run_test() as pilot:
        field = app.query_one("#line", Input)
        field.focus()
        app.post_message(events.Paste("first\nsecond\x1cthird"))
        await pilot.pause()
        assert field.value == "first secondthird"


async def test_the_same_text_as_raw_keys_fires_nothing() -> None:
    # A terminal without bracketed paste sends each character as a key: BEL is Ctrl+G.
    app = Fields()
    async with app.run_test() as pilot:
        field = app.query_one("#line", Input)
        field.focus()
        for character in "a\x07b":
            await pilot.press("ctrl+g" if character == "\x07" else character)
        assert field.value == "ab"
        assert app.fired == []


class GoalScreen(ModalScreen[None]):
    """Stands for a form opened by Ctrl+G."""


class Modal(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield CleanInput("kept", id="line")


class ScreenWithGoalKey(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+g", "add_goal", "Add goal")]

    def on_mount(self) -> None:
        self.push_screen(Modal())

    def action_add_goal(self) -> None:
        self.push_screen(GoalScreen())


async def test_ctrl_g_in_a_modal_field_opens_no_goal_form() -> None:
    app = ScreenWithGoalKey()
    async with app.run_test() as pilot:
        await pilot.pause()
        field = app.screen.query_one("#line", Input)
        field.focus()
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, Modal)
        assert field.value == "kept"
