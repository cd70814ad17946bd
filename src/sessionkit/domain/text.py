"""User and toolpack text is data: strip what a terminal would act on, keep the words.

Control characters (except tab and newline) and the C1 range reach a real terminal as
escape sequences through Textual, and bidi overrides can make text read differently
from what was typed. Both are removed on the way in and again before display.

Only that is removed. Everything a language or an emoji needs is kept as typed: zero-width
joiners and non-joiners (Persian, Hindi conjuncts, family emoji), variation selectors,
combining marks (Arabic harakat, viramas), tag characters (the England and Scotland flags),
regional indicators and skin tones.
"""

from __future__ import annotations

import re

# A whole escape sequence goes, not only its ESC: removing ESC alone would leave `[31m`
# or `]0;title` in the words. A string sequence that is never terminated stops at the end
# of its line, so one stray ESC in a long paste cannot swallow the lines after it.
_SEQUENCE = re.compile(
    # OSC (ESC ] or 0x9D): ends at BEL, ST (ESC \ or 0x9C).
    "(?:\x1b\\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\\\|\x9c)?"
    # DCS, SOS, PM, APC (ESC P/X/^/_ or 0x90/0x98/0x9E/0x9F): end at ST.
    "|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c\n]*(?:\x1b\\\\|\x9c)?"
    # CSI (ESC [ or 0x9B): parameter bytes, intermediate bytes, a final byte.
    "|(?:\x1b\\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    # Any other escape: ESC, intermediate bytes, one final character (ESC c, ESC ( B).
    "|\x1b[\x20-\x2f]*[\x30-\x7e]"
)

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except tab/newline, DEL, C1 (ESC, CSI, OSC...)
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u200e\u200f\u061c"  # direction marks
    "\ufff9-\ufffb"  # interlinear annotation controls
    "]"
)


def clean_text(value: str) -> str:
    """Return `value` without escape sequences or control characters, keeping tab and newline.

    A carriage-return/newline pair, and a lone carriage return (old Mac text, some
    terminals' Enter), become a newline: deleting a lone one would glue two lines' words.
    """
    without_sequences = _SEQUENCE.sub("", value)
    return _UNSAFE.sub("", without_sequences.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(value: str) -> str:
    """A single-line field: like `clean_text`, with line breaks and tabs turned into spaces."""
    return " ".join(clean_text(value).replace("\t", " ").splitlines()).strip()


# The same set without the carriage return, handled on its own.
_UNSAFE_OUT = re.compile(_UNSAFE.pattern.replace("\x0b-\x1f", "\x0b\x0c\x0e-\x1f"))
_LONE_CR = re.compile("\r(?!\n)")


def terminal_text(value: str) -> str:
    """Text about to be printed: nothing a terminal would act on, every line kept.

    Unlike `clean_text` a carriage-return/newline pair is left as it is (a CSV written to a
    pipe keeps its line ends); a lone carriage return, which would let a line be written
    over, becomes a newline.
    """
    return _UNSAFE_OUT.sub("", _LONE_CR.sub("\n", _SEQUENCE.sub("", value)))


def is_kept(character: str) -> bool:
    """Whether one typed character survives cleaning as it is (tab and newline aside).

    Text fields use this to insert characters Python does not call printable (zero-width
    joiners, tag characters, no-break spaces) instead of ignoring the key.
    """
    return bool(character) and character not in "\t\n\r" and clean_text(character) == character
