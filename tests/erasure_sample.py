"""A case with its own distinctive words in every text field, for erasure tests.

Every word is built from a tag, so the words of one case never occur in another's, and
a file can be searched for them byte by byte (UTF-8 as SQLite stores them, and UTF-16
for safety; also casefolded, as references are indexed).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sessionkit.domain import (
    CareStatus,
    Case,
    GasLevel,
    Goal,
    GoalStatus,
    Member,
    PlannedTool,
    Reflection,
    Response,
    Role,
    Visit,
    VisitPlan,
)
from sessionkit.storage import Store

FIELDS = (
    "Reference",
    "Summary",
    "ChildName",
    "CarerName",
    "CommNotes",
    "GoalText",
    "LowLabel",
    "HighLabel",
    "GoalArea",
    "GasMinusTwo",
    "GasMinusOne",
    "GasZero",
    "GasPlusOne",
    "GasPlusTwo",
    "StatusNote",
    "ChangeLooksLike",
    "PlanStep",
    "ToolReason",
    "WarmingQuestion",
    "SocialGraces",
    "FollowUp",
    "VisitNotes",
    "WhatWorked",
    "WhatDidNot",
    "TryNextTime",
    "CaseNote",
    "Wording",
    "AnswerText",
    "AnswerItem",
    "Selected",
    "AnswerTag",
)


def when(day: int, hour: int = 10) -> datetime:
    return datetime(2025, 6, day, hour, tzinfo=timezone(timedelta(hours=1)))


def words(tag: str) -> dict[str, str]:
    """The distinctive word for each field; the child's name is not plain ASCII."""
    found = {name: f"{tag}{name}" for name in FIELDS}
    found["ChildName"] = f"Żółw{tag}ChildName"
    return found


def add_full_case(
    store: Store,
    tag: str,
    *,
    care: Iterable[CareStatus] = (),
    closed_on: date | None = None,
    history: bool = True,
) -> int:
    """Add the case, fill every text field with its words, and return its id.

    `history=False` leaves out the goal's status change, for version-1 databases.
    """
    w = words(tag)
    case = store.add_case(
        Case(
            reference=w["Reference"],
            care_status=frozenset(care),
            opened_on=date(2025, 1, 6),
            closed_on=closed_on,
            summary=w["Summary"],
        )
    )
    child = store.add_member(
        Member(
            case_id=case.id,
            name=w["ChildName"],
            role=Role.CHILD,
            age=9,
            communication_notes=w["CommNotes"],
        )
    )
    carer = store.add_member(Member(case_id=case.id, name=w["CarerName"], role=Role.CARER))
    levels = ("GasMinusTwo", "GasMinusOne", "GasZero", "GasPlusOne", "GasPlusTwo")
    goal = store.add_goal(
        Goal(
            case_id=case.id,
            owner_member_id=child.id,
            text=w["GoalText"],
            low_label=w["LowLabel"],
            high_label=w["HighLabel"],
            areas=[w["GoalArea"]],
            gas_levels=[GasLevel(level=n - 2, description=w[k]) for n, k in enumerate(levels)],
            created_at=when(1),
        )
    )
    assert case.id is not None and child.id is not None and carer.id is not None
    assert goal.id is not None
    plan = store.save_plan(
        VisitPlan(
            case_id=case.id,
            goal_ids=[goal.id],
            change_looks_like=w["ChangeLooksLike"],
            steps=[w["PlanStep"]],
            tools=[PlannedTool(tool_id="three-houses", reason=w["ToolReason"])],
            warming_questions=[w["WarmingQuestion"]],
            social_graces=w["SocialGraces"],
            expected_member_ids=[child.id],
            follow_ups=[w["FollowUp"]],
            updated_at=when(1),
        )
    )
    visit = store.start_visit(
        Visit(
            case_id=case.id,
            plan_id=plan.id,
            started_at=when(2),
            present_member_ids=[child.id, carer.id],
            pack_id="core",
            notes=w["VisitNotes"],
        )
    )
    assert visit.id is not None
    for value in (3, 6):
        store.record_response(
            Response(
                visit_id=visit.id,
                prompt_id="scaling.safety",
                tool_id="scaling",
                pack_id="core",
                wording=w["Wording"],
                answered_by=carer.id,
                on_behalf_of=child.id,
                value=value,
                scale_min=0,
                scale_max=10,
                text=w["AnswerText"],
                items=[w["AnswerItem"]],
                selected=[w["Selected"]],
                tags=[w["AnswerTag"]],
                said_at=when(2, 11),
                recorded_at=when(2, 11),
            )
        )
    store.record_response(
        Response(
            visit_id=visit.id,
            prompt_id=goal.rating_prompt_id,
            answered_by=child.id,
            value=4,
            scale_min=0,
            scale_max=10,
            goal_id=goal.id,
            said_at=when(2, 12),
            recorded_at=when(2, 12),
        )
    )
    store.finish_visit(visit.id, when(2, 13))
    finished = store.get_visit(visit.id)
    store.update_visit(
        finished.model_copy(
            update={
                "reflection": Reflection(
                    what_worked=w["WhatWorked"],
                    what_did_not=w["WhatDidNot"],
                    try_next_time=w["TryNextTime"],
                    written_at=when(2, 14),
                ),
                "case_note": w["CaseNote"],
            }
        )
    )
    if history:
        store.change_goal_status(goal.id, GoalStatus.PAUSED, when(3), w["StatusNote"])
    return case.id


def needles(tag: str) -> list[tuple[str, bytes]]:
    """(word, bytes) for each word, as typed and casefolded, in UTF-8 and UTF-16."""
    found = []
    for word in words(tag).values():
        for variant in dict.fromkeys((word, word.casefold())):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                found.append((f"{variant} ({encoding})", variant.encode(encoding)))
    return found


def traces(paths: Iterable[Path], tag: str) -> list[str]:
    """'file: word (encoding)' for every word of `tag` found in the files that exist."""
    found = []
    for path in paths:
        if not path.exists():
            continue
        data = path.read_bytes()
        found += [f"{path.name}: {label}" for label, raw in needles(tag) if raw in data]
    return found


def database_files(db_path: Path) -> list[Path]:
    """The database, its companions, and every file in the backups folder beside it."""
    companions = [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm", "-journal")]
    backups = db_path.parent / "backups"
    extra = sorted(backups.iterdir()) if backups.is_dir() else []
    return [db_path, *companions, *extra]
