"""`sessionkit outcomes`: anonymised movement by care-status group, as CSV or JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sessionkit.cli import main
from sessionkit.domain import CareStatus, Case, Goal, Member, Response, Role, Visit
from sessionkit.storage import Store

HEADER = (
    "group,prompt_id,cases,series,mean_change,median_change,went_up,stayed_same,went_down,"
    "suppressed\n"
)
FEW = "fewer than 5 cases in this group"


def add_case(store: Store, number: int, first: int, latest: int, rate_goal: bool) -> None:
    case = store.add_case(Case(reference=f"CARE-{number}", care_status={CareStatus.IN_CARE}))
    child = store.add_member(Member(case_id=case.id, name=f"Child {number}", role=Role.CHILD))
    goal = store.add_goal(Goal(case_id=case.id, text="Feeling settled"))
    assert child.id is not None
    start = datetime(2025, 4, 1, 10, tzinfo=UTC)
    for week, value in enumerate((first, latest)):
        visit = store.start_visit(Visit(case_id=case.id, started_at=start + timedelta(weeks=week)))
        assert visit.id is not None
        prompts = ["scaling.safety", *([goal.rating_prompt_id] if rate_goal else [])]
        for prompt_id in prompts:
            store.record_response(
                Response(
                    visit_id=visit.id,
                    prompt_id=prompt_id,
                    answered_by=child.id,
                    value=value,
                    scale_min=0,
                    scale_max=10,
                )
            )


def fill(data: Path) -> None:
    # Five cases in care, not on a plan. Safety: 4->5, 4->6, 4->7, 4->4, 4->3, so the
    # changes are +1, +2, +3, 0, -1: mean 1, median 1. Only four rate their goal.
    with Store.open(data / "sessionkit.db") as store:
        for number, latest in enumerate((5, 6, 7, 4, 3), start=1):
            add_case(store, number, 4, latest, rate_goal=number != 5)


EXPECTED_CSV = (
    HEADER + f"child protection plan and in care,,,,,,,,,{FEW}\n"
    f'"child protection plan, not in care",,,,,,,,,{FEW}\n'
    '"in care, not on a plan",goal.rating,,,,,,,,fewer than 5 cases answered this question\n'
    '"in care, not on a plan",scaling.safety,5,5,1,1,3,1,1,\n'
    f"other,,,,,,,,,{FEW}\n"
)


def test_csv_by_default(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data)
    assert main(["outcomes"]) == 0
    assert capsys.readouterr().out == EXPECTED_CSV


def test_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data)
    assert main(["outcomes", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["min_cases"] == 5
    shown = [r for r in doc["rows"] if r["suppressed"] is None]
    assert shown == [
        {
            "group": "in care, not on a plan",
            "prompt_id": "scaling.safety",
            "cases": 5,
            "series": 5,
            "mean_change": 1.0,
            "median_change": 1.0,
            "went_up": 3,
            "stayed_same": 1,
            "went_down": 1,
            "suppressed": None,
        }
    ]


def test_a_higher_threshold_suppresses_more(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data)
    assert main(["outcomes", "--min-group", "6"]) == 0
    out = capsys.readouterr().out
    assert '"in care, not on a plan",,,,,,,,,fewer than 6 cases in this group\n' in out
    assert ",5," not in out


def test_output_file_is_private(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data)
    target = data.parent / "outcomes.csv"
    assert main(["outcomes", "--output", str(target)]) == 0
    assert capsys.readouterr().out == f"Wrote team outcomes to {target}\n"
    assert target.read_text(encoding="utf-8") == EXPECTED_CSV
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "xlsx"], "--format must be csv or json, not 'xlsx'."),
        (
            ["--min-group", "3"],
            "--min-group must be a whole number, 5 or more (fewer could point to a family), "
            "not '3'.",
        ),
        (
            ["--min-group", "five"],
            "--min-group must be a whole number, 5 or more (fewer could point to a family), "
            "not 'five'.",
        ),
    ],
)
def test_bad_input_is_one_line(
    data: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["outcomes", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"sessionkit: {message}\n"


def test_an_output_folder_that_is_missing_is_one_line(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data)
    target = data.parent / "missing" / "outcomes.csv"
    assert main(["outcomes", "--output", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"sessionkit: Cannot write {target} (No such file or directory); nothing was written.\n"
    )
    assert not target.parent.exists()


def test_help_documents_the_columns(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["outcomes", "--help"])
    out = capsys.readouterr().out
    for column in HEADER.strip().split(","):
        assert f"\n  {column} " in out
    assert "child protection plan, not in care" in out
