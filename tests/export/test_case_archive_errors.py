"""A file that is not a good export is refused with one line, `FILE: where: what`, before
anything is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sessionkit.domain import Case, GasLevel, Goal, Member, Response, Role, Visit
from sessionkit.export.archive import load
from sessionkit.export.archive.document import document_text
from sessionkit.export.archive.dump import export_case
from sessionkit.export.archive.errors import BadArchive
from sessionkit.export.archive.load import parse_archive, read_archive
from sessionkit.storage import Store

WHEN = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
SOURCE = "case.json"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A small case with four visits, one answer each, as a parsed document."""
    with Store.open(tmp_path_factory.mktemp("good") / "s.db") as store:
        case = store.add_case(Case(reference="ERR-1"))
        amy = store.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD, age=9))
        store.add_member(Member(case_id=case.id, name="Sam", role=Role.PARENT))
        store.add_goal(
            Goal(
                case_id=case.id,
                text="Calmer mornings",
                gas_levels=[GasLevel(level=n, description=f"level {n}") for n in range(-2, 3)],
                created_at=WHEN,
            )
        )
        assert case.id is not None and amy.id is not None
        for n in range(4):
            visit = store.start_visit(
                Visit(case_id=case.id, started_at=WHEN + timedelta(days=7 * n))
            )
            store.record_response(
                Response(
                    visit_id=visit.id,
                    prompt_id="scaling.safety",
                    answered_by=amy.id,
                    value=7,
                    scale_min=0,
                    scale_max=10,
                    said_at=WHEN,
                    recorded_at=WHEN,
                )
            )
        text = document_text(export_case(store, case.id, exported_at=WHEN))
    parsed: dict[str, Any] = json.loads(text)
    return parsed


def refused(data: bytes) -> BadArchive:
    with pytest.raises(BadArchive) as caught:
        parse_archive(data, SOURCE)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{SOURCE}: ")
    return caught.value


def changed(good: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = json.loads(json.dumps(good))
    change(doc)
    return json.dumps(doc).encode("utf-8")


def test_the_good_document_is_accepted(good: dict[str, Any]) -> None:
    record = parse_archive(json.dumps(good).encode(), SOURCE)
    assert record.reference == "ERR-1" and len(record.visits) == 4


def test_a_byte_order_mark_and_utc_written_as_z_are_accepted(good: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(good))
    doc["case"]["visits"][0]["started_at"] = "2026-03-02T16:00:00Z"
    record = parse_archive(b"\xef\xbb\xbf" + json.dumps(doc).encode(), SOURCE)
    assert record.visits[0].visit.started_at == WHEN


# --- bytes and JSON ------------------------------------------------------------------------


def test_not_utf8_names_line_and_column() -> None:
    error = refused(b'{"format": "sessionkit/1",\n "x": "\xff"}')
    assert str(error) == "case.json: line 2, column 8: not UTF-8 text (save the file as UTF-8)"


def test_json_syntax_error_names_line_and_column() -> None:
    error = refused(b'{"format": "sessionkit/1",\n  "case": }')
    assert str(error) == "case.json: line 2, column 11: Expecting value"


def test_empty_file() -> None:
    assert str(refused(b"")) == "case.json: line 1, column 1: Expecting value"


def test_absurdly_deep_json() -> None:
    error = refused(b"[" * 200_000 + b"]" * 200_000)
    assert str(error) == "case.json: JSON: nested far too deeply to be an export"


def test_deep_json_inside_a_document_names_the_place() -> None:
    inner = "[" * 30 + "]" * 30
    error = refused(f'{{"format": "sessionkit/1", "case": {{"notes": {inner}}}}}'.encode())
    assert error.where.startswith("case.notes[0][0]")
    assert error.what == "nested far too deeply to be an export"


def test_nan_and_infinity_are_not_json() -> None:
    error = refused(b'{"format": "sessionkit/1", "exported_at": NaN}')
    assert str(error) == "case.json: JSON: NaN is not a number JSON allows"
    error = refused(b'{"format": "sessionkit/1", "exported_at": -Infinity}')
    assert error.what == "-Infinity is not a number JSON allows"


def test_a_key_twice_in_one_object_is_refused_not_silently_dropped() -> None:
    error = refused(b'{"format": "sessionkit/1", "format": "sessionkit/1"}')
    assert str(error) == 'case.json: JSON: the key "format" appears twice in one object'


def test_a_number_with_thousands_of_digits() -> None:
    error = refused(b'{"format": "sessionkit/1", "x": ' + b"9" * 5000 + b"}")
    assert str(error) == "case.json: JSON: a number has far too many digits"


def test_a_number_too_big_for_a_float_is_not_finite(good: dict[str, Any]) -> None:
    text = json.dumps(good).replace('"value": 7.0', '"value": 1e999', 1)
    error = refused(text.encode())
    assert str(error) == (
        "case.json: case.visits[0].responses[0].value: Input should be a finite number"
    )


def test_a_lone_surrogate_is_not_text(good: dict[str, Any]) -> None:
    text = json.dumps(good).replace('"name": "Amy"', '"name": "A\\ud800my"')
    error = refused(text.encode())
    assert error.where == "case.members[0].name"
    assert "lone surrogate" in error.what


# --- format --------------------------------------------------------------------------------

NOT_OURS = 'not a sessionkit export (a JSON object with "format": "sessionkit/2" was expected)'


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[]", "top level"),
        ('"sessionkit/1"', "top level"),
        ("{}", "format"),
        ('{"format": 1}', "format"),
        ('{"format": "other/1"}', "format"),
        ('{"format": "sessionkit/0"}', "format"),
        ('{"format": "sessionkit/1.5"}', "format"),
        ('{"format": "Sessionkit/1"}', "format"),
    ],
)
def test_not_a_sessionkit_export(text: str, where: str) -> None:
    assert str(refused(text.encode())) == f"case.json: {where}: {NOT_OURS}"


def test_a_newer_format_asks_for_a_newer_sessionkit(good: dict[str, Any]) -> None:
    error = refused(changed(good, lambda d: d.update(format="sessionkit/3")))
    assert str(error) == (
        'case.json: format: "sessionkit/3" was made by a newer sessionkit; upgrade sessionkit '
        "to import it (this one reads sessionkit/2)"
    )
    assert "newer" in refused(b'{"format": "sessionkit/12"}').what


# --- shape (the schema) --------------------------------------------------------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return change


@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        (
            _set("case.visits.3.responses.0.value", "7"),
            "case.visits[3].responses[0].value",
            "Input should be a valid number",
        ),
        (
            _set("case.visits.3.responses.0.value", True),
            "case.visits[3].responses[0].value",
            "Input should be a valid number",
        ),
        (_set("case.members.0.age", 9.0), "case.members[0].age", "Input should be a valid integer"),
        (
            _set("case.members.0.active", "yes"),
            "case.members[0].active",
            "Input should be a valid boolean",
        ),
        (_drop("case.members.0.name"), "case.members[0].name", "Field required"),
        (_set("case.surprise", 1), "case.surprise", "Extra inputs are not permitted"),
        (
            _set("case.members.1.role", "queen"),
            "case.members[1].role",
            "Input should be 'child', 'sibling', 'parent', 'carer', 'grandparent', "
            "'practitioner' or 'other'",
        ),
        (
            _set("case.visits.0.started_at", "2026-13-01T10:00:00+00:00"),
            "case.visits[0].started_at",
            "not a real date and time",
        ),
        (
            _set("case.visits.0.started_at", "yesterday"),
            "case.visits[0].started_at",
            "String should match pattern "
            "'^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?"
            "(Z|[+-][0-9]{2}:[0-9]{2})?$'",
        ),
        (_set("case.opened_on", "2026-02-30"), "case.opened_on", "not a real date"),
        (_set("case.visits", {}), "case.visits", "Input should be a valid list"),
        (_set("exported_at", None), "exported_at", "Input should be a valid string"),
        (
            _set("case.members.0.id", "m 1"),
            "case.members[0].id",
            "String should match pattern '^[A-Za-z0-9_-]+$'",
        ),
    ],
)
def test_shape_errors_name_the_json_path(
    good: dict[str, Any], change: Callable[[dict[str, Any]], None], where: str, what: str
) -> None:
    error = refused(changed(good, change))
    assert (error.where, error.what) == (where, what)


def test_several_problems_say_how_many_more(good: dict[str, Any]) -> None:
    def change(doc: dict[str, Any]) -> None:
        for visit in doc["case"]["visits"]:
            visit["responses"][0]["value"] = "x"

    error = refused(changed(good, change))
    assert str(error) == (
        "case.json: case.visits[0].responses[0].value: Input should be a valid number (and 3 more)"
    )


# --- links ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        (
            _set("case.visits.2.responses.0.answered_by", "m9"),
            "case.visits[2].responses[0].answered_by",
            'names a member "m9", not in this file',
        ),
        (
            _set("case.visits.1.responses.0.on_behalf_of", "nobody"),
            "case.visits[1].responses[0].on_behalf_of",
            'names a member "nobody", not in this file',
        ),
        (
            _set("case.visits.0.responses.0.goal", "g7"),
            "case.visits[0].responses[0].goal",
            'names a goal "g7", not in this file',
        ),
        (
            _set("case.visits.0.present_members", ["m1", "m3"]),
            "case.visits[0].present_members[1]",
            'names a member "m3", not in this file',
        ),
        (
            _set("case.visits.0.plan", "p1"),
            "case.visits[0].plan",
            'names a plan "p1", not in this file',
        ),
        (
            _set("case.goals.0.owner_member", "v1"),
            "case.goals[0].owner_member",
            'names a member "v1", not in this file',
        ),
        (
            _set("case.members.1.id", "m1"),
            "case.members[1].id",
            '"m1" is already the id of case.members[0]',
        ),
        (
            _set("case.visits.3.id", "v2"),
            "case.visits[3].id",
            '"v2" is already the id of case.visits[1]',
        ),
    ],
)
def test_links_must_name_parts_of_the_file(
    good: dict[str, Any], change: Callable[[dict[str, Any]], None], where: str, what: str
) -> None:
    error = refused(changed(good, change))
    assert (error.where, error.what) == (where, what)


# --- the domain's rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "where", "what"),
    [
        (
            _set("case.visits.0.responses.0.on_behalf_of", "m1"),
            "case.visits[0].responses[0]",
            "on_behalf_of names someone other than the person answering",
        ),
        (
            _set("case.visits.0.ended_at", "2026-03-01T16:00:00+00:00"),
            "case.visits[0]",
            "a visit cannot end before it started",
        ),
        (
            _set("case.visits.0.responses.0.scale_max", 0.0),
            "case.visits[0].responses[0]",
            "a scale's minimum must be below its maximum",
        ),
        (
            lambda d: d["case"]["goals"][0]["gas_levels"].pop(),
            "case.goals[0].gas_levels",
            "Goal Attainment Scaling needs all five levels, -2 to +2, once each",
        ),
        (
            _set("case.reference", "R" * 41),
            "case.reference",
            "must be at most 40 characters, not 41",
        ),
        (
            _set("case.reference", "\x1b\x07"),
            "case.reference",
            "must not be empty",
        ),
        (
            _set("case.members.0.age", 121),
            "case.members[0].age",
            "Input should be less than or equal to 120",
        ),
        (
            _set("case.goals.0.weight", 0.0),
            "case.goals[0].weight",
            "Input should be greater than 0",
        ),
        (
            _set("case.visits.0.responses.0.prompt_id", ""),
            "case.visits[0].responses[0].prompt_id",
            "must not be empty",
        ),
    ],
)
def test_domain_rules_hold(
    good: dict[str, Any], change: Callable[[dict[str, Any]], None], where: str, what: str
) -> None:
    error = refused(changed(good, change))
    assert (error.where, error.what) == (where, what)


# --- the file itself -----------------------------------------------------------------------


def test_too_big_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (1024 * 1024 + 100 * 1024))
    monkeypatch.setattr(load, "MAX_IMPORT_BYTES", 1024 * 1024)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(BadArchive) as caught:
        read_archive(path)
    assert str(caught.value) == f"{path}: file: 1.1 MiB is more than the 1 MiB a case export can be"


def test_limit_is_64_mib() -> None:
    assert load.MAX_IMPORT_BYTES == 64 * 1024 * 1024


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(BadArchive) as caught:
        read_archive(tmp_path / "none.json")
    assert str(caught.value) == f"{tmp_path / 'none.json'}: file: no such file"
    with pytest.raises(BadArchive) as caught:
        read_archive(tmp_path)
    assert str(caught.value) == f"{tmp_path}: file: is a folder, not a file"


def test_read_archive_names_the_file(tmp_path: Path, good: dict[str, Any]) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"format": "sessionkit/1",\n  "case": }', encoding="utf-8")
    with pytest.raises(BadArchive) as caught:
        read_archive(path)
    assert str(caught.value) == f"{path}: line 2, column 11: Expecting value"
    path.write_text(json.dumps(good), encoding="utf-8")
    assert read_archive(path).reference == "ERR-1"


def test_text_quoted_from_the_file_cannot_reach_the_terminal(good: dict[str, Any]) -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2J" + "k" * 100
    error = refused(changed(good, _set(f"case.{hostile}", 1)))
    assert "\x1b" not in str(error) and "\x07" not in str(error)
    # The whole sequences go, not only their ESC (nothing like "]0;pwned" is left).
    assert error.where == "case." + ("k" * 100)[:39] + "…"
    key = json.dumps(hostile)  # escaped in the JSON, control characters once read
    error = refused(f"{{{key}: 1, {key}: 2}}".encode())
    assert "\x1b" not in str(error) and "…" in error.what
