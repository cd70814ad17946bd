"""`Store`: the one object the app and the CLI use to read and write the database.

Every write method runs in its own BEGIN IMMEDIATE transaction and returns only after
COMMIT, so anything the UI shows as saved is on disk (synchronous=FULL). IMMEDIATE takes
the write lock up front: a deferred transaction that later needs to write can fail at
once with "database is locked" instead of waiting out the busy timeout.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from sessionkit._lazy import lazy_module
from sessionkit.domain.enums import GoalStatus, PlanStatus
from sessionkit.domain.summary import CaseSummary
from sessionkit.domain.text import clean_text
from sessionkit.gc_pause import collector_paused
from sessionkit.storage import answers, case_record, rows, summaries
from sessionkit.storage.batch import Batch
from sessionkit.storage.connection import (
    DEFAULT_BUSY_TIMEOUT_MS,
    DEFAULT_QUICK_CHECK_MAX_BYTES,
    open_database,
    open_reader,
    secure_permissions,
)
from sessionkit.storage.errors import (
    RecordNotFound,
    RecordRefused,
    StoreDamaged,
    translated,
)
from sessionkit.storage.migrations import MIGRATIONS, Migration

if TYPE_CHECKING:
    from pydantic import BaseModel

    from sessionkit.domain.answer import Answer
    from sessionkit.domain.enums import CareStatus
    from sessionkit.domain.models import (
        CareStatusChange,
        Case,
        Goal,
        Member,
        Response,
        Visit,
        VisitPlan,
    )
    from sessionkit.storage import codec
    from sessionkit.storage.codec import Table
else:
    # The codec builds pydantic models. Loading it (and pydantic, about 60 ms) waits for
    # the first read or write of a model, so the app's first frame - the list of cases,
    # read as plain rows - does not pay for it.
    codec = lazy_module("sessionkit.storage.codec")

M = TypeVar("M", bound="BaseModel")
T = TypeVar("T")


@cache
def _responses_for_case_sql() -> str:
    return f"""
SELECT {codec.RESPONSES.select("r")} FROM visits v JOIN responses r ON r.visit_id = v.id
WHERE v.case_id = ?
ORDER BY v.started_key, v.id, r.id
"""


class Store:
    """The sessionkit database. Open with `Store.open(path)`; use one per thread."""

    path: Path

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        self._wrote = False
        self._read_only = read_only
        self._unsettled = 0
        # Rows reads left out because they could not be decoded: see take_unreadable.
        self.unreadable: set[tuple[str, int | None]] = set()

    # --- lifecycle -----------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        migrations: Sequence[Migration] = MIGRATIONS,
        quick_check_max_bytes: int = DEFAULT_QUICK_CHECK_MAX_BYTES,
    ) -> Store:
        """Open or create the database; raises a StoreError subclass when it cannot.

        `migrations` and `quick_check_max_bytes` exist for tests and benchmarks.
        """
        path = Path(path).absolute()
        conn = open_database(
            path,
            busy_timeout_ms=busy_timeout_ms,
            migrations=migrations,
            quick_check_max_bytes=quick_check_max_bytes,
        )
        return cls(path, conn)

    @classmethod
    def open_reader(cls, path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Store:
        """A read-only store on a file a `Store.open` store has open: for another thread.

        A store belongs to the thread that opened it, so a thread opens its own reader,
        reads, and closes it there. Writing through it raises `StoreNotWritable`.
        """
        path = Path(path).absolute()
        return cls(path, open_reader(path, busy_timeout_ms=busy_timeout_ms), read_only=True)

    def close(self) -> None:
        """Fold the WAL back into the file (and empty it), then close. Safe to repeat."""
        conn = self._conn
        if conn is None:
            return
        self._conn = None
        if self._read_only:
            conn.close()  # a reader cannot checkpoint; the writer's store does it
            return
        try:
            # Best effort: while another instance reads, part of the WAL stays; that is fine.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            pass
        finally:
            conn.close()

    @property
    def closed(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- cases ---------------------------------------------------------------------

    def list_cases(self, *, include_closed: bool = True) -> list[CaseSummary]:
        """Every case with its counts, ordered by reference ignoring case."""
        skipped: list[int] = []
        listed = summaries.list_cases(
            self._connection(), self.path, include_closed=include_closed, unreadable=skipped
        )
        self.unreadable.update(("cases", case_id) for case_id in skipped)
        return listed

    def get_case(self, case_id: int) -> Case:
        return self._get(codec.CASES, case_id, "case")

    def find_case(self, reference: str) -> Case | None:
        """The case with exactly this reference, ignoring case, or None."""
        key = codec.reference_key(reference)
        rows = self._select(codec.CASES, "reference_key = ?", (key,))
        if rows:
            return rows[0]
        # There, but unreadable: saying "no case" would send someone to make it again.
        damaged = (
            self._connection()
            .execute("SELECT id FROM cases WHERE reference_key = ?", (key,))
            .fetchone()
        )
        if damaged is not None:
            raise StoreDamaged(self.path, f"cases row {damaged[0]} cannot be read")
        return None

    def add_case(self, case: Case) -> Case:
        _require_new(case.id, "case")
        stored, params = rows.checked(self.path, codec.CASES, case)
        with self._write() as conn:
            new_id = self._insert(conn, codec.CASES, params, case.reference)
            # The history starts with the status the case was opened with.
            case_record.add_care_change(conn, new_id, stored.care_status, stored.opened_on)
        return stored.model_copy(update={"id": new_id})

    def update_case(self, case: Case) -> Case:
        """Store every field as given. A care status different from the stored one is
        also kept in its history, dated today (`change_care_status` takes a date)."""
        case_id = _require_saved(case.id, "case")
        stored, params = rows.checked(self.path, codec.CASES, case, case_id)
        with self._write() as conn:
            before = conn.execute(
                "SELECT care_status FROM cases WHERE id = ?", (case_id,)
            ).fetchone()
            self._update(conn, codec.CASES, case_id, params, "case", case.reference)
            if before is not None and before[0] != params["care_status"]:
                case_record.add_care_change(conn, case_id, stored.care_status, date.today())
        return stored

    def change_care_status(
        self, case_id: int, statuses: frozenset[CareStatus], on: date, note: str = ""
    ) -> Case:
        """Keep a dated care status change; the case's status becomes that of its
        latest-dated entry (a change recorded late, for an earlier day, is history)."""
        with self._write() as conn:
            case = self._get(codec.CASES, case_id, "case")
            case_record.add_care_change(conn, case_id, statuses, on, note)
            current = case_record.current_care_text(conn, case_id)
            conn.execute("UPDATE cases SET care_status = ? WHERE id = ?", (current, case_id))
        return self.get_case(case.id or case_id)

    def care_status_history(self, case_id: int) -> list[CareStatusChange]:
        """The case's dated care status entries, oldest first."""
        return self._read(
            "SELECT case_id, care_status, changed_on, note FROM care_status_changes "
            "WHERE case_id = ? ORDER BY changed_on, id",
            (case_id,),
            _care_change,
            table="care_status_changes",
        )

    def delete_case(self, case_id: int) -> None:
        """Remove the case and everything recorded under it. Deleting twice is harmless."""
        with self._write() as conn:
            conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
        # secure_delete zeroes the freed pages, but until a checkpoint the -wal file
        # still holds earlier copies of them: fold it into the database and truncate it.
        self.checkpoint()

    # --- members -------------------------------------------------------------------

    def list_members(self, case_id: int, *, include_inactive: bool = False) -> list[Member]:
        """The case's members in the order they were added."""
        where = "case_id = ?" if include_inactive else "case_id = ? AND active = 1"
        return self._select(codec.MEMBERS, where, (case_id,), "id")

    def get_member(self, member_id: int) -> Member:
        return self._get(codec.MEMBERS, member_id, "member")

    def add_member(self, member: Member) -> Member:
        _require_new(member.id, "member")
        _require_parent(member.case_id, "member", "case_id")
        stored, params = rows.checked(self.path, codec.MEMBERS, member)
        with self._write() as conn:
            new_id = self._insert(conn, codec.MEMBERS, params)
        return stored.model_copy(update={"id": new_id})

    def update_member(self, member: Member) -> Member:
        member_id = _require_saved(member.id, "member")
        _require_parent(member.case_id, "member", "case_id")
        stored, params = rows.checked(self.path, codec.MEMBERS, member, member_id)
        with self._write() as conn:
            self._update(conn, codec.MEMBERS, member_id, params, "member")
        return stored

    # --- goals (never deleted: their status changes) --------------------------------

    def list_goals(self, case_id: int) -> list[Goal]:
        return self._select(codec.GOALS, "case_id = ?", (case_id,), "id")

    def get_goal(self, goal_id: int) -> Goal:
        return self._get(codec.GOALS, goal_id, "goal")

    def add_goal(self, goal: Goal) -> Goal:
        _require_new(goal.id, "goal")
        _require_parent(goal.case_id, "goal", "case_id")
        stored, params = rows.checked(self.path, codec.GOALS, goal)
        with self._write() as conn:
            new_id = self._insert(conn, codec.GOALS, params)
        return stored.model_copy(update={"id": new_id})

    def update_goal(self, goal: Goal) -> Goal:
        goal_id = _require_saved(goal.id, "goal")
        _require_parent(goal.case_id, "goal", "case_id")
        stored, params = rows.checked(self.path, codec.GOALS, goal, goal_id)
        with self._write() as conn:
            self._update(conn, codec.GOALS, goal_id, params, "goal")
        return stored

    def change_goal_status(
        self, goal_id: int, status: GoalStatus, when: datetime, note: str = ""
    ) -> Goal:
        """Set the goal's status and keep the change in its history, in one transaction.

        Nothing is ever removed from the history: setting a goal active again is one
        more entry. `note` is free text (cleaned like any other) and may be empty.
        """
        with self._write() as conn:
            goal = self._get(codec.GOALS, goal_id, "goal")
            changed = goal.model_copy(update={"status": status, "status_changed_at": when})
            rows.checked(self.path, codec.GOALS, changed, goal_id)
            conn.execute(
                "UPDATE goals SET status = ?, status_changed_at = ? WHERE id = ?",
                (status.value, when.isoformat(), goal_id),
            )
            conn.execute(
                "INSERT INTO goal_status_changes (goal_id, status, changed_at, changed_key, note)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    goal_id,
                    status.value,
                    when.isoformat(),
                    codec.instant_key(when),
                    clean_text(note),
                ),
            )
        return changed

    def goal_status_history(self, goal_id: int) -> list[tuple[GoalStatus, datetime, str]]:
        """(status, when, note) oldest first, starting with ACTIVE at the goal's creation.

        The first entry is derived from the goal. If the goal's status was changed without
        a history entry (`update_goal` does not write one), a last entry is derived from
        the goal itself, so the history always ends at the status the goal has now.
        """
        goal = self.get_goal(goal_id)
        history: list[tuple[GoalStatus, datetime, str]] = [(GoalStatus.ACTIVE, goal.created_at, "")]
        history += self._read(
            "SELECT status, changed_at, note FROM goal_status_changes WHERE goal_id = ? "
            "ORDER BY changed_key, id",
            (goal_id,),
            _status_change,
            table="goal_status_changes",
        )
        if history[-1][0] is not goal.status:
            history.append((goal.status, goal.status_changed_at or goal.created_at, ""))
        return history

    def goal_status_changes(
        self, case_id: int
    ) -> dict[int, list[tuple[GoalStatus, datetime, str]]]:
        """The stored history entries of the case's goals, by goal id, oldest first.

        Unlike `goal_status_history`, nothing is derived: these are the rows as kept, for
        copying a case elsewhere exactly. Goals without entries are absent.
        """
        rows = self._read(
            "SELECT c.goal_id, c.status, c.changed_at, c.note FROM goal_status_changes c "
            "JOIN goals g ON g.id = c.goal_id WHERE g.case_id = ? "
            "ORDER BY c.goal_id, c.changed_key, c.id",
            (case_id,),
            lambda row: (int(row[0]), _status_change(row[1:])),
            table="goal_status_changes",
        )
        changes: dict[int, list[tuple[GoalStatus, datetime, str]]] = {}
        for goal_id, change in rows:
            changes.setdefault(goal_id, []).append(change)
        return changes

    # --- plans ---------------------------------------------------------------------

    def get_draft_plan(self, case_id: int) -> VisitPlan | None:
        """The most recently created plan of the case still in DRAFT, if any."""
        rows = self._select(
            codec.PLANS,
            "case_id = ? AND status = ?",
            (case_id, PlanStatus.DRAFT.value),
            "id DESC",
            1,
        )
        return rows[0] if rows else None

    def get_plan(self, plan_id: int) -> VisitPlan:
        return self._get(codec.PLANS, plan_id, "plan")

    def list_plans(self, case_id: int) -> list[VisitPlan]:
        return self._select(codec.PLANS, "case_id = ?", (case_id,), "id")

    def save_plan(self, plan: VisitPlan) -> VisitPlan:
        """Insert a new plan or update a saved one; returns it with its id."""
        _require_parent(plan.case_id, "plan", "case_id")
        stored, params = rows.checked(self.path, codec.PLANS, plan, plan.id)
        with self._write() as conn:
            if plan.id is None:
                new_id = self._insert(conn, codec.PLANS, params)
                return stored.model_copy(update={"id": new_id})
            self._update(conn, codec.PLANS, plan.id, params, "plan")
        return stored

    # --- visits --------------------------------------------------------------------

    def list_visits(self, case_id: int) -> list[Visit]:
        """The case's visits, oldest first."""
        return self._select(codec.VISITS, "case_id = ?", (case_id,), "started_key, id")

    def answer_counts(self, case_id: int) -> dict[int, int]:
        """How many answers each visit of the case holds (visits without any are absent).

        Counted by SQLite: the case screen shows the numbers, and a long case has tens of
        thousands of answers that need not be read to be counted.
        """
        sql = (
            "SELECT r.visit_id, count(*) FROM visits v JOIN responses r ON r.visit_id = v.id "
            "WHERE v.case_id = ? GROUP BY r.visit_id"
        )
        with translated(self.path):
            rows = self._connection().execute(sql, (case_id,)).fetchall()
        return {int(visit_id): int(count) for visit_id, count in rows}

    def get_visit(self, visit_id: int) -> Visit:
        return self._get(codec.VISITS, visit_id, "visit")

    def start_visit(self, visit: Visit) -> Visit:
        """Insert the visit; a plan it names is marked STARTED in the same transaction."""
        _require_new(visit.id, "visit")
        _require_parent(visit.case_id, "visit", "case_id")
        stored, params = rows.checked(self.path, codec.VISITS, visit)
        with self._write() as conn:
            # Numbered in the same transaction, so two starts cannot take one number.
            assert visit.case_id is not None
            number = case_record.next_visit_number(conn, visit.case_id)
            params["number"] = number
            stored = stored.model_copy(update={"number": number})
            new_id = self._insert(conn, codec.VISITS, params)
            if visit.plan_id is not None:
                conn.execute(
                    "UPDATE plans SET status = ?, visit_id = ? WHERE id = ?",
                    (PlanStatus.STARTED.value, new_id, visit.plan_id),
                )
        return stored.model_copy(update={"id": new_id})

    def update_visit(self, visit: Visit) -> Visit:
        """Store every field of the visit as given."""
        visit_id = _require_saved(visit.id, "visit")
        _require_parent(visit.case_id, "visit", "case_id")
        stored, params = rows.checked(self.path, codec.VISITS, visit, visit_id)
        with self._write() as conn:
            # A visit's number is its name for good: whatever the caller holds, it stays.
            number = case_record.stored_visit_number(conn, visit_id)
            params["number"] = number
            self._update(conn, codec.VISITS, visit_id, params, "visit")
        return stored.model_copy(update={"number": number})

    def discard_visit(self, visit_id: int) -> None:
        """Remove an unfinished visit started by mistake, with its answers; a plan it was
        started from is a draft again. A finished visit is part of the record: refused."""
        with self._write() as conn:
            visit = self._get(codec.VISITS, visit_id, "visit")
            if visit.is_finished:
                raise RecordRefused(self.path, "a finished visit is kept in the record")
            conn.execute(
                "UPDATE plans SET status = ?, visit_id = NULL WHERE visit_id = ?",
                (PlanStatus.DRAFT.value, visit_id),
            )
            conn.execute("DELETE FROM responses WHERE visit_id = ?", (visit_id,))
            conn.execute("DELETE FROM visits WHERE id = ?", (visit_id,))
        # As for a deleted case: no earlier copy of the words stays in the -wal file.
        self.checkpoint()

    def finish_visit(self, visit_id: int, ended_at: datetime) -> Visit:
        """Set the end time (validated: not before the start) and return the visit."""
        with self._write() as conn:
            visit = self._get(codec.VISITS, visit_id, "visit")
            visit.ended_at = ended_at  # assignment is validated like construction
            finished, params = rows.checked(self.path, codec.VISITS, visit, visit_id)
            conn.execute(
                "UPDATE visits SET ended_at = ? WHERE id = ?", (params["ended_at"], visit_id)
            )
        return finished

    def unfinished_visits(self) -> list[Visit]:
        """Visits not finished yet, in every case, newest first (offered for resuming)."""
        return self._select(codec.VISITS, "ended_at IS NULL", (), "started_key DESC, id DESC")

    # --- responses (the atom: committed before the call returns) ---------------------

    def record_response(self, response: Response) -> Response:
        """Save one answer; it is durably on disk when this returns."""
        _require_new(response.id, "response")
        _require_parent(response.visit_id, "response", "visit_id")
        stored, params = rows.checked(self.path, codec.RESPONSES, response)
        with self._write() as conn:
            new_id = self._insert(conn, codec.RESPONSES, params)
        return stored.model_copy(update={"id": new_id})

    def update_response(self, response: Response) -> Response:
        """Store the response as given (the caller sets `edited_at`)."""
        response_id = _require_saved(response.id, "response")
        _require_parent(response.visit_id, "response", "visit_id")
        stored, params = rows.checked(self.path, codec.RESPONSES, response, response_id)
        with self._write() as conn:
            self._update(conn, codec.RESPONSES, response_id, params, "response")
        return stored

    def delete_response(self, response_id: int) -> None:
        """Remove one response. Deleting twice is harmless."""
        with self._write() as conn:
            conn.execute("DELETE FROM responses WHERE id = ?", (response_id,))

    def get_response(self, response_id: int) -> Response:
        return self._get(codec.RESPONSES, response_id, "response")

    def list_responses(self, visit_id: int) -> list[Response]:
        """The visit's responses in the order they were recorded."""
        return self._select(codec.RESPONSES, "visit_id = ?", (visit_id,), "id")

    def responses_for_case(self, case_id: int) -> list[Response]:
        """Every response of the case: by visit start, then in recorded order."""
        return self._read(
            _responses_for_case_sql(), (case_id,), codec.RESPONSES.from_row, table="responses"
        )

    def answers_for_case(self, case_id: int) -> list[Answer]:
        """The same answers as `responses_for_case`, in the same order, as light records.

        Read with plain SQL into `Answer`s, without building models: what movement reads
        (see `storage.answers`).
        """
        skipped: list[int] = []
        with collector_paused():
            read = answers.answers_for_case(self._connection(), self.path, case_id, skipped)
        self.unreadable.update(("responses", row_id) for row_id in skipped)
        return read

    # --- many records at once --------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """Writes that stand or fall together: all committed when the block ends, or none.

        The write lock is held for the whole block, so what the batch reads (such as
        whether a reference is taken) stays true until it commits.
        """

        with self._write() as conn:
            batch = Batch(conn, self.path)
            yield batch
        if batch.deleted:
            self.checkpoint()  # as delete_case: no earlier copy of deleted pages in the WAL

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside the block all see the database as it was at the block's first read.

        For reading a whole case at once while another window may be writing: its commits
        land either wholly before the snapshot or wholly after it. Do not write inside it.
        """
        conn = self._connection()
        with translated(self.path):
            conn.execute("BEGIN")
            try:
                yield
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    def generation(self) -> tuple[int, int]:
        """A value that changes whenever the data may have changed since it was taken.

        Written through this store: SQLite's count of rows this connection changed.
        Committed by any other connection (another window, a thread, the CLI): SQLite's
        `data_version`. Equal values mean nothing was written in between, so something
        worked out from the data then is still true now.
        """
        conn = self._connection()
        if conn.in_transaction:
            # Changes not yet committed are counted but other connections cannot see
            # them yet: a value taken now equals no other.
            self._unsettled -= 1
            return self._unsettled, conn.total_changes
        with translated(self.path):
            (version,) = conn.execute("PRAGMA data_version").fetchone()
        return int(version), conn.total_changes

    # --- maintenance ---------------------------------------------------------------

    def checkpoint(self) -> bool:
        """Copy the WAL into the database and truncate it; False if a reader kept some."""
        with translated(self.path):
            busy, _, _ = self._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not busy

    # --- plumbing ------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        with translated(self.path):
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        if not self._wrote:
            # The first write creates -wal/-shm if no reader had: check their modes once.
            self._wrote = True
            secure_permissions(self.path)

    def _insert(
        self,
        conn: sqlite3.Connection,
        table: Table[Any],
        params: dict[str, Any],
        reference: str | None = None,
    ) -> int:
        return rows.insert(conn, self.path, table, params, reference)

    def _update(
        self,
        conn: sqlite3.Connection,
        table: Table[Any],
        record_id: int,
        params: dict[str, Any],
        kind: str,
        reference: str | None = None,
    ) -> None:
        try:
            cursor = conn.execute(table.update_sql, {**params, "id": record_id})
        except sqlite3.IntegrityError as error:
            rows.raise_if_duplicate(self.path, error, reference)
            raise
        if cursor.rowcount == 0:
            raise RecordNotFound(self.path, kind, record_id)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("the store is closed")
        return self._conn

    def _read(
        self,
        sql: str,
        params: Sequence[object],
        make: Callable[[tuple[Any, ...]], T],
        *,
        table: str,
    ) -> list[T]:
        conn = self._connection()
        made: list[T] = []
        with translated(self.path), collector_paused():
            cursor = conn.execute(sql, params)
            for row in cursor:
                try:
                    made.append(make(row))
                except (ValueError, TypeError):  # pydantic's ValidationError is a ValueError
                    # A row no valid model could have written (edited by hand, or
                    # damaged): left out and noted, so the rest of the case still shows.
                    self._note_unreadable(table, row)
        return made

    def _note_unreadable(self, table: str, row: Sequence[object]) -> None:
        record_id = row[0] if row and isinstance(row[0], int) else None
        self.unreadable.add((table, record_id))

    def take_unreadable(self) -> list[tuple[str, int | None]]:
        """Rows left out of reads since the last call, as (table, row id), then forgotten.

        Reads skip a row that cannot be decoded instead of failing; front ends call this
        after reading to say which rows were left out (`sessionkit check` lists them all).
        """
        taken = sorted(self.unreadable, key=lambda item: (item[0], item[1] or 0))
        self.unreadable.clear()
        return taken

    def _select(
        self,
        table: Table[M],
        where: str,
        params: Sequence[object],
        order: str = "",
        limit: int | None = None,
    ) -> list[M]:
        sql = f"SELECT {table.select()} FROM {table.name} WHERE {where}"
        if order:
            sql += f" ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._read(sql, params, table.from_row, table=table.name)

    def _get(self, table: Table[M], record_id: int, kind: str) -> M:
        rows = self._select(table, "id = ?", (record_id,))
        if not rows:
            if (table.name, record_id) in self.unreadable:
                raise StoreDamaged(self.path, f"{table.name} row {record_id} cannot be read")
            raise RecordNotFound(self.path, kind, record_id)
        return rows[0]


def _care_change(row: tuple[Any, ...]) -> CareStatusChange:
    from sessionkit.domain.models import CareStatusChange

    case_id, care_status, changed_on, note = row
    return CareStatusChange(
        case_id=case_id, care_status=json.loads(care_status), changed_on=changed_on, note=note
    )


def _status_change(row: tuple[Any, ...]) -> tuple[GoalStatus, datetime, str]:
    status, changed_at, note = row
    return GoalStatus(status), datetime.fromisoformat(changed_at), str(note)


def _require_new(record_id: int | None, kind: str) -> None:
    if record_id is not None:
        raise ValueError(f"this {kind} is already saved (id {record_id}); update it instead")


def _require_saved(record_id: int | None, kind: str) -> int:
    if record_id is None:
        raise ValueError(f"this {kind} has not been saved yet; add it first")
    return record_id


def _require_parent(parent_id: int | None, kind: str, field: str) -> None:
    if parent_id is None:
        raise ValueError(f"a {kind} needs its {field} set before it is saved")
