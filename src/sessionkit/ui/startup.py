"""What the first frame needs from the settings and theme files, cached between starts.

Validating settings and themes takes pydantic (about 60 ms to import here), which would
put the first frame far behind a bare Textual app's. What the first frame needs from them
is small: theme colours, the chosen theme, keymap, toolpack, and any problems to report.
It is kept in a versioned JSON cache keyed on the size and modification time of every
file it came from (and of the code that validates them); when anything differs, or the
cache is missing or unreadable, it is worked out again with full validation and saved.
The cache holds colours and settings only, never anything about a family.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessionkit import __version__
from sessionkit.locations import PRIVATE_FILE_MODE, Locations, ensure_private_dir

CACHE_VERSION = 1
_SOURCES = (
    "settings.py",
    "theming/model.py",
    "theming/loader.py",
    "tomlkeys.py",
    "ui/themes.py",
    "ui/startup.py",
    # The keymap is checked against the bindings declared in these (see ui/keymap.py).
    "ui/keymap.py",
    "ui/app.py",
)
_SCREENS = "ui/screens"
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class StartupConfig:
    theme: str
    toolpack: str
    keymap: dict[str, str] = field(default_factory=dict)
    themes: list[dict[str, Any]] = field(default_factory=list)
    """Keyword arguments for `textual.theme.Theme`, one dict a theme."""
    variable_defaults: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def startup_config(locations: Locations) -> StartupConfig:
    """The cached configuration when it is still current, else a freshly validated one."""
    key = fingerprint(locations)
    cached = _read(locations.startup_cache, key)
    if cached is not None:
        return cached
    config = compute(locations)
    _write(locations.startup_cache, key, config)
    return config


def compute(locations: Locations) -> StartupConfig:
    """Validate settings and themes in full (imports pydantic)."""
    from textual.theme import BUILTIN_THEMES

    from sessionkit.settings import load_settings
    from sessionkit.theming import load_themes
    from sessionkit.ui.themes import builtin_name_problem, to_textual, variable_defaults

    settings, problems = load_settings(locations.settings_file)
    catalog = load_themes([locations.bundled_themes_dir, locations.user_themes_dir])
    problems += [str(p) for p in catalog.problems]
    keymap = dict(settings.keymap)
    if keymap:
        # Only here, on the path whose result is cached: knowing every binding id means
        # importing every screen module, far too slow for each first frame.
        from sessionkit.ui.keymap import binding_keys, check_keymap

        defaults = binding_keys()
        keymap, keymap_problems = check_keymap(
            keymap, set(defaults), default_keys=defaults, source=locations.settings_file
        )
        problems += keymap_problems
    themes = []
    for name, loaded in catalog.themes.items():
        if name in BUILTIN_THEMES:
            problems.append(builtin_name_problem(loaded.path, name))
            continue
        themes.append(dataclasses.asdict(to_textual(loaded.theme)))
    return StartupConfig(
        theme=settings.theme,
        toolpack=settings.toolpack,
        keymap=keymap,
        themes=themes,
        variable_defaults=variable_defaults(),
        problems=problems,
    )


def fingerprint(locations: Locations) -> list[Any]:
    """Everything the configuration depends on, cheaply: stats, not contents."""
    files = [locations.settings_file]
    for folder in (locations.bundled_themes_dir, locations.user_themes_dir):
        with contextlib.suppress(OSError):
            files += sorted(folder.glob("*.toml"))
    files += [_PACKAGE / source for source in _SOURCES]
    with contextlib.suppress(OSError):
        files += sorted((_PACKAGE / _SCREENS).glob("*.py"))
    return [CACHE_VERSION, __version__, *(_stat(path) for path in files)]


def _stat(path: Path) -> list[Any]:
    try:
        info = path.stat()
    except OSError:
        return [str(path), None]
    return [str(path), info.st_mtime_ns, info.st_size]


def _read(path: Path, key: list[Any]) -> StartupConfig | None:
    # Fail soft: a cache that cannot be read or does not match is simply rebuilt.
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("key") != key:
            return None
        return StartupConfig(**document["config"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _write(path: Path, key: list[Any], config: StartupConfig) -> None:
    import tempfile  # only when the cache is rebuilt; it costs a few ms at every start

    document = {"key": key, "config": dataclasses.asdict(config)}
    try:
        ensure_private_dir(path.parent)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".startup-", suffix=".tmp")
        try:
            os.fchmod(fd, PRIVATE_FILE_MODE)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(document, handle)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        pass  # a cache that cannot be written only costs the next start some time
