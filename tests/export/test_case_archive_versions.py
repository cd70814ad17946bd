"""What format 2 carries beyond format 1, and format-1 files still imported with the
defaults the database's own upgrade gives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sessionkit.domain import (
    CareStatus,
    CareStatusChange,
    Case,
    ChangeTalk,
    HowGiven,
    Member,
    Response,
    Role,
    Visit,
)
from sessionkit.export.archive.document import document_text
from sessionkit.export.archive.dump import export_case
from sessionkit.export.archive.errors import BadArchive
from sessionkit.export.archive.load import parse_archive
from sessionkit.export.archive.restore import import_record
from sessionkit.storage import Store

WHEN = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
OPENED = date(2026, 1, 5)


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    with Store.open(tmp_path / "a.db") as first, Store.open(tmp_path / "b.db") as second:
        yield first, second


def _case(store: Store) -> int:
    """A closed case with a care status history, two visits (the later one written up
    first, so numbers differ from date order) and answers given in different ways."""
    case = store.add_case(
        Case(
            reference="V2-1",
            care_status=frozenset({CareStatus.CHILD_IN_NEED}),
            opened_on=OPENED,
            closed_on=date(2026, 4, 1),
            closed_reason="Family moved away",
        )
    )
    assert case.id is not None
    store.change_care_status(
        case.id, frozenset({CareStatus.CHILD_PROTECTION_PLAN}), date(2026, 2, 1), "conference"
    )
    amy = store.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD))
    assert amy.id is not None
    later = store.start_visit(Visit(case_id=case.id, started_at=WHEN, present_member_ids=[amy.id]))
    earlier = store.start_visit(
        Visit(case_id=case.id, started_at=WHEN - timedelta(days=7), present_member_ids=[amy.id])
    )
    for visit, how in ((later, HowGiven.POINTED), (earlier, None)):
        store.record_response(
            Response(
                visit_id=visit.id,
                prompt_id="p.safe",
                answered_by=amy.id,
                value=6,
                change_talk=frozenset({ChangeTalk.DESIRE, ChangeTalk.NEED}),
                given_as=how,
                said_at=WHEN,
                recorded_at=WHEN,
            )
        )
    return case.id


def _document(store: Store, case_id: int) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        document_text(export_case(store, case_id, exported_at=WHEN))
    )
    return document


def _import(document: dict[str, Any], into: Store) -> int:
    text = json.dumps(document).encode("utf-8")
    return import_record(into, parse_archive(text, "case.json")).case_id


def _refused(document: dict[str, Any]) -> BadArchive:
    with pytest.raises(BadArchive) as refused:
        parse_archive(json.dumps(document).encode("utf-8"), "case.json")
    return refused.value


def _as_format_1(document: dict[str, Any]) -> dict[str, Any]:
    """The document as sessionkit wrote it before format 2."""
    document["format"] = "sessionkit/1"
    case = document["case"]
    del case["care_status_history"], case["closed_reason"]
    for visit in case["visits"]:
        del visit["number"]
        for response in visit["responses"]:
            del response["given_as"]
            talk = response["change_talk"]
            response["change_talk"] = talk[0] if talk else None
    return document


def test_format_2_carries_what_version_3_keeps(stores: tuple[Store, Store]) -> None:
    first, second = stores
    case_id = _case(first)
    document = _document(first, case_id)
    assert document["format"] == "sessionkit/2"
    body = document["case"]
    assert body["closed_reason"] == "Family moved away"
    assert body["care_status_history"] == [
        {"changed_on": "2026-01-05", "care_status": ["child_in_need"], "note": ""},
        {
            "changed_on": "2026-02-01",
            "care_status": ["child_protection_plan"],
            "note": "conference",
        },
    ]
    # By date, the earlier visit first; each keeps the number it was given.
    assert [v["number"] for v in body["visits"]] == [2, 1]
    answers = [r for v in body["visits"] for r in v["responses"]]
    assert [r["given_as"] for r in answers] == [None, "pointed"]
    assert [r["change_talk"] for r in answers] == [["desire", "need"]] * 2

    new_id = _import(document, second)
    case = second.get_case(new_id)
    assert case.closed_reason == "Family moved away"
    assert [(c.changed_on, c.care_status, c.note) for c in second.care_status_history(new_id)] == [
        (c.changed_on, c.care_status, c.note) for c in first.care_status_history(case_id)
    ]
    assert [v.number for v in second.list_visits(new_id)] == [2, 1]
    assert [r.given_as for r in second.responses_for_case(new_id)] == [
        r.given_as for r in first.responses_for_case(case_id)
    ]


def test_a_format_1_file_still_imports_with_the_upgrades_defaults(
    stores: tuple[Store, Store],
) -> None:
    first, second = stores
    document = _as_format_1(_document(first, _case(first)))
    new_id = _import(document, second)
    case = second.get_case(new_id)
    assert case.closed_reason == ""
    # One entry, on the day the case was opened, with the case's status.
    assert second.care_status_history(new_id) == [
        CareStatusChange(case_id=new_id, care_status=case.care_status, changed_on=OPENED)
    ]
    # Numbered in the order of the file's list (by date), as the upgrade numbers visits.
    assert [v.number for v in second.list_visits(new_id)] == [1, 2]
    answers = second.responses_for_case(new_id)
    assert [r.given_as for r in answers] == [None, None]
    assert [r.change_talk for r in answers] == [frozenset({ChangeTalk.DESIRE})] * 2


def test_a_format_1_change_talk_of_null_is_none(stores: tuple[Store, Store]) -> None:
    first, second = stores
    document = _as_format_1(_document(first, _case(first)))
    document["case"]["visits"][0]["responses"][0]["change_talk"] = None
    new_id = _import(document, second)
    assert second.responses_for_case(new_id)[0].change_talk == frozenset()


def test_a_visit_without_a_number_comes_after_the_highest(stores: tuple[Store, Store]) -> None:
    first, second = stores
    document = _document(first, _case(first))
    document["case"]["visits"][0]["number"] = None  # beside the other's number 1
    new_id = _import(document, second)
    assert [v.number for v in second.list_visits(new_id)] == [2, 1]


def test_two_visits_with_one_number_are_refused_naming_the_place(
    stores: tuple[Store, Store],
) -> None:
    first, second = stores
    document = _document(first, _case(first))
    document["case"]["visits"][1]["number"] = 2
    assert str(_refused(document)) == (
        "case.json: case.visits[1].number: 2 is already the number of case.visits[0]"
    )
    assert second.list_cases() == []


@pytest.mark.parametrize("number", [0, -3])
def test_a_visit_number_below_one_is_refused_naming_the_place(
    stores: tuple[Store, Store], number: int
) -> None:
    first, _ = stores
    document = _document(first, _case(first))
    document["case"]["visits"][1]["number"] = number
    refused = _refused(document)
    assert refused.where == "case.visits[1].number"
    assert "\n" not in str(refused)


def test_a_care_status_history_entry_is_checked_naming_the_place(
    stores: tuple[Store, Store],
) -> None:
    first, _ = stores
    document = _document(first, _case(first))
    document["case"]["care_status_history"][1]["changed_on"] = "2026-13-01"
    assert _refused(document).where == "case.care_status_history[1].changed_on"
