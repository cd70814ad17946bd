"""Many writes in one transaction: `Store.batch()` hands out a `Batch`.

Bringing a whole case in (an import) means hundreds of inserts that only make sense
together: a case without its visits, or visits without their answers, must never be
left behind. Everything done through one `Batch` is committed together when the
`with` block ends, or rolled back together if anything in it fails.

Records are written exactly as given: nothing is derived on the way (starting a visit
from a plan does not mark the plan started here), so a record copied from elsewhere
arrives as it was.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sessionkit.domain.enums import CareStatus, GoalStatus
from sessionkit.domain.text import clean_text
from sessionkit.storage import case_record, rows

if TYPE_CHECKING:
    from sessionkit.domain.models import Case, Goal, Member, Response, Visit, VisitPlan
    from sessionkit.storage import codec
    from sessionkit.storage.codec import Table
else:
    from sessionkit._lazy import lazy_module

    codec = lazy_module("sessionkit.storage.codec")


class Batch:
    """Writes inside one open transaction; only valid inside `with store.batch()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path
        self.deleted = False

    # --- cases ---------------------------------------------------------------------

    def find_case_id(self, reference: str) -> int | None:
        """The id of the case with this reference (ignoring case), read in the transaction."""
        row = self._conn.execute(
            "SELECT id FROM cases WHERE reference_key = ?", (codec.reference_key(reference),)
        ).fetchone()
        return None if row is None else int(row[0])

    def delete_case(self, case_id: int) -> None:
        """Remove the case and everything under it (the store checkpoints after commit)."""
        self._conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
        self.deleted = True

    def add_case(self, case: Case) -> int:
        """Insert the case as given; its care status history is written apart
        (`add_care_change`), as it was kept."""
        return self._insert(codec.CASES, case, case.reference)

    def add_care_change(
        self, case_id: int, statuses: frozenset[CareStatus], on: date, note: str = ""
    ) -> None:
        case_record.add_care_change(self._conn, case_id, statuses, on, note)

    # --- what belongs to a case ----------------------------------------------------

    def add_member(self, member: Member) -> int:
        _require(member.case_id, "member", "case_id")
        return self._insert(codec.MEMBERS, member)

    def add_goal(self, goal: Goal) -> int:
        _require(goal.case_id, "goal", "case_id")
        return self._insert(codec.GOALS, goal)

    def add_goal_status_change(
        self, goal_id: int, status: GoalStatus, when: datetime, note: str = ""
    ) -> int:
        """One stored entry of a goal's status history, as `Store.change_goal_status` keeps.

        The goal's own status is not touched: the history is written as it was recorded.
        """
        cursor = self._conn.execute(
            "INSERT INTO goal_status_changes (goal_id, status, changed_at, changed_key, note)"
            " VALUES (?, ?, ?, ?, ?)",
            (goal_id, status.value, when.isoformat(), codec.instant_key(when), clean_text(note)),
        )
        return _row_id(cursor)

    def add_plan(self, plan: VisitPlan) -> int:
        _require(plan.case_id, "plan", "case_id")
        return self._insert(codec.PLANS, plan)

    def add_visit(self, visit: Visit) -> int:
        """Insert the visit as given; a plan it names is left as it is (see `link_plan`)."""
        _require(visit.case_id, "visit", "case_id")
        if visit.number is None and visit.case_id is not None:
            number = case_record.next_visit_number(self._conn, visit.case_id)
            visit = visit.model_copy(update={"number": number})
        return self._insert(codec.VISITS, visit)

    def link_plan(self, plan_id: int, visit_id: int) -> None:
        """Record which visit a plan became, once both are in (each names the other)."""
        self._conn.execute("UPDATE plans SET visit_id = ? WHERE id = ?", (visit_id, plan_id))

    def add_response(self, response: Response) -> int:
        _require(response.visit_id, "response", "visit_id")
        return self._insert(codec.RESPONSES, response)

    # --- plumbing ------------------------------------------------------------------

    def _insert(self, table: Table[Any], model: Any, reference: str | None = None) -> int:
        # Checked as it will read back, like every write of `Store`: refused, the whole
        # batch rolls back.
        _, params = rows.checked(self._path, table, model)
        return rows.insert(self._conn, self._path, table, params, reference)


def _row_id(cursor: sqlite3.Cursor) -> int:
    new_id = cursor.lastrowid
    assert new_id is not None  # an INSERT into a rowid table always sets it
    return new_id


def _require(parent_id: int | None, kind: str, field: str) -> None:
    if parent_id is None:
        raise ValueError(f"a {kind} needs its {field} set before it is saved")
