"""`sessionkit movement --case REF`: the movement report as JSON and as a 100-column table."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sessionkit.cli import main
from sessionkit.demo import DEMO_REFERENCE, add_demo
from sessionkit.domain import Case, Member, Response, Role, Visit
from sessionkit.insight.movement_report import build_report
from sessionkit.insight.report import MovementReport
from sessionkit.locations import resolve
from sessionkit.present import movement_sections as ms
from sessionkit.present.movement import disagreement_sentence, looks_for
from sessionkit.storage import Store
from sessionkit.toolpacks import DEFAULT_PACK_ID, catalog_for

TODAY = date(2026, 11, 2)


@pytest.fixture
def demo(data: Path) -> MovementReport:
    """The demo family added to the store, and its report built directly for comparison."""
    with Store.open(data / "sessionkit.db") as store:
        case = add_demo(store, today=TODAY)
        assert case is not None and case.id is not None
        locations = resolve(data_dir=data, config_dir=data.parent / "config", environ={})
        return build_report(
            case,
            store.list_members(case.id, include_inactive=True),
            store.list_goals(case.id),
            store.list_visits(case.id),
            store.answers_for_case(case.id),
            catalog_for(locations).get(DEFAULT_PACK_ID),
        )


def run_json(capsys: pytest.CaptureFixture[str], reference: str) -> dict[str, Any]:
    assert main(["movement", "--case", reference, "--format", "json"]) == 0
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    return doc


def run_table(capsys: pytest.CaptureFixture[str], reference: str) -> list[str]:
    assert main(["movement", "--case", reference]) == 0
    return capsys.readouterr().out.splitlines()


def flat(lines: list[str]) -> str:
    """The table's words as one line, so a sentence wrapped over two lines still reads."""
    return " ".join(" ".join(line.split()) for line in lines)


def test_json_has_the_series_goals_and_the_rest(
    demo: MovementReport, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run_json(capsys, "demo-harper")
    assert doc["case"] == DEMO_REFERENCE and doc["care_status"] == "child in need"
    assert {
        "visits",
        "series",
        "questions",
        "goals",
        "gas",
        "relationship",
        "change_talk",
        "themes",
        "worries",
    } <= set(doc)
    assert [v["date"] for v in doc["visits"]] == [v.when.date().isoformat() for v in demo.visits]
    for item in doc["series"]:
        assert {
            "prompt_id",
            "member",
            "points",
            "change_from_first",
            "change_from_previous",
        } <= set(item)
        assert {"visit_id", "date", "value"} <= set(item["points"][0])
    for goal in doc["goals"]:
        assert {"goal_id", "points", "gas_t_score"} <= set(goal)


def test_json_numbers_agree_with_the_report(
    demo: MovementReport, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run_json(capsys, DEMO_REFERENCE)
    expected = [
        (s.prompt_id, s.who.answered_by, s.who.on_behalf_of, [v.value for v in s.values])
        for q in (*demo.questions, *demo.relationship)
        for s in q.series
    ]
    got = [
        (
            s["prompt_id"],
            s["member"]["id"],
            s["on_behalf_of"] and s["on_behalf_of"]["id"],
            [p["value"] for p in s["points"]],
        )
        for s in doc["series"]
    ]
    assert got == expected
    changes = [
        (s.from_first and s.from_first.amount, s.from_previous and s.from_previous.amount)
        for q in (*demo.questions, *demo.relationship)
        for s in q.series
    ]
    assert [(s["change_from_first"], s["change_from_previous"]) for s in doc["series"]] == changes
    assert [g["gas_t_score"] for g in doc["goals"]] == [g.gas_t_score for g in demo.goals]
    assert [g["t_score"] for g in doc["gas"]] == [s.t_score for s in demo.gas]
    assert [c["share"] for c in doc["change_talk"]] == [c.share for c in demo.change_talk]
    assert [t["words"] for t in doc["themes"]] == [t.words for t in demo.themes]


def test_json_of_the_demo_family_by_hand(
    demo: MovementReport, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run_json(capsys, DEMO_REFERENCE)
    safety = [s for s in doc["series"] if s["prompt_id"] == "scaling.safety"]
    maya = next(s for s in safety if s["label"] == "Maya")
    assert [p["value"] for p in maya["points"]] == [5, 6, 500, 3, 7]
    assert [p["off_scale"] for p in maya["points"]] == [False, False, True, False, False]
    assert (maya["change_from_first"], maya["change_from_previous"]) == (2, 4)  # 5 -> 7, 3 -> 7
    assert maya["member"]["name"] == "Maya" and maya["on_behalf_of"] is None
    leo = next(s for s in safety if s["on_behalf_of"])
    assert leo["member"]["name"] == "Maya" and leo["on_behalf_of"]["name"] == "Leo"

    coping = next(q for q in doc["questions"] if q["prompt_id"] == "scaling.coping")
    assert len(coping["perspectives"]) == 4  # Maya, Maya for Leo, Sam and the practitioner
    assert coping["disagreement"]["spread"] == 3 and coping["disagreement"]["notable"]

    mornings, talking = doc["goals"]
    assert mornings["weight"] == 2 and mornings["gas_t_score"] == 50
    assert [p["value"] for p in mornings["points"]] == [2, 3, 5, 4, 6]
    assert [g["level"] for g in mornings["gas_levels"]] == [-2, -1, 0, -1, 0]
    assert talking["gas_t_score"] == 60
    # Visit 1: mornings -2 (weight 2), Maya's goal -1: sum wx = -5; sqrt(6.2) = 2.48998;
    # T = 50 - 50 / 2.48998 = 29.92.
    assert doc["gas"][0]["t_score"] == pytest.approx(29.92, abs=0.01)

    (alert,) = doc["relationship"]["alerts"]
    assert (alert["label"], alert["number"], alert["before"], alert["now"]) == ("Maya", 4, 8, 5)
    assert [round(c["share"], 2) for c in doc["change_talk"]] == [0.33, 0.5, 0.67, 0.33, 0.75]
    themes = {t["name"]: t["words"] for t in doc["themes"]}
    assert themes["mornings"] == "seen in 4 of the last 5 visits"
    assert themes["swimming"] == "new on the latest visit"
    worries = {w["name"]: w["words"] for w in doc["worries"]}
    assert worries["Leo at school"] == "seen in 3 of the last 5 visits"
    assert worries["money"] == "came up once, 2 visits before the latest"


def test_table_reads_in_100_columns(
    demo: MovementReport, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = run_table(capsys, DEMO_REFERENCE)
    assert max(len(line) for line in lines) <= 100
    text = flat(lines)
    assert lines[0].startswith("DEMO-HARPER · movement · 5 visits")
    assert "care status: child in need" in lines[0]
    for heading in ("Safe at home", "Goals", "Relationship check", "Change talk"):
        assert heading in lines
    assert "Themes and worries" in lines
    maya = next(line for line in lines if line.split()[:1] == ["Maya"] and "500*" in line)
    assert maya.split()[1:] == ["5", "6", "500*", "3", "7"]
    assert "Maya: up 2 since the first visit, up 4 since the last." in text
    # Maya's dip is said, and that she is back up since: no alert stands.
    assert "Relationship check dropped" not in text
    assert "Maya, Feeling listened to: dipped to 5 on " in text
    assert ", back to 8 now." in text
    assert " Maya, for Leo said 7, You (practitioner) said 4: 3 apart." in text
    assert "• mornings: seen in 4 of the last 5 visits" in text
    t_scores = next(line for line in lines if line.split()[:1] == ["T-score"])
    assert t_scores.split()[1:] == ["30", "38", "50", "42", "54"]


def test_table_says_every_sentence_the_screen_says(
    demo: MovementReport, capsys: pytest.CaptureFixture[str]
) -> None:
    # The screen lays out `section_parts` (tests/ui/test_movement_screen.py checks that it
    # shows exactly their sentences); the table must say each of them too.
    text = flat(run_table(capsys, DEMO_REFERENCE))
    looks = looks_for(demo)
    sections = [entry[0] for entry in ms.section_list(demo) if entry is not None]
    assert len(sections) == len(demo.questions) + 4
    said = [
        line
        for section in sections
        for line in ms.sentences(ms.section_parts(demo, section, looks), with_charts=False)
    ]
    assert said and [line for line in said if " ".join(line.split()) not in text] == []
    assert ms.heading(demo) in text and ms.alert(demo) in text


def test_a_disagreement_is_said_only_when_notable_as_on_screen(
    demo: MovementReport, capsys: pytest.CaptureFixture[str]
) -> None:
    text = flat(run_table(capsys, DEMO_REFERENCE))
    found = [q.disagreement for q in (*demo.questions, *demo.relationship) if q.disagreement]
    assert any(d.notable for d in found) and any(not d.notable for d in found)
    for d in found:
        said = disagreement_sentence(d)
        assert (said in text) if d.notable else said == ""
    assert "Side by side" not in text


def test_an_empty_case_says_what_to_record(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data / "sessionkit.db") as store:
        store.add_case(Case(reference="NEW-1"))
    text = flat(run_table(capsys, "NEW-1"))
    assert text.startswith("NEW-1 · movement · no visits yet")
    assert " ".join(ms.NOTHING_YET.split()) in text


def test_unknown_case_is_one_line_and_exit_2(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data / "sessionkit.db"):
        pass
    assert main(["movement", "--case", "NOPE"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "sessionkit: No case NOPE.\n"


def test_a_long_case_keeps_the_first_and_latest_visits_and_marks_reliable_changes(
    data: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pack_dir = tmp_path / "packs"
    pack_dir.mkdir()
    (pack_dir / "short.toml").write_text(
        '[pack]\nid = "short"\nname = "Short"\nversion = "1"\n\n'
        '[[tools]]\nid = "scaling"\nname = "Scaling"\ngroup = "scaling"\npurpose = "Numbers."\n\n'
        '[[tools.prompts]]\nid = "scaling.safety"\nkind = "scale"\ntitle = "Safe at home"\n'
        'wording = "How safe?"\n[tools.prompts.scale.reliable_change]\nthreshold = 3\n'
        'source = "Made up for a test"\n',
        encoding="utf-8",
    )
    start = datetime(2025, 1, 6, 16, tzinfo=UTC)
    with Store.open(data / "sessionkit.db") as store:
        case = store.add_case(Case(reference="LONG-1"))
        kit = store.add_member(
            Member(case_id=case.id, name="Kit with a very long name indeed", role=Role.CHILD)
        )
        assert kit.id is not None
        for n in range(30):
            visit = store.start_visit(
                Visit(case_id=case.id, started_at=start + timedelta(weeks=n), pack_id="short")
            )
            assert visit.id is not None
            store.record_response(
                Response(
                    visit_id=visit.id,
                    prompt_id="scaling.safety",
                    answered_by=kit.id,
                    value=float(n % 10),
                    scale_min=0,
                    scale_max=10,
                    tags=["\x1b[31mred [bold]x[/]"],
                )
            )
    assert main(["--toolpacks", str(pack_dir), "movement", "--case", "long-1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 100
    header = next(line for line in lines if line.strip().startswith("visit "))
    assert header.split()[1:] == ["1", "…", *map(str, range(24, 31))]
    text = flat(lines)
    assert "Reliable change: 3 or more since the first visit (Made up for a test)." in text
    # Visit 30 said 9, visit 1 said 0: +9, a reliable change (the screen's words).
    assert (
        "Kit with a very long name indeed: up 9 since the first visit, up 1 since the last: "
        "reliable change." in text
    )
    assert "\x1b" not in text and "red [bold]x[/]: seen in 5 of the last 5 visits" in text
