"""`sessionkit export` and `sessionkit import`: exit codes, one-line errors, private files,
and nothing written when anything is wrong."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from sessionkit.cli import main
from sessionkit.demo import add_demo
from sessionkit.domain.models import Visit
from sessionkit.export.archive import load
from sessionkit.export.archive.document import document_schema_text
from sessionkit.export.case_note import draft_case_note
from sessionkit.locations import resolve
from sessionkit.storage import Store, StoreNotWritable
from sessionkit.storage.batch import Batch
from sessionkit.toolpacks import DEFAULT_PACK_ID, catalog_for

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 3, 9)
TABLES = ("cases", "members", "goals", "goal_status_changes", "plans", "visits", "responses")


@pytest.fixture
def demo(data: Path) -> Path:
    with Store.open(data / "sessionkit.db") as store:
        add_demo(store, today=TODAY)
    return data / "sessionkit.db"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.err.startswith("sessionkit: ")
    return captured.err.removeprefix("sessionkit: ").rstrip("\n")


def without_time(text: str) -> dict[str, object]:
    doc: dict[str, object] = json.loads(text)
    del doc["exported_at"]
    return doc


# --- export ----------------------------------------------------------------------------------


def test_json_export_to_stdout_and_back_in_elsewhere(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["export", "--case", "demo-harper"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed)["format"] == "sessionkit/2"
    saved = tmp_path / "harper.json"
    saved.write_text(printed, encoding="utf-8")

    monkeypatch.setenv("SESSIONKIT_DATA_DIR", str(tmp_path / "elsewhere"))
    assert main(["import", str(saved)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported DEMO-HARPER: 4 people, 2 goals, 5 visits, ")
    assert main(["export", "--case", "DEMO-HARPER"]) == 0
    assert without_time(capsys.readouterr().out) == without_time(printed)


def test_output_file_is_private_and_whole(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "harper.json"
    target.parent.mkdir()
    assert main(["export", "--case", "DEMO-HARPER", "--output", str(target)]) == 0
    assert capsys.readouterr().out == f"Wrote DEMO-HARPER to {target}\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert main(["export", "--case", "DEMO-HARPER"]) == 0
    assert without_time(target.read_text(encoding="utf-8")) == without_time(capsys.readouterr().out)
    assert [p.name for p in target.parent.iterdir()] == ["harper.json"]  # no temporary left


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_output_that_cannot_be_written_is_one_line_and_nothing_is_left(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    missing = tmp_path / "nowhere" / "x.out"
    assert main(["export", "--case", "DEMO-HARPER", "--format", fmt, "--output", str(missing)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"Cannot write {missing} (") and err.endswith("nothing was written.")
    assert not missing.parent.exists()

    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["export", "--case", "DEMO-HARPER", "--output", str(folder)]) == 2
    assert one_line_error(capsys).startswith(f"Cannot write {folder} (")
    assert list(folder.iterdir()) == []


def test_csv_to_stdout_is_utf8_with_crlf(
    demo: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", "--case", "DEMO-HARPER", "--format", "csv"]) == 0
    raw = capsysbinary.readouterr().out
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[0].startswith("case,visit,visit_started_at,prompt_id,question,answered_by,")
    assert lines[-1] == ""  # ends with a line end
    assert all(line.startswith("DEMO-HARPER,") for line in lines[1:-1])
    assert {line.split(",")[1] for line in lines[1:-1]} == {"1", "2", "3", "4", "5"}


def test_csv_of_the_latest_visit(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--case", "DEMO-HARPER", "--format", "csv", "--visit", "latest"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert rows and {row.split(",")[1] for row in rows} == {"5"}
    assert main(["export", "--case", "DEMO-HARPER", "--format", "csv", "--visit", "5"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == rows


def test_md_is_the_draft_case_note_of_that_visit(
    demo: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--case", "DEMO-HARPER", "--format", "md", "--visit", "2"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# Case note: DEMO-HARPER, visit 2\n")
    with Store.open(demo) as store:
        case = store.find_case("DEMO-HARPER")
        assert case is not None and case.id is not None
        visits = store.list_visits(case.id)
        pack = catalog_for(resolve()).get(visits[1].pack_id or DEFAULT_PACK_ID)
        assert pack is not None
        expected = draft_case_note(
            case,
            visits[1],
            store.list_members(case.id, include_inactive=True),
            store.responses_for_case(case.id),
            store.list_goals(case.id),
            pack,
            visits=visits,
        )
    assert printed == expected
    assert main(["export", "--case", "DEMO-HARPER", "--format", "md", "--visit", "latest"]) == 0
    assert capsys.readouterr().out.startswith("# Case note: DEMO-HARPER, visit 5\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "md"],
            "--format md writes one visit's case note: add --visit N (1 is the first visit) "
            "or --visit latest.",
        ),
        (
            ["--format", "md", "--visit", "9"],
            "DEMO-HARPER has no visit 9; --visit takes 1 to 5 or 'latest'.",
        ),
        (
            ["--format", "csv", "--visit", "0"],
            "--visit takes a visit number (1 is the first) or 'latest'.",
        ),
        (
            ["--format", "csv", "--visit", "two"],
            "--visit takes a visit number (1 is the first) or 'latest'.",
        ),
        (
            ["--visit", "1"],
            "--visit is for csv and md; a json export always holds the whole case.",
        ),
    ],
)
def test_visit_option_errors(
    demo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["export", "--case", "DEMO-HARPER", *args]) == 2
    assert one_line_error(capsys) == message


def test_a_case_without_visits(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sessionkit.domain import Case

    with Store.open(data / "sessionkit.db") as store:
        store.add_case(Case(reference="EMPTY-1"))
    assert main(["export", "--case", "EMPTY-1", "--format", "md", "--visit", "1"]) == 2
    assert one_line_error(capsys) == "EMPTY-1 has no visits yet."
    assert main(["export", "--case", "EMPTY-1", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 1  # the header only


def test_unknown_case_and_missing_case_option(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--case", "ZZ-9"]) == 2
    assert one_line_error(capsys) == "No case ZZ-9."
    assert main(["export"]) == 2
    assert one_line_error(capsys) == "export needs --case REF (or --schema for the JSON Schema)."


def test_schema_is_printed_and_the_docs_copy_is_current(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == document_schema_text()
    schema = json.loads(printed)
    assert schema["title"] == "sessionkit case export"
    assert schema["required"] == ["format", "exported_at", "case"]
    assert schema["properties"]["format"]["enum"] == ["sessionkit/1", "sessionkit/2"]
    committed = (REPO / "docs" / "case-export.schema.json").read_text(encoding="utf-8")
    assert committed == printed, (
        "docs/case-export.schema.json is out of date: run "
        "`sessionkit export --schema > docs/case-export.schema.json`"
    )


# --- import ----------------------------------------------------------------------------------


@pytest.fixture
def exported(demo: Path, tmp_path: Path) -> Path:
    target = tmp_path / "harper.json"
    assert main(["export", "--case", "DEMO-HARPER", "--output", str(target)]) == 0
    return target


def test_a_reference_already_there_is_refused_and_nothing_changes(
    exported: Path, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    before, rows = digest(demo), counts(demo)
    assert main(["import", str(exported)]) == 2
    assert one_line_error(capsys) == (
        "A case DEMO-HARPER is already here; nothing was imported. Use --as NEW_REF to import "
        "it under a new reference, or --replace to delete the case here and import this one "
        "in its place."
    )
    assert digest(demo) == before and counts(demo) == rows


def test_import_as_a_new_reference(
    exported: Path, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    rows = counts(demo)
    assert main(["import", str(exported), "--as", "HARPER-COPY"]) == 0
    assert capsys.readouterr().out.startswith("Imported HARPER-COPY: 4 people, 2 goals, 5 visits")
    after = counts(demo)
    assert after == {table: 2 * n for table, n in rows.items()}
    assert main(["export", "--case", "harper-copy"]) == 0
    copy = without_time(capsys.readouterr().out)
    original = without_time(exported.read_text(encoding="utf-8"))
    assert copy["case"]["reference"] == "HARPER-COPY"  # type: ignore[index]
    copy["case"]["reference"] = "DEMO-HARPER"  # type: ignore[index]
    assert copy == original


def test_import_replacing_the_case_there(
    exported: Path, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    rows = counts(demo)
    assert main(["import", str(exported), "--replace"]) == 0
    assert capsys.readouterr().out.endswith(
        "It replaced the case that was here under that reference.\n"
    )
    assert counts(demo) == rows
    assert main(["export", "--case", "DEMO-HARPER"]) == 0
    assert without_time(capsys.readouterr().out) == without_time(
        exported.read_text(encoding="utf-8")
    )


def test_as_and_replace_together_are_refused(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    with pytest.raises(SystemExit) as caught:
        main(["import", str(exported), "--as", "X", "--replace"])
    assert caught.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_bad_new_reference(
    exported: Path, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    before = digest(demo)
    assert main(["import", str(exported), "--as", "R" * 41]) == 2
    assert (
        one_line_error(capsys) == "--as: the new reference must be at most 40 characters, not 41."
    )
    assert main(["import", str(exported), "--as", "\x1b"]) == 2
    assert one_line_error(capsys) == "--as: the new reference must not be empty."
    assert digest(demo) == before


BAD_FILES = {
    "not-utf8": (b'{"format": "sessionkit/1",\n "x": "\xff"}', "line 2, column 8: not UTF-8 text"),
    "not-json": (b'{"format": "sessionkit/1",,}', "line 1, column 27: Expecting property name"),
    "deep": (b"[" * 100_000 + b"]" * 100_000, "JSON: nested far too deeply to be an export"),
    "newer": (
        b'{"format": "sessionkit/3"}',
        'format: "sessionkit/3" was made by a newer sessionkit',
    ),
    "other": (b'{"format": "zip/1"}', "format: not a sessionkit export"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_one_line_and_write_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    content, expected = BAD_FILES[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    before, rows = digest(demo), counts(demo)
    assert main(["import", str(path)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"{path}: {expected}")
    assert digest(demo) == before and counts(demo) == rows


def test_schema_and_link_errors_name_the_path(
    exported: Path, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["case"]["reference"] = "NEW-ONE"  # would not clash: only the error stops it
    doc["case"]["visits"][3]["responses"][0]["value"] = "seven"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    before, rows = digest(demo), counts(demo)
    assert main(["import", str(bad)]) == 2
    assert one_line_error(capsys) == (
        f"{bad}: case.visits[3].responses[0].value: Input should be a valid number"
    )
    doc["case"]["visits"][3]["responses"][0]["value"] = 7
    doc["case"]["visits"][3]["responses"][0]["answered_by"] = "m99"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["import", str(bad)]) == 2
    assert one_line_error(capsys) == (
        f'{bad}: case.visits[3].responses[0].answered_by: names a member "m99", not in this file'
    )
    assert digest(demo) == before and counts(demo) == rows


def test_bad_file_into_no_database_creates_none(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.json"
    path.write_text("{", encoding="utf-8")
    assert main(["import", str(path)]) == 2
    one_line_error(capsys)
    assert not (data / "sessionkit.db").exists()


def test_missing_and_too_big_files(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["import", str(tmp_path / "none.json")]) == 2
    assert one_line_error(capsys) == f"{tmp_path / 'none.json'}: file: no such file"
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (3 * 1024 * 1024))
    monkeypatch.setattr(load, "MAX_IMPORT_BYTES", 2 * 1024 * 1024)
    assert main(["import", str(big)]) == 2
    assert one_line_error(capsys) == (
        f"{big}: file: 3.0 MiB is more than the 2 MiB a case export can be"
    )


def test_a_write_failing_part_way_leaves_nothing(
    exported: Path, demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    capsys.readouterr()
    rows = counts(demo)
    written: list[int] = []
    original = Batch.add_response

    def add_response(self: Batch, response: object) -> int:
        if len(written) == 10:
            raise StoreNotWritable(demo, "the disk is full")
        written.append(1)
        return original(self, response)  # type: ignore[arg-type]

    monkeypatch.setattr(Batch, "add_response", add_response)
    assert main(["import", str(exported), "--replace"]) == 2
    assert "the disk is full" in one_line_error(capsys)
    assert len(written) == 10
    assert counts(demo) == rows
    with Store.open(demo) as store:
        case = store.find_case("DEMO-HARPER")
        assert case is not None and case.id is not None
        assert len(store.responses_for_case(case.id)) == rows["responses"]


# --- the note the practitioner saved, visit numbers for good, who wrote it ---------------


def _harper_visits(demo: Path) -> list[Visit]:
    with Store.open(demo) as store:
        case = store.find_case("DEMO-HARPER")
        assert case is not None and case.id is not None
        return store.list_visits(case.id)


def test_md_gives_the_note_the_practitioner_saved_and_says_so(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    third = next(v for v in _harper_visits(demo) if v.number == 3)
    with Store.open(demo) as store:
        store.update_visit(third.model_copy(update={"case_note": "My own note.\nEdited."}))
    assert main(["export", "--case", "DEMO-HARPER", "--format", "md", "--visit", "3"]) == 0
    out = capsys.readouterr()
    assert out.out == "My own note.\nEdited."
    assert "Your case note for DEMO-HARPER, visit 3" in out.err
    assert "as you wrote it" in out.err
    args = ["export", "--case", "DEMO-HARPER", "--format", "md", "--visit", "3", "--regenerate"]
    assert main(args) == 0
    out = capsys.readouterr()
    assert out.out.startswith("# Case note: DEMO-HARPER, visit 3\n")
    assert "drafted afresh from what was recorded" in out.err
    with Store.open(demo) as store:
        assert store.get_visit(third.id or 0).case_note == "My own note.\nEdited."


def test_regenerate_is_only_for_md(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", "--case", "DEMO-HARPER", "--format", "csv", "--regenerate"]
    assert main(args) == 2
    assert "--regenerate is for --format md" in one_line_error(capsys)


def test_visit_n_is_the_visits_number_for_good(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visits = _harper_visits(demo)
    first = visits[0]
    with Store.open(demo) as store:
        # Written up afterwards, dated before every other visit: it is visit 6 all the same.
        early = store.start_visit(
            first.model_copy(
                update={
                    "id": None,
                    "number": None,
                    "plan_id": None,
                    "case_note": "",
                    "started_at": first.started_at - timedelta(days=30),
                    "ended_at": first.started_at - timedelta(days=30) + timedelta(hours=1),
                }
            )
        )
    assert early.number == 6
    assert main(["export", "--case", "DEMO-HARPER", "--format", "md", "--visit", "6"]) == 0
    assert capsys.readouterr().out.startswith("# Case note: DEMO-HARPER, visit 6\n")
    assert main(["export", "--case", "DEMO-HARPER", "--format", "md", "--visit", "1"]) == 0
    assert capsys.readouterr().out.startswith("# Case note: DEMO-HARPER, visit 1\n")


def test_md_is_signed_from_settings(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", "--case", "DEMO-HARPER", "--format", "md", "--visit", "2", "--regenerate"]
    assert main(args) == 0
    assert "\n\nWritten by: (set your name in settings)\n\n" in capsys.readouterr().out
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text(
        'practitioner_name = "Jo Lee"\npractitioner_role = "social worker"\n', encoding="utf-8"
    )
    assert main(args) == 0
    assert "\n\nWritten by: Jo Lee, social worker.\n\n" in capsys.readouterr().out
