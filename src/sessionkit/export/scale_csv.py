"""Answers with a number, one row each, as CSV for a spreadsheet or a script.

Rows come in the order they were recorded, visit by visit (visit 1 is the first by
start time, as in the case note's title). Only answers that stand are rows: a number
corrected later on the same visit (`domain.corrections`) is not a row of its own, so
counting rows counts answers, not keys pressed. The answer that corrected it names it in
`corrects` ("5 at 10:02:11": the number first keyed and when), so nothing is hidden.
Text is UTF-8; rows end with CRLF, as RFC 4180 and spreadsheets expect.

A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return before
one) as a formula, so a name or a question typed that way could run when the file is
opened. Such text cells get a leading apostrophe, which spreadsheets read as "this is
text". Number cells are never changed: they are written from numbers, so they cannot
hold a formula, and "-2" (an attainment level) must stay a number to add up.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from sessionkit.domain.corrections import corrections_of, standing
from sessionkit.domain.models import Case, Member, Response, Visit

HEADER = (
    "case",
    "visit",
    "visit_started_at",
    "prompt_id",
    "question",
    "answered_by",
    "on_behalf_of",
    "value",
    "scale_min",
    "scale_max",
    "off_scale",
    "entry",
    "said_at",
    "corrects",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(text: str) -> str:
    """Text a spreadsheet would run as a formula, made plain text with an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def number(value: float | None) -> str:
    """7.0 -> '7', 6.5 -> '6.5', exactly (no rounding); None -> ''."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def scale_rows(
    case: Case,
    visits: Sequence[Visit],
    members: Iterable[Member],
    responses: Iterable[Response],
    *,
    visit_number: int | None = None,
) -> list[list[str]]:
    """The rows after the header: answers with a value, optionally of one visit only.

    `visits` are the case's visits oldest first; `visit_number` counts from 1.
    """
    names = {m.id: m.name for m in members if m.id is not None}
    numbers = {v.id: (n, v) for n, v in enumerate(visits, 1) if v.id is not None}
    every = [r for r in responses if r.value is not None and r.visit_id in numbers]
    rows: list[list[str]] = []
    for response in standing(every):
        n, visit = numbers[response.visit_id]  # type: ignore[index]  # filtered above
        if visit_number is not None and n != visit_number:
            continue
        rows.append(_row(case, n, visit, response, names, corrected(response, every)))
    rows.sort(key=lambda row: int(row[1]))  # stable: recorded order within a visit
    return rows


def corrected(response: Response, answers: Iterable[Response]) -> str:
    """What `response` corrected on its visit, oldest first: "5 at 10:02:11; 6 at ..."
    (the number as keyed, and when it was recorded); empty when it corrected nothing."""
    return "; ".join(
        f"{number(earlier.value)} at {earlier.recorded_at:%H:%M:%S}"
        for earlier in corrections_of(response, answers)
    )


def _row(
    case: Case,
    n: int,
    visit: Visit,
    response: Response,
    names: Mapping[int, str],
    corrects: str,
) -> list[str]:
    on_behalf = "" if response.on_behalf_of is None else names.get(response.on_behalf_of, "")
    text_cells = {
        "case": case.reference,
        "visit_started_at": visit.started_at.isoformat(),
        "prompt_id": response.prompt_id,
        "question": response.wording,
        "answered_by": names.get(response.answered_by, ""),
        "on_behalf_of": on_behalf,
        "off_scale": "yes" if response.off_scale else "no",
        "entry": response.entry.value,
        "said_at": response.said_at.isoformat(),
        "corrects": corrects,
    }
    number_cells = {
        "visit": str(n),
        "value": number(response.value),
        "scale_min": number(response.scale_min),
        "scale_max": number(response.scale_max),
    }
    cells = {key: guard(value) for key, value in text_cells.items()} | number_cells
    return [cells[key] for key in HEADER]


def scale_csv(rows: Iterable[Sequence[str]]) -> str:
    """The header and `rows` as CSV text (CRLF line ends, quoting as needed)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()
