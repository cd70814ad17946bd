"""The list of cases with their counts, read without building pydantic models.

It is the first thing the app draws; see `sessionkit.domain.summary`.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

from sessionkit.domain.enums import CareStatus
from sessionkit.domain.summary import CaseSummary
from sessionkit.domain.text import clean_line
from sessionkit.storage.errors import translated

_SQL = """
SELECT c.id, c.reference, c.care_status, c.opened_on, c.closed_on,
    (SELECT count(*) FROM members m WHERE m.case_id = c.id),
    (SELECT count(*) FROM visits v WHERE v.case_id = c.id),
    (SELECT v.started_at FROM visits v WHERE v.case_id = c.id
        ORDER BY v.started_key DESC, v.id DESC LIMIT 1),
    (SELECT v.id FROM visits v WHERE v.case_id = c.id AND v.ended_at IS NULL
        ORDER BY v.started_key DESC, v.id DESC LIMIT 1)
FROM cases c
{where}
ORDER BY c.reference_key, c.id
"""


def list_cases(
    conn: sqlite3.Connection,
    path: Path,
    *,
    include_closed: bool = True,
    unreadable: list[int] | None = None,
) -> list[CaseSummary]:
    """Every case with its counts, ordered by reference ignoring case.

    A case row that cannot be decoded is left out and its id added to `unreadable`: one
    damaged row must not hide every other family.
    """
    where = "" if include_closed else "WHERE c.closed_on IS NULL"
    with translated(path):
        rows = conn.execute(_SQL.format(where=where)).fetchall()
    summaries: list[CaseSummary] = []
    for row in rows:
        try:
            summaries.append(_summary(row))
        except (ValueError, TypeError, KeyError):
            if unreadable is not None:
                unreadable.append(int(row[0]) if isinstance(row[0], int) else -1)
    return summaries


def _summary(row: tuple[object, ...]) -> CaseSummary:
    case_id, reference, care, opened, closed, members, visits, last, unfinished = row
    return CaseSummary(
        case_id=int(case_id),  # type: ignore[call-overload]
        # Cleaned again on the way out: the file may have been edited by something else.
        reference=clean_line(str(reference)),
        care_status=frozenset(CareStatus(v) for v in json.loads(str(care))),
        opened_on=date.fromisoformat(str(opened)),
        closed_on=date.fromisoformat(str(closed)) if closed else None,
        member_count=int(members),  # type: ignore[call-overload]
        visit_count=int(visits),  # type: ignore[call-overload]
        last_visit_at=datetime.fromisoformat(str(last)) if last else None,
        unfinished_visit_id=int(unfinished) if unfinished is not None else None,  # type: ignore[call-overload]
    )
