"""'Saved as you type' that is not: a real sessionkit in a pseudo-terminal, killed with
SIGKILL the moment the straight-after screen calls the reflection saved, loses nothing.

Each round types a reflection, waits for the screen to say saved, kills the program at
once and reads the database file as the kill left it. Several rounds, because the loss
this guards against depended on where the kill fell within the pause before saving.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from test_durability import (  # noqa: F401  (env and spawn are fixtures used by name)
    DEMO,
    ENTER,
    Terminal,
    _read_only,
    _sessionkit_command,
    env,
    spawn,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")

F4 = b"\x1bOS"
ROUNDS = 3
AFTER_TYPING = re.compile(r"not\W+saved\W+yet[\s\S]*note:\W+saved")


def reflection_of_last_visit(database: Path) -> str:
    with closing(_read_only(database)) as conn:
        (raw,) = conn.execute(
            "SELECT reflection FROM visits WHERE ended_at IS NOT NULL "
            "ORDER BY started_key DESC, id DESC LIMIT 1"
        ).fetchone()
    return json.dumps(json.loads(raw)) if raw else ""


def test_reflection_shown_as_saved_survives_sigkill(
    tmp_path: Path,
    env: dict[str, str],  # noqa: F811
    spawn: Callable[[], Terminal],  # noqa: F811
) -> None:
    database = tmp_path / "data" / "sessionkit.db"
    demo = subprocess.run(
        [*_sessionkit_command(), "demo"], env=env, capture_output=True, text=True, timeout=60
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    for n in range(ROUNDS):
        words = f"Calmer round{n} quietly"
        app = spawn()
        app.wait_for(DEMO)
        app.press(ENTER)  # open the case
        app.wait_for("Goals")
        app.press(b"w")  # write up the last finished visit
        app.wait_for("Saved when you pause typing")
        app.press(F4)  # to the reflection
        app.wait_for("What worked")
        app.press(words.encode())
        # In that order after the keys: a frame drawn before they were read still says saved.
        app.wait_for(AFTER_TYPING)
        app.kill()
        assert app.proc.returncode == -signal.SIGKILL
        assert words in reflection_of_last_visit(database), f"round {n}"
