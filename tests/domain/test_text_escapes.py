"""Whole escape sequences are removed, not only their ESC, so no fragment is stored."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st
from tests.domain.text_samples import HOSTILE, HOSTILE_CLEANED

from sessionkit.domain.text import clean_line, clean_text, terminal_text


def test_the_pasted_log_line_keeps_only_its_words() -> None:
    assert clean_text(HOSTILE) == HOSTILE_CLEANED
    assert clean_line(HOSTILE) == HOSTILE_CLEANED
    assert terminal_text(HOSTILE) == HOSTILE_CLEANED


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("a\x1b[1;31mb", "ab"),  # CSI with parameters
        ("a\x1b[?25lb", "ab"),  # private CSI: hide the cursor
        ("a\x1b[2 qb", "ab"),  # CSI with an intermediate byte
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("a\x1b]0;title\x07b", "ab"),  # OSC ended by BEL
        ("a\x1b]52;c;cGFzc3dvcmQ=\x1b\\b", "ab"),  # clipboard write ended by ST
        ("a\x9d0;title\x9cb", "ab"),  # 8-bit OSC and ST
        ("\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\", "link"),  # hyperlink
        ("a\x1bP1$qm\x1b\\b", "ab"),  # DCS
        ("a\x1bXsos\x1b\\b", "ab"),  # SOS
        ("a\x1b^pm\x1b\\b", "ab"),  # PM
        ("a\x1b_apc\x1b\\b", "ab"),  # APC
        ("a\x1bcb", "ab"),  # reset the terminal
        ("a\x1b(Bb", "ab"),  # character set, with an intermediate byte
        ("a\x1b7b\x1b8", "ab"),  # save and restore the cursor
        ("end\x1b[31", "end"),  # cut short at the end
        ("a\x1b]0;no end\nnext line", "a\nnext line"),  # an unended string stops at its line
        ("a\x1b", "a"),
    ],
)
def test_escape_sequences_go_whole(raw: str, kept: str) -> None:
    assert clean_text(raw) == kept


def test_spaces_typed_around_a_sequence_stay() -> None:
    assert clean_text("one \x1b[0m two") == "one  two"


CONTROLS = {chr(c) for c in range(0x20)} - {"\t", "\n"} | {chr(c) for c in range(0x7F, 0xA0)}
# Text rich in what escape sequences are made of, so the property meets real sequences.
PIECES = st.sampled_from(
    ["\x1b", "[", "]", "P", "\\", "\x07", "\x9b", "\x9c", "\x9d", "\r", "\n", "\t", "31m", ";"]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=30).map("".join)


@given(TEXT)
def test_cleaned_text_holds_no_control_and_cleaning_again_changes_nothing(raw: str) -> None:
    cleaned = clean_text(raw)
    assert not CONTROLS & set(cleaned)
    assert clean_text(cleaned) == cleaned


@given(TEXT)
def test_a_cleaned_line_holds_no_control_and_cleaning_again_changes_nothing(raw: str) -> None:
    cleaned = clean_line(raw)
    assert not (CONTROLS | {"\t", "\n"}) & set(cleaned)
    assert clean_line(cleaned) == cleaned


@given(TEXT)
def test_terminal_text_holds_no_control_but_line_ends(raw: str) -> None:
    cleaned = terminal_text(raw)
    assert not (CONTROLS - {"\r"}) & set(cleaned)
    assert terminal_text(cleaned) == cleaned
