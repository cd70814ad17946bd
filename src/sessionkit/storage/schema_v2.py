"""Database version 2: the history of each goal's status. Never edit it once released.

A goal is never deleted; it is achieved, paused, dropped or made active again, and each
change is kept with when it happened and an optional note. The goal's creation is the
first entry of its history (active, at `goals.created_at`); it is derived, not stored.
`changed_key` holds `changed_at` in UTC for ordering, as `visits.started_key` does.

Goals that a version-1 database already shows as not active get one entry for their
current status (at `status_changed_at`, else `created_at`), so their history does not
claim they are still active.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

SCHEMA_V2 = """
CREATE TABLE goal_status_changes (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_key TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX goal_status_changes_by_goal ON goal_status_changes(goal_id, changed_key, id);
"""

BACKFILL_NOTE = "Status as it stood when status history began to be kept."


def utc_key(value: datetime) -> str:
    """The same text as `codec.instant_key` (kept here so migrating needs no pydantic)."""
    aware = value if value.tzinfo is not None else value.astimezone()
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def backfill_goal_status(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT id, status, COALESCE(status_changed_at, created_at) FROM goals "
        "WHERE status <> 'active' ORDER BY id"
    ).fetchall()
    for goal_id, status, when in rows:
        key = utc_key(datetime.fromisoformat(when))
        conn.execute(
            "INSERT INTO goal_status_changes (goal_id, status, changed_at, changed_key, note) "
            "VALUES (?, ?, ?, ?, ?)",
            (goal_id, status, when, key, BACKFILL_NOTE),
        )
