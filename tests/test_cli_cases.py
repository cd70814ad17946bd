"""`sessionkit cases close|reopen|care`: a case closed for a reason on a day, reopened, its
care status changed from a date; and a case closed this way is one `purge --closed-before`
finds and erases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sessionkit.cli import main
from sessionkit.domain import CareStatus, Case
from sessionkit.storage import Store


def add(data: Path, reference: str, opened: date) -> None:
    data.mkdir(parents=True, exist_ok=True)
    with Store.open(data / "sessionkit.db") as store:
        store.add_case(Case(reference=reference, opened_on=opened))


def stored(data: Path, reference: str) -> Case:
    with Store.open(data / "sessionkit.db") as store:
        case = store.find_case(reference)
    assert case is not None
    return case


def test_a_case_is_closed_listed_as_closed_and_reopened(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(data, "AB-1", date(2024, 1, 1))
    assert main(["cases", "close", "ab-1", "--on", "2024-02-01", "--reason", "moved away"]) == 0
    assert capsys.readouterr().out == "Closed AB-1 on 01 Feb 2024: moved away.\n"
    case = stored(data, "AB-1")
    assert (case.closed_on, case.closed_reason) == (date(2024, 2, 1), "moved away")
    assert main(["cases"]) == 0
    assert "AB-1 (closed)" in capsys.readouterr().out
    assert main(["cases", "close", "AB-1"]) == 2
    assert capsys.readouterr().err == "sessionkit: This case is already closed (01 Feb 2024).\n"
    assert main(["cases", "reopen", "AB-1"]) == 0
    assert capsys.readouterr().out == "Reopened AB-1.\n"
    assert not stored(data, "AB-1").is_closed


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["cases", "close", "AB-1", "--on", "2023-12-31"],
            "Closed on: not before the case opened (01 Jan 2024).",
        ),
        (
            ["cases", "close", "AB-1", "--on", "1/2/2024"],
            "--on: write it YYYY-MM-DD, such as 2026-03-31, or leave it out for today.",
        ),
        (
            ["cases", "close", "AB-1", "--reason", " "],
            "Reason: choose one or write why the case is closed.",
        ),
        (["cases", "reopen", "AB-1"], "This case is open: there is nothing to reopen."),
        (["cases", "close", "NOPE"], "No case NOPE; `sessionkit cases` lists them."),
    ],
)
def test_a_refusal_is_one_line(
    data: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    add(data, "AB-1", date(2024, 1, 1))
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"sessionkit: {message}\n")
    assert not stored(data, "AB-1").is_closed


def test_the_care_status_changes_from_a_date(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(data, "AB-1", date(2024, 1, 1))
    argv = ["cases", "care", "AB-1", "--status", "in_care", "--status", "child_in_need"]
    assert main([*argv, "--on", "2024-03-01", "--note", "after review"]) == 0
    assert capsys.readouterr().out.startswith("AB-1: ")
    assert stored(data, "AB-1").care_status == {CareStatus.IN_CARE, CareStatus.CHILD_IN_NEED}
    with Store.open(data / "sessionkit.db") as store:
        history = store.care_status_history(stored(data, "AB-1").id or 0)
    assert (history[-1].changed_on, history[-1].note) == (date(2024, 3, 1), "after review")


def test_purge_closed_before_finds_a_case_closed_with_the_cli(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(data, "OLD-1", date(2023, 6, 1))
    add(data, "OPEN-1", date(2023, 6, 1))
    add(data, "LATE-1", date(2023, 6, 1))
    assert main(["cases", "close", "OLD-1", "--on", "2024-01-10", "--reason", "needs met"]) == 0
    assert main(["cases", "close", "LATE-1", "--on", "2024-05-01", "--reason", "transferred"]) == 0
    capsys.readouterr()
    assert main(["purge", "--closed-before", "2024-03-31", "--yes"]) == 0
    assert "Erased OLD-1" in capsys.readouterr().out
    with Store.open(data / "sessionkit.db") as store:
        assert sorted(s.reference for s in store.list_cases()) == ["LATE-1", "OPEN-1"]
