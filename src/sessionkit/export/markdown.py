"""Putting typed text into Markdown without letting it change the document's shape.

Used by every Markdown export. Text people typed (their words, names, goals, plans) is
kept as typed, but it cannot open a block of its own:

- a line Markdown would read as the start of a block gets one backslash in front of its
  first character: a heading `#`, quote `>`, bullet or rule (`- + * _`), setext
  underline `=`, fence (`` ` `` `~`), table row `|` or delimiter row (`:--|--:`), HTML
  block `<`, link reference definition `[x]: ...`, or ordered list marker (`1.` `1)`),
  after any indentation of spaces or tabs;
- anywhere in a line, only what would act there is escaped: a backslash before
  punctuation or at the end of a line (it would escape what follows, or break the line),
  a `<` that could open a tag, comment or autolink, an `&` that would read as an entity
  (`&copy;`), a `*` or `_` that could open or close emphasis (not one between two
  spaces, nor `_` inside a word like snake_case), every backtick (code), a `~` next to
  another (strikethrough), and the `(` right after a `]` (it would make `[md](url)` a
  live link or image; a bracket on its own is left alone, since no link definition can
  exist: those are escaped at a line's start);
- in a table cell (`cell`), a `|` as well;
- free text goes in a block quote (`quote`) or list (`bullet_list`) with every line
  prefixed, and leading indentation dropped, since four spaces would make a code block;
- control characters are removed (`sessionkit.domain.text.clean_text`).

Ordinary text (brackets, apostrophes, full stops, hyphens inside a line, "5 * 3") comes
out byte for byte as typed. Rendered, every line reads as typed; printed raw, the only
change is the added backslashes, before characters that would otherwise have acted.

Pure functions over strings; imports neither Textual nor pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sessionkit.domain.text import clean_text

# Leading spaces or tabs, then something that may open a block: ATX heading, quote,
# bullet or thematic break (- + * _), setext underline (=), fence (` ~), table pipe,
# HTML, and `[` (a link reference definition "[x]: http://..." would vanish when
# rendered). Any amount of indentation: a tab inside a quote or list item can leave less
# than it looks, and an escape in text that turns out to be code is only cosmetic.
_BLOCK_START = re.compile(r"^([ \t]*)([#>\-+*_=`~|<\[])")
# An ordered list marker: digits then "." or ")".
_ORDERED_START = re.compile(r"^([ \t]*\d{1,9})([.)])")
# A table's delimiter row (":-- | --:"): only pipes, colons, dashes and whitespace.
_DELIMITER_ROW = re.compile(r"^([ \t]*)([|:\- \t]*-[|:\- \t]*)$")
# A backslash before ASCII punctuation is an escape to Markdown: "\\<div>" opens a tag;
# at the end of a line it is a hard line break.
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
# Emphasis: a `*` unless spaces (or the line's ends) are on both sides; a `_` unless
# both sides are spaces or both are letters or digits (CommonMark ignores snake_case).
_STAR = re.compile(r"(?<!\s)\*|\*(?!\s|$)")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# Code spans, and strikethrough (two tildes).
_BACKTICK = re.compile(r"`")
_TILDES = re.compile(r"~(?=~)|(?<=~)~")
# "[text](url)" and "![alt](src)": the "(" after "]" is what makes it a link.
_LINK_OPEN = re.compile(r"\](?=\()")
# A `<` that could open a tag, a comment, a declaration or an autolink.
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
# An `&` that would be read as an entity: "&copy;" would show as ©.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# A closing sequence of #s at the end of a heading would be dropped from the title.
_TRAILING_HASHES = re.compile(r"(#+)\s*$")


def one_line(text: str) -> str:
    """`text` on one line: control characters removed, runs of whitespace made one space."""
    return " ".join(clean_text(text).split())


def _escape_inline(line: str) -> str:
    # The backslash first: the escapes added after it must not be escaped again.
    line = _BACKSLASH.sub(r"\\\\", line)
    line = _ENTITY.sub(r"\\&", _TAG_OPEN.sub(r"\\<", line))
    for pattern in (_STAR, _UNDERSCORE, _BACKTICK, _TILDES):
        line = pattern.sub(lambda m: "\\" + m.group(0), line)
    return _LINK_OPEN.sub(r"]\\", line)


def _escape_start(line: str) -> str:
    for pattern in (_ORDERED_START, _DELIMITER_ROW, _BLOCK_START):
        match = pattern.match(line)
        if match:
            return f"{match.group(1)}\\{line[match.end(1) :]}"
    return line


def escape_line(line: str) -> str:
    """One line of typed text, escaped so it cannot open a block, tag or entity.

    Indentation is kept (the first character after it is escaped); `quote` and
    `bullet_list` drop it, since four spaces at the start would make a code block.
    """
    return _escape_start(_escape_inline(line))


def inline(text: str) -> str:
    """A value placed inside a sentence or list item: one line, escaped."""
    return escape_line(one_line(text))


def cell(text: str) -> str:
    """A value in a table cell: one line, escaped, and its `|` too (it would end the cell)."""
    return inline(text).replace("|", "\\|")


def heading_text(text: str) -> str:
    """A value as heading text: one line, escaped, trailing #s kept as text."""
    line = _escape_inline(one_line(text))
    line = _TRAILING_HASHES.sub(lambda m: "\\#" * len(m.group(1)), line)
    return _escape_start(line)


def _lines(text: str) -> list[str]:
    """The lines of `text`, cleaned, without leading or trailing blank lines."""
    return clean_text(text).strip("\n").splitlines() or [""]


def quote(text: str) -> str:
    """Free text as a block quote: every line quoted (blank lines too), each escaped.

    Leading and trailing whitespace of each line is dropped.
    """
    return "\n".join(f"> {escape_line(line.strip())}".rstrip() for line in _lines(text))


def bullet_list(items: Sequence[str], *, numbered: bool) -> str:
    """A list (`1.` numbered, else `-`); an item's later lines are indented under it, so
    they stay inside it. Each line is escaped, its own indentation dropped."""
    out: list[str] = []
    for number, item in enumerate(items, start=1):
        marker = f"{number}. " if numbered else "- "
        indent = " " * len(marker)
        # Leading blank lines would leave an empty item and push the text out of the list.
        first, *rest = _lines(item.strip())
        out.append((marker + escape_line(first.strip())).rstrip())
        out += [(indent + escape_line(line.strip())).rstrip() for line in rest]
    return "\n".join(out)


__all__ = ["bullet_list", "cell", "escape_line", "heading_text", "inline", "one_line", "quote"]
