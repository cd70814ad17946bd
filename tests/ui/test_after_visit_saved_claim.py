"""'Saved as you type' that is not: the straight-after screen calls the reflection and note
saved only once the store holds exactly what the fields show, and says "not saved yet"
in between."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from textual.widgets import Static

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.widgets.save_marker import NOT_SAVED, SAVED

from .conftest import make_app
from .test_after_visit import SIZE, area, finished_visit, open_screen


def committed_reflection(locations: Locations, visit_id: int) -> str:
    """What another connection reads from the file: only what was committed."""
    with closing(sqlite3.connect(locations.database)) as other:
        row = other.execute("SELECT * FROM visits WHERE id = ?", (visit_id,)).fetchone()
    return repr(row)


def marker(screen: object) -> str:
    return str(screen.query_one("#save-state", Static).render())  # type: ignore[attr-defined]


async def settle(pilot: object, screen: object) -> None:
    for _ in range(40):
        if marker(screen) == SAVED:
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    assert marker(screen) == SAVED


async def test_the_screen_says_saved_only_after_the_commit(
    demo_store: Store, locations: Locations
) -> None:
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        # The first draft of the note is written into its field, then saved after the pause.
        await settle(pilot, screen)
        area(screen, "what-worked").focus()
        seen_unsaved = False
        for n, key in enumerate("Quietly"):
            await pilot.press(key)
            typed = "Quietly"[: n + 1]
            shown = marker(screen)
            stored = committed_reflection(locations, visit_id)
            # Whenever the screen says saved, another reader already sees every letter.
            if shown == SAVED:
                assert typed in stored
            else:
                assert shown == NOT_SAVED
                seen_unsaved = True
        assert seen_unsaved, "typing faster than the pause must show 'not saved yet'"
        await settle(pilot, screen)
        assert "Quietly" in committed_reflection(locations, visit_id)
        reflection = demo_store.get_visit(visit_id).reflection
        assert reflection is not None and reflection.what_worked == "Quietly"


async def test_no_line_on_the_screen_claims_everything_is_saved_as_typed(
    demo_store: Store, locations: Locations
) -> None:
    visit_id = finished_visit(demo_store)
    app = make_app(demo_store, locations, check_unfinished=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, visit_id)
        area(screen, "what-worked").focus()
        await pilot.press(*"Lost?")
        texts = " ".join(str(s.render()) for s in screen.query(Static))
        assert "saved as you type" not in texts.lower()
        assert marker(screen) == NOT_SAVED
