"""Latency of recording one response (one durable commit, synchronous=FULL).

Run: PYTHONPATH=src .venv/bin/python benchmarks/record_latency_storage.py [--n 2000] [--dir DIR]
Measures `Store.record_response` end to end (validation excluded: the Response is built
before the clock starts, as the UI builds it before saving). Budget: p99 < 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sessionkit.domain import Case, Member, Response, Role, Visit
from sessionkit.storage import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        store = Store.open(Path(folder) / "data" / "sessionkit.db")
        case = store.add_case(Case(reference="BENCH"))
        child = store.add_member(Member(case_id=case.id, name="Child", role=Role.CHILD, age=9))
        visit = store.start_visit(Visit(case_id=case.id))
        assert child.id is not None and visit.id is not None
        samples: list[float] = []
        for i in range(args.n):
            response = Response(
                visit_id=visit.id,
                prompt_id="scaling.safety",
                tool_id="scaling",
                wording="On a scale from 0 to 10, how safe do you feel at home right now?",
                answered_by=child.id,
                value=float(i % 11),
                scale_min=0,
                scale_max=10,
                text="about the same as last time",
                tags=["home"],
            )
            start = time.perf_counter()
            store.record_response(response)
            samples.append((time.perf_counter() - start) * 1000)
        store.close()
    samples.sort()
    p50 = statistics.median(samples)
    p99 = samples[int(len(samples) * 0.99) - 1]
    print(
        f"record_response x{args.n}: p50 {p50:.3f} ms, p99 {p99:.3f} ms, "
        f"max {samples[-1]:.3f} ms (synchronous=FULL, WAL)"
    )


if __name__ == "__main__":
    main()
