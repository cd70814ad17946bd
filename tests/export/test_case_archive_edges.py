"""Edges of an import: dates at the ends of the calendar, a lone carriage return, a case
closed before it opened, and a path that is not a regular file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sessionkit.domain import Case, Member, Response, Role, Visit
from sessionkit.export.archive.document import document_text
from sessionkit.export.archive.dump import export_case
from sessionkit.export.archive.errors import BadArchive
from sessionkit.export.archive.load import parse_archive, read_archive
from sessionkit.storage import Store

WHEN = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
SOURCE = "case.json"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with Store.open(tmp_path_factory.mktemp("edges") / "s.db") as store:
        case = store.add_case(Case(reference="EDGE-1"))
        amy = store.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD, age=9))
        assert case.id is not None and amy.id is not None
        visit = store.start_visit(Visit(case_id=case.id, started_at=WHEN))
        store.record_response(
            Response(
                visit_id=visit.id,
                prompt_id="scaling.safety",
                answered_by=amy.id,
                value=7,
                scale_min=0,
                scale_max=10,
                text="first",
                said_at=WHEN,
                recorded_at=WHEN,
            )
        )
        text = document_text(export_case(store, case.id, exported_at=WHEN))
    parsed: dict[str, Any] = json.loads(text)
    return parsed


def refused(doc: dict[str, Any]) -> BadArchive:
    with pytest.raises(BadArchive) as caught:
        parse_archive(json.dumps(doc).encode(), SOURCE)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{SOURCE}: ")
    return caught.value


def copy(good: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(good))
    return result


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59"])
@pytest.mark.parametrize("field", ["started_at", "said_at"])
def test_import_dates_at_the_edge_of_the_range_are_one_line_not_overflow(
    good: dict[str, Any], stamp: str, field: str
) -> None:
    doc = copy(good)
    if field == "started_at":
        doc["case"]["visits"][0]["started_at"] = stamp
        place = "case.visits[0].started_at"
    else:
        doc["case"]["visits"][0]["responses"][0]["said_at"] = stamp
        place = "case.visits[0].responses[0].said_at"
    error = refused(doc)
    assert error.where == place
    assert "range" in error.what


def test_import_keeps_a_lone_carriage_return_as_a_line_break(good: dict[str, Any]) -> None:
    doc = copy(good)
    doc["case"]["visits"][0]["responses"][0]["text"] = "line1\rline2\r\nline3"
    record = parse_archive(json.dumps(doc).encode(), SOURCE)
    assert record.visits[0].responses[0].response.text == "line1\nline2\nline3"


def test_import_refuses_closed_on_before_opened_on(good: dict[str, Any]) -> None:
    doc = copy(good)
    doc["case"]["opened_on"] = "2026-03-02"
    doc["case"]["closed_on"] = "2026-03-01"
    error = refused(doc)
    assert error.where == "case.closed_on"
    assert "before" in error.what


def test_import_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(BadArchive) as caught:
        read_archive(tmp_path)
    assert "not a regular file" in caught.value.what or "folder" in caught.value.what


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_import_of_a_named_pipe_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sessionkit.export.archive.errors import BadArchive\n"
        "from sessionkit.export.archive.load import read_archive\n"
        "try:\n"
        "    read_archive(Path(sys.argv[1]))\n"
        "except BadArchive as e:\n"
        "    print(e.what)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=20
    )
    assert done.stdout.strip() == "is not a regular file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_import_of_a_device_is_refused() -> None:
    with pytest.raises(BadArchive) as caught:
        read_archive(Path("/dev/zero"))
    assert caught.value.what == "is not a regular file"


def test_import_command_says_one_line_and_writes_nothing_for_an_edge_date(
    data: Path, good: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from sessionkit.cli import main

    doc = copy(good)
    doc["case"]["visits"][0]["started_at"] = "9999-12-31T23:59:59-23:59"
    source = data.parent / "edge.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["import", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "case.visits[0].started_at" in err, err
    with Store.open(data / "sessionkit.db") as store:
        assert store.find_case("EDGE-1") is None
