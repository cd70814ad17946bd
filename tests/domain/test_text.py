"""Cleaning text keeps its lines: every kind of line break survives as a newline."""

from __future__ import annotations

import pytest

from sessionkit.domain.text import clean_line, clean_text


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("line1\rline2", "line1\nline2"),
        ("line1\r\nline2", "line1\nline2"),
        ("line1\nline2", "line1\nline2"),
        ("a\r\rb", "a\n\nb"),
        ("end\r", "end\n"),
    ],
)
def test_a_lone_carriage_return_is_a_line_break_not_deleted(raw: str, kept: str) -> None:
    assert clean_text(raw) == kept


def test_a_single_line_field_turns_a_lone_carriage_return_into_a_space() -> None:
    assert clean_line("line1\rline2") == "line1 line2"


def test_escapes_are_still_removed() -> None:
    assert clean_text("a\x1b]2;PWNED\x07b\u202e") == "ab"
