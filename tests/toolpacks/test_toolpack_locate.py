"""The key locator: each key path is found on its line, whatever TOML form was used."""

from __future__ import annotations

import tomllib

import pytest

from sessionkit.toolpacks.locate import KeyLocator, format_path

SOURCE = "\n".join(
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
def locator() -> KeyLocator:
    tomllib.loads(SOURCE)  # the fixture itself must be valid TOML
    return KeyLocator(SOURCE)


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("pack",), 2),
        (("pack", "id"), 3),
        (("pack", "quoted key"), 4),
        (("pack", "description"), 5),
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
        (("tools", 1, "prompts", 0), 35),
        (("tools", 1, "prompts", 0, "id"), 36),
        (("tools", 1, "prompts", 1, "scale"), 40),
        (("tools", 1, "prompts", 1, "scale", "min"), 41),
        (("tools", 1, "prompts", 1, "options", 0, "id"), 44),
        (("layout", "order", 1), 47),
    ],
)
def test_paths_are_found_on_their_lines(
    locator: KeyLocator, path: tuple[str | int, ...], line: int
) -> None:
    assert locator.line_of(path) == line


def test_missing_keys_fall_back_to_the_nearest_table(locator: KeyLocator) -> None:
    assert locator.line_of(("tools", 1, "prompts", 1, "wording")) == 38
    assert locator.line_of(("tools", 1, "purpose")) == 22
    assert locator.line_of(("tools", 0, "prompts", 0, "scale", "max_label")) == 14


def test_nothing_found(locator: KeyLocator) -> None:
    assert locator.line_of(("nowhere",)) is None
    assert locator.line_of(()) is None


def test_strings_that_look_like_headers_are_not_headers(locator: KeyLocator) -> None:
    # `[[tools]]` inside the description did not count as a tool.
    assert ("tools", 2) not in locator.lines
    assert ("tools", 0, "id") in locator.lines


def test_windows_line_endings() -> None:
    text = '[pack]\r\nid = "x"\r\n\r\n[[tools]]\r\nid = "a"\r\n'
    locator = KeyLocator(text)
    assert locator.line_of(("tools", 0, "id")) == 5


@pytest.mark.parametrize(
    "text",
    ["[", "[[", "a = ", 'a = "unterminated', "a = [1, 2", "= 1", "[a.]\n", "a = {b = 1", "a = [}]"],
)
def test_broken_text_never_raises(text: str) -> None:
    KeyLocator(text).line_of(("a", "b"))


def test_format_path() -> None:
    assert format_path(("tools", 2, "prompts", 0, "scale", "min")) == (
        "tools[2].prompts[0].scale.min"
    )
    assert format_path(("layout", "order", 3)) == "layout.order[3]"
    assert format_path(("pack", "odd key")) == 'pack."odd key"'
    assert format_path(()) == ""
