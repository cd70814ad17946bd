"""Start-up: first paint of the home screen against a bare Textual app, side by side.

Run: .venv/bin/python benchmarks/first_paint.py [--runs 15] [--cases 1000]

Uses the shared measuring tool (`../shared/tools/first_paint.py`: a fresh tmux session per
run, polling the screen every 5 ms for a marker) on both apps in the same run, taking
turns so that machine noise falls on both. sessionkit opens on a store holding the demo
family, and the marker is the last text of its home screen to appear: the demo case's
reference inside the list of cases. Budget: sessionkit's median within 1.3x of the bare app.

`--cases N` adds N - 1 fictional cases beside the demo family first (each with three
people and a few visits, the last one finished), for a practitioner with a long list;
the demo family sorts first, so the marker is still on the first screen. Same budget.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_TOOLS = ROOT.parent / "shared" / "tools"
VENV_BIN = Path(sys.executable).parent


def measure(marker: str, runs: int, command: str) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, str(SHARED_TOOLS / "first_paint.py"), marker, str(runs), "--", command],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"first_paint.py failed: {done.stderr.strip()[-500:]}")
    out = done.stdout
    match = re.search(r"min ([\d.]+) median ([\d.]+)", out)
    if not match:
        raise SystemExit(f"unexpected output from first_paint.py: {out!r}")
    return float(match.group(1)), float(match.group(2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of --runs each")
    parser.add_argument("--cases", type=int, default=1, help="cases in the store (demo first)")
    args = parser.parse_args()
    if not (SHARED_TOOLS / "first_paint.py").exists():
        raise SystemExit(f"the measuring tool is not at {SHARED_TOOLS}")
    # One idle session keeps the tmux server alive between runs; otherwise a run can start
    # while the server from the previous run is still shutting down, and fail.
    keepalive = f"fp-keepalive-{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", keepalive, "sleep 3600"], check=True)
    try:
        bare, ours = _measure_both(args.runs, args.rounds, args.cases)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keepalive], check=False)
    bare_median = sorted(bare)[len(bare) // 2]
    ours_median = sorted(ours)[len(ours) // 2]
    ratio = ours_median / bare_median
    print(
        f"bare Textual app: median {bare_median * 1000:.0f} ms (per round: "
        + ", ".join(f"{b * 1000:.0f}" for b in bare)
        + ")"
    )
    print(
        f"sessionkit home:  median {ours_median * 1000:.0f} ms (per round: "
        + ", ".join(f"{o * 1000:.0f}" for o in ours)
        + ")"
    )
    print(f"cases in the store: {args.cases}")
    print(f"ratio {ratio:.2f}x (budget: within 1.30x)")


def _measure_both(runs: int, rounds: int, cases: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        env_prefix = f"SESSIONKIT_DATA_DIR={folder}/data SESSIONKIT_CONFIG_DIR={folder}/config"
        subprocess.run(
            [str(VENV_BIN / "sessionkit"), "demo"],
            env={**os.environ, "SESSIONKIT_DATA_DIR": f"{folder}/data"},
            check=True,
            capture_output=True,
        )
        if cases > 1:
            add_fictional_cases(Path(folder) / "data" / "sessionkit.db", cases - 1)
        bare_cmd = f"{VENV_BIN / 'python'} {SHARED_TOOLS / 'bare_textual_app.py'}"
        ours_cmd = f"env {env_prefix} {VENV_BIN / 'sessionkit'}"
        bare: list[float] = []
        ours: list[float] = []
        for _ in range(rounds):
            bare.append(measure("BARE-READY", runs, bare_cmd)[1])
            ours.append(measure("DEMO-HARPER", runs, ours_cmd)[1])
    return bare, ours


def add_fictional_cases(database: Path, count: int) -> None:
    """`count` made-up cases, references after DEMO-HARPER, in one transaction."""
    from datetime import date, datetime, timedelta

    from sessionkit.domain import Case, Member, Role, Visit
    from sessionkit.domain.enums import CareStatus
    from sessionkit.storage import Store

    statuses = list(CareStatus)
    start = datetime(2025, 1, 6, 10).astimezone()
    with Store.open(database) as store, store.batch() as batch:
        for n in range(count):
            case_id = batch.add_case(
                Case(
                    reference=f"FICTIONAL-{n:04d}",
                    care_status=frozenset({statuses[n % len(statuses)]}),
                    opened_on=date(2025, 1, 1),
                )
            )
            for name, role in (("Alex", Role.CHILD), ("Jo", Role.PARENT), ("Sam", Role.CHILD)):
                batch.add_member(Member(case_id=case_id, name=name, role=role, age=9))
            for v in range(n % 5):
                begun = start + timedelta(days=7 * v + n % 7)
                batch.add_visit(
                    Visit(case_id=case_id, started_at=begun, ended_at=begun + timedelta(hours=1))
                )


if __name__ == "__main__":
    main()
