"""How each screen looks, at a fixed size, with the demo family on a fixed date."""

from __future__ import annotations

from typing import Any

from sessionkit.locations import Locations
from sessionkit.storage import Store

from .conftest import make_app

SIZE = (110, 34)


def _app(store: Store, locations: Locations) -> Any:
    return make_app(store, locations, check_unfinished=False)


def test_home(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), terminal_size=SIZE)


def test_new_case_form(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), press=["n"], terminal_size=SIZE)


def test_case(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), press=["enter"], terminal_size=SIZE)


def test_finished_visit(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), press=["enter", "enter"], terminal_size=SIZE)


def test_movement(snap_compare: Any, demo_store: Store, locations: Locations) -> None:
    assert snap_compare(_app(demo_store, locations), press=["enter", "m"], terminal_size=SIZE)
