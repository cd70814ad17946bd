"""The shared rules for putting typed text into Markdown (sessionkit.export.markdown)."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from sessionkit.export.markdown import (
    bullet_list,
    escape_line,
    heading_text,
    inline,
    one_line,
    quote,
)

markdown_it = pytest.importorskip("markdown_it")

# Block kinds typed text must never produce.
FORBIDDEN = {
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "fence",
    "code_block",
    "hr",
    "html_block",
    "html_inline",
    "table_open",
}

# Characters that start blocks or escapes, plus whitespace of every kind that matters.
MARKDOWN_ALPHABET = "#->*+=_`~|<[]:!&;/?1.)a \n\r\t\\"
TYPED = st.text(alphabet=MARKDOWN_ALPHABET, max_size=60) | st.text(
    alphabet=st.characters(codec="utf-8"), max_size=60
)


def parse(markdown: str) -> list[Any]:
    return list(markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown))


def kinds(markdown: str) -> set[str]:
    found: set[str] = set()
    for token in markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown):
        found.add(token.type)
        found |= {c.type for c in token.children or ()}
    return found


def text_of(markdown: str) -> str:
    """The text Markdown shows, inline tokens' text joined, lines by newlines."""
    out = []
    for token in markdown_it.MarkdownIt("commonmark").parse(markdown):
        for child in token.children or ():
            if child.type == "text":
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append("\n")
    return "".join(out)


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("   # indented", "   \\# indented"),
        ("\t\t- tabbed", "\t\t\\- tabbed"),
        ("> quote", "\\> quote"),
        ("1. one", "1\\. one"),
        ("  12) twelve", "  12\\) twelve"),
        ("```", "\\`\\`\\`"),
        ("~~~", "\\~\\~\\~"),
        ("===", "\\==="),
        ("| a | b |", "\\| a | b |"),
        (":--|--:", "\\:--|--:"),
        ("[x]: https://example.invalid", "\\[x]: https://example.invalid"),
        ("<!-- hide", "\\<!-- hide"),
        ("a <b>c</b>", "a \\<b>c\\</b>"),
        ("a < b", "a < b"),
        ("&copy; &#169; & co", "\\&copy; \\&#169; & co"),
        ("\\# not escaped by the writer", "\\\\# not escaped by the writer"),
        ("C:\\temp", "C:\\temp"),
        ("plain *emphasis* is not emphasis", "plain \\*emphasis\\* is not emphasis"),
        ("5 * 3 and snake_case stay", "5 * 3 and snake_case stay"),
    ],
)
def test_escape_line(line: str, escaped: str) -> None:
    assert escape_line(line) == escaped


def test_one_line_and_inline() -> None:
    assert one_line(" a\n\tb \x1b[31m c ") == "a b c"
    assert inline("- Amy\nand Sam") == "\\- Amy and Sam"


def test_heading_text_keeps_trailing_hashes() -> None:
    assert heading_text("# ref ##") == "\\# ref \\#\\#"
    assert heading_text("#") == "\\#"
    for value in ("# ref ##", "#", "C#", "a \\#", "1. Houses #"):
        tokens = parse(f"# {heading_text(value)}")
        assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
        assert text_of(f"# {heading_text(value)}") == value


def test_quote_drops_indentation_and_quotes_blank_lines() -> None:
    assert quote("\n    code?\n\n\t# two\n") == "> code?\n>\n> \\# two"
    assert quote("") == ">"


def test_bullet_list_indents_later_lines_under_their_item() -> None:
    assert bullet_list(["\n first\n  - second", "1. x"], numbered=True) == (
        "1. first\n   \\- second\n2. 1\\. x"
    )
    assert bullet_list(["a"], numbered=False) == "- a"


def test_importing_it_pulls_in_neither_textual_nor_pydantic() -> None:
    code = (
        "import sys, sessionkit.export.markdown\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'pydantic'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@settings(max_examples=200, deadline=None)
@given(text=TYPED)
def test_any_text_stays_one_block_quote(text: str) -> None:
    markdown = f"before\n\n{quote(text)}\n\nafter\n"
    tokens = parse(markdown)
    top = [t.type for t in tokens if t.level == 0 and t.nesting >= 0]
    assert top == ["paragraph_open", "blockquote_open", "paragraph_open"]
    assert not kinds(markdown) & FORBIDDEN


@settings(max_examples=200, deadline=None)
@given(items=st.lists(TYPED, min_size=1, max_size=4), numbered=st.booleans())
def test_any_items_stay_one_list_of_as_many_items(items: list[str], numbered: bool) -> None:
    markdown = f"before\n\n{bullet_list(items, numbered=numbered)}\n\nafter\n"
    tokens = parse(markdown)
    kind = "ordered_list_open" if numbered else "bullet_list_open"
    lists = [t.type for t in tokens if t.type.endswith("list_open")]
    assert lists == [kind]
    opened = [t for t in tokens if t.type == "list_item_open"]
    assert len(opened) == len(items)
    assert kinds(markdown) & FORBIDDEN <= {kind}
    assert [t.type for t in tokens][-3:] == ["paragraph_open", "inline", "paragraph_close"]


@settings(max_examples=200, deadline=None)
@given(text=TYPED)
def test_any_heading_text_is_one_heading_reading_as_typed(text: str) -> None:
    markdown = f"## {heading_text(text)}\n"
    tokens = parse(markdown)
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert not kinds(markdown) & (FORBIDDEN - {"heading_open"})


@settings(max_examples=200, deadline=None)
@given(line=st.text(alphabet=MARKDOWN_ALPHABET.replace("\n", "").replace("\r", ""), max_size=40))
def test_any_line_reads_as_typed_in_a_paragraph(line: str) -> None:
    """Left-aligned after a paragraph's first line, an escaped line only adds text."""
    markdown = f"start\n{escape_line(line.strip())}\n"
    assert not kinds(markdown) & FORBIDDEN
    tokens = parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]


# --- one rule, both ways: hostile text stays literal, ordinary text stays as typed ---------

HOSTILE = [
    "[md](https://e.vil)",
    "![pic](https://e.vil/x.png)",
    "**b** and __b__ and *i* and _i_",
    "# x",
    "<b>bold</b> <script>alert(1)</script>",
    "`code` and ``more``",
    "~~struck~~",
    "<https://e.vil>",
    "&copy; &#169;",
    "a line ending in a backslash \\",
]

ORDINARY = [
    "Maya said it's (sort of) better [she laughed].",
    "Mum's partner - Dave - comes on Tuesdays, 3-4 times a month.",
    'We\'ll try again next week. Dad said: "ok, fine!"',
    "5 * 3 = 15; file_name_here; 50% of the time; e-mail me @ 9:30?",
    "Ten/ten, A+B, #1 fan mid-line, x > y.",
]


def _html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(markdown)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_literally(text: str) -> None:
    import html

    for markdown in (quote(text), inline(text), bullet_list([text], numbered=False)):
        rendered = _html(markdown)
        for tag in ("<a ", "<img", "<strong>", "<em>", "<h1>", "<code>", "<b>", "<script>", "<br"):
            assert tag not in rendered, (markdown, rendered)
        # Every character typed is still there, read as text.
        shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
        assert " ".join(shown.split()) == " ".join(text.split()), (markdown, rendered)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_sentences_come_out_byte_identical(text: str) -> None:
    assert inline(text) == text
    assert quote(text) == "> " + text


def test_a_pipe_in_a_table_cell_is_escaped() -> None:
    from sessionkit.export.markdown import cell

    table = "| said |\n| --- |\n| " + cell("yes | no") + " |\n"
    assert "<td>yes | no</td>" in _table_html(table)


def _table_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(markdown)
