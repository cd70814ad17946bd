"""User and toolpack text is data: strip what a terminal would act on, keep the words.

Control characters (except tab and newline) and the C1 range reach a real terminal as
escape sequences through Textual, and bidi overrides can make text read differently
from what was typed. Both are removed on the way in and again before display.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except tab/newline, DEL, C1 (ESC, CSI, OSC...)
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u200e\u200f\u061c"  # direction marks
    "\ufff9-\ufffb"  # interlinear annotation controls
    "]"
)


def clean_text(value: str) -> str:
    """Return `value` without control characters, keeping tab and newline.

    A carriage-return/newline pair, and a lone carriage return (old Mac text, some
    terminals' Enter), become a newline: deleting a lone one would glue two lines' words.
    """
    return _UNSAFE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


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
    return _UNSAFE_OUT.sub("", _LONE_CR.sub("\n", value))
