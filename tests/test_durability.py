"""Nothing recorded is ever lost: a real sessionkit in a pseudo-terminal, killed with SIGKILL.

The app promises that an answer shows as "Recorded" only after it is committed. This
drives the real program through a stdlib pseudo-terminal as a practitioner would (keys
in, screen out), kills its whole process group with SIGKILL the moment the last answer
shows as recorded, and then checks the database file itself: every answer the screen
called recorded is there, with its value, question and person, and the visit is still
open. A second start must offer to resume that visit, show the same answers, and let it
be finished and the app quit cleanly, with nothing lost on the way.

SIGKILL gives the process no chance to flush, close or checkpoint anything, so this
proves nothing is held back in memory. It cannot prove the bytes reached the platter
(that would take pulling the power); `synchronous=FULL` is what covers that.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

import pytest

if sys.platform != "win32":
    import fcntl
    import pty
    import termios

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")

ROWS, COLUMNS = 36, 110
TIMEOUT = 15.0
DEMO = "DEMO-HARPER"

# Escape sequences to strip from what the app writes: OSC (ended by BEL or ST), DCS/APC/PM/SOS
# strings, CSI sequences, and the remaining two-byte ESC sequences.
ESCAPES = re.compile(
    rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|\x1b[P_^X][^\x1b]*\x1b\\"
    rb"|\x1b\[[0-?]*[ -/]*[@-~]"
    rb"|\x1b[ -/]*[0-~]"
)

ENTER = b"\r"
RIGHT = b"\x1b[C"
LEFT = b"\x1b[D"
DOWN = b"\x1b[B"
UP = b"\x1b[A"
CTRL_S = b"\x13"
CTRL_Q = b"\x11"


def plain(raw: bytes) -> str:
    """What a person would read: the output without escape sequences."""
    return ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")


def words(text: str) -> re.Pattern[str]:
    """`text` as a pattern that still matches when a narrow box wraps it onto two lines."""
    return re.compile(r"\W+".join(re.escape(word) for word in text.split()))


def tail(text: str, size: int = 2000) -> str:
    """The end of the output for a failure message, blank lines and padding squeezed out."""
    lines = (re.sub(r" {3,}", "  ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line.strip("│ ╭╮╰╯─"))[-size:]


class Terminal:
    """One program running in its own pseudo-terminal and session, its output drained."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.args = args
        master, slave = pty.openpty()
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self._master = master
        try:
            self.proc = subprocess.Popen(
                args,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                start_new_session=True,
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            # Only the child holds the slave now, so reads see EIO once it is gone.
            os.close(slave)
        self._raw = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._since = 0
        self._reader = threading.Thread(target=self._drain, name="pty-reader", daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        # Read everything, always, so the app never blocks writing to its terminal.
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self._master], [], [], 0.05)
                if not ready:
                    continue
                chunk = os.read(self._master, 65536)
            except OSError:  # EIO: the other side is closed
                return
            if not chunk:
                return
            with self._lock:
                self._raw.extend(chunk)

    def _raw_since(self, offset: int) -> bytes:
        with self._lock:
            return bytes(self._raw[offset:])

    def screen(self, since: int = 0) -> str:
        return plain(self._raw_since(since))

    def press(self, keys: bytes) -> None:
        """Send keys; later waits only look at what the app wrote after this point."""
        with self._lock:
            self._since = len(self._raw)
        os.write(self._master, keys)

    def wait_for(self, wanted: str | re.Pattern[str], timeout: float = TIMEOUT) -> re.Match[str]:
        """Wait until `wanted` (words, or a regex) appears in the output since the last key."""
        pattern = wanted if isinstance(wanted, re.Pattern) else words(wanted)
        deadline = time.monotonic() + timeout
        while True:
            exited = self.proc.poll()
            if exited is not None:
                self._reader.join(2)  # what it wrote last (a traceback, say) is read too
            found = pattern.search(self.screen(self._since))
            if found:
                return found
            if exited is not None or time.monotonic() > deadline:
                why = (
                    f"the program exited with code {exited}"
                    if exited is not None
                    else f"nothing matched in {timeout:.0f} s"
                )
                shown = wanted if isinstance(wanted, str) else wanted.pattern
                pytest.fail(
                    f"Waiting for {shown!r} on screen: {why}.\n"
                    f"Command: {' '.join(self.args)}\n"
                    f"The end of the screen output (escapes removed, padding squeezed):\n"
                    f"{tail(self.screen())}",
                    pytrace=False,
                )
            time.sleep(0.02)

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"{' '.join(self.args)} did not exit within {timeout:.0f} s.\n"
                f"The end of the screen output:\n{tail(self.screen())}",
                pytrace=False,
            )

    def kill(self) -> None:
        """SIGKILL the whole process group (its own session, so only this program)."""
        if self.proc.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(TIMEOUT)

    def _stop_reading(self) -> None:
        self._stop.set()
        self._reader.join(2)

    def close(self) -> None:
        try:
            self.kill()
        finally:
            self._stop_reading()
            with suppress(OSError):
                os.close(self._master)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TEXTUAL", "SESSIONKIT_")) and k not in ("COLUMNS", "LINES")
    }
    environ.update(
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(ROWS),
        SESSIONKIT_DATA_DIR=str(tmp_path / "data"),
        SESSIONKIT_CONFIG_DIR=str(tmp_path / "config"),
    )
    return environ


@pytest.fixture
def spawn(env: dict[str, str]) -> Iterator[Callable[[], Terminal]]:
    """Start `python -m sessionkit` in a fresh pseudo-terminal; all are killed at teardown."""
    started: list[Terminal] = []

    def start() -> Terminal:
        terminal = Terminal([sys.executable, "-m", "sessionkit"], env)
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        terminal.close()


def _sessionkit_command() -> list[str]:
    script = Path(sys.executable).with_name("sessionkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sessionkit"]


def _read_only(database: Path) -> sqlite3.Connection:
    # Read-only, so looking cannot recover, checkpoint or otherwise tidy up after the kill.
    return sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)


class Family:
    """The ids the assertions need, looked up by name in the database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        (self.case_id,) = conn.execute(
            "SELECT id FROM cases WHERE reference = ?", (DEMO,)
        ).fetchone()
        members = dict(
            conn.execute("SELECT name, id FROM members WHERE case_id = ?", (self.case_id,))
        )
        self.member_ids = sorted(members.values())
        self.maya, self.leo = members["Maya"], members["Leo"]
        goals = dict(conn.execute("SELECT text, id FROM goals WHERE case_id = ?", (self.case_id,)))
        self.mornings = next(i for text, i in goals.items() if text.startswith("Mornings"))
        self.talking = next(i for text, i in goals.items() if text.startswith("Maya feels"))


def _visits(conn: sqlite3.Connection, case_id: int) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT id, ended_at, present_member_ids FROM visits WHERE case_id = ? ORDER BY id",
        (case_id,),
    ).fetchall()


def _responses(conn: sqlite3.Connection, visit_id: int) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT * FROM responses WHERE visit_id = ? ORDER BY id", (visit_id,)
    ).fetchall()


def _answers(conn: sqlite3.Connection, visit_id: int) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT prompt_id, answered_by, on_behalf_of, value FROM responses "
        "WHERE visit_id = ? ORDER BY id",
        (visit_id,),
    ).fetchall()


def test_answers_shown_as_recorded_survive_sigkill_and_the_visit_resumes(
    tmp_path: Path, env: dict[str, str], spawn: Callable[[], Terminal]
) -> None:
    database = tmp_path / "data" / "sessionkit.db"
    demo = subprocess.run(
        [*_sessionkit_command(), "demo"], env=env, capture_output=True, text=True, timeout=60
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert DEMO in demo.stdout

    # --- first run: start a visit, record four answers, then SIGKILL -------------------
    app = spawn()
    app.wait_for(DEMO)
    app.press(ENTER)  # open the case
    app.wait_for("Goals")
    app.press(b"v")
    app.wait_for("Who is there")
    app.press(CTRL_S)  # everyone present is ticked already
    app.wait_for("Answering: Maya")

    # Mornings goal, Maya says 7.
    app.press(b"7")
    app.wait_for("Recorded Maya: 7 ·")
    # Same question, Leo says 4.
    app.press(RIGHT)
    app.wait_for("Answering: Leo")
    app.press(b"4")
    app.wait_for("Recorded Leo: 4 ·")
    # The mornings goal's level, still Leo: key 4 in the picker is +1.
    app.press(DOWN)
    app.wait_for("Five levels in the family's words")
    app.press(b"\r")
    app.wait_for("somewhat more than expected")
    app.press(b"4")
    app.wait_for("Recorded Leo: +1 somewhat more than expected ·")
    # Maya's own goal, still Leo: 9.
    app.press(DOWN)
    app.wait_for("keep it all inside")  # the low end of Maya's goal
    app.press(b"9")
    app.wait_for("Recorded Leo: 9 ·")
    # Past the level of Maya's goal to the first toolpack scale (safety), back to Maya:
    # "1" then "0" at once is ten, which amends the "1" just committed, so the kill also
    # follows an update, not only inserts.
    app.press(DOWN)
    app.wait_for("Five levels in the family's words")
    app.press(DOWN)
    app.wait_for("not safe at all")  # the low end of the safety scale
    app.press(LEFT)
    app.wait_for("Answering: Maya")
    app.press(b"10")
    app.wait_for("Recorded Maya: 10 ·")
    app.kill()
    assert app.proc.returncode == -signal.SIGKILL

    # --- the database file, read as the kill left it -----------------------------------
    with closing(_read_only(database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        family = Family(conn)
        visits = _visits(conn, family.case_id)
        assert len(visits) == 6, visits  # the demo's five, and this one
        visit_id, ended_at, present = visits[-1]
        assert ended_at is None, "the killed visit should still be open"
        assert all(v[1] is not None for v in visits[:-1])
        assert sorted(json.loads(present)) == family.member_ids
        expected = [
            (f"goal.{family.mornings}.rating", family.maya, None, 7.0),
            (f"goal.{family.mornings}.rating", family.leo, None, 4.0),
            (f"goal.{family.mornings}.gas", family.leo, None, 1.0),
            (f"goal.{family.talking}.rating", family.leo, None, 9.0),
            ("scaling.safety", family.maya, None, 10.0),
        ]
        assert _answers(conn, visit_id) == expected, "an answer shown as recorded was lost"
        before = _responses(conn, visit_id)

    # --- second run: offered the visit back, everything still there, finished ----------
    app = spawn()
    app.wait_for("Unfinished visit")
    app.wait_for("5 answer(s) were recorded and are safe")
    app.wait_for("Resume")
    app.press(b"r")
    app.wait_for("Answering: Maya")
    # Resumed where it was left (the safety scale, Maya), then the "Now" column question
    # by question back up: the values recorded before the kill.
    app.wait_for(re.compile(r"Who +Now "))
    app.wait_for("not safe at all")
    app.wait_for(re.compile(r"Maya +10 "))
    app.press(UP)
    app.press(UP)
    app.wait_for(re.compile(r"Leo +9 "))
    app.press(UP)
    app.wait_for(re.compile(r"Leo +\+1 somewhat more than expected"))
    app.press(UP)
    app.wait_for(re.compile(r"Maya +7 "))
    app.wait_for(re.compile(r"Leo +4 "))
    app.press(b"f")
    app.wait_for("Finish this visit? 5 answer(s) recorded.")
    app.press(b"y")
    app.wait_for("Visit finished")
    app.press(CTRL_Q)
    assert app.wait_exit() == 0

    with closing(_read_only(database)) as conn:
        visits = _visits(conn, family.case_id)
        assert len(visits) == 6, visits
        assert visits[-1][0] == visit_id
        assert visits[-1][1] is not None, "finishing should have set ended_at"
        assert _responses(conn, visit_id) == before
