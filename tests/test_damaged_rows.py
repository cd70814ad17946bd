"""A sessionkit database with a damaged row: reported in one line, the rest still usable.

A row can pass SQLite's own checks and still be one no valid record could have written
(edited by hand, a disk fault): a case whose care status is not JSON, an answer whose
themes are not a list. Reads leave such a row out and say which; asking for that very
record says it is damaged; `sessionkit check` lists everything, changing nothing.
"""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sessionkit.cli import main
from sessionkit.demo import add_demo
from sessionkit.domain import Case
from sessionkit.storage import Store

SECRET = "Nobody may see these words"


@pytest.fixture
def damaged(data: Path) -> Path:
    """The demo family plus a second case; the demo case's care status is not JSON."""
    path = data / "sessionkit.db"
    with Store.open(path) as store:
        add_demo(store)
        store.add_case(Case(reference="OTHER-1"))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE cases SET care_status = ? WHERE reference = 'DEMO-HARPER'", (SECRET,))
        conn.execute("UPDATE responses SET tags = ? WHERE id = 3", (f'{{"{SECRET}": 1}}',))
        conn.commit()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cases_lists_the_rest_and_names_the_row(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cases"]) == 0
    out, err = capsys.readouterr()
    assert "OTHER-1" in out and "DEMO-HARPER" not in out
    assert err.strip().splitlines() == [
        f"sessionkit: {damaged} is damaged: 1 record could not be read and was left out "
        "(cases row 1); run `sessionkit check`."
    ]
    assert SECRET not in out + err


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--case", "DEMO-HARPER"],
        ["movement", "--case", "DEMO-HARPER"],
        ["plan", "--case", "DEMO-HARPER"],
        ["outcomes"],
    ],
    ids=lambda a: a[0],
)
def test_asking_for_the_damaged_case_is_one_line_not_no_such_case(
    damaged: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert err.strip().splitlines() == [
        f"sessionkit: {damaged} is damaged: cases row 1 cannot be read; run `sessionkit check`."
    ]
    assert SECRET not in out + err and "Traceback" not in err


def test_an_answer_that_cannot_be_read_leaves_the_rest_of_the_case(data: Path) -> None:
    path = data / "sessionkit.db"
    with Store.open(path) as store:
        add_demo(store)
        case = store.find_case("DEMO-HARPER")
        assert case is not None and case.id is not None
        everything = store.responses_for_case(case.id)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE responses SET tags = 'not json' WHERE id = ?", (everything[2].id,))
        conn.commit()
    with Store.open(path) as store:
        shown = store.responses_for_case(case.id)
        assert [r.id for r in shown] == [r.id for r in everything if r.id != everything[2].id]
        assert store.take_unreadable() == [("responses", everything[2].id)]


def test_check_lists_every_problem_and_changes_nothing(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(damaged), damaged.stat().st_mode, damaged.stat().st_mtime_ns
    listing = sorted(p.name for p in damaged.parent.iterdir())
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert lines[0].startswith("cases row 1 cannot be read")
    assert lines[1].startswith("responses row 3 cannot be read")
    assert lines[2] == f"2 problems found in {damaged}."
    assert SECRET not in out + err
    assert (_digest(damaged), damaged.stat().st_mode, damaged.stat().st_mtime_ns) == before
    assert sorted(p.name for p in damaged.parent.iterdir()) == listing


def test_check_finds_nothing_wrong_with_a_sound_database(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data / "sessionkit.db") as store:
        add_demo(store)
    assert main(["check"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith(f"No problems found in {data / 'sessionkit.db'} (")
    assert "106 responses" in out[-1] or "responses" in out[-1]


def test_check_names_a_missing_table_and_a_foreign_file(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data / "sessionkit.db"
    with Store.open(path):
        pass
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TABLE responses")
        conn.commit()
    assert main(["check"]) == 1
    assert "the table responses is missing" in capsys.readouterr().out
    path.unlink()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("PRAGMA user_version = 2")
        conn.commit()
    assert main(["check"]) == 1
    assert "is not a sessionkit database" in capsys.readouterr().out


def test_check_with_no_database_yet_creates_nothing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 0
    assert "nothing to check" in capsys.readouterr().out
    assert not data.exists()
