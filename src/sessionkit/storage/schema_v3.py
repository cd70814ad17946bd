"""Database version 3: a record that says exactly what happened. Never edit it once released.

- `responses.change_talk` holds a JSON array of kinds (an answer can voice desire and
  reasons at once); a version-2 single kind becomes a one-item array.
- `responses.given_as` says how an answer was given (said, pointed, showed, signed,
  wrote). Answers from before it was kept have NULL: "not recorded", never guessed.
- `visits.number` names a visit for good ("visit 3" in a saved note must stay visit 3
  when an earlier visit is written up later). Existing visits are numbered in the order
  the app showed them (by start, then id), so numbers already seen do not change; new
  ones take the next number of their case whatever their date.
- `visits.expected_end`: the end given for a visit written up afterwards, kept until it
  is finished, so a restart in between does not lose it.
- `cases.closed_reason`: why a case was closed, beside `closed_on`.
- `care_status_changes`: the dated history of a case's care status. Each case gets one
  entry for the status it has now, dated the day it was opened, since nothing earlier
  was kept.
"""

from __future__ import annotations

import sqlite3

SCHEMA_V3 = """
ALTER TABLE responses ADD COLUMN given_as TEXT;
ALTER TABLE visits ADD COLUMN number INTEGER;
ALTER TABLE visits ADD COLUMN expected_end TEXT;
ALTER TABLE cases ADD COLUMN closed_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE care_status_changes (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    care_status TEXT NOT NULL,
    changed_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX care_status_changes_by_case ON care_status_changes(case_id, changed_on, id);
"""

CARE_BACKFILL_NOTE = "Status as it stood when care status history began to be kept."


def apply_v3(conn: sqlite3.Connection) -> None:
    # A stored kind is one of a few plain words; anything else stays as it was and is
    # reported as an unreadable row rather than silently rewritten.
    conn.execute(
        "UPDATE responses SET change_talk = '[\"' || change_talk || '\"]' "
        "WHERE change_talk IS NOT NULL AND change_talk GLOB '[a-z_]*' "
        "AND change_talk NOT GLOB '*[^a-z_]*'"
    )
    conn.execute("UPDATE responses SET change_talk = '[]' WHERE change_talk IS NULL")
    conn.execute(
        "UPDATE visits SET number = (SELECT COUNT(*) FROM visits AS earlier "
        "WHERE earlier.case_id = visits.case_id AND (earlier.started_key < visits.started_key "
        "OR (earlier.started_key = visits.started_key AND earlier.id <= visits.id)))"
    )
    conn.execute("CREATE UNIQUE INDEX visits_number_by_case ON visits(case_id, number)")
    conn.execute(
        "INSERT INTO care_status_changes (case_id, care_status, changed_on, note) "
        "SELECT id, care_status, opened_on, ? FROM cases ORDER BY id",
        (CARE_BACKFILL_NOTE,),
    )
