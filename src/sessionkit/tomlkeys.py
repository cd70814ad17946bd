"""Key paths in TOML files: the line each key is on, how to print a path, what to suggest.

Toolpacks, themes and settings all report problems as `FILE:LINE: key.path: message`.
This module holds the parts they share:

- `KeyLocator` finds the line of a key path (`tools[2].prompts[0].scale.min`). tomllib
  gives values without positions, so the source is scanned once: table headers
  (`[[tools]]` counted per parent, `[tools.prompts.scale]` and the tables a header implies),
  keys (`min = 0`, dotted `scale.min = 0`, quoted `"odd key" = 1` with TOML escapes),
  inline tables and array items, skipping comments and strings that look like headers.
- `format_path` prints a path the way it is written in TOML.
- `describe_value` renders a value from a file safely inside a message.
- `did_you_mean` / `closest` suggest the nearest known name for a misspelt one.

It is used on error paths, so it stays light: standard library only (no pydantic, no
Textual; a test checks).
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence

from sessionkit.domain.text import clean_line

PathPart = str | int
KeyPath = tuple[PathPart, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_LITERAL_STRING = re.compile(r"'([^'\n]*)'")
_SCALAR_END = re.compile(r"[,\]}\n#]")


class KeyLocator:
    """Line numbers (1-based) for every key path found in one TOML document.

    Expects text that tomllib has already accepted, and never raises: anything it does
    not understand stops the scan, keeping what was found, and `line_of` falls back to
    the nearest enclosing table's line.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        self.lines: dict[KeyPath, int] = {}
        self._array_counts: dict[KeyPath, int] = {}
        # Best effort: keep whatever was found before the scanner got lost.
        with contextlib.suppress(IndexError, ValueError, RecursionError):
            self._scan()

    def line_of(self, path: Sequence[PathPart]) -> int | None:
        """The line of `path`, or of its nearest recorded parent; None if nothing matches."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return None

    # --- scanning -----------------------------------------------------------------

    def _line_at(self, pos: int) -> int:
        return bisect.bisect_left(self._newlines, pos) + 1

    def _record(self, path: KeyPath, pos: int) -> None:
        self.lines.setdefault(path, self._line_at(pos))

    def _scan(self) -> None:
        text = self._text
        pos = 1 if text.startswith("\ufeff") else 0  # a byte-order mark is not TOML
        table: KeyPath = ()
        while pos < len(text):
            pos = self._skip_blank_and_comments(pos)
            if pos >= len(text):
                break
            start = pos
            if text.startswith("[[", pos):
                parts, pos = self._key(pos + 2)
                pos = self._expect(pos, "]]")
                table = self._array_header(parts, start)
            elif text[pos] == "[":
                parts, pos = self._key(pos + 1)
                pos = self._expect(pos, "]")
                table = self._concrete(parts, start)
                self._record(table, start)
            else:
                pos = self._key_value(pos, table)

    def _concrete(self, parts: Sequence[str], pos: int) -> KeyPath:
        """A header's dotted key as a concrete path: array tables resolve to their last item.

        The tables it passes through are recorded too: `[a.b]` also defines `a`.
        """
        path: KeyPath = ()
        for part in parts:
            path = (*path, part)
            count = self._array_counts.get(path)
            if count:
                path = (*path, count - 1)
            self._record(path, pos)
        return path

    def _array_header(self, parts: Sequence[str], pos: int) -> KeyPath:
        parent = self._concrete(parts[:-1], pos)
        array = (*parent, parts[-1]) if parts else parent
        index = self._array_counts.get(array, 0)
        self._array_counts[array] = index + 1
        self._record(array, pos)
        item = (*array, index)
        self._record(item, pos)
        return item

    def _key_value(self, pos: int, table: KeyPath) -> int:
        start = pos
        parts, pos = self._key(pos)
        for depth in range(1, len(parts) + 1):
            self._record((*table, *parts[:depth]), start)
        pos = self._expect(pos, "=")
        return self._value(pos, (*table, *parts))

    def _key(self, pos: int) -> tuple[list[str], int]:
        parts: list[str] = []
        while True:
            pos = self._skip_space(pos, newlines=False)
            part, pos = self._simple_key(pos)
            parts.append(part)
            pos = self._skip_space(pos, newlines=False)
            if pos < len(self._text) and self._text[pos] == ".":
                pos += 1
                continue
            return parts, pos

    def _simple_key(self, pos: int) -> tuple[str, int]:
        text = self._text
        match = _BARE_KEY.match(text, pos)
        if match:
            return match.group(0), match.end()
        match = _BASIC_STRING.match(text, pos)
        if match:
            if "\\" not in match.group(1):
                return match.group(1), match.end()
            # Let tomllib undo the escapes (\t, \u00e9, \U0001F600) exactly as it did.
            return str(tomllib.loads(f"k = {match.group(0)}")["k"]), match.end()
        match = _LITERAL_STRING.match(text, pos)
        if match:
            return match.group(1), match.end()
        raise ValueError(f"no key at {pos}")

    def _expect(self, pos: int, token: str) -> int:
        pos = self._skip_space(pos, newlines=False)
        if not self._text.startswith(token, pos):
            raise ValueError(f"expected {token!r} at {pos}")
        return pos + len(token)

    def _skip_space(self, pos: int, *, newlines: bool) -> int:
        text = self._text
        blanks = " \t\r\n" if newlines else " \t"
        while pos < len(text) and text[pos] in blanks:
            pos += 1
        return pos

    def _skip_blank_and_comments(self, pos: int) -> int:
        text = self._text
        while True:
            pos = self._skip_space(pos, newlines=True)
            if pos < len(text) and text[pos] == "#":
                end = text.find("\n", pos)
                pos = len(text) if end < 0 else end
                continue
            return pos

    def _value(self, pos: int, path: KeyPath) -> int:
        text = self._text
        pos = self._skip_space(pos, newlines=False)
        if text.startswith('"""', pos):
            return self._end_of_multiline(pos + 3, '"""', escapes=True)
        if text.startswith("'''", pos):
            return self._end_of_multiline(pos + 3, "'''", escapes=False)
        ch = text[pos]
        if ch in "\"'":
            match = (_BASIC_STRING if ch == '"' else _LITERAL_STRING).match(text, pos)
            return match.end() if match else len(text)
        if ch == "[":
            return self._array(pos + 1, path)
        if ch == "{":
            return self._inline_table(pos + 1, path)
        match = _SCALAR_END.search(text, pos)
        return match.start() if match else len(text)

    def _end_of_multiline(self, pos: int, quote: str, *, escapes: bool) -> int:
        text = self._text
        while pos < len(text):
            if escapes and text[pos] == "\\":
                pos += 2
                continue
            if text.startswith(quote, pos):
                end = pos + len(quote)
                # Up to two extra quote characters may close the string ("""a"""").
                while end < len(text) and end < pos + len(quote) + 2 and text[end] == quote[0]:
                    end += 1
                return end
            pos += 1
        return len(text)

    def _array(self, pos: int, path: KeyPath) -> int:
        text = self._text
        index = 0
        while True:
            pos = self._skip_blank_and_comments(pos)
            if pos >= len(text) or text[pos] == "]":
                return pos + 1
            self._record((*path, index), pos)
            before = pos
            pos = self._value(pos, (*path, index))
            if pos <= before:
                raise ValueError(f"no progress at {pos}")
            pos = self._skip_blank_and_comments(pos)
            if pos < len(text) and text[pos] == ",":
                pos += 1
                index += 1

    def _inline_table(self, pos: int, path: KeyPath) -> int:
        text = self._text
        while True:
            pos = self._skip_space(pos, newlines=False)
            if pos >= len(text) or text[pos] == "}":
                return pos + 1
            pos = self._key_value(pos, path)
            pos = self._skip_space(pos, newlines=False)
            if pos < len(text) and text[pos] == ",":
                pos += 1


# --- printing -------------------------------------------------------------------------

_SHORT_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def format_path(path: Sequence[PathPart]) -> str:
    """`('tools', 2, 'prompts', 0, 'id')` -> `tools[2].prompts[0].id`.

    Keys that are not bare are quoted as TOML writes them (`keymap."capture.undo"`), with
    quotes and anything unprintable escaped, so the result is one printable line.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) else _quoted(part)
            out += f".{name}" if out else name
    return out


def _quoted(key: str) -> str:
    return '"' + "".join(_escape(ch) for ch in key) + '"'


def _escape(ch: str) -> str:
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    if ch.isprintable():
        return ch
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def describe_value(value: object) -> str:
    """A short, safe rendering of a value from a file for use inside a message."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = clean_line(repr(value) if isinstance(value, str) else str(value))
    return text if len(text) <= 40 else text[:37] + "..."


# --- suggestions ----------------------------------------------------------------------


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word` (a likely misspelling of it), or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str], *, fallback: bool = False) -> str:
    """` (did you mean 'x'?)`, or with `fallback` the list of known keys, or nothing."""
    options = list(choices)
    match = closest(word, options)
    if match is not None:
        return f" (did you mean '{match}'?)"
    if fallback and options:
        return f" (known keys: {', '.join(options)})"
    return ""
