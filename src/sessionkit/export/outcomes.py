"""Team outcomes as CSV or JSON text (see `sessionkit.insight.outcomes` for the numbers).

Both hold the same rows with the same columns. A suppressed row has its reason in
`suppressed` and no numbers; in a shown row a count below 5 is an empty cell (null in
JSON) and the others are multiples of 5. `mean_change` and `median_change` stay as
columns for readers of older files but are always empty: see docs/outcomes.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from sessionkit.insight.outcomes import OTHER_QUESTIONS, ROUND_TO, Row

COLUMNS = (
    "group",
    "prompt_id",
    "cases",
    "series",
    "mean_change",
    "median_change",
    "went_up",
    "stayed_same",
    "went_down",
    "suppressed",
)

MEASURE = (
    "change from the first to the latest answer on the scale, per question and per "
    "perspective (who answered, on whose behalf) within a case"
)

SMALL_COUNTS = (
    f"counts below {ROUND_TO} are left out (null); every other count is rounded to the "
    f"nearest multiple of {ROUND_TO}; no mean or median is given"
)

POOLED = (
    f'answers to questions that are not in an installed toolpack are pooled as "{OTHER_QUESTIONS}"'
)


def to_csv(rows: Sequence[Row]) -> str:
    """A header line, then one line a row; empty cells where a row has no number."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.group,
                row.prompt_id or "",
                _count(row.cases),
                _count(row.series),
                _decimal(row.mean_change),
                _decimal(row.median_change),
                _count(row.went_up),
                _count(row.stayed_same),
                _count(row.went_down),
                row.suppressed or "",
            ]
        )
    return buffer.getvalue()


def to_json(rows: Sequence[Row], min_cases: int) -> str:
    """An object with the suppression threshold, the rounding, what is measured, and the rows."""
    doc = {
        "min_cases": min_cases,
        "round_to": ROUND_TO,
        "measure": MEASURE,
        "small_counts": SMALL_COUNTS,
        "pooled": POOLED,
        "rows": [
            {
                "group": row.group,
                "prompt_id": row.prompt_id,
                "cases": row.cases,
                "series": row.series,
                "mean_change": _rounded(row.mean_change),
                "median_change": _rounded(row.median_change),
                "went_up": row.went_up,
                "stayed_same": row.stayed_same,
                "went_down": row.went_down,
                "suppressed": row.suppressed,
            }
            for row in rows
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _rounded(value: float | None) -> float | None:
    if value is None:
        return None
    rounded = round(value, 2)
    return 0.0 if rounded == 0 else rounded  # never "-0.0"


def _decimal(value: float | None) -> str:
    """1.5 -> "1.5", 2.0 -> "2", 1.3333 -> "1.33", -0.001 -> "0"."""
    rounded = _rounded(value)
    if rounded is None:
        return ""
    return f"{rounded:.2f}".rstrip("0").rstrip(".")
