"""Fixtures for storage tests: a fresh store in a temporary folder, and file helpers."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sessionkit.domain import Case, Goal, Member, Response, Role, Visit
from sessionkit.storage import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "sessionkit.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run under a given umask: modes must not depend on it."""
    value: int = request.param
    previous = os.umask(value)
    try:
        yield value
    finally:
        os.umask(previous)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def at(day: int, hour: int = 10, offset_hours: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=timezone(timedelta(hours=offset_hours)))


@dataclass
class Family:
    case: Case
    child: Member
    parent: Member
    goal: Goal
    visit: Visit

    @property
    def ids(self) -> tuple[int, int, int, int, int]:
        assert self.case.id and self.child.id and self.parent.id
        assert self.goal.id and self.visit.id
        return self.case.id, self.child.id, self.parent.id, self.goal.id, self.visit.id


def add_family(store: Store, reference: str = "AB-1") -> Family:
    """A small case: two members, a goal, one started visit."""
    case = store.add_case(Case(reference=reference))
    child = store.add_member(Member(case_id=case.id, name="Kit", role=Role.CHILD, age=8))
    parent = store.add_member(Member(case_id=case.id, name="Jo", role=Role.PARENT))
    goal = store.add_goal(Goal(case_id=case.id, text="Calmer evenings", created_at=at(1)))
    visit = store.start_visit(Visit(case_id=case.id, started_at=at(2)))
    return Family(case, child, parent, goal, visit)


def answer(visit_id: int, member_id: int, value: float, **extra: object) -> Response:
    return Response.model_validate(
        {
            "visit_id": visit_id,
            "prompt_id": "scaling.safety",
            "answered_by": member_id,
            "value": value,
            "scale_min": 0,
            "scale_max": 10,
            "said_at": at(2, 11),
            "recorded_at": at(2, 11),
            **extra,
        }
    )
