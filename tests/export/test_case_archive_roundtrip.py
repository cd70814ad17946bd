"""A case exported as JSON and imported again is the same case: the same document, text
for text, apart from when it was exported; links land on the new rows."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sessionkit.demo import add_demo
from sessionkit.domain import (
    AgeBand,
    CareStatus,
    Case,
    ChangeTalk,
    CommunicationNeed,
    EntryMode,
    GasLevel,
    Goal,
    GoalStatus,
    HowGiven,
    Member,
    PlannedTool,
    Reflection,
    Response,
    Role,
    Visit,
    VisitPlan,
    clean_line,
)
from sessionkit.export.archive.document import FORMAT, FORMAT_NAME, FORMAT_VERSION, document_text
from sessionkit.export.archive.dump import export_case
from sessionkit.export.archive.errors import ReferenceTaken
from sessionkit.export.archive.load import parse_archive
from sessionkit.export.archive.restore import import_record
from sessionkit.storage import Store

WHEN = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 9)


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    with Store.open(tmp_path / "a.db") as first, Store.open(tmp_path / "b.db") as second:
        yield first, second


def exported(store: Store, case_id: int, when: datetime = WHEN) -> str:
    return document_text(export_case(store, case_id, exported_at=when))


def carried(text: str, into: Store) -> int:
    return import_record(into, parse_archive(text.encode("utf-8"), "case.json")).case_id


# --- the demo family ------------------------------------------------------------------------


def test_demo_family_survives_export_import_export_text_for_text(
    stores: tuple[Store, Store],
) -> None:
    first, second = stores
    case = add_demo(first, today=TODAY)
    assert case is not None and case.id is not None
    before = exported(first, case.id)
    after = exported(second, carried(before, second))
    assert after == before


def test_only_exported_at_differs_between_two_exports(stores: tuple[Store, Store]) -> None:
    first, _ = stores
    case = add_demo(first, today=TODAY)
    assert case is not None and case.id is not None
    earlier = json.loads(exported(first, case.id, WHEN))
    later = json.loads(exported(first, case.id, WHEN + timedelta(days=3)))
    assert earlier["exported_at"] == "2026-03-09T12:00:00+00:00"
    assert later["exported_at"] == "2026-03-12T12:00:00+00:00"
    del earlier["exported_at"], later["exported_at"]
    assert earlier == later


def test_layout_of_the_document(stores: tuple[Store, Store]) -> None:
    first, _ = stores
    case = add_demo(first, today=TODAY)
    assert case is not None and case.id is not None
    doc = json.loads(exported(first, case.id))
    assert list(doc) == ["format", "exported_at", "case"]
    assert doc["format"] == FORMAT == f"{FORMAT_NAME}/{FORMAT_VERSION}" == "sessionkit/2"
    body = doc["case"]
    assert list(body) == [
        "reference",
        "care_status",
        "care_status_history",
        "opened_on",
        "closed_on",
        "closed_reason",
        "summary",
        "members",
        "goals",
        "plans",
        "visits",
    ]
    assert [m["id"] for m in body["members"]] == ["m1", "m2", "m3", "m4"]
    assert [m["name"] for m in body["members"]] == ["Maya", "Leo", "Sam", "You (practitioner)"]
    assert [g["id"] for g in body["goals"]] == ["g1", "g2"]
    assert [v["id"] for v in body["visits"]] == ["v1", "v2", "v3", "v4", "v5"]
    first_answer = body["visits"][0]["responses"][0]
    assert first_answer["answered_by"] == "m1"
    # Leo's answers are given by Maya on his behalf.
    by_maya_for_leo = [r for r in body["visits"][0]["responses"] if r["on_behalf_of"] == "m2"]
    assert by_maya_for_leo and all(r["answered_by"] == "m1" for r in by_maya_for_leo)
    # The goal ratings name the goal by its document id, in the prompt id too.
    ratings = [r for r in body["visits"][0]["responses"] if r["goal"] is not None]
    assert {(r["goal"], r["prompt_id"]) for r in ratings} >= {
        ("g1", "goal.g1.rating"),
        ("g2", "goal.g2.rating"),
    }
    # Maya's 500 out of 10 is kept as said, with the scale offered.
    assert any(
        r["value"] == 500.0 and r["scale_max"] == 10.0
        for v in body["visits"]
        for r in v["responses"]
    )


def test_import_beside_other_cases_maps_every_link_to_the_new_rows(
    stores: tuple[Store, Store],
) -> None:
    first, second = stores
    case = add_demo(first, today=TODAY)
    assert case is not None and case.id is not None
    # The second store already holds cases, so every new row id differs from the first's.
    for n in range(3):
        other = second.add_case(Case(reference=f"OTHER-{n}"))
        second.add_member(Member(case_id=other.id, name="Someone", role=Role.PARENT))
        second.add_goal(Goal(case_id=other.id, text="Something else"))
    text = exported(first, case.id).replace("DEMO-HARPER", "COPY-1")
    new_id = carried(text, second)
    assert new_id != case.id

    members = {m.id: m.name for m in second.list_members(new_id, include_inactive=True)}
    goals = second.list_goals(new_id)
    old_goals = first.list_goals(case.id)
    assert [g.text for g in goals] == [g.text for g in old_goals]
    assert {g.id for g in goals}.isdisjoint({g.id for g in old_goals})
    answers = second.responses_for_case(new_id)
    old_answers = first.responses_for_case(case.id)
    assert len(answers) == len(old_answers)
    old_names = {m.id: m.name for m in first.list_members(case.id, include_inactive=True)}
    for new, old in zip(answers, old_answers, strict=True):
        assert members[new.answered_by] == old_names[old.answered_by]
        if old.on_behalf_of is not None:
            assert new.on_behalf_of is not None
            assert members[new.on_behalf_of] == old_names[old.on_behalf_of]
        if old.goal_id is not None:
            assert new.goal_id is not None and new.goal_id != old.goal_id
            assert [g.text for g in goals if g.id == new.goal_id] == [
                g.text for g in old_goals if g.id == old.goal_id
            ]
            # "goal.<old id>.rating" became "goal.<new id>.rating" (and the same for .gas).
            assert old.prompt_id.startswith(f"goal.{old.goal_id}.")
            assert new.prompt_id == old.prompt_id.replace(
                f"goal.{old.goal_id}.", f"goal.{new.goal_id}.", 1
            )
    # The other cases are untouched.
    assert [s.reference for s in second.list_cases()] == [
        "COPY-1",
        "OTHER-0",
        "OTHER-1",
        "OTHER-2",
    ]


def test_plans_visits_and_goal_history_keep_their_links(stores: tuple[Store, Store]) -> None:
    first, second = stores
    case = first.add_case(Case(reference="LINKS-1", opened_on=date(2026, 1, 5)))
    amy = first.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD, age=9))
    gone = first.add_member(
        Member(case_id=case.id, name="Old carer", role=Role.CARER, active=False)
    )
    goal = first.add_goal(Goal(case_id=case.id, text="Calmer mornings", created_at=WHEN))
    assert goal.id is not None and amy.id is not None and gone.id is not None
    first.change_goal_status(goal.id, GoalStatus.PAUSED, WHEN + timedelta(days=1), "holiday")
    first.change_goal_status(goal.id, GoalStatus.ACTIVE, WHEN + timedelta(days=9))
    plan = first.save_plan(
        VisitPlan(
            case_id=case.id,
            goal_ids=[goal.id],
            tools=[PlannedTool(tool_id="three-houses", reason="Amy likes drawing")],
            expected_member_ids=[amy.id, gone.id],
            updated_at=WHEN,
        )
    )
    visit = first.start_visit(
        Visit(case_id=case.id, plan_id=plan.id, started_at=WHEN, present_member_ids=[amy.id])
    )
    draft = first.save_plan(VisitPlan(case_id=case.id, updated_at=WHEN + timedelta(hours=2)))
    assert case.id is not None and visit.id is not None

    new_id = carried(exported(first, case.id).replace("LINKS-1", "LINKS-2"), second)
    plans = second.list_plans(new_id)
    visits = second.list_visits(new_id)
    members = second.list_members(new_id, include_inactive=True)
    goals = second.list_goals(new_id)
    assert [p.status.value for p in plans] == ["started", "draft"]
    assert plans[0].visit_id == visits[0].id and visits[0].plan_id == plans[0].id
    assert plans[1].visit_id is None and draft.visit_id is None
    assert plans[0].goal_ids == [goals[0].id]
    assert plans[0].expected_member_ids == [members[0].id, members[1].id]
    assert [m.active for m in members] == [True, False]
    assert visits[0].present_member_ids == [members[0].id]
    assert goals[0].id is not None
    assert second.goal_status_history(goals[0].id) == first.goal_status_history(goal.id)
    assert [h[2] for h in second.goal_status_history(goals[0].id)] == ["", "holiday", ""]


def test_replace_deletes_the_case_there_in_the_same_import(stores: tuple[Store, Store]) -> None:
    first, second = stores
    case = add_demo(first, today=TODAY)
    assert case is not None and case.id is not None
    text = exported(first, case.id)
    there = second.add_case(Case(reference="demo-harper", summary="the one here"))
    second.add_member(Member(case_id=there.id, name="Kept?", role=Role.PARENT))
    record = parse_archive(text.encode(), "case.json")
    with pytest.raises(ReferenceTaken) as refused:
        import_record(second, record)
    assert "DEMO-HARPER" in str(refused.value) and "--as NEW_REF" in str(refused.value)
    assert "--replace" in str(refused.value) and "\n" not in str(refused.value)
    assert second.find_case("DEMO-HARPER") == there  # untouched by the refusal

    result = import_record(second, record, replace=True)
    assert result.replaced
    assert [s.reference for s in second.list_cases()] == ["DEMO-HARPER"]
    assert exported(second, result.case_id) == text
    rows = second._connection().execute("SELECT count(*) FROM members WHERE name = 'Kept?'")
    assert rows.fetchone()[0] == 0


def test_import_under_a_new_reference(stores: tuple[Store, Store]) -> None:
    first, _ = stores
    case = add_demo(first, today=TODAY)
    assert case is not None and case.id is not None
    record = parse_archive(exported(first, case.id).encode(), "case.json")
    copy = import_record(first, record.renamed("  HARPER\x1b[31m-2 "))
    assert copy.reference == "HARPER-2"  # cleaned like any typed reference
    assert len(first.responses_for_case(copy.case_id)) == len(first.responses_for_case(case.id))
    with pytest.raises(ValueError):
        record.renamed("x" * 41)


def test_text_with_control_characters_is_cleaned_on_import(stores: tuple[Store, Store]) -> None:
    first, second = stores
    case = first.add_case(Case(reference="CLEAN-1"))
    first.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD))
    assert case.id is not None
    doc = json.loads(exported(first, case.id))
    doc["case"]["members"][0]["name"] = "Amy\x1b[31m\u202e\x07"
    doc["case"]["summary"] = "line one\r\nline two\x9b"
    new_id = carried(json.dumps(doc), second)
    assert second.list_members(new_id)[0].name == "Amy"
    assert second.get_case(new_id).summary == "line one\nline two"


# --- the store's own view, row ids replaced by positions -------------------------------------


def contents(store: Store, case_id: int) -> dict[str, object]:
    """Everything the store holds for the case, read through its ordinary methods, with
    every row id (and goal prompt id) replaced by the record's position in its list.

    Compared between the exporting store and the importing one, this catches what the
    document might drop or change on the way, which comparing documents alone cannot.
    """
    members = store.list_members(case_id, include_inactive=True)
    goals = store.list_goals(case_id)
    plans = store.list_plans(case_id)
    visits = store.list_visits(case_id)
    m = {x.id: n for n, x in enumerate(members)}
    g = {x.id: n for n, x in enumerate(goals)}
    p = {x.id: n for n, x in enumerate(plans)}
    v = {x.id: n for n, x in enumerate(visits)}

    def prompt(prompt_id: str) -> str:
        for goal in goals:
            for asked in (goal.rating_prompt_id, goal.gas_prompt_id):
                if prompt_id == asked:
                    return asked.replace(f".{goal.id}.", f".#{g[goal.id]}.")
        return prompt_id

    def opt(mapping: dict[int | None, int], key: int | None) -> int | None:
        return None if key is None else mapping[key]

    return {
        "case": store.get_case(case_id).model_dump(exclude={"id"}),
        "care_status_history": [
            x.model_dump(exclude={"case_id"}) for x in store.care_status_history(case_id)
        ],
        "members": [x.model_dump(exclude={"id", "case_id"}) for x in members],
        "goals": [
            x.model_dump(exclude={"id", "case_id"})
            | {"owner_member_id": opt(m, x.owner_member_id)}
            | {"history": store.goal_status_history(x.id or 0)}
            for x in goals
        ],
        "plans": [
            x.model_dump(exclude={"id", "case_id"})
            | {
                "visit_id": opt(v, x.visit_id),
                "goal_ids": [g[i] for i in x.goal_ids],
                "expected_member_ids": [m[i] for i in x.expected_member_ids],
            }
            for x in plans
        ],
        "visits": [
            x.model_dump(exclude={"id", "case_id"})
            | {
                "plan_id": opt(p, x.plan_id),
                "present_member_ids": [m[i] for i in x.present_member_ids],
            }
            for x in visits
        ],
        "responses": [
            x.model_dump(exclude={"id"})
            | {
                "visit_id": opt(v, x.visit_id),
                "answered_by": m[x.answered_by],
                "on_behalf_of": opt(m, x.on_behalf_of),
                "goal_id": opt(g, x.goal_id),
                "prompt_id": prompt(x.prompt_id),
            }
            for x in store.responses_for_case(case_id)
        ],
    }


def offsets_of(value: object) -> object:
    """Datetimes compare equal across offsets; keep each one's offset in the comparison."""
    if isinstance(value, dict):
        return {k: offsets_of(x) for k, x in value.items()}
    if isinstance(value, list | tuple):
        return [offsets_of(x) for x in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def test_demo_family_store_contents_are_the_same_after_import(
    stores: tuple[Store, Store],
) -> None:
    first, second = stores
    case = add_demo(first, today=TODAY)
    assert case is not None and case.id is not None
    new_id = carried(exported(first, case.id), second)
    assert offsets_of(contents(second, new_id)) == offsets_of(contents(first, case.id))


# --- generated cases ------------------------------------------------------------------------

OFFSETS = [
    UTC,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=-3, minutes=-30)),
    timezone(timedelta(hours=5, minutes=45)),
    timezone(timedelta(hours=-11)),
]
HOSTILE = ["[bold]x[/]", "[link=x]", "\x1b[31m", "\x07", "\u202e", "=1+1", "@x", "-", "\t", ""]

moments = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2090, 1, 1),
    timezones=st.sampled_from(OFFSETS),
)
texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
lines = texts.map(clean_line)
names = st.text(min_size=1, max_size=20).map(clean_line).filter(bool)
numbers = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-20, 600).map(float)


def _pick(draw: st.DrawFn, ids: list[int], most: int = 3) -> list[int]:
    if not ids:
        return []
    return draw(st.lists(st.sampled_from(ids), max_size=most))


@st.composite
def generated_case(draw: st.DrawFn, store: Store) -> int:
    """A random case written to `store` through the ordinary Store methods."""
    opened_on = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)))
    case = store.add_case(
        Case(
            reference="GEN-" + draw(names)[:30],
            care_status=frozenset(draw(st.sets(st.sampled_from(list(CareStatus))))),
            opened_on=opened_on,
            # A case is closed on or after the day it was opened (import refuses others).
            closed_on=draw(st.none() | st.dates(min_value=opened_on)),
            closed_reason=draw(texts),
            summary=draw(texts),
        )
    )
    assert case.id is not None
    for _ in range(draw(st.integers(0, 2))):
        store.change_care_status(
            case.id,
            frozenset(draw(st.sets(st.sampled_from(list(CareStatus))))),
            draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1))),
            draw(texts),
        )
    members: list[int] = []
    for _ in range(draw(st.integers(1, 4))):
        member = store.add_member(
            Member(
                case_id=case.id,
                name=draw(names),
                role=draw(st.sampled_from(list(Role))),
                age=draw(st.none() | st.integers(0, 120)),
                age_band=draw(st.none() | st.sampled_from(list(AgeBand))),
                communication_needs=frozenset(
                    draw(st.sets(st.sampled_from(list(CommunicationNeed))))
                ),
                communication_notes=draw(texts),
                active=draw(st.booleans()),
            )
        )
        assert member.id is not None
        members.append(member.id)
    goals: list[Goal] = []
    for _ in range(draw(st.integers(0, 3))):
        gas = draw(st.booleans())
        goal = store.add_goal(
            Goal(
                case_id=case.id,
                owner_member_id=draw(st.none() | st.sampled_from(members)),
                text=draw(names),
                low_label=draw(lines),
                high_label=draw(lines),
                areas=draw(st.lists(names, max_size=2)),
                gas_levels=[
                    GasLevel(level=level, description=draw(names)) for level in range(-2, 3)
                ]
                if gas
                else [],
                weight=draw(st.none() | st.floats(min_value=0, max_value=100, exclude_min=True)),
                created_at=draw(moments),
            )
        )
        assert goal.id is not None
        for _ in range(draw(st.integers(0, 2))):
            store.change_goal_status(
                goal.id, draw(st.sampled_from(list(GoalStatus))), draw(moments), draw(texts)
            )
        goals.append(goal)
    goal_ids = [g.id for g in goals if g.id is not None]
    plans: list[int] = []
    for _ in range(draw(st.integers(0, 2))):
        plan = store.save_plan(
            VisitPlan(
                case_id=case.id,
                goal_ids=_pick(draw, goal_ids),
                change_looks_like=draw(texts),
                steps=draw(st.lists(names, max_size=2)),
                tools=[PlannedTool(tool_id=draw(names), reason=draw(texts))],
                warming_questions=draw(st.lists(names, max_size=2)),
                expected_member_ids=_pick(draw, members),
                follow_ups=draw(st.lists(names, max_size=1)),
                updated_at=draw(moments),
            )
        )
        assert plan.id is not None
        plans.append(plan.id)
    for _ in range(draw(st.integers(0, 3))):
        started = draw(moments)
        plan_id = draw(st.none() | st.sampled_from(plans)) if plans else None
        visit = store.start_visit(
            Visit(
                case_id=case.id,
                plan_id=plan_id,
                started_at=started,
                entry=draw(st.sampled_from(list(EntryMode))),
                present_member_ids=_pick(draw, members),
                pack_id=draw(lines),
                pack_version=draw(lines),
                notes=draw(texts),
            )
        )
        assert visit.id is not None
        if draw(st.booleans()):
            ended = started + timedelta(minutes=draw(st.integers(0, 600)))
            reflection = Reflection(
                what_worked=draw(texts),
                what_did_not=draw(texts),
                try_next_time=draw(texts),
                written_at=draw(moments),
            )
            store.update_visit(
                visit.model_copy(
                    update={"ended_at": ended, "reflection": reflection, "case_note": draw(texts)}
                )
            )
        for _ in range(draw(st.integers(0, 4))):
            answered_by = draw(st.sampled_from(members))
            others = [m for m in members if m != answered_by]
            rated = draw(st.none() | st.sampled_from(goals)) if goals else None
            scale = draw(st.none() | st.tuples(numbers, numbers).filter(lambda p: p[0] < p[1]))
            prompt = draw(st.sampled_from(["goal", "gas", "text"])) if rated else "text"
            store.record_response(
                Response(
                    visit_id=visit.id,
                    prompt_id={
                        "goal": rated.rating_prompt_id if rated else "",
                        "gas": rated.gas_prompt_id if rated else "",
                        "text": "p." + draw(names),
                    }[prompt],
                    tool_id=draw(lines),
                    pack_id=draw(lines),
                    pack_version=draw(lines),
                    wording=draw(texts),
                    answered_by=answered_by,
                    on_behalf_of=draw(st.none() | st.sampled_from(others)) if others else None,
                    value=draw(st.none() | numbers),
                    scale_min=None if scale is None else scale[0],
                    scale_max=None if scale is None else scale[1],
                    text=draw(texts),
                    items=draw(st.lists(names, max_size=2)),
                    selected=draw(st.lists(names, max_size=2)),
                    tags=draw(st.lists(names, max_size=2)),
                    change_talk=draw(st.frozensets(st.sampled_from(list(ChangeTalk)))),
                    worry=draw(st.booleans()),
                    goal_id=None if rated is None else rated.id,
                    said_at=draw(moments),
                    recorded_at=draw(moments),
                    entry=draw(st.sampled_from(list(EntryMode))),
                    given_as=draw(st.none() | st.sampled_from(list(HowGiven))),
                    edited_at=draw(st.none() | moments),
                )
            )
    return case.id


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data(), crowded=st.booleans())
def test_generated_cases_survive_a_round_trip(data: st.DataObject, crowded: bool) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder) / "a.db") as first,
        Store.open(Path(folder) / "b.db") as second,
    ):
        if crowded:
            # Rows already there: new ids differ from the exported store's.
            add_demo(second, today=TODAY)
            add_demo(first, today=TODAY)
        case_id = data.draw(generated_case(first))
        before = exported(first, case_id)
        new_id = carried(before, second)
        assert exported(second, new_id) == before
        assert offsets_of(contents(second, new_id)) == offsets_of(contents(first, case_id))
        # And once more, from the copy: nothing drifts.
        with Store.open(Path(folder) / "c.db") as third:
            assert exported(third, carried(before, third)) == before


def test_a_corrected_number_is_marked_superseded_and_import_works_it_out_again(
    stores: tuple[Store, Store],
) -> None:
    first, second = stores
    case = first.add_case(Case(reference="FIX-1"))
    amy = first.add_member(Member(case_id=case.id, name="Amy", role=Role.CHILD))
    visit = first.start_visit(Visit(case_id=case.id, started_at=WHEN))
    for value in (5.0, 6.0):
        first.record_response(
            Response(visit_id=visit.id, prompt_id="scaling.safety", answered_by=amy.id, value=value)
        )
    first.record_response(
        Response(visit_id=visit.id, prompt_id="words.only", answered_by=amy.id, text="said")
    )
    assert case.id is not None
    doc = json.loads(exported(first, case.id))
    answers = doc["case"]["visits"][0]["responses"]
    assert [a["superseded"] for a in answers] == [True, False, False]
    # What a file says is not taken on trust: the import derives it again.
    answers[1]["superseded"] = True
    answers[0]["superseded"] = False
    copy = carried(json.dumps(doc), second)
    again = json.loads(exported(second, copy))
    assert [a["superseded"] for a in again["case"]["visits"][0]["responses"]] == [
        True,
        False,
        False,
    ]
