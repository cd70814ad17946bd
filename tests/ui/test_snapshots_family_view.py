"""How the family view looks: at 80x24 and 120x40, in the default and high-contrast themes.

The theme is chosen the way a user chooses it: written to the settings file before the
app starts. The view opens over the home screen of an empty store.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.screens.family_view import FamilyViewScreen

from .conftest import make_app

WORDING = "How safe do you feel at home right now?"
LOW = "Not safe at all"
HIGH = "Safe, like nothing bad could happen"


def _opening(screen: FamilyViewScreen) -> Any:
    async def open_view(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(screen)
        await pilot.pause()

    return open_view


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_zero_to_ten(
    snap_compare: Any, store: Store, locations: Locations, theme: str, size: tuple[int, int]
) -> None:
    app = make_app(store, locations, check_unfinished=False)
    assert app.theme == theme
    screen = FamilyViewScreen(WORDING, 0, 10, LOW, HIGH, current=7.0)
    assert snap_compare(app, run_before=_opening(screen), terminal_size=size)


def test_zero_to_a_hundred(snap_compare: Any, store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    screen = FamilyViewScreen(WORDING, 0, 100, LOW, HIGH, current=42.0)
    assert snap_compare(app, run_before=_opening(screen), terminal_size=(80, 24))


def test_nothing_chosen_yet(snap_compare: Any, store: Store, locations: Locations) -> None:
    app = make_app(store, locations, check_unfinished=False)
    screen = FamilyViewScreen(
        "Where would you put things between you and your mum this week?",
        1,
        5,
        "We don't talk",
        "We talk every day and it feels good",
    )
    assert snap_compare(app, run_before=_opening(screen), terminal_size=(80, 24))
