"""Domain models to row values and back, following the conventions in schema_v1.

Rows come back through the models' normal validation, so text read from a file edited
by hand is cleaned exactly as typed text is. Writes store values as the model holds them.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from sessionkit.domain import (
    Case,
    GasLevel,
    Goal,
    Member,
    PlannedTool,
    Reflection,
    Response,
    Visit,
    VisitPlan,
    clean_line,
)
from sessionkit.domain.enums import ordered_talk
from sessionkit.storage.refusal import Unstorable, refusal_reason

Params = dict[str, Any]
M = TypeVar("M", bound=BaseModel)


def reference_key(reference: str) -> str:
    """How references are compared: case-insensitive in every alphabet."""
    return unicodedata.normalize("NFKC", clean_line(reference)).casefold()


def instant_key(value: datetime) -> str:
    """A UTC text that sorts in time order whatever offset `value` was written with."""
    aware = value if value.tzinfo is not None else value.astimezone()  # naive: local time
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _enum_set(values: Iterable[Enum]) -> str:
    # Sorted so the same set always gives the same text (stable diffs and exports).
    return _json(sorted(str(v.value) for v in values))


def _enum_list(values: Iterable[Enum]) -> str:
    return _json([str(v.value) for v in values])


def _load(text: str | None) -> Any:
    if text is None:
        return None
    # Most list columns are empty; skipping the parser for them is measurable in bulk reads.
    return [] if text == "[]" else json.loads(text)


# --- cases -------------------------------------------------------------------------

CASE_COLUMNS = (
    "reference",
    "reference_key",
    "care_status",
    "opened_on",
    "closed_on",
    "closed_reason",
    "summary",
)


def case_params(case: Case) -> Params:
    return {
        "reference": case.reference,
        "reference_key": reference_key(case.reference),
        "care_status": _enum_set(case.care_status),
        "opened_on": _day(case.opened_on),
        "closed_on": _day(case.closed_on),
        "closed_reason": case.closed_reason,
        "summary": case.summary,
    }


# --- members -----------------------------------------------------------------------

MEMBER_COLUMNS = (
    "case_id",
    "name",
    "role",
    "age",
    "age_band",
    "communication_needs",
    "communication_notes",
    "active",
)


def member_params(member: Member) -> Params:
    return {
        "case_id": member.case_id,
        "name": member.name,
        "role": member.role.value,
        "age": member.age,
        "age_band": None if member.age_band is None else member.age_band.value,
        "communication_needs": _enum_set(member.communication_needs),
        "communication_notes": member.communication_notes,
        "active": int(member.active),
    }


# --- goals -------------------------------------------------------------------------

GOAL_COLUMNS = (
    "case_id",
    "owner_member_id",
    "text",
    "low_label",
    "high_label",
    "areas",
    "gas_levels",
    "weight",
    "status",
    "created_at",
    "status_changed_at",
)


def _gas(level: GasLevel) -> dict[str, Any]:
    return {"level": level.level, "description": level.description}


def goal_params(goal: Goal) -> Params:
    return {
        "case_id": goal.case_id,
        "owner_member_id": goal.owner_member_id,
        "text": goal.text,
        "low_label": goal.low_label,
        "high_label": goal.high_label,
        "areas": _json(goal.areas),
        "gas_levels": _json([_gas(level) for level in goal.gas_levels]),
        "weight": goal.weight,
        "status": goal.status.value,
        "created_at": _when(goal.created_at),
        "status_changed_at": _when(goal.status_changed_at),
    }


# --- plans -------------------------------------------------------------------------

PLAN_COLUMNS = (
    "case_id",
    "visit_id",
    "status",
    "goal_ids",
    "change_looks_like",
    "steps",
    "tools",
    "warming_questions",
    "social_graces",
    "expected_member_ids",
    "follow_ups",
    "updated_at",
)


def _tool(tool: PlannedTool) -> dict[str, Any]:
    return {"tool_id": tool.tool_id, "reason": tool.reason}


def plan_params(plan: VisitPlan) -> Params:
    return {
        "case_id": plan.case_id,
        "visit_id": plan.visit_id,
        "status": plan.status.value,
        "goal_ids": _json(plan.goal_ids),
        "change_looks_like": plan.change_looks_like,
        "steps": _json(plan.steps),
        "tools": _json([_tool(tool) for tool in plan.tools]),
        "warming_questions": _json(plan.warming_questions),
        "social_graces": plan.social_graces,
        "expected_member_ids": _json(plan.expected_member_ids),
        "follow_ups": _json(plan.follow_ups),
        "updated_at": _when(plan.updated_at),
    }


# --- visits ------------------------------------------------------------------------

VISIT_COLUMNS = (
    "case_id",
    "number",
    "plan_id",
    "started_at",
    "started_key",
    "ended_at",
    "expected_end",
    "entry",
    "present_member_ids",
    "pack_id",
    "pack_version",
    "notes",
    "reflection",
    "case_note",
)


def _reflection(reflection: Reflection | None) -> str | None:
    if reflection is None:
        return None
    return _json(
        {
            "what_worked": reflection.what_worked,
            "what_did_not": reflection.what_did_not,
            "try_next_time": reflection.try_next_time,
            "written_at": _when(reflection.written_at),
        }
    )


def visit_params(visit: Visit) -> Params:
    return {
        "case_id": visit.case_id,
        "number": visit.number,
        "plan_id": visit.plan_id,
        "started_at": _when(visit.started_at),
        "started_key": instant_key(visit.started_at),
        "ended_at": _when(visit.ended_at),
        "expected_end": _when(visit.expected_end),
        "entry": visit.entry.value,
        "present_member_ids": _json(visit.present_member_ids),
        "pack_id": visit.pack_id,
        "pack_version": visit.pack_version,
        "notes": visit.notes,
        "reflection": _reflection(visit.reflection),
        "case_note": visit.case_note,
    }


# --- responses ---------------------------------------------------------------------

RESPONSE_COLUMNS = (
    "visit_id",
    "prompt_id",
    "tool_id",
    "pack_id",
    "pack_version",
    "wording",
    "answered_by",
    "on_behalf_of",
    "value",
    "scale_min",
    "scale_max",
    "text",
    "items",
    "selected",
    "tags",
    "change_talk",
    "given_as",
    "worry",
    "goal_id",
    "said_at",
    "recorded_at",
    "entry",
    "edited_at",
)


def response_params(response: Response) -> Params:
    return {
        "visit_id": response.visit_id,
        "prompt_id": response.prompt_id,
        "tool_id": response.tool_id,
        "pack_id": response.pack_id,
        "pack_version": response.pack_version,
        "wording": response.wording,
        "answered_by": response.answered_by,
        "on_behalf_of": response.on_behalf_of,
        "value": response.value,
        "scale_min": response.scale_min,
        "scale_max": response.scale_max,
        "text": response.text,
        "items": _json(response.items),
        "selected": _json(response.selected),
        "tags": _json(response.tags),
        "change_talk": _enum_list(ordered_talk(response.change_talk)),
        "given_as": None if response.given_as is None else response.given_as.value,
        "worry": int(response.worry),
        "goal_id": response.goal_id,
        "said_at": _when(response.said_at),
        "recorded_at": _when(response.recorded_at),
        "entry": response.entry.value,
        "edited_at": _when(response.edited_at),
    }


# --- SQL text built once from the column lists ---------------------------------------


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(columns)
    values = ", ".join(f":{c}" for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({values})"


def update_sql(table: str, columns: tuple[str, ...]) -> str:
    assignments = ", ".join(f"{c} = :{c}" for c in columns)
    return f"UPDATE {table} SET {assignments} WHERE id = :id"


# --- reading rows back ---------------------------------------------------------------


@dataclass(frozen=True)
class Table(Generic[M]):
    """How one table's rows become models: its columns, in SELECT order, and JSON ones.

    Rows are read as plain tuples from an explicit column list (not SELECT *): a column a
    later migration adds does not reach a model that does not know it, and tuples are
    faster to turn into models than sqlite3.Row in bulk reads.
    """

    name: str
    model: type[M]
    write_columns: tuple[str, ...]
    json_columns: frozenset[str]
    encode: Callable[[M], Params]
    storage_only: frozenset[str] = frozenset()

    read_columns: tuple[str, ...] = field(init=False)
    insert_sql: str = field(init=False)
    update_sql: str = field(init=False)

    def __post_init__(self) -> None:
        # Computed once: from_row runs for every row of a bulk read.
        read = ("id", *(c for c in self.write_columns if c not in self.storage_only))
        object.__setattr__(self, "read_columns", read)
        object.__setattr__(self, "insert_sql", insert_sql(self.name, self.write_columns))
        object.__setattr__(self, "update_sql", update_sql(self.name, self.write_columns))

    def select(self, alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        return ", ".join(prefix + column for column in self.read_columns)

    def from_row(self, row: Sequence[Any]) -> M:
        """Build the model through its normal validation (text is cleaned again)."""
        data = dict(zip(self.read_columns, row, strict=True))
        for column in self.json_columns:
            data[column] = _load(data[column])
        return self.model.model_validate(data)

    def checked(self, model: M, record_id: int | None = None) -> tuple[M, Params]:
        """`model` as it will read back, and the row values to write; refused if unreadable.

        The row values are decoded exactly as a later read will decode them, so nothing
        is committed that the domain would refuse to read (a model changed with
        `model_copy(update=...)` skips validation). The values written are those of the
        model as read back, so what is stored always reads back equal.
        """
        params = self.encode(model)
        row = [record_id if c == "id" else params[c] for c in self.read_columns]
        try:
            stored = self.from_row(row)
        except ValidationError as error:
            raise Unstorable(refusal_reason(error.errors())) from None
        except (ValueError, TypeError):
            raise Unstorable("the record is not valid") from None
        return stored, self.encode(stored)


CASES = Table(
    "cases",
    Case,
    CASE_COLUMNS,
    frozenset({"care_status"}),
    case_params,
    frozenset({"reference_key"}),
)
MEMBERS = Table(
    "members", Member, MEMBER_COLUMNS, frozenset({"communication_needs"}), member_params
)
GOALS = Table("goals", Goal, GOAL_COLUMNS, frozenset({"areas", "gas_levels"}), goal_params)
PLANS = Table(
    "plans",
    VisitPlan,
    PLAN_COLUMNS,
    frozenset(
        {"goal_ids", "steps", "tools", "warming_questions", "expected_member_ids", "follow_ups"}
    ),
    plan_params,
)
VISITS = Table(
    "visits",
    Visit,
    VISIT_COLUMNS,
    frozenset({"present_member_ids", "reflection"}),
    visit_params,
    frozenset({"started_key"}),
)
RESPONSES = Table(
    "responses",
    Response,
    RESPONSE_COLUMNS,
    frozenset({"items", "selected", "tags", "change_talk"}),
    response_params,
)

# Every table a model is stored in, by name: what `sessionkit check` decodes.
TABLES: dict[str, Table[Any]] = {
    t.name: t for t in (CASES, MEMBERS, GOALS, PLANS, VISITS, RESPONSES)
}
