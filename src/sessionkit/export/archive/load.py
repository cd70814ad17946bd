"""A file -> a checked `CaseRecord`, or one line saying what is wrong and where.

Everything is checked before anything could be written, in this order, stopping at the
first problem: the file's size (before reading it), UTF-8, JSON syntax, the format
name and version, the document's shape (the schema), that ids are unique and every link
names a part of the document, and finally the domain's rules, through the domain
models, which also clean control characters out of the text.

Errors read `FILE: where: what`; `where` is a line and column for bad JSON, otherwise
a path into the document such as `case.visits[3].responses[0].value`.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sessionkit.domain.models import (
    CareStatusChange,
    Case,
    Goal,
    Member,
    Response,
    Visit,
    VisitPlan,
)
from sessionkit.domain.text import clean_line, clean_text
from sessionkit.export.archive import prompt_ids
from sessionkit.export.archive.document import (
    FORMAT,
    FORMAT_NAME,
    FORMAT_VERSION,
    CaseDocument,
    CaseEntry,
    GoalEntry,
    PlanEntry,
    ResponseEntry,
    VisitEntry,
)
from sessionkit.export.archive.errors import BadArchive
from sessionkit.export.archive.record import (
    CaseRecord,
    GoalRecord,
    ResponseRecord,
    StatusChange,
    VisitRecord,
)

MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""Larger files are refused unread: years of one family's visits take a few MiB."""

MAX_NESTING = 16
"""The document nests 7 deep; anything far deeper is not one (and would cost to walk)."""

_FORMAT = re.compile(rf"{FORMAT_NAME}/([0-9]{{1,9}})")
_NOT_OURS = f'not a sessionkit export (a JSON object with "format": "{FORMAT}" was expected)'

M = TypeVar("M", bound=BaseModel)


def read_archive(path: Path) -> CaseRecord:
    """Read and check the file at `path`; raises `BadArchive`."""
    try:
        if path.is_dir():
            raise BadArchive(path, "file", "is a folder, not a file")
        # Opened without waiting (a named pipe would wait for a writer for ever) and checked
        # on the open handle, so what is read is what was checked.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                # A pipe or a device may never end.
                raise BadArchive(path, "file", "is not a regular file")
            if info.st_size > MAX_IMPORT_BYTES:
                raise BadArchive(path, "file", _too_big(info.st_size))
            # Read one byte past the limit: a file that grew is caught too.
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise BadArchive(path, "file", "no such file") from None
    except OSError as error:
        raise BadArchive(path, "file", error.strerror or "cannot be read") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise BadArchive(path, "file", _too_big(len(data)))
    return parse_archive(data, str(path))


def _too_big(size: int) -> str:
    mib = MAX_IMPORT_BYTES // (1024 * 1024)
    return f"{size / (1024 * 1024):.1f} MiB is more than the {mib} MiB a case export can be"


def parse_archive(data: bytes, source: str) -> CaseRecord:
    """Check the bytes of an export named `source` (used in messages)."""
    text = _decode(data, source)
    raw = _parse_json(text, source)
    _check_format(raw, source)
    _check_tree(raw, source)
    document = _validate(CaseDocument, raw, source, "")
    return _Records(document, source).build()


# --- bytes and JSON ----------------------------------------------------------------------


def _decode(data: bytes, source: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        where = f"line {line}, column {column}"
        raise BadArchive(source, where, "not UTF-8 text (save the file as UTF-8)") from None
    # A byte order mark, as some editors write at the start of UTF-8 files, is not content.
    return text.removeprefix("\ufeff")


class _DuplicateKey(Exception):
    pass


class _NotANumber(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            # Plain JSON readers keep the last one silently: refused, so nothing is lost.
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise _NotANumber(name)


def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise BadArchive(source, f"line {error.lineno}, column {error.colno}", error.msg) from None
    except RecursionError:
        raise BadArchive(source, "JSON", "nested far too deeply to be an export") from None
    except _DuplicateKey as error:
        key = _short(str(error.args[0]))
        raise BadArchive(source, "JSON", f'the key "{key}" appears twice in one object') from None
    except _NotANumber as error:
        what = f"{error.args[0]} is not a number JSON allows"
        raise BadArchive(source, "JSON", what) from None
    except ValueError:
        # Integers of thousands of digits (Python's guard against slow conversion).
        raise BadArchive(source, "JSON", "a number has far too many digits") from None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_format(raw: Any, source: str) -> None:
    if not isinstance(raw, dict):
        raise BadArchive(source, "top level", _NOT_OURS)
    found = raw.get("format")
    match = _FORMAT.fullmatch(found) if isinstance(found, str) else None
    if match is None:
        raise BadArchive(source, "format", _NOT_OURS)
    version = int(match.group(1))
    if version > FORMAT_VERSION:
        what = (
            f'"{found}" was made by a newer sessionkit; upgrade sessionkit to import it '
            f"(this one reads {FORMAT})"
        )
        raise BadArchive(source, "format", what)
    if version < 1:
        raise BadArchive(source, "format", _NOT_OURS)


def _check_tree(raw: Any, source: str) -> None:
    """Depth, and text a database cannot hold (a lone UTF-16 surrogate from a \\ud800 escape)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(raw, ())]
    while stack:
        value, location = stack.pop()
        if len(location) > MAX_NESTING:
            raise BadArchive(source, _path(location), "nested far too deeply to be an export")
        if isinstance(value, dict):
            stack.extend((item, (*location, key)) for key, item in value.items())
            texts: Iterable[Any] = value.keys()
        elif isinstance(value, list):
            stack.extend((item, (*location, n)) for n, item in enumerate(value))
            texts = ()
        else:
            texts = (value,)
        for text in texts:
            if isinstance(text, str) and not _is_unicode(text):
                what = "holds a lone surrogate (\\ud800 to \\udfff), which is not text"
                raise BadArchive(source, _path(location) or "top level", what)


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- shape and domain ----------------------------------------------------------------------


def _path(location: Sequence[str | int]) -> str:
    """('case', 'visits', 3, 'value') -> 'case.visits[3].value'."""
    out = ""
    for part in location:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = _short(clean_line(str(part)))  # a key the file made up: any length
            out += f".{name}" if out else name
    return out


def _join(prefix: str, location: Sequence[str | int]) -> str:
    rest = _path(location)
    if not prefix:
        return rest or "top level"
    if not rest:
        return prefix
    return prefix + rest if rest.startswith("[") else f"{prefix}.{rest}"


def _validate(model: type[M], data: Any, source: str, prefix: str) -> M:
    """Validate through `model`; the first problem becomes a BadArchive at its path."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = error.errors(include_url=False, include_input=False)
        what = problem_text(error)
        if len(problems) > 1:
            what += f" (and {len(problems) - 1} more)"
        raise BadArchive(source, _join(prefix, problems[0]["loc"]), what) from None


def problem_text(error: ValidationError) -> str:
    """The first problem in plain words, without pydantic's prefixes."""
    problem = error.errors(include_url=False, include_input=False)[0]
    kind = problem["type"]
    limits = problem.get("ctx", {})
    # Lengths are checked after control characters are removed, where pydantic speaks
    # of "items"; every length rule of the domain is on text.
    if kind in ("too_short", "string_too_short"):
        least = limits.get("min_length")
        return "must not be empty" if least == 1 else f"must be at least {least} characters"
    if kind in ("too_long", "string_too_long"):
        most, found = limits.get("max_length"), limits.get("actual_length")
        return f"must be at most {most} characters" + (f", not {found}" if found else "")
    what = str(problem["msg"])
    for noise in ("Value error, ", "Assertion failed, "):
        what = what.removeprefix(noise)
    return what


class _Records:
    """The checked document -> a CaseRecord: links resolved, domain rules applied."""

    def __init__(self, document: CaseDocument, source: str) -> None:
        self.case = document.case
        self.source = source
        self.members = self._numbers("members", (m.id for m in self.case.members))
        self.goals = self._numbers("goals", (g.id for g in self.case.goals))
        self.plans = self._numbers("plans", (p.id for p in self.case.plans))
        self.visits = self._numbers("visits", (v.id for v in self.case.visits))

    def build(self) -> CaseRecord:
        case = self.case
        if case.closed_on is not None and case.closed_on < case.opened_on:
            # Both are checked ISO dates, so text order is date order.
            what = f"{case.closed_on} is before the case was opened ({case.opened_on})"
            raise BadArchive(self.source, "case.closed_on", what)
        record = _validate(
            Case,
            {
                "reference": case.reference,
                "care_status": case.care_status,
                "opened_on": case.opened_on,
                "closed_on": case.closed_on,
                "closed_reason": case.closed_reason,
                "summary": case.summary,
            },
            self.source,
            "case",
        )
        numbers = self._visit_numbers()
        members = tuple(
            _validate(
                Member,
                member.model_dump(exclude={"id"}),
                self.source,
                f"case.members[{n}]",
            )
            for n, member in enumerate(case.members)
        )
        return CaseRecord(
            case=record,
            care_history=self._care_history(case),
            members=members,
            goals=tuple(self._goal(n, g) for n, g in enumerate(case.goals)),
            plans=tuple(self._plan(n, p) for n, p in enumerate(case.plans)),
            visits=tuple(self._visit(n, v, numbers[n]) for n, v in enumerate(case.visits)),
        )

    def _care_history(self, case: CaseEntry) -> tuple[CareStatusChange, ...]:
        if case.care_status_history is None:
            # A format-1 file kept no history: the case's status since it was opened, as
            # the database's upgrade gives every case kept before the history was.
            since = {"care_status": case.care_status, "changed_on": case.opened_on}
            return (_validate(CareStatusChange, since, self.source, "case.care_status"),)
        return tuple(
            _validate(
                CareStatusChange,
                change.model_dump(),
                self.source,
                f"case.care_status_history[{n}]",
            )
            for n, change in enumerate(case.care_status_history)
        )

    def _visit_numbers(self) -> list[int]:
        """Each visit's number: kept as written; one without (format 1) comes after the
        highest number in the file, in list order. Two visits with one number refused."""
        taken: dict[int, int] = {}
        for n, visit in enumerate(self.case.visits):
            if visit.number is None:
                continue
            if visit.number in taken:
                first = f"case.visits[{taken[visit.number]}]"
                what = f"{visit.number} is already the number of {first}"
                raise BadArchive(self.source, f"case.visits[{n}].number", what)
            taken[visit.number] = n
        following = max(taken, default=0)
        numbers: list[int] = []
        for visit in self.case.visits:
            if visit.number is None:
                following += 1
                numbers.append(following)
            else:
                numbers.append(visit.number)
        return numbers

    # -- links --------------------------------------------------------------------------

    def _numbers(self, kind: str, ids: Iterable[str]) -> dict[str, int]:
        numbers: dict[str, int] = {}
        for n, local in enumerate(ids):
            if local in numbers:
                where = f"case.{kind}[{n}].id"
                first = f"case.{kind}[{numbers[local] - 1}]"
                raise BadArchive(self.source, where, f'"{local}" is already the id of {first}')
            numbers[local] = n + 1
        return numbers

    def _link(self, numbers: Mapping[str, int], local: str, where: str, kind: str) -> int:
        number = numbers.get(local)
        if number is None:
            raise BadArchive(self.source, where, f'names {kind} "{local}", not in this file')
        return number

    def _maybe(
        self, numbers: Mapping[str, int], local: str | None, where: str, kind: str
    ) -> int | None:
        return None if local is None else self._link(numbers, local, where, kind)

    def _each(
        self, numbers: Mapping[str, int], locals_: Sequence[str], where: str, kind: str
    ) -> list[int]:
        return [self._link(numbers, x, f"{where}[{n}]", kind) for n, x in enumerate(locals_)]

    # -- parts --------------------------------------------------------------------------

    def _goal(self, n: int, goal: GoalEntry) -> GoalRecord:
        where = f"case.goals[{n}]"
        data = goal.model_dump(exclude={"id", "owner_member", "status_changes"})
        data["owner_member_id"] = self._maybe(
            self.members, goal.owner_member, f"{where}.owner_member", "a member"
        )
        changes: list[StatusChange] = [
            (change.status, _instant(change.changed_at), clean_text(change.note))
            for change in goal.status_changes
        ]
        return GoalRecord(_validate(Goal, data, self.source, where), tuple(changes))

    def _plan(self, n: int, plan: PlanEntry) -> VisitPlan:
        where = f"case.plans[{n}]"
        data = plan.model_dump(exclude={"id", "visit", "goals", "expected_members"})
        data["visit_id"] = self._maybe(self.visits, plan.visit, f"{where}.visit", "a visit")
        data["goal_ids"] = self._each(self.goals, plan.goals, f"{where}.goals", "a goal")
        data["expected_member_ids"] = self._each(
            self.members, plan.expected_members, f"{where}.expected_members", "a member"
        )
        return _validate(VisitPlan, data, self.source, where)

    def _visit(self, n: int, visit: VisitEntry, number: int) -> VisitRecord:
        where = f"case.visits[{n}]"
        data = visit.model_dump(exclude={"id", "plan", "present_members", "responses"})
        data["number"] = number
        data["plan_id"] = self._maybe(self.plans, visit.plan, f"{where}.plan", "a plan")
        data["present_member_ids"] = self._each(
            self.members, visit.present_members, f"{where}.present_members", "a member"
        )
        responses = tuple(
            self._response(f"{where}.responses[{k}]", r) for k, r in enumerate(visit.responses)
        )
        return VisitRecord(_validate(Visit, data, self.source, where), responses)

    def _response(self, where: str, response: ResponseEntry) -> ResponseRecord:
        # `superseded` is derived from the answers themselves, never taken on trust.
        data = response.model_dump(exclude={"answered_by", "on_behalf_of", "goal", "superseded"})
        data["answered_by"] = self._link(
            self.members, response.answered_by, f"{where}.answered_by", "a member"
        )
        data["on_behalf_of"] = self._maybe(
            self.members, response.on_behalf_of, f"{where}.on_behalf_of", "a member"
        )
        data["goal_id"] = self._maybe(self.goals, response.goal, f"{where}.goal", "a goal")
        talk = data["change_talk"]
        data["change_talk"] = [] if talk is None else [talk] if isinstance(talk, str) else talk
        checked = _validate(Response, data, self.source, where)
        return ResponseRecord(checked, prompt_ids.goal_named(checked.prompt_id, self.goals))


def _instant(text: str) -> datetime:
    # Already checked by the document's Timestamp type.
    return datetime.fromisoformat(text)
