"""The narrow read behind team outcomes: care statuses and numeric answers, as plain tuples.

Only the columns outcomes use are read (no names, references, dates or text), without
building pydantic models, so a store with thousands of cases is read in one pass.
"""

from __future__ import annotations

import json
from typing import Any

from sessionkit.storage.errors import StoreCorrupt, translated
from sessionkit.storage.repository import Store

# case id, visit rank within the case, prompt id, answered by, on behalf of, value,
# scale min, scale max: the fields of `sessionkit.insight.outcomes.Answer`, in order.
AnswerTuple = tuple[int, int, str, int, int | None, float, float | None, float | None]

_CASES_SQL = "SELECT id, care_status FROM cases ORDER BY id"

# Visits are ranked within their case by start (in UTC), then id, as everywhere else.
_ANSWERS_SQL = """
SELECT v.case_id,
    dense_rank() OVER (PARTITION BY v.case_id ORDER BY v.started_key, v.id),
    r.prompt_id, r.answered_by, r.on_behalf_of, r.value, r.scale_min, r.scale_max
FROM visits v JOIN responses r ON r.visit_id = v.id
WHERE r.value IS NOT NULL
ORDER BY v.case_id, v.started_key, v.id, r.id
"""


def read_outcome_data(
    store: Store,
) -> tuple[list[tuple[int, tuple[str, ...]]], list[AnswerTuple]]:
    """(case id, care statuses) for every case, and every numeric answer in order."""
    conn = store._connection()
    with translated(store.path):
        case_rows = conn.execute(_CASES_SQL).fetchall()
        answer_rows = conn.execute(_ANSWERS_SQL).fetchall()
    try:
        cases = [(int(i), _statuses(care)) for i, care in case_rows]
        answers = [_answer(row) for row in answer_rows]
    except (ValueError, TypeError) as error:
        raise StoreCorrupt(store.path, "holds a record sessionkit cannot read") from error
    return cases, answers


def _statuses(text: object) -> tuple[str, ...]:
    values = json.loads(str(text))
    if not isinstance(values, list):
        raise ValueError("care status is not a list")
    return tuple(str(v) for v in values)


def _answer(row: tuple[Any, ...]) -> AnswerTuple:
    case_id, rank, prompt_id, answered_by, on_behalf_of, value, low, high = row
    return (
        int(case_id),
        int(rank),
        str(prompt_id),
        int(answered_by),
        None if on_behalf_of is None else int(on_behalf_of),
        float(value),
        None if low is None else float(low),
        None if high is None else float(high),
    )
