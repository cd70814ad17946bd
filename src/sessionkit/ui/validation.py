"""Turn a pydantic error into one sentence a practitioner can act on."""

from __future__ import annotations

from pydantic import ValidationError


def first_error(exc: ValidationError, labels: dict[str, str]) -> str:
    """'Reference: needs at least 1 character' for the first field that failed."""
    error = exc.errors()[0]
    field = str(error["loc"][0]) if error["loc"] else ""
    label = labels.get(field, field.replace("_", " ").capitalize())
    message = {
        "string_too_short": "cannot be empty",
        "string_too_long": "is too long",
        "int_parsing": "must be a whole number",
        "less_than_equal": "is too large",
        "greater_than_equal": "is too small",
    }.get(error["type"], error["msg"].removeprefix("Value error, "))
    return f"{label}: {message}." if label else f"{message}."
