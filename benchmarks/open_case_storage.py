"""Reading a case from a large store: 1,000 cases, 50,000 visits (50 per case).

Run: PYTHONPATH=src .venv/bin/python benchmarks/open_case_storage.py [--responses-per-visit 10]
Times "opening a case" (get_case + list_members + list_goals + list_visits; budget 50 ms),
list_cases, responses_for_case, and Store.open (with and without quick_check).
The store is filled with plain executemany in one transaction, through the same codec.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sessionkit.domain import Case, Goal, Member, Response, Role, Visit
from sessionkit.storage import Store, codec


def fill(
    store: Store, cases: int, visits_per_case: int, responses_per_visit: int, prefix: str = "C"
) -> None:
    conn = store._connection()
    rng = random.Random(1)
    start = datetime(2024, 1, 1, 10).astimezone()
    conn.execute("BEGIN IMMEDIATE")
    for n in range(cases):
        case_id = conn.execute(
            codec.insert_sql("cases", codec.CASE_COLUMNS),
            codec.case_params(Case(reference=f"{prefix}{n:05d}")),
        ).lastrowid
        members = [
            conn.execute(
                codec.insert_sql("members", codec.MEMBER_COLUMNS),
                codec.member_params(Member(case_id=case_id, name=name, role=role)),
            ).lastrowid
            for name, role in (("Child", Role.CHILD), ("Parent", Role.PARENT), ("Sib", Role.CHILD))
        ]
        for g in range(3):
            conn.execute(
                codec.insert_sql("goals", codec.GOAL_COLUMNS),
                codec.goal_params(Goal(case_id=case_id, text=f"Goal {g} in their words")),
            )
        for v in range(visits_per_case):
            when = start + timedelta(days=14 * v, minutes=n)
            visit = Visit(case_id=case_id, started_at=when, ended_at=when + timedelta(hours=1))
            visit_id = conn.execute(
                codec.insert_sql("visits", codec.VISIT_COLUMNS), codec.visit_params(visit)
            ).lastrowid
            rows: list[dict[str, Any]] = []
            for r in range(responses_per_visit):
                response = Response(
                    visit_id=visit_id,
                    prompt_id=f"scaling.p{r % 8}",
                    tool_id="scaling",
                    wording="On a scale from 0 to 10, how are things?",
                    answered_by=members[r % 3],
                    value=rng.randint(0, 10),
                    scale_min=0,
                    scale_max=10,
                    text="some words said" if r % 3 == 0 else "",
                    said_at=when,
                    recorded_at=when,
                )
                rows.append(codec.response_params(response))
            conn.executemany(codec.insert_sql("responses", codec.RESPONSE_COLUMNS), rows)
    conn.execute("COMMIT")


def timed(label: str, action: Callable[[], object], repeat: int = 20) -> None:
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        action()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    print(f"{label}: median {samples[len(samples) // 2]:.1f} ms, worst {samples[-1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--visits-per-case", type=int, default=50)
    parser.add_argument("--responses-per-visit", type=int, default=10)
    parser.add_argument("--big-case-visits", type=int, default=500)
    parser.add_argument("--big-case-responses", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data" / "sessionkit.db"
        t = time.perf_counter()
        with Store.open(path) as store:
            fill(store, args.cases, args.visits_per_case, args.responses_per_visit)
            fill(store, 1, args.big_case_visits, args.big_case_responses, prefix="Z")
        print(f"filled in {time.perf_counter() - t:.1f} s, {path.stat().st_size / 1e6:.0f} MB")
        timed("Store.open (header checks only)", lambda: Store.open(path).close(), 5)
        timed(
            "Store.open (with quick_check)",
            lambda: Store.open(path, quick_check_max_bytes=1 << 40).close(),
            3,
        )
        with Store.open(path) as store:
            ids = [s.case_id for s in store.list_cases()]
            rng = random.Random(2)

            def open_case() -> None:
                case_id = rng.choice(ids[:-1])
                assert case_id is not None
                store.get_case(case_id)
                store.list_members(case_id)
                store.list_goals(case_id)
                store.list_visits(case_id)

            timed("open a case (get_case+members+goals+visits)", open_case, 50)
            timed("list_cases", store.list_cases, 5)
            big = ids[-1]
            assert big is not None
            per_case = args.visits_per_case * args.responses_per_visit
            timed(
                f"responses_for_case ({per_case} responses)",
                lambda: store.responses_for_case(ids[0] or 0),
            )
            timed(
                f"responses_for_case ({args.big_case_visits * args.big_case_responses} responses)",
                lambda: store.responses_for_case(big),
                5,
            )
            timed(f"list_visits ({args.big_case_visits} visits)", lambda: store.list_visits(big), 5)


if __name__ == "__main__":
    main()
