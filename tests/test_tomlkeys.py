"""Key paths in TOML: each is found on its line whatever form was used; paths print as TOML.

One locator serves toolpacks, themes and settings, so it is tested here once: the forms
toolpack files use (array tables per parent, nested sub-tables, inline tables and arrays),
the forms theme and settings files use (quoted keys, dotted keys, strings that look like
headers), line endings, junk text, and a property check against tomllib itself.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings, strategies as st

from sessionkit.tomlkeys import (
    KeyLocator,
    KeyPath,
    closest,
    describe_value,
    did_you_mean,
    format_path,
)

# --- a toolpack-shaped document -------------------------------------------------------

PACK = "\n".join(
    [
        "# [[tools]] in a comment is not a header",
        "[pack]",
        'id = "x"   # trailing comment [pack]',
        '"quoted key" = 1',
        'description = """',
        "[[tools]]",
        'id = "not a key"',
        '"""',
        "",
        "[[tools]]",
        'id = "a"',
        "adaptations.age = 'dotted'",
        "prompts = [",
        '  { id = "a.1", scale = { min = 5, max = 1 } },',
        "  # a comment between items",
        '  { id = "a.2", options = [',
        '      { id = "o1" },',
        '      { id = "o2" },',
        "  ] },",
        "]",
        "",
        "[[tools]]",
        'id = "b"',
        "areas = [",
        '  "one",',
        "  'two',",
        "]",
        "",
        "[tools.adaptations]",
        'send = """multi',
        'line \'\'\' with "quotes" \\""""',
        "non_verbal = '''raw",
        "text'''",
        "",
        "[[tools.prompts]]",
        'id = "b.1"',
        "",
        "[[tools.prompts]]",
        'id = "b.2"',
        "[tools.prompts.scale]",
        "min = 3",
        "",
        "[[tools.prompts.options]]",
        'id = "b.2.x"',
        "",
        "[layout]",
        'order = ["b", "a"]',
    ]
)


@pytest.fixture(scope="module")
def pack() -> KeyLocator:
    tomllib.loads(PACK)  # the fixture itself must be valid TOML
    return KeyLocator(PACK)


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("pack",), 2),
        (("pack", "id"), 3),
        (("pack", "quoted key"), 4),
        (("pack", "description"), 5),
        (("tools",), 10),
        (("tools", 0), 10),
        (("tools", 0, "id"), 11),
        (("tools", 0, "adaptations"), 12),
        (("tools", 0, "adaptations", "age"), 12),
        (("tools", 0, "prompts"), 13),
        (("tools", 0, "prompts", 0), 14),
        (("tools", 0, "prompts", 0, "scale", "min"), 14),
        (("tools", 0, "prompts", 1, "id"), 16),
        (("tools", 0, "prompts", 1, "options", 1), 18),
        (("tools", 0, "prompts", 1, "options", 1, "id"), 18),
        (("tools", 1), 22),
        (("tools", 1, "areas", 0), 25),
        (("tools", 1, "areas", 1), 26),
        (("tools", 1, "adaptations"), 29),
        (("tools", 1, "adaptations", "send"), 30),
        (("tools", 1, "adaptations", "non_verbal"), 32),
        (("tools", 1, "prompts"), 35),
        (("tools", 1, "prompts", 0), 35),
        (("tools", 1, "prompts", 0, "id"), 36),
        (("tools", 1, "prompts", 1, "scale"), 40),
        (("tools", 1, "prompts", 1, "scale", "min"), 41),
        (("tools", 1, "prompts", 1, "options", 0, "id"), 44),
        (("layout", "order", 1), 47),
    ],
)
def test_pack_paths_are_found_on_their_lines(
    pack: KeyLocator, path: tuple[str | int, ...], line: int
) -> None:
    assert pack.line_of(path) == line


def test_array_tables_are_counted_per_parent(pack: KeyLocator) -> None:
    # tools[0] has an inline `prompts` list; tools[1]'s `[[tools.prompts]]` start again at 0.
    assert pack.line_of(("tools", 1, "prompts", 0)) == 35
    assert ("tools", 1, "prompts", 2) not in pack.lines
    assert pack.line_of(("tools", 1, "prompts", 1, "options", 0)) == 43


def test_missing_keys_fall_back_to_the_nearest_table(pack: KeyLocator) -> None:
    assert pack.line_of(("tools", 1, "prompts", 1, "wording")) == 38
    assert pack.line_of(("tools", 1, "purpose")) == 22
    assert pack.line_of(("tools", 0, "prompts", 0, "scale", "max_label")) == 14


def test_nothing_found(pack: KeyLocator) -> None:
    assert pack.line_of(("nowhere",)) is None
    assert pack.line_of(()) is None


def test_strings_that_look_like_headers_are_not_headers(pack: KeyLocator) -> None:
    # `[[tools]]` inside the description did not count as a tool.
    assert ("tools", 2) not in pack.lines
    assert ("tools", 0, "id") in pack.lines


# --- theme- and settings-shaped documents ---------------------------------------------


def test_tables_keys_arrays_and_inline_tables() -> None:
    text = (
        "# c\n"
        "top = 1\n"
        "[a]\n"
        'x = "#\\"]"  # comment\n'
        'b.c = """\n'
        "[not-a-table]\n"
        '"""\n'
        "list = [\n"
        "  1,\n"
        "  [2, 3],\n"
        "]\n"
        'inline = { k = 1, "q.r" = 2 }\n'
        "[[arr]]\n"
        "v = 1\n"
        "[[arr]]\n"
        "v = 2\n"
    )
    lines = KeyLocator(text)
    assert lines.line_of(("top",)) == 2
    assert lines.line_of(("a",)) == 3
    assert lines.line_of(("a", "x")) == 4
    assert lines.line_of(("a", "b", "c")) == 5
    assert lines.line_of(("not-a-table",)) is None
    assert lines.line_of(("a", "list", 1)) == 10
    assert lines.line_of(("a", "list", 1, 1)) == 10
    assert lines.line_of(("a", "inline", "q.r")) == 12
    assert lines.line_of(("arr", 1, "v")) == 16
    assert lines.line_of(("a", "missing")) == 3  # falls back to the table


def test_quoted_keys_are_read_with_toml_escapes() -> None:
    text = (
        '"\\U0001F600" = 1\n'
        '"tab\there" = 2\n'  # a literal tab is allowed in a basic string
        '"caf\\u00e9\\t" = 3\n'
        "'lit\\eral' = 4\n"
        '[keymap]\n"capture.undo" = "z"\n'
        "[ a . 'b c' ]\n"
        "x = 5\n"
    )
    data = tomllib.loads(text)
    lines = KeyLocator(text)
    assert "😀" in data and lines.line_of(("😀",)) == 1
    assert lines.line_of(("tab\there",)) == 2
    assert lines.line_of(("café\t",)) == 3
    assert lines.line_of(("lit\\eral",)) == 4
    assert lines.line_of(("keymap", "capture.undo")) == 6
    assert lines.line_of(("a", "b c", "x")) == 8


def test_a_header_also_places_the_tables_it_implies() -> None:
    lines = KeyLocator("top = 1\n\n[theme.extra]\nx = 1\n[[chart.series]]\ny = 2\n")
    assert lines.line_of(("theme",)) == 3
    assert lines.line_of(("theme", "extra")) == 3
    assert lines.line_of(("chart",)) == 5
    assert lines.line_of(("chart", "series", 0, "y")) == 6


def test_dotted_keys_with_spaces_and_comments_after_headers() -> None:
    text = "[a] # note\nb . c = 1 # note\n[[d]] # note\ne = 2\n"
    lines = KeyLocator(text)
    assert lines.lines == {
        ("a",): 1,
        ("a", "b"): 2,
        ("a", "b", "c"): 2,
        ("d",): 3,
        ("d", 0): 3,
        ("d", 0, "e"): 4,
    }


def test_multiline_strings_may_end_in_extra_quotes() -> None:
    text = 'a = """x"""""\nb = \'\'\'y\'\'\'\'\nc = """\\\n  z \\""""\nd = 1\n'
    assert tomllib.loads(text)["a"] == 'x""'
    lines = KeyLocator(text)
    assert [lines.line_of((key,)) for key in "abcd"] == [1, 2, 3, 5]


def test_windows_line_endings() -> None:
    text = '[pack]\r\nid = "x"\r\n\r\n[[tools]]\r\nid = "a"\r\nl = [\r\n 1,\r\n 2\r\n]\r\n'
    locator = KeyLocator(text)
    assert locator.line_of(("tools", 0, "id")) == 5
    assert locator.line_of(("tools", 0, "l", 1)) == 8


def test_a_byte_order_mark_is_skipped() -> None:
    assert KeyLocator('\ufeff[pack]\nid = "x"\n').line_of(("pack", "id")) == 2


@pytest.mark.parametrize(
    "text",
    ["[", "[[", "a = ", 'a = "unterminated', "a = [1, 2", "= 1", "[a.]\n", "a = {b = 1", "a = [}]"],
)
def test_broken_text_never_raises(text: str) -> None:
    KeyLocator(text).line_of(("a", "b"))


def test_what_was_found_before_broken_text_is_kept() -> None:
    lines = KeyLocator("[pack]\nid = 1\n[[tools]\nx = 2\n")
    assert lines.line_of(("pack", "id")) == 2
    assert ("tools",) not in lines.lines


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_never_raises_on_any_text(text: str) -> None:
    KeyLocator(text).line_of(("tools", 0, "prompts", 1, "id"))


# --- every path tomllib sees is found -------------------------------------------------


def _paths(value: Any, prefix: KeyPath = ()) -> Iterator[KeyPath]:
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, child in items:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


_KEYS = st.sampled_from(["a", "b-c", "x_1", "tools", "odd key", "q.r"]) | st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=6
)
_SCALARS = (
    st.integers()
    | st.text(max_size=8)
    | st.booleans()
    | st.floats(allow_nan=False)
    | st.datetimes()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=12,
)


@given(st.dictionaries(_KEYS, _VALUES, max_size=5), st.booleans(), st.booleans())
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_every_path_in_a_written_document_is_found(
    data: dict[str, Any], multiline: bool, crlf: bool
) -> None:
    # tomli-w writes sub-tables as headers and lists of tables as `[[...]]`, so this
    # covers headers, array tables, inline values, quoted keys and escapes together.
    text = tomli_w.dumps(data, multiline_strings=multiline)
    parsed = tomllib.loads(text)
    if crlf:
        text = text.replace("\n", "\r\n")
    lines = KeyLocator(text)
    assert set(lines.lines) == set(_paths(parsed))
    last = text.count("\n") + 1
    assert all(1 <= line <= last for line in lines.lines.values())


# --- printing paths and values --------------------------------------------------------


def test_format_path() -> None:
    assert format_path(("tools", 2, "prompts", 0, "scale", "min")) == (
        "tools[2].prompts[0].scale.min"
    )
    assert format_path(("layout", "order", 3)) == "layout.order[3]"
    assert format_path(("pack", "odd key")) == 'pack."odd key"'
    assert format_path(("keymap", "capture.undo")) == 'keymap."capture.undo"'
    assert format_path(("chart", "series", 2)) == "chart.series[2]"
    assert format_path(()) == ""


@pytest.mark.parametrize(
    "key",
    ["it's", 'say "hi"', "back\\slash", "\x1b]0;owned\x07", "\u202eevil", "tab\tnl\n", "é", "\x9f"],
)
def test_format_path_quotes_odd_keys_as_printable_toml(key: str) -> None:
    shown = format_path(("a", key))
    assert shown.isprintable()
    assert tomllib.loads(f"{shown} = 1") == {"a": {key: 1}}


def test_describe_value() -> None:
    assert describe_value({"a": 1}) == "a table"
    assert describe_value([1]) == "a list"
    assert describe_value(True) == "true"
    assert describe_value(False) == "false"
    assert describe_value(3) == "3"
    assert describe_value("x") == "'x'"
    assert describe_value("y" * 50) == "'" + "y" * 36 + "..."
    shown = describe_value("\x1b]0;owned\x07\u202e")
    assert shown.isprintable() and "\x1b" not in shown


# --- suggestions ----------------------------------------------------------------------


def test_did_you_mean() -> None:
    assert closest("warnig", ["warning", "error"]) == "warning"
    assert closest("zzz", ["warning"]) is None
    assert did_you_mean("them", ("theme", "toolpack")) == " (did you mean 'theme'?)"
    assert did_you_mean("colour", ["theme", "toolpack"]) == ""
    assert did_you_mean("colour", iter(["theme", "toolpack"]), fallback=True) == (
        " (known keys: theme, toolpack)"
    )
    assert did_you_mean("colour", [], fallback=True) == ""
