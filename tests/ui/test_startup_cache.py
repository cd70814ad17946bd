"""The start-up cache: used when current, rebuilt when anything it came from changes."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui.startup import startup_config

from .conftest import make_app


def test_cache_is_written_private_and_reused(locations: Locations) -> None:
    first = startup_config(locations)
    cache = locations.startup_cache
    assert cache.exists()
    assert oct(cache.stat().st_mode & 0o777) == "0o600"
    assert oct(cache.parent.stat().st_mode & 0o777) == "0o700"
    assert first.theme == "sessionkit-dark"
    assert {t["name"] for t in first.themes} >= {
        "sessionkit-dark",
        "sessionkit-light",
        "sessionkit-high-contrast",
    }
    # Reused as it is: a marker planted in the file comes back.
    document = json.loads(cache.read_text())
    document["config"]["toolpack"] = "from-the-cache"
    cache.write_text(json.dumps(document))
    assert startup_config(locations).toolpack == "from-the-cache"


def test_editing_settings_rebuilds_it(locations: Locations) -> None:
    assert startup_config(locations).theme == "sessionkit-dark"
    locations.settings_file.parent.mkdir(parents=True, exist_ok=True)
    locations.settings_file.write_text('theme = "sessionkit-light"\n')
    assert startup_config(locations).theme == "sessionkit-light"


def test_a_new_user_theme_rebuilds_it(locations: Locations) -> None:
    startup_config(locations)
    bundled = locations.bundled_themes_dir / "sessionkit-light.toml"
    locations.user_themes_dir.mkdir(parents=True)
    text = bundled.read_text().replace('"sessionkit-light"', '"my-calm-theme"')
    (locations.user_themes_dir / "mine.toml").write_text(text)
    assert "my-calm-theme" in {t["name"] for t in startup_config(locations).themes}


def test_a_damaged_cache_is_rebuilt(locations: Locations) -> None:
    startup_config(locations)
    locations.startup_cache.write_bytes(b"\x00\xff not json")
    assert startup_config(locations).theme == "sessionkit-dark"
    json.loads(locations.startup_cache.read_text())  # replaced by a good one


def test_problems_are_reported_on_every_start(locations: Locations) -> None:
    locations.settings_file.parent.mkdir(parents=True, exist_ok=True)
    locations.settings_file.write_text('theme = "sessionkit-light"\nthemee = "x"\n')
    for _ in range(2):
        config = startup_config(locations)
        assert config.theme == "sessionkit-light"
        assert any("themee" in p for p in config.problems)


def test_an_unwritable_cache_costs_nothing_but_time(locations: Locations) -> None:
    locations.data_dir.mkdir(parents=True)
    (locations.data_dir / "cache").write_text("a file where the folder should be")
    assert startup_config(locations).theme == "sessionkit-dark"


async def test_the_cache_holds_no_case_data(demo_store: Store, locations: Locations) -> None:
    app = make_app(demo_store, locations)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
    text = locations.startup_cache.read_text()
    for word in ("DEMO-HARPER", "Maya", "Leo", "Sam"):
        assert word not in text
    assert not any(Path(p).name.startswith(".startup-") for p in os.listdir(locations.cache_dir))
