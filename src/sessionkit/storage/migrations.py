"""Numbered schema migrations, applied in order through `PRAGMA user_version`.

To change the schema, append `Migration(N + 1, "what and why", "SQL")` to MIGRATIONS
(never edit a released one). `migrate` backs an existing database up before the first
step, runs each step in its own write transaction and records its number in the same
transaction, so a crash leaves the file at one whole version or the next.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sessionkit.storage.backup import backup_database
from sessionkit.storage.errors import StoreMigrationFailed, StoreTooNew, translate_error
from sessionkit.storage.schema_v1 import APPLICATION_ID, SCHEMA_V1
from sessionkit.storage.schema_v2 import SCHEMA_V2, backfill_goal_status
from sessionkit.storage.schema_v3 import SCHEMA_V3, apply_v3


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str = ""
    # For steps SQL cannot express (rewriting JSON, say); runs after `sql`.
    apply: Callable[[sqlite3.Connection], None] | None = None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "cases, members, goals, plans, visits and responses",
        SCHEMA_V1 + f"\nPRAGMA application_id = {APPLICATION_ID};\n",
    ),
    Migration(2, "goal status history", SCHEMA_V2, apply=backfill_goal_status),
    Migration(
        3,
        "several change-talk kinds, how an answer was given, visit numbers kept for good, "
        "why a case closed, care status history",
        SCHEMA_V3,
        apply=apply_v3,
    ),
)


def latest_version(migrations: Sequence[Migration]) -> int:
    return migrations[-1].version if migrations else 0


LATEST_VERSION = latest_version(MIGRATIONS)


def check_sequence(migrations: Sequence[Migration]) -> None:
    """A gap or repeat in the numbers is a programming mistake: fail loudly at once."""
    numbers = [m.version for m in migrations]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"migrations must be numbered 1, 2, 3... without gaps: {numbers}")


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(
    conn: sqlite3.Connection,
    path: Path,
    backups_dir: Path,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> Path | None:
    """Bring the database to the latest version; return the backup taken, if any.

    `conn` must be in autocommit mode (isolation_level=None): each step opens its own
    BEGIN IMMEDIATE so that two instances starting at once cannot both apply it.
    """
    check_sequence(migrations)
    latest = latest_version(migrations)
    current = user_version(conn)
    if current > latest:
        raise StoreTooNew(path, current, latest)
    if current == latest:
        return None
    # A fresh file (version 0) has nothing to lose; anything older is copied first.
    backup = backup_database(conn, backups_dir, current) if current > 0 else None
    for step in migrations:
        if step.version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the lock: another instance may have migrated meanwhile.
            found = user_version(conn)
            if found >= step.version:
                conn.execute("COMMIT")
                current = found
                continue
            _apply(conn, step)
            if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise StoreMigrationFailed(path, step.version, backup)
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                known = translate_error(path, error)
                raise (known or StoreMigrationFailed(path, step.version, backup)) from error
            raise
        current = step.version
    return backup


def _apply(conn: sqlite3.Connection, step: Migration) -> None:
    # executescript() would COMMIT first; run statement by statement inside our transaction.
    for statement in _statements(step.sql):
        conn.execute(statement)
    if step.apply is not None:
        step.apply(conn)


def _statements(script: str) -> list[str]:
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements
