"""Themes as a user meets them: chosen in the palette, remembered, reported when broken."""

from __future__ import annotations

import re

import pytest
from textual.command import CommandPalette
from textual.filter import Monochrome
from textual.widgets import Input

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.theming import DEFAULT_THEME, HIGH_CONTRAST_THEME
from sessionkit.ui.screens.home import HomeScreen

from .conftest import make_app

SIZE = (110, 34)


async def test_a_theme_chosen_in_the_palette_is_used_and_remembered(
    demo_store: Store, locations: Locations
) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == DEFAULT_THEME
        # Ctrl+P, the "Theme" command, then Textual's theme picker (a second palette).
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CommandPalette)
        assert picker.query_one(Input).placeholder == "Search for themes…"
        await pilot.press(*"high")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST_THEME
        assert isinstance(app.screen, HomeScreen)  # both palettes closed
    text = locations.settings_file.read_text(encoding="utf-8")
    assert re.search(rf'^theme = "{HIGH_CONTRAST_THEME}"$', text, re.MULTILINE)

    again = make_app(demo_store, locations, check_unfinished=False)
    assert again.theme == HIGH_CONTRAST_THEME  # chosen before the first frame
    async with again.run_test(size=SIZE):
        assert again.theme == HIGH_CONTRAST_THEME


async def test_a_broken_user_theme_is_reported_and_the_bundled_ones_still_work(
    demo_store: Store, locations: Locations
) -> None:
    locations.user_themes_dir.mkdir(parents=True)
    (locations.user_themes_dir / "my-broken.toml").write_text(
        'name = "my-broken"\nprimary = "not a colour\n', encoding="utf-8"
    )
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("my-broken.toml" in m for m in messages), messages
        assert app.theme == DEFAULT_THEME
        assert {DEFAULT_THEME, HIGH_CONTRAST_THEME} <= set(app.available_themes)
        assert "my-broken" not in app.available_themes
        app.theme = HIGH_CONTRAST_THEME
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST_THEME


async def test_no_color_is_honoured(
    demo_store: Store, locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_store, locations, check_unfinished=False)
    # Textual reads NO_COLOR when the app is made, and adds a filter that turns every
    # colour to a shade of grey on the way out.
    assert app.no_color
    assert any(isinstance(f, Monochrome) for f in app._filters)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.has_pseudo_class("nocolor")
        svg = app.export_screenshot()
    assert "DEMO" in svg and "HARPER" in svg  # it rendered the list of cases
    # Every colour of the text and its background is a grey (the exporter's own default
    # text colour, #c5c8c6, is within 3 of one).
    colours = re.findall(r"\.terminal-[\w-]+ \{[^}]*?(?:fill|background): #([0-9a-f]{6})", svg)
    assert colours
    for colour in colours:
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        assert max(r, g, b) - min(r, g, b) <= 3, colour
