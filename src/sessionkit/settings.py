"""The user's settings file: read forgivingly, and updated without losing their edits.

`settings.toml` is the user's to edit. `load_settings` never raises: each bad setting is
reported on its own line and replaced by its default, so one typo does not throw away the
rest. `remember` changes the value of a top-level `theme`/`toolpack` line (or adds one)
and leaves every other byte as it was: comments, order, blank lines and the `[keymap]`
table survive. tomli-w renders only the single value written, never the whole file.
"""

from __future__ import annotations

import re
import stat
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import tomli_w
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from sessionkit.locations import ensure_private_dir
from sessionkit.private_files import write_private
from sessionkit.theming import DEFAULT_THEME
from sessionkit.theming.loader import Problem, describe_errors, read_toml
from sessionkit.theming.model import ThemeName
from sessionkit.tomlkeys import KeyLocator, KeyPath, describe_value, did_you_mean, format_path

DEFAULT_TOOLPACK = "core"
MAX_SETTINGS_BYTES = 256 * 1024
REMEMBERED_KEYS = ("theme", "toolpack")

_TOOLPACK_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")  # as toolpack ids in sessionkit.toolpacks
_BINDING_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
# One key as Textual names it: "z", "Z", "?", "f5", "ctrl+z", "shift+tab", "question_mark".
_KEY = re.compile(r"(?:[a-z]+\+)*(?:[A-Za-z0-9_]+|[!-~])")


def _check_toolpack(value: str) -> str:
    if not _TOOLPACK_ID.fullmatch(value) or len(value) > 80:
        raise ValueError(
            f"{describe_value(value)} is not a toolpack id: use lower-case letters, digits, "
            "'.', '-' and '_'"
        )
    return value


def _check_binding_id(value: str) -> str:
    if not _BINDING_ID.fullmatch(value) or len(value) > 80:
        raise ValueError(f"{describe_value(value)} is not a binding id: ids look like capture.undo")
    return value


def _check_keys(value: str) -> str:
    keys = [key.strip() for key in value.split(",")]
    if len(value) > 100 or not all(_KEY.fullmatch(key) for key in keys):
        raise ValueError(
            f'{describe_value(value)} is not a key: write keys like "z", "f5" or '
            '"ctrl+z"; separate several with commas'
        )
    return ",".join(keys)


def _check_person_line(value: str) -> str:
    # Signed into every case note: one line of ordinary text, or nothing.
    cleaned = " ".join(value.split())
    if len(cleaned) > 80 or any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in value):
        raise ValueError(
            f"{describe_value(value)} is not a name or role: write one line of at most "
            "80 characters"
        )
    return cleaned


ToolpackId = Annotated[str, AfterValidator(_check_toolpack)]
PersonLine = Annotated[str, AfterValidator(_check_person_line)]
BindingId = Annotated[str, AfterValidator(_check_binding_id)]
KeySpec = Annotated[str, AfterValidator(_check_keys)]


class Settings(BaseModel):
    """What `settings.toml` may hold. Every field has a default: an empty file is valid."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    theme: ThemeName = DEFAULT_THEME
    """Theme name: bundled, user (`themes/` beside this file) or one of Textual's own."""

    toolpack: ToolpackId = DEFAULT_TOOLPACK
    """Id of the toolpack the app opens with."""

    practitioner_name: PersonLine = ""
    """Your name, to sign case notes: `Written by: NAME, ROLE.`"""

    practitioner_role: PersonLine = ""
    """Your role, after your name on case notes, e.g. "Social worker"."""

    keymap: dict[BindingId, KeySpec] = Field(default_factory=dict)
    """Binding id -> key(s), e.g. `"capture.undo" = "z"`; passed to `App.set_keymap`."""


_Report = Callable[[KeyPath, str, str], None]

# --- reading --------------------------------------------------------------------------


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """The settings in `path` and one line per problem; never raises.

    A missing file gives the defaults and no problems. A file that cannot be read or is not
    valid TOML gives one problem and all defaults. Otherwise each setting is validated on
    its own: a bad one is reported as `FILE:LINE: key: message (using the default: X)`
    and the rest are kept. Keymap entries are checked one by one in the same way.
    """
    try:
        if not path.exists() and not path.is_symlink():
            return Settings(), []
    except OSError:
        pass  # let read_toml report it
    read = read_toml(path, MAX_SETTINGS_BYTES)
    if isinstance(read, Problem):
        return Settings(), [f"{read} (using the default settings)"]
    data, text = read
    lines = KeyLocator(text)
    problems: list[str] = []
    kept: dict[str, Any] = {}
    fields = Settings.model_fields

    def report(loc: KeyPath, message: str, default: str) -> None:
        where = Problem(path, lines.line_of(loc), f"{format_path(loc)}: {message}")
        problems.append(f"{where} ({default})")

    for key, value in data.items():
        if key not in fields:
            report(
                (key,),
                "unknown setting" + did_you_mean(key, list(fields), fallback=True),
                "ignored",
            )
        elif key == "keymap" and isinstance(value, dict):
            kept[key] = _valid_keymap(value, report)
        else:
            try:
                kept[key] = getattr(Settings.model_validate({key: value}), key)
            except ValidationError as exc:
                default = _default_text(key)
                for loc, message in describe_errors(exc, Settings):
                    report(loc, message, f"using the default: {default}")
    return Settings.model_validate(kept), problems


def _valid_keymap(table: dict[str, Any], report: _Report) -> dict[str, str]:
    keymap: dict[str, str] = {}
    for binding, keys in table.items():
        try:
            keymap.update(Settings.model_validate({"keymap": {binding: keys}}).keymap)
        except ValidationError as exc:
            for _loc, message in describe_errors(exc, Settings):
                report(("keymap", binding), message, "using the app's own key for it")
    return keymap


def _default_text(key: str) -> str:
    default = Settings.model_fields[key].get_default(call_default_factory=True)
    if isinstance(default, str):
        return _render(default)
    return "the app's own keys" if key == "keymap" else str(default)


# --- remembering ----------------------------------------------------------------------

_NEW_FILE_HEADER = (
    "# sessionkit settings. Edit freely: sessionkit changes only the theme and toolpack\n"
    "# lines and keeps your comments, order and [keymap] table.\n"
)


def remember(path: Path, **changes: str) -> list[str]:
    """Save `theme=` and/or `toolpack=` in the settings file, keeping everything else.

    Replaces the value of an existing top-level `theme = ...` line (keeping its trailing
    comment), or adds the line above the first table header. A missing file is created
    (folder 0700, file 0600). The new text is checked by parsing it before it replaces the
    old file atomically; if the edit cannot be made safely, nothing is written. Never
    raises: returns one line per problem, empty on success.
    """
    where = Path(path)
    problems: list[str] = []
    for key, value in changes.items():
        if key not in REMEMBERED_KEYS:
            problems.append(
                f"{where}: {key}: cannot be remembered (only {', '.join(REMEMBERED_KEYS)})"
            )
        else:
            try:
                Settings.model_validate({key: value})
            except ValidationError as exc:
                message = describe_errors(exc, Settings)[0][1]
                problems.append(f"{where}: {key}: not saved: {message}")
    if problems or not changes:
        return problems
    try:
        return _remember(where, changes)
    except OSError as exc:
        return [f"{where}: not saved: {exc.strerror or exc.__class__.__name__}"]


def _remember(path: Path, changes: Mapping[str, str]) -> list[str]:
    # Write through a symlink (dotfile managers link settings.toml) rather than replace it.
    target = path.resolve() if path.is_symlink() else path
    if not target.exists():
        if not target.parent.is_dir():
            ensure_private_dir(target.parent)
        text = _NEW_FILE_HEADER + "".join(f"{k} = {_render(v)}\n" for k, v in changes.items())
        write_private(target, text)
        return []
    read = read_toml(target, MAX_SETTINGS_BYTES)
    if isinstance(read, Problem):
        return [f"{read} (settings not saved: fix the file, then choose again)"]
    data, _ = read
    if all(data.get(k) == v for k, v in changes.items()):
        return []
    try:
        original = target.read_bytes().decode("utf-8")  # again, keeping any byte-order mark
    except UnicodeDecodeError:
        return [f"{target}: not saved: the file is not UTF-8 text"]
    updated = update_top_level(original, changes)
    expected = {**data, **changes}
    if updated is None or _parsed(updated) != expected:
        keys = " and ".join(changes)
        return [
            f"{target}: {keys} not saved: the file's layout is unusual, so sessionkit "
            f"did not change it; set {keys} there by hand"
        ]
    write_private(target, updated, mode=stat.S_IMODE(target.stat().st_mode))
    return []


def _parsed(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError:
        return None


def _render(value: str) -> str:
    """A TOML basic string with escaping, as tomli-w writes it."""
    return tomli_w.dumps({"k": value}).removeprefix("k = ").rstrip("\n")


_ASSIGNMENT = re.compile(r"""[ \t]*(?P<key>[A-Za-z0-9_-]+|"[^"\\\n]*"|'[^'\n]*')[ \t]*=[ \t]*""")
_BASIC_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL_STRING = re.compile(r"'[^'\n]*'")
_PLAIN_SCALAR = re.compile(r"[A-Za-z0-9_.:+-]+")


def update_top_level(text: str, changes: Mapping[str, str]) -> str | None:
    """`text` with top-level string keys set to new values, or None if unsure how.

    Only lines that start a statement outside any table are considered (lines inside
    multi-line strings and arrays are skipped). An existing line keeps its indentation,
    spacing and trailing comment; a missing key is added before the first table header
    (and before any comment lines directly above it), or at the end if there is none.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    layout = _top_level_layout(lines)
    pending = dict(changes)
    for index, key in layout.assignments.items():
        if key not in pending:
            continue
        replaced = _replace_value(lines[index], _render(pending.pop(key)))
        if replaced is None:
            return None
        lines[index] = replaced
    if pending:
        new = [f"{key} = {_render(value)}{newline}" for key, value in pending.items()]
        if layout.first_header is None:
            if lines and not lines[-1].endswith(("\n", "\r")):
                lines[-1] += newline
            lines.extend(new)
        else:
            # Comments directly above the header describe the table: stay above them.
            # Every line walked over starts a statement, so inserting there is safe.
            at = layout.first_header
            while at - 1 in layout.starts and lines[at - 1].lstrip().startswith("#"):
                at -= 1
            lines[at:at] = [*new, newline]
    return "".join(lines)


def _key_name(raw: str) -> str:
    return raw[1:-1] if raw[:1] in "\"'" else raw


def _replace_value(line: str, rendered: str) -> str | None:
    match = _ASSIGNMENT.match(line)
    if match is None:
        return None
    start = match.end()
    for pattern in (_BASIC_STRING, _LITERAL_STRING, _PLAIN_SCALAR):
        value = pattern.match(line, start)
        if value:
            if pattern is _BASIC_STRING and line.startswith('"""', start):
                return None
            if pattern is _LITERAL_STRING and line.startswith("'''", start):
                return None
            return line[:start] + rendered + line[value.end() :]
    return None  # an array, inline table or multi-line string: not a line to edit


@dataclass
class _Layout:
    first_header: int | None = None
    """Index of the first table header line, or None if the file has no tables."""
    assignments: dict[int, str] = field(default_factory=dict)
    """{line index: key} for the top-level `key = value` lines."""
    starts: set[int] = field(default_factory=set)
    """Indexes of lines that begin outside any string or bracket (a statement can start)."""


def _top_level_layout(lines: list[str]) -> _Layout:
    layout = _Layout()
    scanner = _Scanner()
    for index, line in enumerate(lines):
        if scanner.at_statement_start:
            layout.starts.add(index)
            if line.lstrip().startswith("["):
                layout.first_header = index
                return layout
            match = _ASSIGNMENT.match(line)
            if match:
                layout.assignments[index] = _key_name(match.group("key"))
        scanner.feed(line)
    return layout


class _Scanner:
    """Tracks whether the next line starts a new statement: outside strings and brackets."""

    def __init__(self) -> None:
        self.multiline: str | None = None
        self.depth = 0

    @property
    def at_statement_start(self) -> bool:
        return self.multiline is None and self.depth == 0

    def feed(self, line: str) -> None:
        pos = 0
        while pos < len(line):
            if self.multiline is not None:
                end = self._find_close(line, pos, self.multiline)
                if end < 0:
                    return
                self.multiline = None
                pos = end
                continue
            char = line[pos]
            if char == "#":
                return
            if line.startswith(('"""', "'''"), pos):
                self.multiline = line[pos : pos + 3]
                pos += 3
            elif char == '"':
                match = _BASIC_STRING.match(line, pos)
                pos = match.end() if match else len(line)
            elif char == "'":
                match = _LITERAL_STRING.match(line, pos)
                pos = match.end() if match else len(line)
            else:
                if char in "[{":
                    self.depth += 1
                elif char in "]}":
                    self.depth = max(0, self.depth - 1)
                pos += 1

    @staticmethod
    def _find_close(line: str, pos: int, quote: str) -> int:
        while pos < len(line):
            if quote == '"""' and line[pos] == "\\":
                pos += 2
                continue
            if line.startswith(quote, pos):
                end = pos + 3
                while end < len(line) and line[end] == quote[0]:
                    end += 1  # up to two quotes may end the string itself: """a"""""
                return end
            pos += 1
        return -1
