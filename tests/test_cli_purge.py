"""`sessionkit purge`: shows what will go, asks for it to be typed back, erases for good."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from erasure_sample import add_full_case, database_files, traces, words
from sessionkit.cli import main
from sessionkit.domain import CareStatus
from sessionkit.storage import Store
from sessionkit.storage.backup import backup_database

KEEP = "Bramwell"
GONE = "Zorvex"


class Typed(io.StringIO):
    """What the user types at a terminal."""

    def isatty(self) -> bool:
        return True


class Piped(io.StringIO):
    def isatty(self) -> bool:
        return False


def ref(tag: str) -> str:
    return words(tag)["Reference"]


def fill(data: Path, *, backup: bool = False) -> None:
    with Store.open(data / "sessionkit.db") as store:
        add_full_case(store, KEEP, care={CareStatus.IN_CARE})
        add_full_case(store, GONE, care={CareStatus.CHILD_PROTECTION_PLAN})
        if backup:
            backup_database(store._connection(), data / "backups", 2)


def references(data: Path) -> list[str]:
    with Store.open(data / "sessionkit.db") as store:
        return [s.reference for s in store.list_cases()]


def test_typing_the_reference_back_erases_the_case(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(data, backup=True)
    monkeypatch.setattr("sys.stdin", Typed(ref(GONE).lower() + "\n"))
    assert main(["purge", "--case", ref(GONE)]) == 0
    out = capsys.readouterr().out
    backup = next((data / "backups").iterdir())
    assert out == (
        "This erases, for good:\n"
        f"  {ref(GONE)}  open, 2 people, 1 visit, 3 answers\n"
        f"Type the reference ({ref(GONE)}) to erase it, or press Enter to keep it: "
        f"Erased {ref(GONE)}: 2 people, 1 visit, 3 answers.\n"
        "The database was compacted and its journal emptied: no copy is left in them.\n"
        "Rewrote 1 backup without what was erased (other cases kept):\n"
        f"  {backup}\n"
        "Not touched: files you exported (plans, case notes) and copies made by other "
        "software, such as backups of the whole computer.\n"
    )
    assert references(data) == [ref(KEEP)]
    assert traces(database_files(data / "sessionkit.db"), GONE) == []


@pytest.mark.parametrize("typed", ["\n", "Bramwell\n", "yes\n", ""])
def test_anything_else_typed_keeps_the_case(
    data: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
) -> None:
    fill(data)
    monkeypatch.setattr("sys.stdin", Typed(typed))
    assert main(["purge", "--case", ref(GONE)]) == 1
    assert capsys.readouterr().err == "sessionkit: Not confirmed; nothing was erased.\n"
    assert sorted(references(data)) == sorted([ref(KEEP), ref(GONE)])


def test_without_a_terminal_it_needs_yes(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(data)
    monkeypatch.setattr("sys.stdin", Piped(ref(GONE) + "\n"))
    assert main(["purge", "--case", ref(GONE)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "sessionkit: purge asks you to type the reference back: run it in a terminal, "
        "or add --yes.\n"
    )
    assert len(references(data)) == 2
    assert main(["purge", "--case", ref(GONE), "--yes"]) == 0
    assert references(data) == [ref(KEEP)]


def test_closed_before_lists_the_cases_and_asks_for_their_number(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data / "sessionkit.db") as store:
        add_full_case(store, "Cobb", closed_on=date(2024, 3, 30))
        add_full_case(store, "Alder", closed_on=date(2023, 1, 1))
        add_full_case(store, "Dunmore", closed_on=date(2024, 3, 31))
        add_full_case(store, "Elm")
    monkeypatch.setattr("sys.stdin", Typed("2\n"))
    assert main(["purge", "--closed-before", "2024-03-31"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "This erases, for good:\n"
        f"  {ref('Alder')}  closed 1 Jan 2023, 2 people, 1 visit, 3 answers\n"
        f"  {ref('Cobb')}   closed 30 Mar 2024, 2 people, 1 visit, 3 answers\n"
        "Type 2 to erase these 2 cases, or press Enter to keep them: "
        f"Erased {ref('Alder')}: 2 people, 1 visit, 3 answers.\n"
        f"Erased {ref('Cobb')}: 2 people, 1 visit, 3 answers.\n"
    )
    assert sorted(references(data)) == [ref("Dunmore"), ref("Elm")]


def test_closed_before_with_nothing_to_erase(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data)
    assert main(["purge", "--closed-before", "2024-03-31", "--yes"]) == 0
    assert capsys.readouterr().out == "No cases closed before 31 Mar 2024; nothing to erase.\n"
    assert len(references(data)) == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["purge", "--case", "NOPE-9", "--yes"],
            "No case NOPE-9 in the database or its backups; `sessionkit cases` lists them.",
        ),
        (
            ["purge", "--closed-before", "31/03/2024", "--yes"],
            "--closed-before needs a date written YYYY-MM-DD, such as 2024-03-31; "
            "'31/03/2024' is not one.",
        ),
        (
            ["purge", "--closed-before", "2024-02-30", "--yes"],
            "--closed-before needs a date written YYYY-MM-DD, such as 2024-03-31; "
            "'2024-02-30' is not one.",
        ),
        (
            ["purge", "--yes"],
            "purge needs either --case REF or --closed-before DATE; "
            "no interrupted erasure is waiting to be finished.",
        ),
        (
            ["purge", "--case", "X", "--closed-before", "2024-01-01", "--yes"],
            "purge needs either --case REF or --closed-before DATE (not both).",
        ),
    ],
)
def test_bad_input_is_one_line(
    data: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    fill(data)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"sessionkit: {message}\n"
    assert len(references(data)) == 2


def test_a_busy_database_is_one_line_and_nothing_goes(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(data)
    db = data / "sessionkit.db"
    # A short wait, so the test does not sit out the usual busy timeout.
    monkeypatch.setattr(
        "sessionkit.commands.purge.open_store",
        lambda loc: Store.open(loc.database, busy_timeout_ms=50),
    )
    with closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        assert main(["purge", "--case", ref(GONE), "--yes"]) == 2
        other.execute("ROLLBACK")
    captured = capsys.readouterr()
    assert captured.err == (
        f"sessionkit: {db} is busy: another sessionkit is using it; nothing was erased. "
        "Close it and try again.\n"
    )
    assert len(references(data)) == 2


def test_a_backup_that_cannot_be_read_is_named_and_the_exit_status_says_so(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data)
    broken = data / "backups" / "sessionkit-v1-20240101-000000.db"
    broken.parent.mkdir(mode=0o700)
    broken.write_bytes(b"\x00" * 100)
    assert main(["purge", "--case", ref(GONE), "--yes"]) == 3
    captured = capsys.readouterr()
    assert (
        f"Could not read or rewrite the backup {broken}; it may still hold a copy: "
        "delete it if you no longer need it.\n"
    ) in captured.out
    assert captured.err == f"sessionkit: Erased, but a copy may remain in {broken}.\n"
    assert references(data) == [ref(KEEP)]


def test_help_says_what_erased_means(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["purge", "--help"])
    out = capsys.readouterr().out
    assert "every backup in the backups folder" in out and "--yes" in out


def test_case_notes_saved_in_the_exports_folder_are_named_not_deleted(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sessionkit.export.case_note import case_note_file_name

    fill(data)
    exports = data / "exports"
    exports.mkdir()
    gone = exports / case_note_file_name(ref(GONE), 1, date(2026, 3, 2))
    kept = exports / case_note_file_name(ref(KEEP), 1, date(2026, 3, 2))
    for path in (gone, kept):
        path.write_text("a note\n", encoding="utf-8")
    assert main(["purge", "--case", ref(GONE), "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"  {gone}\n" in out and str(kept) not in out
    assert gone.exists() and kept.exists()  # listed for the practitioner to check, not deleted


def test_purge_alone_finishes_an_interrupted_erasure_without_asking(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sessionkit.storage.codec import reference_key
    from sessionkit.storage.erase import case_by_reference
    from sessionkit.storage.erase_journal import journal_path, new_journal, write_journal

    fill(data, backup=True)
    db = data / "sessionkit.db"
    with Store.open(db) as store:
        found = case_by_reference(store, ref(GONE))
        assert found is not None
        write_journal(journal_path(db), new_journal([(found.case_id, reference_key(ref(GONE)))]))
    # Confirmed when it began: not asked again, even with no terminal to ask in.
    monkeypatch.setattr("sys.stdin", Piped(""))
    assert main(["purge"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("An erasure was interrupted; finishing it now.\n")
    assert out.endswith("The interrupted erasure is finished.\n")
    assert references(data) == [ref(KEEP)]
    assert traces(database_files(db), GONE) == []
    assert not journal_path(db).exists()


def test_a_damaged_erasure_journal_is_one_line(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data)
    (data / "erasure-pending.json").write_text("{", encoding="utf-8")
    assert main(["purge", "--case", ref(GONE), "--yes"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "cannot be read" in captured.err
    assert len(references(data)) == 2
