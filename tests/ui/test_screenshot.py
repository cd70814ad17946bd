"""Ctrl+P, Screenshot: saved into a known private folder, and the notice says where."""

from __future__ import annotations

import os
import stat
import sys
from datetime import datetime
from pathlib import Path

import pytest

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screenshot import save_screenshot, screenshot_name

from .conftest import make_app


def test_a_screenshot_is_named_by_its_time_without_colons() -> None:
    assert screenshot_name(datetime(2026, 12, 2, 17, 20, 5)) == "sessionkit 2026-12-02 17-20-05.svg"


def test_saved_into_a_private_folder_made_for_it(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "screenshots"
    saved, said = save_screenshot("<svg/>", folder, datetime(2026, 12, 2, 17, 20, 5))
    path = folder / "sessionkit 2026-12-02 17-20-05.svg"
    assert saved and said == f"Screenshot saved to {path}"
    assert path.read_text(encoding="utf-8") == "<svg/>"
    if sys.platform != "win32":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_says_exactly_why_when_the_folder_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder would go", encoding="utf-8")
    saved, said = save_screenshot("<svg/>", blocker / "screenshots", datetime(2026, 12, 2))
    assert not saved
    folder = blocker / "screenshots"
    assert said.startswith(f"Screenshot not saved: {folder} could not be written (")


async def test_the_app_saves_and_names_the_file(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.action_screenshot()
        await pilot.pause()
        (shot,) = locations.screenshots_dir.glob("*.svg")
        assert "<svg" in shot.read_text(encoding="utf-8")
        messages = [n.message for n in app._notifications]
        assert f"Screenshot saved to {shot}" in messages


@pytest.mark.skipif(os.name == "nt", reason="folder modes are POSIX")
async def test_the_app_says_why_not(store: Store, locations: Locations) -> None:
    locations.screenshots_dir.parent.mkdir(parents=True, exist_ok=True)
    locations.screenshots_dir.write_text("in the way", encoding="utf-8")
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.action_screenshot()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(
            m.startswith(f"Screenshot not saved: {locations.screenshots_dir}") for m in messages
        )


async def test_the_palette_screenshot_is_ours(store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "Screenshot"]
        command.callback()
        await pilot.pause(0.3)
        (shot,) = locations.screenshots_dir.glob("*.svg")
        assert f"Screenshot saved to {shot}" in [n.message for n in app._notifications]
