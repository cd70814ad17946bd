"""Load theme files from folders into a `ThemeCatalog`, never raising for a bad file.

Every problem becomes one line, `FILE:LINE: key.path: message` (or `FILE: message` when no
line can be found), and the app carries on with the themes that are valid.

Folders are read in order, bundled first. The first theme to claim a name keeps it: a user
theme named like a bundled one is reported and skipped. Bundled themes carry guarantees
that tests check (the high-contrast theme's 7:1 text), and a stale copy of a bundled file
in the user's folder must not silently replace a fixed or improved release; a user who
wants a variant gives it its own name.

The small TOML helpers here (`read_toml`, `describe_errors`) are shared with
`sessionkit.settings`; key lines, paths and suggestions come from `sessionkit.tomlkeys`.
"""

from __future__ import annotations

import re
import stat
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sessionkit.theming.contrast import AA_TEXT, contrast_ratio, format_ratio
from sessionkit.theming.model import ThemeFile, VariableProblem
from sessionkit.tomlkeys import KeyLocator, KeyPath, describe_value, did_you_mean, format_path

MAX_THEME_FILE_BYTES = 256 * 1024


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, printed as `FILE:LINE: message`."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        # A file name is user data too: keep a terminal from acting on what it contains.
        name = "".join(ch if ch.isprintable() else "?" for ch in str(self.path))
        where = f"{name}:{self.line}" if self.line else name
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class LoadedTheme:
    theme: ThemeFile
    path: Path
    folder_index: int
    """Position of the folder it came from in `load_themes(dirs)`: 0 is the bundled folder."""


@dataclass
class ThemeCatalog:
    themes: dict[str, LoadedTheme] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def names(self) -> list[str]:
        return sorted(self.themes)

    def get(self, name: str) -> ThemeFile | None:
        loaded = self.themes.get(name)
        return loaded.theme if loaded else None

    def __contains__(self, name: object) -> bool:
        return name in self.themes

    def __iter__(self) -> Iterator[ThemeFile]:
        return iter([loaded.theme for loaded in self.themes.values()])


def load_themes(dirs: Sequence[Path]) -> ThemeCatalog:
    """Every valid theme in `dirs` (bundled first), and one problem line per fault."""
    catalog = ThemeCatalog()
    for index, folder in enumerate(dirs):
        for path in _theme_files(folder, catalog.problems):
            loaded = load_theme_file(path)
            if isinstance(loaded, list):
                catalog.problems.extend(loaded)
                continue
            theme, notes = loaded
            earlier = catalog.themes.get(theme.name)
            if earlier is not None:
                catalog.problems.append(
                    Problem(
                        path,
                        notes.line_of(("theme", "name")),
                        f"theme.name: '{theme.name}' is already used by {earlier.path}; "
                        "this file is skipped (give it another name to use it)",
                    )
                )
                continue
            catalog.themes[theme.name] = LoadedTheme(theme, path, index)
            catalog.problems.extend(_contrast_notes(path, theme, notes))
    return catalog


def _theme_files(folder: Path, problems: list[Problem]) -> list[Path]:
    try:
        if not folder.exists():
            return []  # no user themes folder is the usual case, not a problem
        if not folder.is_dir():
            problems.append(Problem(folder, None, "is not a folder, so no themes were read"))
            return []
        # Dot files are editor locks and backups (.#dark.toml), not themes.
        return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))
    except OSError as exc:
        problems.append(Problem(folder, None, f"cannot list themes: {_os_reason(exc)}"))
        return []


def load_theme_file(path: Path) -> tuple[ThemeFile, KeyLocator] | list[Problem]:
    """One theme file, validated; or the problems that stop it loading."""
    read = read_toml(path, MAX_THEME_FILE_BYTES)
    if isinstance(read, Problem):
        return [read]
    data, text = read
    lines = KeyLocator(text)
    try:
        theme = ThemeFile.model_validate(data)
    except ValidationError as exc:
        return [
            Problem(path, lines.line_of(loc), f"{format_path(loc)}: {message}")
            for loc, message in describe_errors(exc, ThemeFile)
        ]
    return theme, lines


def _contrast_notes(path: Path, theme: ThemeFile, lines: KeyLocator) -> list[Problem]:
    """Low text contrast does not stop a theme loading, but the user should know."""
    spec = theme.theme
    notes = []
    for where in ("background", "surface", "panel"):
        ratio = contrast_ratio(spec.foreground, getattr(spec, where))
        if ratio < AA_TEXT:
            notes.append(
                Problem(
                    path,
                    lines.line_of(("theme", "foreground")),
                    f"theme.foreground: text on {where} has contrast {format_ratio(ratio)}, "
                    f"below the {AA_TEXT:g}:1 WCAG minimum; the theme is available but may "
                    "be hard to read",
                )
            )
    return notes


# --- reading TOML ---------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def read_toml(path: Path, max_bytes: int) -> tuple[dict[str, Any], str] | Problem:
    """`(data, text)` from a TOML file, or one `Problem` saying why it cannot be read.

    Refuses folders, devices and FIFOs (reading one could block), files over `max_bytes`,
    text that is not UTF-8 and invalid TOML.
    """
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return Problem(path, None, "is a folder, not a TOML file")
        if not stat.S_ISREG(info.st_mode):
            return Problem(path, None, "is not a regular file")
        if info.st_size > max_bytes:
            return Problem(
                path, None, f"is too large ({_size(info.st_size)}; at most {_size(max_bytes)})"
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        return Problem(path, None, f"cannot be read: {_os_reason(exc)}")
    if len(raw) > max_bytes:
        return Problem(path, None, f"is too large (at most {_size(max_bytes)})")
    try:
        # A byte-order mark (some Windows editors add one) is not part of the TOML.
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(path, line, "is not UTF-8 text: save it with UTF-8 encoding")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        where: int | None = None
        if match:
            where = int(match.group(1)) if match.group(1) else text.count("\n") + 1
        reason = _TOML_POSITION.sub("", message)
        return Problem(path, where, f"is not valid TOML: {reason}")
    except RecursionError:
        # tomllib recurses once per nesting level: `a = [[[[...` thousands deep.
        return Problem(path, None, "is not valid TOML: nested too deeply")
    except ValueError as exc:
        # For example an integer with more digits than Python will convert.
        return Problem(path, None, f"is not valid TOML: {exc}")
    return data, text


def _size(n: int) -> str:
    return f"{-(-n // 1024)} KiB" if n >= 1024 else f"{n} bytes"  # rounded up


def _os_reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


# --- error messages -------------------------------------------------------------------

_TYPE_WORDS = {
    "string_type": "should be text in quotes",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "list_type": 'should be a list, like ["#e69f00", "#56b4e9"]',
    "dict_type": "should be a table",
    "model_type": "should be a table",
    "model_attributes_type": "should be a table",
}


def describe_errors(exc: ValidationError, root: type[BaseModel]) -> list[tuple[KeyPath, str]]:
    """One `(key path, plain message)` per pydantic error, in the order they were found."""
    return [_describe(error, root) for error in exc.errors()]


def _describe(error: ErrorDetails, root: type[BaseModel]) -> tuple[KeyPath, str]:
    loc: KeyPath = tuple(p for p in error["loc"] if p != "[key]")
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "missing":
        return loc, "is required but missing"
    if kind == "extra_forbidden":
        return loc, _unknown_key(loc, root)
    if kind in ("value_error", "assertion_error"):
        cause = ctx.get("error")
        if isinstance(cause, VariableProblem):
            return (*loc, cause.key), str(cause)
        return loc, str(cause) if cause is not None else error["msg"]
    if kind in _TYPE_WORDS:
        return loc, f"{_TYPE_WORDS[kind]} (found {describe_value(given)})"
    if kind == "too_short":
        return loc, f"needs at least {ctx.get('min_length')} entries (found {_count(given)})"
    if kind == "too_long":
        return loc, f"has too many entries (at most {ctx.get('max_length')})"
    return loc, f"{error['msg']} (found {describe_value(given)})"


def _count(value: object) -> str:
    return str(len(value)) if isinstance(value, list | dict) else "?"


def _unknown_key(loc: KeyPath, root: type[BaseModel]) -> str:
    key = str(loc[-1]) if loc else "?"
    known = known_keys(root, loc[:-1])
    where = f"[{format_path(loc[:-1])}]" if loc[:-1] else "the top level"
    message = f"unknown key in {where}"
    return message + did_you_mean(key, known, fallback=True)


def known_keys(root: type[BaseModel], path: KeyPath) -> list[str]:
    """Field names of the table at `path` (following nested models), for suggestions."""
    model: Any = root
    for part in path:
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        info = model.model_fields.get(str(part))
        if info is None:
            return []
        model = info.annotation
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []
