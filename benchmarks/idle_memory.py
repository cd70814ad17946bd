"""Idle memory: resident set size of sessionkit against a bare Textual app, in a real terminal.

Run: .venv/bin/python benchmarks/idle_memory.py

Each app runs in its own tmux session (120x40). Once its marker is on screen, and two
seconds more for the work done after the first paint (toolpacks, resume check), VmRSS of
its python process is read from /proc. sessionkit opens on a temporary data folder holding
the demo family; it is started once beforehand so that the start-up cache is built, as on
any start but the first. It is measured on the home screen and again after opening the
demo case's movement screen (Enter, then M). Takes about 15 s.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_APP = ROOT.parent / "shared" / "tools" / "bare_textual_app.py"
VENV_BIN = Path(sys.executable).parent
SIZE = ("120", "40")
SETTLE_SECONDS = 2.0
TIMEOUT_SECONDS = 10.0


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=True)
    return done.stdout


def wait_for(session: str, marker: str) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if marker in tmux("capture-pane", "-p", "-t", session):
            return
        time.sleep(0.05)
    screen = tmux("capture-pane", "-p", "-t", session)
    raise SystemExit(f"{marker!r} did not appear in {session}; the screen shows:\n{screen}")


def python_pid(session: str) -> int:
    """The python process in the session's pane: the pane's process or a descendant."""
    pane = int(tmux("list-panes", "-t", session, "-F", "#{pane_pid}").split()[0])
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: split after it.
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    todo = [pane]
    while todo:
        pid = todo.pop(0)
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if "python" in Path(os.fsdecode(command)).name:
            return pid
        todo += children.get(pid, [])
    raise SystemExit(f"no python process found under pane process {pane}")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmRSS for process {pid}")


class Session:
    """One app in a detached tmux session, killed on leaving the block."""

    def __init__(self, name: str, command: str) -> None:
        self.name = name
        self.command = command

    def __enter__(self) -> Session:
        tmux("new-session", "-d", "-s", self.name, "-x", SIZE[0], "-y", SIZE[1], self.command)
        return self

    def __exit__(self, *_exc: object) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True, check=False)

    def settled_rss(self, marker: str) -> float:
        wait_for(self.name, marker)
        time.sleep(SETTLE_SECONDS)
        return rss_mb(python_pid(self.name))


def main() -> None:
    if not BARE_APP.exists():
        raise SystemExit(f"the bare Textual app is not at {BARE_APP}")
    tag = os.getpid()
    # One idle session keeps the tmux server alive between sessions; otherwise a new one
    # can start while the server from the previous one is still shutting down, and fail.
    keepalive = f"mem-keepalive-{tag}"
    tmux("new-session", "-d", "-s", keepalive, "sleep 3600")
    try:
        with tempfile.TemporaryDirectory() as folder:
            env = {
                "SESSIONKIT_DATA_DIR": f"{folder}/data",
                "SESSIONKIT_CONFIG_DIR": f"{folder}/config",
            }
            subprocess.run(
                [str(VENV_BIN / "sessionkit"), "demo"],
                env={**os.environ, **env},
                check=True,
                capture_output=True,
            )
            prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
            ours = f"env {prefix} {shlex.quote(str(VENV_BIN / 'sessionkit'))}"
            bare = f"{shlex.quote(sys.executable)} {shlex.quote(str(BARE_APP))}"

            with Session(f"mem-warmup-{tag}", ours) as warmup:
                wait_for(warmup.name, "DEMO-HARPER")  # builds the start-up cache
            with Session(f"mem-bare-{tag}", bare) as session:
                bare_mb = session.settled_rss("BARE-READY")
            with Session(f"mem-ours-{tag}", ours) as session:
                home_mb = session.settled_rss("DEMO-HARPER")
                tmux("send-keys", "-t", session.name, "Enter")
                wait_for(session.name, "Visits ·")
                tmux("send-keys", "-t", session.name, "m")
                movement_mb = session.settled_rss("· movement ·")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keepalive], capture_output=True, check=False)

    print(f"bare Textual app:       {bare_mb:6.1f} MB")
    print(f"sessionkit, home:       {home_mb:6.1f} MB  (+{home_mb - bare_mb:.1f} MB)")
    print(f"sessionkit, movement:   {movement_mb:6.1f} MB  (+{movement_mb - bare_mb:.1f} MB)")


if __name__ == "__main__":
    main()
