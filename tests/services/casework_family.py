"""A small family in a real store, and a small pack, for the plan, straight-after and
case use cases: Mum, Ava (9), Leo (5, non-verbal) and the practitioner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sessionkit.domain import (
    Case,
    CommunicationNeed,
    EntryMode,
    Member,
    Response,
    Role,
    Visit,
)
from sessionkit.storage import Store
from sessionkit.toolpacks.schema import PackMeta, Prompt, ResolvedPack, Scale, Tool

STARTED = datetime(2026, 11, 2, 16, 0).astimezone()
ENDED = datetime(2026, 11, 2, 17, 0).astimezone()

LISTENED = Prompt(
    id="relationship.listened",
    kind="scale",
    title="Feeling listened to",
    wording="How much did you feel listened to today?",
    child_wording="Did you feel I listened to you today?",
    scale=Scale(min=0, max=10),
)
DIFFERENTLY = Prompt(
    id="relationship.do-differently",
    kind="text",
    title="Anything to do differently",
    wording="Is there anything you'd like me to do differently next time?",
)
PACK = ResolvedPack(
    meta=PackMeta(id="core", name="Core", version="1.0.0"),
    chain=("core",),
    tools=(
        Tool(
            id="relationship-check",
            name="Relationship check",
            group="relationship",
            purpose="How the visit felt.",
            prompts=[DIFFERENTLY, LISTENED],
        ),
        Tool(
            id="genogram",
            name="Genogram",
            group="mapping",
            purpose="Who is in the family.",
            prompts=[Prompt(id="genogram.who", kind="text", wording="Who is in your family?")],
        ),
    ),
)


@dataclass
class Family:
    store: Store
    case_id: int
    mum: int
    ava: int
    leo: int
    you: int

    def visit(
        self,
        present: list[int] | None = None,
        *,
        entry: EntryMode = EntryMode.LIVE,
        finished: bool = True,
        started: datetime = STARTED,
    ) -> Visit:
        visit = self.store.start_visit(
            Visit(
                case_id=self.case_id,
                started_at=started,
                present_member_ids=present or [self.mum, self.ava, self.leo, self.you],
                pack_id="core",
                pack_version="1.0.0",
                entry=entry,
            )
        )
        assert visit.id is not None
        if finished:
            visit = self.store.finish_visit(visit.id, started.replace(hour=started.hour + 1))
        return visit

    def answer(
        self, visit: Visit, who: int, *, for_whom: int | None = None, value: float = 5
    ) -> Response:
        assert visit.id is not None
        return self.store.record_response(
            Response(
                visit_id=visit.id,
                prompt_id="scaling.safety",
                tool_id="scaling",
                answered_by=who,
                on_behalf_of=for_whom,
                value=value,
                scale_min=0,
                scale_max=10,
                said_at=visit.started_at,
            )
        )


def family(path: Path) -> Family:
    store = Store.open(path / "sessionkit.db", busy_timeout_ms=50)
    case = store.add_case(Case(reference="CW-1"))
    assert case.id is not None

    def add(name: str, role: Role, **more: object) -> int:
        member = store.add_member(Member(case_id=case.id, name=name, role=role, **more))
        assert member.id is not None
        return member.id

    return Family(
        store=store,
        case_id=case.id,
        mum=add("Mum", Role.PARENT),
        ava=add("Ava", Role.CHILD, age=9),
        leo=add(
            "Leo",
            Role.CHILD,
            age=5,
            communication_needs=frozenset({CommunicationNeed.NON_VERBAL}),
        ),
        you=add("You", Role.PRACTITIONER),
    )
