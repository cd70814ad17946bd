"""Start-up: first paint of the home screen against a bare Textual app, side by side.

Run: .venv/bin/python benchmarks/first_paint.py [--runs 15]

Uses the shared measuring tool (`../shared/tools/first_paint.py`: a fresh tmux session per
run, polling the screen every 5 ms for a marker) on both apps in the same run, taking
turns so that machine noise falls on both. sessionkit opens on a store holding the demo
family, and the marker is the last text of its home screen to appear: the demo case's
reference inside the list of cases. Budget: sessionkit's median within 1.3x of the bare app.
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
    args = parser.parse_args()
    if not (SHARED_TOOLS / "first_paint.py").exists():
        raise SystemExit(f"the measuring tool is not at {SHARED_TOOLS}")
    # One idle session keeps the tmux server alive between runs; otherwise a run can start
    # while the server from the previous run is still shutting down, and fail.
    keepalive = f"fp-keepalive-{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", keepalive, "sleep 3600"], check=True)
    try:
        bare, ours = _measure_both(args.runs, args.rounds)
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
    print(f"ratio {ratio:.2f}x (budget: within 1.30x)")


def _measure_both(runs: int, rounds: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        env_prefix = f"SESSIONKIT_DATA_DIR={folder}/data SESSIONKIT_CONFIG_DIR={folder}/config"
        subprocess.run(
            [str(VENV_BIN / "sessionkit"), "demo"],
            env={**os.environ, "SESSIONKIT_DATA_DIR": f"{folder}/data"},
            check=True,
            capture_output=True,
        )
        bare_cmd = f"{VENV_BIN / 'python'} {SHARED_TOOLS / 'bare_textual_app.py'}"
        ours_cmd = f"env {env_prefix} {VENV_BIN / 'sessionkit'}"
        bare: list[float] = []
        ours: list[float] = []
        for _ in range(rounds):
            bare.append(measure("BARE-READY", runs, bare_cmd)[1])
            ours.append(measure("DEMO-HARPER", runs, ours_cmd)[1])
    return bare, ours


if __name__ == "__main__":
    main()
