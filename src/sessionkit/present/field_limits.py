"""What a form says when a field holds more than it can keep.

A field is never cut to its limit: what was typed stays in the field, and saving is
refused with the field's name, its limit and how long the text is.
"""

from __future__ import annotations


def too_long(label: str, limit: int, length: int) -> str | None:
    """'Name: at most 60 characters; this one has 2,000. Nothing was saved.', or None."""
    if length <= limit:
        return None
    noun = "character" if limit == 1 else "characters"
    return f"{label}: at most {limit:,} {noun}; this one has {length:,}. Nothing was saved."
