"""`sessionkit plan --case REF [--output FILE]`: the plan as Markdown, printed or saved."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sessionkit.cli import main
from sessionkit.domain import Case, Goal, Member, PlannedTool, Role, Visit, VisitPlan
from sessionkit.storage import Store

WHEN = datetime(2026, 3, 4, 14, 5, tzinfo=UTC)


def add_case(data: Path, reference: str = "AB-1") -> tuple[Store, Case, Goal, Member]:
    store = Store.open(data / "sessionkit.db")
    case = store.add_case(Case(reference=reference))
    amy = store.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD, age=9))
    goal = store.add_goal(Goal(case_id=case.id, text="Calmer mornings"))
    return store, case, goal, amy


def plan_for(case: Case, goal: Goal, amy: Member, change: str) -> VisitPlan:
    assert goal.id is not None and amy.id is not None
    return VisitPlan(
        case_id=case.id,
        goal_ids=[goal.id],
        change_looks_like=change,
        tools=[PlannedTool(tool_id="three-houses", reason="Amy likes drawing")],
        expected_member_ids=[amy.id],
        updated_at=WHEN,
    )


def test_prints_the_draft_plan(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, case, goal, amy = add_case(data)
    with store:
        store.save_plan(plan_for(case, goal, amy, "Out of the door by 8"))
    assert main(["plan", "--case", "ab-1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Visit plan: AB-1\n\nUpdated 4 Mar 2026, 14:05. Plan draft.\n")
    assert "> Calmer mornings\n" in out and "> Out of the door by 8\n" in out
    # Tool name and purpose come from the bundled pack.
    assert "### Three Houses\n" in out and "What it is for:" in out
    assert "- Amy, child, 9\n" in out


def test_latest_plan_when_there_is_no_draft(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, case, goal, amy = add_case(data)
    with store:
        first = store.save_plan(plan_for(case, goal, amy, "First plan"))
        store.start_visit(Visit(case_id=case.id, plan_id=first.id, pack_id="core"))
        second = store.save_plan(plan_for(case, goal, amy, "Second plan"))
        store.start_visit(Visit(case_id=case.id, plan_id=second.id, pack_id="gone-pack"))
    assert main(["plan", "--case", "AB-1"]) == 0
    out = capsys.readouterr().out
    assert "Second plan" in out and "First plan" not in out
    assert "Plan started" in out and "### Three Houses" in out


def test_no_plan_yet(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, *_ = add_case(data)
    store.close()
    assert main(["plan", "--case", "AB-1"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "sessionkit: No plan for AB-1 yet.\n"


def test_unknown_case(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--case", "ZZ-9"]) == 2
    assert capsys.readouterr().err.strip() == "sessionkit: No case ZZ-9."


def test_output_file_is_private_and_matches_what_is_printed(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, case, goal, amy = add_case(data)
    with store:
        store.save_plan(plan_for(case, goal, amy, "# not a heading"))
    assert main(["plan", "--case", "AB-1"]) == 0
    printed = capsys.readouterr().out
    target = tmp_path / "out" / "plan.md"
    target.parent.mkdir()
    assert main(["plan", "--case", "AB-1", "--output", str(target)]) == 0
    assert str(target) in capsys.readouterr().out
    assert target.read_text(encoding="utf-8") == printed
    assert target.stat().st_mode & 0o777 == 0o600
    assert "> \\# not a heading\n" in printed


def test_output_folder_missing_is_one_line(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, case, goal, amy = add_case(data)
    with store:
        store.save_plan(plan_for(case, goal, amy, "x"))
    target = tmp_path / "nowhere" / "plan.md"
    assert main(["plan", "--case", "AB-1", "--output", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sessionkit: Cannot write") and str(target) in err
    assert err.count("\n") == 1
    assert not target.parent.exists()


def test_case_option_is_required(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["plan"])
    assert caught.value.code == 2
    assert "--case" in capsys.readouterr().err
