"""Turn pydantic's validation errors into plain messages a pack author can act on.

Each error becomes `(key path, message)`; the catalog adds the file and line. Messages
say what was expected in pack-author terms ("a whole number", "text in quotes"), suggest
the nearest key for a misspelt one, and point misplaced keys at the table they belong in.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sessionkit.domain.text import clean_line
from sessionkit.tomlkeys import KeyPath, PathPart, closest, describe_value
from sessionkit.toolpacks.schema import FieldProblem, Layout, PackFile

Finding = tuple[KeyPath, str]

_TYPE_WORDS = {
    "string_type": "should be text in quotes",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "finite_number": "should be a finite number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "list_type": 'should be a list, like ["a", "b"]',
    "tuple_type": 'should be a list, like ["a", "b"]',
    "dict_type": "should be a table",
    "model_type": "should be a table",
    "model_attributes_type": "should be a table",
    "string_pattern_mismatch": (
        "is not a valid id: use lower-case letters, digits, '.', '-' and '_', "
        "starting with a letter or digit"
    ),
}

# Keys that belong in another table: the TOML trap of writing `extends = ...` after a
# `[[tools]]` header (so it lands in the tool), or `hide_tools` outside `[layout]`.
_HOME_TABLE = {
    **{key: "[pack]" for key in ("extends", "version", "publisher", "description")},
    **{key: "[layout]" for key in Layout.model_fields},
}


def findings_from(exc: ValidationError, root: type[BaseModel] = PackFile) -> list[Finding]:
    """One `(path, message)` per pydantic error, in the order pydantic found them."""
    return [_finding(error, root) for error in exc.errors()]


def _finding(error: ErrorDetails, root: type[BaseModel]) -> Finding:
    loc: list[PathPart] = [p for p in error["loc"] if p != "[key]"]
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return tuple(loc), "is required but missing"
    if kind == "extra_forbidden":
        return tuple(loc), _unknown_key(loc, root)
    if kind == "value_error":
        cause = ctx.get("error")
        if isinstance(cause, FieldProblem):
            return (*loc, cause.key), str(cause)
        return tuple(loc), str(cause) if cause else error["msg"]
    if kind in _TYPE_WORDS:
        return tuple(loc), f"{_TYPE_WORDS[kind]} (found {describe_value(given)})"
    if kind in ("string_too_short", "too_short"):
        empty = ctx.get("min_length") == 1
        return tuple(loc), "must not be empty" if empty else "is too short"
    if kind == "string_too_long":
        return tuple(loc), f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "enum":
        return tuple(loc), f"should be one of {ctx.get('expected')} (found {describe_value(given)})"
    message = error["msg"].replace("Input should", "should")
    return tuple(loc), f"{message} (found {describe_value(given)})"


def _unknown_key(loc: Sequence[PathPart], root: type[BaseModel]) -> str:
    key = str(loc[-1]) if loc else "?"
    shown = clean_line(key)
    model = model_at(root, loc[:-1])
    fields = list(model.model_fields) if model else []
    close = closest(key, fields)
    home = _HOME_TABLE.get(key)
    if home:
        return f"unknown key here: '{shown}' belongs in the {home} table"
    if close:
        return f"unknown key; did you mean '{close}'?"
    if fields:
        return f"unknown key; the keys allowed here are {', '.join(fields)}"
    return "unknown key"


def model_at(root: type[BaseModel], path: Iterable[PathPart]) -> type[BaseModel] | None:
    """The model class that describes the table at `path`, following field annotations."""
    current: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
