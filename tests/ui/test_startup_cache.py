"""The start-up cache: used when current, rebuilt when anything it came from changes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sessionkit.locations import Locations
from sessionkit.storage import Store
from sessionkit.ui import startup
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


def _fake_package(root: Path) -> Path:
    for name in ("settings.py", "theming/__init__.py", "theming/contrast.py", "ui/keymap.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"# {name}\n")
    return root


@pytest.mark.parametrize(
    "edit",
    ["theming/contrast.py", "theming/__init__.py", "settings.py", "ui/keymap.py", "ui/new.py"],
)
def test_editing_or_adding_any_module_rebuilds_it(
    locations: Locations, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    monkeypatch.setattr(startup, "_PACKAGE", _fake_package(tmp_path / "pkg"))
    startup_config(locations)
    built: list[Locations] = []
    real_compute = startup.compute

    def counting(where: Locations) -> startup.StartupConfig:
        built.append(where)
        return real_compute(where)

    monkeypatch.setattr(startup, "compute", counting)
    startup_config(locations)
    assert built == []  # nothing changed: served from the cache
    module = tmp_path / "pkg" / edit
    module.parent.mkdir(parents=True, exist_ok=True)
    module.write_text("# changed, a little longer\n")
    startup_config(locations)
    assert built == [locations]


def test_every_module_of_the_package_is_in_the_key() -> None:
    names = {entry[0] for entry in startup.source_stats(startup._PACKAGE)}
    package = Path(startup.__file__).resolve().parent.parent
    every = {p.relative_to(package).as_posix() for p in package.rglob("*.py")}
    assert names == every
    assert {"theming/contrast.py", "theming/__init__.py", "settings.py", "ui/startup.py"} <= names


def test_a_theme_edited_without_changing_its_size_or_time_rebuilds_it(
    locations: Locations,
) -> None:
    locations.user_themes_dir.mkdir(parents=True)
    bundled = locations.bundled_themes_dir / "sessionkit-light.toml"
    theme = locations.user_themes_dir / "mine.toml"
    theme.write_text(bundled.read_text().replace('"sessionkit-light"', '"my-calm-theme1"'))
    assert "my-calm-theme1" in {t["name"] for t in startup_config(locations).themes}
    info = theme.stat()
    theme.write_text(bundled.read_text().replace('"sessionkit-light"', '"my-calm-theme2"'))
    os.utime(theme, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert theme.stat().st_size == info.st_size
    assert "my-calm-theme2" in {t["name"] for t in startup_config(locations).themes}


def test_settings_edited_without_changing_size_or_time_rebuild_it(locations: Locations) -> None:
    locations.settings_file.parent.mkdir(parents=True, exist_ok=True)
    locations.settings_file.write_text('toolpack = "aaaa"\n')
    assert startup_config(locations).toolpack == "aaaa"
    info = locations.settings_file.stat()
    locations.settings_file.write_text('toolpack = "bbbb"\n')
    os.utime(locations.settings_file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert startup_config(locations).toolpack == "bbbb"
