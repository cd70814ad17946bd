"""The family view: a big scale and nothing else, chosen with a key or a click."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Label, Static

from sessionkit.domain.number_entry import WINDOW_SECONDS as NUMBER_WINDOW_SECONDS
from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.family_view import (
    KEYS_HINT,
    FamilyViewScreen,
    NumberTile,
    ScaleLine,
    fit_scale,
    initial_choice,
    stepped,
)
from sessionkit.ui.screens.home import HomeScreen
from sessionkit.ui.widgets.big_digits import GLYPHS, BigDigits, big_lines, big_width

from .conftest import make_app

WORDING = "How safe do you feel at home right now?"


class Host(App[None]):
    """A bare app that opens one family view and keeps what it returns."""

    def __init__(self, screen: FamilyViewScreen) -> None:
        super().__init__()
        self.family = screen
        self.results: list[float | None] = []

    def compose(self) -> ComposeResult:
        yield Label("the screen underneath")

    def on_mount(self) -> None:
        self.push_screen(self.family, self.results.append)


def family(
    scale_min: int = 0,
    scale_max: int = 10,
    current: float | None = None,
    *,
    wording: str = WORDING,
    min_label: str = "Not safe at all",
    max_label: str = "Completely safe",
) -> FamilyViewScreen:
    return FamilyViewScreen(wording, scale_min, scale_max, min_label, max_label, current)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def visible_text(app: App[Any]) -> str:
    """Every character drawn on the terminal, row after row, from a screenshot."""
    svg = app.export_screenshot()
    runs = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape("".join(runs)).replace("\xa0", " ")


def tile(screen: FamilyViewScreen, value: int) -> NumberTile:
    return screen.query_one(f"#family-number-{value}", NumberTile)


# -- the rules, without Textual -----------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "expected"),
    [(None, None), (7.0, 7), (0.0, 0), (10.0, 10), (7.5, None), (500.0, None), (-1.0, None)],
)
def test_the_current_answer_is_highlighted_only_when_it_is_on_the_scale(
    current: float | None, expected: int | None
) -> None:
    assert initial_choice(current, 0, 10) == expected


def test_initial_choice_ignores_not_a_number() -> None:
    assert initial_choice(float("nan"), 0, 10) is None
    assert initial_choice(float("inf"), 0, 10) is None


@pytest.mark.parametrize(
    ("chosen", "current", "step", "expected"),
    [
        (5, None, 1, 6),
        (5, None, -1, 4),
        (10, None, 1, 10),  # never off the scale
        (0, None, -1, 0),
        (None, None, 1, 5),  # nothing yet: the middle, not an end
        (None, None, -1, 5),
        (None, 7.5, 1, 8),  # between two numbers: the next one that way
        (None, 7.5, -1, 7),
        (None, 500.0, -1, 10),  # off the scale, as said: back onto it
        (None, 500.0, 1, 10),
    ],
)
def test_arrows_move_one_number_within_the_scale(
    chosen: int | None, current: float | None, step: int, expected: int
) -> None:
    assert stepped(chosen, current, step, 0, 10) == expected


def test_zero_to_ten_is_drawn_big_at_80_and_120_columns() -> None:
    narrow = fit_scale(0, 10, 80)
    assert narrow.big and narrow.width <= 76
    wide = fit_scale(0, 10, 120)
    assert wide.big and wide.gap == 4 and wide.width <= 116
    # A short scale still spreads out under its end words.
    assert fit_scale(1, 5, 120).width >= 50


def test_long_scales_and_narrow_screens_fall_back_to_a_line() -> None:
    assert not fit_scale(0, 100, 200).big
    assert not fit_scale(0, 10, 50).big
    assert fit_scale(0, 100, 80).width <= 76


def test_big_digits_are_three_lines_of_equal_width() -> None:
    for text in ("0", "7", "10", "-2", "+2", "0.5", "100"):
        lines = big_lines(text)
        assert len(lines) == 3
        assert len({len(line) for line in lines}) == 1
        assert big_width(text) == len(lines[0])
    assert big_width("10") == 7  # two glyphs of three, one cell apart
    for glyph in GLYPHS.values():
        assert [len(line) for line in glyph] == [3, 3, 3]


def test_a_character_the_font_lacks_is_kept_at_normal_size() -> None:
    top, middle, bottom = big_lines("x")
    assert middle.strip() == "x" and not top.strip() and not bottom.strip()


# -- keys ---------------------------------------------------------------------------------


async def test_a_digit_chooses_that_number_and_enter_keeps_it() -> None:
    app = Host(family())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        assert app.family.chosen == 3
        assert tile(app.family, 3).has_class("-chosen")
        assert not tile(app.family, 4).has_class("-chosen")
        await pilot.press("6")
        assert app.family.chosen == 6
        await pilot.press("enter")
        assert app.results == [6.0]
        assert isinstance(app.results[0], float)
        assert app.screen is not app.family


async def test_one_then_zero_quickly_is_ten_and_slowly_is_zero() -> None:
    screen = family()
    clock = FakeClock()
    screen.clock = clock
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        clock.now += NUMBER_WINDOW_SECONDS - 0.2
        await pilot.press("0")
        assert screen.chosen == 10
        clock.now += NUMBER_WINDOW_SECONDS + 0.5
        await pilot.press("1")
        clock.now += NUMBER_WINDOW_SECONDS + 0.1
        await pilot.press("0")
        assert screen.chosen == 0


async def test_an_arrow_between_digits_starts_a_new_number() -> None:
    app = Host(family())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "right", "0")
        assert app.family.chosen == 0


async def test_a_digit_off_the_scale_changes_nothing() -> None:
    app = Host(family(1, 5, current=3.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0")
        assert app.family.chosen == 3
        await pilot.press("9")
        assert app.family.chosen == 3


async def test_arrows_move_within_the_scale() -> None:
    app = Host(family(current=9.0))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.family.chosen == 9
        await pilot.press("right", "right", "right")
        assert app.family.chosen == 10
        await pilot.press(*["left"] * 12)
        assert app.family.chosen == 0
        await pilot.press("right")
        assert app.family.chosen == 1
        assert tile(app.family, 1).has_class("-chosen")


async def test_escape_returns_none_even_after_choosing() -> None:
    app = Host(family(current=4.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "escape")
        assert app.results == [None]
        assert app.screen is not app.family


async def test_enter_with_nothing_chosen_keeps_the_view_open() -> None:
    app = Host(family(current=7.5))  # between two numbers: nothing highlighted
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.family.chosen is None
        assert not app.family.query(".-chosen")
        await pilot.press("enter")
        assert app.results == []
        assert app.screen is app.family
        await pilot.press("right", "enter")
        assert app.results == [8.0]


async def test_the_chosen_number_is_marked_by_a_shape_not_only_colour() -> None:
    app = Host(family(current=2.0))
    async with app.run_test(size=(80, 24)):
        chosen = tile(app.family, 2)
        marker = chosen.query_one(".family-marker", Static)
        assert str(marker.render()) == "▲"
        assert marker.visible
        other = tile(app.family, 3).query_one(".family-marker", Static)
        assert not other.visible
        text = visible_text(app)
        assert text.count("▲") == 1


# -- mouse --------------------------------------------------------------------------------


async def test_clicking_a_number_chooses_it() -> None:
    app = Host(family())
    async with app.run_test(size=(80, 24)) as pilot:
        assert await pilot.click("#family-number-4 BigDigits")
        assert app.family.chosen == 4
        assert await pilot.click("#family-number-10 BigDigits")
        assert app.family.chosen == 10
        await pilot.press("enter")
        assert app.results == [10.0]


async def test_a_negative_scale_has_numbers_to_click() -> None:
    app = Host(family(-2, 2, current=0.0))
    async with app.run_test(size=(80, 24)) as pilot:
        assert await pilot.click("#family-number-minus-2 BigDigits")
        assert app.family.chosen == -2
        await pilot.press("left")
        assert app.family.chosen == -2
        await pilot.press("enter")
        assert app.results == [-2.0]


# -- long scales --------------------------------------------------------------------------


async def test_a_long_scale_is_a_line_with_the_chosen_number_big() -> None:
    app = Host(family(0, 100, current=42.0))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.family
        assert not screen.query(NumberTile)  # a hundred big numbers would not fit
        line = screen.query_one(ScaleLine)
        assert line.display and line.chosen == 42
        assert screen.query_one("#family-chosen", BigDigits).value == "42"
        await pilot.press("9", "9")
        assert screen.chosen == 99
        await pilot.press("right", "right")
        assert screen.chosen == 100
        assert screen.query_one("#family-chosen", BigDigits).value == "100"
        x = line.position(25)
        assert line.value_at(x) == 25
        assert await pilot.click(ScaleLine, offset=(x, 0))
        assert screen.chosen == 25
        await pilot.press("enter")
        assert app.results == [25.0]


async def test_zero_to_ten_falls_back_to_a_line_when_the_screen_is_narrow() -> None:
    app = Host(family(current=3.0))
    async with app.run_test(size=(50, 20)) as pilot:
        assert not app.family.query_one("#family-numbers").display
        assert app.family.query_one(ScaleLine).display
        await pilot.press("right")
        assert app.family.query_one("#family-chosen", BigDigits).value == "4"
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.family.query_one("#family-numbers").display
        assert tile(app.family, 4).has_class("-chosen")


# -- nothing else on screen ---------------------------------------------------------------


def shown(screen: FamilyViewScreen) -> list[str]:
    """The text of every Static drawn on the screen (hidden ones have no region)."""
    return [
        str(widget.render())
        for widget in screen.query(Static)
        if widget.region.area and widget.visible
    ]


def test_a_scale_must_run_from_low_to_high() -> None:
    with pytest.raises(ValueError, match="below"):
        family(5, 5)


async def test_the_view_shows_the_question_the_scale_and_the_end_words_only() -> None:
    app = Host(family(current=5.0))
    async with app.run_test(size=(80, 24)):
        assert sorted(shown(app.family)) == sorted(
            [WORDING, "▲", "Not safe at all", "Completely safe", KEYS_HINT]
        )
        text = visible_text(app)
        assert "the screen underneath" not in text
        kinds = {type(w) for w in app.family.query("*") if w.region.area}
        assert all(
            k.__module__.startswith(("textual.containers", "sessionkit")) or k is Static
            for k in kinds
        ), kinds


async def test_hostile_wording_and_labels_are_shown_literally() -> None:
    wording = "[@click=app.quit]x[/]\x1b]0;x\x07"
    app = Host(
        family(wording=wording, min_label="[/]", max_label="[b]x[/i] [link=https://e.invalid]y")
    )
    async with app.run_test(size=(80, 24), notifications=True, tooltips=True) as pilot:
        screen = app.family
        question = screen.query_one("#family-question", Static)
        assert str(question.render()) == "[@click=app.quit]x[/]"
        assert str(screen.query_one("#family-min-label", Static).render()) == "[/]"
        assert str(screen.query_one("#family-max-label", Static).render()) == (
            "[b]x[/i] [link=https://e.invalid]y"
        )
        assert await pilot.click("#family-question")
        await pilot.pause()
        assert app.is_running
        assert "\x1b" not in app.export_screenshot()
        await pilot.press("5", "enter")
        assert app.results == [5.0]


async def test_nothing_from_the_capture_screen_shows_through(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        await pilot.press("enter", "v", "ctrl+s")
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        before = visible_text(app)
        # The names are there to be hidden: otherwise this test would prove nothing.
        assert "Maya" in before and "Sam" in before
        # A notification naming someone, still on screen when the family view opens.
        app.notify_literal("Recorded Maya: 7", timeout=60)
        await pilot.pause()
        assert "Recorded Maya" in visible_text(app)

        app.push_screen(family(current=6.0))
        await pilot.pause()
        after = visible_text(app)
        for private in ("Maya", "Sam", "Leo", "DEMO-HARPER", "visit", "Recorded", "Agenda"):
            assert private not in after
        assert WORDING in after
        await pilot.press("escape")
        assert app.screen is capture
        await pilot.pause()
        assert "Recorded Maya" in visible_text(app)  # the notification waited


async def test_app_keys_draw_nothing_over_the_view(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = family(current=5.0)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("f2", "f1", "ctrl+p")
        await pilot.pause()
        assert app.screen is screen
        assert not screen.query("HelpPanel")
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("7")  # the view's own keys still work
        assert screen.chosen == 7
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+p")  # and the palette is back afterwards
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
