"""Fixtures for driving the real app against a real store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sessionkit.demo import add_demo
from sessionkit.locations import Locations, resolve
from sessionkit.storage import Store
from sessionkit.theming import DEFAULT_THEME, HIGH_CONTRAST_THEME
from sessionkit.ui.app import SessionkitApp

DEMO_TODAY = date(2026, 11, 2)


@pytest.fixture
def locations(tmp_path: Path) -> Locations:
    return resolve(data_dir=tmp_path / "data", config_dir=tmp_path / "config", environ={})


@pytest.fixture
def store(locations: Locations) -> Iterator[Store]:
    # A short busy timeout: a test that holds the lock (tests/faults.py) need not wait.
    store = Store.open(locations.database, busy_timeout_ms=100)
    yield store
    store.close()


@pytest.fixture
def demo_store(store: Store) -> Store:
    add_demo(store, today=DEMO_TODAY)
    return store


def make_app(store: Store, locations: Locations, **kwargs: object) -> SessionkitApp:
    return SessionkitApp(store=store, locations=locations, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(params=[DEFAULT_THEME, HIGH_CONTRAST_THEME], ids=["default", "high-contrast"])
def theme(request: pytest.FixtureRequest, locations: Locations) -> str:
    """Each snapshot in the default theme and in high contrast, chosen as a user would:
    in the settings file."""
    name: str = request.param
    if name != DEFAULT_THEME:
        locations.settings_file.parent.mkdir(parents=True, exist_ok=True)
        locations.settings_file.write_text(f'theme = "{name}"\n', encoding="utf-8")
    return name
