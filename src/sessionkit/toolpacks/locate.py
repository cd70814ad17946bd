"""Find the line of a key path (`tools[2].prompts[0].scale.min`) in TOML source text.

tomllib gives values without positions, so validation errors are placed by scanning the
source once: table headers (`[[tools]]` counted per parent, `[tools.prompts.scale]`),
keys (`min = 0`, dotted `scale.min = 0`), inline tables and array items. The scanner
expects text that tomllib has already accepted, and never raises: anything it does not
understand is skipped and the lookup falls back to the nearest enclosing table's line.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
from collections.abc import Sequence

PathPart = str | int
KeyPath = tuple[PathPart, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_KEY = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_LITERAL_KEY = re.compile(r"'([^'\n]*)'")
_SCALAR_END = re.compile(r"[,\]}\n#]")


class KeyLocator:
    """Line numbers (1-based) for every key path found in one TOML document."""

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
        pos = 0
        table: KeyPath = ()
        while pos < len(text):
            pos = self._skip_space(pos, newlines=True)
            if pos >= len(text):
                break
            ch = text[pos]
            if ch == "#":
                pos = self._skip_comment(pos)
            elif text.startswith("[[", pos):
                parts, pos = self._key(pos + 2)
                pos = self._expect(pos, "]]")
                table = self._array_header(parts, pos)
            elif ch == "[":
                parts, pos = self._key(pos + 1)
                pos = self._expect(pos, "]")
                table = self._concrete(parts)
                self._record(table, pos)
            else:
                start = pos
                parts, pos = self._key(pos)
                for depth in range(1, len(parts) + 1):
                    self._record((*table, *parts[:depth]), start)
                pos = self._expect(pos, "=")
                pos = self._value(pos, (*table, *parts))
            pos = self._skip_space(pos, newlines=False)
            if pos < len(text) and text[pos] == "#":
                pos = self._skip_comment(pos)

    def _concrete(self, parts: Sequence[str]) -> KeyPath:
        """A header's dotted key as a concrete path: array tables resolve to their last item."""
        path: KeyPath = ()
        for part in parts:
            path = (*path, part)
            count = self._array_counts.get(path)
            if count:
                path = (*path, count - 1)
        return path

    def _array_header(self, parts: Sequence[str], pos: int) -> KeyPath:
        parent = self._concrete(parts[:-1])
        array = (*parent, parts[-1]) if parts else parent
        index = self._array_counts.get(array, 0)
        self._array_counts[array] = index + 1
        self._record(array, pos)
        item = (*array, index)
        self._record(item, pos)
        return item

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
        match = _BASIC_KEY.match(text, pos)
        if match:
            try:
                return str(json.loads(f'"{match.group(1)}"')), match.end()
            except ValueError:
                return match.group(1), match.end()
        match = _LITERAL_KEY.match(text, pos)
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

    def _skip_comment(self, pos: int) -> int:
        end = self._text.find("\n", pos)
        return len(self._text) if end < 0 else end

    def _skip_blank_and_comments(self, pos: int) -> int:
        while True:
            pos = self._skip_space(pos, newlines=True)
            if pos < len(self._text) and self._text[pos] == "#":
                pos = self._skip_comment(pos)
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
        if ch == '"':
            match = _BASIC_KEY.match(text, pos)
            return match.end() if match else len(text)
        if ch == "'":
            match = _LITERAL_KEY.match(text, pos)
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
        index = 0
        while True:
            pos = self._skip_blank_and_comments(pos)
            if pos >= len(self._text) or self._text[pos] == "]":
                return pos + 1
            self._record((*path, index), pos)
            before = pos
            pos = self._value(pos, (*path, index))
            if pos <= before:
                raise ValueError(f"no progress at {pos}")
            pos = self._skip_blank_and_comments(pos)
            if pos < len(self._text) and self._text[pos] == ",":
                pos += 1
                index += 1

    def _inline_table(self, pos: int, path: KeyPath) -> int:
        while True:
            pos = self._skip_space(pos, newlines=False)
            if pos >= len(self._text) or self._text[pos] == "}":
                return pos + 1
            start = pos
            parts, pos = self._key(pos)
            for depth in range(1, len(parts) + 1):
                self._record((*path, *parts[:depth]), start)
            pos = self._expect(pos, "=")
            pos = self._value(pos, (*path, *parts))
            pos = self._skip_space(pos, newlines=False)
            if pos < len(self._text) and self._text[pos] == ",":
                pos += 1


def format_path(path: Sequence[PathPart]) -> str:
    """`('tools', 2, 'prompts', 0, 'id')` -> `tools[2].prompts[0].id`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
            out += f".{name}" if out else name
    return out
