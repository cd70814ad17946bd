"""What the first frame needs from the settings and theme files, cached between starts.

Validating settings and themes takes pydantic (about 60 ms to import here), which would
put the first frame far behind a bare Textual app's. What the first frame needs from them
is small: theme colours, the chosen theme, keymap, toolpack, and any problems to report.
It is kept in a versioned JSON cache keyed on everything the result depends on: the
content of the settings file and of every theme file (bundled and the user's), and the
source of sessionkit itself (every .py file of the package, by path, size and modification
time, so no list of "the modules that matter" can fall behind the code), its version, the
Python version and Textual's built-in themes. When anything differs, or the cache is
missing or unreadable, it is worked out again with full validation and saved. The cache
holds colours and settings only, never anything about a family.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import textual.theme

from sessionkit import __version__
from sessionkit.locations import Locations, ensure_private_dir
from sessionkit.private_files import write_private

CACHE_VERSION = 2
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
    """Everything the configuration depends on: user files by content, code by stats."""
    inputs = [locations.settings_file]
    for folder in (locations.bundled_themes_dir, locations.user_themes_dir):
        with contextlib.suppress(OSError):
            inputs += sorted(folder.glob("*.toml"))
    return [
        CACHE_VERSION,
        __version__,
        list(sys.version_info[:3]),
        [_content(path) for path in inputs],
        _stat(Path(textual.theme.__file__)),  # the built-in themes a user theme may clash with
        source_stats(_PACKAGE),
    ]


def source_stats(package: Path) -> list[list[Any]]:
    """(path, size, mtime) of every .py file under `package`, in a stable order.

    Every module, not only those known to compute the result today: a module that starts
    to matter later (a new screen whose bindings the keymap is checked against, a helper
    the theme checks call) is covered without anyone remembering to list it. About 0.5 ms.
    """
    found: list[list[Any]] = []
    folders = [package]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".py"):
                found.append(_stat(Path(entry.path), relative_to=package))
            elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
    return sorted(found, key=lambda item: str(item[0]))


def _content(path: Path) -> list[Any]:
    """A file by what it holds: its size and two checksums of its bytes."""
    try:
        data = path.read_bytes()
    except OSError:
        return [str(path), None]
    return [str(path), len(data), zlib.crc32(data), zlib.adler32(data)]


def _stat(path: Path, relative_to: Path | None = None) -> list[Any]:
    name = path.relative_to(relative_to).as_posix() if relative_to else str(path)
    try:
        info = path.stat()
    except OSError:
        return [name, None]
    return [name, info.st_size, info.st_mtime_ns]


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
    document = {"key": key, "config": dataclasses.asdict(config)}
    try:
        ensure_private_dir(path.parent)
        write_private(path, json.dumps(document))
    except OSError:
        pass  # a cache that cannot be written only costs the next start some time
