"""Scale answers as CSV: one row per answer with a number, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone

import pytest

from sessionkit.domain import Case, EntryMode, Member, Response, Role, Visit
from sessionkit.export.scale_csv import HEADER, guard, number, scale_csv, scale_rows

START = datetime(2026, 3, 2, 16, 0, tzinfo=timezone(timedelta(hours=1)))
CASE = Case(id=1, reference="=AB-1")
AMY = Member(id=10, case_id=1, name="Amy", role=Role.CHILD)
LEO = Member(id=11, case_id=1, name="@Leo", role=Role.CHILD)
VISITS = [
    Visit(id=100, case_id=1, started_at=START),
    Visit(id=101, case_id=1, started_at=START + timedelta(days=7)),
]


def answer(visit: int, **fields: object) -> Response:
    base: dict[str, object] = {
        "visit_id": visit,
        "prompt_id": "scaling.safety",
        "wording": "How safe do you feel?",
        "answered_by": AMY.id,
        "value": 7.0,
        "scale_min": 0.0,
        "scale_max": 10.0,
        "said_at": START + timedelta(minutes=5),
    }
    return Response.model_validate(base | fields)


def parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_one_row_per_answer_with_a_number() -> None:
    responses = [
        answer(100),
        answer(100, prompt_id="words.only", value=None, text="no number here"),
        answer(101, value=500.0, text="500 out of 10"),
        answer(101, answered_by=AMY.id, on_behalf_of=LEO.id, value=6.5, entry=EntryMode.AFTERWARDS),
        answer(101, prompt_id="goal.3.gas", value=-2.0, scale_min=-2.0, scale_max=2.0),
    ]
    text = scale_csv(scale_rows(CASE, VISITS, [AMY, LEO], responses))
    rows = parsed(text)
    assert (
        rows[0]
        == list(HEADER)
        == [
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
        ]
    )
    assert rows[1:] == [
        [
            "'=AB-1",
            "1",
            "2026-03-02T16:00:00+01:00",
            "scaling.safety",
            "How safe do you feel?",
            "Amy",
            "",
            "7",
            "0",
            "10",
            "no",
            "live",
            "2026-03-02T16:05:00+01:00",
            "",
        ],
        [
            "'=AB-1",
            "2",
            "2026-03-09T16:00:00+01:00",
            "scaling.safety",
            "How safe do you feel?",
            "Amy",
            "",
            "500",
            "0",
            "10",
            "yes",
            "live",
            "2026-03-02T16:05:00+01:00",
            "",
        ],
        [
            "'=AB-1",
            "2",
            "2026-03-09T16:00:00+01:00",
            "scaling.safety",
            "How safe do you feel?",
            "Amy",
            "'@Leo",
            "6.5",
            "0",
            "10",
            "no",
            "afterwards",
            "2026-03-02T16:05:00+01:00",
            "",
        ],
        # A negative number stays a number: no apostrophe.
        [
            "'=AB-1",
            "2",
            "2026-03-09T16:00:00+01:00",
            "goal.3.gas",
            "How safe do you feel?",
            "Amy",
            "",
            "-2",
            "-2",
            "2",
            "no",
            "live",
            "2026-03-02T16:05:00+01:00",
            "",
        ],
    ]
    assert text.endswith("\r\n") and text.count("\r\n") == 5 and "\n\n" not in text


def test_a_corrected_number_is_named_by_the_answer_that_stands_not_a_row() -> None:
    keyed = START + timedelta(minutes=2, seconds=11)
    responses = [
        answer(100, id=1, value=5.0, recorded_at=keyed),
        answer(100, id=2, value=6.0, recorded_at=keyed + timedelta(seconds=3)),
        answer(100, id=3, value=7.0, recorded_at=keyed + timedelta(minutes=1)),
        # Another person's number on the same question corrects nothing.
        answer(100, id=4, answered_by=LEO.id, value=2.0),
        answer(101, id=5, value=8.0),
    ]
    rows = scale_rows(CASE, VISITS, [AMY, LEO], responses)
    # Counting rows counts answers: Amy's 7 and Leo's 2 on visit 1, Amy's 8 on visit 2.
    assert len(rows) == 3
    corrects = HEADER.index("corrects")
    assert [(r[1], r[7], r[corrects]) for r in rows] == [
        ("1", "7", "5 at 16:02:11; 6 at 16:02:14"),
        ("1", "2", ""),
        ("2", "8", ""),
    ]


def test_one_visit_only() -> None:
    responses = [answer(100), answer(101, value=3.0), answer(101, value=4.0)]
    rows = scale_rows(CASE, VISITS, [AMY], responses, visit_number=2)
    assert [(r[1], r[7]) for r in rows] == [("2", "3"), ("2", "4")]


def test_visit_numbers_follow_the_order_given_not_the_row_ids() -> None:
    later_first = [
        Visit(id=200, case_id=1, started_at=START),
        Visit(id=150, case_id=1, started_at=START + timedelta(days=1)),
    ]
    rows = scale_rows(CASE, later_first, [AMY], [answer(150, value=2.0), answer(200, value=1.0)])
    assert [(r[1], r[7]) for r in rows] == [("1", "1"), ("2", "2")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Amy", "Amy"),
        ("", ""),
        (" =1", " =1"),
    ],
)
def test_guard(text: str, expected: str) -> None:
    assert guard(text) == expected


def test_hostile_text_stays_in_its_cell() -> None:
    wording = 'He said "stop",\r\nthen =1+1'
    rows = scale_rows(CASE, VISITS, [AMY], [answer(100, wording=wording)])
    back = parsed(scale_csv(rows))
    # Quotes, the comma and the line break (cleaned to a newline, as all text is) stay put.
    assert back[1][4] == 'He said "stop",\nthen =1+1'
    assert len(back) == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7.0, "7"),
        (-2.0, "-2"),
        (6.5, "6.5"),
        (0.1, "0.1"),
        (500.0, "500"),
        (1e20, "1e+20"),
        (None, ""),
    ],
)
def test_numbers_are_exact(value: float | None, expected: str) -> None:
    assert number(value) == expected


def test_no_answers_gives_the_header_alone() -> None:
    assert scale_csv([]) == ",".join(HEADER) + "\r\n"


def test_utc_offsets_are_kept() -> None:
    when = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    rows = scale_rows(CASE, VISITS, [AMY], [answer(100, said_at=when)])
    assert rows[0][12] == "2026-03-02T09:30:00+00:00"
