"""How the tool browser and the pack chooser look, at a fixed size."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from sessionkit.locations import Locations, resolve
from sessionkit.storage import Store
from sessionkit.ui.screens.packs import PackChooserScreen
from sessionkit.ui.screens.tools import ToolBrowserScreen

from .conftest import make_app

SIZE = (110, 34)
NORTHSHIRE = Path(__file__).resolve().parents[2] / "toolpacks" / "examples" / "northshire.toml"

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


def test_tool_browser_search(snap_compare: Any, store: Store, locations: Locations) -> None:
    async def open_and_search(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(ToolBrowserScreen())
        # A blinking cursor would be caught at a different phase on each run.
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.press(*"three")
        await pilot.pause()

    app = make_app(store, locations, check_unfinished=False)
    assert snap_compare(app, run_before=open_and_search, terminal_size=SIZE)


def test_pack_chooser(
    snap_compare: Any, demo_store: Store, locations: Locations, tmp_path: Path
) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    shutil.copy(NORTHSHIRE, folder / "northshire.toml")
    (folder / "broken.toml").write_text(BROKEN, encoding="utf-8")
    here = resolve(
        data_dir=locations.data_dir,
        config_dir=locations.config_dir,
        toolpack_dirs=[str(folder)],
        environ={},
    )

    async def open_chooser(pilot: Pilot[None]) -> None:
        await pilot.pause()
        # The start-up notice names the broken file by its temporary path: not for a snapshot.
        pilot.app.clear_notifications()
        await pilot.app.push_screen(PackChooserScreen())
        await pilot.pause()

    app = make_app(demo_store, here, check_unfinished=False)
    assert snap_compare(app, run_before=open_chooser, terminal_size=SIZE)
