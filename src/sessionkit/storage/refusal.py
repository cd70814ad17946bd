"""Why a record cannot be stored, in words that never repeat what was typed.

A refused write is reported on the screen and may reach a log, so the reason is built
from the field's name and the rule it broke (pydantic's error type and limits), never
from the value: a 61-letter theme is "a theme is longer than 60 characters".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class Unstorable(ValueError):
    """A record the domain would refuse to read back; `str()` never holds its values."""


# Fields named as a practitioner knows them; list fields name one element ("a theme").
_NOUNS = {
    "tags": "a theme",
    "selected": "a choice",
    "items": "an item",
    "areas": "an area",
    "steps": "a step",
    "warming_questions": "a warming question",
    "follow_ups": "a follow-up",
    "gas_levels": "an attainment level",
    "prompt_id": "the question id",
    "tool_id": "the tool id",
    "reference": "the reference",
    "name": "the name",
    "text": "the text",
    "low_label": "the low end's label",
    "high_label": "the high end's label",
    "care_status": "the care status",
    "communication_needs": "a communication need",
}


def field_noun(location: Sequence[Any]) -> str:
    names = [part for part in location if isinstance(part, str)]
    if not names:
        return "the record"
    name = names[0]
    return _NOUNS.get(name, "the " + name.replace("_", " "))


def refusal_reason(errors: Sequence[Mapping[str, Any]]) -> str:
    """One clause for the first error pydantic reported (`ValidationError.errors()`)."""
    if not errors:
        return "the record is not valid"
    error = errors[0]
    noun = field_noun(error.get("loc", ()))
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    # A length limit on cleaned text is checked after the cleaning, where pydantic
    # reports it as a generic "too_long" of a "Value"; on a list it is a "List".
    counted = ctx.get("field_type") in ("List", "Set", "Tuple", "Dict")
    if kind == "string_too_long" or (kind == "too_long" and not counted):
        return f"{noun} is longer than {ctx.get('max_length')} characters"
    if kind in ("string_too_short", "missing") or (kind == "too_short" and not counted):
        return f"{noun} is empty"
    if kind == "too_long":
        return f"{noun}: more than {ctx.get('max_length')} of them"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{noun} is out of range"
    if kind == "enum":
        return f"{noun} is not one sessionkit knows"
    if kind == "value_error" and not error.get("loc"):
        # A rule across fields (domain/models.py): its message is sessionkit's own text.
        return str(ctx.get("error", "the record is not consistent"))
    return f"{noun} is not valid"
