"""The parts of a case's record kept beside its rows: dated care status, visit numbers.

Plain SQL inside a transaction the caller holds (`Store` or `Batch`), so both write
the same history the same way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date

from sessionkit.domain.enums import CareStatus
from sessionkit.domain.text import clean_text


def care_text(statuses: Iterable[CareStatus]) -> str:
    """Stored as `cases.care_status` is: a sorted JSON array of values."""
    return json.dumps(sorted(s.value for s in statuses), separators=(",", ":"))


def add_care_change(
    conn: sqlite3.Connection,
    case_id: int,
    statuses: Iterable[CareStatus],
    on: date,
    note: str = "",
) -> None:
    conn.execute(
        "INSERT INTO care_status_changes (case_id, care_status, changed_on, note) "
        "VALUES (?, ?, ?, ?)",
        (case_id, care_text(statuses), on.isoformat(), clean_text(note)),
    )


def current_care_text(conn: sqlite3.Connection, case_id: int) -> str | None:
    """The statuses of the latest-dated entry (ties: the last written), or None."""
    row = conn.execute(
        "SELECT care_status FROM care_status_changes WHERE case_id = ? "
        "ORDER BY changed_on DESC, id DESC LIMIT 1",
        (case_id,),
    ).fetchone()
    return None if row is None else str(row[0])


def next_visit_number(conn: sqlite3.Connection, case_id: int) -> int:
    row = conn.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM visits WHERE case_id = ?", (case_id,)
    ).fetchone()
    return int(row[0])


def stored_visit_number(conn: sqlite3.Connection, visit_id: int) -> int | None:
    row = conn.execute("SELECT number FROM visits WHERE id = ?", (visit_id,)).fetchone()
    return None if row is None or row[0] is None else int(row[0])
