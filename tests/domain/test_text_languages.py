"""Cleaning keeps every character a language or an emoji needs, invisible or not."""

from __future__ import annotations

import pytest
from tests.domain.text_samples import ALL, ENGLAND, FAMILY, PERSIAN

from sessionkit.domain.text import clean_line, clean_text, is_kept, terminal_text

WORDS = pytest.mark.parametrize("text", list(ALL.values()), ids=list(ALL))


@WORDS
def test_clean_text_keeps_the_words_exactly(text: str) -> None:
    assert clean_text(text) == text


@WORDS
def test_clean_line_keeps_the_words_exactly(text: str) -> None:
    assert clean_line(f"said {text} today") == f"said {text} today"


@WORDS
def test_terminal_text_keeps_the_words_exactly(text: str) -> None:
    assert terminal_text(text) == text


@WORDS
def test_every_character_of_the_words_is_kept_when_typed_alone(text: str) -> None:
    assert all(is_kept(character) for character in text)


def test_the_invisible_joiners_are_the_ones_kept() -> None:
    assert "\u200c" in clean_text(PERSIAN)
    assert clean_text(FAMILY).count("\u200d") == 2
    assert clean_text(ENGLAND)[1:] == "".join(chr(0xE0000 + ord(c)) for c in "gbeng") + chr(0xE007F)


@pytest.mark.parametrize(
    "character",
    ["\u2060", "\u00ad", "\ufe0f", "\ufe0e", "\u00a0", "\u3000", "\u0301", "\U0001f3fd"],
    ids=["word joiner", "soft hyphen", "VS16", "VS15", "nbsp", "ideographic", "acute", "tone"],
)
def test_other_characters_words_need_are_kept(character: str) -> None:
    assert clean_text(f"a{character}b") == f"a{character}b"
    assert is_kept(character)


@pytest.mark.parametrize(
    "character",
    ["\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u200f", "\u061c", "\ufff9"],
)
def test_what_can_control_or_spoof_is_removed(character: str) -> None:
    # Followed by a letter that cannot end an escape sequence, so only the character goes.
    assert clean_text(f"\u0628{character}\u0628") == "\u0628\u0628"
    assert not is_kept(character)


def test_tab_and_newline_are_not_characters_to_insert_alone() -> None:
    # They are kept in text, but a field handles Tab and Enter as keys of their own.
    assert clean_text("a\tb\nc") == "a\tb\nc"
    assert not is_kept("\t")
    assert not is_kept("\n")
