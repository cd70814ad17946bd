"""`sessionkit outcomes`: anonymised movement by care-status group, as CSV or JSON."""

from __future__ import annotations

import json
import sys
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
    # changes are +1, +2, +3, 0, -1: 3 up, 1 the same, 1 down, each below 5 and so not
    # shown. Only four rate their goal.
    with Store.open(data / "sessionkit.db") as store:
        for number, latest in enumerate((5, 6, 7, 4, 3), start=1):
            add_case(store, number, 4, latest, rate_goal=number != 5)


EXPECTED_CSV = (
    HEADER + f"child protection plan and in care,,,,,,,,,{FEW}\n"
    f'"child protection plan, not in care",,,,,,,,,{FEW}\n'
    '"in care, not on a plan",goal.rating,,,,,,,,fewer than 5 cases answered this question\n'
    '"in care, not on a plan",scaling.safety,5,5,,,,,,\n'
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
    assert doc["min_cases"] == 5 and doc["round_to"] == 5
    shown = [r for r in doc["rows"] if r["suppressed"] is None]
    assert shown == [
        {
            "group": "in care, not on a plan",
            "prompt_id": "scaling.safety",
            "cases": 5,
            "series": 5,
            "mean_change": None,
            "median_change": None,
            "went_up": None,
            "stayed_same": None,
            "went_down": None,
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


def outcomes_json(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["outcomes", "--format", "json"]) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)["rows"]
    return rows


def assert_no_small_number(rows: list[dict[str, object]]) -> None:
    for row in rows:
        for column in ("cases", "series", "went_up", "stayed_same", "went_down"):
            count = row[column]
            assert count is None or (isinstance(count, int) and count >= 5 and count % 5 == 0)
        assert row["mean_change"] is None and row["median_change"] is None


def test_one_family_down_by_four_is_not_singled_out(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Four stay at 4, one goes from 4 to 0: shown as stayed_same=4, went_down=1 and
    # mean=-0.8, anyone knowing the group could tell that family went down by exactly 4.
    with Store.open(data / "sessionkit.db") as store:
        for number, latest in enumerate((4, 4, 4, 4, 0), start=1):
            add_case(store, number, 4, latest, rate_goal=False)
    rows = outcomes_json(capsys)
    assert_no_small_number(rows)
    shown = [r for r in rows if r["suppressed"] is None]
    assert [(r["prompt_id"], r["cases"], r["series"]) for r in shown] == [("scaling.safety", 5, 5)]
    assert shown[0]["stayed_same"] is None and shown[0]["went_down"] is None


@pytest.mark.parametrize("sixth", [-4, -3, -1])
def test_a_sixth_case_added_between_runs_cannot_be_told_by_differencing(
    data: Path, capsys: pytest.CaptureFixture[str], sixth: int
) -> None:
    # Five cases that went up by 1, then a sixth that went down: before, the mean went
    # from 1 to (5 + sixth) / 6 and went_down from 0 to 1, which gives the sixth away.
    with Store.open(data / "sessionkit.db") as store:
        for number in range(1, 6):
            add_case(store, number, 4, 5, rate_goal=False)
    before = outcomes_json(capsys)
    with Store.open(data / "sessionkit.db") as store:
        add_case(store, 6, 5, 5 + sixth, rate_goal=False)
    after = outcomes_json(capsys)
    assert_no_small_number(before + after)
    # Identical whatever the sixth family's change (down by 1, 3 or 4).
    assert after == before


def test_an_imported_prompt_id_is_pooled_not_listed(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An import can carry any text as a prompt id; before, it was a row in every group.
    said = "harper.maya.disclosed.dad.hits"
    with Store.open(data / "sessionkit.db") as store:
        for number in range(1, 6):
            add_case(store, number, 4, 5, rate_goal=False)
            case = store.find_case(f"CARE-{number}")
            assert case is not None and case.id is not None
            child = store.list_members(case.id)[0]
            assert child.id is not None
            for visit in store.list_visits(case.id):
                assert visit.id is not None
                store.record_response(
                    Response(visit_id=visit.id, prompt_id=said, answered_by=child.id, value=3)
                )
    assert main(["outcomes"]) == 0
    out = capsys.readouterr().out
    assert "harper" not in out and "maya" not in out
    assert '"in care, not on a plan",other questions,5,5,,,,5,,\n' in out
    assert '"in care, not on a plan",scaling.safety,5,5,,,5,,,\n' in out


def test_outcomes_only_reads_so_a_full_disk_does_not_stop_it(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    fill(data)
    real_connect = sqlite3.connect

    def full_disk_connect(database: object, *args: object, **kwargs: object) -> object:
        # On a full disk, opening for writing fails (SQLite cannot grow the file or make
        # its -wal); a read-only open still works.
        if not (kwargs.get("uri") and "mode=ro" in str(database)):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = 13  # type: ignore[attr-defined]
            raise error
        return real_connect(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", full_disk_connect)
    assert main(["outcomes"]) == 0
    assert capsys.readouterr().out == EXPECTED_CSV


@pytest.mark.skipif(sys.platform == "win32", reason="folder modes are POSIX")
def test_outcomes_leave_a_read_only_folder_as_it_was(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data)
    database = data / "sessionkit.db"
    before = database.read_bytes()
    database.chmod(0o400)
    data.chmod(0o500)
    try:
        assert main(["outcomes"]) == 0
        assert capsys.readouterr().out == EXPECTED_CSV
        assert data.stat().st_mode & 0o777 == 0o500
        assert database.stat().st_mode & 0o777 == 0o400
        assert sorted(p.name for p in data.iterdir()) == ["sessionkit.db"]
        assert database.read_bytes() == before
    finally:
        data.chmod(0o700)
        database.chmod(0o600)


def test_an_older_database_is_not_upgraded_by_outcomes(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    fill(data)
    database = data / "sessionkit.db"
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    before = database.read_bytes()
    assert main(["outcomes"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "start sessionkit once to upgrade it" in err
    assert database.read_bytes() == before
    assert not (data / "backups").exists() or not any((data / "backups").iterdir())


def test_no_database_yet_gives_the_empty_table_and_creates_nothing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["outcomes"]) == 0
    assert capsys.readouterr().out.count("fewer than 5 cases in this group") == 4
    assert not data.exists()


def test_answers_another_sessionkit_has_not_yet_folded_in_are_counted(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The app is open: its latest answers are still in the -wal file, not the database.
    with Store.open(data / "sessionkit.db") as store:
        for number, latest in enumerate((5, 6, 7, 4, 3), start=1):
            add_case(store, number, 4, latest, rate_goal=number != 5)
        assert (data / "sessionkit.db-wal").stat().st_size > 0
        assert main(["outcomes"]) == 0
        assert capsys.readouterr().out == EXPECTED_CSV


def test_a_file_that_is_not_ours_is_refused_and_left_as_it_was(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    data.mkdir()
    database = data / "sessionkit.db"
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    before = database.read_bytes()
    assert main(["outcomes"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a sessionkit database" in err
    assert database.read_bytes() == before
