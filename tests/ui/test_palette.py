"""The command palette offers what can be done from the screen it is opened on."""

from __future__ import annotations

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.capture import CaptureScreen
from sessionkit.ui.screens.case import CaseScreen
from sessionkit.ui.screens.movement import MovementScreen

from .conftest import make_app


async def test_palette_commands_follow_the_screen(demo_store: Store, locations: Locations) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(110, 36)) as pilot:
        home = {c.title for c in app.get_system_commands(app.screen)}
        assert {"New case", "Open case", "Tools", "Toolpack", "Theme", "Quit"} <= home
        await pilot.press("enter")
        assert isinstance(app.screen, CaseScreen)
        case = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Start a visit", "Movement", "Add a person", "Add a goal"} <= case
        assert "New case" not in case


async def test_a_palette_command_runs(demo_store: Store, locations: Locations) -> None:
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("enter", "ctrl+p")
        for key in "movement":
            await pilot.press(key)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MovementScreen)
        await pilot.press("escape", "ctrl+p", *"start a visit")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CaptureScreen)
