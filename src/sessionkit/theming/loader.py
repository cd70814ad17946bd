"""Load theme files from folders into a `ThemeCatalog`, never raising for a bad file.

Every problem becomes one line, `FILE:LINE: key.path: message` (or `FILE: message` when no
line can be found), and the app carries on with the themes that are valid.

Folders are read in order, bundled first. The first theme to claim a name keeps it: a user
theme named like a bundled one is reported and skipped. Bundled themes carry guarantees
that tests check (the high-contrast theme's 7:1 text), and a stale copy of a bundled file
in the user's folder must not silently replace a fixed or improved release; a user who
wants a variant gives it its own name.

The small TOML helpers here (`read_toml`, `KeyLines`, `describe_errors`) are shared with
`sessionkit.settings`.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
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

MAX_THEME_FILE_BYTES = 256 * 1024

PathPart = str | int
KeyPath = tuple[PathPart, ...]


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


def load_theme_file(path: Path) -> tuple[ThemeFile, KeyLines] | list[Problem]:
    """One theme file, validated; or the problems that stop it loading."""
    read = read_toml(path, MAX_THEME_FILE_BYTES)
    if isinstance(read, Problem):
        return [read]
    data, text = read
    lines = KeyLines(text)
    try:
        theme = ThemeFile.model_validate(data)
    except ValidationError as exc:
        return [
            Problem(path, lines.line_of(loc), f"{format_path(loc)}: {message}")
            for loc, message in describe_errors(exc, ThemeFile)
        ]
    return theme, lines


def _contrast_notes(path: Path, theme: ThemeFile, lines: KeyLines) -> list[Problem]:
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


def did_you_mean(word: str, choices: Sequence[str], *, fallback: bool = False) -> str:
    """` (did you mean 'x'?)`, or with `fallback` the list of known keys, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if fallback and choices:
        return f" (known keys: {', '.join(choices)})"
    return ""


def describe_value(value: object) -> str:
    """A short, printable rendering of a value from a file, for use inside a message."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value) if isinstance(value, str) else str(value)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= 40 else text[:37] + "..."


_BARE = re.compile(r"[A-Za-z0-9_-]+")


def format_path(path: Sequence[PathPart]) -> str:
    """`('chart', 'series', 2)` -> `chart.series[2]`; odd keys are quoted."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if _BARE.fullmatch(part) else describe_value(part).replace("'", '"')
        out += f".{name}" if out else name
    return out


# --- finding lines --------------------------------------------------------------------


class KeyLines:
    """Line numbers (1-based) of the keys, tables and array items in one TOML document.

    tomllib gives values without positions, so errors are placed by scanning the text once.
    Expects text tomllib has accepted; never raises, and falls back to the nearest parent.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        self.lines: dict[KeyPath, int] = {}
        self._array_tables: dict[KeyPath, int] = {}
        # Best effort: keep what was found before the scanner got lost.
        with contextlib.suppress(IndexError, ValueError, RecursionError):
            self._document()

    def line_of(self, path: Sequence[PathPart]) -> int | None:
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return None

    def _record(self, path: KeyPath, line: int) -> None:
        self.lines.setdefault(path, line)

    def _document(self) -> None:
        text = self._text
        pos = 0
        table: KeyPath = ()
        while pos < len(text):
            pos = self._blank(pos, newlines=True, comments=True)
            if pos >= len(text):
                return
            line = self._line_at(pos)
            if text.startswith("[[", pos):
                parts, pos = self._key(pos + 2)
                pos = self._expect(pos, "]]")
                array = (*self._concrete(parts[:-1]), parts[-1])
                index = self._array_tables.get(array, 0)
                self._array_tables[array] = index + 1
                self._record(array, line)
                table = (*array, index)
                self._record(table, line)
            elif text[pos] == "[":
                parts, pos = self._key(pos + 1)
                pos = self._expect(pos, "]")
                table = self._concrete(parts)
                self._record(table, line)
            else:
                pos = self._advance(pos, self._key_value(pos, table))

    @staticmethod
    def _advance(before: int, after: int) -> int:
        if after <= before:
            raise ValueError("scanner made no progress")
        return after

    def _concrete(self, parts: Sequence[str]) -> KeyPath:
        path: KeyPath = ()
        for part in parts:
            path = (*path, part)
            count = self._array_tables.get(path)
            if count:
                path = (*path, count - 1)
        return path

    def _key_value(self, pos: int, table: KeyPath) -> int:
        line = self._line_at(pos)
        parts, pos = self._key(pos)
        for depth in range(1, len(parts) + 1):
            self._record((*table, *parts[:depth]), line)
        pos = self._expect(pos, "=")
        return self._value(pos, (*table, *parts))

    def _line_at(self, pos: int) -> int:
        return bisect.bisect_left(self._newlines, pos) + 1

    def _blank(self, pos: int, *, newlines: bool, comments: bool) -> int:
        text = self._text
        spaces = " \t\r\n" if newlines else " \t"
        while pos < len(text):
            if text[pos] in spaces:
                pos += 1
            elif comments and text[pos] == "#":
                end = text.find("\n", pos)
                pos = len(text) if end < 0 else end
            else:
                break
        return pos

    def _expect(self, pos: int, token: str) -> int:
        pos = self._blank(pos, newlines=False, comments=False)
        if not self._text.startswith(token, pos):
            raise ValueError(f"expected {token!r}")
        return pos + len(token)

    def _key(self, pos: int) -> tuple[list[str], int]:
        parts: list[str] = []
        text = self._text
        while True:
            pos = self._blank(pos, newlines=False, comments=False)
            if text.startswith('"', pos):
                end = self._string_end(pos + 1, '"')
                parts.append(tomllib.loads(f"k = {text[pos:end]}")["k"])
                pos = end
            elif text.startswith("'", pos):
                end = text.index("'", pos + 1) + 1
                parts.append(text[pos + 1 : end - 1])
                pos = end
            else:
                match = _BARE.match(text, pos)
                if match is None:
                    raise ValueError("no key")
                parts.append(match.group(0))
                pos = match.end()
            pos = self._blank(pos, newlines=False, comments=False)
            if not text.startswith(".", pos):
                return parts, pos
            pos += 1

    def _string_end(self, pos: int, quote: str) -> int:
        """Index just past the closing quote of a one-line string starting before `pos`."""
        text = self._text
        while text[pos] != quote:
            pos += 2 if quote == '"' and text[pos] == "\\" else 1
        return pos + 1

    def _value(self, pos: int, path: KeyPath) -> int:
        text = self._text
        pos = self._blank(pos, newlines=False, comments=False)
        for quote in ('"""', "'''"):
            if text.startswith(quote, pos):
                pos += 3
                while not text.startswith(quote, pos):
                    pos += 2 if quote == '"""' and text[pos] == "\\" else 1
                pos += 3
                while pos < len(text) and text[pos] == quote[0]:
                    pos += 1
                return pos
        char = text[pos]
        if char in "\"'":
            return self._string_end(pos + 1, char)
        if char == "[":
            return self._array(pos + 1, path)
        if char == "{":
            return self._inline_table(pos + 1, path)
        while pos < len(text) and text[pos] not in ",]}\n#":
            pos += 1
        return pos

    def _array(self, pos: int, path: KeyPath) -> int:
        index = 0
        while True:
            pos = self._blank(pos, newlines=True, comments=True)
            if self._text[pos] == "]":
                return pos + 1
            self._record((*path, index), self._line_at(pos))
            pos = self._advance(pos, self._value(pos, (*path, index)))
            pos = self._blank(pos, newlines=True, comments=True)
            if self._text[pos] == ",":
                pos += 1
                index += 1

    def _inline_table(self, pos: int, path: KeyPath) -> int:
        while True:
            pos = self._blank(pos, newlines=False, comments=False)
            if self._text[pos] == "}":
                return pos + 1
            pos = self._advance(pos, self._key_value(pos, path))
            pos = self._blank(pos, newlines=False, comments=False)
            if self._text[pos] == ",":
                pos += 1
