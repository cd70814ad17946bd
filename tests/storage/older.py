"""Make a database written by this version look as an older version wrote it.

Tests of migrations need files holding data at an old version; the store only writes the
newest schema, so data is written now and the later steps are taken off again, newest
first. Each step undoes exactly what that migration added.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

_UNDO = {
    3: (
        "DROP INDEX visits_number_by_case",
        "ALTER TABLE visits DROP COLUMN number",
        "ALTER TABLE visits DROP COLUMN expected_end",
        "ALTER TABLE responses DROP COLUMN given_as",
        "ALTER TABLE cases DROP COLUMN closed_reason",
        "DROP TABLE care_status_changes",
        "UPDATE responses SET change_talk = json_extract(change_talk, '$[0]')",
    ),
    2: ("DROP TABLE goal_status_changes",),
}


def as_version(path: Path, version: int) -> None:
    """Take the steps after `version` off the closed database at `path`."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(current, version, -1):
            for statement in _UNDO[step]:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(version)}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
